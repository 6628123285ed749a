import { parse } from "../../grammar/index.js";
import type { Finding, TextEdit } from "../rules/types.js";
import { type LintOptions, lint } from "./linter.js";

/**
 * Applies edits to text. Edits must not overlap; later ones that do are dropped (the caller runs another pass).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
  let out = "";
  let pos = 0;
  for (const e of sorted) {
    if (e.span.start < pos) continue;
    out += text.slice(pos, e.span.start) + e.newText;
    pos = e.span.end;
  }
  return out + text.slice(pos);
}

/** Picks fixes whose edits do not overlap each other, in document order. */
export function compatibleFixes(findings: readonly Finding[]): Finding[] {
  const chosen: Finding[] = [];
  const taken: { start: number; end: number }[] = [];
  for (const f of findings) {
    if (!f.fix || f.fix.edits.length === 0) continue;
    const clashes = f.fix.edits.some((e) =>
      taken.some(
        (t) =>
          (e.span.start < t.end && t.start < e.span.end) ||
          (e.span.start === e.span.end && e.span.start === t.start),
      ),
    );
    if (clashes) continue;
    chosen.push(f);
    for (const e of f.fix.edits) taken.push(e.span);
  }
  return chosen;
}

export interface FixResult {
  text: string;
  /** Fixes applied, by rule code, over all passes. */
  applied: Finding[];
  passes: number;
}

/**
 * Applies safe fixes until none is left (at most `maxPasses` rounds). A round whose result parses with more syntax
 * errors than its input is thrown away, so fixing never makes a file worse.
 */
export function fixText(text: string, options: LintOptions = {}, maxPasses = 10): FixResult {
  let current = text;
  const applied: Finding[] = [];
  let passes = 0;
  while (passes < maxPasses) {
    const { ast, findings } = lint(current, options);
    const fixes = compatibleFixes(findings);
    if (fixes.length === 0) break;
    const next = applyEdits(
      current,
      fixes.flatMap((f) => f.fix!.edits),
    );
    if (next === current || parse(next).errors.length > ast.errors.length) break;
    applied.push(...fixes);
    current = next;
    passes++;
  }
  return { text: current, applied, passes };
}
