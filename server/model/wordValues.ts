/**
 * The words of an instruction with the values they have, as far as the Dockerfile alone decides them: the one place
 * where rules turn `$VAR`, `${VAR:-x}` and quotes into what Docker (or the shell of a RUN) would see.
 *
 * A variable's value is known when an ARG default or ENV in scope gives it; a name nobody declares is empty, as in
 * BuildKit. A variable declared without a value (an ARG without default, a predefined ARG such as TARGETPLATFORM) is
 * unknown: the build decides it. A word can then be known, unknown, or partly known (`https://$HOST/x` starts with
 * `https://`); its unknown parts point back at the references in the text.
 */
import type { Instruction, Span } from "../../grammar/index.js";
import { expandWord, expandWords, ShellError, scanVariables } from "../../grammar/shell.js";
import { type Definition, type DockerfileModel, factKey, type ResolvedReference } from "./model.js";

export type ValuePart =
  | { known: true; text: string }
  /** The value of `name`, which only the build knows; `spans` are its references in the text, when known. */
  | { known: false; name: string; spans: Span[] };

export interface WordValue {
  state: "known" | "partial" | "unknown";
  /** The value, when known. */
  value?: string;
  /** The value in order, known text and unknown pieces; one unknown part when nothing can be said. */
  parts: ValuePart[];
}

/** What a name stands for: its value, `unknown` (declared, value only known at build time), or undefined (unset). */
export type Lookup = (name: string) => string | "unknown" | undefined;
const UNKNOWN = "unknown";

const NEEDS_EXPANSION = /[$'"\\`]/;
/** Stand-ins for unknown values while expanding; private-use characters, so no real text contains them. */
const HOLE = /\uE000(\d+)\uE001/g;

function whollyUnknown(): WordValue {
  return { state: "unknown", parts: [{ known: false, name: "", spans: [] }] };
}

function known(value: string): WordValue {
  return { state: "known", value, parts: value === "" ? [] : [{ known: true, text: value }] };
}

/**
 * Expands `text` like Docker's word expansion, with `lookup` for variable values. `spanOf` maps a reference's offsets
 * in `text` to the document, when the text maps onto it.
 */
export function expandKnown(
  text: string,
  lookup: Lookup,
  escapeChar: "\\" | "`",
  spanOf?: (start: number, end: number) => Span,
): WordValue {
  const split = expandParts(text, lookup, escapeChar, spanOf, false);
  return split ? split[0] : whollyUnknown();
}

/** Like expandKnown, then split into words at unquoted blanks as EXPOSE does; undefined when the text cannot be read. */
export function expandKnownWords(
  text: string,
  lookup: Lookup,
  escapeChar: "\\" | "`",
): WordValue[] | undefined {
  return expandParts(text, lookup, escapeChar, undefined, true);
}

function expandParts(
  text: string,
  lookup: Lookup,
  escapeChar: "\\" | "`",
  spanOf: ((start: number, end: number) => Span) | undefined,
  split: boolean,
): WordValue[] | undefined {
  if (!NEEDS_EXPANSION.test(text))
    return split ? text.split(/\s+/).filter(Boolean).map(known) : [known(text)];
  const refs = scanVariables(text, { escapeChar });
  const holes: string[] = [];
  const env = new Map<string, string>();
  for (let i = 0; i < refs.length; i++) {
    const ref = refs[i];
    if (env.has(ref.name)) continue;
    const value = lookup(ref.name);
    if (value === UNKNOWN) {
      // `${X:+word}` is `word` or nothing depending on X, which the stand-in cannot say.
      if (refs.some((r) => r.name === ref.name && (r.modifier === "+" || r.modifier === ":+")))
        return undefined;
      env.set(ref.name, `\uE000${holes.length}\uE001`);
      holes.push(ref.name);
    } else if (value !== undefined) env.set(ref.name, value);
  }
  let values: string[];
  try {
    values = split
      ? expandWords(text, env, { escapeChar }).words
      : [expandWord(text, env, { escapeChar }).value];
  } catch (e) {
    if (e instanceof ShellError) return undefined;
    throw e;
  }
  const spansOf = (name: string): Span[] =>
    spanOf ? refs.filter((r) => r.name === name).map((r) => spanOf(r.start, r.end)) : [];
  return values.map((value) => {
    if (!value.includes("\uE000")) return known(value);
    const parts: ValuePart[] = [];
    let last = 0;
    for (const m of value.matchAll(HOLE)) {
      if (m.index > last) parts.push({ known: true, text: value.slice(last, m.index) });
      const name = holes[Number(m[1])];
      parts.push({ known: false, name, spans: spansOf(name) });
      last = m.index + m[0].length;
    }
    if (last < value.length) parts.push({ known: true, text: value.slice(last) });
    // A pattern modifier may have cut into a stand-in; then the rest cannot be trusted.
    if (value.replace(HOLE, "").includes("\uE000") || value.replace(HOLE, "").includes("\uE001"))
      return whollyUnknown();
    return { state: parts.some((p) => p.known) ? "partial" : "unknown", parts };
  });
}

/** The known text a value starts with, up to its first unknown part. */
export function knownPrefix(word: WordValue): string {
  let out = "";
  for (const p of word.parts) {
    if (!p.known) break;
    out += p.text;
  }
  return out;
}

/** The known text a value ends with, after its last unknown part. */
export function knownSuffix(word: WordValue): string {
  let out = "";
  for (let i = word.parts.length - 1; i >= 0; i--) {
    const p = word.parts[i];
    if (!p.known) break;
    out = p.text + out;
  }
  return out;
}

/**
 * The lookup for variables as an instruction sees them: at build time for Docker's own expansion and for the shell of
 * a RUN (ARG and ENV in scope). ONBUILD triggers run in another build, so every variable there is unknown.
 */
export function lookupAt(model: DockerfileModel, instruction: Instruction): Lookup {
  if (instruction.parentOnbuild) return () => UNKNOWN;
  const defs = new Map<string, Definition | undefined>();
  const refs = referencesOf(model, instruction);
  for (let i = 0; i < refs.length; i++) {
    const r = refs[i];
    if (!defs.has(r.ref.name)) defs.set(r.ref.name, r.definition);
  }
  let scope: ReadonlyMap<string, Definition> | undefined;
  return (name) => {
    // The model resolved the instruction's references already; a name it did not see (in a heredoc body) asks the scope.
    if (!defs.has(name)) scope ??= model.scopeAt(instruction);
    const def = defs.has(name) ? defs.get(name) : scope?.get(name);
    if (!def) return undefined;
    return def.value ?? UNKNOWN;
  };
}

export interface WordValueOptions {
  /**
   * Count a name nobody declares as unknown rather than empty, for rules that leave undeclared names to
   * UndefinedVar / UndefinedArgInFrom and judge only what the author evidently meant.
   */
  undeclaredUnknown?: boolean;
}

/** The value of a word of `instruction`; `span` (the word's place in the document) maps unknown parts back to it. */
export function wordValue(
  model: DockerfileModel,
  instruction: Instruction,
  text: string,
  span?: Span,
  options: WordValueOptions = {},
): WordValue {
  const spanOf =
    span && span.end - span.start === text.length
      ? (start: number, end: number) => ({ start: span.start + start, end: span.start + end })
      : undefined;
  if (!NEEDS_EXPANSION.test(text)) return known(text);
  const lookup = lookupAt(model, instruction);
  const effective: Lookup = options.undeclaredUnknown ? (name) => lookup(name) ?? UNKNOWN : lookup;
  return expandKnown(text, effective, model.ast.escapeChar, spanOf);
}

/** The values of a text that Docker splits into words (EXPOSE); undefined when it cannot be read. */
export function wordValues(
  model: DockerfileModel,
  instruction: Instruction,
  text: string,
): WordValue[] | undefined {
  return expandKnownWords(text, lookupAt(model, instruction), model.ast.escapeChar);
}

const REFERENCE_INDEX = factKey<Map<Instruction, ResolvedReference[]>>("referencesByInstruction");

/** The model's resolved references of one instruction, in text order (indexed once per model). */
export function referencesOf(model: DockerfileModel, instruction: Instruction): readonly ResolvedReference[] {
  return model.fact(REFERENCE_INDEX, indexReferences).get(instruction) ?? [];
}

function indexReferences(model: DockerfileModel): Map<Instruction, ResolvedReference[]> {
  const index = new Map<Instruction, ResolvedReference[]>();
  const references = model.references;
  for (let i = 0; i < references.length; i++) {
    const r = references[i];
    const list = index.get(r.instruction);
    if (list) list.push(r);
    else index.set(r.instruction, [r]);
  }
  // The model resolves an instruction's references in text order, so the lists are sorted already but for odd cases;
  // sort copies every list of two or more (0.22 MB a lint of the 10k-line file).
  index.forEach((list) => {
    if (!inTextOrder(list)) list.sort((x, y) => x.ref.span.start - y.ref.span.start);
  });
  return index;
}

function inTextOrder(list: readonly ResolvedReference[]): boolean {
  for (let i = 1; i < list.length; i++) if (list[i].ref.span.start < list[i - 1].ref.span.start) return false;
  return true;
}
