import { isSubcommand, optionValues, toolCommand, ZYPPER } from "../helpers/packageManagers.js";
import { packageWords, reportUnpinnedPerRun, type Unpinned } from "../helpers/pinning.js";
import { runCommands } from "../helpers/runScripts.js";
import type { RuleContext } from "../types.js";
import { defineRule } from "../types.js";

export const dl3037 = defineRule({
  code: "DL3037",
  aliases: [],
  severity: "warning",
  title: "Pin versions in zypper install",
  docs: {
    what: "Finds packages in `zypper install` given without a version constraint (`=`, `<`, `>`). One finding per RUN names the unpinned packages; each one is a related location.",
    why: "Without a version zypper installs the newest package in the repositories at build time, so rebuilds drift and a new release can break the image unannounced. `httpd=2.4.57` makes the build repeatable.",
    bad: "RUN zypper -n install httpd && zypper clean",
    good: "RUN zypper -n install httpd=2.4.57 && zypper clean",
  },
  check(ctx) {
    reportUnpinnedPerRun(ctx, unpinned(ctx), { plural: "packages", advice: "pin each as <name>=<version>" });
  },
});

function unpinned(ctx: RuleContext): Unpinned[] {
  const out: Unpinned[] = [];
  for (const command of runCommands(ctx, ZYPPER.names)) {
    const zypper = toolCommand(command, ZYPPER);
    if (!zypper?.subcommand || !isSubcommand(zypper, "install", "in")) continue;
    // Patterns, patches and products (`-t pattern`) have no version to pin.
    if (optionValues(zypper.parsed, "t", "type").some((t) => t !== "package")) continue;
    for (const { word, value } of packageWords(ctx.model, command, zypper.operands)) {
      if (value === undefined || value === "" || /[=<>]/.test(value) || value.endsWith(".rpm")) continue;
      out.push({
        command,
        action: zypper.subcommand,
        word,
        name: value,
        message: `'${value}' is installed without a version: pin it as ${value}=<version>`,
      });
    }
  }
  return out;
}
