import { APT, APT_GET, isSubcommand, toolCommand } from "../helpers/packageManagers.js";
import { runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

const APT_NAMES = [...APT_GET.names, ...APT.names];

export const dl3005 = defineRule({
  code: "DL3005",
  aliases: [],
  severity: "error",
  title: "Do not use apt-get dist-upgrade",
  docs: {
    what: "Finds `apt-get dist-upgrade` (and `apt full-upgrade`) in RUN instructions.",
    why: "dist-upgrade resolves upgrades by installing new packages and removing installed ones as it sees fit, so the package set of the base image changes in ways that depend on the day of the build and on what the archive holds then. Take fixes by moving to a newer base image tag, or use `apt-get upgrade`, which never removes packages.",
    bad: "RUN apt-get update && apt-get -y dist-upgrade",
    good: "FROM debian:12.5\nRUN apt-get update && apt-get -y upgrade",
  },
  check(ctx) {
    const commands = runCommands(ctx, APT_NAMES);
    for (let commandIndex = 0; commandIndex < commands.length; commandIndex++) {
      const command = commands[commandIndex];
      const apt = toolCommand(command, APT_GET) ?? toolCommand(command, APT);
      if (!apt?.subcommand || !isSubcommand(apt, "dist-upgrade", "full-upgrade")) continue;
      ctx.report({
        span: apt.subcommand.span,
        message: `${command.name} ${apt.subcommand.value} may replace and remove packages of the base image: update the base image instead`,
      });
    }
  },
});
