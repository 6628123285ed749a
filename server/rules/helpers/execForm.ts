import type { CommandForm, Instruction, Span } from "../../../grammar/index.js";
import { type Fix, type FixKind, fixOf } from "../types.js";

export interface LooseArray {
  elements: { value: string; span: Span; singleQuoted: boolean }[];
}

/**
 * Reads text that looks like an exec-form array but uses single quotes (`['nginx', '-g', 'daemon off;']`), the way a
 * reader would: strings in single or double quotes, separated by commas. Returns undefined unless the whole text
 * has that shape and at least one string is single-quoted. `toSource` maps an offset in `text` to the document.
 */
export function readSingleQuotedArray(text: string, toSource: (i: number) => number): LooseArray | undefined {
  let i = skip(text, 0);
  if (text[i] !== "[") return undefined;
  i = skip(text, i + 1);
  const elements: LooseArray["elements"] = [];
  let sawSingle = false;
  if (text[i] === "]") return undefined;
  for (;;) {
    const q = text[i];
    if (q !== "'" && q !== '"') return undefined;
    const start = i;
    let value = "";
    i++;
    for (;;) {
      if (i >= text.length) return undefined;
      const c = text[i];
      if (c === q) break;
      if (c === "\\") {
        const n = text[i + 1];
        // Inside single quotes \' and \\ read as escapes; any other backslash is literal, as in a Windows path.
        if (q === "'" && n !== "'" && n !== "\\") {
          value += c;
          i++;
          continue;
        }
        if (q === '"' && n === undefined) return undefined;
        if (q === '"' && !`"\\/bfnrtu`.includes(n)) return undefined;
        if (q === '"' && n !== '"' && n !== "\\") {
          // Keep JSON escapes in double-quoted strings as JSON would decode them.
          try {
            value += JSON.parse(`"${text.slice(i, n === "u" ? i + 6 : i + 2)}"`) as string;
          } catch {
            return undefined;
          }
          i += n === "u" ? 6 : 2;
          continue;
        }
        value += n;
        i += 2;
        continue;
      }
      value += c;
      i++;
    }
    i++;
    if (q === "'") sawSingle = true;
    elements.push({
      value,
      span: { start: toSource(start), end: toSource(i - 1) + 1 },
      singleQuoted: q === "'",
    });
    i = skip(text, i);
    if (text[i] === ",") {
      i = skip(text, i + 1);
      continue;
    }
    if (text[i] === "]") {
      i = skip(text, i + 1);
      break;
    }
    return undefined;
  }
  return i === text.length && sawSingle ? { elements } : undefined;
}

function skip(text: string, i: number): number {
  while (i < text.length && (text[i] === " " || text[i] === "\t")) i++;
  return i;
}

/** The single-quoted exec form of an instruction, if it has one (Docker runs such text through the shell). */
export function singleQuotedExecForm(instruction: Instruction): LooseArray | undefined {
  const form: CommandForm | undefined = instruction.form;
  if (form?.kind !== "shell" || !form.notJson?.singleQuote) return undefined;
  const start = form.logicalStart;
  return readSingleQuotedArray(form.text, (i) => instruction.logical.toSource(start + i));
}

export const EXEC_FORM: FixKind = {
  title: "Convert to the exec form",
  safety: "unsafe",
  reason:
    "the command no longer runs under /bin/sh -c: an ENTRYPOINT (here or in the base image) gets other arguments, and shell features stop working",
};

/** Words that mean the same in a shell and in an exec form: no quoting, expansion, globbing or operators. */
const PLAIN_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

/** Only offered when splitting the text into arguments is unambiguous (the text holds plain words only). */
export function execFormFix(instruction: Instruction): Fix | undefined {
  const form = instruction.form;
  if (form?.kind !== "shell" || instruction.heredocs.length > 0) return undefined;
  const words = form.text.split(/[ \t]+/).filter((w) => w.length > 0);
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w))) return undefined;
  return fixOf(EXEC_FORM, [
    { span: form.span, newText: `[${words.map((w) => JSON.stringify(w)).join(", ")}]` },
  ]);
}
