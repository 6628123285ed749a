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

/**
 * An instruction as Docker sees it: its physical lines joined into one. The continuation character (with the blanks
 * and newline after it) is removed, comment lines and blank lines inside the continuation are dropped, and continued
 * lines keep their leading blanks. `pieces` maps each stretch of the logical text back to the source.
 */
export class LogicalLine {
  constructor(
    readonly text: string,
    /** Flattened pairs: logicalStart0, sourceStart0, logicalStart1, sourceStart1, ... */
    private readonly pieces: number[],
    readonly sourceEnd: number,
  ) {}

  /** Source offset of the character at a logical offset. */
  toSource(logical: number): number {
    const p = this.pieces;
    if (p.length === 0) return this.sourceEnd;
    if (logical >= this.text.length) return this.sourceEnd;
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
    if (end <= start) {
      // An empty span at a continuation has two candidate places: an empty value belongs right after the `=` before
      // it, an empty key right before the `=` after it.
      const at =
        emptyAnchor === "before-next" || start === 0 ? this.toSource(start) : this.toSource(start - 1) + 1;
      return { start: at, end: at };
    }
    const s = this.toSource(start);
    return { start: s, end: this.toSource(end - 1) + 1 };
  }
}

/**
 * Builds the logical line from the tokens of one instruction (everything from its first word up to, not including,
 * the newline that ends it).
 */
export function buildLogicalLine(source: string, tokens: readonly Token[]): LogicalLine {
  // Most instructions are one line of text: nothing to join.
  if (tokens.length === 1 && tokens[0].kind === "Text") {
    const t = tokens[0];
    return new LogicalLine(source.slice(t.start, t.end), [0, t.start], t.end);
  }
  let text = "";
  const pieces: number[] = [];
  let lastSourceEnd = -1;
  let i = 0;
  const n = tokens.length;
  let firstLine = true;
  while (i < n) {
    // One physical line: tokens up to a Continuation, a Newline, or the end.
    let j = i;
    let hasComment = false;
    let hasContinuation = false;
    while (j < n) {
      const k = tokens[j].kind;
      if (k === "Comment") hasComment = true;
      if (k === "Continuation") {
        hasContinuation = true;
        j++;
        break;
      }
      if (k === "Newline" || k === "EndOfInstruction") {
        j++;
        break;
      }
      j++;
    }
    // Comment lines and blank lines inside a continuation are skipped by Docker.
    const keep = firstLine || (!hasComment && (hasContinuation || hasText(tokens, i, j)));
    if (keep) {
      for (let t = i; t < j; t++) {
        const tok = tokens[t];
        if (tok.kind !== "Text" && tok.kind !== "Whitespace") continue;
        if (firstLine && text.length === 0 && tok.kind === "Whitespace") continue;
        if (tok.start !== lastSourceEnd) pieces.push(text.length, tok.start);
        text += source.slice(tok.start, tok.end);
        lastSourceEnd = tok.end;
      }
    }
    firstLine = false;
    i = j;
  }
  const sourceEnd = n > 0 ? lastContentEnd(tokens) : 0;
  return new LogicalLine(text, pieces, lastSourceEnd >= 0 ? lastSourceEnd : sourceEnd);
}

function hasText(tokens: readonly Token[], from: number, to: number): boolean {
  for (let t = from; t < to; t++) if (tokens[t].kind === "Text") return true;
  return false;
}

function lastContentEnd(tokens: readonly Token[]): number {
  for (let t = tokens.length - 1; t >= 0; t--) {
    const k = tokens[t].kind;
    if (k === "Text" || k === "Continuation") return tokens[t].start;
  }
  return tokens[0].start;
}
