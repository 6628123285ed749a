import type { IToken } from "chevrotain";
import type {
  ArgDeclaration,
  CommandForm,
  CommentNode,
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
import { heredocMarkersOfLine, kindOf, tokenize, toToken } from "./lexer.js";
import { buildLogicalLine, type LogicalLine, type Token, type TokenKind } from "./logical.js";
import { type InstructionTokens, parseTokens } from "./parser.js";
import { scanVariables } from "./shell.js";
import { LineIndex, type Span } from "./text.js";
import {
  extractFlags,
  isAsciiBlank,
  isUnicodeSpace,
  skipBlanks,
  splitOnBlanks,
  splitQuotedWords,
} from "./words.js";

const KNOWN = new Set<string>(INSTRUCTIONS);

// Shared empty lists for the common case; the tree is built once and not changed afterwards.
// Frozen, so a stray push fails loudly in tests instead of leaking into every instruction.
const NO_WORDS = Object.freeze([]) as unknown as Word[];
const NO_HEREDOCS = Object.freeze([]) as unknown as Heredoc[];
const NO_COMMENTS = Object.freeze([]) as unknown as CommentNode[];
const NO_SPANS = Object.freeze([]) as unknown as Span[];
const NO_VARIABLES = Object.freeze([]) as unknown as VariableReference[];

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
  const raw = tokenize(text, scan.escapeChar);
  const file = parseTokens(raw);
  const directiveStarts = new Set(scan.directives.concat(scan.duplicates).map((d) => d.span.start));
  const comments: CommentNode[] = [];
  for (const c of file.comments) {
    const t = toToken(c);
    if (t.end <= scan.end && isDirectiveLine(text, t, directiveStarts)) continue;
    comments.push(commentNode(text, t));
  }
  const ctx: BuildContext = { text, escapeChar: scan.escapeChar, errors, raw };
  const instructions = file.instructions.map((it) => buildInstruction(ctx, it));
  if (instructions.length === 0) {
    errors.push({
      code: "no-instructions",
      message: "the file has no instructions",
      span: { start: 0, end: text.length },
    });
  }
  // Tokens are kept compact and turned into objects only when a tool asks for them: most never do, and a large
  // file has tens of thousands of them.
  const kinds: TokenKind[] = new Array(raw.length);
  const starts = new Int32Array(raw.length);
  for (let i = 0; i < raw.length; i++) {
    kinds[i] = kindOf(raw[i]);
    starts[i] = raw[i].startOffset;
  }
  let tokens: Token[] | undefined;
  return {
    text,
    lines,
    get tokens(): Token[] {
      tokens ??= kinds.map((kind, i) => ({
        kind,
        start: starts[i],
        end: i + 1 < starts.length ? starts[i + 1] : text.length,
      }));
      return tokens;
    },
    escapeChar: scan.escapeChar,
    bom: text.charCodeAt(0) === 0xfeff,
    directives: scan.directives,
    comments,
    instructions,
    errors,
  };
}

function isDirectiveLine(text: string, t: Token, starts: Set<number>): boolean {
  let lineStart = t.start;
  while (lineStart > 0 && text.charCodeAt(lineStart - 1) !== 10) lineStart--;
  return starts.has(lineStart) || starts.has(t.start);
}

function commentNode(text: string, t: Token): CommentNode {
  return { text: text.slice(t.start + 1, t.end), span: { start: t.start, end: t.end } };
}

interface BuildContext {
  text: string;
  escapeChar: "\\" | "`";
  errors: SyntaxProblem[];
  raw: IToken[];
}

/** Index of the token starting at `offset`. */
function tokenIndex(tokens: IToken[], offset: number): number {
  let lo = 0;
  let hi = tokens.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid].startOffset < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function buildInstruction(ctx: BuildContext, it: InstructionTokens): Instruction {
  const firstIndex = tokenIndex(ctx.raw, it.first.startOffset);
  const lastIndex = tokenIndex(ctx.raw, it.last.startOffset);
  const lineTokens: Token[] = [];
  for (let i = firstIndex; i <= lastIndex; i++) lineTokens.push(toToken(ctx.raw[i]));
  const heredocTokens = it.lastHeredoc
    ? ctx.raw.slice(lastIndex + 1, tokenIndex(ctx.raw, it.lastHeredoc.startOffset) + 1).map(toToken)
    : [];
  const logical = buildLogicalLine(ctx.text, lineTokens);
  const L = logical.text;
  const first = lineTokens[0];
  const lastContent = lastContentToken(lineTokens);
  const span: Span = { start: first.start, end: lastContent };
  const instruction = instructionAt(ctx, logical, skipSpaces(L, 0), trimSpacesEnd(L), 0);
  instruction.span = span;
  if (lineTokens.length > 1) {
    const { comments, empty } = continuationTrivia(ctx.text, lineTokens);
    if (comments.length > 0) instruction.comments = comments;
    if (empty.length > 0) instruction.emptyContinuationLines = empty;
  }
  const heredocs = attachHeredocs(ctx, logical, heredocTokens);
  const holder = instruction.trigger ?? instruction;
  holder.heredocs = heredocs;
  instruction.heredocs = heredocs;
  const bodyRefs = heredocVariables(ctx.text, holder.keyword, heredocs);
  if (bodyRefs.length > 0) holder.variables = [...holder.variables, ...bodyRefs];
  let fullEnd = span.end;
  for (const h of heredocs) fullEnd = Math.max(fullEnd, h.body.end, h.terminator?.end ?? 0);
  instruction.fullSpan = { start: span.start, end: fullEnd };
  if (instruction.trigger) {
    instruction.trigger.span = { start: instruction.trigger.keywordSpan.start, end: span.end };
    instruction.trigger.fullSpan = { start: instruction.trigger.keywordSpan.start, end: fullEnd };
  }
  return instruction;
}

/** Where the instruction's lines end: comment and blank lines inside a trailing continuation count (BuildKit
 * includes them in the instruction's end line), the final newline does not. */
function lastContentToken(tokens: Token[]): number {
  for (let i = tokens.length - 1; i >= 0; i--) {
    const k = tokens[i].kind;
    if (k === "EndOfInstruction") continue;
    // A newline inside the continuation ends a blank or comment line that still belongs to the instruction.
    if (k === "Newline") return tokens[i].start;
    return k === "Continuation" ? tokens[i].start + 1 : tokens[i].end;
  }
  return tokens[0].end;
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
      refs.push({
        name: r.name,
        span: { start: base + r.start, end: base + r.end },
        nameSpan: { start: base + r.nameStart, end: base + r.nameEnd },
        modifier: r.modifier,
        wordSpan: r.word ? { start: base + r.word.start, end: base + r.word.end } : undefined,
        expandedBy,
      });
    }
  }
  return refs;
}

/** Comment lines and blank lines inside an instruction's continuation. */
function continuationTrivia(text: string, tokens: Token[]): { comments: CommentNode[]; empty: Span[] } {
  const comments: CommentNode[] = [];
  const empty: Span[] = [];
  let lineStart = -1;
  let lineHasOther = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (lineStart < 0) {
      lineStart = t.start;
      lineHasOther = false;
    }
    if (t.kind === "Comment") {
      comments.push(commentNode(text, t));
      lineHasOther = true;
    } else if (t.kind === "Text") {
      lineHasOther = true;
    } else if (t.kind === "Continuation") {
      lineStart = -1;
    } else if (t.kind === "Newline") {
      if (!lineHasOther && i > 0) empty.push({ start: lineStart, end: t.start });
      lineStart = -1;
    }
  }
  return { comments, empty };
}

function attachHeredocs(ctx: BuildContext, logical: LogicalLine, tokens: Token[]): Heredoc[] {
  if (tokens.length === 0 && !logical.text.includes("<<")) return NO_HEREDOCS;
  const markers = heredocMarkersOfLine(logical.text);
  if (markers.length === 0) return NO_HEREDOCS;
  const out: Heredoc[] = [];
  let ti = 0;
  for (const m of markers) {
    const marker = { ...m, span: logical.span(m.span.start, m.span.end) };
    let body: Span | undefined;
    let terminator: Span | undefined;
    while (ti < tokens.length) {
      const t = tokens[ti];
      if (t.kind === "HeredocBody" && !body) {
        body = { start: t.start, end: t.end };
        ti++;
      } else if (t.kind === "HeredocEnd") {
        terminator = { start: t.start, end: t.end };
        ti++;
        break;
      } else if (t.kind === "Newline" || t.kind === "EndOfInstruction") {
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

function emptySpan(at: number): Span {
  return { start: at, end: at };
}

/**
 * Builds an instruction from the logical text `L[start:end]` (trimmed). ONBUILD calls this again for its trigger.
 */
function instructionAt(
  ctx: BuildContext,
  logical: LogicalLine,
  start: number,
  end: number,
  depth: number,
): Instruction {
  const L = logical.text;
  let kwEnd = start;
  while (kwEnd < end && !isAsciiBlank(L.charCodeAt(kwEnd))) kwEnd++;
  const keyword = L.slice(start, kwEnd).toUpperCase();
  const keywordSpan = logical.span(start, kwEnd);
  const { flags: rawFlags, rest: flagsEnd } = extractFlags(L, kwEnd, end);
  const argsStart = skipBlanks(L, flagsEnd, end);
  const args = L.slice(argsStart, end);
  const map = (s: number, e: number): Span => logical.span(s, e);
  const flags: Flag[] = rawFlags.map((f) => toFlag(L, f.span, f.text, map));
  const span = map(start, end);
  // Every field is present from the start (optional ones as undefined), so all instructions share one object shape.
  const instruction: Instruction = {
    keyword,
    keywordSpan,
    known: KNOWN.has(keyword),
    span,
    fullSpan: span,
    logical,
    flags,
    args,
    argsSpan: argsStart < end ? map(argsStart, end) : emptySpan(span.end),
    words: NO_WORDS,
    form: undefined,
    heredocs: NO_HEREDOCS,
    pairs: undefined,
    declarations: undefined,
    trigger: undefined,
    parentOnbuild: undefined,
    comments: NO_COMMENTS,
    emptyContinuationLines: NO_SPANS,
    variables: NO_VARIABLES,
  };
  const word = (s: Span): Word => ({ text: L.slice(s.start, s.end), span: map(s.start, s.end) });
  const problem = (code: SyntaxProblem["code"], message: string, span: Span) =>
    ctx.errors.push({ code, message, span });

  switch (keyword) {
    case "FROM":
    case "EXPOSE":
      instruction.words = splitOnBlanks(L, argsStart, end).map(word);
      break;
    case "ADD":
    case "COPY":
    case "VOLUME": {
      const form = commandForm(logical, argsStart, end, problem);
      if (form) instruction.form = form;
      if (form?.kind !== "exec") instruction.words = splitOnBlanks(L, argsStart, end).map(word);
      break;
    }
    case "RUN":
    case "CMD":
    case "ENTRYPOINT":
    case "SHELL": {
      const form = commandForm(logical, argsStart, end, problem);
      if (form) instruction.form = form;
      if (form?.kind === "shell") instruction.words = [word({ start: argsStart, end })];
      break;
    }
    case "HEALTHCHECK": {
      let sep = argsStart;
      while (sep < end && !isUnicodeSpace(L.charCodeAt(sep))) sep++;
      if (sep > argsStart) {
        instruction.words = [word({ start: argsStart, end: sep })];
        let next = sep;
        while (next < end && isUnicodeSpace(L.charCodeAt(next))) next++;
        const form = commandForm(logical, next, end, problem);
        if (form) {
          instruction.form = form;
          if (form.kind === "shell") instruction.words.push(word({ start: next, end }));
        }
      }
      break;
    }
    case "MAINTAINER":
    case "USER":
    case "WORKDIR":
    case "STOPSIGNAL":
      if (argsStart < end) instruction.words = [word({ start: argsStart, end })];
      break;
    case "ARG": {
      const spans = splitQuotedWords(L, argsStart, end, ctx.escapeChar);
      instruction.words = spans.map(word);
      instruction.declarations = spans.map((s) => argDeclaration(L, s, map));
      break;
    }
    case "ENV":
    case "LABEL":
      instruction.pairs = keyValues(
        ctx,
        L,
        argsStart,
        end,
        keyword,
        map,
        problem,
        instruction.keywordSpan,
        (s, e, a) => logical.span(s, e, a),
      );
      break;
    case "ONBUILD":
      if (argsStart < end && depth < MAX_TRIGGER_DEPTH) {
        const trigger = instructionAt(ctx, logical, argsStart, end, depth + 1);
        trigger.parentOnbuild = instruction;
        instruction.trigger = trigger;
      } else if (argsStart >= end) {
        problem("onbuild-missing-trigger", "ONBUILD needs an instruction to run later", keywordSpan);
      }
      break;
    default:
      if (!instruction.known) {
        problem("unknown-instruction", `unknown instruction '${L.slice(start, kwEnd)}'`, keywordSpan);
      }
  }
  instruction.variables = variablesOf(ctx, instruction, logical, kwEnd, argsStart, end);
  return instruction;
}

function toFlag(L: string, s: Span, text: string, map: (s: number, e: number) => Span): Flag {
  const body = text.slice(2);
  const eq = body.indexOf("=");
  const name = eq === -1 ? body : body.slice(0, eq);
  const rawEq = L.indexOf("=", s.start);
  const hasRawEq = rawEq !== -1 && rawEq < s.end;
  const flag: Flag = {
    text,
    name,
    span: map(s.start, s.end),
    nameSpan: map(s.start + 2, hasRawEq ? rawEq : s.end),
  };
  if (eq !== -1) {
    flag.value = body.slice(eq + 1);
    flag.valueSpan = hasRawEq ? map(rawEq + 1, s.end) : map(s.end, s.end);
  }
  return flag;
}

/** Exec form when the text is a valid JSON array; a JSON array with a non-string element is a hard error. */
function commandForm(
  logical: LogicalLine,
  start: number,
  end: number,
  problem: (code: SyntaxProblem["code"], message: string, span: Span) => void,
): CommandForm | undefined {
  const L = logical.text;
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
            "json-not-string",
            `a JSON array here may only hold strings, not ${e.jsonType} values`,
            e.span,
          );
        }
      }
      return { kind: "exec", elements, span: logical.span(start, end) };
    }
    const at = Math.min(json.offset, end - 1);
    return {
      kind: "shell",
      text: L.slice(start, end),
      logicalStart: start,
      span: logical.span(start, end),
      notJson: {
        message: json.message,
        span: logical.span(at, at + 1),
        singleQuote:
          json.singleQuote !== undefined ? logical.span(json.singleQuote, json.singleQuote + 1) : undefined,
      },
    };
  }
  return { kind: "shell", text: L.slice(start, end), logicalStart: start, span: logical.span(start, end) };
}

function argDeclaration(L: string, s: Span, map: (s: number, e: number) => Span): ArgDeclaration {
  const text = L.slice(s.start, s.end);
  const eq = text.indexOf("=");
  if (eq === -1) return { name: text, nameSpan: map(s.start, s.end), span: map(s.start, s.end) };
  return {
    name: text.slice(0, eq),
    nameSpan:
      eq === 0
        ? { start: map(s.start, s.start + 1).start, end: map(s.start, s.start + 1).start }
        : map(s.start, s.start + eq),
    defaultValue: text.slice(eq + 1),
    defaultSpan: map(s.start + eq + 1, s.end),
    span: map(s.start, s.end),
  };
}

/** ENV and LABEL: `key=value ...`, or the legacy `key value` where everything after the key is the value. */
function keyValues(
  ctx: BuildContext,
  L: string,
  start: number,
  end: number,
  keyword: string,
  map: (s: number, e: number) => Span,
  problem: (code: SyntaxProblem["code"], message: string, span: Span) => void,
  keywordSpan: Span,
  logicalSpan: LogicalLine["span"],
): KeyValue[] {
  const words = splitQuotedWords(L, start, end, ctx.escapeChar);
  if (words.length === 0) {
    problem("missing-arguments", `${keyword} needs at least one key and value`, keywordSpan);
    return [];
  }
  const firstText = L.slice(words[0].start, words[0].end);
  if (!firstText.includes("=")) {
    let keyEnd = start;
    while (keyEnd < end && !isAsciiBlank(L.charCodeAt(keyEnd))) keyEnd++;
    const valueStart = skipBlanks(L, keyEnd, end);
    if (valueStart >= end) {
      problem(
        "missing-value",
        `${keyword} ${L.slice(start, keyEnd)} has no value: write ${keyword} key=value`,
        map(start, keyEnd),
      );
      return [];
    }
    return [
      {
        key: L.slice(start, keyEnd),
        keySpan: map(start, keyEnd),
        value: L.slice(valueStart, end),
        valueSpan: map(valueStart, end),
        span: map(start, end),
        legacy: true,
      },
    ];
  }
  const pairs: KeyValue[] = [];
  for (const w of words) {
    const text = L.slice(w.start, w.end);
    const eq = text.indexOf("=");
    if (eq === -1) {
      problem(
        "missing-equals",
        `'${text}' has no '=': ${keyword} expects key=value pairs`,
        map(w.start, w.end),
      );
      continue;
    }
    pairs.push({
      key: text.slice(0, eq),
      keySpan: logicalSpan(w.start, w.start + eq, "before-next"),
      value: text.slice(eq + 1),
      valueSpan: map(w.start + eq + 1, w.end),
      span: map(w.start, w.end),
      legacy: false,
    });
  }
  return pairs;
}

function variablesOf(
  ctx: BuildContext,
  instruction: Instruction,
  logical: LogicalLine,
  kwEnd: number,
  argsStart: number,
  end: number,
): VariableReference[] {
  const refs: VariableReference[] = [];
  const L = logical.text;
  const collect = (from: number, to: number, expandedBy: "docker" | "shell", escapeChar: "\\" | "`") => {
    if (L.indexOf("$", from) === -1 || L.indexOf("$", from) >= to) return;
    for (const r of scanVariables(L.slice(from, to), { escapeChar })) {
      refs.push({
        name: r.name,
        span: logical.span(from + r.start, from + r.end),
        nameSpan: logical.span(from + r.nameStart, from + r.nameEnd),
        modifier: r.modifier,
        wordSpan: r.word ? logical.span(from + r.word.start, from + r.word.end) : undefined,
        expandedBy,
      });
    }
  };
  const kw = instruction.keyword;
  // Docker expands flag values (`--platform=$BUILDPLATFORM`, `--from=$stage`) on every instruction.
  if (instruction.known && kw !== "ONBUILD" && instruction.flags.length > 0) {
    collect(kwEnd, argsStart, "docker", ctx.escapeChar);
  }
  if (DOCKER_EXPANDS.has(kw)) {
    if (kw === "FROM") {
      // The stage name after AS is not expanded.
      const words = splitOnBlanks(L, argsStart, end);
      const upto =
        words.length >= 3 && L.slice(words[1].start, words[1].end).toUpperCase() === "AS"
          ? words[1].start
          : end;
      collect(argsStart, upto, "docker", ctx.escapeChar);
    } else {
      collect(argsStart, end, "docker", ctx.escapeChar);
    }
  } else if (SHELL_COMMANDS.has(kw) && instruction.form?.kind === "shell") {
    collect(argsStart, end, "shell", "\\");
  } else if (kw === "HEALTHCHECK" && instruction.form?.kind === "shell") {
    collect(argsStart, end, "shell", "\\");
  }
  return refs;
}
