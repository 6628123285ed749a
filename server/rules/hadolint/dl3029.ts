import { parsePlatform } from "../../model/values.js";
import { defineRule } from "../types.js";

export const dl3029 = defineRule({
  code: "DL3029",
  aliases: ["FromPlatformFlagConstDisallowed"],
  severity: "warning",
  title: "FROM --platform with a fixed value",
  docs: {
    what: "Finds `FROM --platform=` with a constant value such as `linux/amd64`. Values built from variables (`$BUILDPLATFORM`, `$TARGETPLATFORM`) are fine, and so is a constant platform in a stage whose name says which platform it is for (`AS build-arm64`), as in Docker's own multi-platform pattern.",
    why: "A fixed platform pins the stage to one architecture whatever `docker build --platform` asks for, so the Dockerfile can no longer build multi-platform images, and on other machines the stage runs under emulation.",
    bad: "FROM --platform=linux/amd64 node:20",
    good: "FROM --platform=$BUILDPLATFORM node:20",
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const flag = stage.platform;
      const value = flag?.value;
      if (!flag || value === undefined || value === "" || value.includes("$")) continue;
      const parsed = parsePlatform(value.toLowerCase());
      const name = stage.name?.toLowerCase();
      if (name && parsed.ok && [parsed.os, parsed.arch, parsed.variant].some((p) => p && name.includes(p)))
        continue;
      ctx.report({
        span: flag.span,
        message: `--platform=${value} pins this stage to one platform, whatever the build asks for; leave it out or use a variable such as $BUILDPLATFORM`,
      });
    }
  },
});
