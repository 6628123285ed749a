import { checkSchemaLabels, isSemver } from "../helpers/labels.js";
import { defineRule } from "../types.js";

export const dl3056 = defineRule({
  code: "DL3056",
  aliases: [],
  severity: "warning",
  title: "Schema label is not a semantic version",
  docs: {
    what: "Finds labels that the label schema declares as `semver` but whose value is not a Semantic Versioning 2.0.0 version (`1.4.2`, `2.0.0-rc.1`, `1.0.0+build.5`).",
    why: "Version labels are compared by tools to find the newest image or to check compatibility. Only a well-formed semantic version compares the same everywhere; `v1.4` or `latest` do not.",
    bad: "# label-schema: {org.opencontainers.image.version: semver}\nLABEL org.opencontainers.image.version=v1.4",
    good: "# label-schema: {org.opencontainers.image.version: semver}\nLABEL org.opencontainers.image.version=1.4.0",
  },
  check: (ctx) => checkSchemaLabels(ctx, "semver", isSemver, "a semantic version such as 1.4.0"),
});
