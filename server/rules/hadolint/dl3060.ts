import { toolCommand, YARN } from "../helpers/packageManagers.js";
import {
  followedBy,
  hasCacheMountOver,
  runCommands,
  spanOf,
  stageLayersKept,
} from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

const CACHES = ["/root/.cache/yarn", "/usr/local/share/.cache/yarn"];
const NOT_AN_INSTALL = new Set(["version", "v", "help", "h"]);

export const dl3060 = defineRule({
  code: "DL3060",
  aliases: [],
  severity: "info",
  title: "Run yarn cache clean after yarn install",
  docs: {
    what: "Finds `yarn install` (also `yarn add` and a bare `yarn`) without a later `yarn cache clean` in the same RUN, in a stage whose layers end up in an image.",
    why: "yarn copies every package it downloads into its global cache. The image never reuses that cache, so it only adds size to the layer; cleaning it in a later RUN does not shrink the earlier layer.",
    bad: "RUN yarn install --frozen-lockfile",
    good: "RUN yarn install --frozen-lockfile && yarn cache clean",
  },
  check(ctx) {
    for (const command of runCommands(ctx, YARN.names)) {
      const yarn = toolCommand(command, YARN);
      if (!yarn) continue;
      const sub = yarn.subcommand;
      const installs = sub
        ? sub.value === "install" || sub.value === "add"
        : !yarn.parsed.options.some((o) => NOT_AN_INSTALL.has(o.name));
      if (!installs) continue;
      const script = command.script;
      // A trigger runs in whatever image is built FROM this one, so its layer always ships.
      if (!script.onbuild && !stageLayersKept(ctx.model, script.stage)) continue;
      if (CACHES.some((dir) => hasCacheMountOver(script, dir))) continue;
      const cleans = (later: typeof command) => {
        const c = toolCommand(later, YARN);
        return c?.subcommand?.value === "cache" && c.operands[0]?.value === "clean";
      };
      if (followedBy(command, "yarn cache clean", cleans)) continue;
      ctx.report({
        span: sub ? spanOf(command.word, sub) : command.word.span,
        message: `yarn${sub ? ` ${sub.value}` : ""} leaves the downloaded packages in yarn's cache in this layer: end the RUN with yarn cache clean`,
      });
    }
  },
});
