import { APT, toolCommand } from "../helpers/packageManagers.js";
import { replaceWord, runCommands } from "../helpers/runScripts.js";
import { defineRule, type Fix, type FixKind, fixOf } from "../types.js";

const TO_APT_GET: FixKind = {
  title: "Replace apt with apt-get",
  safety: "unsafe",
  reason:
    "apt deletes the .deb files it downloaded, apt-get keeps them in /var/cache/apt/archives unless the image configures otherwise, so the layer can grow",
};

/** apt subcommands that apt-get has too, with the same meaning. (apt's `upgrade` also installs new dependencies,
 * which apt-get's does not, so it is not among them.) */
const SAME_IN_APT_GET = new Set([
  "update",
  "install",
  "remove",
  "purge",
  "autoremove",
  "autopurge",
  "dist-upgrade",
  "clean",
  "autoclean",
  "source",
  "build-dep",
  "download",
  "changelog",
  "satisfy",
]);
const APT_CACHE = new Set(["search", "show", "showsrc", "policy", "depends", "rdepends"]);

export const dl3027 = defineRule({
  code: "DL3027",
  aliases: [],
  severity: "warning",
  title: "Use apt-get or apt-cache instead of apt",
  docs: {
    what: "Finds the `apt` command in RUN instructions.",
    why: "apt is the front end for people at a terminal: its output and behaviour may change between releases, and it warns that it has no stable command-line interface. Scripts, and a Dockerfile is one, should use apt-get and apt-cache, whose interface is kept stable.",
    bad: "RUN apt update && apt install -y curl",
    good: "RUN apt-get update && apt-get install -y curl",
  },
  fixes: [TO_APT_GET],
  check(ctx) {
    for (const command of runCommands(ctx, APT.names)) {
      const apt = toolCommand(command, APT);
      if (!apt) continue;
      const sub = apt.subcommand?.value;
      const instead = sub && APT_CACHE.has(sub) ? "apt-cache" : "apt-get";
      let fix: Fix | undefined;
      if (sub && SAME_IN_APT_GET.has(sub) && command.word.value === "apt") {
        const edit = replaceWord(command, command.word, "apt-get");
        if (edit) fix = fixOf(TO_APT_GET, [edit]);
      }
      ctx.report({
        span: command.word.span,
        message: `apt${sub ? ` ${sub}` : ""} is meant for interactive use and has no stable interface for scripts: use ${instead}`,
        fixes: [fix],
      });
    }
  },
});
