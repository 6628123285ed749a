import { allLabels } from "../helpers/labels.js";
import { stagesLacking } from "../helpers/stages.js";
import { defineRule } from "../types.js";

export const dl3049 = defineRule({
  code: "DL3049",
  aliases: [],
  severity: "info",
  title: "Required label missing",
  docs: {
    what: "With a label schema configured (`label-schema`), finds images that lack one of its labels. A stage counts as having a label when it sets it, inherits it from a stage it is built on, or passes it on to a stage built on it; stages that other stages only copy files from are not images and are skipped.",
    why: "A label schema is a team's promise that every image says where it comes from, who owns it, which version it is. An image without one of those labels breaks that promise for every tool that relies on it.",
    bad: "# label-schema: {org.opencontainers.image.source: url}\nFROM alpine:3.19",
    good: "# label-schema: {org.opencontainers.image.source: url}\nFROM alpine:3.19\nLABEL org.opencontainers.image.source=https://example.com/repo",
  },
  check(ctx) {
    const required = Object.keys(ctx.settings.labelSchema);
    if (required.length === 0) return;
    const setIn = ctx.model.stages.map(() => new Set<string>());
    for (const label of allLabels(ctx.ast)) {
      const stage = ctx.model.stageOf(label.instruction);
      if (stage) setIn[stage.index].add(label.key);
    }
    for (const key of required) {
      for (const stage of stagesLacking(ctx.model, (s) => setIn[s.index].has(key))) {
        const where = stage.name ? `stage '${stage.name}'` : "this stage";
        ctx.report({
          span: stage.from.span,
          message: `label '${key}' from the label schema is missing: ${where} neither sets nor inherits it`,
        });
      }
    }
  },
});
