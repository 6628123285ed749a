import type { DirectiveMatch } from "./directives.js";
import type { HeredocMarker } from "./heredoc.js";
import type { LogicalLine, Token } from "./logical.js";
import type { LineIndex, Span } from "./text.js";

export type { Span } from "./text.js";

/** Every instruction keyword Docker knows. */
export const INSTRUCTIONS = [
  "ADD",
  "ARG",
  "CMD",
  "COPY",
  "ENTRYPOINT",
  "ENV",
  "EXPOSE",
  "FROM",
  "HEALTHCHECK",
  "LABEL",
  "MAINTAINER",
  "ONBUILD",
  "RUN",
  "SHELL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
] as const;

export type InstructionKeyword = (typeof INSTRUCTIONS)[number];

/** A word of an instruction's arguments. `text` is the logical text (continuations removed, quotes kept). */
export interface Word {
  text: string;
  span: Span;
}

export interface Flag {
  /** The flag as Docker reads it: quotes removed, e.g. `--mount=type=cache,target=/root/.cache`. */
  text: string;
  /** Name without the dashes, e.g. `mount`. */
  name: string;
  /** Value after the first `=`, quotes removed; undefined for a bare `--flag`. */
  value?: string;
  span: Span;
  nameSpan: Span;
  valueSpan?: Span;
}

export interface ExecElement {
  /** Decoded string; undefined when the JSON element is not a string (an error Docker reports). */
  value?: string;
  jsonType: string;
  span: Span;
}

/** `["executable", "arg"]`: a valid JSON array of strings, run without a shell. */
export interface ExecForm {
  kind: "exec";
  elements: ExecElement[];
  span: Span;
}

/** Anything else: the text is handed to the shell. */
export interface ShellForm {
  kind: "shell";
  /** Logical text (continuations joined). */
  text: string;
  /** Offset of `text` in the instruction's logical line. */
  logicalStart: number;
  span: Span;
  /** Set when the text starts with `[` but is not valid JSON, so Docker silently ran it as a shell command. */
  notJson?: { message: string; span: Span; singleQuote?: Span };
}

export type CommandForm = ExecForm | ShellForm;

export interface KeyValue {
  key: string;
  keySpan: Span;
  /** The value as written (quotes and escapes kept); use `unquote` for the value Docker stores. */
  value: string;
  valueSpan: Span;
  span: Span;
  /** `ENV key value` (no `=`): the whole rest of the line is the value. */
  legacy: boolean;
}

export interface ArgDeclaration {
  name: string;
  nameSpan: Span;
  /** Default as written (quotes kept), if any. */
  defaultValue?: string;
  defaultSpan?: Span;
  span: Span;
}

export interface Heredoc {
  marker: HeredocMarker;
  /** Body lines, each with its newline; empty span when the body is empty. */
  body: Span;
  content: string;
  terminator?: Span;
}

export interface CommentNode {
  text: string; // after the `#`
  span: Span;
}

export type Directive = DirectiveMatch;

export interface VariableReference {
  name: string;
  span: Span;
  nameSpan: Span;
  modifier?: string;
  /** Span of the modifier's word (default value, pattern), if any. */
  wordSpan?: Span;
  /** Who expands it: Docker at build time, or the shell inside a RUN/CMD/ENTRYPOINT. */
  expandedBy: "docker" | "shell";
}

export interface Instruction {
  /** Upper-cased keyword as written (unknown keywords too). */
  keyword: string;
  keywordSpan: Span;
  known: boolean;
  /** From the keyword to the end of its last line, without heredoc bodies. */
  span: Span;
  /** Including heredoc bodies and terminators. */
  fullSpan: Span;
  logical: LogicalLine;
  flags: Flag[];
  /** Arguments after the flags, trimmed (logical text). */
  args: string;
  argsSpan: Span;
  /** The arguments split the way Docker splits them for this instruction (see `splitArguments`). */
  words: Word[];
  /** RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD, COPY, ADD, VOLUME. */
  form?: CommandForm;
  heredocs: Heredoc[];
  /** ENV and LABEL. */
  pairs?: KeyValue[];
  /** ARG. */
  declarations?: ArgDeclaration[];
  /** ONBUILD's trigger. */
  trigger?: Instruction;
  /** The ONBUILD instruction that holds this trigger. */
  parentOnbuild?: Instruction;
  /** Comment lines inside the continuation. */
  comments: CommentNode[];
  /** Blank lines inside the continuation (Docker skips them but warns). */
  emptyContinuationLines: Span[];
  variables: VariableReference[];
}

export interface SyntaxProblem {
  code:
    | "no-instructions"
    | "duplicate-directive"
    | "invalid-escape"
    | "unknown-instruction"
    | "unterminated-heredoc"
    | "json-not-string"
    | "missing-arguments"
    | "missing-value"
    | "missing-equals"
    | "onbuild-missing-trigger";
  message: string;
  span: Span;
}

export interface DockerfileAst {
  text: string;
  lines: LineIndex;
  /** Every character of `text` belongs to exactly one token, in order. */
  tokens: Token[];
  escapeChar: "\\" | "`";
  bom: boolean;
  directives: Directive[];
  /** Comments outside instructions (not directives). */
  comments: CommentNode[];
  instructions: Instruction[];
  errors: SyntaxProblem[];
}
