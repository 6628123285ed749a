import { APT, APT_GET, isSubcommand, toolCommand } from "../helpers/packageManagers.js";
import { runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

export const dl3005 = defineRule({
  code: "DL3005",
  aliases: [],
  severity: "error",
  title: "Do not use apt-get dist-upgrade",
  docs: {
    what: "Finds `apt-get dist-upgrade` (and `apt full-upgrade`) in RUN instructions.",
    why: "dist-upgrade may install and remove packages to move the whole system forward, which can change the distribution release underneath the base image. The result depends on the day of the build. Update the base image tag instead, or use `apt-get upgrade`, which never removes packages.",
    bad: "RUN apt-get update && apt-get -y dist-upgrade",
    good: "FROM debian:12.5\nRUN apt-get update && apt-get -y upgrade",
  },
  check(ctx) {
    for (const command of runCommands(ctx)) {
      const apt = toolCommand(command, APT_GET) ?? toolCommand(command, APT);
      if (!apt?.subcommand || !isSubcommand(apt, "dist-upgrade", "full-upgrade")) continue;
      ctx.report({
        span: apt.subcommand.span,
        message: `${command.name} ${apt.subcommand.value} may replace and remove packages of the base image: update the base image instead`,
      });
    }
  },
});
