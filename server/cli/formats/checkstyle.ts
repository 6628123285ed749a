import {
  type Formatter,
  fileByFile,
  locate,
  type PartedFormat,
  XML_DECLARATION,
  xmlEscape,
} from "./report.js";

/** Checkstyle XML. Checkstyle knows error, warning and info; style findings are reported as info. */
const byFile = fileByFile({
  head: () => `${XML_DECLARATION}\n<checkstyle version="4.3">\n`,
  file(out, r) {
    out.add(`  <file name="${xmlEscape(r.file)}">\n`);
    for (const f of r.findings) {
      const at = locate(r, f);
      const severity = f.severity === "style" ? "info" : f.severity;
      out.add(
        `    <error line="${at.line}" column="${at.column}" severity="${severity}" message="${xmlEscape(f.message)}" source="${xmlEscape(f.code)}"/>\n`,
      );
    }
    out.add("  </file>\n");
  },
  tail: (ctx) =>
    `${ctx.problems
      .map(
        (p) =>
          `  <file name="${xmlEscape(p.file)}">\n    <error line="1" column="1" severity="error" message="${xmlEscape(p.message)}" source="dflint"/>\n  </file>\n`,
      )
      .join("")}</checkstyle>\n`,
});

export const checkstyle: Formatter = byFile.format;
export const checkstyleParts: PartedFormat = byFile.parts;
