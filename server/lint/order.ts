import type { Finding } from "../rules/types.js";

/** The report's order: by start, then end, then code. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    a.span.start - b.span.start || a.span.end - b.span.end || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

/** Below this many findings the built-in sort is cheaper than buckets. */
const SMALL = 512;
/** Buckets up to this size are put in order by insertion; larger ones by the built-in sort. */
const INSERTION = 12;

/**
 * Puts a file's findings in the report's order ({@link compareFindings}), stably, as `Array.prototype.sort` would.
 * Many findings are first dealt into buckets by their start (a counting sort over ranges of offsets, about one
 * bucket per finding), and each bucket is then put in order on its own. The built-in sort calls the comparison
 * ~n log n times: for the generated 10 MB file (391,653 findings) that was 400-500 ms of a 3.6 s lint; dealt, it is
 * ~n calls. The buckets follow the start, which the comparison reads first, so the order is the same.
 */
export function sortFindings(findings: Finding[], textLength: number): Finding[] {
  const n = findings.length;
  if (n < SMALL) return findings.sort(compareFindings);
  let shift = 0;
  while (textLength >> shift > n) shift++;
  const last = textLength >> shift;
  // starts[b] is where bucket b begins in the result; starts[last + 1] is n.
  const starts = new Int32Array(last + 2);
  for (let k = 0; k < n; k++) starts[bucketOf(findings[k], shift, last) + 1]++;
  for (let b = 1; b <= last + 1; b++) starts[b] += starts[b - 1];
  const next = starts.slice(0, last + 1);
  const out: Finding[] = new Array(n);
  for (let k = 0; k < n; k++) {
    const f = findings[k];
    out[next[bucketOf(f, shift, last)]++] = f;
  }
  for (let b = 0; b <= last; b++) {
    const from = starts[b];
    const to = starts[b + 1];
    if (to - from < 2) continue;
    if (to - from <= INSERTION) {
      for (let i = from + 1; i < to; i++) {
        const f = out[i];
        let j = i - 1;
        while (j >= from && compareFindings(out[j], f) > 0) {
          out[j + 1] = out[j];
          j--;
        }
        out[j + 1] = f;
      }
    } else {
      const part = out.slice(from, to).sort(compareFindings);
      for (let i = 0; i < part.length; i++) out[from + i] = part[i];
    }
  }
  return out;
}

/** A finding's bucket; a start outside the text (it should not happen) goes to the first or the last. */
function bucketOf(f: Finding, shift: number, last: number): number {
  const start = f.span.start;
  return start <= 0 ? 0 : Math.min(start >> shift, last);
}
