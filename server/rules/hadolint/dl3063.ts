import { defineRule } from "../types.js";

const RESERVED = new Set(["scratch", "context"]);

/** One rule, Docker's definition under both names: `AS Scratch` is reserved too, since BuildKit lowercases stage names
 * (hadolint compares as written). */
export const dl3063 = defineRule({
  code: "DL3063",
  aliases: ["ReservedStageName"],
  severity: "warning",
  title: "Reserved stage name",
  docs: {
    what: "Finds stages named `scratch` or `context` (in any letter case).",
    why: "Both words already mean something to the builder: `FROM scratch` is the empty image and `context` names the build context in named-context builds. Naming a stage after one of them makes `FROM scratch` or `--from=context` ambiguous to readers, and Docker's own checks warn about it.",
    bad: "FROM alpine:3.19 AS scratch",
    good: "FROM alpine:3.19 AS base",
  },
  check(ctx) {
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      if (!stage.name || !stage.nameSpan || !RESERVED.has(stage.name.toLowerCase())) continue;
      ctx.report({
        span: stage.nameSpan,
        message: `'${stage.name}' is a reserved word and should not name a stage; pick another name`,
      });
    }
  },
});
