import { checkSchemaLabels, isRfc3339 } from "../helpers/labels.js";
import { defineRule } from "../types.js";

export const dl3053 = defineRule({
  code: "DL3053",
  aliases: [],
  severity: "warning",
  title: "Schema label is not an RFC 3339 time",
  docs: {
    what: "Finds labels that the label schema declares as `rfc3339` but whose value is not an RFC 3339 date and time.",
    why: "Timestamps such as the image creation time are compared and sorted by tools. Only a full date-time with a time zone (`2024-05-01T12:00:00Z`) means the same to all of them.",
    bad: '# label-schema: {org.opencontainers.image.created: rfc3339}\nLABEL org.opencontainers.image.created="May 1 2024"',
    good: "# label-schema: {org.opencontainers.image.created: rfc3339}\nLABEL org.opencontainers.image.created=2024-05-01T12:00:00Z",
  },
  check: (ctx) =>
    checkSchemaLabels(ctx, "rfc3339", isRfc3339, "an RFC 3339 date-time such as 2024-05-01T12:00:00Z"),
});
