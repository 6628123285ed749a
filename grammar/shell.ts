/**
 * BuildKit's shell-word lexer (frontend/dockerfile/shell/lex.go), re-implemented from its documented behaviour.
 *
 * Docker expands `$VAR` / `${VAR...}` and removes quotes itself (ENV, LABEL, COPY, WORKDIR, ...), with a lexer that
 * only looks like sh. The quirks below are deliberate: they are what BuildKit does, not what a POSIX shell does.
 *
 * Offsets are UTF-16 code-unit offsets into the input string, like every other offset in JavaScript.
 */

import { isUnicodeSpace } from "./words.js";

export interface ShellOptions {
  /** Default `\`; Windows Dockerfiles usually say `# escape=`` `. */
  escapeChar?: "\\" | "`";
  /** When true, variable names are looked up case-insensitively (Windows platform). Default false. */
  caseInsensitive?: boolean;
}

/** name -> value; a missing key means unset. */
export type Env = ReadonlyMap<string, string>;

export interface TextRange {
  start: number;
  end: number;
}

export interface VariableRef {
  /** The variable name; special parameters such as `@` or `1` are included, the empty name never is. */
  name: string;
  /** Offset of the `$`. */
  start: number;
  /** Offset just after the reference: after `}` for braced forms (or the end of input when it is unterminated). */
  end: number;
  nameStart: number;
  nameEnd: number;
  braced: boolean;
  /** `:-`, `-`, `:+`, `+`, `:?`, `?`, `#`, `##`, `%`, `%%`, `/`, `//`; `undefined` for `$v` and `${v}`. */
  modifier?: string;
  /** The modifier's word (default value, message or pattern), as written. */
  word?: TextRange;
  /** For `/` and `//`: the replacement text, as written. */
  replacement?: TextRange;
  /** References inside '...' are not references, so they are never reported. */
  inSingleQuotes: false;
}

export class ShellError extends Error {
  override readonly name = "ShellError";
  constructor(
    message: string,
    /** Offset in the input where the problem is (usually the `$` or the opening quote). */
    readonly offset: number,
  ) {
    super(message);
  }
}

export interface ExpandResult {
  value: string;
  refs: VariableRef[];
  /** Names referenced but unset, in order of appearance, without duplicates. */
  unset: string[];
}

export interface WordsResult {
  words: string[];
  refs: VariableRef[];
  unset: string[];
}

/** Expands `input` as one word: quotes removed, escapes processed, no field splitting. Throws {@link ShellError}. */
export function expandWord(input: string, env: Env, opts?: ShellOptions): ExpandResult {
  const lx = new ShellLexer(input, "expand", opts, makeLookup(env, opts?.caseInsensitive === true));
  const value = lx.run(null);
  return { value, refs: lx.sortedRefs(), unset: lx.unsetNames() };
}

/**
 * Expands `input` and splits it into words. Quoted text and escaped characters never split; whitespace from the
 * text itself or from an unquoted variable value does. Like BuildKit, an empty word is never produced, not even for
 * `""`. Throws {@link ShellError}.
 */
export function expandWords(input: string, env: Env, opts?: ShellOptions): WordsResult {
  const lx = new ShellLexer(input, "expand", opts, makeLookup(env, opts?.caseInsensitive === true));
  const words = new WordsBuilder();
  lx.run(words);
  return { words: words.finish(), refs: lx.sortedRefs(), unset: lx.unsetNames() };
}

/**
 * Finds every variable reference, nested ones included, with exact offsets. Text in single quotes and escaped `$`
 * are skipped. Never throws: malformed references that still have a name are reported up to where they stop.
 */
export function scanVariables(input: string, opts?: ShellOptions): VariableRef[] {
  const lx = new ShellLexer(input, "scan", opts, noLookup);
  lx.run(null);
  return lx.sortedRefs();
}

/**
 * Removes quotes and processes escapes without expanding anything: references are copied as written. Never
 * throws; an unterminated quote or reference takes the rest of the input.
 */
export function unquote(input: string, opts?: ShellOptions): string {
  return new ShellLexer(input, "unquote", opts, noLookup).run(null);
}

// ---------------------------------------------------------------------------------------------------------------

const EOF = -1;
const DOLLAR = 0x24;
const SQUOTE = 0x27;
const DQUOTE = 0x22;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const COLON = 0x3a;
const SLASH = 0x2f;
const HASH = 0x23;
const PERCENT = 0x25;
const PLUS = 0x2b;
const MINUS = 0x2d;
const QUESTION = 0x3f;
const STAR = 0x2a;
const BACKSLASH = 0x5c;
const UNDERSCORE = 0x5f;
const NEWLINE = 0x0a;
const BOM = 0xfeff;
/** The characters that end a run of plain text at the top level, by escape character. */
const SPECIAL_BACKSLASH = /[$'"\\]/g;
const SPECIAL_BACKTICK = /[$'"`]/g;
/** The same inside double quotes. */
const QUOTED_BACKSLASH = /["$\\]/g;
const QUOTED_BACKTICK = /["$`]/g;
/** Deepest `${...}` nesting we follow; BuildKit has no limit, but real Dockerfiles never come close. */
const MAX_NESTING = 500;

type Lookup = (name: string) => string | undefined;
type Mode = "expand" | "scan" | "unquote";

const noLookup: Lookup = () => undefined;

function makeLookup(env: Env, caseInsensitive: boolean): Lookup {
  if (!caseInsensitive) return (name) => env.get(name);
  // BuildKit on Windows upper-cases every key into one map, so the last of several spellings wins.
  const folded = new Map<string, string>();
  for (const [k, v] of env) folded.set(goToUpper(k), v);
  return (name) => folded.get(goToUpper(name));
}

/** Go's strings.ToUpper maps rune by rune (simple case mapping), so `ß` stays `ß` instead of becoming `SS`. */
function goToUpper(s: string): string {
  let out = "";
  for (const ch of s) {
    const up = ch.toUpperCase();
    out += [...up].length === 1 ? up : ch;
  }
  return out;
}

const LETTER_RE = /^\p{L}$/u;
const DIGIT_RE = /^\p{Nd}$/u;

/** unicode.IsLetter: names are not limited to ASCII in BuildKit (`$한국어` is a name). */
function isGoLetter(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER_RE.test(String.fromCodePoint(c));
}

/** unicode.IsDigit (category Nd), so non-ASCII decimal digits also start a positional parameter. */
function isGoDigit(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT_RE.test(String.fromCodePoint(c));
}

function isSpecialParam(c: number): boolean {
  // @ * # ? - $ ! 0
  return (
    c === 0x40 ||
    c === STAR ||
    c === HASH ||
    c === QUESTION ||
    c === MINUS ||
    c === DOLLAR ||
    c === 0x21 ||
    c === 0x30
  );
}

/** Mirrors BuildKit's word accumulator, including its refusal to emit empty words. */
class WordsBuilder {
  private readonly words: string[] = [];
  private buf = "";
  private inWord = false;

  addChar(c: number): void {
    if (isUnicodeSpace(c)) {
      if (this.inWord && this.buf.length > 0) {
        this.words.push(this.buf);
        this.buf = "";
        this.inWord = false;
      }
    } else {
      this.addRaw(String.fromCodePoint(c));
    }
  }

  addString(s: string): void {
    for (const ch of s) this.addChar(ch.codePointAt(0) ?? 0);
  }

  addRaw(s: string): void {
    this.buf += s;
    this.inWord = true;
  }

  finish(): string[] {
    if (this.buf.length > 0) {
      this.words.push(this.buf);
      this.buf = "";
      this.inWord = false;
    }
    return this.words;
  }
}

interface Lookedup {
  start: number;
  name: string;
  found: boolean;
}

interface StopResult {
  text: string;
  /** False only in the tolerant modes, when the input ended before the stop character. */
  terminated: boolean;
}

class ShellLexer {
  private pos = 0;
  private depth = 0;
  private readonly esc: number;
  private readonly tolerant: boolean;
  /** False when scanning: only the references are wanted, so no text is built (it was most of a scan's garbage). */
  private readonly build: boolean;
  private readonly refs: VariableRef[] = [];
  private readonly lookups: Lookedup[] = [];

  constructor(
    private readonly input: string,
    private readonly mode: Mode,
    opts: ShellOptions | undefined,
    private readonly lookup: Lookup,
  ) {
    this.esc = (opts?.escapeChar ?? "\\") === "`" ? 0x60 : BACKSLASH;
    this.tolerant = mode !== "expand";
    this.build = mode !== "scan";
  }

  run(words: WordsBuilder | null): string {
    // Go's text/scanner silently drops a byte-order mark at the very start of its input.
    if (this.input.codePointAt(0) === BOM) this.pos = 1;
    return this.stopOn(EOF, false, words).text;
  }

  sortedRefs(): VariableRef[] {
    const refs = this.refs;
    // References are recorded when they end, so a nested one comes before the one around it; mostly they are in order.
    for (let i = 1; i < refs.length; i++) {
      if (refs[i - 1].start > refs[i].start) return refs.slice().sort((a, b) => a.start - b.start);
    }
    // A lexer runs once and is dropped: its list needs no copy.
    return refs;
  }

  unsetNames(): string[] {
    const seen = new Set<string>();
    const out: string[] = [];
    const sorted = this.lookups.slice().sort((a, b) => a.start - b.start);
    for (const l of sorted) {
      if (l.found || seen.has(l.name)) continue;
      seen.add(l.name);
      out.push(l.name);
    }
    return out;
  }

  private peek(): number {
    return this.pos < this.input.length ? (this.input.codePointAt(this.pos) ?? EOF) : EOF;
  }

  private next(): number {
    const c = this.peek();
    if (c !== EOF) this.pos += c > 0xffff ? 2 : 1;
    return c;
  }

  private fail(message: string, offset: number): never {
    throw new ShellError(message, offset);
  }

  /**
   * Processes text up to `stop` (consumed) or the end of input. `raw` keeps escape characters in the output: BuildKit
   * does that for pattern words so the pattern compiler can still see `\*`.
   */
  private stopOn(stop: number, raw: boolean, words: WordsBuilder | null): StopResult {
    let out = "";
    for (;;) {
      const c = this.peek();
      if (c === EOF) break;
      if (stop !== EOF && c === stop) {
        this.pos++;
        return { text: out, terminated: true };
      }
      if (c === DOLLAR) {
        const s = this.dollar();
        if (this.build) out += s;
        words?.addString(s);
      } else if (c === SQUOTE) {
        const s = this.singleQuote();
        if (this.build) out += s;
        words?.addRaw(s);
      } else if (c === DQUOTE) {
        const s = this.doubleQuote(raw);
        if (this.build) out += s;
        words?.addRaw(s);
      } else if (words === null && c !== this.esc) {
        // A run of plain characters goes out as one slice: building the text a character at a time made most of the
        // garbage of a whole parse.
        const start = this.pos;
        let end = start + 1;
        const input = this.input;
        if (stop === EOF) {
          // At the top level a regular expression's search finds the next character that matters faster than this
          // loop (most of a RUN script is plain text): scanning the corpus's RUN, ENV... arguments 6.7 -> 5.2 ms.
          const special = this.esc === BACKSLASH ? SPECIAL_BACKSLASH : SPECIAL_BACKTICK;
          special.lastIndex = end;
          end = special.test(input) ? special.lastIndex - 1 : input.length;
        } else {
          while (end < input.length) {
            const d = input.charCodeAt(end);
            if (d === DOLLAR || d === SQUOTE || d === DQUOTE || d === this.esc || d === stop) break;
            end++;
          }
        }
        this.pos = end;
        if (this.build) out += input.slice(start, end);
      } else if (!this.build) {
        // Scanning: an escape hides the character after it; nothing else matters.
        this.next();
        if (c === this.esc && this.next() === EOF) break;
      } else {
        this.next();
        if (c === this.esc) {
          if (raw) {
            out += String.fromCodePoint(c);
            words?.addRaw(String.fromCodePoint(c));
          }
          // A lone escape at the very end is dropped, not an error.
          const e = this.next();
          if (e === EOF) break;
          const s = String.fromCodePoint(e);
          out += s;
          words?.addRaw(s);
        } else {
          out += String.fromCodePoint(c);
          words?.addChar(c);
        }
      }
    }
    if (stop !== EOF) {
      if (this.tolerant) return { text: out, terminated: false };
      this.fail(
        `unexpected end of statement while looking for matching ${String.fromCodePoint(stop)}`,
        this.pos,
      );
    }
    return { text: out, terminated: true };
  }

  private singleQuote(): string {
    // No escapes at all inside '...', not even for the quote itself.
    const open = this.pos;
    this.pos++;
    const close = this.input.indexOf("'", this.pos);
    if (close < 0) {
      if (!this.tolerant)
        this.fail("unexpected end of statement while looking for matching single-quote", open);
      const rest = this.build ? this.input.slice(this.pos) : "";
      this.pos = this.input.length;
      return rest;
    }
    const s = this.build ? this.input.slice(this.pos, close) : "";
    this.pos = close + 1;
    return s;
  }

  private doubleQuote(raw: boolean): string {
    const open = this.pos;
    this.pos++;
    let out = "";
    for (;;) {
      const c = this.peek();
      if (c === EOF) {
        if (!this.tolerant)
          this.fail("unexpected end of statement while looking for matching double-quote", open);
        return out;
      }
      if (c === DQUOTE) {
        this.pos++;
        return out;
      }
      if (c === DOLLAR) {
        const s = this.dollar();
        if (this.build) out += s;
        continue;
      }
      if (c !== this.esc) {
        // Plain characters up to the next quote, `$` or escape go out as one slice.
        const start = this.pos;
        const special = this.esc === BACKSLASH ? QUOTED_BACKSLASH : QUOTED_BACKTICK;
        special.lastIndex = start + 1;
        const end = special.test(this.input) ? special.lastIndex - 1 : this.input.length;
        this.pos = end;
        if (this.build) out += this.input.slice(start, end);
        continue;
      }
      this.next();
      if (!this.build) {
        const n = this.peek();
        if (n === DQUOTE || n === DOLLAR || n === this.esc) this.next();
        continue;
      }
      let ch = c;
      if (c === this.esc) {
        // In raw mode BuildKit writes the escape character and then, for a non-escapable character, the escape
        // character again: `"\a"` becomes `\\a`. Kept as is.
        if (raw) out += String.fromCodePoint(c);
        const n = this.peek();
        if (n === EOF) continue;
        // Inside double quotes only `"`, `$` and the escape character itself can be escaped (not backtick or
        // newline, unlike sh); before anything else the escape character stays.
        if (n === DQUOTE || n === DOLLAR || n === this.esc) ch = this.next();
      }
      out += String.fromCodePoint(ch);
    }
  }

  private readName(): string {
    const start = this.pos;
    const first = this.peek();
    if (first === EOF) return "";
    if (isGoDigit(first)) {
      // Positional parameters: only the digits belong to the name, so `$1x` is `$1` followed by `x`.
      while (isGoDigit(this.peek())) this.next();
      return this.input.slice(start, this.pos);
    }
    if (isSpecialParam(first)) {
      this.next();
      return this.input.slice(start, this.pos);
    }
    // ASCII names first, a code unit at a time; a non-ASCII character goes on through the Unicode tests.
    const input = this.input;
    let p = this.pos;
    for (;;) {
      const c = input.charCodeAt(p);
      if (
        (c >= 0x61 && c <= 0x7a) ||
        (c >= 0x41 && c <= 0x5a) ||
        (c >= 0x30 && c <= 0x39) ||
        c === UNDERSCORE
      )
        p++;
      else break;
    }
    this.pos = p;
    if (p < input.length && input.charCodeAt(p) >= 0x80) {
      for (;;) {
        const c = this.peek();
        if (c === EOF || !(isGoLetter(c) || isGoDigit(c) || c === UNDERSCORE)) break;
        this.next();
      }
    }
    return input.slice(start, this.pos);
  }

  private resolve(name: string, start: number): string | undefined {
    if (this.mode !== "expand") return undefined;
    const v = this.lookup(name);
    // BuildKit would also look up the empty name of `${+x}`; it is no variable, so it is not reported.
    if (name !== "") this.lookups.push({ start, name, found: v !== undefined });
    return v;
  }

  /** Records a reference; every one has the same object shape (absent parts undefined), built without spreads. */
  private addRef(
    name: string,
    start: number,
    nameStart: number,
    nameEnd: number,
    braced: boolean,
    modifier?: string,
    word?: TextRange,
    replacement?: TextRange,
  ): void {
    if (name === "") return;
    this.refs.push({
      name,
      start,
      end: this.pos,
      nameStart,
      nameEnd,
      braced,
      modifier,
      word,
      replacement,
      inSingleQuotes: false,
    });
  }

  /** What a reference becomes outside expand mode: nothing for scanning, its own text for unquote. */
  private verbatim(start: number): string {
    return this.mode === "unquote" ? this.input.slice(start, this.pos) : "";
  }

  /** Runs a nested word; in expand mode BuildKit reports any failure that ran into the end of input as this one. */
  private nestedWord(stop: number, raw: boolean, start: number, eofMessage: string): StopResult {
    try {
      return this.stopOn(stop, raw, null);
    } catch (e) {
      if (e instanceof ShellError && this.pos >= this.input.length) this.fail(eofMessage, start);
      throw e;
    }
  }

  private dollar(): string {
    const start = this.pos;
    this.pos++;
    if (this.peek() !== LBRACE) {
      const nameStart = this.pos;
      const name = this.readName();
      // `$` before anything that cannot start a name stays a literal `$`.
      if (name === "") return "$";
      this.addRef(name, start, nameStart, this.pos, false);
      return this.mode === "expand" ? (this.resolve(name, start) ?? "") : this.verbatim(start);
    }
    this.pos++;
    const first = this.peek();
    if (first === EOF || first === LBRACE || first === RBRACE || first === COLON) {
      if (this.tolerant) return this.mode === "unquote" ? "${" : "";
      this.fail(first === EOF ? "syntax error: missing '}'" : "syntax error: bad substitution", start);
    }
    // Go's stacks grow; ours do not. Past this depth a stack overflow would escape as a RangeError.
    if (this.depth >= MAX_NESTING) {
      if (this.tolerant) return this.mode === "unquote" ? "${" : "";
      this.fail("syntax error: variable references nested too deeply", start);
    }
    this.depth++;
    try {
      return this.braced(start);
    } finally {
      this.depth--;
    }
  }

  private braced(start: number): string {
    const nameStart = this.pos;
    const name = this.readName();
    const nameEnd = this.pos;
    const modStart = this.pos;
    const ch = this.next();

    if (ch === RBRACE) {
      this.addRef(name, start, nameStart, nameEnd, true);
      return this.mode === "expand" ? (this.resolve(name, start) ?? "") : this.verbatim(start);
    }
    if (ch === EOF) {
      if (!this.tolerant) this.fail("syntax error: missing '}'", start);
      this.addRef(name, start, nameStart, nameEnd, true);
      return this.verbatim(start);
    }
    if (ch === SLASH) return this.substitution(start, name, nameStart, nameEnd);

    let op = ch;
    let modifier = String.fromCodePoint(ch);
    const nullIsUnset = ch === COLON;
    if (nullIsUnset) {
      op = this.next();
      if (op === EOF || (op === RBRACE && this.tolerant)) {
        if (!this.tolerant) this.fail("syntax error: missing '}'", start);
        const at = op === RBRACE ? this.pos - 1 : this.pos;
        this.addRef(name, start, nameStart, nameEnd, true, modifier, { start: at, end: at });
        return this.verbatim(start);
      }
      modifier += String.fromCodePoint(op);
    }
    const known = op === MINUS || op === PLUS || op === QUESTION || op === HASH || op === PERCENT;
    const isPattern = op === HASH || op === PERCENT;
    if (!this.tolerant) {
      // `${v:#p}` and `${v:%p}` do not exist in bash either; BuildKit rejects them before reading the word, and
      // rejects an unknown single-character modifier (`${v=x}`, `${v.}`) the same way.
      if ((nullIsUnset && isPattern) || (!nullIsUnset && !known)) {
        this.fail(`unsupported modifier (${modifier}) in substitution`, modStart);
      }
    }
    let wordStart = this.pos;
    if (isPattern && !nullIsUnset && this.peek() === op) {
      modifier += String.fromCodePoint(op);
      wordStart++;
    }
    // For `##`/`%%` the second character is read as part of the word; BuildKit decides greediness afterwards.
    const word = this.nestedWord(RBRACE, isPattern, start, "syntax error: missing '}'");
    const wordEnd = word.terminated ? this.pos - 1 : this.pos;
    this.addRef(name, start, nameStart, nameEnd, true, modifier, { start: wordStart, end: wordEnd });
    if (this.mode !== "expand") return this.verbatim(start);

    // `${v:=x}` and friends: BuildKit reads the word first and only then rejects the modifier.
    if (!known) this.fail(`unsupported modifier (${modifier}) in substitution`, modStart);
    const value = this.resolve(name, start);
    const empty = value === undefined || (nullIsUnset && value === "");
    switch (op) {
      case MINUS:
        return empty ? word.text : (value ?? "");
      case PLUS:
        return empty ? "" : word.text;
      case QUESTION: {
        if (value === undefined) this.fail(`${name}: ${word.text || "is not allowed to be unset"}`, start);
        if (empty) this.fail(`${name}: ${word.text || "is not allowed to be empty"}`, start);
        return value ?? "";
      }
      default: {
        let pattern = word.text;
        // Greediness is decided on the processed word, so `${v#'#'x}` is `##x` too.
        const greedy = pattern.charCodeAt(0) === op;
        if (greedy) pattern = pattern.slice(1);
        const res =
          op === PERCENT
            ? trimSuffix(pattern, value ?? "", greedy)
            : trimPrefix(pattern, value ?? "", greedy);
        if (typeof res !== "string")
          this.fail(`invalid pattern (${pattern}) in substitution: ${res.error}`, start);
        return res;
      }
    }
  }

  private substitution(start: number, name: string, nameStart: number, nameEnd: number): string {
    let modifier = "/";
    if (this.peek() === SLASH) {
      this.pos++;
      modifier = "//";
    }
    const patStart = this.pos;
    // Unlike `}`, a `/` only ends the pattern; `${v/a}` keeps looking for the `/` and fails at the end.
    const pat = this.nestedWord(SLASH, true, start, "syntax error: missing '/' in substitution");
    if (!pat.terminated) {
      this.addRef(name, start, nameStart, nameEnd, true, modifier, { start: patStart, end: this.pos });
      return this.verbatim(start);
    }
    const word = { start: patStart, end: this.pos - 1 };
    const replStart = this.pos;
    const repl = this.nestedWord(RBRACE, true, start, "syntax error: missing '}'");
    const replacement = { start: replStart, end: repl.terminated ? this.pos - 1 : this.pos };
    this.addRef(name, start, nameStart, nameEnd, true, modifier, word, replacement);
    if (this.mode !== "expand") return this.verbatim(start);

    const value = this.resolve(name, start) ?? "";
    const compiled = compilePattern(codePoints(pat.text));
    if (!Array.isArray(compiled)) {
      this.fail(`invalid pattern (${pat.text}) in substitution: ${compiled.error}`, start);
    }
    return modifier === "//"
      ? replaceAll(compiled, value, repl.text)
      : replaceFirst(compiled, value, repl.text);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Patterns. BuildKit compiles `*` and `?` to a Go regexp (`.*` or `.*?`, and `.`) and uses leftmost-first match
// semantics. We simulate exactly that with a Pike VM (O(value * pattern) time, O(pattern) memory), never with a
// backtracking regex built from user input. Go's `.` does not match a newline, so neither do `*` and `?` here.

const TOK_ANY = -1;
const TOK_STAR = -2;
/** A literal code point (>= 0), TOK_ANY or TOK_STAR. */
type PatternToken = number;

interface PatternError {
  error: string;
}

function codePoints(s: string): number[] {
  const out: number[] = [];
  for (const ch of s) out.push(ch.codePointAt(0) ?? 0);
  return out;
}

/** Escapes in patterns are always `\`, whatever the Dockerfile's escape character is. */
function compilePattern(cps: number[]): PatternToken[] | PatternError {
  const out: PatternToken[] = [];
  // The pattern goes through its own text/scanner, which also drops a leading byte-order mark.
  let i = cps[0] === BOM ? 1 : 0;
  while (i < cps.length) {
    const c = cps[i++];
    if (c === STAR) out.push(TOK_STAR);
    else if (c === QUESTION) out.push(TOK_ANY);
    else if (c === BACKSLASH) {
      const n = i < cps.length ? cps[i] : EOF;
      // `\}` and `\/` had to be escaped to get past the `${...}` syntax; the backslash is not part of the pattern.
      if (n === RBRACE || n === SLASH) continue;
      i++;
      if (n !== STAR && n !== QUESTION && n !== BACKSLASH) {
        return { error: `invalid escape '\\${n === EOF ? "" : String.fromCodePoint(n)}'` };
      }
      out.push(n);
    } else out.push(c);
  }
  return out;
}

/** BuildKit reverses a pattern for `%` but keeps each `\x` pair in order. */
function reversePattern(cps: number[]): number[] {
  const last = cps.length - 1;
  const out = new Array<number>(cps.length);
  for (let i = 0; i <= last; ) {
    const o = last - i;
    if (cps[i] === BACKSLASH && i !== last) {
      out[o - 1] = cps[i];
      out[o] = cps[i + 1];
      i += 2;
    } else {
      out[o] = cps[i];
      i++;
    }
  }
  return out;
}

/** Code points of a string plus the UTF-16 offset of each, so matches can be cut from the original string. */
interface Text {
  cps: number[];
  offsets: number[];
}

function toText(s: string): Text {
  const cps: number[] = [];
  const offsets: number[] = [];
  let off = 0;
  for (const ch of s) {
    cps.push(ch.codePointAt(0) ?? 0);
    offsets.push(off);
    off += ch.length;
  }
  offsets.push(off);
  return { cps, offsets };
}

/**
 * Leftmost-first match of `toks` in `text` starting the search at `from`, as Go's regexp finds it. Returns
 * [start, end] in code points, or null.
 */
function findMatch(
  toks: PatternToken[],
  text: number[],
  from: number,
  anchored: boolean,
  greedy: boolean,
): [number, number] | null {
  const m = toks.length;
  const n = text.length;
  if (!toks.includes(TOK_STAR) && !toks.includes(TOK_ANY)) return findLiteral(toks, text, from, anchored);

  let clist = new Int32Array(m + 1);
  let cstart = new Int32Array(m + 1);
  let nlist = new Int32Array(m + 1);
  let nstart = new Int32Array(m + 1);
  const mark = new Int32Array(m + 1).fill(-1);
  const scratch = new Int32Array(m + 1);
  let gen = 0;
  let clen = 0;
  let nlen = 0;

  // Adds the epsilon closure of `pc` in priority order. Stars are the only epsilon moves; a greedy star prefers
  // one more character, a lazy one prefers to stop.
  const add = (list: Int32Array, starts: Int32Array, len: number, pc: number, st: number): number => {
    let k = 0;
    let q = pc;
    while (q < m && toks[q] === TOK_STAR && mark[q] !== gen) {
      mark[q] = gen;
      scratch[k++] = q;
      q++;
    }
    let tail = -1;
    if (mark[q] !== gen && (q === m || toks[q] !== TOK_STAR)) {
      mark[q] = gen;
      tail = q;
    }
    if (greedy) {
      for (let i = 0; i < k; i++) {
        list[len] = scratch[i];
        starts[len++] = st;
      }
      if (tail >= 0) {
        list[len] = tail;
        starts[len++] = st;
      }
    } else {
      if (tail >= 0) {
        list[len] = tail;
        starts[len++] = st;
      }
      for (let i = k - 1; i >= 0; i--) {
        list[len] = scratch[i];
        starts[len++] = st;
      }
    }
    return len;
  };

  let matchStart = -1;
  let matchEnd = -1;
  let pos = from;
  gen++;
  clen = add(clist, cstart, 0, 0, from);
  while (clen > 0) {
    gen++;
    nlen = 0;
    const c = pos < n ? text[pos] : EOF;
    for (let i = 0; i < clen; i++) {
      const pc = clist[i];
      if (pc === m) {
        // Everything after this entry has lower priority than the match just found.
        matchStart = cstart[i];
        matchEnd = pos;
        break;
      }
      if (c === EOF) continue;
      const t = toks[pc];
      if (t === TOK_STAR) {
        if (c !== NEWLINE) nlen = add(nlist, nstart, nlen, pc, cstart[i]);
      } else if (t === TOK_ANY) {
        if (c !== NEWLINE) nlen = add(nlist, nstart, nlen, pc + 1, cstart[i]);
      } else if (t === c) {
        nlen = add(nlist, nstart, nlen, pc + 1, cstart[i]);
      }
    }
    if (pos >= n) break;
    pos++;
    if (!anchored && matchStart < 0) nlen = add(nlist, nstart, nlen, 0, pos);
    [clist, nlist] = [nlist, clist];
    [cstart, nstart] = [nstart, cstart];
    clen = nlen;
  }
  return matchStart < 0 ? null : [matchStart, matchEnd];
}

/** Wildcard-free patterns: a plain comparison, or KMP when unanchored, so long literals stay linear. */
function findLiteral(
  toks: PatternToken[],
  text: number[],
  from: number,
  anchored: boolean,
): [number, number] | null {
  const m = toks.length;
  const n = text.length;
  if (anchored) {
    if (from + m > n) return null;
    for (let i = 0; i < m; i++) if (text[from + i] !== toks[i]) return null;
    return [from, from + m];
  }
  if (m === 0) return [from, from];
  const fail = new Int32Array(m);
  for (let i = 1, k = 0; i < m; i++) {
    while (k > 0 && toks[i] !== toks[k]) k = fail[k - 1];
    if (toks[i] === toks[k]) k++;
    fail[i] = k;
  }
  for (let i = from, k = 0; i < n; i++) {
    while (k > 0 && text[i] !== toks[k]) k = fail[k - 1];
    if (text[i] === toks[k]) k++;
    if (k === m) return [i - m + 1, i + 1];
  }
  return null;
}

function trimPrefix(pattern: string, value: string, greedy: boolean): string | PatternError {
  const toks = compilePattern(codePoints(pattern));
  if (!Array.isArray(toks)) return toks;
  const t = toText(value);
  const hit = findMatch(toks, t.cps, 0, true, greedy);
  return hit ? value.slice(t.offsets[hit[1]]) : value;
}

function trimSuffix(pattern: string, value: string, greedy: boolean): string | PatternError {
  // BuildKit finds the rightmost shortest/longest suffix by reversing both the pattern and the value and then
  // trimming a prefix; the pattern is compiled after reversal, so errors are those of the reversed text.
  const reversed = reversePattern(codePoints(pattern));
  const toks = compilePattern(reversed);
  if (!Array.isArray(toks)) return toks;
  const t = toText(value);
  const rev = t.cps.slice().reverse();
  const hit = findMatch(toks, rev, 0, true, greedy);
  if (!hit) return value;
  return value.slice(0, t.offsets[t.cps.length - hit[1]]);
}

function replaceFirst(toks: PatternToken[], value: string, replacement: string): string {
  const t = toText(value);
  const hit = findMatch(toks, t.cps, 0, false, true);
  if (!hit) return value;
  // The single replacement is spliced in as is; only `//` runs it through Go's template expansion.
  return value.slice(0, t.offsets[hit[0]]) + replacement + value.slice(t.offsets[hit[1]]);
}

/** Go's Regexp.ReplaceAllString, including its rules for empty matches. */
function replaceAll(toks: PatternToken[], value: string, replacement: string): string {
  const t = toText(value);
  const n = t.cps.length;
  let out = "";
  let lastMatchEnd = 0;
  let searchPos = 0;
  while (searchPos <= n) {
    const hit = findMatch(toks, t.cps, searchPos, false, true);
    if (!hit) break;
    out += value.slice(t.offsets[lastMatchEnd], t.offsets[hit[0]]);
    // No replacement for an empty match right after the previous match.
    if (hit[1] > lastMatchEnd || hit[0] === 0) {
      out += expandTemplate(replacement, value.slice(t.offsets[hit[0]], t.offsets[hit[1]]));
    }
    lastMatchEnd = hit[1];
    const width = searchPos < n ? 1 : 0;
    if (searchPos + width > hit[1]) searchPos += width;
    else if (searchPos + 1 > hit[1]) searchPos++;
    else searchPos = hit[1];
  }
  return out + value.slice(t.offsets[lastMatchEnd]);
}

/**
 * ReplaceAllString treats the replacement as a template: `$$` is `$`, `$0`/`${0}` is the whole match, and any other
 * `$name` / `${name}` is empty because BuildKit's regexps have no groups. A malformed `$` stays literal.
 */
function expandTemplate(tmpl: string, match: string): string {
  if (!tmpl.includes("$")) return tmpl;
  let out = "";
  let i = 0;
  for (;;) {
    const j = tmpl.indexOf("$", i);
    if (j < 0) return out + tmpl.slice(i);
    out += tmpl.slice(i, j);
    i = j + 1;
    if (tmpl.charCodeAt(i) === DOLLAR) {
      out += "$";
      i++;
      continue;
    }
    const brace = tmpl.charCodeAt(i) === LBRACE;
    let k = brace ? i + 1 : i;
    const nameStart = k;
    while (k < tmpl.length) {
      const c = tmpl.codePointAt(k) ?? 0;
      if (!(isGoLetter(c) || isGoDigit(c) || c === UNDERSCORE)) break;
      k += c > 0xffff ? 2 : 1;
    }
    if (k === nameStart || (brace && tmpl.charCodeAt(k) !== RBRACE)) {
      out += "$";
      continue;
    }
    const name = tmpl.slice(nameStart, k);
    i = brace ? k + 1 : k;
    if (name === "0") out += match;
  }
}
