import type { Severity } from "../../rules/types.js";
import { type Formatter, fingerprints, locate } from "./report.js";

const CODECLIMATE_SEVERITY: Record<Severity, string> = {
  error: "critical",
  warning: "major",
  info: "minor",
  style: "info",
};

/** GitLab's Code Quality report: the subset of Code Climate's format that GitLab reads. */
export const gitlabCodeclimate: Formatter = (reports) => {
  const issues = reports.flatMap((r) => {
    const prints = fingerprints(r);
    return r.findings.map((f, i) => {
      const at = locate(r, f);
      return {
        description: `${f.code}: ${f.message}`,
        check_name: f.code,
        fingerprint: prints[i],
        severity: CODECLIMATE_SEVERITY[f.severity],
        location: { path: r.file, lines: { begin: at.line, end: at.endLine } },
      };
    });
  });
  return `${JSON.stringify(issues, null, 2)}\n`;
};
