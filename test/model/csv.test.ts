import { describe, expect, it } from "vitest";
import { readCsvRecord } from "../../server/model/csv.js";

describe("readCsvRecord (a --mount value)", () => {
  it("splits plain and quoted fields with their offsets", () => {
    const r = readCsvRecord('type=cache,"target=/a,b",id=x');
    expect(r.fields).toEqual([
      { text: "type=cache", start: 0, end: 10, quoted: false },
      { text: "target=/a,b", start: 11, end: 24, quoted: true },
      { text: "id=x", start: 25, end: 29, quoted: false },
    ]);
    expect(r.error).toBeUndefined();
    expect(r.validCount).toBe(3);
  });
  it('reads "" inside a quoted field as one quote, and a trailing comma as an empty field', () => {
    expect(readCsvRecord('"a""b",').fields.map((f) => f.text)).toEqual(['a"b', ""]);
  });
  it("keeps every field of a broken record but reports where strict reading fails", () => {
    const r = readCsvRecord('type=bind,src="x",target=/t');
    expect(r.fields.map((f) => f.text)).toEqual(["type=bind", 'src="x"', "target=/t"]);
    expect(r.error).toEqual({ message: 'a " may only appear in a field that is quoted as a whole', at: 14 });
    expect(r.validCount).toBe(1);
  });
  it("reports a quoted field that is never closed, and text after a closing quote", () => {
    expect(readCsvRecord('a,"b').error).toEqual({ message: "a quoted field is never closed", at: 2 });
    expect(readCsvRecord('"a"b,c').error).toEqual({
      message: "text follows the closing quote of a quoted field",
      at: 3,
    });
    expect(readCsvRecord('"a"b,c').fields.map((f) => f.text)).toEqual(["ab", "c"]);
  });
});
