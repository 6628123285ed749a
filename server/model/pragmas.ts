import type { CommentNode, DockerfileAst, Instruction, Span } from "../../grammar/index.js";
import { astFact, factKey } from "./model.js";

/**
 * Ignore pragmas, in hadolint's syntax and under our own name, read once for the engine and for the rules about
 * pragmas (DL1001, DF202):
 *   # hadolint ignore=DL3008,DL3009        the next instruction (`# dflint ignore=` works the same)
 *   # dflint ignore=DL3008 reason=pinned upstream
 *   # hadolint ignore=DL3008 # pinned upstream   (hadolint's trailing comment, kept as the reason too)
 *   # dflint stage ignore=DL3006          the stage whose FROM follows
 *   # hadolint global ignore=DL3059       the whole file
 */
export type PragmaScope = "instruction" | "stage" | "global";

export interface PragmaName {
  /** A rule code or alias, as written. */
  name: string;
  span: Span;
}

export interface IgnorePragma {
  /** The whole comment, `#` included. */
  span: Span;
  scope: PragmaScope;
  names: PragmaName[];
  /** Why the rules are ignored: `reason=…`, or the text of a trailing `# …`. */
  reason?: string;
  /** The instruction the pragma applies to (the next one after the comment); none for `global`. */
  target?: Instruction;
}

const IGNORE = /^(\s*(?:hadolint|dflint)\s+(?:(global|stage)\s+)?ignore\s*=)(.*)$/i;
const NAME = /[A-Za-z0-9_.-]+/y;
const REASON = /reason\s*=\s*/iy;

const IGNORE_PRAGMAS = factKey<IgnorePragma[]>("ignorePragmas");

/** Every ignore pragma of the file, in document order. */
export function ignorePragmas(ast: DockerfileAst): IgnorePragma[] {
  return astFact(ast, IGNORE_PRAGMAS, readIgnorePragmas);
}

function readIgnorePragmas(ast: DockerfileAst): IgnorePragma[] {
  const out: IgnorePragma[] = [];
  const instructions = ast.instructions;
  let next = 0;
  for (const c of ast.comments) {
    const pragma = readIgnore(ast, c);
    if (!pragma) continue;
    if (pragma.scope !== "global") {
      while (next < instructions.length && instructions[next].span.start < c.span.end) next++;
      pragma.target = instructions[next];
    }
    out.push(pragma);
  }
  return out;
}

function readIgnore(ast: DockerfileAst, c: CommentNode): IgnorePragma | undefined {
  const m = IGNORE.exec(c.text);
  if (!m) return undefined;
  // `text` is what follows the `#`; find where it starts in the file (a comment may be indented).
  const textStart = c.span.start + ast.text.slice(c.span.start, c.span.end).indexOf("#") + 1;
  const list = m[3];
  const base = textStart + m[1].length;
  const names: PragmaName[] = [];
  let reason: string | undefined;
  let i = 0;
  while (i < list.length) {
    const ch = list[i];
    if (ch === " " || ch === "\t" || ch === ",") {
      i++;
      continue;
    }
    if (ch === "#") {
      reason = list.slice(i + 1);
      break;
    }
    REASON.lastIndex = i;
    if (REASON.test(list)) {
      reason = list.slice(REASON.lastIndex);
      break;
    }
    NAME.lastIndex = i;
    const word = NAME.exec(list);
    if (!word) break; // Not a rule name: the rest is not part of the list.
    names.push({ name: word[0], span: { start: base + i, end: base + i + word[0].length } });
    i += word[0].length;
  }
  const scope = (m[2]?.toLowerCase() ?? "instruction") as PragmaScope;
  const pragma: IgnorePragma = { span: c.span, scope, names };
  const trimmed = reason?.trim().replace(/^"(.*)"$/, "$1");
  if (trimmed) pragma.reason = trimmed;
  return pragma;
}
