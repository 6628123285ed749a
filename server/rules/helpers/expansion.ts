/**
 * The text Docker itself expands (`$VAR`, quotes, escapes) before it uses an instruction's arguments, and what that
 * expansion makes of it: errors that fail the build, and values where the file alone decides them.
 */
import type { DockerfileAst, Flag, Instruction, Span } from "../../../grammar/index.js";
import { expandWord, ShellError, scanVariables } from "../../../grammar/shell.js";
import { readCsvRecord } from "../../model/csv.js";
import { astFact, type DockerfileModel, factKey } from "../../model/model.js";
import { wordValue, wordValues } from "../../model/wordValues.js";
import { flagValueStart } from "./flags.js";

/** One piece of text Docker expands as a unit. */
export interface DockerWord {
  /** As Docker hands it to the expander: quotes and escapes still in (flag values have their flag quoting removed). */
  text: string;
  span: Span;
  /** Source span of `text[start:end]`; absent when the text does not map onto the source character by character. */
  map?: (start: number, end: number) => Span;
  /** Words of one group (the key and value of an ENV pair) fail together: only the first error counts. */
  group?: number;
}

/** Span of `word.text[start:end]`, or the whole word when the two do not map one to one. */
export function spanInWord(word: DockerWord, start: number, end: number): Span {
  return word.map ? word.map(start, end) : word.span;
}

/**
 * A word of an instruction's logical line (continuations joined), which can be mapped back piece by piece even when
 * it spans several source lines.
 */
export function logicalWord(
  instruction: Instruction,
  word: { text: string; span: Span },
  group?: number,
): DockerWord {
  return new LogicalWord(instruction, word.text, word.span, group);
}

/**
 * Where the word is in the logical line is looked up when a span inside it is asked for: expansionProblems makes a
 * word of every ENV, LABEL, ARG, COPY ... argument and reports on almost none (the lookup was a third of its time).
 */
class LogicalWord implements DockerWord {
  private mapped = false;
  private mapping: ((start: number, end: number) => Span) | undefined = undefined;

  constructor(
    private readonly instruction: Instruction,
    readonly text: string,
    readonly span: Span,
    readonly group: number | undefined,
  ) {}

  get map(): ((start: number, end: number) => Span) | undefined {
    if (!this.mapped) {
      this.mapped = true;
      this.mapping = this.findMapping();
    }
    return this.mapping;
  }

  private findMapping(): ((start: number, end: number) => Span) | undefined {
    const logical = this.instruction.logical;
    const L = logical.text;
    const text = this.text;
    const start = this.span.start;
    // Logical offsets map to source offsets in increasing order, so the word's start can be searched for.
    let lo = 0;
    let hi = L.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (logical.toSource(mid) < start) lo = mid + 1;
      else hi = mid;
    }
    if (text.length === 0 || !L.startsWith(text, lo) || logical.toSource(lo) !== start) return undefined;
    return (s, e) => logical.span(lo + s, lo + e);
  }
}

function offsetWord(text: string, span: Span, sourceStart: number | undefined): DockerWord {
  if (sourceStart === undefined) return { text, span };
  return { text, span, map: (start, end) => ({ start: sourceStart + start, end: sourceStart + end }) };
}

const EXPANDED_FLAGS: Readonly<Record<string, readonly string[]>> = {
  FROM: ["platform"],
  COPY: ["chown", "chmod"],
  ADD: ["chown", "chmod", "checksum"],
};

/**
 * The words of an instruction that BuildKit expands itself, each as the expander sees it: ENV/LABEL keys and values,
 * ARG names and defaults, the FROM image, COPY/ADD sources and destination, EXPOSE ports, VOLUME paths, the USER,
 * WORKDIR and STOPSIGNAL argument, and the values of `--platform`, `--chown`, `--chmod`, `--checksum` and of each
 * `RUN --mount` option. RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK and MAINTAINER are not expanded by Docker.
 */
export function dockerExpandedWords(ast: DockerfileAst, instruction: Instruction): DockerWord[] {
  const out: DockerWord[] = [];
  const kw = instruction.keyword;
  for (let flagIndex = 0; flagIndex < instruction.flags.length; flagIndex++) {
    const flag = instruction.flags[flagIndex];
    if (flag.value === undefined) continue;
    if (EXPANDED_FLAGS[kw]?.includes(flag.name)) out.push(flagWord(ast, flag, 0, flag.value.length));
    else if (kw === "RUN" && flag.name === "mount") out.push(...mountWords(ast, flag));
  }
  ARGUMENT_WORDS.get(kw)?.(ast, instruction, out);
  return out;
}

type ArgumentWords = (ast: DockerfileAst, instruction: Instruction, out: DockerWord[]) => void;

function pairWords(_ast: DockerfileAst, instruction: Instruction, out: DockerWord[]): void {
  (instruction.pairs ?? []).forEach((p, i) => {
    out.push(
      logicalWord(instruction, { text: p.key, span: p.keySpan }, i),
      logicalWord(instruction, { text: p.value, span: p.valueSpan }, i),
    );
  });
}

function pathWords(ast: DockerfileAst, instruction: Instruction, out: DockerWord[]): void {
  const markers = new Set(instruction.heredocs.map((h) => h.marker.span.start));
  if (instruction.form?.kind === "exec") {
    for (let elementIndex = 0; elementIndex < instruction.form.elements.length; elementIndex++) {
      const e = instruction.form.elements[elementIndex];
      if (e.value === undefined) continue;
      const plain = JSON.stringify(e.value) === ast.text.slice(e.span.start, e.span.end);
      out.push(offsetWord(e.value, e.span, plain ? e.span.start + 1 : undefined));
    }
  } else {
    // A quote opened in one word and closed in the next (`COPY "a b" /x/`) is one mistake, so they form a group.
    for (let wordIndex = 0; wordIndex < instruction.words.length; wordIndex++) {
      const w = instruction.words[wordIndex];
      if (!markers.has(w.span.start)) out.push(logicalWord(instruction, w, 0));
    }
  }
}

function everyWord(_ast: DockerfileAst, instruction: Instruction, out: DockerWord[]): void {
  for (const w of instruction.words) out.push(logicalWord(instruction, w));
}

/**
 * The instructions whose arguments Docker expands, and their words: the one list both {@link dockerExpandedWords}
 * and {@link mayFail} read, so that they cannot disagree about which instructions are expanded.
 */
const ARGUMENT_WORDS: ReadonlyMap<string, ArgumentWords> = new Map<string, ArgumentWords>([
  ["ENV", pairWords],
  ["LABEL", pairWords],
  [
    "ARG",
    (_ast, instruction, out) => {
      (instruction.declarations ?? []).forEach((d, i) => {
        out.push(logicalWord(instruction, { text: d.name, span: d.nameSpan }, i));
        if (d.defaultValue !== undefined && d.defaultSpan) {
          out.push(logicalWord(instruction, { text: d.defaultValue, span: d.defaultSpan }, i));
        }
      });
    },
  ],
  [
    "FROM",
    // The stage name after AS is taken literally.
    (_ast, instruction, out) => {
      if (instruction.words[0]) out.push(logicalWord(instruction, instruction.words[0]));
    },
  ],
  ["COPY", pathWords],
  ["ADD", pathWords],
  ["VOLUME", pathWords],
  ["EXPOSE", everyWord],
  ["USER", everyWord],
  ["WORKDIR", everyWord],
  ["STOPSIGNAL", everyWord],
]);

function flagWord(ast: DockerfileAst, flag: Flag, start: number, end: number): DockerWord {
  const text = (flag.value ?? "").slice(start, end);
  const base = flagValueStart(ast, flag);
  if (base === undefined) return { text, span: flag.valueSpan ?? flag.span };
  return offsetWord(text, { start: base + start, end: base + end }, base + start);
}

/** Each `key=value` option of a mount has its value expanded on its own (after CSV unquoting). */
function mountWords(ast: DockerfileAst, flag: Flag): DockerWord[] {
  const out: DockerWord[] = [];
  const { fields, validCount } = readCsvRecord(flag.value ?? "");
  // Past a CSV error BuildKit reads no further, so neither do we.
  for (const f of fields.slice(0, validCount)) {
    const eq = f.text.indexOf("=");
    if (eq < 0) continue;
    if (f.quoted) {
      out.push({ text: f.text.slice(eq + 1), span: flagWord(ast, flag, f.start, f.end).span });
    } else {
      out.push(flagWord(ast, flag, f.start + eq + 1, f.end));
    }
  }
  return out;
}

export interface ExpansionProblem {
  /** `quote`: a quote that is never closed; `substitution`: a malformed `${...}`. */
  kind: "quote" | "substitution";
  span: Span;
  message: string;
  /** For an unsupported modifier: the modifier character at `span`, when the span is exactly that character. */
  modifier?: string;
}

/** An environment in which every variable is set and non-empty, so only the syntax can fail (not `${x:?}`). */
class EverythingSet extends Map<string, string> {
  override get(_name: string): string {
    return "x";
  }
  override has(_name: string): boolean {
    return true;
  }
}
const EVERYTHING_SET = new EverythingSet();

/** The expander fails only on a quote left open or on a `${...}` (a `$NAME` is read whatever follows). */
const MAY_FAIL = /['"]|\$\{/;
/**
 * Words with no escape character, whose quotes are closed and whose every `${` is a plain `${NAME}`: the expander
 * reads these without fail, so they are not run through it (most `${` and quotes in the corpus are such; of the
 * ~4,000 words over the corpus that hold one, ~3,000 went through the expander while only unquoted words were let
 * by). No word of 2 million random ones over `$ { } ' " \ \` ( :` and letters that this matches makes the expander
 * throw, with either escape character.
 */
const PLAIN_REFERENCES =
  /^(?:[^$'"\\`]|\$(?!\{)|\$\{[A-Za-z_][A-Za-z0-9_]*\}|'[^']*'|"(?:[^$"\\`]|\$(?!\{)|\$\{[A-Za-z_][A-Za-z0-9_]*\})*")*$/;

const PROBLEMS = factKey<Map<Instruction, readonly ExpansionProblem[]>>("expansionProblems");

/** The expansion errors BuildKit would stop the build with, for every word it expands; found once per instruction
 * (DF002 reports the quotes, DF016 the substitutions). Kept per file (astFact), not in a WeakMap on the instruction,
 * which cost a fifth of this. */
export function expansionProblems(ast: DockerfileAst, instruction: Instruction): readonly ExpansionProblem[] {
  // Most instructions cannot fail, and finding that out again is cheaper than keeping it.
  if (!mayFail(ast, instruction)) return NO_PROBLEMS;
  const known = astFact(ast, PROBLEMS, () => new Map());
  let problems = known.get(instruction);
  if (!problems) {
    problems = findExpansionProblems(ast, instruction);
    known.set(instruction, problems);
  }
  return problems;
}

const NO_PROBLEMS: readonly ExpansionProblem[] = [];

/**
 * Whether the instruction's text holds a `$` or a quote, without which no word Docker expands can fail (nor a
 * backslash in JSON, whose `\u0024` is a `$`). Most instructions have neither, and then their words need not be read.
 * With MAY_FAIL below and RUNs without --mount skipped: expansionProblems over the corpus 25 -> 17 ms CPU (best of 20,
 * alternating builds); the rest is the expander run on words with `${`. Then, with the instructions Docker does not
 * expand skipped here, a regex instead of a loop over the characters, quoted words let by (PLAIN_REFERENCES), spans
 * in words looked up lazily (LogicalWord) and no entry kept for an instruction that cannot fail: every instruction
 * asked twice (DF002 and DF016) 16.5 -> 12.1 ms CPU (medians of 18, alternating builds); DF016 and DF002 alone
 * 25 -> 22 ms (the engine's 5 ms without rules taken off).
 */
function mayFail(ast: DockerfileAst, instruction: Instruction): boolean {
  const kw = instruction.keyword;
  // A RUN's own text is the shell's; Docker expands only its --mount options.
  if (kw === "RUN") return instruction.flags.length > 0;
  // CMD, ENTRYPOINT, SHELL, HEALTHCHECK, MAINTAINER, ONBUILD (its trigger is asked about on its own): nothing.
  if (!ARGUMENT_WORDS.has(kw)) return false;
  const text = ast.text.slice(instruction.span.start, instruction.span.end);
  return instruction.form?.kind === "exec"
    ? QUOTE_DOLLAR_OR_BACKSLASH.test(text)
    : QUOTE_OR_DOLLAR.test(text);
}

const QUOTE_OR_DOLLAR = /[$'"]/;
const QUOTE_DOLLAR_OR_BACKSLASH = /[$'"\\]/;

function findExpansionProblems(ast: DockerfileAst, instruction: Instruction): readonly ExpansionProblem[] {
  const problems: ExpansionProblem[] = [];
  const failedGroups = new Set<number>();
  const words = dockerExpandedWords(ast, instruction);
  for (let wordIndex = 0; wordIndex < words.length; wordIndex++) {
    const word = words[wordIndex];
    if (
      !MAY_FAIL.test(word.text) ||
      PLAIN_REFERENCES.test(word.text) ||
      (word.group !== undefined && failedGroups.has(word.group))
    )
      continue;
    try {
      expandWord(word.text, EVERYTHING_SET, { escapeChar: ast.escapeChar });
    } catch (e) {
      if (!(e instanceof ShellError)) throw e;
      problems.push(describe(word, e, ast.escapeChar));
      if (word.group !== undefined) failedGroups.add(word.group);
    }
  }
  return problems;
}

function describe(word: DockerWord, e: ShellError, escapeChar: "\\" | "`"): ExpansionProblem {
  const text = word.text;
  const at = Math.min(e.offset, text.length);
  const toEnd = spanInWord(word, at, text.length);
  if (/single-quote|double-quote/.test(e.message)) {
    const quote = text[at] === "'" ? "'" : '"';
    return {
      kind: "quote",
      span: toEnd,
      message: `the ${quote} here is never closed, so Docker cannot read ${show(text)}`,
    };
  }
  const modifier = /^unsupported modifier \((.*)\) in substitution$/.exec(e.message);
  if (modifier) {
    // `${v:=x}`: BuildKit's modifier is the character after the colon.
    const start = text[at] === ":" ? at + 1 : at;
    const length = (text.codePointAt(start) ?? 0) > 0xffff ? 2 : 1;
    const ref = refText(text, at, escapeChar);
    return {
      kind: "substitution",
      span: spanInWord(word, start, Math.min(start + length, text.length)),
      modifier: word.map ? text.slice(start, start + length) : undefined,
      message: `${ref} uses the modifier '${modifier[1]}', which Docker does not support (use :-, :+, :?, #, ##, %, %%, / or //)`,
    };
  }
  if (e.message.includes("missing '}'")) {
    return { kind: "substitution", span: toEnd, message: `${show(text.slice(at))} is never closed with }` };
  }
  if (e.message.includes("missing '/'")) {
    return {
      kind: "substitution",
      span: toEnd,
      message: `the substitution ${show(text.slice(at))} needs a second / before }`,
    };
  }
  if (e.message.includes("bad substitution")) {
    const close = text.indexOf("}", at);
    const span = spanInWord(word, at, close < 0 ? text.length : close + 1);
    return {
      kind: "substitution",
      span,
      message: `${show(text.slice(at, close < 0 ? undefined : close + 1))} is not a valid variable reference`,
    };
  }
  const ref = scanVariables(text, { escapeChar }).find((r) => r.start === at);
  const span = spanInWord(word, at, ref ? ref.end : text.length);
  return { kind: "substitution", span, message: `${show(text.slice(at, ref?.end))}: ${e.message}` };
}

function refText(text: string, at: number, escapeChar: "\\" | "`"): string {
  let start = text.lastIndexOf("${", at);
  if (start < 0) start = at;
  const ref = scanVariables(text, { escapeChar }).find((r) => r.start === start);
  return show(text.slice(start, ref ? ref.end : text.length));
}

function show(s: string): string {
  return `'${s}'`;
}

export type Resolution = { known: true; values: string[] } | { known: false };

/**
 * What Docker would make of `text` in this instruction using only what the file says (see model/wordValues.ts): the
 * value when every part of it is known. `split` splits the result into words like EXPOSE does.
 */
export function resolve(
  model: DockerfileModel,
  instruction: Instruction,
  text: string,
  split = false,
): Resolution {
  if (split) {
    const words = wordValues(model, instruction, text);
    if (!words || words.some((w) => w.value === undefined)) return { known: false };
    return { known: true, values: words.map((w) => w.value ?? "") };
  }
  const word = wordValue(model, instruction, text);
  return word.value === undefined ? { known: false } : { known: true, values: [word.value] };
}
