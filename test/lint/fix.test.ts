import { describe, expect, it } from "vitest";
import { applyEdits, compatibleFixes, fixText } from "../../server/lint/index.js";
import type { Finding } from "../../server/rules/types.js";

/** A finding whose safe fix makes the given edits ([start, end, newText] each). */
function finding(code: string, ...edits: [number, number, string][]): Finding {
  return {
    code,
    severity: "warning",
    message: code,
    span: { start: edits[0][0], end: edits[0][1] },
    fixes: [
      {
        title: code,
        safety: "safe",
        reason: "test",
        edits: edits.map(([start, end, newText]) => ({ span: { start, end }, newText })),
      },
    ],
  };
}

const chosen = (findings: Finding[]) => compatibleFixes(findings).map((c) => c.finding.code);

describe("compatibleFixes", () => {
  it("keeps the first of two overlapping replacements and both of two that touch", () => {
    expect(chosen([finding("A", [2, 6, "x"]), finding("B", [5, 8, "y"])])).toEqual(["A"]);
    expect(chosen([finding("A", [2, 6, "x"]), finding("B", [6, 8, "y"])])).toEqual(["A", "B"]);
    expect(chosen([finding("A", [6, 8, "x"]), finding("B", [2, 6, "y"])])).toEqual(["A", "B"]);
    expect(chosen([finding("A", [2, 6, "x"]), finding("B", [0, 20, "y"])])).toEqual(["A"]);
  });

  it("takes an insertion at a replacement's end but not at its start or inside it", () => {
    expect(chosen([finding("A", [2, 6, "x"]), finding("B", [6, 6, "y"])])).toEqual(["A", "B"]);
    expect(chosen([finding("A", [2, 6, "x"]), finding("B", [2, 2, "y"])])).toEqual(["A"]);
    expect(chosen([finding("A", [2, 6, "x"]), finding("B", [4, 4, "y"])])).toEqual(["A"]);
  });

  it("takes one of two insertions at the same offset, and a replacement from a taken insertion on", () => {
    expect(chosen([finding("A", [3, 3, "x"]), finding("B", [3, 3, "y"])])).toEqual(["A"]);
    expect(chosen([finding("A", [3, 3, "x"]), finding("B", [3, 5, "y"])])).toEqual(["A", "B"]);
    expect(chosen([finding("A", [3, 3, "x"]), finding("B", [1, 5, "y"])])).toEqual(["A"]);
    expect(chosen([finding("A", [3, 3, "x"]), finding("B", [1, 3, "y"])])).toEqual(["A", "B"]);
  });

  it("judges a fix by all of its edits, and skips findings without an allowed fix", () => {
    const unsafe = finding("U", [0, 1, "u"]);
    if (unsafe.fixes) unsafe.fixes[0].safety = "unsafe";
    const got = chosen([
      finding("A", [0, 2, "a"], [10, 12, "a"]),
      unsafe,
      finding("B", [4, 5, "b"], [11, 11, "b"]),
      finding("C", [4, 5, "c"], [20, 20, "c"]),
    ]);
    expect(got).toEqual(["A", "C"]);
    expect(compatibleFixes([unsafe], { unsafe: true }).map((c) => c.finding.code)).toEqual(["U"]);
  });

  it("picks among 300,000 fixes in one pass", () => {
    // Each fix was tested against every edit taken before it: this many would take minutes.
    const list: Finding[] = [];
    for (let i = 0; i < 300000; i++)
      list.push(finding(`F${i}`, [2 * i, 2 * i + 2, "x"], [2 * i + 1, 2 * i + 1, ""]));
    // Every other fix overlaps the one before it (and inserts inside it).
    for (let i = 0; i < 300000; i++) list.push(finding(`G${i}`, [2 * i + 1, 2 * i + 3, "y"]));
    const got = compatibleFixes(list);
    expect(got).toHaveLength(300000);
    expect(got[299999].finding.code).toBe("F299999");
  });
});

describe("fixText", () => {
  it("applies more fixes than a call can take as arguments", () => {
    // The fixes of a pass were added with push(...fixes), which throws beyond some 100,000 arguments.
    const text = `FROM python:3.12\n${"RUN pip install a\nUSER u\n".repeat(150000)}`;
    const result = fixText(text, { only: ["DL3042"] });
    expect(result.applied).toHaveLength(150000);
    expect(result.text).toBe(
      `FROM python:3.12\n${"RUN pip install --no-cache-dir a\nUSER u\n".repeat(150000)}`,
    );
  });

  it("applyEdits drops an edit that overlaps one before it", () => {
    const edits = [
      { span: { start: 0, end: 3 }, newText: "X" },
      { span: { start: 2, end: 4 }, newText: "Y" },
    ];
    expect(applyEdits("abcdef", edits)).toBe("Xdef");
  });
});
