import {
  type Chunks,
  type FileReport,
  type Formatter,
  fileByFile,
  locate,
  type PartedFormat,
} from "./report.js";

/**
 * hadolint's `gnu` layout, `PROGRAM:FILE:LINE: CODE SEVERITY: MESSAGE`, one finding a line, with our name as the
 * program (the GNU convention's first field names the tool that speaks).
 */
const byFile = fileByFile({ file: writeFile });

export const gnu: Formatter = byFile.format;
export const gnuParts: PartedFormat = byFile.parts;

function writeFile(out: Chunks, r: FileReport): void {
  for (const f of r.findings)
    out.add(`dflint:${r.file}:${locate(r, f).line}: ${f.code} ${f.severity}: ${oneLine(f.message)}\n`);
}

function oneLine(s: string): string {
  return s.replace(/\s*\n\s*/g, " ");
}
