import type { Instruction, InstructionKeyword, Span } from "../../grammar/index.js";
import type { Definition, DockerfileModel, Stage } from "../model/model.js";
import { PREDEFINED_ARGS, predefinedArg } from "../model/predefined.js";
import { declaredFlags } from "../rules/helpers/flags.js";
import { RULES } from "../rules/index.js";
import { DIRECTIVE_DOCS, PRAGMA_DOCS, SIGNALS } from "./docs/directives.js";
import { flagDoc, MOUNT_KEY_DOCS, MOUNT_TYPE_DOCS, type MountKey, mountKeyDoc } from "./docs/flags.js";
import { INSTRUCTION_DOCS, isInstructionKeyword } from "./docs/instructions.js";
import {
  definitionMarkdown,
  flagMarkdown,
  instructionMarkdown,
  mountKeyMarkdown,
  stageMarkdown,
} from "./hover.js";
import type { DocumentSnapshot } from "./snapshot.js";

export type CompletionKind =
  | "instruction"
  | "flag"
  | "value"
  | "stage"
  | "variable"
  | "directive"
  | "keyword"
  | "signal"
  | "option"
  | "rule";

/** One completion proposal, as plain data; the language server turns it into an LSP CompletionItem. */
export interface CompletionItemData {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert instead of the label; a snippet (`${1:name}`) when `isSnippet`. */
  insertText?: string;
  isSnippet?: boolean;
  /** The range the item replaces: the word being typed, so that the client's prefix filtering works. */
  replace: Span;
  sortText?: string;
  filterText?: string;
}

export interface CompletionOptions {
  /** The client supports snippets. */
  snippets: boolean;
}

/** The order instructions are offered in: the ones a Dockerfile uses most first. MAINTAINER is deprecated. */
const INSTRUCTION_ORDER: readonly InstructionKeyword[] = [
  "FROM",
  "RUN",
  "COPY",
  "WORKDIR",
  "ENV",
  "ARG",
  "CMD",
  "ENTRYPOINT",
  "EXPOSE",
  "USER",
  "LABEL",
  "ADD",
  "HEALTHCHECK",
  "VOLUME",
  "SHELL",
  "STOPSIGNAL",
  "ONBUILD",
];
/** Docker refuses these as ONBUILD triggers. */
const NOT_TRIGGERS = new Set(["ONBUILD", "FROM", "MAINTAINER"]);
const BOOLEAN_MOUNT_KEYS = new Set(["ro", "rw", "readonly", "readwrite", "required"]);

/** Proposals for the text at `offset` (a UTF-16 offset into `doc.text`); empty where nothing fits. */
export function complete(
  doc: DocumentSnapshot,
  offset: number,
  options: CompletionOptions,
): CompletionItemData[] {
  if (offset < 0 || offset > doc.text.length) return [];
  const items = proposals(doc, offset, options);
  return items.sort((a, b) => compare(a.sortText ?? a.label, b.sortText ?? b.label));
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function proposals(doc: DocumentSnapshot, offset: number, options: CompletionOptions): CompletionItemData[] {
  const line = doc.lines.lineAt(offset);
  const lineStart = doc.lines.lineStarts[line];
  const prefix = doc.text.slice(lineStart, offset);
  const instruction = doc.model.instructionAt(offset);

  const heredoc = instruction?.heredocs.find(
    (h) => offset > h.body.start - 1 && offset <= (h.terminator ?? h.body).end,
  );
  if (heredoc && instruction && offset >= heredoc.body.start) {
    // A body is text for a file or a script: only `$NAME` fits, and only where the body is expanded.
    return heredoc.marker.expand ? variableItems(doc, instruction, offset, prefix, lineStart) : [];
  }
  const comment = /^[ \t]*#/.test(prefix) && !onContinuation(instruction, lineStart);
  if (comment) return commentItems(doc, offset, prefix, lineStart);
  if (instruction?.comments.some((c) => offset >= c.span.start && offset <= c.span.end)) return [];

  if (!instruction || instruction.keywordSpan.start >= lineStart) {
    const word = /^[ \t]*([A-Za-z]*)$/.exec(prefix);
    if (word) {
      const start = offset - word[1].length;
      return instructionItems(
        doc,
        offset,
        { start, end: wordEnd(doc.text, offset, /[A-Za-z]/) },
        options,
        false,
      );
    }
  }
  if (!instruction) return [];
  return argumentItems(doc, instruction, offset, options, lineStart);
}

function onContinuation(instruction: Instruction | undefined, lineStart: number): boolean {
  return instruction !== undefined && instruction.keywordSpan.start < lineStart;
}

/** A keyword followed by a space, unless a blank follows the replaced word already. */
function spaced(text: string, replace: Span, word: string): string {
  const next = text[replace.end];
  return next === " " || next === "\t" ? word : `${word} `;
}

function wordEnd(text: string, offset: number, char: RegExp): number {
  let end = offset;
  while (end < text.length && char.test(text[end])) end++;
  return end;
}

// --- instructions ---------------------------------------------------------------------------------------------------

function instructionItems(
  doc: DocumentSnapshot,
  offset: number,
  replace: Span,
  options: CompletionOptions,
  trigger: boolean,
): CompletionItemData[] {
  const beforeFrom = !trigger && !doc.model.stages.some((s) => s.from.span.start < offset);
  const items: CompletionItemData[] = [];
  INSTRUCTION_ORDER.forEach((keyword, i) => {
    if (trigger && NOT_TRIGGERS.has(keyword)) return;
    // Only ARG may come before the first FROM.
    if (beforeFrom && keyword !== "FROM" && keyword !== "ARG") return;
    const d = INSTRUCTION_DOCS[keyword];
    const sortText = String(i).padStart(2, "0");
    const documentation = instructionMarkdown(keyword);
    items.push({
      label: keyword,
      kind: "instruction",
      detail: firstSentence(d.summary),
      documentation,
      insertText: spaced(doc.text, replace, keyword),
      replace,
      sortText,
    });
    if (!options.snippets) return;
    d.snippets.forEach((s, j) => {
      items.push({
        label: s.label,
        kind: "instruction",
        detail: firstSentence(d.summary),
        documentation,
        insertText: s.body,
        isSnippet: true,
        replace,
        sortText: `${sortText}.${j}`,
        filterText: keyword,
      });
    });
  });
  return items;
}

function firstSentence(text: string): string {
  const m = /^.*?[.:](?=\s|$)/.exec(text);
  return m ? m[0] : text;
}

// --- comments: directives and pragmas -------------------------------------------------------------------------------

function commentItems(
  doc: DocumentSnapshot,
  offset: number,
  prefix: string,
  lineStart: number,
): CompletionItemData[] {
  const text = doc.text;
  if (inDirectiveBlock(doc, lineStart)) {
    const value = /^[ \t]*#[ \t]*([A-Za-z]+)[ \t]*=[ \t]*(\S*)$/.exec(prefix);
    if (value) {
      const name = value[1].toLowerCase();
      if (!Object.hasOwn(DIRECTIVE_DOCS, name)) return [];
      const d = DIRECTIVE_DOCS[name as keyof typeof DIRECTIVE_DOCS];
      if (name === "check") return checkItems(text, offset, value[2]);
      const replace = { start: offset - value[2].length, end: wordEnd(text, offset, /\S/) };
      return valueItems(Object.entries(d.values), replace);
    }
    const name = /^[ \t]*#[ \t]*([A-Za-z]*)$/.exec(prefix);
    if (name) {
      const used = new Set(doc.ast.directives.filter((d) => d.span.start < lineStart).map((d) => d.name));
      const replace = { start: offset - name[1].length, end: wordEnd(text, offset, /[A-Za-z]/) };
      const items: CompletionItemData[] = Object.entries(DIRECTIVE_DOCS)
        .filter(([n]) => !used.has(n))
        .map(([n, d], i) => ({
          label: `${n}=`,
          kind: "directive" as const,
          detail: "parser directive",
          documentation: d.summary,
          replace,
          sortText: `0${i}`,
          filterText: n,
        }));
      return name[1] === "" ? items : [...items, ...pragmaStarts(replace)];
    }
  }
  // Names are separated by commas or blanks; after a blank, `reason=` may follow too.
  const codes =
    /^[ \t]*#[ \t]*(?:hadolint|dflint)[ \t]+(?:(?:global|stage)[ \t]+)?ignore[ \t]*=([A-Za-z0-9_.,\t -]*?)([A-Za-z0-9_.-]*)$/i.exec(
      prefix,
    );
  if (codes && !/reason/i.test(codes[1])) {
    const listed = new Set(codes[1].split(/[\s,]+/).map((c) => c.toUpperCase()));
    const replace = { start: offset - codes[2].length, end: wordEnd(text, offset, /[A-Za-z0-9_.-]/) };
    const items: CompletionItemData[] = RULES.filter((rule) => !listed.has(rule.code)).map((rule) => ({
      label: rule.code,
      kind: "rule" as const,
      detail: rule.title,
      documentation: rule.docs.what,
      replace,
      sortText: `1${rule.code}`,
      filterText: `${rule.code} ${rule.aliases.join(" ")}`.trim(),
    }));
    if (/[A-Za-z0-9][ \t]+$/.test(codes[1]))
      items.push({
        label: "reason=",
        kind: "keyword",
        detail: "why the rules are ignored",
        replace,
        sortText: "0",
      });
    return items;
  }
  const key = /^[ \t]*#[ \t]*(hadolint|dflint)[ \t]+([A-Za-z]*)$/i.exec(prefix);
  if (key) {
    const replace = { start: offset - key[2].length, end: wordEnd(text, offset, /[A-Za-z]/) };
    return Object.entries(PRAGMA_DOCS).map(([k, what], i) => ({
      label: `${k}=`,
      kind: "keyword" as const,
      documentation: what,
      replace,
      sortText: String(i),
    }));
  }
  const start = /^[ \t]*#[ \t]*([A-Za-z]+)$/.exec(prefix);
  if (start) {
    const replace = { start: offset - start[1].length, end: wordEnd(text, offset, /[A-Za-z]/) };
    // Only at the end of the comment: `# h|ttps://…` is prose.
    if (doc.text.slice(replace.end, doc.lines.lineEnd(doc.lines.lineAt(offset))).trim() !== "") return [];
    return pragmaStarts(replace).filter((i) => i.label.startsWith(start[1].toLowerCase()));
  }
  return [];
}

/** `# check=`: its settings, and after `skip=` or `experimental=` the names of Docker's build checks. */
function checkItems(text: string, offset: number, value: string): CompletionItemData[] {
  const segment = value.slice(value.lastIndexOf(";") + 1);
  const names = /^(?:skip|experimental)=(?:[A-Za-z0-9]+,)*([A-Za-z0-9]*)$/i.exec(segment);
  if (names) {
    const replace = { start: offset - names[1].length, end: wordEnd(text, offset, /[A-Za-z0-9]/) };
    const listed = new Set(segment.slice(segment.indexOf("=") + 1).split(","));
    const items: CompletionItemData[] = [
      { label: "all", kind: "value", detail: "every check", replace, sortText: "0" },
    ];
    for (const rule of RULES) {
      // Docker's check names are the CamelCase aliases of the rules that implement them.
      for (const alias of rule.aliases) {
        if (!/^[A-Z][a-z]+[A-Z]/.test(alias) || listed.has(alias) || items.some((i) => i.label === alias))
          continue;
        items.push({
          label: alias,
          kind: "rule",
          detail: `${rule.code}: ${rule.title}`,
          replace,
          sortText: `1${alias}`,
        });
      }
    }
    return items;
  }
  const replace = { start: offset - segment.length, end: wordEnd(text, offset, /[^\s;]/) };
  return valueItems(Object.entries(DIRECTIVE_DOCS.check.values), replace);
}

function pragmaStarts(replace: Span): CompletionItemData[] {
  return ["dflint ignore=", "hadolint ignore="].map((label, i) => ({
    label,
    kind: "keyword" as const,
    detail: "lint pragma",
    documentation: PRAGMA_DOCS.ignore,
    replace,
    sortText: `1${i}`,
  }));
}

/** Directives are read only from the lines at the very top that are all directives (a shebang may come first). */
function inDirectiveBlock(doc: DocumentSnapshot, lineStart: number): boolean {
  const firstInstruction = doc.ast.instructions[0];
  if (firstInstruction && firstInstruction.span.start < lineStart) return false;
  const line = doc.lines.lineAt(lineStart);
  const directiveLines = new Set(doc.ast.directives.map((d) => doc.lines.lineAt(d.span.start)));
  for (let l = 0; l < line; l++) {
    if (directiveLines.has(l)) continue;
    if (
      l === 0 &&
      doc.lines
        .lineText(0)
        .replace(/^\uFEFF/, "")
        .startsWith("#!")
    )
      continue;
    return false;
  }
  return true;
}

// --- arguments ------------------------------------------------------------------------------------------------------

/** The logical offset whose source offset is the first at or after `offset`. */
function logicalOffset(instruction: Instruction, offset: number): number {
  const logical = instruction.logical;
  let lo = 0;
  let hi = logical.text.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (logical.toSource(mid) < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function argumentItems(
  doc: DocumentSnapshot,
  top: Instruction,
  offset: number,
  options: CompletionOptions,
  lineStart: number,
): CompletionItemData[] {
  const instruction = top;
  const logical = instruction.logical.text;
  const upto = logical.slice(0, logicalOffset(instruction, offset));
  const words = upto.split(/[ \t]+/);
  const current = words.pop() ?? "";
  // The word typed stays on this line: a replace range never spans a continuation.
  const currentStart = Math.max(lineStart, offset - current.length);
  const typed = doc.text.slice(currentStart, offset);
  // A trigger shares its ONBUILD's logical line: read past the ONBUILD.
  const onbuild = words[0]?.toUpperCase() === "ONBUILD";
  if (onbuild && words.length === 1) {
    const replace = { start: currentStart, end: wordEnd(doc.text, offset, /[A-Za-z]/) };
    return /^[A-Za-z]*$/.test(typed) ? instructionItems(doc, offset, replace, options, true) : [];
  }
  if (onbuild) words.shift();
  const keyword = words[0]?.toUpperCase() ?? "";
  const args = words.slice(1).filter((w) => w !== "");

  if (!isInstructionKeyword(keyword) || keyword === "MAINTAINER") return [];

  const dollar = typed.lastIndexOf("$");
  if (dollar >= 0 && /^\$\{?[A-Za-z0-9_]*$/.test(typed.slice(dollar))) {
    return variableItems(doc, instruction, offset, doc.text.slice(lineStart, offset), lineStart);
  }
  const flagsOnly = args.every((w) => w.startsWith("--"));
  if (flagsOnly && typed.startsWith("-"))
    return flagItems(doc, instruction, keyword, offset, currentStart, typed);
  if (!flagsOnly && typed.startsWith("-")) return [];
  const position = args.filter((w) => !w.startsWith("--")).length;
  const replace = { start: currentStart, end: wordEnd(doc.text, offset, /[^\s]/) };
  switch (keyword) {
    case "FROM":
      if (position === 0)
        return [...stageItems(doc.model, instruction, replace, "name"), scratchItem(replace)];
      if (position === 1)
        return [
          {
            label: "AS",
            kind: "keyword",
            detail: "name this stage",
            insertText: spaced(doc.text, replace, "AS"),
            replace,
          },
        ];
      return [];
    case "HEALTHCHECK":
      if (position !== 0) return [];
      return [
        {
          label: "CMD",
          kind: "keyword",
          detail: "the check command follows",
          insertText: spaced(doc.text, replace, "CMD"),
          replace,
          sortText: "0",
        },
        {
          label: "NONE",
          kind: "keyword",
          detail: "turn off the inherited health check",
          replace,
          sortText: "1",
        },
        ...flagItems(doc, instruction, keyword, offset, currentStart, typed).map((i) => ({
          ...i,
          sortText: `2${i.sortText ?? ""}`,
        })),
      ];
    case "STOPSIGNAL":
      if (position !== 0) return [];
      return SIGNALS.map((s, i) => ({
        label: s.name,
        kind: "signal" as const,
        detail: `${s.number}: ${s.summary}`,
        replace,
        sortText: String(i).padStart(2, "0"),
      }));
    case "ARG":
      return typed.includes("=") ? [] : argNameItems(doc.model, instruction, replace);
    default:
      return [];
  }
}

function scratchItem(replace: Span): CompletionItemData {
  return { label: "scratch", kind: "keyword", detail: "the empty image", replace, sortText: "1" };
}

/** Earlier stages (a stage cannot use itself or a later one), by name, for FROM, COPY --from and --mount from. */
function stageItems(
  model: DockerfileModel,
  instruction: Instruction,
  replace: Span,
  by: "name" | "name-or-index",
): CompletionItemData[] {
  // A trigger runs in another Dockerfile's build, where this file's stages do not exist.
  if (instruction.parentOnbuild) return [];
  const here = model.stageOf(instruction);
  const isFrom = instruction.keyword === "FROM";
  const items: CompletionItemData[] = [];
  for (const stage of model.stages) {
    if (stage.from.span.start >= instruction.span.start || (!isFrom && stage === here)) break;
    const documentation = stageMarkdown(model, stage);
    const detail = `stage ${stage.index}: ${baseText(stage)}`;
    if (stage.name)
      items.push({
        label: stage.name,
        kind: "stage",
        detail,
        documentation,
        replace,
        sortText: `0${pad(stage.index)}`,
      });
    else if (by === "name-or-index")
      items.push({
        label: String(stage.index),
        kind: "stage",
        detail,
        documentation,
        replace,
        sortText: `0${pad(stage.index)}`,
      });
  }
  return items;
}

function baseText(stage: Stage): string {
  const base = stage.base;
  if (base.kind === "scratch") return "FROM scratch";
  if (base.kind === "stage") return `FROM ${base.stage.name ?? base.stage.index}`;
  return `FROM ${base.raw}`;
}

const pad = (n: number) => String(n).padStart(4, "0");

// --- flags ----------------------------------------------------------------------------------------------------------

function flagItems(
  doc: DocumentSnapshot,
  instruction: Instruction,
  keyword: InstructionKeyword,
  offset: number,
  start: number,
  typed: string,
): CompletionItemData[] {
  const declared = declaredFlags(instruction) ?? {};
  const eq = typed.indexOf("=");
  if (eq < 0) {
    const replace = { start, end: wordEnd(doc.text, offset, /[A-Za-z-]/) };
    const used = new Set(
      instruction.flags.filter((f) => f.span.end < start || f.span.start > offset).map((f) => f.name),
    );
    const items: CompletionItemData[] = [];
    Object.entries(declared).forEach(([name, kind], i) => {
      if (used.has(name) && kind !== "strings") return;
      const d = flagDoc(keyword, name);
      items.push({
        label: `--${name}`,
        kind: "flag",
        detail: d?.value ? `--${name}=${d.value}` : undefined,
        documentation: d ? flagMarkdown(keyword, name, d) : undefined,
        // Completing the name of a flag that already has its `=value` keeps the value.
        insertText: kind === "bool" || doc.text[replace.end] === "=" ? `--${name}` : `--${name}=`,
        replace,
        sortText: String(i).padStart(2, "0"),
      });
    });
    return items;
  }
  const name = typed.slice(2, eq);
  const value = typed.slice(eq + 1);
  const valueStart = start + eq + 1;
  if (keyword === "RUN" && name === "mount") return mountItems(doc, instruction, offset, valueStart, value);
  const replace = { start: valueStart, end: wordEnd(doc.text, offset, /[^\s,]/) };
  if (keyword === "COPY" && name === "from")
    return stageItems(doc.model, instruction, replace, "name-or-index");
  const d = flagDoc(keyword, name);
  if (!d?.values) return [];
  return valueItems(Object.entries(d.values), replace);
}

function mountItems(
  doc: DocumentSnapshot,
  instruction: Instruction,
  offset: number,
  valueStart: number,
  value: string,
): CompletionItemData[] {
  const comma = value.lastIndexOf(",");
  const field = value.slice(comma + 1);
  const fieldStart = valueStart + comma + 1;
  const earlier = comma < 0 ? [] : value.slice(0, comma).split(",");
  const given = new Set(earlier.map((f) => mountKeyDoc(f.split("=")[0].toLowerCase())?.key ?? ""));
  const type = (earlier.find((f) => f.toLowerCase().startsWith("type="))?.slice(5) ?? "bind").toLowerCase();
  const eq = field.indexOf("=");
  if (eq < 0) {
    const replace = { start: fieldStart, end: wordEnd(doc.text, offset, /[A-Za-z]/) };
    const items: CompletionItemData[] = [];
    (Object.keys(MOUNT_KEY_DOCS) as MountKey[]).forEach((key, i) => {
      const d = MOUNT_KEY_DOCS[key];
      if ("aliasOf" in d || given.has(key)) return;
      if (key === "type" ? given.size > 0 : !d.types.includes(type as (typeof d.types)[number])) return;
      const bare = key === "ro" || key === "rw" || key === "required";
      items.push({
        label: bare ? key : `${key}=`,
        kind: "option",
        detail: d.value ? `${key}=${d.value}` : undefined,
        documentation: mountKeyMarkdown(key, key, d),
        replace,
        sortText: String(i).padStart(2, "0"),
        filterText: key,
      });
    });
    return items;
  }
  const key = field.slice(0, eq).toLowerCase();
  const replace = { start: fieldStart + eq + 1, end: wordEnd(doc.text, offset, /[^\s,]/) };
  const values = (entries: [string, string][]) => valueItems(entries, replace);
  if (key === "type")
    return values(Object.entries(MOUNT_TYPE_DOCS).map(([t, d]) => [t, firstSentence(d.summary)]));
  if (key === "from") return stageItems(doc.model, instruction, replace, "name");
  const found = mountKeyDoc(key);
  if (found?.doc.values) return values(Object.entries(found.doc.values));
  if (BOOLEAN_MOUNT_KEYS.has(key))
    return values([
      ["true", ""],
      ["false", ""],
    ]);
  return [];
}

// --- variables ------------------------------------------------------------------------------------------------------

function variableItems(
  doc: DocumentSnapshot,
  instruction: Instruction,
  offset: number,
  prefix: string,
  lineStart: number,
): CompletionItemData[] {
  const m = /\$(\{?)([A-Za-z0-9_]*)$/.exec(prefix);
  if (!m) return [];
  // `$$` and an escaped `\$` are no references.
  const before = prefix[prefix.length - m[0].length - 1];
  if (before === "$" || before === "\\" || before === doc.ast.escapeChar) return [];
  const braced = m[1] === "{";
  const start = Math.max(lineStart, offset - m[2].length);
  const replace = { start, end: wordEnd(doc.text, offset, /[A-Za-z0-9_]/) };
  const closes = doc.text[replace.end] === "}";
  const scope = doc.model.scopeAt(instruction);
  const items: CompletionItemData[] = [];
  for (const def of scope.values()) {
    const predefined = def.kind === "predefined";
    items.push({
      label: def.name,
      kind: "variable",
      detail: variableDetail(def),
      documentation: definitionMarkdown(doc.model, def),
      insertText: braced && !closes ? `${def.name}}` : undefined,
      replace,
      sortText: `${predefined ? predefinedRank(def.name) : 0}${def.name}`,
    });
  }
  return items;
}

/** The platform ARGs first (they always have a value), then the proxies, then BuildKit's switches. */
function predefinedRank(name: string): number {
  const p = predefinedArg(name);
  return p?.alwaysSet ? 1 : p && !p.globalOnly ? 2 : 3;
}

function variableDetail(def: Definition): string {
  const what = def.kind === "env" ? "ENV" : def.kind === "arg" ? "ARG" : "predefined ARG";
  return def.value !== undefined ? `${what} = ${def.value}` : what;
}

/** After `ARG `: the predefined ARGs and global ARGs that this stage has not declared yet. */
function argNameItems(model: DockerfileModel, instruction: Instruction, replace: Span): CompletionItemData[] {
  const scope = model.scopeAt(instruction);
  const inStage = model.stageOf(instruction) !== undefined;
  const items: CompletionItemData[] = [];
  if (inStage) {
    for (const g of model.globalArgs) {
      const seen = scope.get(g.name);
      if (seen && seen.kind !== "predefined") continue;
      items.push({
        label: g.name,
        kind: "variable",
        detail: g.value !== undefined ? `global ARG = ${g.value}` : "global ARG",
        documentation: `${definitionMarkdown(model, g)}\n\nDeclaring it here makes the global value visible in this stage.`,
        replace,
        sortText: `0${g.name}`,
      });
    }
  }
  for (const p of PREDEFINED_ARGS) {
    const seen = scope.get(p.name);
    if ((seen && seen.kind !== "predefined") || items.some((i) => i.label === p.name)) continue;
    if (!inStage && !p.globalOnly) continue;
    items.push({
      label: p.name,
      kind: "variable",
      detail: "predefined ARG",
      documentation: p.description,
      replace,
      sortText: `1${p.name}`,
    });
  }
  return items;
}

/** The values a table documents, in the table's order, each with its meaning as the detail. */
function valueItems(entries: readonly [string, string][], replace: Span): CompletionItemData[] {
  return entries.map(([v, what], i) => ({
    label: v,
    kind: "value",
    detail: what,
    replace,
    sortText: String(i).padStart(2, "0"),
  }));
}
