import { removesPath, toolCommand, ZYPPER } from "../helpers/packageManagers.js";
import { followedBy, hasCacheMountOver, runCommands, spanOf } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

const CACHE = "/var/cache/zypp";
/** zypper subcommands that download packages into its cache. */
const DOWNLOADING = new Set([
  "install",
  "in",
  "update",
  "up",
  "patch",
  "dist-upgrade",
  "dup",
  "source-install",
  "si",
  "install-new-recommends",
  "inr",
]);

export const dl3036 = defineRule({
  code: "DL3036",
  aliases: [],
  severity: "warning",
  title: "Run zypper clean after zypper install",
  docs: {
    what: "Finds zypper commands that download packages without a later `zypper clean` (or removal of /var/cache/zypp) in the same RUN.",
    why: "zypper keeps repository metadata and downloaded packages in /var/cache/zypp. Unless the same RUN cleans them, they stay in the layer and make the image bigger; a later RUN cannot take them back out.",
    bad: "RUN zypper -n install httpd=2.4.57",
    good: "RUN zypper -n install httpd=2.4.57 && zypper clean -a",
  },
  check(ctx) {
    for (const command of runCommands(ctx, ZYPPER.names)) {
      const zypper = toolCommand(command, ZYPPER);
      const sub = zypper?.subcommand;
      if (!sub || !DOWNLOADING.has(sub.value) || hasCacheMountOver(command.script, CACHE)) continue;
      const cleans = (later: typeof command) => {
        if (removesPath(later, CACHE)) return true;
        const value = toolCommand(later, ZYPPER)?.subcommand?.value;
        return value === "clean" || value === "cc";
      };
      if (followedBy(command, "zypper clean", cleans)) continue;
      ctx.report({
        span: spanOf(command.word, sub),
        message: `zypper ${sub.value} leaves its package cache in this layer: end the RUN with zypper clean`,
      });
    }
  },
});
