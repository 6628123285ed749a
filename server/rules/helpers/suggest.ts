/** Levenshtein distance, stopping early once it must exceed `limit` (names here are short). */
export function editDistance(a: string, b: string, limit = Number.POSITIVE_INFINITY): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
      if (cur[j] < rowMin) rowMin = cur[j];
    }
    if (rowMin > limit) return limit + 1;
    prev = cur;
  }
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
  const norm = (s: string) => (options.caseSensitive ? s : s.toLowerCase());
  const w = norm(word);
  if (w.length === 0) return undefined;
  let best: string | undefined;
  let bestDistance = max + 1;
  for (const c of candidates) {
    const d = editDistance(w, norm(c), max);
    if (d < bestDistance && d < Math.max(w.length, 2)) {
      best = c;
      bestDistance = d;
    }
  }
  return best;
}

/** ` (did you mean X?)`, or nothing. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` (did you mean ${suggestion}?)`;
}
