import { checkSchemaLabels, isEmailAddress } from "../helpers/labels.js";
import { defineRule } from "../types.js";

export const dl3058 = defineRule({
  code: "DL3058",
  aliases: [],
  severity: "warning",
  title: "Schema label is not an email address",
  docs: {
    what: "Finds labels that the label schema declares as `email` but whose value is not an email address (`local@domain` in RFC 5322 form).",
    why: "A contact label is only useful if a message sent to it arrives. A name or a team handle cannot be mailed.",
    bad: '# label-schema: {maintainer: email}\nLABEL maintainer="Platform Team"',
    good: "# label-schema: {maintainer: email}\nLABEL maintainer=platform@example.com",
  },
  check: (ctx) =>
    checkSchemaLabels(ctx, "email", isEmailAddress, "an email address such as team@example.com"),
});
