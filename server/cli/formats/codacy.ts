import { type Formatter, fileByFile, hadolintJson, locate, type PartedFormat } from "./report.js";

/** hadolint's `codacy` output, byte for byte: one compact JSON object per finding, written one after the other. */
const byFile = fileByFile({
  file(out, r) {
    for (const f of r.findings)
      out.add(
        hadolintJson({ filename: r.file, patternId: f.code, message: f.message, line: locate(r, f).line }),
      );
  },
});

export const codacy: Formatter = byFile.format;
export const codacyParts: PartedFormat = byFile.parts;
