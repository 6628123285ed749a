import { parseArgs } from "../helpers/packageManagers.js";
import { runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

const SHELL_PATHS = new Set(["/bin/sh", "/usr/bin/sh"]);

const LN: readonly string[] = ["ln"];

export const dl4005 = defineRule({
  code: "DL4005",
  aliases: [],
  severity: "warning",
  title: "Use SHELL to change the default shell",
  docs: {
    what: "Finds `ln` commands that replace /bin/sh with a link to another shell.",
    why: "Relinking /bin/sh changes the shell of every program in the image that runs `sh`, not just of the RUN instructions, and hides the change in a command. The SHELL instruction changes the shell RUN uses, visibly, and leaves the system's /bin/sh alone.",
    bad: "RUN ln -sf /bin/bash /bin/sh",
    good: 'SHELL ["/bin/bash", "-c"]',
  },
  check(ctx) {
    const commandList = runCommands(ctx, LN);
    for (let commandIndex = 0; commandIndex < commandList.length; commandIndex++) {
      const command = commandList[commandIndex];
      const { operands } = parseArgs(command.args, { short: "St", long: ["suffix", "target-directory"] });
      const link = operands.at(-1);
      if (operands.length < 2 || !link || !SHELL_PATHS.has(link.value)) continue;
      ctx.report({
        span: command.span,
        message: `this ln replaces ${link.value} with ${operands[0].value} for every program in the image: use the SHELL instruction to change the shell of RUN`,
      });
    }
  },
});
