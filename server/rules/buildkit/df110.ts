import { scanVariables } from "../../../grammar/shell.js";
import { parsePlatform } from "../../model/values.js";
import { defineRule } from "../types.js";

/** containerd's spellings of architectures, normalised the way its platform parser does it. */
const ARCHITECTURES: ReadonlyMap<string, string> = new Map([
  ["amd64", "amd64"],
  ["x86_64", "amd64"],
  ["x86-64", "amd64"],
  ["arm64", "arm64"],
  ["aarch64", "arm64"],
  ["arm", "arm"],
  ["armhf", "arm"],
  ["armel", "arm"],
  ["386", "386"],
  ["i386", "386"],
  ["i486", "386"],
  ["i586", "386"],
  ["i686", "386"],
  ["ppc64le", "ppc64le"],
  ["s390x", "s390x"],
  ["riscv64", "riscv64"],
  ["mips64le", "mips64le"],
  ["loong64", "loong64"],
]);

export const df110 = defineRule({
  code: "DF110",
  aliases: ["FromPlatformFlagConstDisallowed"],
  severity: "warning",
  title: "FROM --platform with a constant value",
  docs: {
    what: "Finds `FROM --platform=<os/arch>` written as a fixed value, unless the stage's name mentions that OS or architecture (as in `AS build-arm64`), which marks a stage meant for one platform.",
    why: "A fixed platform pins the stage: building the Dockerfile for another platform, or for several at once, still pulls and runs this stage as the fixed one. Leave the choice to `docker build --platform`, or use a variable such as `$BUILDPLATFORM` for stages that only produce files.",
    bad: "FROM --platform=linux/amd64 alpine AS base",
    good: "FROM --platform=$BUILDPLATFORM alpine AS base",
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      const flag = stage.platform;
      const value = flag?.value;
      if (!flag || value === undefined || value.includes("$")) continue;
      if (scanVariables(value, { escapeChar: ctx.ast.escapeChar }).length > 0) continue;
      const parsed = parsePlatform(value.toLowerCase());
      if (!parsed.ok) continue; // an invalid platform is another problem
      let os: string | undefined = parsed.os;
      let arch = parsed.arch ? (ARCHITECTURES.get(parsed.arch) ?? parsed.arch) : undefined;
      // A lone architecture ("arm64") is an architecture of the build machine's OS.
      if (!parsed.arch && ARCHITECTURES.has(parsed.os)) {
        arch = ARCHITECTURES.get(parsed.os);
        os = undefined;
      }
      const name = stage.name?.toLowerCase() ?? "";
      if ((os && name.includes(os)) || (arch && name.includes(arch))) continue;
      ctx.report({
        span: flag.span,
        message: `--platform is fixed to "${value}", so this stage is built for ${value} whatever platform the build targets; drop the flag, use a variable such as $BUILDPLATFORM, or name the stage after the platform`,
      });
    }
  },
});
