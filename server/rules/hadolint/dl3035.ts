import { isSubcommand, toolCommand, ZYPPER } from "../helpers/packageManagers.js";
import { runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

export const dl3035 = defineRule({
  code: "DL3035",
  aliases: [],
  severity: "warning",
  title: "Do not use zypper dist-upgrade",
  docs: {
    what: "Finds `zypper dist-upgrade` (`zypper dup`) in RUN instructions.",
    why: "dist-upgrade makes the system match the repositories: it may downgrade, replace and remove packages of the base image, and with changed repositories move it to another release. The result depends on the day of the build. Move to a newer base image instead, or use `zypper update` for package updates.",
    bad: "RUN zypper -n dist-upgrade",
    good: "FROM opensuse/leap:15.6\nRUN zypper -n update",
  },
  check(ctx) {
    for (const command of runCommands(ctx, ZYPPER.names)) {
      const zypper = toolCommand(command, ZYPPER);
      if (!zypper?.subcommand || !isSubcommand(zypper, "dist-upgrade", "dup")) continue;
      ctx.report({
        span: zypper.subcommand.span,
        message: `zypper ${zypper.subcommand.value} may replace and remove packages of the base image: update the base image instead`,
      });
    }
  },
});
