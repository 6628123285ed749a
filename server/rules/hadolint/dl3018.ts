import { APK, isSubcommand, toolCommand } from "../helpers/packageManagers.js";
import { packageWords, reportUnpinnedPerRun, type Unpinned } from "../helpers/pinning.js";
import { runCommands } from "../helpers/runScripts.js";
import type { RuleContext } from "../types.js";
import { defineRule } from "../types.js";

export const dl3018 = defineRule({
  code: "DL3018",
  aliases: [],
  severity: "warning",
  title: "Pin versions in apk add",
  docs: {
    what: "Finds packages in `apk add` given without a version constraint (`=`, `~`, `<`, `>`). One finding per RUN names the unpinned packages; each one is a related location.",
    why: "Without a version apk installs whatever the repository holds at build time, so rebuilds drift and a new package release can break the image. A constraint such as `curl=8.5.0-r0` or `curl~8.5` makes the build repeatable.",
    bad: "RUN apk add --no-cache curl",
    good: "RUN apk add --no-cache curl=8.5.0-r0",
  },
  check(ctx) {
    reportUnpinnedPerRun(ctx, unpinned(ctx), { plural: "packages", advice: "pin each as <name>=<version>" });
  },
});

function unpinned(ctx: RuleContext): Unpinned[] {
  const out: Unpinned[] = [];
  for (const command of runCommands(ctx, APK.names)) {
    const apk = toolCommand(command, APK);
    if (!apk?.subcommand || !isSubcommand(apk, "add")) continue;
    for (const { word, value } of packageWords(ctx.model, command, apk.operands)) {
      if (value === undefined || value === "" || /[=~<>]/.test(value) || value.endsWith(".apk")) continue;
      out.push({
        command,
        action: apk.subcommand,
        word,
        name: value,
        message: `'${value}' is installed without a version: pin it as ${value}=<version>`,
      });
    }
  }
  return out;
}
