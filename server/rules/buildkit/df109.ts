/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax */
import { expandWord } from "../../../grammar/shell.js";
import { parseImageRef } from "../../model/imageRef.js";
import type { Stage } from "../../model/model.js";
import { type DefaultGlobalArgs, defaultGlobalArgs } from "../helpers/fromArgs.js";
import { defineRule } from "../types.js";

export const df109 = defineRule({
  code: "DF109",
  aliases: ["InvalidDefaultArgInFrom"],
  severity: "warning",
  title: "FROM is invalid with the ARG defaults",
  docs: {
    what: "Expands each FROM image that uses global ARGs with the values the ARGs have when the build passes no `--build-arg`, and reports the line when the result is empty or not a valid image reference.",
    why: "A Dockerfile should build as it stands. `ARG TAG` without a default turns `FROM busybox:${TAG}` into `busybox:`, which fails unless every caller remembers `--build-arg TAG=...`. Give the ARG a default, or a fallback in place with `${TAG:-latest}`.",
    bad: "ARG TAG\nFROM busybox:${TAG}",
    good: "ARG TAG=latest\nFROM busybox:${TAG}",
  },
  check(ctx) {
    // Most files have no variable in a FROM image, and then need neither the defaults nor the stage names (copying
    // the automatic ARGs' map was most of this rule: DF109 alone over the corpus 5 -> 3 ms CPU).
    let defaults: DefaultGlobalArgs | undefined;
    let firstStage: Map<string, number> | undefined;
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const word = stage.from.words[0];
      if (!word || stage.from.variables.length === 0) continue;
      const refs = stage.from.variables.filter(
        (r) => r.span.start >= word.span.start && r.span.end <= word.span.end,
      );
      if (refs.length === 0) continue;
      defaults ??= defaultGlobalArgs(ctx.model);
      firstStage ??= firstStages(ctx.model.stages);
      const { values, withoutDefault, unknown } = defaults;
      if (refs.some((r) => unknown.has(r.name))) continue;
      let image: string;
      try {
        image = expandWord(word.text, values, { escapeChar: ctx.ast.escapeChar }).value;
      } catch {
        continue; // a ${X:?} error or bad substitution is reported elsewhere
      }
      // A name of an earlier stage is a stage, not an image reference.
      if ((firstStage.get(image.toLowerCase()) ?? stage.index) < stage.index) continue;
      const parsed = parseImageRef(image);
      if (parsed.ok) continue;
      const bare = [...new Set(refs.map((r) => r.name).filter((n) => withoutDefault.has(n)))];
      const because =
        bare.length > 0 ? ` (${bare.join(", ")} ${bare.length === 1 ? "has" : "have"} no default)` : "";
      ctx.report({
        span: word.span,
        message:
          image === ""
            ? `without --build-arg this FROM resolves to an empty image name${because}`
            : `without --build-arg this FROM resolves to '${image}', which is not a valid image reference: ${parsed.error}${because}`,
      });
    }
  },
});

/** Lower-cased stage name -> index of the first stage with it. */
function firstStages(stages: readonly Stage[]): Map<string, number> {
  const first = new Map<string, number>();
  for (const s of stages) {
    const key = s.name?.toLowerCase();
    if (key !== undefined && !first.has(key)) first.set(key, s.index);
  }
  return first;
}
