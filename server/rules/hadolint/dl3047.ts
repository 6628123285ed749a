import { hasOption, parseArgs, WGET } from "../helpers/packageManagers.js";
import { expandedArgs, insertAfter, runCommands } from "../helpers/runScripts.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const QUIET: FixKind = {
  title: "Add -q",
  safety: "unsafe",
  reason: "-q also hides wget's error messages, so a failed download no longer says why in the build log",
};

export const dl3047 = defineRule({
  code: "DL3047",
  aliases: [],
  severity: "info",
  title: "Quiet wget's progress bar",
  docs: {
    what: "Finds `wget` without `--progress`, `-q` (`--quiet`), `-nv` (`--no-verbose`), or a log file (`-o`, `-a`). Options that come from variables are read through their values (ARG defaults, ENV); when a value is known only at build time it may hold the option, and the command is not reported.",
    why: "Without a terminal wget prints its progress as rows of dots, one per few kilobytes, so a large download fills the build log with thousands of lines. Quiet it, or choose a coarser progress style such as `--progress=dot:giga`. The fix offered here adds `-q`, which GNU wget and BusyBox wget (Alpine) both accept; `--progress` and `-nv` only exist in GNU wget.",
    bad: "RUN wget https://example.com/release.tar.gz",
    good: "RUN wget -q https://example.com/release.tar.gz",
  },
  fixes: [QUIET],
  check(ctx) {
    for (const command of runCommands(ctx, WGET.names)) {
      // Variables are read through their values; one we cannot know might hold -q, so the command is left alone.
      const args = expandedArgs(ctx.model, command);
      if (!args || args.some((a) => a.value === "-nv")) continue;
      const parsed = parseArgs(args, WGET.options);
      const quiet = ["progress", "q", "quiet", "no-verbose", "o", "output-file", "a", "append-output"];
      if (hasOption(parsed, ...quiet)) continue;
      ctx.report({
        span: command.word.span,
        message:
          "wget without -q or --progress prints a line of progress dots every few kilobytes into the build log",
        fixes: [fixOf(QUIET, [insertAfter(command, command.word, ["-q"])])],
      });
    }
  },
});
