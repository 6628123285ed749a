import { hasOption, toolCommand, ZYPPER } from "../helpers/packageManagers.js";
import {
  insertAfter,
  promptAnswerFixes,
  promptAnswerKind,
  runCommands,
  spanOf,
} from "../helpers/runScripts.js";
import { defineRule, fixOf } from "../types.js";

const NON_INTERACTIVE = promptAnswerFixes("Add -n", "-n only answers zypper's questions with their defaults");

/** zypper subcommands that ask before they change packages. */
const CONFIRMING = new Set([
  "install",
  "in",
  "remove",
  "rm",
  "update",
  "up",
  "patch",
  "dist-upgrade",
  "dup",
  "source-install",
  "si",
  "install-new-recommends",
  "inr",
]);

export const dl3034 = defineRule({
  code: "DL3034",
  aliases: [],
  severity: "warning",
  title: "Use zypper non-interactively",
  docs: {
    what: "Finds zypper commands that change packages without `-n` (`--non-interactive`) or `-y` (`--no-confirm`).",
    why: "zypper asks for confirmation before it installs or removes anything. A build has no terminal to answer, so the RUN fails or hangs. `zypper -n` takes the default answer to every question.",
    bad: "RUN zypper install httpd=2.4.57 && zypper clean",
    good: "RUN zypper -n install httpd=2.4.57 && zypper clean",
  },
  fixes: [NON_INTERACTIVE.safe, NON_INTERACTIVE.unsafe],
  check(ctx) {
    for (const command of runCommands(ctx, ZYPPER.names)) {
      const zypper = toolCommand(command, ZYPPER);
      const sub = zypper?.subcommand;
      if (!zypper || !sub || !CONFIRMING.has(sub.value)) continue;
      if (hasOption(zypper.parsed, "n", "non-interactive", "y", "no-confirm")) continue;
      ctx.report({
        span: spanOf(command.word, sub),
        message: `zypper ${sub.value} without -n may stop at a confirmation prompt, which nobody answers during a build`,
        // -n is a global option, valid right after `zypper` whatever the subcommand.
        fixes: [
          fixOf(promptAnswerKind(command, NON_INTERACTIVE), [insertAfter(command, command.word, ["-n"])]),
        ],
      });
    }
  },
});
