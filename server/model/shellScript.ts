/**
 * A small, exact, linear-time parser for the POSIX sh scripts found in RUN instructions (plus the
 * bash constructs that commonly show up in Dockerfiles: `[[ .. ]]`, `(( .. ))`, `$'..'`, `<(..)`,
 * `&>`, `|&`, `function f`, `A=(..)` arrays, `select`).
 *
 * It is a real tokenizer + recursive-descent parser over the source text: no regular expressions,
 * no intermediate token array. What it produces is what lint rules need: every simple command
 * (nested ones included), with exact offsets, its words (quote-removed values), assignments,
 * redirects, how it is chained to its neighbours, and which compound constructs enclose it.
 *
 * Guarantees: `parseShell` never throws, runs in time linear in the input (nesting is capped at
 * {@link MAX_NESTING} levels, after which the rest of the script is skipped with an error; the
 * `((`/`$((` arithmetic look-ahead shares a global budget), and every span lies inside the text.
 *
 * Known simplifications (documented so rules do not rely on them):
 * - Backslash-newline is handled between tokens, inside words and inside double quotes, but not in
 *   the middle of an operator (`&\<newline>&`).
 * - Inside backquotes the escapes `\$ \` \\` are not pre-processed: the text between the backquotes
 *   is parsed in place (so offsets stay exact); nested backquotes (`\``) are read as escaped chars.
 * - Arithmetic (`$((..))`, `((..))`, `$[..]`, `for ((..))`) is skipped: commands substituted inside
 *   it are not reported. Here-document bodies are consumed but not parsed.
 * - A carriage return outside quotes is treated as a blank (CRLF Dockerfiles).
 * - Redirections attached to compound commands (`{ ..; } > f`) are consumed but not reported.
 */

import type { Span } from "../../grammar/index.js";

/**
 * The text a script is parsed from, and where a part of it is in the document (a RUN's script is its logical line,
 * continuations joined, or a heredoc body). A string parsed on its own is its own document.
 */
export interface ShellSource {
  readonly text: string;
  span(start: number, end: number): Span;
}

const QUOTED = 1;
const EXPANSION = 2;
const GLOB = 4;
/** The word as written differs from its value (quotes, escapes, a joined line): `raw` is sliced when asked. */
const RAW_DIFFERS = 8;

/**
 * A word of a script: its value, its offsets in the script, and the flags of how it is written. The rules' command
 * words are these words themselves (the RUN helpers give the parser a source that maps offsets to the document), not
 * copies made from them; the text as written and the span made when asked. Against a parser word plus a command word
 * made from it, with one exact-size word array per command shared with the RUN helpers: reading the RUN scripts of
 * the corpus in a fresh process (cold), CPU, median of 15 alternating: 533 -> 503 ms (best 485 -> 438); allocation
 * per lint of the 10k-line file: readScript 1.41 -> 0.55 MB, lexWord 1.39 -> 1.16, newCommand 0.82 -> 0.45.
 *
 * This class is the plain word (no quotes, escapes, expansions or globs: its text is its value), three fields; the
 * others are {@link MarkedWord}s, which add their flags and length. Most words are plain (every word of the generated
 * 1 MB file, ~86% of the real 10k-line file's): 56 -> 48 B each, the runScripts fact 9.96 -> 9.49 MB and 1.55 ->
 * 1.48 MB (heap snapshots after the lint); reading the corpus's RUN scripts in a fresh process, CPU median of 8
 * alternating, 570 -> 503 ms (noisy, load 4-8). Make words with {@link shellWord}, which picks the class.
 *
 * Fields are declared with `declare` and set in the constructor: a class field of ES2022 is defined once more by an
 * initializer V8 runs before the constructor, which made a construction ~1.5x as long in the interpreter and baseline
 * code a cold run spends its time in (200k constructions: 13 -> 8.5 ms without optimizing tier).
 */
export class ShellWord {
  /** Quotes removed and escapes processed; expansions (`$x`, `${..}`, `$(..)`, backquotes) kept as written. */
  declare readonly value: string;
  declare readonly start: number;
  declare readonly source: ShellSource;

  /** A plain word: source.text[start, start + value.length) is value. */
  constructor(value: string, start: number, source: ShellSource) {
    this.value = value;
    this.start = start;
    this.source = source;
  }

  /** How it is written, as bits: read it through the getters below. */
  get flags(): number {
    return 0;
  }

  get end(): number {
    return this.start + this.value.length;
  }

  /** The word exactly as written. */
  get raw(): string {
    return this.value;
  }

  /** Some part was quoted ('..', "..", $'..', $"..") or backslash-escaped. */
  get quoted(): boolean {
    return false;
  }

  /** Contains `$x`, `${..}`, `$(..)`, backquotes, `$((..))` or `<(..)` outside single quotes. */
  get hasExpansion(): boolean {
    return false;
  }

  /** Contains an unquoted `*` or `?`, or an unquoted `[` later closed by `]`: the shell replaces it with paths. */
  get hasGlob(): boolean {
    return false;
  }

  /** Where the word is in the document. */
  get span(): Span {
    return this.source.span(this.start, this.end);
  }

  /** The same word with another value and no expansion (a field of a split expansion). */
  withValue(value: string): ShellWord {
    return shellWord(
      value,
      (this.flags & (GLOB | QUOTED)) | (this.raw === value ? 0 : RAW_DIFFERS),
      this.start,
      this.end,
      this.source,
    );
  }
}

/** A word that is not plain: quoted, escaped, joined over lines, with an expansion or a glob. */
class MarkedWord extends ShellWord {
  /**
   * The flags of how it is written (low four bits) and its length as written (the rest): one field, not two (when
   * every word had them, 56 B a word instead of 64: the generated 2 MB file kept 72.6 -> 71.7 MB after the lint).
   * `& 15` reads the low bits of any safe integer and the length is taken out by division, so a word past 2^27
   * characters is still right.
   */
  declare private readonly bits: number;

  constructor(value: string, flags: number, start: number, end: number, source: ShellSource) {
    super(value, start, source);
    this.bits = flags + (end - start) * 16;
  }

  override get flags(): number {
    return this.bits & 15;
  }

  override get end(): number {
    const bits = this.bits;
    return this.start + (bits - (bits & 15)) / 16;
  }

  override get raw(): string {
    return (this.bits & RAW_DIFFERS) === 0 ? this.value : this.source.text.slice(this.start, this.end);
  }

  override get quoted(): boolean {
    return (this.bits & QUOTED) !== 0;
  }

  override get hasExpansion(): boolean {
    return (this.bits & EXPANSION) !== 0;
  }

  override get hasGlob(): boolean {
    return (this.bits & GLOB) !== 0;
  }
}

/** A word of source.text[start, end) with the value and flags given: a plain ShellWord when it is one. */
export function shellWord(
  value: string,
  flags: number,
  start: number,
  end: number,
  source: ShellSource,
): ShellWord {
  return flags === 0 && end - start === value.length
    ? new ShellWord(value, start, source)
    : new MarkedWord(value, flags, start, end, source);
}

/** A word with no quotes or expansions whose text as written is source.text[start, end) (an exec-form element). */
export function sourceWord(value: string, start: number, end: number, source: ShellSource): ShellWord {
  const same = end - start === value.length && source.text.startsWith(value, start);
  return shellWord(value, same ? 0 : RAW_DIFFERS, start, end, source);
}

export interface HereDocBody {
  /** Body text span (the lines after the command, excluding the delimiter line). */
  start: number;
  end: number;
  /** Delimiter was quoted: the body is not expanded. */
  quoted: boolean;
}

export interface Redirect {
  /** One of `> >> < << <<- <<< >& <& <> >| &> &>>`. */
  op: string;
  fd?: number;
  target?: ShellWord;
  start: number;
  end: number;
  /** For `<<` / `<<-`: where the body was found (absent when the script ends first). */
  heredoc?: HereDocBody;
}

const NO_WORDS: ShellWord[] = [];
const NO_REDIRECTS: Redirect[] = [];

/** A simple command: its words and redirections, and where it sits in the script. Fields as in ShellWord. */
export class SimpleCommand {
  /**
   * Every word in source order: the leading `FOO=bar` assignments, then the name, then its arguments (redirections
   * excluded). An array of exactly this many words, which the RUN helpers' commands keep as theirs.
   */
  declare words: ShellWord[];
  /** How many of the words are assignments. */
  declare assignmentCount: number;
  /** A shared empty array when there are none: do not mutate. */
  declare redirects: Redirect[];
  /** Whole command span (first to last word or redirection). */
  declare start: number;
  declare end: number;
  /** Operator connecting this command to the previous item of the same list: "&&" | "||" | ";" | "&" | "|" | "\n"; undefined for the first. */
  declare readonly separator: string | undefined;
  /** Index of the pipeline this command belongs to (global, in source order), and its position inside it. */
  declare pipeline: number;
  declare pipelineIndex: number;
  declare pipelineLength: number;
  /** Number of enclosing compound constructs; 0 at top level. */
  declare readonly depth: number;
  /**
   * Enclosing constructs from the outermost: "subshell", "cmdsubst" ($(..) and backquotes),
   * "procsubst", "brace", "if", "for", "select", "while", "until", "case", "function".
   * The array may be shared between commands with the same nesting: do not mutate it.
   */
  declare readonly context: string[];

  constructor(start: number, separator: string | undefined, context: string[]) {
    this.words = NO_WORDS;
    this.assignmentCount = 0;
    this.redirects = NO_REDIRECTS;
    this.start = start;
    this.end = start;
    this.separator = separator;
    this.pipeline = 0;
    this.pipelineIndex = 0;
    this.pipelineLength = 1;
    this.depth = context.length;
    this.context = context;
  }

  /** First word after the assignments; undefined for pure assignments / pure redirections. */
  get name(): ShellWord | undefined {
    return this.assignmentCount < this.words.length ? this.words[this.assignmentCount] : undefined;
  }

  /** Words after the name (a new array on each call). */
  get args(): ShellWord[] {
    return this.words.slice(this.assignmentCount + 1);
  }

  /** Leading `FOO=bar` words (a new array on each call). */
  get assignments(): ShellWord[] {
    return this.words.slice(0, this.assignmentCount);
  }
}

export interface ShellSyntaxError {
  message: string;
  start: number;
  end: number;
}

export interface ShellScript {
  /** Every simple command in source order, including nested ones. */
  commands: SimpleCommand[];
  /** Syntax problems; parsing continues after each (at most {@link MAX_ERRORS} are kept). */
  errors: ShellSyntaxError[];
  /** Number of top-level and-or lists (items separated by `;`, `&` or newlines). */
  topLevelLists: number;
}

export interface ParseShellOptions {
  /**
   * Give short plain words that repeat one string (see plainValue), for scripts of a big document, whose words
   * live as long as its lint. In a small document the copies are few and die with the lint, and the sharing costs
   * time: the corpus's RUN scripts (warm, both kinds alternating in one process) parse in 24 ms without it, 26 with.
   */
  shareWords?: boolean;
}

export const MAX_NESTING = 200;
export const MAX_ERRORS = 100;

// ---------------------------------------------------------------------------------------------
// Character classes
// ---------------------------------------------------------------------------------------------

const TAB = 9;
const NL = 10;
const CR = 13;
const SP = 32;
const BANG = 33;
const DQ = 34;
const HASH = 35;
const DOLLAR = 36;
const AMP = 38;
const SQ = 39;
const LP = 40;
const RP = 41;
const STAR = 42;
const DASH = 45;
const SEMI = 59;
const LT = 60;
const EQ = 61;
const GT = 62;
const QM = 63;
const AT = 64;
const LB = 91;
const BS = 92;
const RB = 93;
const BT = 96;
const LC = 123;
const PIPE = 124;
const RC = 125;
const PLUS = 43;

/** Unquoted characters that end a word. */
const META = new Uint8Array(128);
for (const c of [TAB, NL, CR, SP, SEMI, AMP, PIPE, LT, GT, LP, RP]) META[c] = 1;

/** Characters lexWord handles one by one (META and the quoting, expansion and glob characters); the rest are scanned. */
const WORD_SPECIAL = META.slice();
for (const c of [BS, SQ, DQ, DOLLAR, BT, STAR, QM, LB, RB]) WORD_SPECIAL[c] = 1;

function isMeta(c: number): boolean {
  return c >= 0 && c < 128 && META[c] === 1;
}
function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
function isNameStart(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
}
function isNameChar(c: number): boolean {
  return isNameStart(c) || isDigit(c);
}
function isSpecialParam(c: number): boolean {
  return c === AT || c === STAR || c === HASH || c === QM || c === DASH || c === DOLLAR || c === BANG;
}
function hexVal(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Reserved words that end a compound list. */
const TERMINATORS: ReadonlySet<string> = new Set(["then", "elif", "else", "fi", "do", "done", "esac", "}"]);
/** Words recognised in command position. */
const RESERVED: ReadonlySet<string> = new Set([
  ...TERMINATORS,
  "if",
  "while",
  "until",
  "for",
  "select",
  "case",
  "function",
  "{",
  "!",
  "[[",
]);
/** RESERVED by length. */
const RESERVED_BY_LENGTH: (string[] | undefined)[] = [];
for (const w of RESERVED) {
  const same = RESERVED_BY_LENGTH[w.length];
  if (same) same.push(w);
  else RESERVED_BY_LENGTH[w.length] = [w];
}

/**
 * Builtins whose arguments may be bash array assignments `A=(..)`. Compared, not looked up in a Set: hashing every
 * command name was 12% of parseSimple's self time.
 */
function isDeclarationBuiltin(name: string): boolean {
  switch (name.length) {
    case 5:
      return name === "local";
    case 6:
      return name === "export";
    case 7:
      return name === "declare" || name === "typeset";
    case 8:
      return name === "readonly";
    default:
      return false;
  }
}

/**
 * If text[start..end) begins with `NAME=`, `NAME+=`, `NAME[..]=` or `NAME[..]+=`, the index of the
 * `=`; otherwise -1.
 */
function assignmentEq(text: string, start: number, end: number): number {
  let i = start;
  if (i >= end || !isNameStart(text.charCodeAt(i))) return -1;
  i++;
  while (i < end && isNameChar(text.charCodeAt(i))) i++;
  if (i < end && text.charCodeAt(i) === LB) {
    i++;
    while (i < end && text.charCodeAt(i) !== RB) i++;
    if (i >= end) return -1;
    i++;
  }
  if (i < end && text.charCodeAt(i) === PLUS) i++;
  return i < end && text.charCodeAt(i) === EQ ? i : -1;
}

// ---------------------------------------------------------------------------------------------
// Parser
// ---------------------------------------------------------------------------------------------

/**
 * State of the word being lexed. `discard` builds flags only (used while skipping `${..}`). One per nesting level of
 * words, reused (see Parser.wordBuild); `parts` is made only for words whose value differs from their text.
 */
interface WordBuild {
  parts: string[] | null;
  lit: number;
  split: boolean;
  quoted: boolean;
  exp: boolean;
  glob: boolean;
  bracket: boolean;
  discard: boolean;
}

interface PendingHereDoc {
  redirect: Redirect;
  delimiter: string;
  strip: boolean;
  quoted: boolean;
}

type CommandResult = SimpleCommand | "compound" | null;

const isCloseParen = (t: string): boolean => t === ")";
const isBraceClose = (t: string): boolean => t === "}";
const isThen = (t: string): boolean => t === "then";
const isDo = (t: string): boolean => t === "do";
const isDone = (t: string): boolean => t === "done";
const isFi = (t: string): boolean => t === "fi";
const isIfBodyEnd = (t: string): boolean => t === "elif" || t === "else" || t === "fi";
const isCaseItemEnd = (t: string): boolean => t === ";;" || t === ";&" || t === ";;&" || t === "esac";
const never = (): boolean => false;

/** A string parsed on its own: offsets are the document's. */
class StringSource implements ShellSource {
  constructor(readonly text: string) {}

  span(start: number, end: number): Span {
    return { start, end };
  }
}

const NO_ERRORS: ShellSyntaxError[] = Object.freeze([]) as unknown as ShellSyntaxError[];
/** The context of top-level commands; contexts are never changed, so every script shares this one. */
const TOP_CONTEXT: string[] = [];
const NO_SOURCE = new StringSource("");
/** What the stacks' stale entries are set to after a parse, so that they keep nothing alive. */
const NO_WORD = new ShellWord("", 0, NO_SOURCE);
const NO_COMMAND = new SimpleCommand(0, undefined, TOP_CONTEXT);

/**
 * One parser serves every script (see {@link parseShell}): its stacks and word states keep their storage from one
 * script to the next, and each parse starts with {@link reset}.
 */
class Parser {
  src = "";
  /** What the words' offsets refer to. */
  source: ShellSource = NO_SOURCE;
  /** See {@link ParseShellOptions.shareWords}. */
  shareWords = false;
  len = 0;
  pos = 0;
  /** Current parse limit: the text length, or the closing backquote while inside one. */
  end = 0;
  /** The commands so far, from `commandTop` down (stale entries above it); see wordStack. */
  private readonly commandStack: SimpleCommand[] = [];
  private commandTop = 0;
  /** A shared frozen empty array until the first error. */
  errors: ShellSyntaxError[] = NO_ERRORS;
  topLevelLists = 0;
  private pipelines = 0;
  private nesting = 0;
  /** Context snapshots; the last one is the current context (shared by the commands created in it). */
  private readonly ctx: string[][] = [TOP_CONTEXT];
  private heredocs: PendingHereDoc[] = [];
  /** Total characters the arithmetic look-ahead may examine (keeps failed look-aheads linear). */
  private arithBudget = 0;
  private aborted = false;
  tombstones = false;
  /** Reused word states by nesting depth (a word can hold `$(..)` whose commands have words). */
  private readonly wordBuilds: WordBuild[] = [];
  private wordDepth = 0;
  private readonly scratch = newWordBuild(true);
  private peekPos = -1;
  private peekEnd = -1;
  private peekWord: string | undefined = undefined;
  /**
   * The words of the commands being parsed (a word can hold `$(..)` whose commands come first), from `wordTop` down;
   * each command takes an exact-size copy of its own. Never shrunk: setting an array's length to 0 drops its storage.
   */
  private readonly wordStack: ShellWord[] = [];
  private wordTop = 0;
  /** How far up wordStack this parse wrote, for clearing it afterwards. */
  private wordHigh = 0;

  reset(source: ShellSource, shareWords: boolean): void {
    const src = source.text;
    this.source = source;
    this.shareWords = shareWords;
    this.src = src;
    this.len = src.length;
    this.pos = 0;
    this.end = src.length;
    this.commandTop = 0;
    this.errors = NO_ERRORS;
    this.topLevelLists = 0;
    this.pipelines = 0;
    this.nesting = 0;
    if (this.ctx.length !== 1) this.ctx.length = 1;
    if (this.heredocs.length > 0) this.heredocs = [];
    this.arithBudget = 4 * src.length + 10_000;
    this.aborted = false;
    this.tombstones = false;
    this.wordDepth = 0;
    this.peekPos = -1;
    this.peekEnd = -1;
    this.peekWord = undefined;
    this.wordTop = 0;
    this.wordHigh = 0;
  }

  run(): void {
    this.parseListUntil(never);
    for (const h of this.heredocs) {
      this.error(`here-document delimiter '${h.delimiter}' not found`, h.redirect.start, h.redirect.end);
    }
    if (this.heredocs.length > 0) this.heredocs = [];
  }

  /** The commands, in an array of their own, and the stacks cleared of this script's objects. */
  finish(): SimpleCommand[] {
    const stack = this.commandStack;
    const n = this.commandTop;
    let commands = stack.slice(0, n);
    if (this.tombstones) commands = commands.filter((c) => c.start >= 0);
    for (let i = 0; i < n; i++) stack[i] = NO_COMMAND;
    const words = this.wordStack;
    for (let i = 0; i < this.wordHigh; i++) words[i] = NO_WORD;
    this.source = NO_SOURCE;
    this.src = "";
    return commands;
  }

  error(message: string, start: number, end: number): void {
    if (this.aborted || this.errors.length >= MAX_ERRORS) return;
    const s = Math.max(0, Math.min(start, this.len));
    if (this.errors === NO_ERRORS) this.errors = [];
    this.errors.push({ message, start: s, end: Math.max(s, Math.min(end, this.len)) });
  }

  // --- low-level helpers ------------------------------------------------------------------------

  private code(i: number): number {
    return i < this.end ? this.src.charCodeAt(i) : -1;
  }

  /** Index of `ch` in [from, end), or `end`. */
  private indexOf(ch: string, from: number): number {
    if (this.end === this.len) {
      const i = this.src.indexOf(ch, from);
      return i < 0 ? this.end : i;
    }
    const c = ch.charCodeAt(0);
    for (let i = from; i < this.end; i++) if (this.src.charCodeAt(i) === c) return i;
    return this.end;
  }

  private isDelimAt(i: number): boolean {
    return i >= this.end || isMeta(this.src.charCodeAt(i));
  }

  private atWordStart(): boolean {
    const c = this.code(this.pos);
    if (c < 0) return false;
    if (!isMeta(c)) return true;
    return (c === LT || c === GT) && this.code(this.pos + 1) === LP;
  }

  /** Reserved word at pos (only meaningful in command position). Compared in place: this runs at every command. */
  private peekReserved(): string | undefined {
    // Asked up to four times at the start of every command (list stop, `!` of the pipeline and of the command, the
    // keyword): the last answer is kept.
    if (this.pos === this.peekPos && this.end === this.peekEnd) return this.peekWord;
    const word = this.reservedAt();
    this.peekPos = this.pos;
    this.peekEnd = this.end;
    this.peekWord = word;
    return word;
  }

  private reservedAt(): string | undefined {
    const s = this.src;
    let i = this.pos;
    const lim = Math.min(this.end, this.pos + 9);
    while (i < lim) {
      const c = s.charCodeAt(i);
      if ((c >= 97 && c <= 122) || c === LC || c === RC || c === BANG || c === LB) i++;
      else break;
    }
    const length = i - this.pos;
    if (length === 0 || !this.isDelimAt(i)) return undefined;
    const candidates = RESERVED_BY_LENGTH[length];
    if (candidates === undefined) return undefined;
    for (const w of candidates) if (s.startsWith(w, this.pos)) return w;
    return undefined;
  }

  private peekWordIs(word: string): boolean {
    return (
      this.pos + word.length <= this.end &&
      this.src.startsWith(word, this.pos) &&
      this.isDelimAt(this.pos + word.length)
    );
  }

  private pushCtx(kind: string): boolean {
    if (this.nesting >= MAX_NESTING) {
      this.bail();
      return false;
    }
    this.nesting++;
    this.ctx.push([...this.ctx[this.ctx.length - 1], kind]);
    return true;
  }

  private popCtx(): void {
    this.nesting--;
    this.ctx.pop();
  }

  private enterNest(): boolean {
    if (this.nesting >= MAX_NESTING) {
      this.bail();
      return false;
    }
    this.nesting++;
    return true;
  }

  private bail(): void {
    this.error(
      `nesting deeper than ${MAX_NESTING} levels; rest of the script not parsed`,
      this.pos,
      this.len,
    );
    this.aborted = true;
    this.pos = this.len;
  }

  /** Blanks, line continuations and comments (not newlines). */
  private skipBlanks(): void {
    const s = this.src;
    const end = this.end;
    let i = this.pos;
    while (i < end) {
      const c = s.charCodeAt(i);
      if (c === SP || c === TAB || c === CR) i++;
      else if (c === BS) {
        const n = this.code(i + 1);
        if (n === NL) i += 2;
        else if (n === CR && this.code(i + 2) === NL) i += 3;
        else break;
      } else if (c === HASH) i = this.indexOf("\n", i);
      else break;
    }
    this.pos = i;
  }

  private skipBlanksAndNewlines(): void {
    for (;;) {
      this.skipBlanks();
      if (this.code(this.pos) === NL) this.consumeNewline();
      else return;
    }
  }

  private consumeNewline(): void {
    this.pos++;
    if (this.heredocs.length > 0) this.readHereDocs();
  }

  private readHereDocs(): void {
    const s = this.src;
    const list = this.heredocs;
    this.heredocs = [];
    for (const h of list) {
      const bodyStart = this.pos;
      let found = false;
      while (this.pos < this.end) {
        const lineStart = this.pos;
        const nl = this.indexOf("\n", lineStart);
        let a = lineStart;
        if (h.strip) while (a < nl && s.charCodeAt(a) === TAB) a++;
        let b = nl;
        if (b > a && s.charCodeAt(b - 1) === CR) b--;
        this.pos = nl < this.end ? nl + 1 : nl;
        if (b - a === h.delimiter.length && s.startsWith(h.delimiter, a)) {
          h.redirect.heredoc = { start: bodyStart, end: lineStart, quoted: h.quoted };
          found = true;
          break;
        }
      }
      if (!found) {
        h.redirect.heredoc = { start: bodyStart, end: this.pos, quoted: h.quoted };
        this.error(
          `unterminated here-document: delimiter '${h.delimiter}' not found`,
          h.redirect.start,
          this.pos,
        );
      }
    }
  }

  /**
   * Arithmetic look-ahead from `from` (just after `((`): the index after the matching `))`, or -1.
   * `;` at paren depth 0 means "not arithmetic" unless `allowSemi` (for `for ((;;))`).
   */
  private tryArith(from: number, allowSemi: boolean): number {
    const s = this.src;
    let depth = 0;
    for (let i = from; i < this.end; i++) {
      if (--this.arithBudget < 0) return -1;
      const c = s.charCodeAt(i);
      if (c === LP) depth++;
      else if (c === RP) {
        if (depth === 0) return this.code(i + 1) === RP ? i + 2 : -1;
        depth--;
      } else if (c === BS) i++;
      else if (c === SEMI && depth === 0 && !allowSemi) return -1;
    }
    return -1;
  }

  // --- lists ------------------------------------------------------------------------------------

  private atListStop(): boolean {
    const c = this.code(this.pos);
    if (c < 0 || c === RP) return true;
    if (c === SEMI) {
      const n = this.code(this.pos + 1);
      return n === SEMI || n === AMP;
    }
    const w = this.peekReserved();
    return w !== undefined && TERMINATORS.has(w);
  }

  private stopToken(): string {
    const c = this.code(this.pos);
    if (c < 0) return "EOF";
    if (c === RP) return ")";
    if (c === SEMI) {
      const n = this.code(this.pos + 1);
      if (n === SEMI) return this.code(this.pos + 2) === AMP ? ";;&" : ";;";
      return n === AMP ? ";&" : ";";
    }
    return this.peekReserved() ?? "";
  }

  /** Consume one token that cannot appear here (always advances). */
  private skipBadToken(): void {
    const c = this.code(this.pos);
    if (c === NL) {
      this.consumeNewline();
      return;
    }
    if (isMeta(c)) {
      const n = this.code(this.pos + 1);
      if ((c === SEMI || c === AMP || c === PIPE || c === LT || c === GT) && n === c) {
        this.pos += c === SEMI && this.code(this.pos + 2) === AMP ? 3 : 2;
      } else if (c === SEMI && n === AMP) this.pos += 2;
      else this.pos++;
      return;
    }
    const w = this.peekReserved();
    if (w !== undefined) this.pos += w.length;
    else this.lexWord(false);
  }

  /** Parse lists until EOF or a token accepted by `accept`; other stray tokens are reported and skipped. */
  private parseListUntil(accept: (tok: string) => boolean): string {
    for (;;) {
      this.parseList();
      const tok = this.stopToken();
      if (tok === "EOF" || accept(tok)) return tok;
      const start = this.pos;
      this.skipBadToken();
      const shown = tok !== "" ? tok : this.src.slice(start, Math.min(this.pos, start + 20));
      this.error(`unexpected '${shown}'`, start, this.pos);
      // `fi;` reads as one mistake, not two: drop a separator right after the skipped token.
      this.skipBlanks();
      const c = this.code(this.pos);
      const n = this.code(this.pos + 1);
      if ((c === SEMI && n !== SEMI && n !== AMP) || (c === AMP && n !== AMP && n !== GT)) this.pos++;
    }
  }

  /** compound_list: and-or lists separated by `;`, `&` or newlines. */
  private parseList(): void {
    const top = this.ctx.length === 1;
    let sep: string | undefined;
    let first = true;
    for (;;) {
      this.skipBlanksAndNewlines();
      if (this.atListStop()) return;
      if (!this.parseAndOr(first ? undefined : sep)) return;
      if (top) this.topLevelLists++;
      first = false;
      this.skipBlanks();
      const c = this.code(this.pos);
      const n = this.code(this.pos + 1);
      if (c === SEMI && n !== SEMI && n !== AMP) {
        sep = ";";
        this.pos++;
      } else if (c === AMP && n !== AMP && n !== GT) {
        sep = "&";
        this.pos++;
      } else if (c === NL) sep = "\n";
      else return;
    }
  }

  private parseAndOr(sep: string | undefined): boolean {
    if (!this.parsePipeline(sep)) return false;
    for (;;) {
      this.skipBlanks();
      const c = this.code(this.pos);
      if ((c === AMP || c === PIPE) && this.code(this.pos + 1) === c) {
        const op = c === AMP ? "&&" : "||";
        const at = this.pos;
        this.pos += 2;
        this.skipBlanksAndNewlines();
        if (!this.parsePipeline(op)) this.error(`expected a command after '${op}'`, at, at + 2);
      } else return true;
    }
  }

  private parsePipeline(sep: string | undefined): boolean {
    this.skipBlanks();
    const start = this.pos;
    let bang = false;
    while (this.peekReserved() === "!") {
      this.pos++;
      this.skipBlanks();
      bang = true;
    }
    const id = this.pipelines++;
    // Commands of a pipeline past its first; most pipelines are one command, whose length is already 1.
    let first: SimpleCommand | undefined;
    let members: SimpleCommand[] | undefined;
    let count = 0;
    let curSep = sep;
    for (;;) {
      const at = this.pos;
      const r = this.parseCommand(curSep);
      if (r === null) {
        if (count > 0) this.error("expected a command after '|'", at, at);
        else if (bang) this.error("expected a command after '!'", start, this.pos);
        break;
      }
      if (r !== "compound") {
        r.pipeline = id;
        r.pipelineIndex = count;
        if (first === undefined) first = r;
        else if (members === undefined) members = [r];
        else members.push(r);
      }
      count++;
      this.skipBlanks();
      if (this.code(this.pos) === PIPE && this.code(this.pos + 1) !== PIPE) {
        this.pos += this.code(this.pos + 1) === AMP ? 2 : 1;
        curSep = "|";
        this.skipBlanksAndNewlines();
      } else break;
    }
    if (count === 0) {
      this.pipelines--;
      return bang;
    }
    if (count > 1) {
      if (first) first.pipelineLength = count;
      if (members) for (const m of members) m.pipelineLength = count;
    }
    return true;
  }

  // --- commands ---------------------------------------------------------------------------------

  private parseCommand(sep: string | undefined): CommandResult {
    this.skipBlanks();
    while (this.peekReserved() === "!") {
      this.pos++;
      this.skipBlanks();
    }
    const c = this.code(this.pos);
    if (c < 0) return null;
    if (c === LP) {
      const start = this.pos;
      const arith = this.code(this.pos + 1) === LP ? this.tryArith(this.pos + 2, false) : -1;
      if (arith >= 0) this.pos = arith;
      else this.parseGroup(start, "subshell", LP);
      this.skipCompoundRedirects();
      return "compound";
    }
    const w = this.peekReserved();
    if (w !== undefined) {
      const start = this.pos;
      switch (w) {
        case "{":
          this.parseGroup(start, "brace", LC);
          break;
        case "if":
          this.parseIf(start);
          break;
        case "while":
        case "until":
          this.pos += w.length;
          if (this.pushCtx(w)) {
            const tok = this.parseListUntil(isDo);
            if (tok === "do") this.parseDoGroup(w, start);
            else this.error(`'${w}' without 'do'`, start, this.pos);
            this.popCtx();
          }
          break;
        case "for":
        case "select":
          this.parseFor(w, start);
          break;
        case "case":
          this.parseCase(start);
          break;
        case "function":
          this.parseFunctionKeyword(start);
          break;
        case "[[":
          return this.parseDoubleBracket(sep);
        default:
          return null; // a list terminator
      }
      this.skipCompoundRedirects();
      return "compound";
    }
    return this.parseSimple(sep);
  }

  private newCommand(start: number, sep: string | undefined): SimpleCommand {
    const cmd = new SimpleCommand(start, sep, this.ctx[this.ctx.length - 1]);
    this.commandStack[this.commandTop++] = cmd;
    return cmd;
  }

  private parseSimple(sep: string | undefined): CommandResult {
    const s = this.src;
    let cmd: SimpleCommand | undefined;
    const stack = this.wordStack;
    const base = this.wordTop;
    let assignments = 0;
    let named = false;
    let declaration = false;
    for (;;) {
      let c = this.pos < this.end ? s.charCodeAt(this.pos) : -1;
      if (c === SP || c === TAB || c === CR || c === BS || c === HASH) {
        this.skipBlanks();
        c = this.code(this.pos);
      }
      if (c < 0) break;
      // Most tokens are words that start with a plain character: ask atRedirect and atWordStart only about the rest.
      const plain = (c >= 128 || META[c] === 0) && !isDigit(c);
      if (!plain && this.atRedirect()) {
        cmd ??= this.newCommand(this.pos, sep);
        const r = this.parseRedirect();
        addRedirect(cmd, r);
        cmd.end = r.end;
        continue;
      }
      if (!plain && !this.atWordStart()) {
        if (
          c === LP &&
          named &&
          assignments === 0 &&
          this.wordTop === base + 1 &&
          cmd?.redirects.length === 0
        ) {
          const name = stack[base];
          if (!name.quoted && !name.hasExpansion) {
            this.wordTop = base;
            this.parseFunctionDef(cmd);
            return "compound";
          }
        }
        break;
      }
      cmd ??= this.newCommand(this.pos, sep);
      let w: ShellWord;
      if (!named) {
        w = this.lexWord(true);
        if (assignmentEq(s, w.start, this.pos) >= 0) assignments++;
        else {
          named = true;
          // Asked once per command, not once per argument.
          declaration = isDeclarationBuiltin(w.value);
        }
      } else w = this.lexWord(declaration);
      // The word's own `$(..)` commands have taken their words off the stack again.
      stack[this.wordTop++] = w;
      if (this.wordTop > this.wordHigh) this.wordHigh = this.wordTop;
      // The word ends where lexWord stopped.
      cmd.end = this.pos;
    }
    if (cmd !== undefined) {
      cmd.words = stack.slice(base, this.wordTop);
      cmd.assignmentCount = assignments;
    }
    this.wordTop = base;
    return cmd ?? null;
  }

  /** `name ( ) body`: pos is at `(`. */
  private parseFunctionDef(cmd: SimpleCommand): void {
    if (this.commandStack[this.commandTop - 1] === cmd) this.commandTop--;
    else {
      cmd.start = -1;
      this.tombstones = true;
    }
    const open = this.pos;
    this.pos++;
    this.skipBlanks();
    if (this.code(this.pos) === RP) this.pos++;
    else this.error("expected ')' in function definition", open, this.pos);
    this.parseFunctionBody(open);
  }

  private parseFunctionKeyword(start: number): void {
    this.pos += 8;
    this.skipBlanks();
    if (this.atWordStart()) this.lexWord(false);
    else this.error("expected a function name after 'function'", start, this.pos);
    this.skipBlanks();
    if (this.code(this.pos) === LP) {
      const open = this.pos;
      this.pos++;
      this.skipBlanks();
      if (this.code(this.pos) === RP) this.pos++;
      else this.error("expected ')' in function definition", open, this.pos);
    }
    this.parseFunctionBody(start);
  }

  private parseFunctionBody(start: number): void {
    this.skipBlanksAndNewlines();
    if (!this.pushCtx("function")) return;
    if (!this.parsePipeline(undefined)) this.error("expected a function body", start, this.pos);
    this.popCtx();
  }

  /** `( list )` or `{ list; }`; pos is at the opener. */
  private parseGroup(start: number, kind: string, opener: number): void {
    this.pos++;
    if (!this.pushCtx(kind)) return;
    const tok = this.parseListUntil(opener === LP ? isCloseParen : isBraceClose);
    if (tok === "EOF") {
      this.error(
        opener === LP ? "unterminated subshell: expected ')'" : "unterminated group: expected '}'",
        start,
        this.pos,
      );
    } else this.pos++;
    this.popCtx();
  }

  private parseIf(start: number): void {
    this.pos += 2;
    if (!this.pushCtx("if")) return;
    let tok = this.parseListUntil(isThen);
    for (;;) {
      if (tok !== "then") {
        this.error("'if' without 'then'", start, this.pos);
        break;
      }
      this.pos += 4;
      tok = this.parseListUntil(isIfBodyEnd);
      if (tok === "elif") {
        this.pos += 4;
        tok = this.parseListUntil(isThen);
        continue;
      }
      if (tok === "else") {
        this.pos += 4;
        tok = this.parseListUntil(isFi);
      }
      if (tok === "fi") this.pos += 2;
      else this.error("'if' without 'fi'", start, this.pos);
      break;
    }
    this.popCtx();
  }

  /** pos is at `do`. */
  private parseDoGroup(kind: string, start: number): void {
    this.pos += 2;
    const tok = this.parseListUntil(isDone);
    if (tok === "done") this.pos += 4;
    else this.error(`'${kind}' without 'done'`, start, this.pos);
  }

  private parseFor(kind: string, start: number): void {
    this.pos += kind.length;
    if (!this.pushCtx(kind)) return;
    this.skipBlanks();
    if (this.code(this.pos) === LP && this.code(this.pos + 1) === LP) {
      const r = this.tryArith(this.pos + 2, true);
      if (r >= 0) this.pos = r;
      else {
        this.error(`unterminated '${kind} ((' arithmetic`, this.pos, this.end);
        this.pos = this.end;
      }
    } else if (this.atWordStart()) {
      this.lexWord(false);
      this.skipBlanks();
      if (this.code(this.pos) !== SEMI) {
        this.skipBlanksAndNewlines();
        if (this.peekWordIs("in")) {
          this.pos += 2;
          for (;;) {
            this.skipBlanks();
            if (!this.atWordStart()) break;
            this.lexWord(false);
          }
          const c = this.code(this.pos);
          if (c >= 0 && c !== SEMI && c !== NL)
            this.error(`unexpected token in '${kind}' word list`, this.pos, this.pos + 1);
        }
      }
    } else this.error(`expected a variable name after '${kind}'`, start, this.pos);
    this.skipBlanks();
    if (this.code(this.pos) === SEMI && this.code(this.pos + 1) !== SEMI) this.pos++;
    this.skipBlanksAndNewlines();
    if (this.peekReserved() === "do") this.parseDoGroup(kind, start);
    else this.error(`'${kind}' without 'do'`, start, this.pos);
    this.popCtx();
  }

  private parseCase(start: number): void {
    this.pos += 4;
    if (!this.pushCtx("case")) return;
    this.skipBlanks();
    if (this.atWordStart()) this.lexWord(false);
    else this.error("expected a word after 'case'", start, this.pos);
    this.skipBlanksAndNewlines();
    if (!this.peekWordIs("in")) {
      this.error("expected 'in' after 'case' word", start, this.pos);
      this.popCtx();
      return;
    }
    this.pos += 2;
    for (;;) {
      this.skipBlanksAndNewlines();
      if (this.pos >= this.end) {
        this.error("'case' without 'esac'", start, this.pos);
        break;
      }
      if (this.peekReserved() === "esac") {
        this.pos += 4;
        break;
      }
      const itemStart = this.pos;
      if (this.code(this.pos) === LP) this.pos++;
      for (;;) {
        this.skipBlanks();
        if (this.atWordStart()) this.lexWord(false);
        this.skipBlanks();
        if (this.code(this.pos) === PIPE && this.code(this.pos + 1) !== PIPE) this.pos++;
        else break;
      }
      if (this.code(this.pos) === RP) this.pos++;
      else {
        this.error("expected ')' after case pattern", itemStart, this.pos);
        if (this.pos === itemStart) {
          this.skipBadToken();
          continue;
        }
      }
      const tok = this.parseListUntil(isCaseItemEnd);
      if (tok === "EOF") {
        this.error("'case' without 'esac'", start, this.pos);
        break;
      }
      this.pos += tok.length;
      if (tok === "esac") break;
    }
    this.popCtx();
  }

  /** bash `[[ .. ]]`: reported as a simple command named `[[` whose args are its words and operators. */
  private parseDoubleBracket(sep: string | undefined): SimpleCommand {
    const start = this.pos;
    const cmd = this.newCommand(start, sep);
    const words = [this.literalWord("[[", start)];
    cmd.words = words;
    this.pos += 2;
    cmd.end = this.pos;
    let closed = false;
    for (;;) {
      this.skipBlanks();
      const c = this.code(this.pos);
      if (c < 0 || c === SEMI || c === NL) break;
      if (this.peekWordIs("]]")) {
        words.push(this.literalWord("]]", this.pos));
        this.pos += 2;
        cmd.end = this.pos;
        closed = true;
        break;
      }
      if (this.atWordStart()) {
        const w = this.lexWord(false);
        words.push(w);
        cmd.end = this.pos;
        continue;
      }
      const at = this.pos;
      this.pos += (c === AMP || c === PIPE) && this.code(this.pos + 1) === c ? 2 : 1;
      words.push(this.literalWord(this.src.slice(at, this.pos), at));
      cmd.end = this.pos;
    }
    if (!closed) this.error("unterminated '[[': expected ']]'", start, this.pos);
    for (;;) {
      this.skipBlanks();
      if (!this.atRedirect()) break;
      const r = this.parseRedirect();
      addRedirect(cmd, r);
      cmd.end = r.end;
    }
    return cmd;
  }

  // --- redirections -----------------------------------------------------------------------------

  private atRedirect(): boolean {
    const c = this.code(this.pos);
    const n = this.code(this.pos + 1);
    if (c === LT || c === GT) return n !== LP;
    if (c === AMP) return n === GT;
    if (isDigit(c)) {
      let j = this.pos + 1;
      while (isDigit(this.code(j))) j++;
      const d = this.code(j);
      return d === LT || d === GT;
    }
    return false;
  }

  private skipCompoundRedirects(): void {
    for (;;) {
      this.skipBlanks();
      if (!this.atRedirect()) return;
      this.parseRedirect();
    }
  }

  private parseRedirect(): Redirect {
    const start = this.pos;
    let fd: number | undefined;
    if (isDigit(this.code(this.pos))) {
      let j = this.pos + 1;
      while (isDigit(this.code(j))) j++;
      fd = Number(this.src.slice(this.pos, j));
      this.pos = j;
    }
    const c = this.code(this.pos);
    const n = this.code(this.pos + 1);
    const n2 = this.code(this.pos + 2);
    let op: string;
    if (c === LT) {
      if (n === LT) op = n2 === LT ? "<<<" : n2 === DASH ? "<<-" : "<<";
      else op = n === AMP ? "<&" : n === GT ? "<>" : "<";
    } else if (c === GT) {
      op = n === GT ? ">>" : n === AMP ? ">&" : n === PIPE ? ">|" : ">";
    } else op = n2 === GT ? "&>>" : "&>";
    this.pos += op.length;
    const opEnd = this.pos;
    this.skipBlanks();
    const r: Redirect = { op, start, end: opEnd };
    if (fd !== undefined) r.fd = fd;
    if (this.atWordStart()) {
      const target = this.lexWord(false);
      r.target = target;
      r.end = this.pos;
      if (op === "<<" || op === "<<-") {
        this.heredocs.push({
          redirect: r,
          delimiter: target.value,
          strip: op === "<<-",
          quoted: target.quoted,
        });
      }
    } else this.error(`missing target for redirection '${op}'`, start, opEnd);
    return r;
  }

  // --- words ------------------------------------------------------------------------------------

  private literalWord(text: string, start: number): ShellWord {
    return new ShellWord(text, start, this.source);
  }

  /** Lex one word starting at pos (which must be at a word start). Always advances. */
  private lexWord(allowArray: boolean): ShellWord {
    const s = this.src;
    const start = this.pos;
    const lim = this.end;
    let i = start;
    while (i < lim) {
      const d = s.charCodeAt(i);
      if (d < 128 && WORD_SPECIAL[d] === 1) break;
      i++;
    }
    this.pos = i;
    // Most words are plain (no quotes, escapes, expansions or globs): made here, without the word state. `(` may open
    // an array assignment. With this, parseSimple's own classification of a word's first character and the declared
    // fields of ShellWord and SimpleCommand: the RUN scripts of the corpus in a fresh process (command's JIT budget),
    // CPU median of 16 alternating, 247 -> 237 ms.
    if (i > start) {
      const d = i < lim ? s.charCodeAt(i) : -1;
      if (d < 0 || (META[d] === 1 && d !== LP))
        return new ShellWord(
          this.shareWords ? plainValue(s, start, i) : s.slice(start, i),
          start,
          this.source,
        );
    }
    // The plain characters read so far are the start of the word's first literal run.
    const w = this.wordBuild(start);
    loop: while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      switch (c) {
        case BS: {
          const n = this.code(this.pos + 1);
          if (n < 0) {
            this.pos++;
            break;
          }
          this.flush(w);
          w.split = true;
          if (n === NL) this.pos += 2;
          else if (n === CR && this.code(this.pos + 2) === NL) this.pos += 3;
          else {
            w.quoted = true;
            w.lit = this.pos + 1; // the escaped char starts the next literal run
            this.pos += 2;
            break;
          }
          w.lit = this.pos;
          break;
        }
        case SQ:
          this.singleQuoted(w);
          break;
        case DQ:
          this.doubleQuoted(w);
          break;
        case DOLLAR:
          this.dollar(w, false);
          break;
        case BT:
          this.backquote(w);
          break;
        case STAR:
        case QM:
          w.glob = true;
          this.pos++;
          break;
        case LB:
          w.bracket = true;
          this.pos++;
          break;
        case RB:
          if (w.bracket) w.glob = true;
          this.pos++;
          break;
        case LT:
        case GT:
          if (this.pos === start && this.code(this.pos + 1) === LP) {
            w.exp = true;
            this.substitution("procsubst");
            break;
          }
          break loop;
        case LP:
          if (allowArray && !w.split && assignmentEq(s, start, this.pos) === this.pos - 1) {
            this.arrayBody();
            break;
          }
          break loop;
        default: {
          if (c < 128 && META[c] === 1) break loop;
          // A run of plain characters, with a local index.
          const lim = this.end;
          let i = this.pos + 1;
          while (i < lim) {
            const d = s.charCodeAt(i);
            if (d < 128 && WORD_SPECIAL[d] === 1) break;
            i++;
          }
          this.pos = i;
        }
      }
    }
    const end = this.pos;
    this.wordDepth--;
    let flags = (w.quoted ? QUOTED : 0) | (w.exp ? EXPANSION : 0) | (w.glob ? GLOB : 0);
    let value: string;
    if (w.split) {
      this.flush(w);
      const parts = w.parts;
      value = parts === null ? "" : parts.length === 1 ? parts[0] : parts.join("");
      if (value.length !== end - start || !s.startsWith(value, start)) flags |= RAW_DIFFERS;
    } else value = this.shareWords ? plainValue(s, start, end) : s.slice(start, end);
    return shellWord(value, flags, start, end, this.source);
  }

  /** The reusable state for a word that starts at `start`, one level deeper than the word being lexed. */
  private wordBuild(start: number): WordBuild {
    let w = this.wordBuilds[this.wordDepth];
    if (w === undefined) {
      w = newWordBuild(false);
      this.wordBuilds[this.wordDepth] = w;
    } else {
      w.parts = null;
      w.split = false;
      w.quoted = false;
      w.exp = false;
      w.glob = false;
      w.bracket = false;
    }
    w.lit = start;
    this.wordDepth++;
    return w;
  }

  private flush(w: WordBuild): void {
    if (!w.discard && this.pos > w.lit) this.addPart(w, this.src.slice(w.lit, this.pos));
  }

  private push(w: WordBuild, a: number, b: number): void {
    if (!w.discard && b > a) this.addPart(w, this.src.slice(a, b));
  }

  private addPart(w: WordBuild, part: string): void {
    if (w.parts === null) w.parts = [part];
    else w.parts.push(part);
  }

  private singleQuoted(w: WordBuild): void {
    const q = this.pos;
    this.flush(w);
    w.split = true;
    w.quoted = true;
    const close = this.indexOf("'", q + 1);
    this.push(w, q + 1, close);
    if (close >= this.end) {
      this.error("unterminated single quote", q, this.end);
      this.pos = this.end;
    } else this.pos = close + 1;
    w.lit = this.pos;
  }

  private doubleQuoted(w: WordBuild): void {
    const s = this.src;
    const q = this.pos;
    this.flush(w);
    w.split = true;
    w.quoted = true;
    this.pos++;
    let seg = this.pos;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (c === DQ) {
        this.push(w, seg, this.pos);
        this.pos++;
        w.lit = this.pos;
        return;
      }
      if (c === BS) {
        const n = this.code(this.pos + 1);
        if (n === DOLLAR || n === BT || n === DQ || n === BS) {
          this.push(w, seg, this.pos);
          seg = this.pos + 1;
          this.pos += 2;
        } else if (n === NL || (n === CR && this.code(this.pos + 2) === NL)) {
          this.push(w, seg, this.pos);
          this.pos += n === NL ? 2 : 3;
          seg = this.pos;
        } else this.pos += n < 0 ? 1 : 2;
      } else if (c === DOLLAR) this.dollar(w, true);
      else if (c === BT) this.backquote(w);
      else {
        const lim = this.end;
        let i = this.pos + 1;
        while (i < lim) {
          const d = s.charCodeAt(i);
          if (d === DQ || d === BS || d === DOLLAR || d === BT) break;
          i++;
        }
        this.pos = i;
      }
    }
    this.error("unterminated double quote", q, this.end);
    this.push(w, seg, Math.min(this.pos, this.end));
    w.lit = this.pos;
  }

  /** pos at `$`. Expansions stay in the current literal run (value keeps them as written). */
  private dollar(w: WordBuild, inDq: boolean): void {
    const n = this.code(this.pos + 1);
    if (n === LP) {
      w.exp = true;
      if (this.code(this.pos + 2) === LP) {
        const r = this.tryArith(this.pos + 3, false);
        if (r >= 0) {
          this.pos = r;
          return;
        }
      }
      this.substitution("cmdsubst");
    } else if (n === LC) {
      w.exp = true;
      this.braced(inDq);
    } else if (n === LB) {
      w.exp = true;
      this.bracketArith();
    } else if (n === SQ && !inDq) this.ansiC(w);
    else if (n === DQ && !inDq) {
      this.flush(w);
      this.pos++;
      w.lit = this.pos;
      this.doubleQuoted(w);
    } else if (isNameStart(n)) {
      w.exp = true;
      this.pos += 2;
      while (isNameChar(this.code(this.pos))) this.pos++;
    } else if (isDigit(n) || isSpecialParam(n)) {
      w.exp = true;
      this.pos += 2;
    } else this.pos++;
  }

  /** pos at the char before `(` of `$(` / `<(` / `>(`: parse the commands up to the matching `)`. */
  private substitution(kind: string): void {
    const start = this.pos;
    this.pos += 2;
    if (!this.pushCtx(kind)) return;
    const tok = this.parseListUntil(isCloseParen);
    if (tok === ")") this.pos++;
    else
      this.error(
        kind === "cmdsubst" ? "unterminated '$('" : "unterminated process substitution",
        start,
        this.pos,
      );
    this.popCtx();
  }

  private backquote(w: WordBuild): void {
    w.exp = true;
    const s = this.src;
    const start = this.pos;
    let close = -1;
    for (let i = start + 1; i < this.end; i++) {
      const c = s.charCodeAt(i);
      if (c === BS) i++;
      else if (c === BT) {
        close = i;
        break;
      }
    }
    if (close < 0) {
      this.error("unterminated backquote", start, this.end);
      close = this.end;
    }
    if (!this.pushCtx("cmdsubst")) return;
    const savedEnd = this.end;
    this.end = close;
    this.pos = start + 1;
    this.parseListUntil(never);
    this.end = savedEnd;
    this.popCtx();
    if (!this.aborted) this.pos = close < savedEnd ? close + 1 : close;
  }

  /** pos at `$` of `${`; skip to the matching `}` (quotes and nested expansions honoured). */
  private braced(inDq: boolean): void {
    const s = this.src;
    const start = this.pos;
    if (!this.enterNest()) return;
    this.pos += 2;
    // Only its flags are written, and never read: one serves every `${` of the script.
    const scratch = this.scratch;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (c === RC) {
        this.pos++;
        this.nesting--;
        return;
      }
      if (c === BS) this.pos = Math.min(this.pos + 2, this.end);
      else if (c === SQ && !inDq) this.singleQuoted(scratch);
      else if (c === DQ) this.doubleQuoted(scratch);
      else if (c === DOLLAR) this.dollar(scratch, inDq);
      else if (c === BT) this.backquote(scratch);
      else this.pos++;
    }
    this.error("unterminated '${'", start, this.end);
    this.nesting--;
  }

  /** Obsolete bash `$[ .. ]` arithmetic. */
  private bracketArith(): void {
    const start = this.pos;
    let depth = 0;
    for (this.pos += 1; this.pos < this.end; this.pos++) {
      const c = this.src.charCodeAt(this.pos);
      if (c === LB) depth++;
      else if (c === RB && --depth === 0) {
        this.pos++;
        return;
      }
    }
    this.error("unterminated '$['", start, this.end);
  }

  /** pos at `$` of `$'..'`. */
  private ansiC(w: WordBuild): void {
    const s = this.src;
    this.flush(w);
    w.split = true;
    w.quoted = true;
    const q = this.pos;
    this.pos += 2;
    let seg = this.pos;
    while (this.pos < this.end) {
      const c = s.charCodeAt(this.pos);
      if (c === SQ) {
        this.push(w, seg, this.pos);
        this.pos++;
        w.lit = this.pos;
        return;
      }
      if (c !== BS || this.pos + 1 >= this.end) {
        this.pos++;
        continue;
      }
      this.push(w, seg, this.pos);
      const e = s.charCodeAt(this.pos + 1);
      this.pos += 2;
      const out = this.ansiEscape(e);
      if (!w.discard) this.addPart(w, out);
      seg = this.pos;
    }
    this.error("unterminated $'...' string", q, this.end);
    this.push(w, seg, this.pos);
    w.lit = this.pos;
  }

  /** Decode the escape whose letter `e` was just consumed (pos is after it). */
  private ansiEscape(e: number): string {
    switch (e) {
      case 110: // n
        return "\n";
      case 116: // t
        return "\t";
      case 114: // r
        return "\r";
      case 97: // a
        return "\x07";
      case 98: // b
        return "\b";
      case 101: // e
      case 69: // E
        return "\x1b";
      case 102: // f
        return "\f";
      case 118: // v
        return "\v";
      case BS:
      case SQ:
      case DQ:
      case QM:
        return String.fromCharCode(e);
      case 120: // x
      case 117: // u
      case 85: {
        // U
        const max = e === 120 ? 2 : e === 117 ? 4 : 8;
        let v = 0;
        let k = 0;
        while (k < max) {
          const h = hexVal(this.code(this.pos));
          if (h < 0) break;
          v = v * 16 + h;
          this.pos++;
          k++;
        }
        if (k === 0) return "\\" + String.fromCharCode(e);
        if (e === 120) return String.fromCharCode(v);
        return v <= 0x10ffff ? String.fromCodePoint(v) : "";
      }
      case 99: {
        // c: control character
        const x = this.code(this.pos);
        if (x < 0) return "\\c";
        this.pos++;
        return String.fromCharCode(x & 0x1f);
      }
      default: {
        if (e >= 48 && e <= 55) {
          let v = e - 48;
          for (let k = 0; k < 2; k++) {
            const d = this.code(this.pos);
            if (d < 48 || d > 55) break;
            v = v * 8 + d - 48;
            this.pos++;
          }
          return String.fromCharCode(v & 0xff);
        }
        return "\\" + String.fromCharCode(e);
      }
    }
  }

  /** bash `NAME=( .. )`: pos at `(`; the words are consumed into the assignment word. */
  private arrayBody(): void {
    const start = this.pos;
    if (!this.enterNest()) return;
    this.pos++;
    for (;;) {
      this.skipBlanksAndNewlines();
      const c = this.code(this.pos);
      if (c === RP) {
        this.pos++;
        break;
      }
      if (c < 0) {
        this.error("unterminated array assignment: expected ')'", start, this.pos);
        break;
      }
      if (this.atWordStart()) this.lexWord(false);
      else {
        this.error("unexpected character in array assignment", this.pos, this.pos + 1);
        this.pos++;
      }
    }
    this.nesting--;
  }
}

/**
 * Short words met lately, by a hash of their length and three of their characters: a direct-mapped table, where a
 * word replaces the one it collides with.
 */
const RECENT_WORDS: string[] = new Array<string>(1024).fill("");

/**
 * s[start, end), which is a word's value: the same string as the last word of that text when the table still has it.
 * V8 copies a slice shorter than 13 characters (a 24 B string for `install`), and scripts repeat their words: the
 * generated 1 MB file (heap snapshot after the lint) kept ~33k of these copies in its RUN words, the runScripts fact
 * 11.23 -> 10.01 MB, and on the real 10k-line file (corpus/large) 1.70 -> 1.55 MB. Longer slices share the script's
 * characters already.
 */
function plainValue(s: string, start: number, end: number): string {
  const n = end - start;
  if (n > 12 || n <= 0) return s.slice(start, end);
  const h =
    (n * 97 + s.charCodeAt(start) * 31 + s.charCodeAt(start + (n >> 1)) * 7 + s.charCodeAt(end - 1)) & 1023;
  const recent = RECENT_WORDS[h];
  if (recent.length === n && s.startsWith(recent, start)) return recent;
  const value = s.slice(start, end);
  RECENT_WORDS[h] = value;
  return value;
}

function newWordBuild(discard: boolean): WordBuild {
  return {
    parts: null,
    lit: 0,
    split: false,
    quoted: false,
    exp: false,
    glob: false,
    bracket: false,
    discard,
  };
}

function addRedirect(cmd: SimpleCommand, r: Redirect): void {
  if (cmd.redirects === NO_REDIRECTS) cmd.redirects = [r];
  else cmd.redirects.push(r);
}

let spareParser: Parser | undefined;

/**
 * Parse a shell script. Never throws; syntax problems are reported in `errors`. One parser is reused from script to
 * script (taken while it parses, so a parse inside a parse would get its own): a new one per RUN allocated ~800 B of
 * stacks and states. Allocation of a lint (sampling heap profile): generated 1 MB file 169.5 -> 165.2 MB, 10k-line
 * file 25.3 -> 24.8 MB; the corpus's RUN scripts parsed in a fresh process, CPU p25 of 16: 231 -> 213 ms.
 */
export function parseShell(script: string | ShellSource, options?: ParseShellOptions): ShellScript {
  const p = spareParser ?? new Parser();
  spareParser = undefined;
  p.reset(typeof script === "string" ? new StringSource(script) : script, options?.shareWords === true);
  try {
    p.run();
  } catch (e) {
    // Defensive only: the parser is designed not to throw (e.g. recursion is capped).
    p.error(`internal parser error: ${e instanceof Error ? e.message : String(e)}`, p.pos, p.pos);
  }
  const errors = p.errors;
  const topLevelLists = p.topLevelLists;
  const commands = p.finish();
  spareParser = p;
  return { commands, errors, topLevelLists };
}

// ---------------------------------------------------------------------------------------------
// Helpers for rules
// ---------------------------------------------------------------------------------------------

interface Wrapper {
  /** Short options that take a separate argument. */
  argShort: string;
  /** Long options that take a separate argument (`--user root`). */
  argLong: ReadonlySet<string>;
  /** `VAR=value` words may precede the command. */
  assigns: boolean;
}

const WRAPPERS: ReadonlyMap<string, Wrapper> = new Map<string, Wrapper>([
  [
    "sudo",
    {
      argShort: "ugCDprtUTR",
      argLong: new Set([
        "--user",
        "--group",
        "--close-from",
        "--chdir",
        "--prompt",
        "--role",
        "--type",
        "--other-user",
        "--command-timeout",
        "--chroot",
        "--host",
      ]),
      assigns: true,
    },
  ],
  ["doas", { argShort: "uC", argLong: new Set(), assigns: false }],
  ["env", { argShort: "uCS", argLong: new Set(["--unset", "--chdir", "--split-string"]), assigns: true }],
  ["nice", { argShort: "n", argLong: new Set(["--adjustment"]), assigns: false }],
  ["time", { argShort: "fo", argLong: new Set(["--format", "--output"]), assigns: false }],
  ["command", { argShort: "", argLong: new Set(), assigns: false }],
  ["exec", { argShort: "a", argLong: new Set(), assigns: false }],
]);

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * Where the effective command word is in `cmd.words` (after the assignments and wrappers such as `sudo -u x`,
 * `env A=1`); -1 for a command without a name. An index, not a copied word list: this runs for every command of every
 * RUN.
 */
export function commandNameIndex(cmd: SimpleCommand): number {
  const words = cmd.words;
  const count = words.length;
  let i = cmd.assignmentCount;
  if (i >= count) return -1;
  for (;;) {
    const name = basename(words[i].value);
    const wrapper = WRAPPERS.get(name);
    if (wrapper === undefined) return i;
    let j = i + 1;
    while (j < count) {
      const v = words[j].value;
      if (v === "--") {
        j++;
        break;
      }
      if (wrapper.assigns && assignmentEq(v, 0, v.length) >= 0) {
        j++;
        continue;
      }
      if (v === "-" && name === "env") {
        j++;
        continue;
      }
      if (v.length < 2 || v.charCodeAt(0) !== DASH) break;
      if (v.startsWith("--")) {
        j += wrapper.argLong.has(v) ? 2 : 1;
        continue;
      }
      let step = 1;
      for (let k = 1; k < v.length; k++) {
        if (wrapper.argShort.includes(v[k])) {
          step = k === v.length - 1 ? 2 : 1; // "-u root" vs "-uroot"
          break;
        }
      }
      j += step;
    }
    if (j >= count) return i;
    i = j;
  }
}

/**
 * Basename of the command that actually runs (`/usr/bin/apt-get` -> `apt-get`), looking through
 * the wrappers sudo, doas, env, nice, time, command and exec (and their options / `VAR=val`
 * words). A wrapper with nothing after it is returned itself. Undefined for commands without a name.
 */
export function commandName(cmd: SimpleCommand): string | undefined {
  const i = commandNameIndex(cmd);
  return i < 0 ? undefined : basename(cmd.words[i].value);
}

/** Arguments of the effective command (see {@link commandName}): the words after its name. */
export function commandArgs(cmd: SimpleCommand): ShellWord[] {
  const i = commandNameIndex(cmd);
  return i < 0 ? [] : cmd.words.slice(i + 1);
}

/**
 * Split the arguments of the effective command (see {@link commandArgs}) into flags and operands.
 * `-abc` yields `-a`, `-b`, `-c`; `--long=value` maps `--long` to the value (as a sub-word);
 * `--long` is boolean (whether a long flag takes the next word is not known); after `--`
 * everything is an operand; `-` alone is an operand.
 */
export function commandFlags(cmd: SimpleCommand): {
  flags: Map<string, ShellWord | true>;
  operands: ShellWord[];
} {
  const flags = new Map<string, ShellWord | true>();
  const operands: ShellWord[] = [];
  let rest = false;
  for (const w of commandArgs(cmd)) {
    const v = w.value;
    if (rest || v.length < 2 || v.charCodeAt(0) !== DASH) {
      operands.push(w);
    } else if (v === "--") {
      rest = true;
    } else if (v.charCodeAt(1) === DASH) {
      const eq = v.indexOf("=");
      if (eq < 0) flags.set(v, true);
      else flags.set(v.slice(0, eq), flagValue(w, eq));
    } else {
      for (let k = 1; k < v.length; k++) flags.set("-" + v[k], true);
    }
  }
  return { flags, operands };
}

/** The `value` part of `--name=value` as a word (positioned exactly when the `--name=` part is unquoted). */
function flagValue(w: ShellWord, valueEq: number): ShellWord {
  const value = w.value.slice(valueEq + 1);
  const raw = w.raw;
  const rawEq = raw.indexOf("=");
  if (rawEq >= 0 && raw.slice(0, rawEq) === w.value.slice(0, valueEq)) {
    const tail = raw.slice(rawEq + 1);
    const flags = (w.flags & ~RAW_DIFFERS) | (tail === value ? 0 : RAW_DIFFERS);
    return shellWord(value, flags, w.start + rawEq + 1, w.end, w.source);
  }
  return shellWord(value, w.flags | (raw === value ? 0 : RAW_DIFFERS), w.start, w.end, w.source);
}

/** Whether the effective command has any of the flags (`-y`, `--yes`); short flags match inside groups like `-qy`. */
export function hasFlag(cmd: SimpleCommand, ...names: string[]): boolean {
  const { flags } = commandFlags(cmd);
  return names.some((n) => flags.has(n));
}
