import { unquote } from "../../../grammar/shell.js";
import { normalizePlatform } from "../../model/values.js";
import { defineRule } from "../types.js";

/**
 * One rule, Docker's definition under both names (decision for this pair): hadolint's DL3029 reports every
 * `--platform` that does not mention BUILDPLATFORM or TARGETPLATFORM, including variables of any other name and
 * stages named for their platform (`AS build-arm64`), which is Docker's own multi-platform pattern; that is noise.
 * Docker's check reports a constant only, normalises the platform as containerd does, compares OS and architecture
 * (not the variant) with the stage name, and leaves a platform it cannot parse to the build error.
 */
export const dl3029 = defineRule({
  code: "DL3029",
  aliases: ["FromPlatformFlagConstDisallowed"],
  severity: "warning",
  title: "FROM --platform with a fixed value",
  docs: {
    what: "Finds `FROM --platform=` with a constant value such as `linux/amd64`. Values built from variables (`$BUILDPLATFORM`, `$TARGETPLATFORM`) are fine, and so is a constant platform in a stage whose name says which platform it is for (`AS build-arm64`), as in Docker's own multi-platform pattern. The platform is read as Docker reads it: `x86_64` counts as amd64 and `aarch64` as arm64, the variant does not count, and a platform Docker cannot parse is left to the build error. This is Docker's FromPlatformFlagConstDisallowed under both names; hadolint's DL3029 also reports other variables and platform-named stages.",
    why: "A fixed platform pins the stage to one architecture whatever `docker build --platform` asks for, so the Dockerfile can no longer build multi-platform images, and on other machines the stage runs under emulation.",
    bad: "FROM --platform=linux/amd64 node:20",
    good: "FROM --platform=$BUILDPLATFORM node:20",
  },
  check(ctx) {
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const flag = stage.platform;
      const value = flag?.value;
      // Any variable, defined or not, makes it not a constant for Docker.
      if (!flag || value === undefined || value.includes("$")) continue;
      const platform = normalizePlatform(unquote(value, { escapeChar: ctx.ast.escapeChar }));
      if (!platform) continue;
      // BuildKit compares with the stage name lowercased.
      const name = stage.name?.toLowerCase() ?? "";
      if (name.includes(platform.os) || name.includes(platform.arch)) continue;
      ctx.report({
        span: flag.span,
        message: `--platform=${value} pins this stage to one platform, whatever the build asks for; leave it out or use a variable such as $BUILDPLATFORM`,
      });
    }
  },
});
