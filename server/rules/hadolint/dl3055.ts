import { checkSchemaLabels, isGitHash } from "../helpers/labels.js";
import { defineRule } from "../types.js";

export const dl3055 = defineRule({
  code: "DL3055",
  aliases: [],
  severity: "warning",
  title: "Schema label is not a git commit id",
  docs: {
    what: "Finds labels that the label schema declares as `hash` but whose value is not a git commit id: lowercase hexadecimal, abbreviated (7 to 40 digits) or full (40 for SHA-1, 64 for SHA-256).",
    why: "A revision label should lead straight to the commit the image was built from. A branch name or tag moves, and anything else cannot be looked up at all.",
    bad: "# label-schema: {org.opencontainers.image.revision: hash}\nLABEL org.opencontainers.image.revision=main",
    good: "# label-schema: {org.opencontainers.image.revision: hash}\nLABEL org.opencontainers.image.revision=43c572f1272b6b3171dd1db9e41b7027128ce080",
  },
  check: (ctx) =>
    checkSchemaLabels(ctx, "hash", isGitHash, "a git commit id (lowercase hex, 7 to 40 digits)"),
});
