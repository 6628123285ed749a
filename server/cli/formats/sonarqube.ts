import type { Severity } from "../../rules/types.js";
import { type Formatter, hadolintJson, itemList, locate, type PartedFormat } from "./report.js";

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
// Written an issue at a time, in the bytes hadolintJson({ issues }) gives for the whole list (the layout has no
// whitespace, so the list is its items joined by commas): a report of many findings is never one string.
const list = itemList({
  items(r, _ctx, add) {
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
      add(hadolintJson(issue));
    }
  },
  open: '{"issues":[',
  separator: ",",
  close: "]}",
  empty: '{"issues":[]}',
});

export const sonarqube: Formatter = list.format;
export const sonarqubeParts: PartedFormat = list.parts;
