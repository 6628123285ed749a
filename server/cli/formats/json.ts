import { fixability } from "../../lint/fix.js";
import type { Finding } from "../../rules/types.js";
import {
  type FileReport,
  type Formatter,
  itemList,
  locate,
  locateSpan,
  type PartedFormat,
} from "./report.js";

/** hadolint's JSON shape (file, line, column, level, code, message), plus the end of the range, whether `--fix`
 * can fix the finding (`fixable`) and whether only `--unsafe-fixes` can (`unsafeFixable`). Positions are 1-based;
 * `endColumn` is the column after the last character. Findings an ignore pragma silenced are listed too (hadolint
 * omits them), with `suppressed`: the pragma's range and its reason. */
const list = itemList({
  items(r, _ctx, add) {
    const file = JSON.stringify(r.file);
    for (const f of r.findings) add(entry(r, file, f));
  },
  // Written as JSON.stringify(list, null, 2) writes it (test/cli/formats.test.ts compares the two), a finding at a
  // time: the generated 10 MB file's 391,653 findings took ~1.5 s and a 126 MB string as one list of objects.
  open: "[\n",
  separator: ",\n",
  close: "\n]\n",
  empty: "[]\n",
});

export const json: Formatter = list.format;
export const jsonParts: PartedFormat = list.parts;

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
