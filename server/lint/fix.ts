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

/**
 * Picks one allowed fix per finding, such that their edits do not overlap each other, in document order. A fix clashes
 * with the edits taken before it when one of its edits overlaps one of theirs, or inserts where one of them starts or
 * inserts too. What is taken is marked per offset of the text, so a check costs the length of the fix's edits: a test
 * of each taken edit for every fix made `--fix` quadratic (60,000 `pip install` RUNs took 34 s, most of it here).
 */
export function compatibleFixes(findings: readonly Finding[], options: FixOptions = {}): ChosenFix[] {
  const candidates: ChosenFix[] = [];
  let end = 0;
  for (const finding of findings) {
    const fix = fixFor(finding, options);
    if (!fix) continue;
    candidates.push({ finding, fix });
    for (const e of fix.edits) end = Math.max(end, e.span.end);
  }
  const chosen: ChosenFix[] = [];
  if (candidates.length === 0) return chosen;
  // COVERED: an offset a taken edit replaces; INSERTED: an offset where a taken edit inserts.
  const taken = new Uint8Array(end + 1);
  for (const candidate of candidates) {
    const edits = candidate.fix.edits;
    if (edits.some((e) => clashes(taken, e.span.start, e.span.end))) continue;
    chosen.push(candidate);
    for (const e of edits) {
      if (e.span.start === e.span.end) taken[e.span.start] |= INSERTED;
      else taken.fill(COVERED, e.span.start, e.span.end);
    }
  }
  return chosen;
}

const COVERED = 1;
const INSERTED = 2;

/**
 * Whether an edit of [start, end) clashes with what is taken: a replacement with an offset it covers or an insertion
 * strictly inside it; an insertion with a replacement over its offset (one that starts there included) or an
 * insertion at the same offset.
 */
function clashes(taken: Uint8Array, start: number, end: number): boolean {
  if (start === end) return taken[start] !== 0;
  if ((taken[start] & COVERED) !== 0) return true;
  for (let i = start + 1; i < end; i++) if (taken[i] !== 0) return true;
  return false;
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
    for (const f of fixes) applied.push(f);
    current = next;
    passes++;
  }
  return { text: current, applied, passes };
}
