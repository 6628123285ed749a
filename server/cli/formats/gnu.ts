import { Chunks, type Formatter, locate } from "./report.js";

/**
 * hadolint's `gnu` layout, `PROGRAM:FILE:LINE: CODE SEVERITY: MESSAGE`, one finding a line, with our name as the
 * program (the GNU convention's first field names the tool that speaks).
 */
export const gnu: Formatter = (reports, ctx) => {
  const out = new Chunks(ctx.write);
  for (const r of reports) {
    for (const f of r.findings) {
      out.add(`dflint:${r.file}:${locate(r, f).line}: ${f.code} ${f.severity}: ${oneLine(f.message)}\n`);
    }
  }
  return out.end();
};

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ");
}
