import { checkSchemaLabels, isAbsoluteUri } from "../helpers/labels.js";
import { defineRule } from "../types.js";

export const dl3052 = defineRule({
  code: "DL3052",
  aliases: [],
  severity: "warning",
  title: "Schema label is not a URL",
  docs: {
    what: "Finds labels that the label schema declares as `url` but whose value is not an absolute URL (a scheme such as `https:` and nothing a URL cannot contain).",
    why: "Tools follow URL labels (source repository, documentation) as links. A value without a scheme or with spaces is a broken link for every one of them.",
    bad: "# label-schema: {org.opencontainers.image.source: url}\nLABEL org.opencontainers.image.source=github.com/acme/app",
    good: "# label-schema: {org.opencontainers.image.source: url}\nLABEL org.opencontainers.image.source=https://github.com/acme/app",
  },
  check: (ctx) => checkSchemaLabels(ctx, "url", isAbsoluteUri, "an absolute URL such as https://example.com"),
});
