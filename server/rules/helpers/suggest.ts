/** The two rows of editDistance, reused from call to call (they grow to the longest name compared). */
let rowA: number[] = [];
let rowB: number[] = [];

/**
 * Levenshtein distance, stopping early once it must exceed `limit` (names here are short). Two rows kept between
 * calls instead of a new array per row and an `Array.from` per call. With DF107 working out a stage's base image
 * only for a stage with an undefined name, the 10k-line file linted with DF107 alone, warm: 14.0 -> 12.9 ms (CPU p25
 * of 32 alternating, parse and model included).
 */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = rowA;
  let cur = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const c = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = c === b.charCodeAt(j - 1) ? 0 : 1;
      const d = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      cur[j] = d;
      if (d < rowMin) rowMin = d;
    }
    if (rowMin > limit) return limit + 1;
    const done = prev;
    prev = cur;
    cur = done;
  }
  // Kept swapped as they are: both are overwritten before they are read.
  rowA = prev;
  rowB = cur;
  return prev[b.length];
}

/**
 * The known name closest to `word`, if it is within `maxDistance` edits and the word is not mostly edits (a
 * two-letter typo of a four-letter name is a guess, not a suggestion). Ties go to the earlier candidate.
 */
export function closestName(
  word: string,
  candidates: readonly string[],
  options: { maxDistance?: number; caseSensitive?: boolean } = {},
): string | undefined {
  const max = options.maxDistance ?? 2;
  const caseSensitive = options.caseSensitive === true;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const d = closeness(word, c, max, caseSensitive);
    if (d !== undefined && d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/**
 * How many edits turn `word` into `candidate` when it is a suggestion {@link closestName} could make (within `max`
 * edits, and not mostly edits); undefined when it is not.
 */
export function closeness(
  word: string,
  candidate: string,
  max: number,
  caseSensitive = false,
): number | undefined {
  const w = caseSensitive ? word : word.toLowerCase();
  if (w.length === 0) return undefined;
  const d = editDistance(w, caseSensitive ? candidate : candidate.toLowerCase(), max);
  return d <= max && d < Math.max(w.length, 2) ? d : undefined;
}

/** ` (did you mean X?)`, or nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
}
