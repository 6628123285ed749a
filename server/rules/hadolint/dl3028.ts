import { GEM, hasOption, isSubcommand, toolCommand } from "../helpers/packageManagers.js";
import { packageWords, reportUnpinnedPerRun, type Unpinned } from "../helpers/pinning.js";
import { runCommands } from "../helpers/runScripts.js";
import type { RuleContext } from "../types.js";
import { defineRule } from "../types.js";

export const dl3028 = defineRule({
  code: "DL3028",
  aliases: [],
  severity: "warning",
  title: "Pin versions in gem install",
  docs: {
    what: "Finds gems in `gem install` (or `gem i`) given without a version (`name:version`, or `-v`). One finding per RUN names the unpinned gems; each one is a related location.",
    why: "Without a version gem installs the newest release at build time, so rebuilding the image can pull in an incompatible version. `gem install bundler:2.5.6` or `gem install bundler -v 2.5.6` keeps the build repeatable.",
    bad: "RUN gem install bundler",
    good: "RUN gem install bundler:2.5.6",
  },
  check(ctx) {
    reportUnpinnedPerRun(ctx, unpinned(ctx), { plural: "gems", advice: "pin each as <name>:<version>" });
  },
});

function unpinned(ctx: RuleContext): Unpinned[] {
  const out: Unpinned[] = [];
  for (const command of runCommands(ctx, GEM.names)) {
    const gem = toolCommand(command, GEM);
    if (!gem?.subcommand || !isSubcommand(gem, "install", "i") || hasOption(gem.parsed, "v", "version"))
      continue;
    for (const { word, value } of packageWords(ctx.model, command, gem.operands)) {
      if (value === undefined || value === "" || value.includes(":") || value.endsWith(".gem")) continue;
      out.push({
        command,
        action: gem.subcommand,
        word,
        name: value,
        message: `gem '${value}' is installed without a version: pin it as ${value}:<version>`,
      });
    }
  }
  return out;
}
