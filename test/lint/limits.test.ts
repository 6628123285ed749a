import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { countInstructions, parse } from "../../grammar/index.js";
import { MAX_INSTRUCTIONS, tooManyInstructions } from "../../server/lint/index.js";

const real = new URL("../../../shared/corpus/real/", import.meta.url);

describe("the instruction limit", () => {
  it("counts the instructions parse builds, without building them", () => {
    const texts = [
      "",
      "# only a comment\n",
      "FROM a\nRUN b \\\n  c\n\n# d\nRUN <<EOF\nRUN not one\nEOF\nONBUILD RUN e\nCMD f",
      "# escape=`\nFROM a\nRUN b `\n  c\n",
    ];
    if (existsSync(real)) {
      const manifest = readFileSync(new URL("MANIFEST.tsv", real), "utf8").trim().split("\n").slice(1);
      for (const line of manifest.slice(0, 300))
        texts.push(readFileSync(new URL(line.split("\t")[0], real), "utf8"));
    }
    expect(texts.map(countInstructions)).toEqual(texts.map((t) => parse(t).instructions.length));
  });

  it("is over for one instruction more than the limit, and not at the limit", () => {
    // One-character instructions: the most a text of that length can hold.
    expect(tooManyInstructions(`${"x\n".repeat(MAX_INSTRUCTIONS)}x`)).toBe(MAX_INSTRUCTIONS + 1);
    expect(tooManyInstructions("x\n".repeat(MAX_INSTRUCTIONS))).toBeUndefined();
    // Long, but few instructions.
    expect(tooManyInstructions(`FROM a\nRUN ${"y".repeat(3 * MAX_INSTRUCTIONS)}\n`)).toBeUndefined();
  });
});
