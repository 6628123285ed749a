import { type Formatter, locate } from "./report.js";

/** GNU's `file:line.column-endLine.endColumn: severity: code: message`, which editors' compile modes read. */
export const gnu: Formatter = (reports) => {
  let out = "";
  for (const r of reports) {
    for (const f of r.findings) {
      const at = locate(r, f);
      out += `${r.file}:${at.line}.${at.column}-${at.endLine}.${at.endColumn}: ${f.severity}: ${f.code}: ${oneLine(f.message)}\n`;
    }
  }
  return out;
};

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ");
}
