import type { Severity } from "../../rules/types.js";
import { type Formatter, fileByFile, hadolintJson, locate, type PartedFormat } from "./report.js";

/** hadolint's Code Climate impact names. */
const IMPACT: Record<Severity, string> = { error: "blocker", warning: "major", info: "info", style: "minor" };

/**
 * hadolint's `codeclimate` output, byte for byte: what a Code Climate engine writes, one compact JSON issue per
 * finding, each followed by a NUL byte. Lines run from the finding's first to its last line.
 */
const byFile = fileByFile({
  file(out, r) {
    for (const f of r.findings) {
      const at = locate(r, f);
      const issue = {
        type: "issue",
        check_name: f.code,
        description: f.message,
        categories: ["Bug Risk"],
        location: { path: r.file, lines: { begin: at.line, end: at.endLine } },
        severity: IMPACT[f.severity],
      };
      out.add(`${hadolintJson(issue)}\u0000`);
    }
  },
});

export const codeclimate: Formatter = byFile.format;
export const codeclimateParts: PartedFormat = byFile.parts;
