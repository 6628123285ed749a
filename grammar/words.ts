import type { Span } from "./text.js";

/** Go's unicode.IsSpace, which BuildKit uses when it splits words. */
export function isUnicodeSpace(c: number): boolean {
  if (c <= 0xff) return c === 32 || (c >= 9 && c <= 13) || c === 0x85 || c === 0xa0;
  return (
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000
  );
}

/** The whitespace of BuildKit's `[\t\v\f\r ]+` splitter. */
export function isAsciiBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 11 || c === 12 || c === 13;
}

export function skipBlanks(text: string, pos: number, end: number): number {
  while (pos < end && isAsciiBlank(text.charCodeAt(pos))) pos++;
  return pos;
}

/**
 * Quote-aware word splitting as BuildKit does it for ARG, ENV and LABEL: whitespace inside quotes does not split,
 * an escape character protects the next character, and quotes and escapes stay in the word. A lone escape
 * character at the very end is dropped from the word.
 */
export function splitQuotedWords(
  text: string,
  start: number,
  end: number,
  escapeChar: string,
  /** BuildKit's heredoc scan keeps the blanks right after an unquoted `<<` in the word (`<< EOF` is one word). */
  heredocAware = false,
): Span[] {
  const esc = escapeChar.charCodeAt(0);
  const out: Span[] = [];
  let pos = start;
  while (pos < end) {
    while (pos < end && isUnicodeSpace(text.charCodeAt(pos))) pos++;
    if (pos >= end) break;
    const wordStart = pos;
    let wordEnd = pos;
    let quote = 0;
    while (pos < end) {
      const c = text.charCodeAt(pos);
      if (quote === 0) {
        if (isUnicodeSpace(c)) break;
        if (c === 34 || c === 39) quote = c;
        else if (heredocAware && c === 60 && text.charCodeAt(pos + 1) === 60) {
          pos += 2;
          while (
            pos < end &&
            (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9 || text.charCodeAt(pos) === 13)
          ) {
            pos++;
          }
          wordEnd = pos;
          continue;
        } else if (c === esc) {
          if (pos + 1 >= end) {
            pos++;
            break;
          }
          pos++;
        }
      } else if (c === quote) {
        quote = 0;
      } else if (c === esc && quote !== 39) {
        if (pos + 1 >= end) {
          pos++;
          break;
        }
        pos++;
      }
      pos++;
      wordEnd = pos;
    }
    // `""` alone is a real (empty) word; a word is never empty otherwise.
    if (wordEnd > wordStart) out.push({ start: wordStart, end: wordEnd });
  }
  return out;
}

export interface RawFlag {
  span: Span;
  /** The flag word with quotes removed and backslash escapes applied, e.g. `--mount=type=cache,target=/x`. */
  text: string;
}

/**
 * Takes the `--flag` words from the front of an instruction's arguments. The first word that does not start with
 * `--` ends the flags; a bare `--` ends them and is dropped. Inside flags BuildKit always treats `\` as the escape,
 * whatever the escape directive says, and removes quotes.
 */
export function extractFlags(text: string, start: number, end: number): { flags: RawFlag[]; rest: number } {
  const flags: RawFlag[] = [];
  let pos = start;
  for (;;) {
    while (pos < end && isUnicodeSpace(text.charCodeAt(pos))) pos++;
    if (pos >= end) return { flags, rest: end };
    if (!(text.charCodeAt(pos) === 45 && pos + 1 < end && text.charCodeAt(pos + 1) === 45)) {
      return { flags, rest: pos };
    }
    const wordStart = pos;
    // Most flags have no quotes or escapes: then the flag is the word as written.
    let plainEnd = pos;
    while (plainEnd < end) {
      const c = text.charCodeAt(plainEnd);
      if (isUnicodeSpace(c) || c === 34 || c === 39 || c === 92) break;
      plainEnd++;
    }
    if (plainEnd >= end || isUnicodeSpace(text.charCodeAt(plainEnd))) {
      const word = text.slice(wordStart, plainEnd);
      pos = plainEnd;
      if (word === "--") return { flags, rest: pos };
      flags.push({ span: { start: wordStart, end: pos }, text: word });
      continue;
    }
    let value = "";
    let quote = 0;
    while (pos < end) {
      let c = text.charCodeAt(pos);
      if (quote === 0) {
        if (isUnicodeSpace(c)) break;
        if (c === 34 || c === 39) {
          quote = c;
          pos++;
          continue;
        }
      } else if (c === quote) {
        quote = 0;
        pos++;
        continue;
      }
      if (c === 92) {
        if (pos + 1 >= end) {
          pos++;
          continue;
        }
        pos++;
        c = text.charCodeAt(pos);
      }
      value += String.fromCharCode(c);
      pos++;
    }
    if (value === "--") {
      return { flags, rest: pos };
    }
    flags.push({ span: { start: wordStart, end: pos }, text: value });
  }
}
