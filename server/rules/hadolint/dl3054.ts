import { checkSchemaLabels } from "../helpers/labels.js";
import { isSpdxExpression } from "../helpers/spdx.js";
import { defineRule } from "../types.js";

export const dl3054 = defineRule({
  code: "DL3054",
  aliases: [],
  severity: "warning",
  title: "Schema label is not an SPDX license",
  docs: {
    what: "Finds labels that the label schema declares as `spdx` but whose value is not an SPDX license identifier or expression (`MIT`, `Apache-2.0 OR MIT`, `GPL-2.0-only WITH Classpath-exception-2.0`).",
    why: "License scanners read the license label to decide whether an image may be used. They understand SPDX identifiers; free text such as `Apache 2` has to be checked by a person.",
    bad: '# label-schema: {org.opencontainers.image.licenses: spdx}\nLABEL org.opencontainers.image.licenses="Apache 2"',
    good: "# label-schema: {org.opencontainers.image.licenses: spdx}\nLABEL org.opencontainers.image.licenses=Apache-2.0",
  },
  check: (ctx) =>
    checkSchemaLabels(ctx, "spdx", isSpdxExpression, "an SPDX license identifier or expression such as MIT"),
});
