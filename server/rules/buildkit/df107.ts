import type { Instruction, Span, VariableReference } from "../../../grammar/index.js";
import { imageEnvironment } from "../../model/baseImages.js";
import type { DockerfileModel, ResolvedReference, Stage } from "../../model/model.js";
import { rootStage } from "../helpers/stages.js";
import { didYouMean } from "../helpers/suggest.js";
import { SuggestionBudget } from "../helpers/suggestionBudget.js";
import { defineRule } from "../types.js";

/** Instructions whose arguments Docker expands itself and checks for undefined variables. FROM has DF106; EXPOSE
 * and HEALTHCHECK flags are expanded without the check; RUN only for its --mount options. */
const CHECKED = new Set([
  "ADD",
  "ARG",
  "COPY",
  "ENV",
  "LABEL",
  "STOPSIGNAL",
  "USER",
  "VOLUME",
  "WORKDIR",
  "RUN",
]);

/** Set by BuildKit for the build itself, never put into the environment, so it does not complain about them. */
/** An instruction's references by name, in order: BuildKit reports a name once per instruction, however often the
 * instruction uses it. */
function byName(refs: readonly ResolvedReference[]): Iterable<VariableReference[]> {
  const map = new Map<string, VariableReference[]>();
  for (const { ref } of refs) {
    const same = map.get(ref.name);
    if (same) same.push(ref);
    else map.set(ref.name, [ref]);
  }
  return map.values();
}

/** Most instructions have no undefined reference: no map for them. */
const NO_REFS: readonly VariableReference[][] = [];

const NOT_ENVIRONMENT = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);

export const df107 = defineRule({
  code: "DF107",
  aliases: ["UndefinedVar"],
  severity: "warning",
  title: "Variable is not defined",
  docs: {
    what: "Finds `$NAME` references that Docker expands itself (in ENV, LABEL, ARG defaults, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL and RUN --mount options) where no ARG or ENV of the stage, or of the stage it is built on, defines NAME. Shell-form RUN, CMD and ENTRYPOINT are left alone: their variables are the shell's business. Proxy variables such as HTTP_PROXY count as undefined unless declared, as in Docker. Like Docker, it reports a name once per instruction, however often the instruction uses it.",
    why: "An undefined variable expands to an empty string without any error, so `COPY $SRC /app` copies the whole context and `ENV PATH=$PAHT:/app/bin` throws the PATH away. A likely misspelling is named in the message. The base image's own ENV counts for the official images (and a few other common ones) whose variables we know by name, such as GOPATH in golang; on any other base image a name is only reported where the file points at a mistake (a likely misspelling, a global ARG not declared again in the stage, a name defined elsewhere in the file), since the image may well set it.",
    bad: "FROM alpine\nENV PATH=$PAHT:/app/bin",
    good: "FROM alpine\nENV PATH=$PATH:/app/bin",
  },
  check(ctx) {
    const { model } = ctx;
    const found = new Map<Instruction, ResolvedReference[]>();
    for (let referenceIndex = 0; referenceIndex < model.references.length; referenceIndex++) {
      const resolved = model.references[referenceIndex];
      // Defined first: it is the cheap question and settles most references. With isChecked making no closure, DF107's
      // allocations per lint of the corpus (sampling heap profile, warm, every rule on) 1.92 -> 0.95 MB.
      if (!resolved.stage || isDefined(resolved) || !isChecked(resolved)) continue;
      if (NOT_ENVIRONMENT.has(resolved.ref.name)) continue;
      const list = found.get(resolved.instruction);
      if (list) list.push(resolved);
      else found.set(resolved.instruction, [resolved]);
    }
    if (found.size === 0) return;
    // Names for "did you mean": what ARG and ENV have defined so far in the stage and the stages it builds on,
    // collected in one pass instead of asking the model for the scope of every line.
    const definedBy = new Map<Instruction, string[]>();
    for (let definitionIndex = 0; definitionIndex < model.definitions.length; definitionIndex++) {
      const def = model.definitions[definitionIndex];
      if (def.kind === "predefined" || !def.instruction || def.instruction.parentOnbuild) continue;
      const list = definedBy.get(def.instruction);
      if (list) list.push(def.name);
      else definedBy.set(def.instruction, [def.name]);
    }
    const namesAtEnd = new Map<Stage, Names>();
    const suggestions = new SuggestionBudget();
    const globalArgs = new Set(model.globalArgs.map((d) => d.name));
    const definedSomewhere = new Set(
      model.definitions.filter((d) => d.kind !== "predefined").map((d) => d.name),
    );
    for (let stageIndex = 0; stageIndex < model.stages.length; stageIndex++) {
      const stage = model.stages[stageIndex];
      const parent = stage.base.kind === "stage" ? namesAtEnd.get(stage.base.stage) : undefined;
      const names = new Names(parent);
      // Worked out for a stage with an undefined name only: imageEnvironment makes a set of the image's names.
      let base: ReturnType<typeof imageBase> | null = null;
      for (let instructionIndex = 0; instructionIndex < stage.instructions.length; instructionIndex++) {
        const instruction = stage.instructions[instructionIndex];
        const refs = found.get(instruction);
        if (refs && base === null) base = imageBase(ctx.model, stage);
        for (const [ref, ...again] of refs ? byName(refs) : NO_REFS) {
          const name = ref.name;
          if (base?.env?.has(name)) continue;
          const suggestion = suggestions.closest(name, names.list);
          // Of an image we know nothing about, a name is reported only where the file itself points at a mistake:
          // a misspelling, a global ARG not declared again in the stage, a name the file defines elsewhere.
          // Otherwise the image most likely sets it (BuildKit, which reads the image's config, would know).
          // PATH is always a candidate, so it only counts for names about as long (`$PAHT`, not `$LD_LIBRARY_PATH`).
          const misspelt =
            suggestion !== undefined && (suggestion !== "PATH" || Math.abs(name.length - 4) <= 1);
          const evidence = misspelt || globalArgs.has(name) || definedSomewhere.has(name);
          if (base && !base.env && !evidence) continue;
          ctx.report({
            span: ref.span,
            related: again.map((r) => ({ span: r.span, message: `'$${r.name}' is used here too` })),
            message:
              `'$${name}' is not defined by an ARG or ENV before this line` +
              (!base
                ? ", so it expands to an empty string"
                : base.env
                  ? `, nor by the base image ${base.shown}, so it expands to an empty string`
                  : `, so it expands to an empty string unless the base image ${base.shown} sets it`) +
              (globalArgs.has(name) && !names.has(name)
                ? ` (an ARG before the first FROM is only seen by FROM lines: declare ARG ${name} again in this stage)`
                : "") +
              didYouMean(suggestion === undefined ? undefined : `$${suggestion}`),
          });
        }
        for (const name of definedBy.get(instruction) ?? []) names.add(name);
      }
      namesAtEnd.set(stage, names);
    }
  },
});

/** Names defined so far, in definition order, without repeats. */
class Names {
  readonly list: string[];
  private readonly seen: Set<string>;
  constructor(from?: Names) {
    this.list = from ? [...from.list] : ["PATH"];
    this.seen = new Set(this.list);
  }
  has(name: string): boolean {
    return this.seen.has(name);
  }
  add(name: string): void {
    if (this.seen.has(name)) return;
    this.seen.add(name);
    this.list.push(name);
  }
}

function isChecked({ ref, instruction }: ResolvedReference): boolean {
  if (ref.expandedBy !== "docker" || instruction.parentOnbuild || !CHECKED.has(instruction.keyword))
    return false;
  // BuildKit refuses variables in COPY --from outright; that is another problem than an undefined name.
  if (instruction.keyword === "COPY" || instruction.keyword === "ADD")
    return !inFlag(instruction, "from", ref);
  if (instruction.keyword === "RUN") return inFlag(instruction, "mount", ref);
  return true;
}

function inFlag(instruction: Instruction, name: string, ref: VariableReference): boolean {
  for (const f of instruction.flags) if (f.name === name && contains(f.span, ref)) return true;
  return false;
}

/** Defined by ARG or ENV in scope; PATH always has a value (BuildKit sets a default on Linux). */
function isDefined({ ref, definition }: ResolvedReference): boolean {
  return ref.name === "PATH" || (definition !== undefined && definition.kind !== "predefined");
}

/**
 * The image a stage is ultimately built on, as written, with the ENV names it is known to set (undefined when it
 * is not in our table); undefined when the stage starts from scratch (then nothing is hidden).
 */
function imageBase(
  model: DockerfileModel,
  stage: Stage,
): { shown: string; env?: ReadonlySet<string> } | undefined {
  const root = rootStage(model, stage);
  if (root.base.kind !== "image") return undefined;
  const ref = root.base.unresolved ? undefined : root.base.ref;
  return { shown: `'${root.base.raw}'`, env: ref ? imageEnvironment(ref) : undefined };
}

function contains(span: Span, ref: VariableReference): boolean {
  return ref.span.start >= span.start && ref.span.end <= span.end;
}
