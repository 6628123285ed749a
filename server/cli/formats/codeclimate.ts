import type { Rule, Severity } from "../../rules/types.js";
import { type FileReport, type Formatter, fingerprints, locate } from "./report.js";

export const CODECLIMATE_SEVERITY: Record<Severity, string> = {
  error: "critical",
  warning: "major",
  info: "minor",
  style: "info",
};

/** One issue per finding, in the Code Climate engine specification's shape, as a JSON array. */
export const codeclimate: Formatter = (reports, ctx) => {
  const rules = new Map(ctx.rules.map((r) => [r.code, r]));
  const issues = reports.flatMap((r) => issuesOf(r, rules));
  return `${JSON.stringify(issues, null, 2)}\n`;
};

function issuesOf(r: FileReport, rules: ReadonlyMap<string, Rule>) {
  const prints = fingerprints(r);
  return r.findings.map((f, i) => {
    const at = locate(r, f);
    const rule = rules.get(f.code);
    return {
      type: "issue",
      check_name: f.code,
      description: f.message,
      content: rule ? { body: `${rule.title}\n\n${rule.docs.why}` } : undefined,
      categories: [f.severity === "style" ? "Style" : "Bug Risk"],
      location: {
        path: r.file,
        positions: {
          begin: { line: at.line, column: at.column },
          end: { line: at.endLine, column: at.endColumn },
        },
      },
      severity: CODECLIMATE_SEVERITY[f.severity],
      fingerprint: prints[i],
    };
  });
}
