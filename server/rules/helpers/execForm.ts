import type { CommandForm, Instruction, Span } from "../../../grammar/index.js";
import { type Fix, type FixKind, fixOf } from "../types.js";

/** How an element of a loosely read array is quoted: `"`, `'`, typographic quotes (`“ ”`, `‘ ’`), or not at all. */
export type LooseQuote = '"' | "'" | "typographic" | "none";

export interface LooseElement {
  /** The value a reader would take it for: quotes removed, escapes decoded (an invalid JSON escape kept as written). */
  value: string;
  /** From the opening to the closing quote (the word itself when unquoted), in the document. */
  span: Span;
  quote: LooseQuote;
}

/** What keeps an array-looking text from being the JSON an exec form needs. */
export type LooseProblem =
  | { kind: "single-quote" | "typographic-quote" | "unquoted"; element: LooseElement }
  | { kind: "bad-escape"; element: LooseElement; escape: string }
  | { kind: "missing-comma"; before: LooseElement; after: LooseElement }
  | { kind: "extra-comma" | "trailing-comma"; span: Span }
  | { kind: "unclosed"; at: Span }
  | { kind: "unterminated-string"; span: Span }
  /** `["app"] # note`: Docker has no comments after an instruction, so the `#` and what follows are arguments. */
  | { kind: "comment-after"; comment: Span; span: Span };

export interface LooseArray {
  elements: LooseElement[];
  problems: LooseProblem[];
  /** A `,` stood between elements somewhere (a reader's sign that an array was meant). */
  hasComma: boolean;
  /** The `[` is followed directly by something other than a blank. */
  tight: boolean;
}

const TYPOGRAPHIC_OPEN = "\u201c\u2018";
const TYPOGRAPHIC_CLOSE = "\u201d\u2019";
const JSON_ESCAPES = `"\\/bfnrtu`;

/**
 * Reads text that starts with `[` the way a person would read an intended exec form: strings in any quotes or none,
 * separated by commas or blanks, up to a `]` with nothing but blanks after it. Returns what it found and every way
 * the text departs from JSON; undefined when the text does not have that shape at all (`[ -f x ] && y`, PowerShell's
 * `[Net.ServicePointManager]::…`). `toSource` maps an offset in `text` to the document.
 */
export function readLooseArray(text: string, toSource: (i: number) => number): LooseArray | undefined {
  const span = (a: number, b: number): Span => ({ start: toSource(a), end: toSource(b - 1) + 1 });
  let i = skip(text, 0);
  if (text[i] !== "[") return undefined;
  const tight = i + 1 < text.length && !isBlank(text[i + 1]);
  i++;
  const out: LooseArray = { elements: [], problems: [], hasComma: false, tight };
  // A comma seen since the last element, and where it is.
  let comma = -1;
  for (;;) {
    i = skip(text, i);
    if (i >= text.length) {
      out.problems.push({ kind: "unclosed", at: span(text.length - 1, text.length) });
      break;
    }
    const c = text[i];
    if (c === "]") {
      if (comma >= 0) out.problems.push({ kind: "trailing-comma", span: span(comma, comma + 1) });
      i++;
      break;
    }
    if (c === ",") {
      if (comma >= 0 || out.elements.length === 0)
        out.problems.push({ kind: "extra-comma", span: span(i, i + 1) });
      else out.hasComma = true;
      comma = i;
      i++;
      continue;
    }
    const start = i;
    let value = "";
    let quote: LooseQuote;
    let badEscape: string | undefined;
    if (c === '"' || c === "'" || TYPOGRAPHIC_OPEN.includes(c) || TYPOGRAPHIC_CLOSE.includes(c)) {
      quote = c === '"' || c === "'" ? c : "typographic";
      const closes = quote === "typographic" ? TYPOGRAPHIC_CLOSE + TYPOGRAPHIC_OPEN + '"' : c;
      i++;
      for (;;) {
        if (i >= text.length) {
          out.problems.push({ kind: "unterminated-string", span: span(start, text.length) });
          return out;
        }
        const ch = text[i];
        if (closes.includes(ch)) break;
        if (ch === "\\" && i + 1 < text.length) {
          const n = text[i + 1];
          if (quote === "'") {
            // Inside single quotes \' and \\ read as escapes; any other backslash is literal, as in a Windows path.
            if (n === "'" || n === "\\") {
              value += n;
              i += 2;
            } else {
              value += ch;
              i++;
            }
            continue;
          }
          const decoded = jsonEscape(text, i);
          if (decoded !== undefined) {
            value += decoded.value;
            i += decoded.length;
            continue;
          }
          // Not a JSON escape (`C:\app`): a reader means the backslash itself.
          badEscape ??= text.slice(i, i + 2);
          value += ch;
          i++;
          continue;
        }
        value += ch;
        i++;
      }
      // A backslash that is no JSON escape shows a Windows path: every backslash of the string is meant as itself.
      if (badEscape !== undefined) value = literalBackslashes(text.slice(start + 1, i));
      i++;
    } else {
      quote = "none";
      while (i < text.length && !isBlank(text[i]) && text[i] !== "," && text[i] !== "]") i++;
      value = text.slice(start, i);
    }
    const element: LooseElement = { value, span: span(start, i), quote };
    const previous = out.elements[out.elements.length - 1];
    if (previous && comma < 0) out.problems.push({ kind: "missing-comma", before: previous, after: element });
    if (quote === "'") out.problems.push({ kind: "single-quote", element });
    else if (quote === "typographic") out.problems.push({ kind: "typographic-quote", element });
    else if (quote === "none") out.problems.push({ kind: "unquoted", element });
    if (badEscape !== undefined) out.problems.push({ kind: "bad-escape", element, escape: badEscape });
    out.elements.push(element);
    comma = -1;
  }
  const rest = skip(text, i);
  if (rest === text.length) return out;
  if (text[rest] !== "#") return undefined;
  let end = text.length;
  while (end > rest && isBlank(text[end - 1])) end--;
  out.problems.push({ kind: "comment-after", comment: span(rest, end), span: span(i, end) });
  return out;
}

/** The JSON escape at `text[i]` (a backslash) and how many characters it takes; undefined when it is not one. */
function jsonEscape(text: string, i: number): { value: string; length: number } | undefined {
  const n = text[i + 1];
  if (!JSON_ESCAPES.includes(n)) return undefined;
  const length = n === "u" ? 6 : 2;
  if (n === "u" && !/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return undefined;
  return { value: JSON.parse(`"${text.slice(i, i + length)}"`) as string, length };
}

/** `\"` and `\\` as escapes, every other backslash as written. */
function literalBackslashes(inner: string): string {
  return inner.replace(/\\(["\\])/g, "$1");
}

function isBlank(c: string): boolean {
  return c === " " || c === "\t" || c === "\n" || c === "\r";
}

function skip(text: string, i: number): number {
  while (i < text.length && isBlank(text[i])) i++;
  return i;
}

/** The loosely read array of an instruction whose text Docker ran as a shell command because it is not JSON. */
export function looseExecForm(instruction: Instruction): LooseArray | undefined {
  const form: CommandForm | undefined = instruction.form;
  if (form?.kind !== "shell" || !form.notJson) return undefined;
  const start = form.logicalStart;
  return readLooseArray(form.text, (i) => instruction.logical.toSource(start + i));
}

/**
 * Whether the text was meant as an exec form: it reads as an array with at least one departure from JSON, and it is
 * not the shell's `[` test command (`[ -f x ]`, `[ "$a" = b ]`: a blank after `[`, a bare word, no comma) or bash's
 * `[[ … ]]`.
 */
export function meantAsExecForm(array: LooseArray): boolean {
  if (array.problems.length === 0) return false;
  const first = array.elements[0];
  if (first?.quote === "none" && first.value.startsWith("[")) return false;
  const allQuoted = array.elements.length > 0 && array.elements.every((e) => e.quote !== "none");
  return array.hasComma || allQuoted || array.tight;
}

/**
 * The single-quoted exec form of an instruction, if that is its only departure from JSON (`['nginx', '-g', 'daemon
 * off;']`), which DF201 explains; Docker runs such text through the shell.
 */
export function singleQuotedExecForm(instruction: Instruction): LooseArray | undefined {
  const array = looseExecForm(instruction);
  if (!array || array.problems.length === 0) return undefined;
  return array.problems.every((p) => p.kind === "single-quote") ? array : undefined;
}

/** An intended exec form with any departure from JSON other than single quotes alone (DF214's case). */
export function brokenExecForm(instruction: Instruction): LooseArray | undefined {
  const array = looseExecForm(instruction);
  if (!array || !meantAsExecForm(array)) return undefined;
  return array.problems.every((p) => p.kind === "single-quote") ? undefined : array;
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
