import type { DockerfileAst, Instruction, Span } from "../../grammar/index.js";

/**
 * Inline pragmas, in hadolint's syntax and under our own name:
 *   # hadolint ignore=DL3008,DL3009     (or `# dflint ignore=...`) the next instruction
 *   # hadolint global ignore=DL3059     the whole file
 *   # dflint stage ignore=DL3006        the stage whose FROM follows
 *   # hadolint shell=powershell         the shell RUN instructions use, for shell-aware rules
 */
export interface Pragmas {
  global: Set<string>;
  /** Ignores that apply to one instruction, keyed by the instruction's start offset. */
  instruction: Map<number, Set<string>>;
  /** Ignores for a stage: the span they cover (FROM to the stage end is resolved by the linter). */
  stageFrom: Map<number, Set<string>>;
  shell?: string;
}

const PRAGMA = /^\s*(?:hadolint|dflint)\s+(global\s+|stage\s+)?(ignore|shell)\s*=\s*(.*)$/i;

function names(list: string): string[] {
  return list
    .split(/[,\s]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

export function readPragmas(ast: DockerfileAst): Pragmas {
  const pragmas: Pragmas = {
    global: new Set(),
    instruction: new Map(),
    stageFrom: new Map(),
  };
  const instructions = ast.instructions;
  let next = 0;
  for (const c of ast.comments) {
    const m = PRAGMA.exec(c.text);
    if (!m) continue;
    const scope = m[1]?.trim().toLowerCase();
    const kind = m[2].toLowerCase();
    if (kind === "shell") {
      pragmas.shell = m[3].trim();
      continue;
    }
    const codes = names(m[3]).map((n) => n.toLowerCase());
    if (scope === "global") {
      for (const code of codes) pragmas.global.add(code);
      continue;
    }
    while (next < instructions.length && instructions[next].span.start < c.span.end) next++;
    const target: Instruction | undefined = instructions[next];
    if (!target) continue;
    const map = scope === "stage" ? pragmas.stageFrom : pragmas.instruction;
    const set = map.get(target.span.start) ?? new Set<string>();
    for (const code of codes) set.add(code);
    map.set(target.span.start, set);
  }
  return pragmas;
}

export function within(span: Span, outer: Span): boolean {
  return span.start >= outer.start && span.start <= outer.end;
}
