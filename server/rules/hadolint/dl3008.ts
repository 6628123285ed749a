import { APT_GET, aptSimulates, isSubcommand, toolCommand } from "../helpers/packageManagers.js";
import { packageWords, reportUnpinnedPerRun, type Unpinned } from "../helpers/pinning.js";
import { runCommands } from "../helpers/runScripts.js";
import type { RuleContext } from "../types.js";
import { defineRule } from "../types.js";

export const dl3008 = defineRule({
  code: "DL3008",
  aliases: [],
  severity: "warning",
  title: "Pin versions in apt-get install",
  docs: {
    what: "Finds packages in `apt-get install` given without a version (`name=version`). One finding per RUN names the unpinned packages; each one is a related location.",
    why: "Without a version, apt-get installs whatever the archive offers on the day of the build, so two builds of the same Dockerfile can differ and a new upstream release can break the image unannounced. A pinned version makes the build repeatable and turns an upgrade into a visible change.",
    bad: "RUN apt-get update && apt-get install -y curl",
    good: "RUN apt-get update && apt-get install -y curl=7.88.1-10+deb12u5",
  },
  check(ctx) {
    reportUnpinnedPerRun(ctx, unpinned(ctx), { plural: "packages", advice: "pin each as <name>=<version>" });
  },
});

function unpinned(ctx: RuleContext): Unpinned[] {
  const out: Unpinned[] = [];
  for (const command of runCommands(ctx, APT_GET.names)) {
    const apt = toolCommand(command, APT_GET);
    if (!apt?.subcommand || !isSubcommand(apt, "install") || aptSimulates(apt)) continue;
    for (const { word, value } of packageWords(ctx.model, command, apt.operands)) {
      // `pkg/release` pins the release, and paths (`./x.deb`) carry their version in the file.
      if (value === undefined || value === "" || /[=/]/.test(value) || value.endsWith(".deb")) continue;
      out.push({
        command,
        action: apt.subcommand,
        word,
        name: value,
        message: `'${value}' is installed without a version: pin it as ${value}=<version>`,
      });
    }
  }
  return out;
}
