import { describe, expect, it } from "vitest";
import { compareFindings, sortFindings } from "../../server/lint/order.js";
import type { Finding } from "../../server/rules/types.js";

/** A small deterministic generator, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

function findings(n: number, textLength: number, seed: number): Finding[] {
  const next = random(seed);
  const codes = ["DL3008", "DL3015", "DF104", "DL4006"];
  const out: Finding[] = [];
  for (let k = 0; k < n; k++) {
    // Clusters of equal starts and spans (ties broken by code, then kept in input order), and starts at the ends.
    const start = k % 97 === 0 ? 0 : k % 89 === 0 ? textLength : Math.floor(next() * textLength);
    const end = start + (k % 5 === 0 ? 0 : Math.floor(next() * 40));
    const code = codes[Math.floor(next() * codes.length)];
    out.push({ code, severity: "warning", message: `finding ${k}`, span: { start, end } });
  }
  return out;
}

describe("sortFindings", () => {
  it.each([
    [100, 1_000],
    [5_000, 2_000],
    [5_000, 400_000],
    [20_000, 10_000_000],
  ])("orders %i findings over %i characters as the built-in stable sort does", (n, length) => {
    const given = findings(n, length, n + length);
    const expected = [...given].sort(compareFindings);
    const got = sortFindings([...given], length);
    expect(got).toHaveLength(n);
    // The same objects in the same order: ties (same span and code) keep their input order.
    for (let k = 0; k < n; k++) if (got[k] !== expected[k]) expect(got[k]).toBe(expected[k]);
  });

  it("copes with a start outside the text", () => {
    const outside: Finding[] = [
      { code: "B", severity: "error", message: "", span: { start: 50, end: 60 } },
      { code: "A", severity: "error", message: "", span: { start: -1, end: 0 } },
      ...findings(1_000, 10, 7),
    ];
    const expected = [...outside].sort(compareFindings);
    expect(sortFindings([...outside], 10)).toEqual(expected);
  });
});
