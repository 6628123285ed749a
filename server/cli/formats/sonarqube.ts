import type { Severity } from "../../rules/types.js";
import { Chunks, type Formatter, hadolintJson, locate } from "./report.js";

const SEVERITY: Record<Severity, string> = {
  error: "CRITICAL",
  warning: "MAJOR",
  info: "MINOR",
  style: "INFO",
};

/**
 * hadolint's `sonarqube` output (SonarQube's generic issue import), byte for byte in layout: `{"issues":[...]}`
 * without a final newline. Where hadolint marks the first character of the line, the text range here is the
 * finding's own (columns 0-based, end exclusive, as SonarQube counts them); an empty range still covers one
 * character, since SonarQube rejects empty ones.
 */
export const sonarqube: Formatter = (reports, ctx) => {
  // Written an issue at a time, in the bytes hadolintJson({ issues }) gives for the whole list (the layout has no
  // whitespace, so the list is its items joined by commas): a report of many findings is never one string.
  const out = new Chunks(ctx.write);
  let first = true;
  for (const r of reports) {
    for (const f of r.findings) {
      const at = locate(r, f);
      const empty = at.line === at.endLine && at.endColumn <= at.column;
      const issue = {
        engineId: "dflint",
        ruleId: f.code,
        severity: SEVERITY[f.severity],
        type: f.severity === "error" ? "BUG" : "CODE_SMELL",
        primaryLocation: {
          message: f.message,
          filePath: r.file,
          textRange: {
            startLine: at.line,
            endLine: at.endLine,
            startColumn: empty ? 0 : at.column - 1,
            endColumn: empty ? 1 : at.endColumn - 1,
          },
        },
      };
      out.add(`${first ? '{"issues":[' : ","}${hadolintJson(issue)}`);
      first = false;
    }
  }
  out.add(first ? '{"issues":[]}' : "]}");
  return out.end();
};
