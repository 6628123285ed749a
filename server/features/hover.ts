import type { Directive, Flag, Heredoc, Instruction, Span, VariableReference } from "../../grammar/index.js";
import type { ImageRef } from "../model/imageRef.js";
import {
  type Definition,
  type DockerfileModel,
  factKey,
  type Stage,
  type StageEdge,
} from "../model/model.js";
import { parseMountFlag } from "../model/mounts.js";
import { ignorePragmas } from "../model/pragmas.js";
import { predefinedArg } from "../model/predefined.js";
import { ruleFor, rulesFor } from "../rules/index.js";
import type { Finding } from "../rules/types.js";
import { DIRECTIVE_DOCS, DIRECTIVE_PITFALL, PRAGMA_DOCS, SIGNALS } from "./docs/directives.js";
import { FLAG_DOCS, type FlagDoc, flagDoc, MOUNT_TYPE_DOCS, mountKeyDoc } from "./docs/flags.js";
import { fence, INSTRUCTION_DOCS, isInstructionKeyword } from "./docs/instructions.js";
import type { DocumentSnapshot } from "./snapshot.js";

export interface Hover {
  /** Markdown. */
  markdown: string;
  /** The hovered range. */
  span: Span;
}

/** Start and end inclusive: a cursor right after a word still hovers it. */
const within = (span: Span | undefined, offset: number): span is Span =>
  span !== undefined && offset >= span.start && offset <= span.end;

/**
 * What to show for the text at `offset` (a UTF-16 offset into `doc.text`), or undefined when there is nothing: the
 * instruction, flag, variable, stage or image under the cursor, followed by the findings there.
 */
export function hover(doc: DocumentSnapshot, offset: number): Hover | undefined {
  const main = elementHover(doc, offset);
  const findings = doc.findings.filter((f) => within(f.span, offset));
  if (!main && findings.length === 0) return undefined;
  const parts = main ? [main.markdown] : [];
  for (const f of findings) parts.push(findingMarkdown(f));
  return { markdown: parts.join("\n\n---\n\n"), span: main?.span ?? findings[0].span };
}

function elementHover(doc: DocumentSnapshot, offset: number): Hover | undefined {
  const { ast, model } = doc;
  const directive = ast.directives.find((d) => within(d.span, offset));
  if (directive) return directiveHover(directive, offset);
  const instruction = model.instructionAt(offset);
  const comment = (instruction?.comments ?? ast.comments).find((c) => within(c.span, offset));
  if (comment) return pragmaHover(model, comment.text, comment.span, offset);
  if (!instruction) return undefined;

  const ref = instruction.variables.find((r) => within(r.span, offset));
  if (ref) return { markdown: variableMarkdown(model, instruction, ref), span: ref.span };
  if (instruction.heredocs.some((h) => within(h.body, offset) && offset < h.body.end)) return undefined;
  const heredoc = instruction.heredocs.find(
    (h) => within(h.marker.span, offset) || within(h.terminator, offset),
  );
  if (heredoc) {
    const span = within(heredoc.marker.span, offset)
      ? heredoc.marker.span
      : (heredoc.terminator ?? heredoc.marker.span);
    return { markdown: heredocMarkdown(instruction.keyword, heredoc), span };
  }

  if (within(instruction.keywordSpan, offset)) {
    if (!isInstructionKeyword(instruction.keyword)) return undefined;
    return { markdown: instructionMarkdown(instruction.keyword), span: instruction.keywordSpan };
  }
  const flag = instruction.flags.find((f) => within(f.span, offset));
  if (flag) return flagHover(doc, instruction, flag, offset);
  return argumentHover(model, instruction, offset);
}

// --- instructions and flags -------------------------------------------------------------------------------------

export function instructionMarkdown(keyword: keyof typeof INSTRUCTION_DOCS): string {
  const d = INSTRUCTION_DOCS[keyword];
  const parts = [`**${keyword}** — ${d.summary}`, fence(d.forms.join("\n"))];
  const flags = Object.keys(flagTableOf(keyword));
  if (flags.length > 0) parts.push(`Flags: ${flags.map((f) => `\`--${f}\``).join(", ")}`);
  if (d.pitfalls.length > 0) parts.push(`Watch out:\n${d.pitfalls.map((p) => `- ${p}`).join("\n")}`);
  parts.push(`Example:\n${fence(d.example)}`);
  return parts.join("\n\n");
}

function flagTableOf(keyword: string): Readonly<Record<string, FlagDoc>> {
  return Object.hasOwn(FLAG_DOCS, keyword) ? FLAG_DOCS[keyword as keyof typeof FLAG_DOCS] : {};
}

export function flagMarkdown(keyword: string, name: string, d: FlagDoc): string {
  const head = `**${keyword} --${name}${d.value ? `=${d.value}` : ""}**`;
  const parts = [`${head} — ${d.summary}`];
  if (d.values) parts.push(valueList(d.values));
  if (d.availability) parts.push(`Availability: ${d.availability}.`);
  parts.push(`Example: \`${d.example}\``);
  return parts.join("\n\n");
}

function valueList(values: Readonly<Record<string, string>>): string {
  return Object.entries(values)
    .map(([v, what]) => `- \`${v}\`: ${what}`)
    .join("\n");
}

function flagHover(
  doc: DocumentSnapshot,
  instruction: Instruction,
  flag: Flag,
  offset: number,
): Hover | undefined {
  const kw = instruction.keyword;
  if (kw === "RUN" && flag.name === "mount" && within(flag.valueSpan, offset)) {
    const option = mountOptionHover(doc, flag, offset);
    if (option) return option;
  }
  if (kw === "COPY" && flag.name === "from" && flag.value && within(flag.valueSpan, offset)) {
    const stage = doc.model.stageByName(flag.value);
    if (stage && flag.valueSpan) return { markdown: stageMarkdown(doc.model, stage), span: flag.valueSpan };
  }
  const d = flagDoc(kw, flag.name);
  if (!d) return undefined;
  const markdown = flagMarkdown(kw, flag.name, d);
  const value = flag.value !== undefined && d.values ? d.values[flag.value] : undefined;
  return {
    markdown: value ? `${markdown}\n\nHere: \`${flag.value}\`, ${value}.` : markdown,
    span: flag.span,
  };
}

function mountOptionHover(doc: DocumentSnapshot, flag: Flag, offset: number): Hover | undefined {
  const mount = parseMountFlag(flag, doc.text);
  const option = mount.options.find((o) => within(o.span, offset));
  if (!option?.span) return undefined;
  if (option.key === "type" && within(option.valueSpan, offset)) {
    const type = (option.value ?? "").toLowerCase();
    if (Object.hasOwn(MOUNT_TYPE_DOCS, type)) {
      const d = MOUNT_TYPE_DOCS[type as keyof typeof MOUNT_TYPE_DOCS];
      return {
        markdown: `**--mount type=${type}** — ${d.summary}\n\nExample: \`${d.example}\``,
        span: option.span,
      };
    }
  }
  if (option.key === "from" && option.value && within(option.valueSpan, offset)) {
    const stage = doc.model.stageByName(option.value);
    if (stage && option.valueSpan && !/^\d+$/.test(option.value))
      return { markdown: stageMarkdown(doc.model, stage), span: option.valueSpan };
  }
  const found = mountKeyDoc(option.key);
  if (!found) return undefined;
  return { markdown: mountKeyMarkdown(option.key, found.key, found.doc), span: option.span };
}

export function mountKeyMarkdown(
  written: string,
  key: string,
  d: { summary: string; value?: string; types: readonly string[]; values?: Readonly<Record<string, string>> },
): string {
  const alias = written !== key ? ` (same as \`${key}\`)` : "";
  const parts = [`**--mount ${written}${d.value ? `=${d.value}` : ""}**${alias} — ${d.summary}`];
  if (d.values) parts.push(valueList(d.values));
  parts.push(`Applies to: ${d.types.map((t) => `\`type=${t}\``).join(", ")}`);
  return parts.join("\n\n");
}

function heredocMarkdown(keyword: string, h: Heredoc): string {
  const what =
    keyword === "RUN"
      ? "the lines up to the terminator are a script, run by the shell (or by the program a `#!` line names)"
      : "the lines up to the terminator become a file with that content";
  const parts = [
    `**Heredoc \`<<${h.marker.chomp ? "-" : ""}${h.marker.name}\`** — ${what}; it ends at a line that is exactly \`${h.marker.name}\`.`,
  ];
  parts.push(
    h.marker.expand
      ? "The delimiter is unquoted, so variables in the body are expanded" +
          (keyword === "RUN" ? " (by the shell)." : " (by Docker, with the build's ARG and ENV values).")
      : "The delimiter is quoted, so the body is taken literally: no variable expansion.",
  );
  if (h.marker.chomp) parts.push("`<<-` strips leading tabs from the body lines and from the terminator.");
  if (!h.terminator) parts.push("No terminator line: the heredoc runs to the end of the file.");
  return parts.join("\n\n");
}

// --- arguments: images, stages, declarations ---------------------------------------------------------------------

function argumentHover(model: DockerfileModel, instruction: Instruction, offset: number): Hover | undefined {
  const kw = instruction.keyword;
  const word = instruction.words.find((w) => within(w.span, offset));
  if (kw === "FROM") {
    const stage = model.stages.find((s) => s.from === instruction);
    if (!stage || !word) return undefined;
    if (word === instruction.words[0]) return { markdown: baseMarkdown(model, stage), span: word.span };
    if (word === instruction.words[1] && word.text.toUpperCase() === "AS")
      return {
        markdown:
          "**AS** — names the stage, so `COPY --from=`, `RUN --mount=from=`, a later `FROM` and `docker build --target` can refer to it.",
        span: word.span,
      };
    if (stage.nameSpan && within(stage.nameSpan, offset))
      return { markdown: stageMarkdown(model, stage), span: stage.nameSpan };
    return undefined;
  }
  if (kw === "ARG") {
    const decl = instruction.declarations?.find((d) => within(d.nameSpan, offset));
    const def =
      decl && model.definitions.find((d) => d.instruction === instruction && d.nameSpan === decl.nameSpan);
    if (decl && def) return { markdown: definitionMarkdown(model, def), span: decl.nameSpan };
    return undefined;
  }
  if (kw === "ENV") {
    const pair = instruction.pairs?.find((p) => within(p.keySpan, offset));
    const def =
      pair && model.definitions.find((d) => d.instruction === instruction && d.nameSpan === pair.keySpan);
    if (pair && def) return { markdown: definitionMarkdown(model, def), span: pair.keySpan };
    return undefined;
  }
  if (kw === "STOPSIGNAL" && word) {
    const upper = word.text.toUpperCase();
    const signal = SIGNALS.find(
      (s) => s.name === upper || s.name === `SIG${upper}` || String(s.number) === upper,
    );
    if (signal)
      return { markdown: `**${signal.name}** (${signal.number}) — ${signal.summary}.`, span: word.span };
    return undefined;
  }
  if (kw === "HEALTHCHECK" && word && word === instruction.words[0]) {
    const upper = word.text.toUpperCase();
    if (upper === "CMD")
      return {
        markdown: "**HEALTHCHECK CMD** — the check command follows, in shell or exec form.",
        span: word.span,
      };
    if (upper === "NONE")
      return {
        markdown: "**HEALTHCHECK NONE** — turns off any health check inherited from the base image.",
        span: word.span,
      };
  }
  return undefined;
}

/** Inline code that survives backticks in the text. */
function code(text: string): string {
  const runs = text.match(/`+/g) ?? [];
  const fenceLength = Math.max(0, ...runs.map((r) => r.length)) + 1;
  const f = "`".repeat(fenceLength);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${f}${pad}${text}${pad}${f}`;
}

function lineOf(model: DockerfileModel, span: Span): number {
  return model.ast.lines.lineAt(span.start) + 1;
}

function firstLine(model: DockerfileModel, instruction: Instruction): string {
  const text = model.ast.text.slice(instruction.span.start, instruction.span.end);
  const nl = text.search(/\r?\n/);
  return nl < 0 ? text : `${text.slice(0, nl)} …`;
}

function stageLabel(stage: Stage): string {
  return stage.name ? code(stage.name) : String(stage.index);
}

export function stageMarkdown(model: DockerfileModel, stage: Stage): string {
  const parts = [
    `**Stage ${stageLabel(stage)}** (index ${stage.index}, line ${lineOf(model, stage.from.span)})`,
  ];
  parts.push(`Built from: ${baseLine(stage)}`);
  const uses = usesOf(model).get(stage) ?? [];
  if (uses.length > 0) {
    const list = uses.map((e) => `- line ${lineOf(model, e.span)}: ${code(firstLine(model, e.instruction))}`);
    parts.push(`Used by:\n${list.join("\n")}`);
  } else if (stage.index === model.stages.length - 1) {
    parts.push("The last stage: the image `docker build` produces unless `--target` names another.");
  } else {
    parts.push("Not used by a later stage: a plain `docker build` skips it unless `--target` names it.");
  }
  return parts.join("\n\n");
}

const USES = factKey<Map<Stage, StageEdge[]>>("uses of stages");

/** The edges into each stage, grouped once per model: completion documents every stage of a file at once. */
function usesOf(model: DockerfileModel): Map<Stage, StageEdge[]> {
  return model.fact(USES, () => {
    const uses = new Map<Stage, StageEdge[]>();
    for (const e of model.edges) {
      if (!("index" in e.to)) continue;
      const list = uses.get(e.to);
      if (list) list.push(e);
      else uses.set(e.to, [e]);
    }
    return uses;
  });
}

function baseLine(stage: Stage): string {
  const base = stage.base;
  if (base.kind === "scratch") return "`scratch` (the empty image)";
  if (base.kind === "stage") return `stage ${stageLabel(base.stage)}`;
  return base.text ? `image \`${base.text}\`` : "nothing (FROM has no image)";
}

function baseMarkdown(model: DockerfileModel, stage: Stage): string {
  const base = stage.base;
  if (base.kind === "stage")
    return `**FROM stage ${stageLabel(base.stage)}** — this stage continues from it: files, ENV, ARG, WORKDIR and USER carry over.\n\n${stageMarkdown(model, base.stage)}`;
  if (base.kind === "scratch")
    return "**scratch** — the empty image: no files, no shell, no user database. Only COPY/ADD can fill it; RUN has nothing to run.";
  const parts = [`**Image** \`${base.raw}\``];
  if (base.text !== base.raw) parts.push(`Expands to \`${base.text}\` with the global ARG defaults.`);
  if (base.unresolved)
    parts.push("Uses variables without a known value: the image is only known at build time.");
  if (base.ref) parts.push(imageTable(base.ref));
  const platform = stage.platform?.value;
  parts.push(
    platform
      ? `Platform: \`${platform}\` (from \`--platform\`).`
      : "Platform: the target platform (`$TARGETPLATFORM`, set by `docker build --platform`); `--platform=$BUILDPLATFORM` runs the stage on the build machine's platform instead.",
  );
  return parts.join("\n\n");
}

function imageTable(ref: ImageRef): string {
  const rows: [string, string][] = [
    [
      "Registry",
      ref.registry ? `\`${ref.registry}\`` : `\`${ref.normalized.registry}\` (Docker Hub, the default)`,
    ],
    ["Name", `\`${ref.normalized.path}\``],
    [
      "Tag",
      ref.tag ? `\`${ref.tag}\`` : ref.digest ? "none (the digest decides)" : "`latest` (none written)",
    ],
    ["Digest", ref.digest ? `\`${ref.digest}\`` : "none: the tag can move to another image"],
  ];
  return `| | |\n|---|---|\n${rows.map(([k, v]) => `| ${k} | ${v} |`).join("\n")}`;
}

// --- variables ----------------------------------------------------------------------------------------------------

const RUNTIME = new Set(["CMD", "ENTRYPOINT", "HEALTHCHECK"]);

function variableMarkdown(model: DockerfileModel, instruction: Instruction, ref: VariableReference): string {
  const resolved = model.references.find((r) => r.ref === ref);
  const def = resolved?.definition;
  const head = `**\`$${ref.name}\`**`;
  const runtime = RUNTIME.has(instruction.keyword) && ref.expandedBy === "shell";
  const parts: string[] = [];
  if (!def) {
    const predefined = predefinedArg(ref.name);
    if (predefined?.globalOnly && instruction.keyword !== "FROM")
      parts.push(
        `${head} — predefined build argument: ${predefined.description}`,
        `Not visible here: inside a stage it needs \`ARG ${ref.name}\` first.`,
      );
    else
      parts.push(
        `${head} — not defined in this Dockerfile before this point: ${
          runtime
            ? "the shell expands it when the container starts, from the image's environment (the base image may set it), else it is empty."
            : ref.expandedBy === "shell"
              ? "the shell expands it, from the environment of the build step (the base image may set it), else it is empty."
              : "Docker expands it to an empty string."
        }`,
      );
  } else {
    parts.push(definitionMarkdown(model, def));
    if (runtime && def.kind !== "env")
      parts.push(
        "This command runs when the container starts, where build arguments no longer exist: it sees an empty value unless an ENV sets it.",
      );
  }
  if (ref.modifier) parts.push(`Written with \`${ref.modifier}\`: ${modifierMeaning(ref.modifier)}`);
  return parts.join("\n\n");
}

function modifierMeaning(modifier: string): string {
  switch (modifier) {
    case ":-":
      return "the word after it is used when the variable is unset or empty.";
    case "-":
      return "the word after it is used when the variable is unset.";
    case ":+":
      return "the word after it is used when the variable is set and not empty, else nothing.";
    case "+":
      return "the word after it is used when the variable is set, else nothing.";
    case ":?":
    case "?":
      return "the build fails with the word as message when the variable is unset.";
    default:
      return "a pattern is removed from or replaced in the value.";
  }
}

export function definitionMarkdown(model: DockerfileModel, def: Definition): string {
  const head = `**\`$${def.name}\`**`;
  if (def.kind === "predefined") {
    const p = predefinedArg(def.name);
    const always = p?.alwaysSet
      ? " BuildKit sets it for every build."
      : " Empty unless `--build-arg` sets it.";
    return `${head} — predefined build argument: ${p?.description ?? ""}${always}`;
  }
  const what =
    def.kind === "arg"
      ? "build argument (ARG: exists only while building)"
      : "environment variable (ENV: stored in the image)";
  const parts = [`${head} — ${what}`];
  if (def.instruction && def.nameSpan) {
    const where = def.stage ? `stage ${stageLabel(def.stage)}` : "the global scope (before the first FROM)";
    parts.push(
      `Defined on line ${lineOf(model, def.nameSpan)} in ${where}: ${code(firstLine(model, def.instruction))}`,
    );
  }
  parts.push(valueLine(model, def));
  return parts.join("\n\n");
}

function valueLine(model: DockerfileModel, def: Definition): string {
  const decl = def.instruction?.declarations?.find((d) => d.nameSpan === def.nameSpan);
  if (def.value !== undefined) {
    const value = def.value === "" ? "Value: empty" : `Value: ${code(def.value)}`;
    const fromGlobal = def.stage !== undefined && decl !== undefined && decl.defaultValue === undefined;
    const global = fromGlobal ? model.globalArgs.find((g) => g.name === def.name) : undefined;
    return global?.nameSpan
      ? `${value} (the default of the global ARG on line ${lineOf(model, global.nameSpan)})`
      : value;
  }
  if (def.kind === "arg" && decl && decl.defaultValue === undefined) {
    const global = model.globalArgs.find((g) => g.name === def.name);
    if (!global) return `No default: empty unless the build passes \`--build-arg ${def.name}=…\`.`;
  }
  return "Value: only known at build time (it depends on a build argument without a default).";
}

// --- directives, pragmas, findings -------------------------------------------------------------------------------

function directiveHover(d: Directive, offset: number): Hover | undefined {
  if (!Object.hasOwn(DIRECTIVE_DOCS, d.name)) return undefined;
  const doc = DIRECTIVE_DOCS[d.name as keyof typeof DIRECTIVE_DOCS];
  const parts = [`**# ${d.name}=** — parser directive. ${doc.summary}`, fence(doc.form)];
  const known = doc.values[d.value];
  if (within(d.valueSpan, offset) && known) parts.push(`\`${d.value}\`: ${known}`);
  if (d.name === "check" && within(d.valueSpan, offset)) {
    // The Docker check named under the cursor, e.g. `skip=JSONArgsRecommended`.
    const at = offset - d.valueSpan.start;
    const start = d.value.slice(0, at).search(/[A-Za-z0-9]*$/);
    const word = d.value.slice(start).match(/^[A-Za-z0-9]*/)?.[0] ?? "";
    const rules = word ? rulesFor(word) : [];
    if (rules.length > 0) parts.push(rules.map((r) => `\`${word}\`: ${r.code}, ${r.title}`).join("\n\n"));
  }
  parts.push([...doc.pitfalls, DIRECTIVE_PITFALL].map((p) => `- ${p}`).join("\n"));
  return { markdown: parts.join("\n\n"), span: d.span };
}

const SHELL_PRAGMA = /^\s*(hadolint|dflint)\s+shell\s*=\s*(.*)$/i;

function pragmaHover(model: DockerfileModel, text: string, span: Span, offset: number): Hover | undefined {
  const pragma = ignorePragmas(model.ast).find((p) => p.span.start === span.start);
  if (!pragma) {
    const shell = SHELL_PRAGMA.exec(text);
    return shell
      ? { markdown: `**# ${shell[1].toLowerCase()} shell=** — ${PRAGMA_DOCS.shell}`, span }
      : undefined;
  }
  const name = pragma.names.find((n) => within(n.span, offset));
  if (name) {
    const rule = ruleFor(name.name);
    const markdown = rule
      ? `**${rule.code}** — ${rule.title}\n\n${rule.docs.what}`
      : `**${name.name}** — no rule has this code or name.`;
    return { markdown, span: name.span };
  }
  const tool = /^\s*(hadolint|dflint)/i.exec(text)?.[1].toLowerCase() ?? "dflint";
  const key = pragma.scope === "instruction" ? "ignore" : (`${pragma.scope} ignore` as const);
  const parts = [`**# ${tool} ${key}=** — ${PRAGMA_DOCS[key]}`];
  if (pragma.names.length > 0)
    parts.push(
      pragma.names
        .map((n) => {
          const rule = ruleFor(n.name);
          return rule ? `- \`${n.name}\`: ${rule.title}` : `- \`${n.name}\`: no such rule`;
        })
        .join("\n"),
    );
  if (pragma.target && pragma.scope !== "global") {
    const target = pragma.scope === "stage" ? "the stage starting" : "the instruction";
    parts.push(
      `Applies to ${target} on line ${lineOf(model, pragma.target.span)}: ${code(firstLine(model, pragma.target))}`,
    );
  }
  if (pragma.reason) parts.push(`Reason: ${pragma.reason}`);
  return { markdown: parts.join("\n\n"), span };
}

function findingMarkdown(f: Finding): string {
  const rule = ruleFor(f.code);
  const parts = [`**${f.code}** (${f.severity}) — ${f.message}`];
  if (rule) parts.push(`*${rule.title}.* ${rule.docs.why}`);
  return parts.join("\n\n");
}
