import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { dump } from "./dump.js";

const root = new URL("../../../shared/conformance/buildkit-parser/", import.meta.url);
const present = existsSync(root);

describe.skipIf(!present)("BuildKit parser fixtures (../shared/conformance/buildkit-parser)", () => {
  if (!present) return;
  const positive = readdirSync(new URL("testfiles/", root)).sort();
  it("has the 33 positive cases", () => {
    expect(positive.length).toBe(33);
  });
  for (const name of positive) {
    it(`dumps ${name} exactly`, () => {
      const text = readFileSync(new URL(`testfiles/${name}/Dockerfile`, root), "utf8");
      const expected = readFileSync(new URL(`testfiles/${name}/result`, root), "utf8");
      expect(dump(parse(text))).toBe(expected);
    });
  }
  for (const name of readdirSync(new URL("testfiles-negative/", root)).sort()) {
    it(`reports an error for ${name}`, () => {
      const text = readFileSync(new URL(`testfiles-negative/${name}/Dockerfile`, root), "utf8");
      expect(parse(text).errors.length).toBeGreaterThan(0);
    });
  }
  it("gives the line fixture's instruction lines (5-5, 11-12, 17-31)", () => {
    const ast = parse(readFileSync(new URL("testfile-line/Dockerfile", root), "utf8"));
    const lines = ast.instructions.map((i) => {
      const r = ast.lines.range(i.span);
      return [r.start.line + 1, r.end.line + 1];
    });
    expect(lines).toEqual([
      [5, 5],
      [11, 12],
      [17, 31],
    ]);
  });
});

if (!present) {
  describe("BuildKit parser fixtures", () => {
    it.skip("skipped: ../shared/conformance/buildkit-parser is absent", () => {});
  });
}
