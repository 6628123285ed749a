import { allLabels } from "../helpers/labels.js";
import { defineRule } from "../types.js";

export const dl3051 = defineRule({
  code: "DL3051",
  aliases: [],
  severity: "warning",
  title: "Schema label is empty",
  docs: {
    what: "Finds labels of the configured label schema that are set to an empty value.",
    why: "An empty label satisfies a check for its presence while telling nothing, which is worse than a missing one: the gap no longer shows up anywhere.",
    bad: '# label-schema: {org.opencontainers.image.authors: text}\nLABEL org.opencontainers.image.authors=""',
    good: '# label-schema: {org.opencontainers.image.authors: text}\nLABEL org.opencontainers.image.authors="ops@example.com"',
  },
  check(ctx) {
    const schema = ctx.settings.labelSchema;
    for (const label of allLabels(ctx.ast)) {
      if (label.value !== "" || label.valueHasVariables || !Object.hasOwn(schema, label.key)) continue;
      ctx.report({
        span: label.pair.valueSpan.end > label.pair.valueSpan.start ? label.pair.valueSpan : label.pair.span,
        message: `label '${label.key}' is in the label schema but set to an empty value`,
      });
    }
  },
});
