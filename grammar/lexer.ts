import {
  type CustomPatternMatcherReturn,
  createToken,
  type IMultiModeLexerDefinition,
  type IToken,
  Lexer,
  type TokenType,
} from "chevrotain";
import {
  findHeredocMarkers,
  HEREDOC_INSTRUCTIONS,
  type HeredocMarker,
  isHeredocTerminator,
} from "./heredoc.js";
import { parseJsonArray } from "./json.js";
import {
  buildLogicalLine,
  K_BOM,
  K_COMMENT,
  K_CONTINUATION,
  K_END_OF_INSTRUCTION,
  K_HEREDOC_BODY,
  K_HEREDOC_END,
  K_NEWLINE,
  K_TEXT,
  K_WHITESPACE,
  type TokenRun,
} from "./logical.js";
import { extractFlags, isAsciiBlank, isUnicodeSpace } from "./words.js";

/**
 * Dockerfile lexing depends on context that a regular expression cannot see: the escape character chosen by a
 * directive, whether a line continues the previous one, and which heredocs the last instruction opened. Most of
 * it is read back from the tokens already produced (only a few tokens back); the heredoc queue is kept here and
 * reset for every document. Chevrotain takes the first pattern that matches, so a matching pattern may update it.
 */
const state = {
  escape: 92,
  heredocs: [] as HeredocMarker[],
  /** Offset of the next escape character at or after the text last lexed (-1: none), or -2 before the first. */
  nextEscape: -2,
  /** Where the instruction being lexed can start at the earliest: just after the last end of an instruction. */
  instructionFrom: 0,
  /** Offset of the next `<<` at or after `instructionFrom` (-1: none), or -2 before the first search. */
  nextMarker: -2,
  /** Tokens the lexer's merged tokens stand for beyond themselves (see `tokenRun`). */
  merged: 0,
  /** Where the continued text token last looked for text, and the text's end it found there. */
  textAt: -1,
  textEnd: -1,
};

/** Chevrotain reads a custom pattern's match (its image, and a payload we never set) before it calls the next
 * pattern, so one array serves every match instead of one per token. */
const MATCH = [""] as unknown as CustomPatternMatcherReturn;

function match(text: string): CustomPatternMatcherReturn {
  MATCH[0] = text;
  return MATCH;
}

function lineEndAt(text: string, offset: number): number {
  const eol = text.indexOf("\n", offset);
  return eol === -1 ? text.length : eol;
}

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || text.charCodeAt(offset - 1) === 10;
}

/** End offset of the continuation starting at `pos`, or -1. */
function continuationEnd(text: string, pos: number): number {
  const esc = state.escape;
  if (text.charCodeAt(pos) !== esc) return -1;
  // BuildKit: an escape character preceded by another one does not continue the line (`C:\\` at the end).
  if (pos > 0 && text.charCodeAt(pos - 1) === esc) return -1;
  let j = pos + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9) j++;
    else break;
  }
  if (j >= text.length) return j;
  // BuildKit strips every trailing "\r" before it looks for the continuation (`\\\r\r\n`).
  let k = j;
  while (k < text.length && text.charCodeAt(k) === 13) k++;
  if (k >= text.length) return k;
  if (text.charCodeAt(k) === 10) return k + 1;
  return -1;
}

/** Whether the current physical line has instruction text: text runs to the end of its line, so it is always
 * the last token before the line ends. */
function lineHasText(tokens: IToken[]): boolean {
  const n = tokens.length;
  if (n === 0) return false;
  const t = tokens[n - 1].tokenType;
  return t === TextBackslash || t === TextBacktick;
}

const NEWLINE = /\r?\n/y;

function newlineAt(text: string, offset: number): CustomPatternMatcherReturn | null {
  const c = text.charCodeAt(offset);
  if (c === 10) return match("\n");
  if (c === 13 && text.charCodeAt(offset + 1) === 10) return match("\r\n");
  return null;
}

const NEWLINE_CHARS = ["\n", "\r"];

export const Bom = createToken({
  name: "Bom",
  // Chevrotain tries this pattern for every character in U+FEFF's first-character bucket, not only U+FEFF itself.
  pattern: (text: string, offset: number) =>
    offset === 0 && text.charCodeAt(0) === 0xfeff ? match("\uFEFF") : null,
  start_chars_hint: ["\uFEFF"],
  line_breaks: false,
});

export const Whitespace = createToken({
  name: "Whitespace",
  // Go's unicode.IsSpace, which BuildKit uses to trim lines: a line of no-break spaces is blank to Docker.
  pattern: /(?:[ \t\v\f\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]|\r(?!\n))+/,
  // The characters a match can start with. Without a hint Chevrotain parses the regular expression to find them
  // when it builds the lexer, which the first parse of every run pays: with the hints (same first-character map)
  // the first tokenize of a process takes 8.5 -> 5.9 ms (CPU p25 of 20 fresh processes).
  start_chars_hint: [
    ..." \t\v\f\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a",
    ..."\u2028\u2029\u202f\u205f\u3000\r",
  ],
  line_breaks: false,
});

/**
 * A comment, with the newline that ends it: one Chevrotain token for the two, which `tokenRun` splits back into
 * Comment and Newline (a comment's newline is never an end of instruction: no text precedes it on its line).
 * Instruction text runs to the end of its line, so a `#` the lexer reaches is the first non-blank character of a
 * physical line: a comment, also inside a continuation.
 */
export const Comment = createToken({
  name: "Comment",
  pattern: (text: string, offset: number): CustomPatternMatcherReturn | null => {
    if (text.charCodeAt(offset) !== 35) return null;
    let end = text.indexOf("\n", offset);
    if (end === -1) return match(text.slice(offset));
    if (text.charCodeAt(end - 1) === 13 && end - 1 > offset) end--;
    state.merged++;
    return match(text.slice(offset, text.charCodeAt(end) === 13 ? end + 2 : end + 1));
  },
  start_chars_hint: ["#"],
  line_breaks: true,
});

/**
 * The UTF-16 code units text can start with (anything but blanks, line breaks and `#`), as Chevrotain's first-char
 * hint. Chevrotain files code units above 255 in buckets of 255 and keeps a token once per bucket, so the first
 * code unit of each bucket stands for the bucket: the same lexer as the list of all 65,000, at a fraction of its
 * start-up time (that list cost ~20 ms of every `dflint` run).
 */
const TEXT_START_CHARS: number[] = [];
for (let c = 0; c <= 255; c++) if (!isUnicodeSpace(c) && c !== 35) TEXT_START_CHARS.push(c);
// Buckets above 255: code units 255k to 255k + 254 (the first starts at 256). Looking only for each bucket's first
// non-blank keeps this loop at ~260 steps instead of 65,536 (~4 ms of every run, cold).
for (let start = 256; start <= 0xffff; start = 255 * (Math.floor(start / 255) + 1)) {
  const end = Math.min(255 * (Math.floor(start / 255) + 1), 0x10000);
  for (let c = start; c < end; c++) {
    if (!isUnicodeSpace(c)) {
      TEXT_START_CHARS.push(c);
      break;
    }
  }
}

/** Whether an escape character ending at `pos` continues the line: only blanks and carriage returns follow it
 * before the newline or the end of the text. */
function continuesAt(text: string, pos: number): boolean {
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === 32 || c === 9) pos++;
    else break;
  }
  while (pos < n && text.charCodeAt(pos) === 13) pos++;
  return pos >= n || text.charCodeAt(pos) === 10;
}

/**
 * The end of the instruction text at `offset`. Instruction text: from a non-blank character to the end of the physical line (a "\r" is text unless a "\n"
 * follows it), or to the escape character that continues it. An escape character is text unless it continues the
 * line; a run of two or more never does (BuildKit). Words are split later, from the joined logical line.
 *
 * A function, not the regular expression of the same language: V8 ran that alternation character by character
 * (Chevrotain's `matchLength` was the largest self time of a parse); here `indexOf` finds the line's end and the
 * next escape character, whose offset is kept so a file without one is searched once, not once per line.
 */
function textEnd(text: string, offset: number, escapeChar: "\\" | "`", esc: number): number {
  const n = text.length;
  let end = text.indexOf("\n", offset);
  if (end === -1) end = n;
  else if (end > offset && text.charCodeAt(end - 1) === 13) end--;
  let e = state.nextEscape;
  if (e !== -1 && e < offset) {
    e = text.indexOf(escapeChar, offset);
    state.nextEscape = e;
  }
  while (e !== -1 && e < end) {
    let q = e + 1;
    while (q < n && text.charCodeAt(q) === esc) q++;
    if (q - e === 1 && continuesAt(text, q)) return e;
    e = text.indexOf(escapeChar, q);
    state.nextEscape = e;
  }
  return end;
}

/** textEnd, reusing what the continued text token found at the same offset just before (it is tried first). */
function textEndAgain(text: string, offset: number, escapeChar: "\\" | "`", esc: number): number {
  return state.textAt === offset ? state.textEnd : textEnd(text, offset, escapeChar, esc);
}

/** The text token for one escape character; a document is lexed with the one its `escape` directive picks. It is
 * tried right after the continued text token, which left the end it found in `state`. */
function textToken(name: string, escapeChar: "\\" | "`"): TokenType {
  const esc = escapeChar.charCodeAt(0);
  return createToken({
    name,
    pattern: (text: string, offset: number): CustomPatternMatcherReturn | null => {
      const end = textEndAgain(text, offset, escapeChar, esc);
      return end > offset ? match(text.slice(offset, end)) : null;
    },
    start_chars_hint: TEXT_START_CHARS,
    line_breaks: false,
  });
}

/**
 * Text that a continuation ends, with the continuation and the next line's indentation: one Chevrotain token for
 * the three, which `tokenRun` splits back into Text, Continuation and Whitespace (~20% of the corpus's tokens were
 * text followed by a continuation; each token costs the lexer more than its characters do).
 */
function continuedTextToken(name: string, escapeChar: "\\" | "`"): TokenType {
  const esc = escapeChar.charCodeAt(0);
  return createToken({
    name,
    pattern: (text: string, offset: number): CustomPatternMatcherReturn | null => {
      const end = textEnd(text, offset, escapeChar, esc);
      state.textAt = offset;
      state.textEnd = end;
      if (end <= offset || end >= text.length || text.charCodeAt(end) !== esc) return null;
      const last = indentedContinuationEnd(text, end);
      if (last < 0) return null;
      state.merged++;
      return match(text.slice(offset, last));
    },
    start_chars_hint: TEXT_START_CHARS,
    line_breaks: true,
  });
}

/**
 * Text that ends its instruction, with the newline after it: one Chevrotain token for the two, which `tokenRun`
 * splits back into Text and EndOfInstruction (most instructions are one such line). Not when the instruction may
 * open heredocs (a `<<` since the last end of an instruction): then the end-of-instruction tokens decide.
 * With the comment and its newline as one token, the corpus is 103k Chevrotain tokens instead of 140k; A/B (CPU,
 * medians): parse of the corpus 50.6 -> 47.3 ms warm (p25), 575 -> 548 ms cold (first pass, 30 fresh processes);
 * the lexer's allocation on the 10k-line file 1.23 -> 0.93 MB.
 */
function textLineToken(name: string, escapeChar: "\\" | "`"): TokenType {
  const esc = escapeChar.charCodeAt(0);
  return createToken({
    name,
    pattern: (text: string, offset: number): CustomPatternMatcherReturn | null => {
      const end = textEndAgain(text, offset, escapeChar, esc);
      if (end <= offset) return null;
      const c = text.charCodeAt(end);
      const lineEnd = c === 10 ? end + 1 : c === 13 && text.charCodeAt(end + 1) === 10 ? end + 2 : -1;
      if (lineEnd < 0 || markerBefore(text, end)) return null;
      state.instructionFrom = lineEnd;
      state.merged++;
      return match(text.slice(offset, lineEnd));
    },
    start_chars_hint: TEXT_START_CHARS,
    line_breaks: true,
  });
}

const TextBackslash = textToken("TextBackslash", "\\");
const TextBacktick = textToken("TextBacktick", "`");
const ContinuedTextBackslash = continuedTextToken("ContinuedTextBackslash", "\\");
const ContinuedTextBacktick = continuedTextToken("ContinuedTextBacktick", "`");
const TextLineBackslash = textLineToken("TextLineBackslash", "\\");
const TextLineBacktick = textLineToken("TextLineBacktick", "`");

/** The newline that ends an instruction which opened heredocs: their bodies follow, lexed in the heredoc mode. */
const EndOfInstructionHeredoc = createToken({
  name: "EndOfInstructionHeredoc",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    if (!lineHasText(tokens)) return null;
    const m = newlineAt(text, offset);
    if (!m) return null;
    const heredocs = heredocsOf(text, tokens, offset);
    if (heredocs.length === 0) return null;
    state.heredocs = heredocs;
    state.instructionFrom = offset + m[0].length;
    return m;
  },
  start_chars_hint: NEWLINE_CHARS,
  line_breaks: true,
  push_mode: "heredoc",
});
const EndOfInstructionPlain = createToken({
  name: "EndOfInstructionPlain",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    if (!lineHasText(tokens)) return null;
    const m = newlineAt(text, offset);
    if (m) state.instructionFrom = offset + m[0].length;
    return m;
  },
  start_chars_hint: NEWLINE_CHARS,
  line_breaks: true,
});

export const Newline = createToken({
  name: "Newline",
  pattern: NEWLINE,
  start_chars_hint: NEWLINE_CHARS,
  line_breaks: true,
});

/** End of the continuation at `pos` and of the blanks indenting the line it continues (counted in `state.merged`
 * when there are some); -1 when no continuation starts at `pos`. */
function indentedContinuationEnd(text: string, pos: number): number {
  const end = continuationEnd(text, pos);
  if (end < 0 || text.charCodeAt(end - 1) !== 10) return end;
  const blanks = whitespaceEnd(text, end);
  if (blanks === end) return end;
  state.merged++;
  return blanks;
}

/** End of the run of blanks `Whitespace` would match at `pos` (`pos` when there is none). */
function whitespaceEnd(text: string, pos: number): number {
  const n = text.length;
  while (pos < n) {
    const c = text.charCodeAt(pos);
    if (c === 13) {
      if (text.charCodeAt(pos + 1) === 10) break;
    } else if (c === 10 || !isUnicodeSpace(c)) break;
    pos++;
  }
  return pos;
}

/**
 * A continuation, and the blanks that indent the line it continues: one Chevrotain token for the two (~20% of a
 * file's tokens are such pairs, and each token costs the lexer more than its characters do). `tokenRun` splits it
 * into the Continuation and Whitespace the tree has.
 */
export const Continuation = createToken({
  name: "Continuation",
  pattern: (text: string, offset: number) => {
    const end = indentedContinuationEnd(text, offset);
    return end < 0 ? null : match(text.slice(offset, end));
  },
  start_chars_hint: ["\\", "`"],
  line_breaks: true,
});

export const HeredocBody = createToken({
  name: "HeredocBody",
  pattern: (text: string, offset: number) => {
    if (state.heredocs.length === 0 || !atLineStart(text, offset)) return null;
    const marker = state.heredocs[0];
    let pos = offset;
    while (pos < text.length) {
      const eol = lineEndAt(text, pos);
      if (isHeredocTerminator(text.slice(pos, eol), marker)) break;
      pos = eol + 1;
    }
    if (pos >= text.length) {
      // Unterminated: the body runs to the end of the file and no later heredoc can start.
      pos = text.length;
      state.heredocs = [];
    }
    return pos > offset ? match(text.slice(offset, pos)) : null;
  },
  line_breaks: true,
});

function heredocEndPattern(last: boolean) {
  return (text: string, offset: number) => {
    if (state.heredocs.length === 0 || (state.heredocs.length === 1) !== last || !atLineStart(text, offset)) {
      return null;
    }
    let end = lineEndAt(text, offset);
    if (end > offset && text.charCodeAt(end - 1) === 13 && end < text.length) end--;
    if (end === offset || !isHeredocTerminator(text.slice(offset, end), state.heredocs[0])) return null;
    state.heredocs.shift();
    return match(text.slice(offset, end));
  };
}

const HeredocEndMore = createToken({
  name: "HeredocEndMore",
  pattern: heredocEndPattern(false),
  line_breaks: false,
});
const HeredocEndLast = createToken({
  name: "HeredocEndLast",
  pattern: heredocEndPattern(true),
  line_breaks: false,
  pop_mode: true,
});

function lexerFor(continuedText: TokenType, textLine: TokenType, text: TokenType): Lexer {
  const definition: IMultiModeLexerDefinition = {
    modes: {
      instructions: [
        Bom,
        Whitespace,
        Comment,
        continuedText,
        textLine,
        text,
        EndOfInstructionHeredoc,
        EndOfInstructionPlain,
        Newline,
        Continuation,
      ],
      heredoc: [HeredocEndMore, HeredocEndLast, HeredocBody, Newline],
    },
    defaultMode: "instructions",
  };
  return new Lexer(definition, { positionTracking: "onlyOffset", skipValidations: true });
}

let backslashLexer: Lexer | undefined;
let backtickLexer: Lexer | undefined;

/** Kind number of each token type, by Chevrotain's `tokenTypeIdx`. */
const KIND_CODE: number[] = [];
/** The lexer's own code for continued text: `tokenRun` turns it into K_TEXT, K_CONTINUATION and K_WHITESPACE. */
const CONTINUED_TEXT = 255;
/** The lexer's own codes for text with its end of instruction, and for a comment (maybe with its newline). */
const TEXT_LINE = 254;
const COMMENT_LINE = 253;
for (const [type, kind] of [
  [Bom, K_BOM],
  [Whitespace, K_WHITESPACE],
  [Comment, COMMENT_LINE],
  [TextBackslash, K_TEXT],
  [TextBacktick, K_TEXT],
  [ContinuedTextBackslash, CONTINUED_TEXT],
  [ContinuedTextBacktick, CONTINUED_TEXT],
  [TextLineBackslash, TEXT_LINE],
  [TextLineBacktick, TEXT_LINE],
  [EndOfInstructionHeredoc, K_END_OF_INSTRUCTION],
  [EndOfInstructionPlain, K_END_OF_INSTRUCTION],
  [Newline, K_NEWLINE],
  [Continuation, K_CONTINUATION],
  [HeredocEndMore, K_HEREDOC_END],
  [HeredocEndLast, K_HEREDOC_END],
  [HeredocBody, K_HEREDOC_BODY],
] as const) {
  KIND_CODE[type.tokenTypeIdx ?? -1] = kind;
}

/**
 * Heredocs opened by the instruction that ends here: only RUN, COPY and ADD (also as ONBUILD triggers) in shell
 * form can open them. The instruction's tokens run back to the previous instruction's end.
 */
function heredocsOf(text: string, tokens: IToken[], offset: number): HeredocMarker[] {
  if (!markerBefore(text, offset)) return NO_MARKERS;
  let first = tokens.length;
  let sawMarker = false;
  while (first > 0) {
    const t = tokens[first - 1];
    const type = t.tokenType;
    if (type === EndOfInstructionPlain || type === EndOfInstructionHeredoc || type === HeredocEndLast) break;
    if (type === TextLineBackslash || type === TextLineBacktick) break;
    if (type === HeredocBody || type === Bom) break;
    if (!sawMarker && t.image.includes("<<") && type !== Comment) sawMarker = true;
    first--;
  }
  if (!sawMarker) return NO_MARKERS;
  // Leading blank lines and comments before the keyword belong to no instruction.
  while (first < tokens.length && !isInstructionStart(tokens[first].tokenType)) first++;
  const lastToken = tokens[tokens.length - 1];
  // The instruction's run is read once, here: it is written to arrays kept for this, not to the pool.
  const size = 3 * (tokens.length - first);
  if (scratchKinds.length < size) {
    scratchKinds = new Uint8Array(size * 2);
    scratchStarts = new Int32Array(size * 2);
  }
  const n = fillRun(tokens, first, tokens.length, 0, scratchKinds, scratchStarts);
  const run = {
    kinds: scratchKinds.subarray(0, n),
    starts: scratchStarts.subarray(0, n),
    end: lastToken.startOffset + lastToken.image.length,
  };
  const line = buildLogicalLine(text, run, 0, n);
  return heredocMarkersOfLine(line.text);
}

const NO_MARKERS: HeredocMarker[] = [];
let scratchKinds = new Uint8Array(0);
let scratchStarts = new Int32Array(0);

/** Whether a `<<` lies between the last end of an instruction and `offset`. Most instructions have no `<<` at all:
 * one search of the text finds the next one for all of them (the walk back over each instruction's tokens was ~4%
 * of a parse). */
function markerBefore(text: string, offset: number): boolean {
  let next = state.nextMarker;
  if (next !== -1 && next < state.instructionFrom) {
    next = text.indexOf("<<", state.instructionFrom);
    state.nextMarker = next;
  }
  return next !== -1 && next < offset;
}

function isInstructionStart(t: TokenType): boolean {
  return (
    t === TextBackslash ||
    t === TextBacktick ||
    t === ContinuedTextBackslash ||
    t === ContinuedTextBacktick ||
    t === TextLineBackslash ||
    t === TextLineBacktick ||
    t === Continuation
  );
}

/** Shared with the tree builder so both agree on which heredocs an instruction has. */
export function heredocMarkersOfLine(line: string): HeredocMarker[] {
  let pos = skipWord(line, skipBlanks(line, 0));
  let keyword = line.slice(0, pos).trim().toUpperCase();
  if (keyword === "ONBUILD") {
    const start = skipBlanks(line, pos);
    pos = skipWord(line, start);
    keyword = line.slice(start, pos).toUpperCase();
  }
  if (!HEREDOC_INSTRUCTIONS.has(keyword)) return [];
  const { rest } = extractFlags(line, pos, line.length);
  // The exec form has no heredocs; Docker only takes the exec form when the text is a valid JSON array.
  if (line.charCodeAt(rest) === 91 && parseJsonArray(line, rest, trimEnd(line)).ok) return [];
  return findHeredocMarkers(line, 0, line.length);
}

function skipBlanks(s: string, pos: number): number {
  while (pos < s.length && isAsciiBlank(s.charCodeAt(pos))) pos++;
  return pos;
}

function skipWord(s: string, pos: number): number {
  while (pos < s.length && !isAsciiBlank(s.charCodeAt(pos))) pos++;
  return pos;
}

function trimEnd(s: string): number {
  let end = s.length;
  while (end > 0 && isAsciiBlank(s.charCodeAt(end - 1))) end--;
  return end;
}

/**
 * The token runs of small documents are views of one shared ArrayBuffer. An ArrayBuffer per typed array costs
 * ~1.5 µs (memory outside the heap, and a record the collector sweeps): two per document, and one for the parser's
 * instruction list, were ~7% of parsing the corpus (warm, CPU p25: 47.7 -> 44.4 ms). A pool is kept alive by the
 * trees that use it: at most 16 KB per tree, shared with its neighbours.
 */
const POOL_BYTES = 16 * 1024;
let pool = new ArrayBuffer(0);
let poolUsed = 0;
const RUN = { kinds: new Uint8Array(0), starts: new Int32Array(0) };

function runArrays(size: number): { kinds: Uint8Array; starts: Int32Array } {
  const bytes = size * 5;
  if (bytes > POOL_BYTES / 4) {
    RUN.kinds = new Uint8Array(size);
    RUN.starts = new Int32Array(size);
    return RUN;
  }
  if (poolUsed + bytes > pool.byteLength) {
    pool = new ArrayBuffer(POOL_BYTES);
    poolUsed = 0;
  }
  RUN.starts = new Int32Array(pool, poolUsed, size);
  RUN.kinds = new Uint8Array(pool, poolUsed + size * 4, size);
  // The next run's starts stay 4-byte aligned.
  poolUsed += (bytes + 3) & ~3;
  return RUN;
}

/**
 * Writes the tokens from `first` on as a run into `kinds` and `starts`, each merged token split back into the
 * tokens of the tree; returns how many were written. One function for the document's run and an instruction's
 * (heredocsOf), and no branch the document's run never takes: a typed array cut to size only for heredoc
 * instructions made the optimized loop bail out on each of them (50 times in a first pass over the corpus).
 */
function fillRun(
  tokens: IToken[],
  first: number,
  last: number,
  base: number,
  kinds: Uint8Array,
  starts: Int32Array,
  j = 0,
): number {
  for (let i = first; i < last; i++) {
    const t = tokens[i];
    const start = t.startOffset + base;
    const kind = KIND_CODE[t.tokenTypeIdx];
    if (kind === CONTINUED_TEXT) {
      // Text, then the continuation: its escape character is the last one before the newline (or the end), with
      // only blanks and carriage returns after it; then the blanks of the next line, if any.
      const image = t.image;
      const newline = image.indexOf("\n");
      let p = (newline === -1 ? image.length : newline) - 1;
      while (image.charCodeAt(p) === 13) p--;
      while (image.charCodeAt(p) === 32 || image.charCodeAt(p) === 9) p--;
      kinds[j] = K_TEXT;
      starts[j++] = start;
      kinds[j] = K_CONTINUATION;
      starts[j++] = start + p;
      if (newline !== -1 && newline + 1 < image.length) {
        kinds[j] = K_WHITESPACE;
        starts[j++] = start + newline + 1;
      }
      continue;
    }
    if (kind === TEXT_LINE || kind === COMMENT_LINE) {
      // Then the newline, "\n" or "\r\n", if the image ends with one (a comment at the end of the text has none).
      const image = t.image;
      const n = image.length;
      kinds[j] = kind === TEXT_LINE ? K_TEXT : K_COMMENT;
      starts[j++] = start;
      if (image.charCodeAt(n - 1) === 10) {
        kinds[j] = kind === TEXT_LINE ? K_END_OF_INSTRUCTION : K_NEWLINE;
        starts[j++] = start + (n >= 2 && image.charCodeAt(n - 2) === 13 ? n - 2 : n - 1);
      }
      continue;
    }
    kinds[j] = kind;
    starts[j++] = start;
    if (kind === K_CONTINUATION) {
      const image = t.image;
      const blanks = image.indexOf("\n") + 1;
      if (blanks > 0 && blanks < image.length) {
        kinds[j] = K_WHITESPACE;
        starts[j++] = start + blanks;
      }
    }
  }
  return j;
}

/**
 * A document that takes every path of the lexer, lexed once when a lexer is built. Chevrotain's tokenizeInternal is
 * one large function: optimized before any document had a heredoc, it bailed out on the first one and was compiled
 * again (40-70 ms of compiler time each, in a first pass over the corpus); with this sample's feedback it is
 * compiled once. The token run is built from it too, for the same reason. A fresh process's first pass over the
 * corpus: tokenize 176 -> 115 ms, parse 559 -> 499 ms (CPU medians of 12-16 processes); the sample costs the
 * first tokenize about 1 ms.
 */
const WARM_UP_ROUNDS = 3;
const WARM_UP =
  "# c\nFROM a\n  \nRUN b \\\n  c \\\n\\\n d\nRUN <<A cat <<B\nx\nA\ny\nB\n" +
  "RUN e \\\r\n  f\r\n# g\r\nRUN x";

/**
 * Documents longer than this are lexed in pieces of about this many characters, each cut where an instruction (or a
 * blank or comment line outside one) has just ended. Chevrotain makes an object for every token of the text it is
 * given (~70 bytes each) and keeps them all until it returns, long enough for the young generation to copy them to
 * the old one: lexed whole, a 4 MB file of blank lines (4 million tokens) took the lint to a peak RSS of 460 MB for
 * one finding. In pieces, one piece's tokens live at a time, and die young if the piece is small. The token run is
 * the same (test/grammar/lexer.test.ts compares them). Measured (2026-12-04; tokenize alone, best of 3, peak RSS):
 * the 4 MB of blank lines whole 447 ms / 562 MB, in pieces of 256 KB 466 ms / 305 MB, 64 KB 433 / 303, 16 KB 307 /
 * 173, 8 KB 276 / 178; the generated 10 MB file 33 ms / 157 MB whole, 17 ms / 112 MB in pieces of 16-256 KB; the
 * real 10k-line file (383 KB) 1.2 ms whole, 1.4 ms in pieces (best of 40). The whole lint of the blank lines: 891 ->
 * 488 ms, peak RSS 460 -> 230 MB. The corpus's files are at most 25 KB: two are over this.
 */
export const LEX_PIECE = 16 * 1024;

/** Sets the lexer's state for a text lexed from its start. */
function startState(escapeChar: "\\" | "`"): void {
  state.escape = escapeChar.charCodeAt(0);
  state.heredocs = [];
  state.nextEscape = -2;
  state.instructionFrom = 0;
  state.nextMarker = -2;
  state.merged = 0;
  state.textAt = -1;
}

function lexerOf(escapeChar: "\\" | "`"): Lexer {
  let lexer = escapeChar === "`" ? backtickLexer : backslashLexer;
  if (lexer === undefined) {
    if (escapeChar === "`") {
      lexer = backtickLexer = lexerFor(ContinuedTextBacktick, TextLineBacktick, TextBacktick);
    } else {
      lexer = backslashLexer = lexerFor(ContinuedTextBackslash, TextLineBackslash, TextBackslash);
    }
    // Several times: V8 records feedback only once a function has run for a while.
    const sample = WARM_UP.replaceAll("\\", escapeChar);
    for (let i = 0; i < WARM_UP_ROUNDS; i++) tokenize(sample, escapeChar);
  }
  return lexer;
}

/**
 * Lexes a document into its token run (kinds and start offsets: the lexer's token objects are not kept). `piece` is
 * {@link LEX_PIECE} but for tests, which make it small to lex a short text in pieces too.
 */
export function tokenize(text: string, escapeChar: "\\" | "`", piece = LEX_PIECE): TokenRun {
  const lexer = lexerOf(escapeChar);
  if (text.length > piece) return tokenizeInPieces(lexer, text, escapeChar, piece);
  startState(escapeChar);
  const tokens = lexer.tokenize(text).tokens;
  state.heredocs = [];
  const size = tokens.length + state.merged;
  const { kinds, starts } = runArrays(size);
  const n = fillRun(tokens, 0, tokens.length, 0, kinds, starts);
  // The lexer counts the tokens it merged: n is size.
  return n === size
    ? { kinds, starts, end: text.length }
    : { kinds: kinds.subarray(0, n), starts: starts.subarray(0, n), end: text.length };
}

/**
 * {@link tokenize} for a long text: a piece runs from where the last one was cut to the end of the line about
 * `piece` characters on, and is cut after its last token at which a fresh lexer would start in the same state
 * ({@link endOfCleanLines}); the rest is lexed again with the next piece. A piece with no such place (a heredoc or
 * an instruction longer than it) is tried once more 8 times as long, and then the rest of the text is lexed whole:
 * at most 9 pieces' lexing is thrown away. (A 4 MB file that is one instruction continued on every line, lexed in
 * pieces that grew twice until one had an end: lint 403-411 -> 452-472 ms.)
 */
function tokenizeInPieces(lexer: Lexer, text: string, escapeChar: "\\" | "`", piece: number): TokenRun {
  let kinds = new Uint8Array(0);
  let starts = new Int32Array(0);
  let n = 0;
  let from = 0;
  let length = piece;
  while (from < text.length) {
    let to = text.length;
    if (from + length < text.length && length <= 8 * piece) {
      const eol = text.indexOf("\n", from + length);
      if (eol !== -1) to = eol + 1;
    }
    startState(escapeChar);
    const tokens = lexer.tokenize(from === 0 && to === text.length ? text : text.slice(from, to)).tokens;
    state.heredocs = [];
    const keep = to === text.length ? tokens.length : endOfCleanLines(tokens, text, from);
    if (keep === 0) {
      // Only when the rest of the text gave no tokens at all (nothing a pattern matches): nothing to add.
      if (to === text.length) break;
      length *= 8;
      continue;
    }
    // A token of the lexer stands for at most three of the run.
    if (kinds.length < n + 3 * keep) {
      const grown = Math.max(2 * kinds.length, n + 3 * keep);
      const k = new Uint8Array(grown);
      k.set(kinds.subarray(0, n));
      const st = new Int32Array(grown);
      st.set(starts.subarray(0, n));
      kinds = k;
      starts = st;
    }
    n = fillRun(tokens, 0, keep, from, kinds, starts, n);
    const last = tokens[keep - 1];
    from += last.startOffset + last.image.length;
    length = piece;
  }
  return { kinds: kinds.subarray(0, n), starts: starts.subarray(0, n), end: text.length };
}

/**
 * How many of a piece's tokens (the piece starts at `base` in `text`) end at a place where a lexer started afresh
 * would be in the state this one is: in the instructions mode, outside any instruction (after its end of
 * instruction, or after a blank or comment line that is not inside a continued one), at the start of a line that
 * does not start with U+FEFF (only the text's first character can be a byte order mark). 0 when there is none.
 */
function endOfCleanLines(tokens: IToken[], text: string, base: number): number {
  let keep = 0;
  let heredoc = false;
  let inInstruction = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    const type = t.tokenType;
    let clean = false;
    if (heredoc) {
      if (type === HeredocEndLast) heredoc = false;
    } else if (type === TextLineBackslash || type === TextLineBacktick || type === EndOfInstructionPlain) {
      inInstruction = false;
      clean = true;
    } else if (type === EndOfInstructionHeredoc) {
      inInstruction = false;
      heredoc = true;
    } else if (type === Newline || type === Comment) {
      clean = !inInstruction && t.image.charCodeAt(t.image.length - 1) === 10;
    } else if (type !== Whitespace && type !== Bom) {
      inInstruction = true;
    }
    if (clean && text.charCodeAt(base + t.startOffset + t.image.length) !== 0xfeff) keep = i + 1;
  }
  return keep;
}
