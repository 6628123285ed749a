import { APK, hasOption, isSubcommand, removesPath, toolCommand } from "../helpers/packageManagers.js";
import {
  followedBy,
  hasCacheMountOver,
  insertAfter,
  precededBy,
  type RunCommand,
  runCommands,
  spanOf,
  stageLayersKept,
} from "../helpers/runScripts.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const NO_CACHE: FixKind = {
  title: "Add --no-cache",
  safety: "unsafe",
  reason:
    "apk then fetches a fresh index instead of reading the one in /var/cache/apk, so other package versions may be installed (and the network is needed)",
};

const CACHE = "/var/cache/apk";

export const dl3019 = defineRule({
  code: "DL3019",
  aliases: [],
  severity: "info",
  title: "Use apk add --no-cache",
  docs: {
    what: "Finds `apk add` without `--no-cache` in a stage whose layers end up in an image, unless the same RUN removes /var/cache/apk afterwards (`rm -rf /var/cache/apk/*`, or `find … -delete`), a cache or tmpfs mount holds it, or `--no-network` keeps apk from fetching an index at all.",
    why: "`--no-cache` fetches a fresh index and keeps neither it nor the downloaded packages in the image. Without it you need `apk update` before and `rm -rf /var/cache/apk/*` after, in the same RUN, or the index stays in the layer.",
    bad: "RUN apk update && apk add curl=8.5.0-r0",
    good: "RUN apk add --no-cache curl=8.5.0-r0",
  },
  fixes: [NO_CACHE],
  check(ctx) {
    for (const command of runCommands(ctx, APK.names)) {
      const apk = toolCommand(command, APK);
      if (!apk?.subcommand || !isSubcommand(apk, "add")) continue;
      // --no-network installs from what is already there (a virtual package of installed dependencies, say).
      if (hasOption(apk.parsed, "no-cache", "no-network")) continue;
      const script = command.script;
      // A trigger runs in whatever image is built FROM this one, so its layer always ships.
      if (!script.onbuild && !stageLayersKept(ctx.model, script.stage)) continue;
      if (hasCacheMountOver(script, CACHE) || hasCacheMountOver(script, "/etc/apk/cache")) continue;
      if (precededBy(command, "apk cache linked to a mount", (c) => linksCacheToMount(c))) continue;
      if (followedBy(command, "apk cache removed", (c) => removesPath(c, CACHE))) continue;
      ctx.report({
        span: spanOf(command.word, apk.subcommand),
        message: "apk add without --no-cache leaves the package index in /var/cache/apk in this layer",
        fixes: [fixOf(NO_CACHE, [insertAfter(command, apk.subcommand, ["--no-cache"])])],
      });
    }
  },
});

/**
 * `ln -s /mnt/cache /etc/apk/cache` with a cache mount on /mnt/cache: an /etc/apk/cache directory turns apk's cache
 * on, and apk then keeps its index there, in the mount, rather than in /var/cache/apk.
 */
function linksCacheToMount(command: RunCommand): boolean {
  if (command.name !== "ln") return false;
  const operands = command.args
    .filter((a) => !a.value.startsWith("-"))
    .map((a) => a.value.replace(/\/+$/, ""));
  return (
    operands.length === 2 &&
    operands[1] === "/etc/apk/cache" &&
    hasCacheMountOver(command.script, operands[0])
  );
}
