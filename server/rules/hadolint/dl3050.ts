import { allLabels } from "../helpers/labels.js";
import { defineRule } from "../types.js";

export const dl3050 = defineRule({
  code: "DL3050",
  aliases: [],
  severity: "info",
  title: "Label not in the label schema",
  docs: {
    what: "With strict labels switched on (`strict-labels`), finds labels that the configured label schema does not list.",
    why: "Strict labels keep image metadata to an agreed set, so that every label means something to the tools that read it. An extra label is usually a typo of a schema label or metadata that belongs elsewhere.",
    bad: "# label-schema: {org.opencontainers.image.version: semver}, strict-labels: true\nLABEL version=1.2.3",
    good: "# label-schema: {org.opencontainers.image.version: semver}, strict-labels: true\nLABEL org.opencontainers.image.version=1.2.3",
  },
  check(ctx) {
    if (!ctx.settings.strictLabels) return;
    const schema = ctx.settings.labelSchema;
    for (const label of allLabels(ctx.ast)) {
      if (label.keyHasVariables || Object.hasOwn(schema, label.key)) continue;
      ctx.report({
        span: label.pair.keySpan,
        message: `label '${label.key}' is not in the label schema, and strict labels allow no others`,
      });
    }
  },
});
