import type { Span } from "./text.js";

/** The lexer's token kinds, named after what they hold in a Dockerfile. */
export type TokenKind =
  | "Bom"
  | "HeredocEnd"
  | "HeredocBody"
  | "EndOfInstruction"
  | "Newline"
  | "Continuation"
  | "Comment"
  | "Whitespace"
  | "Text";

export interface Token {
  kind: TokenKind;
  start: number;
  end: number;
}

/** Token kinds as small numbers: the tree builder keeps a file's tokens as two typed arrays (kind, start), not
 * as an object per token. */
export const K_BOM = 0;
export const K_HEREDOC_END = 1;
export const K_HEREDOC_BODY = 2;
export const K_END_OF_INSTRUCTION = 3;
export const K_NEWLINE = 4;
export const K_CONTINUATION = 5;
export const K_COMMENT = 6;
export const K_WHITESPACE = 7;
export const K_TEXT = 8;

/** `TokenKind` of each kind number. */
export const KIND_NAMES: readonly TokenKind[] = [
  "Bom",
  "HeredocEnd",
  "HeredocBody",
  "EndOfInstruction",
  "Newline",
  "Continuation",
  "Comment",
  "Whitespace",
  "Text",
];

/**
 * A run of tokens as parallel arrays: token `i` has kind `kinds[i]` and spans `starts[i]` to `starts[i + 1]`
 * (the last one ends at `end`).
 */
export interface TokenRun {
  kinds: ArrayLike<number>;
  starts: ArrayLike<number>;
  end: number;
}

export function tokenEnd(run: TokenRun, i: number): number {
  return i + 1 < run.starts.length ? run.starts[i + 1] : run.end;
}

/**
 * An instruction as Docker sees it: its physical lines joined into one. The continuation character (with the blanks
 * and newline after it) is removed, comment lines and blank lines inside the continuation are dropped, and continued
 * lines keep their leading blanks. `pieces` maps each stretch of the logical text back to the source.
 *
 * A line that is one stretch of the source (most instructions) keeps the document and its place in it, and its text
 * is cut when read: a slice of its own was 32 bytes of every such instruction (0.5 MB of the tree of the generated
 * 1 MB file), and after the tree is built little reads it.
 */
export class LogicalLine {
  /** The logical text; for a line without pieces, the document it is `size` characters of, from `base`. */
  declare private readonly str: string;
  /** Flattened pairs: logicalStart0, sourceStart0, logicalStart1, sourceStart1, ...; undefined when the text is
   * one stretch of the source starting at `base` (most instructions: no array for them). */
  declare private readonly pieces: readonly number[] | undefined;
  /** Where the text starts in the source; with pieces, where it ends (`sourceEnd`). */
  declare private readonly base: number;
  /** The text's length without pieces; unused with them. */
  declare private readonly size: number;

  constructor(str: string, pieces: readonly number[] | undefined, base: number, size: number) {
    this.str = str;
    this.pieces = pieces;
    this.base = base;
    this.size = size;
  }

  get text(): string {
    return this.pieces === undefined ? this.str.slice(this.base, this.base + this.size) : this.str;
  }

  get sourceEnd(): number {
    return this.pieces === undefined ? this.base + this.size : this.base;
  }

  /** `text.slice(start, end)`, without cutting the text first. */
  slice(start: number, end: number): string {
    if (this.pieces !== undefined) return this.str.slice(start, end);
    const size = this.size;
    const from = Math.max(0, Math.min(start, size));
    const to = Math.min(end, size);
    return to <= from ? "" : this.str.slice(this.base + from, this.base + to);
  }

  /** The document, when the line is exactly its stretch from `start` to `end` (no pieces). */
  documentIfStretch(start: number, end: number): string | undefined {
    return this.pieces === undefined && this.base === start && this.base + this.size === end
      ? this.str
      : undefined;
  }

  /** The source text from `start` to `end`; only for a line without pieces, which keeps the document. */
  sourceSlice(start: number, end: number): string {
    return this.str.slice(start, end);
  }

  /** Source offset of the character at a logical offset. */
  toSource(logical: number): number {
    const p = this.pieces;
    if (p === undefined) return logical >= this.size ? this.base + this.size : this.base + logical;
    if (logical >= this.str.length) return this.base;
    if (p.length === 0) return this.base;
    let lo = 0;
    let hi = p.length / 2 - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (p[mid * 2] <= logical) lo = mid;
      else hi = mid - 1;
    }
    return p[lo * 2 + 1] + (logical - p[lo * 2]);
  }

  /** Source span of a logical span: ends map to just after the last character, not to the next piece. */
  span(start: number, end: number, emptyAnchor: "after-previous" | "before-next" = "after-previous"): Span {
    return { start: this.startOf(start, end, emptyAnchor), end: this.endOf(start, end, emptyAnchor) };
  }

  /** `span(start, end, emptyAnchor).start`, without the object: the tree keeps most spans as two numbers. */
  startOf(
    start: number,
    end: number,
    emptyAnchor: "after-previous" | "before-next" = "after-previous",
  ): number {
    if (end <= start) return this.emptyAt(start, emptyAnchor);
    if (this.pieces === undefined && end <= this.size) return this.base + start;
    return this.toSource(start);
  }

  /** `span(start, end, emptyAnchor).end`. */
  endOf(
    start: number,
    end: number,
    emptyAnchor: "after-previous" | "before-next" = "after-previous",
  ): number {
    if (end <= start) return this.emptyAt(start, emptyAnchor);
    if (this.pieces === undefined && end <= this.size) return this.base + end;
    return this.toSource(end - 1) + 1;
  }

  private emptyAt(start: number, emptyAnchor: "after-previous" | "before-next"): number {
    // An empty span at a continuation has two candidate places: an empty value belongs right after the `=` before
    // it, an empty key right before the `=` after it.
    return emptyAnchor === "before-next" || start === 0 ? this.toSource(start) : this.toSource(start - 1) + 1;
  }
}

/**
 * Builds the logical line from the tokens `from` to `to` (exclusive) of one instruction: everything from its first
 * word up to, not including, the newline that ends it.
 */
export function buildLogicalLine(source: string, run: TokenRun, from: number, to: number): LogicalLine {
  const { kinds, starts } = run;
  // Most instructions are one line of text: nothing to join.
  if (to - from === 1 && kinds[from] === K_TEXT) {
    const start = starts[from];
    return new LogicalLine(source, undefined, start, tokenEnd(run, from) - start);
  }
  let text = "";
  const pieces: number[] = [];
  let lastSourceEnd = -1;
  // The text is added a stretch of the source at a time (a line's indentation and text are one), not a token at a
  // time: half the slices and joins on a continued RUN (10k-line file: 0.94 -> 0.72 MB allocated here, parse
  // 5.45 -> 4.93 ms warm, CPU p25).
  let stretchStart = -1;
  let i = from;
  let firstLine = true;
  while (i < to) {
    // One physical line: tokens up to a Continuation, a Newline, or the end.
    let j = i;
    let hasComment = false;
    let hasContinuation = false;
    while (j < to) {
      const k = kinds[j];
      if (k === K_COMMENT) hasComment = true;
      if (k === K_CONTINUATION) {
        hasContinuation = true;
        j++;
        break;
      }
      if (k === K_NEWLINE || k === K_END_OF_INSTRUCTION) {
        j++;
        break;
      }
      j++;
    }
    // Comment lines and blank lines inside a continuation are skipped by Docker.
    const keep = firstLine || (!hasComment && (hasContinuation || hasText(kinds, i, j)));
    if (keep) {
      for (let t = i; t < j; t++) {
        const k = kinds[t];
        if (k !== K_TEXT && k !== K_WHITESPACE) continue;
        if (firstLine && stretchStart < 0 && k === K_WHITESPACE) continue;
        const start = starts[t];
        const end = tokenEnd(run, t);
        if (start !== lastSourceEnd) {
          if (stretchStart >= 0) text += source.slice(stretchStart, lastSourceEnd);
          pieces.push(text.length, start);
          stretchStart = start;
        }
        lastSourceEnd = end;
      }
    }
    firstLine = false;
    i = j;
  }
  if (stretchStart >= 0) text += source.slice(stretchStart, lastSourceEnd);
  const sourceEnd = to > from ? lastContentStart(run, from, to) : 0;
  // One stretch: the text is `source[pieces[1]:lastSourceEnd]`.
  if (pieces.length === 2 && pieces[0] === 0)
    return new LogicalLine(source, undefined, pieces[1], text.length);
  return new LogicalLine(text, pieces, lastSourceEnd >= 0 ? lastSourceEnd : sourceEnd, 0);
}

function hasText(kinds: ArrayLike<number>, from: number, to: number): boolean {
  for (let t = from; t < to; t++) if (kinds[t] === K_TEXT) return true;
  return false;
}

function lastContentStart(run: TokenRun, from: number, to: number): number {
  for (let t = to - 1; t >= from; t--) {
    const k = run.kinds[t];
    if (k === K_TEXT || k === K_CONTINUATION) return run.starts[t];
  }
  return run.starts[from];
}
