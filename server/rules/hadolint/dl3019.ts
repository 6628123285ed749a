import { APK, hasOption, isSubcommand, toolCommand } from "../helpers/packageManagers.js";
import { hasCacheMountOver, insertAfter, runCommands, spanOf } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

export const dl3019 = defineRule({
  code: "DL3019",
  aliases: [],
  severity: "info",
  title: "Use apk add --no-cache",
  docs: {
    what: "Finds `apk add` without `--no-cache` (and without a cache mount on /var/cache/apk).",
    why: "`--no-cache` fetches a fresh index and keeps neither it nor the downloaded packages in the image. Without it you need `apk update` before and `rm -rf /var/cache/apk/*` after, in the same RUN, or the index stays in the layer.",
    bad: "RUN apk update && apk add curl=8.5.0-r0",
    good: "RUN apk add --no-cache curl=8.5.0-r0",
  },
  check(ctx) {
    for (const command of runCommands(ctx)) {
      const apk = toolCommand(command, APK);
      if (!apk?.subcommand || !isSubcommand(apk, "add") || hasOption(apk.parsed, "no-cache")) continue;
      const script = command.script;
      if (hasCacheMountOver(script, "/var/cache/apk") || hasCacheMountOver(script, "/etc/apk/cache"))
        continue;
      ctx.report({
        span: spanOf(command.word, apk.subcommand),
        message: "apk add without --no-cache leaves the package index in this layer",
        fix: { title: "Add --no-cache", edits: [insertAfter(command, apk.subcommand, ["--no-cache"])] },
      });
    }
  },
});
