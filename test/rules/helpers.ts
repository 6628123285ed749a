import { LineIndex } from "../../grammar/index.js";
import { fixText, type LintOptions, lint } from "../../server/lint/index.js";

export interface Seen {
  code: string;
  /** 0-based `line:character-line:character`, compact so expectations read well. */
  range: string;
  message: string;
  /** Whether the finding offers any fix, safe or unsafe. */
  fixable: boolean;
}

function fmt(lines: LineIndex, span: { start: number; end: number }): string {
  const r = lines.range(span);
  return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;
}

/** Findings of one rule (or all, when `code` is omitted) for a Dockerfile. */
export function findings(text: string, code?: string, options: LintOptions = {}): Seen[] {
  // Naming a rule runs just that rule (rules are independent), which also turns on opt-in rules.
  const { ast, findings } = lint(text, code && !options.only ? { ...options, only: [code] } : options);
  return findings
    .filter((f) => code === undefined || f.code === code)
    .map((f) => ({
      code: f.code,
      range: fmt(ast.lines, f.span),
      message: f.message,
      fixable: (f.fixes?.length ?? 0) > 0,
    }));
}

export function ranges(text: string, code: string, options: LintOptions = {}): string[] {
  return findings(text, code, options).map((f) => f.range);
}

/** The text after applying only this rule's safe fixes until stable (what `--fix` does). */
export function fixed(text: string, code: string, options: LintOptions = {}): string {
  return fixText(text, { ...options, only: [code] }).text;
}

/** The text after applying this rule's fixes, unsafe ones too (what `--fix --unsafe-fixes` does). */
export function fixedUnsafe(text: string, code: string, options: LintOptions = {}): string {
  return fixText(text, { ...options, only: [code], unsafe: true }).text;
}

export { LineIndex };

/** The related locations of a rule's findings, in order: `range message` per location. */
export function related(text: string, code: string, options: LintOptions = {}): string[] {
  const { ast, findings } = lint(text, { ...options, only: [code] });
  return findings
    .filter((f) => f.code === code)
    .flatMap((f) => (f.related ?? []).map((r) => `${fmt(ast.lines, r.span)} ${r.message}`));
}

/** Just the ranges of {@link related}. */
export function relatedRanges(text: string, code: string, options: LintOptions = {}): string[] {
  return related(text, code, options).map((r) => r.slice(0, r.indexOf(" ")));
}
