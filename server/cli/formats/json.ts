import { fixability } from "../../lint/fix.js";
import { type Formatter, locate, locateSpan } from "./report.js";

/** hadolint's JSON shape (file, line, column, level, code, message), plus the end of the range, whether `--fix`
 * can fix the finding (`fixable`) and whether only `--unsafe-fixes` can (`unsafeFixable`). Positions are 1-based;
 * `endColumn` is the column after the last character. Findings an ignore pragma silenced are listed too (hadolint
 * omits them), with `suppressed`: the pragma's range and its reason. */
export const json: Formatter = (reports) => {
  const out = reports.flatMap((r) =>
    r.findings.map((f) => {
      const at = locate(r, f);
      return {
        file: r.file,
        line: at.line,
        column: at.column,
        endLine: at.endLine,
        endColumn: at.endColumn,
        level: f.severity,
        code: f.code,
        message: f.message,
        fixable: !f.suppressed && fixability(f) === "safe",
        unsafeFixable: !f.suppressed && fixability(f) === "unsafe",
        ...(f.suppressed
          ? { suppressed: { ...locateSpan(r, f.suppressed.span), reason: f.suppressed.reason ?? null } }
          : {}),
      };
    }),
  );
  return `${JSON.stringify(out, null, 2)}\n`;
};
