import { buildTarget, reachableStages } from "../helpers/stages.js";
import { defineRule } from "../types.js";

export const df204 = defineRule({
  code: "DF204",
  aliases: [],
  severity: "info",
  // Most named stages that no other stage uses are targets of their own (`--target test`, Bake, Compose): on the
  // corpus nearly all of them are. Turn it on where a file builds one image.
  defaultOff: true,
  title: "Named stage that the build never reaches",
  docs: {
    what: "Finds a named stage that the build of the target does not need: the target is not built FROM it, and neither it nor any stage it needs copies or mounts from it. The target is the stage `--target` names (or a Compose service's `build.target`), else the last stage. Variables count for every stage they could name (`FROM binary-$TARGETOS`). Off by default, since named stages are often meant as targets of other builds; stages without a name are DF203's.",
    why: "BuildKit skips every stage the target does not need, so such a stage is never built or tested in this build; when the file is only ever built for one target, it is dead code, often left over from a refactoring. The classic builder builds it anyway, for nothing.",
    bad: "FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS app\nCOPY . .\nRUN npm ci",
    good: "FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS app\nCOPY --from=deps /node_modules ./node_modules\nCOPY . .",
  },
  check(ctx) {
    const model = ctx.model;
    const target = buildTarget(model, ctx.settings.target);
    if (!target || model.stages.length < 2) return;
    const built = reachableStages(model, target);
    if (!built) return;
    const what = ctx.settings.target === undefined ? "the last stage" : `the target '${ctx.settings.target}'`;
    for (let stageIndex = 0; stageIndex < model.stages.length; stageIndex++) {
      const stage = model.stages[stageIndex];
      if (built.has(stage) || stage.name === undefined || !stage.nameSpan) continue;
      ctx.report({
        span: stage.nameSpan,
        message: `the build of ${what} never needs stage '${stage.name}', so BuildKit skips it; build it with --target ${stage.name} or remove it`,
        tags: ["unnecessary"],
      });
    }
  },
});
