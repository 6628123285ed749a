import { runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

/** Programs that only make sense on a running system someone is logged into, with why they are pointless in a build. */
const POINTLESS: ReadonlyMap<string, string> = new Map([
  ["ssh", "opens a remote session that nobody can use during a build"],
  ["vim", "is an interactive editor and nobody can type into it during a build"],
  ["shutdown", "stops a machine, but a build step has no init system to stop"],
  ["service", "manages services of an init system that does not run during a build"],
  ["ps", "lists processes, and a build step only has its own"],
  ["top", "shows live process information that nobody watches during a build"],
  ["free", "reports the memory of the build machine, not of the image"],
  ["kill", "signals processes, and a build step only has its own"],
  ["mount", "needs privileges a build step does not have; use RUN --mount instead"],
  ["ifconfig", "configures network interfaces of the build container, which is thrown away"],
]);

const POINTLESS_NAMES: readonly string[] = [...POINTLESS.keys()];

export const dl3001 = defineRule({
  code: "DL3001",
  aliases: [],
  severity: "info",
  title: "Avoid commands that make no sense while building an image",
  docs: {
    what: "Finds RUN commands such as ssh, vim, service, ps, top, free, kill, mount, shutdown and ifconfig.",
    why: "A RUN step executes once, without a terminal, an init system or running services, in a container that is discarded afterwards. Interactive tools, process inspection and service management do nothing useful there; they usually mean a command meant for a container at run time ended up in the build.",
    bad: "RUN service nginx start",
    good: 'CMD ["nginx", "-g", "daemon off;"]',
  },
  check(ctx) {
    const commandList = runCommands(ctx, POINTLESS_NAMES);
    for (let commandIndex = 0; commandIndex < commandList.length; commandIndex++) {
      const command = commandList[commandIndex];
      const why = POINTLESS.get(command.name);
      if (!why) continue;
      // `server & pid=$!; ...; kill $pid`: stopping a job the step itself started is what kill is for.
      const span = command.script.instruction.fullSpan;
      if (command.name === "kill" && ctx.ast.text.slice(span.start, span.end).includes("$!")) continue;
      ctx.report({ span: command.word.span, message: `${command.name} ${why}` });
    }
  },
});
