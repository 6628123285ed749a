import { fixability } from "../../lint/fix.js";
import type { Finding } from "../../rules/types.js";
import { Chunks, type FileReport, type Formatter, locate, locateSpan, type PartedFormat } from "./report.js";

/** hadolint's JSON shape (file, line, column, level, code, message), plus the end of the range, whether `--fix`
 * can fix the finding (`fixable`) and whether only `--unsafe-fixes` can (`unsafeFixable`). Positions are 1-based;
 * `endColumn` is the column after the last character. Findings an ignore pragma silenced are listed too (hadolint
 * omits them), with `suppressed`: the pragma's range and its reason. */
export const json: Formatter = (reports, ctx) => {
  // Written as JSON.stringify(list, null, 2) writes it (test/cli/formats.test.ts compares the two), a finding at a
  // time: the generated 10 MB file's 391,653 findings took ~1.5 s and a 126 MB string as one list of objects.
  const out = new Chunks(ctx.write);
  let first = true;
  for (const r of reports) {
    const file = JSON.stringify(r.file);
    for (const f of r.findings) {
      out.add(`${first ? "[\n" : ",\n"}${entry(r, file, f)}`);
      first = false;
    }
  }
  out.add(first ? "[]\n" : "\n]\n");
  return out.end();
};

/**
 * The same report made a file at a time, by the thread that lints the file (run.ts): a part is the file's entries
 * with the commas between them, and the report is the parts of the files that have findings, with commas between
 * those. What the threads then send back is text instead of every finding, and what is left when the last file is
 * linted is joining the parts.
 */
export const jsonParts: PartedFormat = {
  part(r) {
    const out = new Chunks();
    const file = JSON.stringify(r.file);
    for (let k = 0; k < r.findings.length; k++)
      out.add(`${k > 0 ? ",\n" : ""}${entry(r, file, r.findings[k])}`);
    return { text: out.end() };
  },
  join(parts, ctx) {
    const out = new Chunks(ctx.write);
    let first = true;
    for (const part of parts) {
      if (part.text.length === 0) continue;
      out.add(first ? "[\n" : ",\n");
      for (const text of part.text) out.add(text);
      first = false;
    }
    out.add(first ? "[]\n" : "\n]\n");
    return out.end();
  },
};

/** One finding's object, indented as the second level of the list; `file` is the report's file as JSON. */
function entry(r: FileReport, file: string, f: Finding): string {
  const at = locate(r, f);
  const fix = f.suppressed ? undefined : fixability(f);
  const fixable = fix === "safe";
  const unsafeFixable = fix === "unsafe";
  let text =
    `  {\n    "file": ${file},\n    "line": ${at.line},\n    "column": ${at.column},\n` +
    `    "endLine": ${at.endLine},\n    "endColumn": ${at.endColumn},\n    "level": ${JSON.stringify(f.severity)},\n` +
    `    "code": ${JSON.stringify(f.code)},\n    "message": ${JSON.stringify(f.message)},\n` +
    `    "fixable": ${fixable},\n    "unsafeFixable": ${unsafeFixable}`;
  if (f.suppressed) {
    const s = locateSpan(r, f.suppressed.span);
    text +=
      `,\n    "suppressed": {\n      "line": ${s.line},\n      "column": ${s.column},\n      "endLine": ${s.endLine},\n` +
      `      "endColumn": ${s.endColumn},\n      "reason": ${JSON.stringify(f.suppressed.reason ?? null)}\n    }`;
  }
  return `${text}\n  }`;
}
