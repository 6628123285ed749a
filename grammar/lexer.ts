import { type CustomPatternMatcherReturn, createToken, type IToken, Lexer, type TokenType } from "chevrotain";
import { findHeredocMarkers, HEREDOC_INSTRUCTIONS, type HeredocMarker, isHeredocTerminator } from "./heredoc.js";
import { parseJsonArray } from "./json.js";
import { buildLogicalLine, type Token, type TokenKind } from "./logical.js";
import { extractFlags, isAsciiBlank } from "./words.js";

/**
 * Dockerfile lexing depends on context that regular expressions cannot see: the escape character chosen by a
 * directive, whether a line continues the previous one, and which heredocs the previous instruction opened. The
 * token patterns below read that context from this state, which `tokenize` resets for every document. Chevrotain
 * takes the first pattern that matches, so a pattern that matches may update the state.
 */
interface LexState {
  escape: number;
  /** An instruction has started and its logical line has not ended. */
  instrOpen: boolean;
  /** Index (in the token list) of the instruction's first token. */
  instrFirst: number;
  /** The current physical line has a word on it. */
  lineHasWord: boolean;
  /** Heredocs opened by the last instruction, waiting for their bodies. */
  heredocs: HeredocMarker[];
}

const state: LexState = { escape: 92, instrOpen: false, instrFirst: 0, lineHasWord: false, heredocs: [] };

function match(text: string): CustomPatternMatcherReturn {
  return [text];
}

function lineEndAt(text: string, offset: number): number {
  const eol = text.indexOf("\n", offset);
  return eol === -1 ? text.length : eol;
}

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || text.charCodeAt(offset - 1) === 10;
}

function isContinuationAt(text: string, pos: number): number {
  const esc = state.escape;
  if (text.charCodeAt(pos) !== esc) return -1;
  // BuildKit: an escape character preceded by another one is not a continuation (`C:\\` at the end of a line).
  if (pos > 0 && text.charCodeAt(pos - 1) === esc) return -1;
  let j = pos + 1;
  while (j < text.length) {
    const c = text.charCodeAt(j);
    if (c === 32 || c === 9) j++;
    else break;
  }
  if (j >= text.length) return j;
  const c = text.charCodeAt(j);
  if (c === 10) return j + 1;
  if (c === 13 && text.charCodeAt(j + 1) === 10) return j + 2;
  return -1;
}

function openInstruction(tokens: IToken[]): void {
  if (!state.instrOpen) {
    state.instrOpen = true;
    state.instrFirst = tokens.length;
  }
}

export const Bom = createToken({
  name: "Bom",
  pattern: (text: string, offset: number) => (offset === 0 && text.charCodeAt(0) === 0xfeff ? match("\uFEFF") : null),
  line_breaks: false,
});

export const HeredocEnd = createToken({
  name: "HeredocEnd",
  pattern: (text: string, offset: number) => {
    if (state.heredocs.length === 0 || !atLineStart(text, offset)) return null;
    let end = lineEndAt(text, offset);
    if (end > offset && text.charCodeAt(end - 1) === 13 && end < text.length) end--;
    if (end === offset || !isHeredocTerminator(text.slice(offset, end), state.heredocs[0])) return null;
    state.heredocs.shift();
    return match(text.slice(offset, end));
  },
  line_breaks: false,
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

const NEWLINE = /\r?\n/y;

export const EndOfInstruction = createToken({
  name: "EndOfInstruction",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    if (!state.instrOpen || !state.lineHasWord) return null;
    NEWLINE.lastIndex = offset;
    const m = NEWLINE.exec(text);
    if (!m) return null;
    state.heredocs = heredocsOf(text, tokens, state.instrFirst);
    state.instrOpen = false;
    state.lineHasWord = false;
    return m;
  },
  line_breaks: true,
});

export const Newline = createToken({
  name: "Newline",
  pattern: (text: string, offset: number) => {
    NEWLINE.lastIndex = offset;
    const m = NEWLINE.exec(text);
    if (m) state.lineHasWord = false;
    return m;
  },
  line_breaks: true,
});

export const Continuation = createToken({
  name: "Continuation",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    const end = isContinuationAt(text, offset);
    if (end < 0) return null;
    openInstruction(tokens);
    state.lineHasWord = false;
    return match(text.slice(offset, end));
  },
  line_breaks: true,
});

export const Comment = createToken({
  name: "Comment",
  pattern: (text: string, offset: number) => {
    // A `#` is a comment only as the first non-blank character of a physical line.
    if (state.lineHasWord || text.charCodeAt(offset) !== 35) return null;
    let end = lineEndAt(text, offset);
    if (end > offset && text.charCodeAt(end - 1) === 13 && end < text.length) end--;
    return match(text.slice(offset, end));
  },
  line_breaks: false,
});

export const Whitespace = createToken({
  name: "Whitespace",
  pattern: /(?:[ \t\v\f]|\r(?!\n))+/,
  line_breaks: false,
});

export const Word = createToken({
  name: "Word",
  pattern: (text: string, offset: number, tokens: IToken[]) => {
    let pos = offset;
    const n = text.length;
    while (pos < n) {
      const c = text.charCodeAt(pos);
      if (isAsciiBlank(c) || c === 10) break;
      if (c === state.escape && pos > offset && isContinuationAt(text, pos) >= 0) break;
      pos++;
    }
    if (pos === offset) return null;
    openInstruction(tokens);
    state.lineHasWord = true;
    return match(text.slice(offset, pos));
  },
  line_breaks: false,
});

export const allTokens: TokenType[] = [
  Bom,
  HeredocEnd,
  HeredocBody,
  EndOfInstruction,
  Newline,
  Continuation,
  Comment,
  Whitespace,
  Word,
];

const lexer = new Lexer(allTokens, {
  positionTracking: "onlyOffset",
  ensureOptimizations: false,
  skipValidations: true,
});

export function toToken(t: IToken): Token {
  return { kind: t.tokenType.name as TokenKind, start: t.startOffset, end: t.startOffset + t.image.length };
}

/** Heredocs opened by the instruction whose tokens start at `first`: only RUN, COPY and ADD (also under ONBUILD) in
 * shell form can open them. */
function heredocsOf(text: string, tokens: IToken[], first: number): HeredocMarker[] {
  let sawMarker = false;
  for (let i = first; i < tokens.length; i++) {
    if (tokens[i].tokenType === Word && tokens[i].image.includes("<<")) {
      sawMarker = true;
      break;
    }
  }
  if (!sawMarker) return [];
  const line = buildLogicalLine(
    text,
    tokens.slice(first).map((t) => toToken(t)),
  );
  return heredocMarkersOfLine(line.text);
}

/** Shared with the tree builder so both agree on which heredocs an instruction has. */
export function heredocMarkersOfLine(line: string): HeredocMarker[] {
  let pos = skipWord(line, 0);
  let keyword = line.slice(0, pos).toUpperCase();
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

export interface LexResult {
  tokens: IToken[];
}

export function tokenize(text: string, escapeChar: "\\" | "`"): IToken[] {
  state.escape = escapeChar.charCodeAt(0);
  state.instrOpen = false;
  state.instrFirst = 0;
  state.lineHasWord = false;
  state.heredocs = [];
  const result = lexer.tokenize(text);
  state.heredocs = [];
  return result.tokens;
}
