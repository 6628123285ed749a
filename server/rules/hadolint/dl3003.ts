import { runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

const CD: readonly string[] = ["cd"];

export const dl3003 = defineRule({
  code: "DL3003",
  aliases: [],
  severity: "warning",
  title: "Use WORKDIR to change directory",
  docs: {
    what: "Finds `cd` in RUN instructions.",
    why: "A `cd` only lasts until its RUN ends, so the next instruction starts in the old directory again. WORKDIR sets the directory for every following instruction and for the container, creates it if needed, and tells the reader where the build is.",
    bad: "RUN cd /usr/src/app && make",
    good: "WORKDIR /usr/src/app\nRUN make",
  },
  check(ctx) {
    const commands = runCommands(ctx, CD);
    for (let commandIndex = 0; commandIndex < commands.length; commandIndex++) {
      const command = commands[commandIndex];
      const dir = command.args.find((a) => !a.value.startsWith("-"))?.value;
      ctx.report({
        span: command.word.span,
        message: dir
          ? `cd ${dir} only lasts until this RUN ends: use WORKDIR ${dir} to change directory for the instructions after it`
          : "cd only lasts until this RUN ends: use WORKDIR to change directory for the instructions after it",
      });
    }
  },
});
