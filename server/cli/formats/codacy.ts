import { Chunks, type Formatter, hadolintJson, locate } from "./report.js";

/** hadolint's `codacy` output, byte for byte: one compact JSON object per finding, written one after the other. */
export const codacy: Formatter = (reports, ctx) => {
  const out = new Chunks(ctx.write);
  for (const r of reports) {
    for (const f of r.findings) {
      out.add(
        hadolintJson({
          filename: r.file,
          patternId: f.code,
          message: f.message,
          line: locate(r, f).line,
        }),
      );
    }
  }
  return out.end();
};
