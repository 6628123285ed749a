import { runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

export const dl3004 = defineRule({
  code: "DL3004",
  aliases: [],
  severity: "error",
  securitySeverity: 4.0,
  title: "Do not use sudo",
  docs: {
    what: "Finds `sudo` in RUN instructions.",
    why: "RUN already executes as the user set by USER (root unless changed). sudo adds a program, a configuration and a dependency on how it treats terminals and environment variables, and behaves differently from image to image. Switch users with USER in the Dockerfile, and with a tool such as gosu or su-exec in an entrypoint.",
    bad: "USER app\nRUN sudo apt-get update",
    good: "USER root\nRUN apt-get update\nUSER app",
  },
  check(ctx) {
    const commands = runCommands(ctx);
    for (let ni = 0; ni < commands.length; ni++) {
      const command = commands[ni];
      // The words up to the program itself (wrappers such as `env A=1 sudo` included), without copying them.
      const words = command.words;
      const last = Math.max(words.indexOf(command.word), 0);
      for (let k = 0; k <= last && k < words.length; k++) {
        const word = words[k];
        if (word.value !== "sudo" && !word.value.endsWith("/sudo")) continue;
        ctx.report({
          span: word.span,
          message:
            command.name === "sudo"
              ? "sudo in a RUN: the step already runs as the current USER; switch with USER instead"
              : `sudo ${command.name}: the step already runs as the current USER; switch with USER instead of sudo`,
        });
        break;
      }
    }
  },
});
