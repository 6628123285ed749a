import { addParts, Chunks, type FileReport, type Formatter, locate, type PartedFormat } from "./report.js";

/**
 * hadolint's `gnu` layout, `PROGRAM:FILE:LINE: CODE SEVERITY: MESSAGE`, one finding a line, with our name as the
 * program (the GNU convention's first field names the tool that speaks).
 */
export const gnu: Formatter = (reports, ctx) => {
  const out = new Chunks(ctx.write);
  for (const r of reports) writeFile(out, r);
  return out.end();
};

/** The same report a file at a time (see PartedFormat). */
export const gnuParts: PartedFormat = {
  part(r) {
    const out = new Chunks();
    writeFile(out, r);
    return { text: out.end() };
  },
  join(parts, ctx) {
    const out = new Chunks(ctx.write);
    addParts(out, parts);
    return out.end();
  },
};

function writeFile(out: Chunks, r: FileReport): void {
  for (const f of r.findings)
    out.add(`dflint:${r.file}:${locate(r, f).line}: ${f.code} ${f.severity}: ${oneLine(f.message)}\n`);
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ");
}
