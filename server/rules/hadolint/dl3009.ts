import {
  APT,
  APT_GET,
  APTITUDE,
  isSubcommand,
  removesPath,
  type ToolCommand,
  toolCommand,
} from "../helpers/packageManagers.js";
import {
  followedBy,
  hasCacheMountUnder,
  type RunCommand,
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
    what: "Finds `apt-get update` (also `apt`, `aptitude`) in a RUN that does not remove /var/lib/apt/lists afterwards, in a stage whose layers end up in an image. Removing counts in any of its usual spellings: `rm -rf /var/lib/apt/lists/*` (or of the directory, a parent, or a glob such as `lists*`), `find /var/lib/apt/lists -type f -delete`, `apt-get dist-clean` (apt 2.7.8 and later); so does a cache or tmpfs mount on /var/lib/apt/lists, or on both /var/lib/apt and /var/cache/apt. `apt-get clean` alone does not: it empties /var/cache/apt/archives and leaves the lists.",
    why: "The package lists downloaded by `apt-get update` are tens of megabytes that the image never needs at run time. Deleting them in a later RUN does not help: they stay in the earlier layer. Remove them at the end of the same RUN, or keep them out of the layer with a cache mount.",
    bad: "RUN apt-get update && apt-get install -y curl",
    good: "RUN apt-get update \\\n && apt-get install -y curl \\\n && rm -rf /var/lib/apt/lists/*",
  },
  check(ctx) {
    const commands = runCommands(ctx, APT_NAMES);
    for (let commandIndex = 0; commandIndex < commands.length; commandIndex++) {
      const command = commands[commandIndex];
      const apt = aptCommand(command);
      if (!apt?.subcommand || !isSubcommand(apt, "update")) continue;
      const script = command.script;
      // A trigger runs in whatever image is built FROM this one, so its layer always ships.
      if (!script.onbuild && !stageLayersKept(ctx.model, script.stage)) continue;
      // As in hadolint, a mount on /var/lib/apt alone does not do: it usually goes with a removed docker-clean, and
      // then the downloaded packages pile up in /var/cache/apt unless that is a mount too.
      if (
        hasCacheMountUnder(script, LISTS) ||
        (hasCacheMountUnder(script, "/var/lib/apt") && hasCacheMountUnder(script, "/var/cache/apt"))
      ) {
        continue;
      }
      if (followedBy(command, "apt lists removed", removesLists)) continue;
      ctx.report({
        span: spanOf(command.word, apt.subcommand),
        message: `${command.name} update leaves the package lists in ${LISTS} in this layer: end the RUN with rm -rf ${LISTS}/*`,
      });
    }
  },
});

const APT_NAMES = [...APT_GET.names, ...APT.names, ...APTITUDE.names];

function aptCommand(command: RunCommand): ToolCommand | undefined {
  return toolCommand(command, APT_GET) ?? toolCommand(command, APT) ?? toolCommand(command, APTITUDE);
}

function removesLists(command: RunCommand): boolean {
  if (removesPath(command, LISTS)) return true;
  // `dist-clean` is `clean` plus the lists (apt 2.7.8); aptitude has no such command.
  const apt = toolCommand(command, APT_GET) ?? toolCommand(command, APT);
  return apt !== undefined && isSubcommand(apt, "dist-clean");
}
