import { APT_GET, aptSimulates, type ParsedArgs, toolCommand } from "../helpers/packageManagers.js";
import {
  insertAfter,
  promptAnswerFixes,
  promptAnswerKind,
  runCommands,
  spanOf,
} from "../helpers/runScripts.js";
import { defineRule, fixOf } from "../types.js";

const ADD_YES = promptAnswerFixes("Add -y", "-y only answers the confirmation prompt");

/** apt-get subcommands that ask "Do you want to continue?" before changing packages. */
const CONFIRMING = new Set([
  "install",
  "upgrade",
  "dist-upgrade",
  "full-upgrade",
  "remove",
  "purge",
  "autoremove",
  "autopurge",
  "build-dep",
  "satisfy",
]);

const REMOVING = new Set(["remove", "purge"]);

export const dl3014 = defineRule({
  code: "DL3014",
  aliases: [],
  severity: "warning",
  title: "Use apt-get -y",
  docs: {
    what: "Finds `apt-get install` (and the other apt-get subcommands that ask for confirmation) without `-y`.",
    why: 'apt-get asks before it installs anything beyond the named packages. A build has no terminal to answer, so apt-get reads end of input, treats it as "no" and the RUN fails. `-y` (or `--yes`, `--assume-yes`, or `-qq`, which implies it) answers for it.',
    bad: "RUN apt-get update && apt-get install curl",
    good: "RUN apt-get update && apt-get install -y curl",
  },
  fixes: [ADD_YES.safe, ADD_YES.unsafe],
  check(ctx) {
    for (const command of runCommands(ctx, APT_GET.names)) {
      const apt = toolCommand(command, APT_GET);
      if (!apt?.subcommand || !CONFIRMING.has(apt.subcommand.value) || answersYes(apt.parsed)) continue;
      if (aptSimulates(apt)) continue;
      // Removing nothing asks nothing.
      if (REMOVING.has(apt.subcommand.value) && apt.operands.length === 0) continue;
      const sub = apt.subcommand;
      const quiet = quietLevel(apt.parsed) === 1 ? " (a single -q does not imply it; -qq does)" : "";
      ctx.report({
        span: spanOf(command.word, sub),
        message: `apt-get ${sub.value} without -y may stop at a confirmation prompt, which nobody answers during a build${quiet}`,
        fixes: [fixOf(promptAnswerKind(command, ADD_YES), [insertAfter(command, sub, ["-y"])])],
      });
    }
  },
});

function answersYes(parsed: ParsedArgs): boolean {
  for (const o of parsed.options) {
    if (o.name === "y" || o.name === "yes" || o.name === "assume-yes") return true;
    if ((o.name === "o" || o.name === "option") && o.value !== undefined) {
      const eq = o.value.indexOf("=");
      const key = o.value.slice(0, eq).toLowerCase();
      if (eq > 0 && key === "apt::get::assume-yes" && /^(true|yes|1|on)$/i.test(o.value.slice(eq + 1)))
        return true;
    }
  }
  return quietLevel(parsed) >= 2;
}

/** `-q` counts once per letter (`-qq`, `-q -q`); `-q=2` and `--quiet=2` set the level. Level 2 implies -y. */
function quietLevel(parsed: ParsedArgs): number {
  let level = 0;
  for (const o of parsed.options) {
    if (o.name !== "q" && o.name !== "quiet") continue;
    if (o.value === undefined) level++;
    else level = Number.parseInt(o.value, 10) || level;
  }
  return level;
}
