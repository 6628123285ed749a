import type {
  ArgDeclaration,
  CommandForm,
  CommentNode,
  Flag,
  Heredoc,
  Instruction,
  KeyValue,
  ShellForm,
  VariableReference,
  Word,
} from "./ast.js";
import { INSTRUCTIONS } from "./ast.js";
import { LogicalLine } from "./logical.js";
import type { Span } from "./text.js";

// Shared empty lists for the common case; the tree is built once and not changed afterwards.
// Frozen, so a stray push fails loudly in tests instead of leaking into every instruction.
export const NO_WORDS = Object.freeze([]) as unknown as Word[];
export const NO_HEREDOCS = Object.freeze([]) as unknown as Heredoc[];
export const NO_COMMENTS = Object.freeze([]) as unknown as CommentNode[];
export const NO_SPANS = Object.freeze([]) as unknown as Span[];
export const NO_VARIABLES = Object.freeze([]) as unknown as VariableReference[];
export const NO_FLAGS = Object.freeze([]) as unknown as Flag[];

const KNOWN: ReadonlySet<string> = new Set<string>(INSTRUCTIONS);

/** Marks an instruction's words as the one word of its arguments, not made yet. */
const ARGS_WORD = Object.freeze([]) as unknown as Word[];

/** The parts most instructions lack, kept together so that an instruction without any holds one shared object. */
interface Rare {
  heredocs: Heredoc[];
  pairs: KeyValue[] | undefined;
  declarations: ArgDeclaration[] | undefined;
  trigger: Instruction | undefined;
  parentOnbuild: Instruction | undefined;
  comments: CommentNode[];
  emptyContinuationLines: Span[];
  /** End of the full span when heredoc bodies reach past the instruction's lines; -1 when it is the span's end. */
  fullEnd: number;
}

const NO_RARE: Readonly<Rare> = Object.freeze({
  heredocs: NO_HEREDOCS,
  pairs: undefined,
  declarations: undefined,
  trigger: undefined,
  parentOnbuild: undefined,
  comments: NO_COMMENTS,
  emptyContinuationLines: NO_SPANS,
  fullEnd: -1,
});

/**
 * An instruction of the tree. Its four spans are kept as source offsets and made as objects when read, and the
 * parts most instructions lack sit in one shared object until one is set: the plain object with every field and
 * three span objects of its own was 296 bytes of every instruction, this is 144. With the words and shell forms
 * below, the tree of the generated 1 MB file (20,631 instructions) retains 11.5 MB after the lint instead of 14.6
 * (heap snapshot); the findings and the model keep 0.7 MB more, as the spans they take are their own copies now.
 * A span read is a new object each time: nothing compares the tree's spans by identity (hover compares a
 * declaration's or pair's `nameSpan`/`keySpan`, which stay objects).
 */
export class InstructionNode implements Instruction {
  // Declared and assigned in the constructor, not class fields: a field is defined on each new object one by one
  // (the parse of the generated 1 MB file took ~15 ms more with them).
  declare readonly keyword: string;
  /**
   * The logical line; or, for an instruction that is one stretch of one line (most), the document, of which the
   * line is `spanStart` to `spanEnd`: the LogicalLine is made when first read (56 bytes of every such instruction
   * that nothing asks for; the rules ask for RUN's).
   */
  declare private lg: LogicalLine | string;
  /** The arguments; undefined when they are the document's `argsStart` to `argsEnd`, cut when read (a slice was
   * 32 bytes of most instructions, and RUN's is kept by its form and script anyway). */
  declare private a: string | undefined;
  declare readonly keywordStart: number;
  declare readonly keywordEnd: number;
  /** Source offsets of `span`; a trigger's span runs from its keyword to the end of its ONBUILD's lines. */
  declare spanStart: number;
  declare spanEnd: number;
  declare readonly argsStart: number;
  declare readonly argsEnd: number;
  declare flags: Flag[];
  /** The words, or ARGS_WORD until the one word of the arguments is first read. */
  declare private w: Word[];
  declare form: CommandForm | undefined;
  declare variables: VariableReference[];
  declare private rare: Rare;

  constructor(
    keyword: string,
    logical: LogicalLine,
    args: string,
    keywordStart: number,
    keywordEnd: number,
    spanStart: number,
    spanEnd: number,
    argsStart: number,
    argsEnd: number,
  ) {
    this.keyword = keyword;
    this.lg = logical;
    this.a = args;
    this.keywordStart = keywordStart;
    this.keywordEnd = keywordEnd;
    this.spanStart = spanStart;
    this.spanEnd = spanEnd;
    this.argsStart = argsStart;
    this.argsEnd = argsEnd;
    this.flags = NO_FLAGS;
    this.w = NO_WORDS;
    this.form = undefined;
    this.variables = NO_VARIABLES;
    this.rare = NO_RARE;
  }

  /** Whether Docker knows the keyword: looked up when asked rather than kept (8 bytes of every instruction). */
  get known(): boolean {
    return KNOWN.has(this.keyword);
  }

  get logical(): LogicalLine {
    const l = this.lg;
    if (typeof l !== "string") return l;
    const made = new LogicalLine(l, undefined, this.spanStart, this.spanEnd - this.spanStart);
    this.lg = made;
    return made;
  }

  get args(): string {
    const a = this.a;
    if (a !== undefined) return a;
    const l = this.lg;
    return typeof l === "string"
      ? l.slice(this.argsStart, this.argsEnd)
      : l.sourceSlice(this.argsStart, this.argsEnd);
  }

  /**
   * Keeps the document instead of the logical line and the arguments when the line is one stretch of it from
   * `spanStart` to `spanEnd`. Called once the spans are final; not for an ONBUILD, whose trigger shares its line.
   */
  compact(): void {
    const l = this.lg;
    if (typeof l === "string" || this.trigger !== undefined) return;
    const doc = l.documentIfStretch(this.spanStart, this.spanEnd);
    if (doc === undefined) return;
    this.lg = doc;
    this.a = undefined;
  }

  /**
   * The words of RUN, CMD, USER, WORKDIR and the like: one word, the arguments. Made when first read, as few rules
   * read them (most read the form or the arguments): 104 bytes (the list and the word) of 8 of the 13 instructions
   * of a stage of the generated file.
   */
  get words(): Word[] {
    const w = this.w;
    if (w !== ARGS_WORD) return w;
    const made = [new WordNode(this.args, this.argsStart, this.argsEnd)];
    this.w = made;
    return made;
  }
  set words(v: Word[]) {
    this.w = v;
  }

  /** The words are one: the arguments (made when read). */
  argsAreTheWord(): void {
    this.w = ARGS_WORD;
  }

  get keywordSpan(): Span {
    return { start: this.keywordStart, end: this.keywordEnd };
  }

  get span(): Span {
    return { start: this.spanStart, end: this.spanEnd };
  }

  get fullSpan(): Span {
    const fullEnd = this.rare.fullEnd;
    return { start: this.spanStart, end: fullEnd < 0 ? this.spanEnd : fullEnd };
  }

  get argsSpan(): Span {
    return { start: this.argsStart, end: this.argsEnd };
  }

  private own(): Rare {
    // A literal of NO_RARE's fields, not a copy of the frozen object ({ ...NO_RARE }), which V8 makes through its
    // slow runtime path: the corpus linted three times in a fresh process (every rule on, `node --single-threaded`
    // under cachegrind) took 27.41 G instructions with the copy, 27.04-27.10 G with this (27.18-27.21 G when a
    // function made both this object and NO_RARE's).
    if (this.rare === NO_RARE)
      this.rare = {
        heredocs: NO_HEREDOCS,
        pairs: undefined,
        declarations: undefined,
        trigger: undefined,
        parentOnbuild: undefined,
        comments: NO_COMMENTS,
        emptyContinuationLines: NO_SPANS,
        fullEnd: -1,
      };
    return this.rare;
  }

  /** Sets where the full span ends (heredoc bodies after the instruction's lines). */
  setFullEnd(end: number): void {
    if (end !== this.spanEnd || this.rare.fullEnd >= 0) this.own().fullEnd = end === this.spanEnd ? -1 : end;
  }

  get heredocs(): Heredoc[] {
    return this.rare.heredocs;
  }
  set heredocs(v: Heredoc[]) {
    if (v !== this.rare.heredocs) this.own().heredocs = v;
  }
  get pairs(): KeyValue[] | undefined {
    return this.rare.pairs;
  }
  set pairs(v: KeyValue[] | undefined) {
    if (v !== this.rare.pairs) this.own().pairs = v;
  }
  get declarations(): ArgDeclaration[] | undefined {
    return this.rare.declarations;
  }
  set declarations(v: ArgDeclaration[] | undefined) {
    if (v !== this.rare.declarations) this.own().declarations = v;
  }
  get trigger(): Instruction | undefined {
    return this.rare.trigger;
  }
  set trigger(v: Instruction | undefined) {
    if (v !== this.rare.trigger) this.own().trigger = v;
  }
  get parentOnbuild(): Instruction | undefined {
    return this.rare.parentOnbuild;
  }
  set parentOnbuild(v: Instruction | undefined) {
    if (v !== this.rare.parentOnbuild) this.own().parentOnbuild = v;
  }
  get comments(): CommentNode[] {
    return this.rare.comments;
  }
  set comments(v: CommentNode[]) {
    if (v !== this.rare.comments) this.own().comments = v;
  }
  get emptyContinuationLines(): Span[] {
    return this.rare.emptyContinuationLines;
  }
  set emptyContinuationLines(v: Span[]) {
    if (v !== this.rare.emptyContinuationLines) this.own().emptyContinuationLines = v;
  }
}

/** A word as its text and source offsets; the span object is made when read (48 bytes a word instead of 80). */
export class WordNode implements Word {
  declare readonly text: string;
  declare readonly start: number;
  declare readonly end: number;

  constructor(text: string, start: number, end: number) {
    this.text = text;
    this.start = start;
    this.end = end;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

/** A shell form, its span as source offsets (it was the instruction's `argsSpan` object, which is made on demand
 * now too). */
export class ShellFormNode implements ShellForm {
  declare readonly text: string;
  declare readonly logicalStart: number;
  declare readonly start: number;
  declare readonly end: number;
  declare readonly notJson: ShellForm["notJson"];

  constructor(text: string, logicalStart: number, start: number, end: number, notJson: ShellForm["notJson"]) {
    this.text = text;
    this.logicalStart = logicalStart;
    this.start = start;
    this.end = end;
    this.notJson = notJson;
  }

  get kind(): "shell" {
    return "shell";
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }
}

/**
 * A flag, its three spans as source offsets (made when read): 96 bytes instead of a 56-72-byte object and three
 * 40-byte spans. `value` and `valueSpan` are both undefined for a bare `--flag`.
 */
export class FlagNode implements Flag {
  declare readonly text: string;
  declare readonly name: string;
  declare readonly value: string | undefined;
  declare private readonly start: number;
  declare private readonly end: number;
  declare private readonly nameStart: number;
  declare private readonly nameEnd: number;
  declare private readonly valueStart: number;
  declare private readonly valueEnd: number;

  constructor(
    text: string,
    name: string,
    value: string | undefined,
    start: number,
    end: number,
    nameStart: number,
    nameEnd: number,
    valueStart: number,
    valueEnd: number,
  ) {
    this.text = text;
    this.name = name;
    this.value = value;
    this.start = start;
    this.end = end;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    this.valueStart = valueStart;
    this.valueEnd = valueEnd;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameEnd };
  }

  get valueSpan(): Span | undefined {
    return this.value === undefined ? undefined : { start: this.valueStart, end: this.valueEnd };
  }
}

/** A variable reference, its spans as source offsets (made when read); `wordStart` is -1 without a word. */
export class VariableNode implements VariableReference {
  declare readonly name: string;
  declare readonly modifier: string | undefined;
  declare readonly expandedBy: "docker" | "shell";
  declare private readonly start: number;
  declare private readonly end: number;
  declare private readonly nameStart: number;
  declare private readonly nameEnd: number;
  declare private readonly wordStart: number;
  declare private readonly wordEnd: number;

  constructor(
    name: string,
    modifier: string | undefined,
    expandedBy: "docker" | "shell",
    start: number,
    end: number,
    nameStart: number,
    nameEnd: number,
    wordStart: number,
    wordEnd: number,
  ) {
    this.name = name;
    this.modifier = modifier;
    this.expandedBy = expandedBy;
    this.start = start;
    this.end = end;
    this.nameStart = nameStart;
    this.nameEnd = nameEnd;
    this.wordStart = wordStart;
    this.wordEnd = wordEnd;
  }

  get span(): Span {
    return { start: this.start, end: this.end };
  }

  get nameSpan(): Span {
    return { start: this.nameStart, end: this.nameEnd };
  }

  get wordSpan(): Span | undefined {
    return this.wordStart < 0 ? undefined : { start: this.wordStart, end: this.wordEnd };
  }
}
