import type { Instruction, Span, VariableReference } from "../../../grammar/index.js";
import type { ResolvedReference, Stage } from "../../model/model.js";
import { stageChain } from "../helpers/stages.js";
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
const NOT_ENVIRONMENT = new Set(["BUILDKIT_SBOM_SCAN_CONTEXT", "BUILDKIT_SBOM_SCAN_STAGE"]);

export const df107 = defineRule({
  code: "DF107",
  aliases: ["UndefinedVar"],
  severity: "warning",
  title: "Variable is not defined",
  docs: {
    what: "Finds `$NAME` references that Docker expands itself (in ENV, LABEL, ARG defaults, COPY, ADD, WORKDIR, USER, VOLUME, STOPSIGNAL and RUN --mount options) where no ARG or ENV of the stage, or of the stage it is built on, defines NAME. Shell-form RUN, CMD and ENTRYPOINT are left alone: their variables are the shell's business. Proxy variables such as HTTP_PROXY count as undefined unless declared, as in Docker. Like Docker, it reports a name once per instruction, however often the instruction uses it.",
    why: "An undefined variable expands to an empty string without any error, so `COPY $SRC /app` copies the whole context and `ENV PATH=$PAHT:/app/bin` throws the PATH away. A likely misspelling is named in the message. The check cannot see the base image's own ENV: a variable the base image sets is reported too, and can be declared or ignored.",
    bad: "FROM alpine\nENV PATH=$PAHT:/app/bin",
    good: "FROM alpine\nENV PATH=$PATH:/app/bin",
  },
  check(ctx) {
    const { model } = ctx;
    const found = new Map<Instruction, ResolvedReference[]>();
    for (const resolved of model.references) {
      if (!resolved.stage || !isChecked(resolved) || isDefined(resolved)) continue;
      if (NOT_ENVIRONMENT.has(resolved.ref.name)) continue;
      const list = found.get(resolved.instruction);
      if (list) list.push(resolved);
      else found.set(resolved.instruction, [resolved]);
    }
    if (found.size === 0) return;
    // Names for "did you mean": what ARG and ENV have defined so far in the stage and the stages it builds on,
    // collected in one pass instead of asking the model for the scope of every line.
    const definedBy = new Map<Instruction, string[]>();
    for (const def of model.definitions) {
      if (def.kind === "predefined" || !def.instruction || def.instruction.parentOnbuild) continue;
      const list = definedBy.get(def.instruction);
      if (list) list.push(def.name);
      else definedBy.set(def.instruction, [def.name]);
    }
    const namesAtEnd = new Map<Stage, Names>();
    const suggestions = new SuggestionBudget();
    for (const stage of model.stages) {
      const parent = stage.base.kind === "stage" ? namesAtEnd.get(stage.base.stage) : undefined;
      const names = new Names(parent);
      const base = imageBase(stage);
      for (const instruction of stage.instructions) {
        // BuildKit reports a name once per instruction, however often the instruction uses it.
        const byName = new Map<string, VariableReference[]>();
        for (const { ref } of found.get(instruction) ?? []) {
          const same = byName.get(ref.name);
          if (same) same.push(ref);
          else byName.set(ref.name, [ref]);
        }
        for (const [ref, ...again] of byName.values()) {
          const suggestion = suggestions.closest(ref.name, names.list);
          ctx.report({
            span: ref.span,
            related: again.map((r) => ({ span: r.span, message: `'$${r.name}' is used here too` })),
            message:
              `'$${ref.name}' is not defined by an ARG or ENV before this line, so it expands to an empty string` +
              (base ? ` unless the base image ${base} sets it` : "") +
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
  add(name: string): void {
    if (this.seen.has(name)) return;
    this.seen.add(name);
    this.list.push(name);
  }
}

function isChecked({ ref, instruction }: ResolvedReference): boolean {
  if (ref.expandedBy !== "docker" || instruction.parentOnbuild || !CHECKED.has(instruction.keyword))
    return false;
  const inFlag = (name: string) => instruction.flags.some((f) => f.name === name && contains(f.span, ref));
  // BuildKit refuses variables in COPY --from outright; that is another problem than an undefined name.
  if (instruction.keyword === "COPY" || instruction.keyword === "ADD") return !inFlag("from");
  if (instruction.keyword === "RUN") return inFlag("mount");
  return true;
}

/** Defined by ARG or ENV in scope; PATH always has a value (BuildKit sets a default on Linux). */
function isDefined({ ref, definition }: ResolvedReference): boolean {
  return ref.name === "PATH" || (definition !== undefined && definition.kind !== "predefined");
}

/** The image a stage is ultimately built on, or undefined when it starts from scratch (then nothing is hidden). */
function imageBase(stage: Stage): string | undefined {
  const root = stageChain(stage).at(-1) ?? stage;
  return root.base.kind === "image" ? `'${root.base.raw}'` : undefined;
}

function contains(span: Span, ref: VariableReference): boolean {
  return ref.span.start >= span.start && ref.span.end <= span.end;
}
