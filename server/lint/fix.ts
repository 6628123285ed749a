import { parse } from "../../grammar/index.js";
import type { Finding, Fix, TextEdit } from "../rules/types.js";
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

export interface FixOptions {
  /** Also apply unsafe fixes (`--unsafe-fixes`); by default only safe ones. */
  unsafe?: boolean;
}

/** The fix a finding would get: its first fix with edits that the options allow (fixes are in order of preference). */
export function fixFor(finding: Finding, options: FixOptions = {}): Fix | undefined {
  return finding.fixes?.find((f) => f.edits.length > 0 && (options.unsafe || f.safety === "safe"));
}

/** Whether the finding has a safe fix (`--fix` applies it) or only an unsafe one (`--unsafe-fixes` does). */
export function fixability(finding: Finding): "safe" | "unsafe" | undefined {
  if (fixFor(finding)) return "safe";
  return fixFor(finding, { unsafe: true }) ? "unsafe" : undefined;
}

export interface ChosenFix {
  finding: Finding;
  fix: Fix;
}

/** Picks one allowed fix per finding, such that their edits do not overlap each other, in document order. */
export function compatibleFixes(findings: readonly Finding[], options: FixOptions = {}): ChosenFix[] {
  const chosen: ChosenFix[] = [];
  const taken: { start: number; end: number }[] = [];
  for (const finding of findings) {
    const fix = fixFor(finding, options);
    if (!fix) continue;
    const clashes = fix.edits.some((e) =>
      taken.some(
        (t) =>
          (e.span.start < t.end && t.start < e.span.end) ||
          (e.span.start === e.span.end && e.span.start === t.start),
      ),
    );
    if (clashes) continue;
    chosen.push({ finding, fix });
    for (const e of fix.edits) taken.push(e.span);
  }
  return chosen;
}

export interface FixResult {
  text: string;
  /** Fixes applied, with their findings, over all passes. */
  applied: ChosenFix[];
  passes: number;
}

/**
 * Applies safe fixes (and unsafe ones too with `unsafe`) until none is left (at most `maxPasses` rounds). A round
 * whose result parses with more syntax errors than its input is thrown away, so fixing never makes a file worse.
 */
export function fixText(text: string, options: LintOptions & FixOptions = {}, maxPasses = 10): FixResult {
  let current = text;
  const applied: ChosenFix[] = [];
  let passes = 0;
  while (passes < maxPasses) {
    const { ast, findings } = lint(current, options);
    const fixes = compatibleFixes(findings, options);
    if (fixes.length === 0) break;
    const next = applyEdits(
      current,
      fixes.flatMap((c) => c.fix.edits),
    );
    if (next === current || parse(next).errors.length > ast.errors.length) break;
    applied.push(...fixes);
    current = next;
    passes++;
  }
  return { text: current, applied, passes };
}
