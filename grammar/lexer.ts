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
 * The lexer: text -> tokens, every character in exactly one token. Two modes, named after what they lex:
 *
 *     instructions: Bom | Whitespace | Comment | Text | EndOfInstruction | Newline | Continuation
 *     heredoc:      HeredocEnd | HeredocBody | Newline
 *
 * At each offset the first token of the mode's list that matches is taken. Dockerfile lexing depends on context a
 * regular expression cannot see (the escape character a directive chose, whether the line has text, which heredocs
 * the instruction opened), so each token is a small function of the text and of the tokens already produced.
 *
 * Hand-written rather than a Chevrotain lexer: Chevrotain made an object and a substring per token, then the tree
 * builder copied them into typed arrays. Writing the arrays directly made the corpus parse ~25% faster and spared
 * ~60 MB of short-lived tokens on the 10 MB file; it also takes Chevrotain and lodash off the start-up path.
 */
export function tokenize(text: string, escapeChar: "\\" | "`"): TokenRun {
  return new Lexer(text, escapeChar.charCodeAt(0)).run();
}

class Lexer {
  private kinds: Uint8Array;
  private starts: Int32Array;
  private count = 0;
  /** Heredocs whose bodies come next; the heredoc mode lasts while there are any. */
  private heredocs: HeredocMarker[] = [];
  /** Whether the current instruction's text has a `<<`, which any heredoc marker needs. */
  private sawMarker = false;

  constructor(
    private readonly text: string,
    private readonly esc: number,
  ) {
    const guess = (text.length >> 4) + 16;
    this.kinds = new Uint8Array(guess);
    this.starts = new Int32Array(guess);
  }

  run(): TokenRun {
    const text = this.text;
    const n = text.length;
    let pos = 0;
    let heredocMode = false;
    while (pos < n) {
      const end = heredocMode ? this.heredocToken(pos) : this.instructionToken(pos);
      // Every character belongs to some token (the last alternative of each mode always matches); this guard only
      // keeps a broken invariant from looping forever.
      pos = end > pos ? end : this.push(K_TEXT, pos, pos + 1);
      heredocMode = this.heredocs.length > 0;
    }
    return {
      kinds: this.kinds.slice(0, this.count),
      starts: this.starts.slice(0, this.count),
      end: n,
    };
  }

  /** Records a token and returns its end. */
  private push(kind: number, start: number, end: number): number {
    if (this.count === this.kinds.length) {
      const kinds = new Uint8Array(this.count * 2);
      kinds.set(this.kinds);
      this.kinds = kinds;
      const starts = new Int32Array(this.count * 2);
      starts.set(this.starts);
      this.starts = starts;
    }
    this.kinds[this.count] = kind;
    this.starts[this.count] = start;
    this.count++;
    return end;
  }

  /** The instructions mode: the token at `pos`, returning its end (or `pos` when nothing matches). */
  private instructionToken(pos: number): number {
    const text = this.text;
    const c = text.charCodeAt(pos);
    if (pos === 0 && c === 0xfeff) return this.push(K_BOM, 0, 1);
    // Go's unicode.IsSpace, which BuildKit uses to trim lines: a line of no-break spaces is blank to Docker. A "\r"
    // is a blank unless it starts a "\r\n".
    if (isBlank(text, pos)) {
      let end = pos + 1;
      while (end < text.length && isBlank(text, end)) end++;
      return this.push(K_WHITESPACE, pos, end);
    }
    // Instruction text runs to the end of its line, so a `#` reached here is the first non-blank character of a
    // physical line: a comment, also inside a continuation.
    if (c === 35) return this.push(K_COMMENT, pos, lineContentEnd(text, pos));
    if (c !== 10 && c !== 13) {
      const end = this.textEnd(pos);
      if (end > pos) return this.push(K_TEXT, pos, end);
    }
    const newline = c === 10 ? 1 : c === 13 && text.charCodeAt(pos + 1) === 10 ? 2 : 0;
    if (newline > 0) {
      // The newline after a line with text ends the instruction, unless the text continues on the next line.
      if (this.count > 0 && this.kinds[this.count - 1] === K_TEXT) {
        if (this.sawMarker) this.heredocs = this.heredocsOfInstruction(pos);
        this.sawMarker = false;
        return this.push(K_END_OF_INSTRUCTION, pos, pos + newline);
      }
      return this.push(K_NEWLINE, pos, pos + newline);
    }
    const end = this.continuationEnd(pos);
    return end < 0 ? pos : this.push(K_CONTINUATION, pos, end);
  }

  /**
   * Instruction text: from a non-blank character to the end of the physical line, or to the escape character that
   * continues it. An escape character is text unless it continues the line; a run of two or more never does
   * (BuildKit). Words are split later, from the joined logical line.
   */
  private textEnd(pos: number): number {
    const text = this.text;
    const esc = this.esc;
    const n = text.length;
    let end = pos;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 10 || (c === 13 && text.charCodeAt(end + 1) === 10)) break;
      if (c !== esc) {
        if (c === 60 && text.charCodeAt(end + 1) === 60) this.sawMarker = true;
        end++;
        continue;
      }
      let run = end + 1;
      while (run < n && text.charCodeAt(run) === esc) run++;
      if (run - end >= 2) {
        end = run;
        continue;
      }
      if (continuesLine(text, end + 1)) break;
      end++;
    }
    return end;
  }

  /** End offset of the continuation starting at `pos`, or -1. */
  private continuationEnd(pos: number): number {
    const text = this.text;
    const esc = this.esc;
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

  /** The heredoc mode: terminators, bodies and the newlines between them. */
  private heredocToken(pos: number): number {
    const text = this.text;
    const marker = this.heredocs[0];
    if (atLineStart(text, pos)) {
      let end = lineEndAt(text, pos);
      if (end > pos && text.charCodeAt(end - 1) === 13 && end < text.length) end--;
      if (end > pos && isHeredocTerminator(text.slice(pos, end), marker)) {
        this.heredocs.shift();
        return this.push(K_HEREDOC_END, pos, end);
      }
      let bodyEnd = pos;
      while (bodyEnd < text.length) {
        const eol = lineEndAt(text, bodyEnd);
        if (isHeredocTerminator(text.slice(bodyEnd, eol), marker)) break;
        bodyEnd = eol + 1;
      }
      if (bodyEnd >= text.length) {
        // Unterminated: the body runs to the end of the file and no later heredoc can start.
        bodyEnd = text.length;
        this.heredocs = [];
      }
      if (bodyEnd > pos) return this.push(K_HEREDOC_BODY, pos, bodyEnd);
    }
    const c = text.charCodeAt(pos);
    if (c === 10) return this.push(K_NEWLINE, pos, pos + 1);
    if (c === 13 && text.charCodeAt(pos + 1) === 10) return this.push(K_NEWLINE, pos, pos + 2);
    return pos;
  }

  /**
   * Heredocs opened by the instruction that ends here: only RUN, COPY and ADD (also as ONBUILD triggers) in shell
   * form can open them. The instruction's tokens run back to the previous instruction's end; its line ends at `end`.
   * Only called when its text has a `<<`.
   */
  private heredocsOfInstruction(end: number): HeredocMarker[] {
    const { kinds, starts, text } = this;
    const n = this.count;
    let first = n;
    while (first > 0) {
      const k = kinds[first - 1];
      if (k === K_END_OF_INSTRUCTION || k === K_HEREDOC_END || k === K_HEREDOC_BODY || k === K_BOM) break;
      first--;
    }
    // Leading blank lines and comments before the keyword belong to no instruction.
    while (first < n && kinds[first] !== K_TEXT && kinds[first] !== K_CONTINUATION) first++;
    const run = { kinds: kinds.subarray(0, n), starts: starts.subarray(0, n), end };
    return heredocMarkersOfLine(buildLogicalLine(text, run, first, n).text);
  }
}

/** Whether the character at `pos` is a blank of the instruction mode: a Unicode space other than a line break. */
function isBlank(text: string, pos: number): boolean {
  const c = text.charCodeAt(pos);
  if (c === 10) return false;
  if (c === 13) return text.charCodeAt(pos + 1) !== 10;
  return isUnicodeSpace(c);
}

/** Whether blanks, then any "\r"s, then a newline or the end of the text follow `pos`. */
function continuesLine(text: string, pos: number): boolean {
  const n = text.length;
  while (pos < n && (text.charCodeAt(pos) === 32 || text.charCodeAt(pos) === 9)) pos++;
  while (pos < n && text.charCodeAt(pos) === 13) pos++;
  return pos >= n || text.charCodeAt(pos) === 10;
}

function lineEndAt(text: string, offset: number): number {
  const eol = text.indexOf("\n", offset);
  return eol === -1 ? text.length : eol;
}

/** End of the line's content: before its "\n" or "\r\n". */
function lineContentEnd(text: string, offset: number): number {
  const eol = lineEndAt(text, offset);
  return eol > offset && eol < text.length && text.charCodeAt(eol - 1) === 13 ? eol - 1 : eol;
}

function atLineStart(text: string, offset: number): boolean {
  return offset === 0 || text.charCodeAt(offset - 1) === 10;
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
