/**
 * `RUN --mount=...` options, read the way BuildKit reads them: the flag value is one CSV record (Go's
 * encoding/csv, so a field may be double-quoted), each field `key=value` or a bare `key`, keys case-insensitive.
 */

import type { Flag, Span } from "../../grammar/index.js";
import { type CsvField, readCsvRecord } from "./csv.js";

export interface MountOption {
  /** Lower-cased, as BuildKit compares it. */
  key: string;
  /** Text after the first `=`; undefined for a bare key such as `ro`. */
  value?: string;
  /** Source span of the whole field, when the flag's source text maps one to one onto its value. */
  span?: Span;
  valueSpan?: Span;
}

export interface MountSpec {
  /** Lower-cased `type=`; BuildKit's default is `bind`. */
  type: string;
  options: MountOption[];
  /** The last `from=` option, if any (a later key overrides an earlier one in BuildKit). */
  from?: MountOption;
}

/** Go's csv.Reader.Read for a single line, tolerant: a stray quote is kept as text instead of failing. */
function splitCsvRecord(s: string): CsvField[] {
  return s.length === 0 ? [] : readCsvRecord(s).fields;
}

/**
 * Reads a `--mount` flag. `source` is the document text, used to give options source spans when the flag was
 * written without quotes or line continuations inside its value.
 */
export function parseMountFlag(flag: Flag, source: string): MountSpec {
  const value = flag.value ?? "";
  const vs = flag.valueSpan;
  const mappable =
    vs !== undefined && vs.end - vs.start === value.length && source.slice(vs.start, vs.end) === value;
  const options: MountOption[] = [];
  let type = "bind";
  let from: MountOption | undefined;
  for (const f of splitCsvRecord(value)) {
    const eq = f.text.indexOf("=");
    const option: MountOption = { key: (eq < 0 ? f.text : f.text.slice(0, eq)).toLowerCase() };
    if (eq >= 0) option.value = f.text.slice(eq + 1);
    if (mappable && vs && !f.quoted) {
      option.span = { start: vs.start + f.start, end: vs.start + f.end };
      if (eq >= 0) option.valueSpan = { start: vs.start + f.start + eq + 1, end: vs.start + f.end };
    }
    options.push(option);
    if (option.key === "type" && option.value !== undefined) type = option.value.toLowerCase();
    if (option.key === "from") from = option;
  }
  return from ? { type, options, from } : { type, options };
}
