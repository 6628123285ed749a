import {
  APT,
  APT_GET,
  APTITUDE,
  isSubcommand,
  removesUnder,
  toolCommand,
} from "../helpers/packageManagers.js";
import {
  followedBy,
  hasCacheMountUnder,
  runCommands,
  spanOf,
  stageLayersKept,
} from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

const LISTS = "/var/lib/apt/lists";

export const dl3009 = defineRule({
  code: "DL3009",
  aliases: [],
  severity: "info",
  title: "Delete the apt lists after installing packages",
  docs: {
    what: "Finds `apt-get update` (also `apt`, `aptitude`) in a RUN that does not remove /var/lib/apt/lists afterwards, in a stage whose layers end up in an image.",
    why: "The package lists downloaded by `apt-get update` are tens of megabytes that the image never needs at run time. Deleting them in a later RUN does not help: they stay in the earlier layer. Remove them at the end of the same RUN, or keep them out of the layer with a cache mount.",
    bad: "RUN apt-get update && apt-get install -y curl",
    good: "RUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*",
  },
  check(ctx) {
    for (const command of runCommands(ctx)) {
      const apt =
        toolCommand(command, APT_GET) ?? toolCommand(command, APT) ?? toolCommand(command, APTITUDE);
      if (!apt?.subcommand || !isSubcommand(apt, "update")) continue;
      const script = command.script;
      // A trigger runs in whatever image is built FROM this one, so its layer always ships.
      if (!script.onbuild && !stageLayersKept(ctx.model, script.stage)) continue;
      if (
        hasCacheMountUnder(script, LISTS) ||
        (hasCacheMountUnder(script, "/var/lib/apt") && hasCacheMountUnder(script, "/var/cache/apt"))
      ) {
        continue;
      }
      if (followedBy(command, "apt lists removed", (c) => removesUnder(c, LISTS))) continue;
      ctx.report({
        span: spanOf(command.word, apt.subcommand),
        message: `${command.name} update leaves the package lists in ${LISTS} in this layer: end the RUN with rm -rf ${LISTS}/*`,
      });
    }
  },
});
