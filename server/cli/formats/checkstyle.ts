import { type Formatter, Lines, locate, XML_DECLARATION, xmlEscape } from "./report.js";

/** Checkstyle XML. Checkstyle knows error, warning and info; style findings are reported as info. */
export const checkstyle: Formatter = (reports, ctx) => {
  const lines = new Lines(ctx.write);
  lines.push(XML_DECLARATION, '<checkstyle version="4.3">');
  for (const r of reports) {
    lines.push(`  <file name="${xmlEscape(r.file)}">`);
    for (const f of r.findings) {
      const at = locate(r, f);
      const severity = f.severity === "style" ? "info" : f.severity;
      lines.push(
        `    <error line="${at.line}" column="${at.column}" severity="${severity}" message="${xmlEscape(f.message)}" source="${xmlEscape(f.code)}"/>`,
      );
    }
    lines.push("  </file>");
  }
  for (const p of ctx.problems) {
    lines.push(`  <file name="${xmlEscape(p.file)}">`);
    lines.push(
      `    <error line="1" column="1" severity="error" message="${xmlEscape(p.message)}" source="dflint"/>`,
    );
    lines.push("  </file>");
  }
  lines.push("</checkstyle>");
  return lines.end();
};
