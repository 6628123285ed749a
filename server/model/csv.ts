export interface CsvField {
  /** The field with CSV quoting removed. */
  text: string;
  /** Offsets in the record, quotes included. */
  start: number;
  end: number;
  quoted: boolean;
}

export interface CsvRecord {
  /** Every field, read leniently: a stray quote is kept as text instead of ending the record. */
  fields: CsvField[];
  /** The first thing Go's strict encoding/csv (as BuildKit reads `--mount`) would reject. */
  error?: { message: string; at: number };
  /** How many fields come before the one with the error (all of them when there is none). */
  validCount: number;
}

/**
 * One CSV record the way BuildKit reads a `--mount` value: a field is plain text without `"`, or quoted as a whole
 * with `""` standing for a quote. The model wants every field even from a broken value; validation wants to know
 * where strict reading fails. Both come from this one pass.
 */
export function readCsvRecord(s: string): CsvRecord {
  const fields: CsvField[] = [];
  let error: CsvRecord["error"];
  let validCount = -1;
  const fail = (message: string, at: number) => {
    if (error) return;
    error = { message, at };
    validCount = fields.length;
  };
  let i = 0;
  for (;;) {
    const start = i;
    let text: string;
    let quoted = false;
    if (s.charCodeAt(i) === 0x22 /* " */) {
      quoted = true;
      text = "";
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) {
          fail("a quoted field is never closed", start);
          text += s.slice(i);
          i = s.length;
          break;
        }
        text += s.slice(i, q);
        i = q + 1;
        if (s.charCodeAt(i) === 0x22) {
          text += '"';
          i++;
          continue;
        }
        break;
      }
      const comma = s.indexOf(",", i);
      const stop = comma < 0 ? s.length : comma;
      if (stop > i) fail("text follows the closing quote of a quoted field", i);
      text += s.slice(i, stop);
      i = stop;
    } else {
      const comma = s.indexOf(",", i);
      const stop = comma < 0 ? s.length : comma;
      text = s.slice(i, stop);
      const quote = text.indexOf('"');
      if (quote >= 0) fail('a " may only appear in a field that is quoted as a whole', i + quote);
      i = stop;
    }
    fields.push({ text, start, end: i, quoted });
    if (i >= s.length) break;
    i++; // the comma
  }
  return { fields, error, validCount: validCount < 0 ? fields.length : validCount };
}
