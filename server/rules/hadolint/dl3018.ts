import { APK, isSubcommand, toolCommand } from "../helpers/packageManagers.js";
import { resolvedValue, runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

export const dl3018 = defineRule({
  code: "DL3018",
  aliases: [],
  severity: "warning",
  title: "Pin versions in apk add",
  docs: {
    what: "Finds packages in `apk add` given without a version constraint (`=`, `~`, `<`, `>`).",
    why: "Without a version apk installs whatever the repository holds at build time, so rebuilds drift and a new package release can break the image. A constraint such as `curl=8.5.0-r0` or `curl~8.5` makes the build repeatable.",
    bad: "RUN apk add --no-cache curl",
    good: "RUN apk add --no-cache curl=8.5.0-r0",
  },
  check(ctx) {
    for (const command of runCommands(ctx)) {
      const apk = toolCommand(command, APK);
      if (!apk || !isSubcommand(apk, "add")) continue;
      for (const word of apk.operands) {
        const value = resolvedValue(ctx.model, command, word);
        if (value === undefined || value === "" || /[=~<>]/.test(value) || value.endsWith(".apk")) continue;
        ctx.report({
          span: word.span,
          message: `'${value}' is installed without a version: pin it as ${value}=<version>`,
        });
      }
    }
  },
});
