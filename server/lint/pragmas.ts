import type { DockerfileAst, Span } from "../../grammar/index.js";
import { type IgnorePragma, ignorePragmas } from "../model/pragmas.js";

/**
 * Inline pragmas, in hadolint's syntax and under our own name (ignore pragmas are read in model/pragmas.ts):
 *   # hadolint ignore=DL3008,DL3009     (or `# dflint ignore=...`) the next instruction
 *   # hadolint global ignore=DL3059     the whole file
 *   # dflint stage ignore=DL3006        the stage whose FROM follows
 *   # hadolint shell=powershell         the shell RUN instructions use, for shell-aware rules
 */
export interface Pragmas {
  global: IgnorePragma[];
  /** Ignores that apply to one instruction, keyed by the instruction's start offset. */
  instruction: Map<number, IgnorePragma[]>;
  /** Ignores for a stage, keyed by the start of its FROM (the stage's extent is resolved by the linter). */
  stageFrom: Map<number, IgnorePragma[]>;
  shell?: string;
}

const SHELL_PRAGMA = /^\s*(?:hadolint|dflint)\s+shell\s*=\s*(.*)$/i;

export function readPragmas(ast: DockerfileAst): Pragmas {
  const pragmas: Pragmas = {
    global: [],
    instruction: new Map(),
    stageFrom: new Map(),
  };
  for (const c of ast.comments) {
    const m = SHELL_PRAGMA.exec(c.text);
    if (m) pragmas.shell = m[1].trim();
  }
  for (const p of ignorePragmas(ast)) {
    if (p.scope === "global") {
      pragmas.global.push(p);
      continue;
    }
    if (!p.target) continue;
    const map = p.scope === "stage" ? pragmas.stageFrom : pragmas.instruction;
    const list = map.get(p.target.span.start) ?? [];
    list.push(p);
    map.set(p.target.span.start, list);
  }
  return pragmas;
}

export function within(span: Span, outer: Span): boolean {
  return span.start >= outer.start && span.start <= outer.end;
}
