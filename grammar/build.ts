import type {
  ArgDeclaration,
  CommandForm,
  CommentNode,
  Directive,
  DockerfileAst,
  Flag,
  Heredoc,
  Instruction,
  KeyValue,
  SyntaxProblem,
  VariableReference,
  Word,
} from "./ast.js";
import { INSTRUCTIONS } from "./ast.js";
import { scanDirectives } from "./directives.js";
import { parseJsonArray } from "./json.js";
import { heredocMarkersOfLine, tokenize } from "./lexer.js";
import {
  buildLogicalLine,
  K_COMMENT,
  K_CONTINUATION,
  K_END_OF_INSTRUCTION,
  K_HEREDOC_BODY,
  K_HEREDOC_END,
  K_NEWLINE,
  K_TEXT,
  KIND_NAMES,
  type LogicalLine,
  type Token,
  type TokenRun,
  tokenEnd,
} from "./logical.js";
import {
  FlagNode,
  InstructionNode,
  NO_FLAGS,
  NO_HEREDOCS,
  NO_VARIABLES,
  ShellFormNode,
  VariableNode,
  WordNode,
} from "./nodes.js";
import { countGroupedInstructions, parseTokens } from "./parser.js";
import { scanVariables } from "./shell.js";
import { LineIndex, type Span } from "./text.js";
import { extractFlags, isAsciiBlank, isUnicodeSpace, skipBlanks, splitQuotedWords } from "./words.js";

/** Known keywords as one string each: the upper-cased copy of every instruction's keyword cost ~30 bytes. */
const KEYWORDS = new Map<string, string>(INSTRUCTIONS.map((k) => [k, k]));

function keywordOf(L: string, start: number, end: number): string {
  // Keywords are mostly written in capitals: then the slice finds it without an upper-cased copy.
  const written = L.slice(start, end);
  const known = KEYWORDS.get(written);
  if (known !== undefined) return known;
  const upper = written.toUpperCase();
  return KEYWORDS.get(upper) ?? upper;
}

/** Instructions whose arguments Docker expands itself (the others are left to the shell, or not expanded). */
const DOCKER_EXPANDS = new Set([
  "ADD",
  "ARG",
  "COPY",
  "ENV",
  "EXPOSE",
  "FROM",
  "LABEL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
]);
const SHELL_COMMANDS = new Set(["RUN", "CMD", "ENTRYPOINT"]);

export interface ParseOptions {
  /** Report heredoc, JSON and argument problems (default true). */
  reportErrors?: boolean;
}

/**
 * How many instructions {@link parse} would build from the text, without building them: the lexer and the
 * grouping of its tokens only. The generated 10 MB file: 26-51 ms (its parse: ~270 ms and 77 MB of tree); 10 MiB of
 * one-letter instructions (5.2 million): ~470 ms, and the command that counts them and says it skips the file peaks
 * at 196 MB RSS.
 */
export function countInstructions(text: string): number {
  return countGroupedInstructions(tokenize(text, scanDirectives(text).escapeChar).kinds);
}

/**
 * Parses a Dockerfile. Never throws: problems are returned in `errors`, and the tokens always reproduce the text.
 */
export function parse(text: string): DockerfileAst {
  const lines = new LineIndex(text);
  const scan = scanDirectives(text);
  const errors: SyntaxProblem[] = [];
  for (const d of scan.duplicates) {
    errors.push({
      code: "duplicate-directive",
      message: `the '${d.name}' directive may only be given once`,
      span: d.span,
    });
  }
  if (scan.invalidEscape) {
    errors.push({
      code: "invalid-escape",
      message: `invalid escape character '${scan.invalidEscape.value}': it must be \\ or \``,
      span: scan.invalidEscape.valueSpan,
    });
  }
  // Tokens are kept as two typed arrays and turned into objects only when a tool asks for them: most never do, and
  // a large file has hundreds of thousands of them.
  const run = tokenize(text, scan.escapeChar);
  const starts = run.starts;
  const file = parseTokens(run.kinds);
  const directiveStarts = new Set(scan.directives.concat(scan.duplicates).map((d) => d.span.start));
  const comments: CommentNode[] = [];
  for (const c of file.comments) {
    const start = starts[c];
    const end = tokenEnd(run, c);
    if (end <= scan.end && isDirectiveLine(text, start, directiveStarts)) continue;
    comments.push(commentNode(text, start, end));
  }
  const ctx: BuildContext = { text, escapeChar: scan.escapeChar, errors, run };
  const groups = file.instructions;
  const instructions: Instruction[] = new Array(groups.length / 3);
  for (let g = 0; g < groups.length; g += 3) {
    instructions[g / 3] = buildInstruction(ctx, groups[g], groups[g + 1], groups[g + 2]);
  }
  if (instructions.length === 0) {
    errors.push({
      code: "no-instructions",
      message: "the file has no instructions",
      span: { start: 0, end: text.length },
    });
  }
  return new Tree(text, lines, run, scan.escapeChar, scan.directives, comments, instructions, errors);
}

/**
 * The tree's object: a class, so that its fields are an object's own fast fields. It was an object literal with a
 * `tokens` getter, and V8 keeps such a literal in dictionary mode, so every `ast.instructions` and `ast.text` of
 * every rule was a hash lookup. Every rule on, warm, both builds alternating in one process (median of the rounds'
 * ratios, three runs): 1,468 two-line files 0.85-0.94x the time, the corpus 0.92-0.99x; instructions to lint the
 * corpus twice in a fresh process -1.25% (bench/instructions.mjs). The token objects are made from the compact arrays
 * when first asked for; the private fields hold those arrays and nothing else (the lexer's token objects are ~11
 * bytes per input byte on the 10 MB file).
 */
class Tree implements DockerfileAst {
  declare text: string;
  declare lines: LineIndex;
  declare escapeChar: "\\" | "`";
  declare bom: boolean;
  declare directives: Directive[];
  declare comments: CommentNode[];
  declare instructions: Instruction[];
  declare errors: SyntaxProblem[];
  #run: TokenRun;
  #tokens: Token[] | undefined = undefined;

  constructor(
    text: string,
    lines: LineIndex,
    run: TokenRun,
    escapeChar: "\\" | "`",
    directives: Directive[],
    comments: CommentNode[],
    instructions: Instruction[],
    errors: SyntaxProblem[],
  ) {
    this.#run = run;
    this.text = text;
    this.lines = lines;
    this.escapeChar = escapeChar;
    this.bom = text.charCodeAt(0) === 0xfeff;
    this.directives = directives;
    this.comments = comments;
    this.instructions = instructions;
    this.errors = errors;
  }

  get tokens(): Token[] {
    let tokens = this.#tokens;
    if (tokens === undefined) {
      const run = this.#run;
      const n = run.kinds.length;
      tokens = new Array(n);
      for (let i = 0; i < n; i++) {
        tokens[i] = { kind: KIND_NAMES[run.kinds[i]], start: run.starts[i], end: tokenEnd(run, i) };
      }
      this.#tokens = tokens;
    }
    return tokens;
  }
}

function isDirectiveLine(text: string, start: number, starts: Set<number>): boolean {
  let lineStart = start;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  return starts.has(lineStart) || starts.has(start);
}

function commentNode(text: string, start: number, end: number): CommentNode {
  return { text: text.slice(start + 1, end), span: { start, end } };
}

interface BuildContext {
  text: string;
  escapeChar: "\\" | "`";
  errors: SyntaxProblem[];
  run: TokenRun;
}

/** Builds an instruction from its tokens: `first` to `last` are its lines, `last + 1` to `lastHeredoc` (if any)
 * the newline that ends them and its heredoc bodies. */
function buildInstruction(
  ctx: BuildContext,
  first: number,
  last: number,
  lastHeredoc: number,
): InstructionNode {
  const run = ctx.run;
  const logical = buildLogicalLine(ctx.text, run, first, last + 1);
  const L = logical.text;
  const start = run.starts[first];
  const end = lastContentEnd(run, first, last);
  const instruction = instructionAt(ctx, logical, L, skipSpaces(L, 0), trimSpacesEnd(L), 0);
  instruction.spanStart = start;
  instruction.spanEnd = end;
  if (last > first) {
    const { comments, empty } = continuationTrivia(ctx.text, run, first, last);
    if (comments.length > 0) instruction.comments = comments;
    if (empty.length > 0) instruction.emptyContinuationLines = empty;
  }
  const heredocs = attachHeredocs(ctx, logical, L, last + 1, lastHeredoc + 1);
  const holder = instruction.trigger ?? instruction;
  holder.heredocs = heredocs;
  instruction.heredocs = heredocs;
  if (heredocs.length > 0) {
    const bodyRefs = heredocVariables(ctx.text, holder.keyword, heredocs);
    if (bodyRefs.length > 0) holder.variables = [...holder.variables, ...bodyRefs];
  }
  let fullEnd = end;
  for (const h of heredocs) fullEnd = Math.max(fullEnd, h.body.end, h.terminator?.end ?? 0);
  instruction.setFullEnd(fullEnd);
  const trigger = instruction.trigger as InstructionNode | undefined;
  if (trigger) {
    trigger.spanStart = trigger.keywordStart;
    trigger.spanEnd = end;
    trigger.setFullEnd(fullEnd);
  }
  instruction.compact();
  return instruction;
}

/** Where the instruction's lines end: comment and blank lines inside a trailing continuation count (BuildKit
 * includes them in the instruction's end line), the final newline does not. */
function lastContentEnd(run: TokenRun, first: number, last: number): number {
  for (let i = last; i >= first; i--) {
    const k = run.kinds[i];
    if (k === K_END_OF_INSTRUCTION) continue;
    // A newline inside the continuation ends a blank or comment line that still belongs to the instruction.
    if (k === K_NEWLINE) return run.starts[i];
    return k === K_CONTINUATION ? run.starts[i] + 1 : tokenEnd(run, i);
  }
  return tokenEnd(run, first);
}

/** BuildKit trims an instruction with Go's strings.TrimSpace (Unicode spaces). */
function skipSpaces(s: string, pos: number): number {
  while (pos < s.length && isUnicodeSpace(s.charCodeAt(pos))) pos++;
  return pos;
}

function trimSpacesEnd(s: string): number {
  let end = s.length;
  while (end > 0 && isUnicodeSpace(s.charCodeAt(end - 1))) end--;
  return end;
}

/** ONBUILD ONBUILD ... is an error anyway; this bound keeps a long chain from exhausting the stack. */
const MAX_TRIGGER_DEPTH = 16;

/**
 * References in heredoc bodies whose delimiter is unquoted: Docker expands them in COPY and ADD bodies, and a RUN
 * body is a script the shell expands.
 */
function heredocVariables(text: string, keyword: string, heredocs: Heredoc[]): VariableReference[] {
  const refs: VariableReference[] = [];
  const expandedBy = keyword === "RUN" ? "shell" : "docker";
  for (const h of heredocs) {
    if (!h.marker.expand || !h.content.includes("$")) continue;
    const base = h.body.start;
    for (const r of scanVariables(text.slice(h.body.start, h.body.end), { escapeChar: "\\" })) {
      refs.push(
        new VariableNode(
          r.name,
          r.modifier,
          expandedBy,
          base + r.start,
          base + r.end,
          base + r.nameStart,
          base + r.nameEnd,
          r.word ? base + r.word.start : -1,
          r.word ? base + r.word.end : -1,
        ),
      );
    }
  }
  return refs;
}

/** Comment lines and blank lines inside an instruction's continuation (tokens `first` to `last`). */
function continuationTrivia(
  text: string,
  run: TokenRun,
  first: number,
  last: number,
): { comments: CommentNode[]; empty: Span[] } {
  const comments: CommentNode[] = [];
  const empty: Span[] = [];
  let lineStart = -1;
  let lineHasOther = false;
  for (let i = first; i <= last; i++) {
    const k = run.kinds[i];
    const start = run.starts[i];
    if (lineStart < 0) {
      lineStart = start;
      lineHasOther = false;
    }
    if (k === K_COMMENT) {
      comments.push(commentNode(text, start, tokenEnd(run, i)));
      lineHasOther = true;
    } else if (k === K_TEXT) {
      lineHasOther = true;
    } else if (k === K_CONTINUATION) {
      lineStart = -1;
    } else if (k === K_NEWLINE) {
      if (!lineHasOther && i > first) empty.push({ start: lineStart, end: start });
      lineStart = -1;
    }
  }
  return { comments, empty };
}

/** Heredocs of the instruction, from the markers in its logical line and the tokens `from` to `to` (exclusive)
 * after its lines. */
function attachHeredocs(
  ctx: BuildContext,
  logical: LogicalLine,
  L: string,
  from: number,
  to: number,
): Heredoc[] {
  // Without `<<` there is no marker. Not `to <= from`: a blank line after the instruction is a heredoc part to
  // the grammar, and looking for markers in every instruction followed by one was ~4% of a parse.
  if (!L.includes("<<")) return NO_HEREDOCS;
  const markers = heredocMarkersOfLine(L);
  if (markers.length === 0) return NO_HEREDOCS;
  const run = ctx.run;
  const out: Heredoc[] = [];
  let ti = from;
  for (const m of markers) {
    const marker = { ...m, span: logical.span(m.span.start, m.span.end) };
    let body: Span | undefined;
    let terminator: Span | undefined;
    while (ti < to) {
      const k = run.kinds[ti];
      if (k === K_HEREDOC_BODY && !body) {
        body = { start: run.starts[ti], end: tokenEnd(run, ti) };
        ti++;
      } else if (k === K_HEREDOC_END) {
        terminator = { start: run.starts[ti], end: tokenEnd(run, ti) };
        ti++;
        break;
      } else if (k === K_NEWLINE || k === K_END_OF_INSTRUCTION) {
        ti++;
      } else break;
    }
    const at = terminator?.start ?? body?.start ?? marker.span.end;
    body ??= { start: at, end: at };
    out.push({ marker, body, content: ctx.text.slice(body.start, body.end), terminator });
    if (!terminator) {
      ctx.errors.push({
        code: "unterminated-heredoc",
        message: `heredoc '${m.name}' is never closed: no line reads '${m.name}'`,
        span: marker.span,
      });
    }
  }
  return out;
}

/**
 * Builds an instruction from the logical text `L[start:end]` (trimmed). ONBUILD calls this again for its trigger.
 *
 * No closures and no intermediate lists: each word, flag and span is made once, where it is stored. Closures over
 * the instruction (`map`, `word`, `problem`, an `argsWord()` called twice for a RUN) and the spans a split on blanks
 * made only to be mapped were 1.3 of the 9.5 MB a parse of the 10k-line file allocated; A/B, CPU medians:
 * the 10k-line file 7.1 -> 5.9 ms warm, the corpus 583 -> 563 ms cold (a fresh process, first pass).
 */
function instructionAt(
  ctx: BuildContext,
  logical: LogicalLine,
  /** `logical.text`, cut once by the caller. */
  L: string,
  start: number,
  end: number,
  depth: number,
): InstructionNode {
  let kwEnd = start;
  while (kwEnd < end && !isAsciiBlank(L.charCodeAt(kwEnd))) kwEnd++;
  const keyword = keywordOf(L, start, kwEnd);
  // Most instructions have no flags: then there is no list (and no result object) to make.
  let flagsEnd = kwEnd;
  while (flagsEnd < end && isUnicodeSpace(L.charCodeAt(flagsEnd))) flagsEnd++;
  let flags = NO_FLAGS;
  if (flagsEnd + 1 < end && L.charCodeAt(flagsEnd) === 45 && L.charCodeAt(flagsEnd + 1) === 45) {
    const extracted = extractFlags(L, kwEnd, end);
    flagsEnd = extracted.rest;
    if (extracted.flags.length > 0) flags = extracted.flags.map((f) => toFlag(L, f.span, f.text, logical));
  }
  const argsStart = skipBlanks(L, flagsEnd, end);
  const args = L.slice(argsStart, end);
  const spanStart = logical.startOf(start, end);
  const spanEnd = logical.endOf(start, end);
  const argsSourceStart = argsStart < end ? logical.startOf(argsStart, end) : spanEnd;
  const argsSourceEnd = argsStart < end ? logical.endOf(argsStart, end) : spanEnd;
  const instruction = new InstructionNode(
    keyword,
    logical,
    args,
    logical.startOf(start, kwEnd),
    logical.endOf(start, kwEnd),
    spanStart,
    spanEnd,
    argsSourceStart,
    argsSourceEnd,
  );
  instruction.flags = flags;

  switch (keyword) {
    case "FROM":
    case "EXPOSE":
      instruction.words = blankSeparatedWords(logical, L, argsStart, end);
      break;
    case "ADD":
    case "COPY":
    case "VOLUME": {
      const form = commandForm(ctx, logical, L, argsStart, end, args, argsSourceStart, argsSourceEnd);
      if (form) instruction.form = form;
      if (form?.kind !== "exec") instruction.words = blankSeparatedWords(logical, L, argsStart, end);
      break;
    }
    case "RUN":
    case "CMD":
    case "ENTRYPOINT":
    case "SHELL": {
      // The whole of the arguments as one word: the shell form's text and span are its text and span.
      const form = commandForm(ctx, logical, L, argsStart, end, args, argsSourceStart, argsSourceEnd);
      if (form) instruction.form = form;
      if (form?.kind === "shell") instruction.argsAreTheWord();
      break;
    }
    case "HEALTHCHECK": {
      let sep = argsStart;
      while (sep < end && !isUnicodeSpace(L.charCodeAt(sep))) sep++;
      if (sep > argsStart) {
        const first = wordAt(logical, argsStart, sep);
        instruction.words = [first];
        let next = sep;
        while (next < end && isUnicodeSpace(L.charCodeAt(next))) next++;
        const form = commandForm(ctx, logical, L, next, end);
        if (form) {
          instruction.form = form;
          if (form.kind === "shell") instruction.words = [first, wordAt(logical, next, end)];
        }
      }
      break;
    }
    case "MAINTAINER":
    case "USER":
    case "WORKDIR":
    case "STOPSIGNAL":
      if (argsStart < end) instruction.argsAreTheWord();
      break;
    case "ARG": {
      const spans = splitQuotedWords(L, argsStart, end, ctx.escapeChar);
      for (let i = 0; i < spans.length; i++) COLLECTED[i] = wordAt(logical, spans[i].start, spans[i].end);
      instruction.words = takeCollected(spans.length);
      for (let i = 0; i < spans.length; i++) COLLECTED[i] = argDeclaration(L, spans[i], logical);
      instruction.declarations = takeCollected(spans.length);
      break;
    }
    case "ENV":
    case "LABEL":
      instruction.pairs = keyValues(ctx, logical, L, argsStart, end, keyword, instruction.keywordSpan);
      break;
    case "ONBUILD":
      if (argsStart < end && depth < MAX_TRIGGER_DEPTH) {
        const trigger = instructionAt(ctx, logical, L, argsStart, end, depth + 1);
        trigger.parentOnbuild = instruction;
        instruction.trigger = trigger;
      } else if (argsStart >= end) {
        problem(
          ctx,
          "onbuild-missing-trigger",
          "ONBUILD needs an instruction to run later",
          instruction.keywordSpan,
        );
      }
      break;
    default:
      if (!instruction.known) {
        problem(
          ctx,
          "unknown-instruction",
          `unknown instruction '${L.slice(start, kwEnd)}'`,
          instruction.keywordSpan,
        );
      }
  }
  instruction.variables = variablesOf(ctx, instruction, logical, L, kwEnd, argsStart, end);
  return instruction;
}

function problem(ctx: BuildContext, code: SyntaxProblem["code"], message: string, span: Span): void {
  ctx.errors.push({ code, message, span });
}

/** The word `L[start:end]` of a logical line. */
function wordAt(logical: LogicalLine, start: number, end: number): Word {
  return new WordNode(logical.slice(start, end), logical.startOf(start, end), logical.endOf(start, end));
}

/**
 * The tree's lists are made at their exact size: a list grown by `push` keeps room for 16 items, ~100 bytes more
 * per FROM, COPY or ARG (the tree of the 10 MB file retained 7 MB more). Items are collected here and copied out.
 */
const COLLECTED: unknown[] = [];

function takeCollected<T>(n: number): T[] {
  const c = COLLECTED as T[];
  // Literals for the usual few items: a call of `slice` cost more than the items (~0.5 ms of the 10k-line file).
  let list: T[];
  if (n === 0) list = [];
  else if (n === 1) list = [c[0]];
  else if (n === 2) list = [c[0], c[1]];
  else if (n === 3) list = [c[0], c[1], c[2]];
  else list = c.slice(0, n);
  // The items must not outlive their tree here (a word's text keeps the whole document's text alive).
  for (let i = 0; i < n; i++) c[i] = undefined as T;
  return list;
}

/**
 * The words between runs of blanks; quotes mean nothing here (FROM, EXPOSE, and the shell form of COPY/ADD/VOLUME).
 * Made straight into words, without a list of spans first.
 */
function blankSeparatedWords(logical: LogicalLine, L: string, start: number, end: number): Word[] {
  let n = 0;
  let pos = start;
  while (pos < end) {
    pos = skipBlanks(L, pos, end);
    if (pos >= end) break;
    const wordStart = pos;
    while (pos < end && !isAsciiBlank(L.charCodeAt(pos))) pos++;
    COLLECTED[n++] = wordAt(logical, wordStart, pos);
  }
  return takeCollected(n);
}

function toFlag(L: string, s: Span, text: string, logical: LogicalLine): Flag {
  const body = text.slice(2);
  const eq = body.indexOf("=");
  const name = eq === -1 ? body : body.slice(0, eq);
  const rawEq = L.indexOf("=", s.start);
  const hasRawEq = rawEq !== -1 && rawEq < s.end;
  const nameEnd = hasRawEq ? rawEq : s.end;
  const valueStart = hasRawEq ? rawEq + 1 : s.end;
  return new FlagNode(
    text,
    name,
    eq === -1 ? undefined : body.slice(eq + 1),
    logical.startOf(s.start, s.end),
    logical.endOf(s.start, s.end),
    logical.startOf(s.start + 2, nameEnd),
    logical.endOf(s.start + 2, nameEnd),
    eq === -1 ? -1 : logical.startOf(valueStart, s.end),
    eq === -1 ? -1 : logical.endOf(valueStart, s.end),
  );
}

/** Exec form when the text is a valid JSON array; a JSON array with a non-string element is a hard error. */
function commandForm(
  ctx: BuildContext,
  logical: LogicalLine,
  /** `logical.text`, cut once by the caller. */
  L: string,
  start: number,
  end: number,
  /** The text and source offsets of `L[start:end]` when the caller already has them. */
  wholeText?: string,
  wholeStart?: number,
  wholeEnd?: number,
): CommandForm | undefined {
  if (start >= end) return undefined;
  if (L.charCodeAt(start) === 91) {
    const json = parseJsonArray(L, start, end);
    if (json.ok) {
      const elements = json.elements.map((e) => ({
        value: e.type === "string" ? e.value : undefined,
        jsonType: e.type,
        span: logical.span(e.span.start, e.span.end),
      }));
      for (const e of elements) {
        if (e.value === undefined) {
          problem(
            ctx,
            "json-not-string",
            `a JSON array here may only hold strings, not ${e.jsonType} values`,
            e.span,
          );
        }
      }
      return { kind: "exec", elements, span: logical.span(start, end) };
    }
    const at = Math.min(json.offset, end - 1);
    return new ShellFormNode(
      L.slice(start, end),
      start,
      logical.startOf(start, end),
      logical.endOf(start, end),
      {
        message: json.message,
        span: logical.span(at, at + 1),
        singleQuote:
          json.singleQuote !== undefined ? logical.span(json.singleQuote, json.singleQuote + 1) : undefined,
      },
    );
  }
  if (wholeText !== undefined && wholeStart !== undefined && wholeEnd !== undefined) {
    return new ShellFormNode(wholeText, start, wholeStart, wholeEnd, undefined);
  }
  return new ShellFormNode(
    L.slice(start, end),
    start,
    logical.startOf(start, end),
    logical.endOf(start, end),
    undefined,
  );
}

function argDeclaration(L: string, s: Span, logical: LogicalLine): ArgDeclaration {
  const text = L.slice(s.start, s.end);
  const eq = text.indexOf("=");
  if (eq === -1)
    return { name: text, nameSpan: logical.span(s.start, s.end), span: logical.span(s.start, s.end) };
  const at = eq === 0 ? logical.span(s.start, s.start + 1).start : -1;
  return {
    name: text.slice(0, eq),
    nameSpan: eq === 0 ? { start: at, end: at } : logical.span(s.start, s.start + eq),
    defaultValue: text.slice(eq + 1),
    defaultSpan: logical.span(s.start + eq + 1, s.end),
    span: logical.span(s.start, s.end),
  };
}

/** ENV and LABEL: `key=value ...`, or the legacy `key value` where everything after the key is the value. */
function keyValues(
  ctx: BuildContext,
  logical: LogicalLine,
  /** `logical.text`, cut once by the caller. */
  L: string,
  start: number,
  end: number,
  keyword: string,
  keywordSpan: Span,
): KeyValue[] {
  const words = splitQuotedWords(L, start, end, ctx.escapeChar);
  if (words.length === 0) {
    problem(ctx, "missing-arguments", `${keyword} needs at least one key and value`, keywordSpan);
    return [];
  }
  const firstText = L.slice(words[0].start, words[0].end);
  if (!firstText.includes("=")) {
    let keyEnd = start;
    while (keyEnd < end && !isAsciiBlank(L.charCodeAt(keyEnd))) keyEnd++;
    const valueStart = skipBlanks(L, keyEnd, end);
    if (valueStart >= end) {
      problem(
        ctx,
        "missing-value",
        `${keyword} ${L.slice(start, keyEnd)} has no value: write ${keyword} key=value`,
        logical.span(start, keyEnd),
      );
      return [];
    }
    return [
      {
        key: L.slice(start, keyEnd),
        keySpan: logical.span(start, keyEnd),
        value: L.slice(valueStart, end),
        valueSpan: logical.span(valueStart, end),
        span: logical.span(start, end),
        legacy: true,
      },
    ];
  }
  let n = 0;
  for (const w of words) {
    const text = L.slice(w.start, w.end);
    const eq = text.indexOf("=");
    if (eq === -1) {
      problem(
        ctx,
        "missing-equals",
        `'${text}' has no '=': ${keyword} expects key=value pairs`,
        logical.span(w.start, w.end),
      );
      continue;
    }
    const pair: KeyValue = {
      key: text.slice(0, eq),
      keySpan: logical.span(w.start, w.start + eq, "before-next"),
      value: text.slice(eq + 1),
      valueSpan: logical.span(w.start + eq + 1, w.end),
      span: logical.span(w.start, w.end),
      legacy: false,
    };
    COLLECTED[n++] = pair;
  }
  return takeCollected(n);
}

/** Options of `scanVariables`, one object per escape character instead of one per call. */
const SCAN_BACKSLASH = { escapeChar: "\\" } as const;
const SCAN_BACKTICK = { escapeChar: "`" } as const;

function variablesOf(
  ctx: BuildContext,
  instruction: Instruction,
  logical: LogicalLine,
  /** `logical.text`, cut once by the caller. */
  L: string,
  kwEnd: number,
  argsStart: number,
  end: number,
): VariableReference[] {
  // Every range scanned below lies in the instruction's text after its keyword: without a `$` there, no list is
  // made (most instructions).
  const dollar = L.indexOf("$", kwEnd);
  if (dollar === -1 || dollar >= end) return NO_VARIABLES;
  let n = 0;
  const kw = instruction.keyword;
  // Docker expands flag values (`--platform=$BUILDPLATFORM`, `--from=$stage`) on every instruction.
  if (instruction.known && kw !== "ONBUILD" && instruction.flags.length > 0) {
    n = collectVariables(n, logical, L, kwEnd, argsStart, "docker", ctx.escapeChar);
  }
  if (DOCKER_EXPANDS.has(kw)) {
    let upto = end;
    if (kw === "FROM") {
      // The stage name after AS is not expanded. `words` are FROM's blank-separated words.
      const words = instruction.words;
      if (words.length >= 3 && words[1].text.length === 2 && words[1].text.toUpperCase() === "AS") {
        let p = skipBlanks(L, argsStart, end);
        while (p < end && !isAsciiBlank(L.charCodeAt(p))) p++;
        upto = skipBlanks(L, p, end);
      }
    }
    n = collectVariables(n, logical, L, argsStart, upto, "docker", ctx.escapeChar);
  } else if (
    (SHELL_COMMANDS.has(kw) || kw === "HEALTHCHECK") &&
    instruction.form !== undefined &&
    instruction.form.kind === "shell"
  ) {
    n = collectVariables(n, logical, L, argsStart, end, "shell", "\\");
  }
  return n > 0 ? takeCollected(n) : NO_VARIABLES;
}

/** Collects the references in `L[from:to]`, expanded by Docker or by the shell, after the `n` collected; returns
 * the new count. */
function collectVariables(
  n: number,
  logical: LogicalLine,
  /** `logical.text`, cut once by the caller. */
  L: string,
  from: number,
  to: number,
  expandedBy: "docker" | "shell",
  escapeChar: "\\" | "`",
): number {
  const dollar = L.indexOf("$", from);
  if (dollar === -1 || dollar >= to) return n;
  for (const r of scanVariables(L.slice(from, to), escapeChar === "`" ? SCAN_BACKTICK : SCAN_BACKSLASH)) {
    const word = r.word;
    COLLECTED[n++] = new VariableNode(
      r.name,
      r.modifier,
      expandedBy,
      logical.startOf(from + r.start, from + r.end),
      logical.endOf(from + r.start, from + r.end),
      logical.startOf(from + r.nameStart, from + r.nameEnd),
      logical.endOf(from + r.nameStart, from + r.nameEnd),
      word ? logical.startOf(from + word.start, from + word.end) : -1,
      word ? logical.endOf(from + word.start, from + word.end) : -1,
    );
  }
  return n;
}
