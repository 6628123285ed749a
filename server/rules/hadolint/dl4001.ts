import { lineOf, type RunCommand, runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

const DOWNLOADERS: readonly string[] = ["wget", "curl"];

export const dl4001 = defineRule({
  code: "DL4001",
  aliases: [],
  severity: "warning",
  title: "Use either wget or curl, not both",
  docs: {
    what: "Finds stages whose RUN instructions use both wget and curl, and points at each RUN from the one where the second tool appears on.",
    why: "Both tools download files. Installing and keeping both in an image is redundant weight and two sets of options and vulnerabilities to follow; settle on one per stage.",
    bad: "RUN wget -q https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz",
    good: "RUN curl -fsSLO https://example.com/a.tgz\nRUN curl -fsSLO https://example.com/b.tgz",
  },
  check(ctx) {
    // Triggers run in another build, so they are compared among themselves.
    const firstUse = new Map<string, Map<string, RunCommand>>();
    let previous: RunCommand["script"] | undefined;
    const commands = runCommands(ctx, DOWNLOADERS);
    for (let commandIndex = 0; commandIndex < commands.length; commandIndex++) {
      const command = commands[commandIndex];
      const script = command.script;
      const key = `${script.stage?.index ?? -1}${script.onbuild ? ":onbuild" : ""}`;
      const seen = firstUse.get(key) ?? new Map<string, RunCommand>();
      firstUse.set(key, seen);
      if (!seen.has(command.name)) seen.set(command.name, command);
      if (seen.size < 2 || previous === script) continue;
      previous = script;
      const other = seen.get(command.name === "wget" ? "curl" : "wget")!;
      const where =
        other.script === script
          ? "in this RUN too"
          : `on line ${lineOf(ctx, other.word.span.start)} of this stage`;
      ctx.report({
        span: command.word.span,
        message: `${command.name} is used here and ${other.name} ${where}: use one download tool per stage`,
        related: [{ span: other.word.span, message: `the first use of ${other.name}`, pair: true }],
      });
    }
  },
});
