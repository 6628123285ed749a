import { isSubcommand, NPM, toolCommand } from "../helpers/packageManagers.js";
import { packageWords, reportUnpinnedPerRun, type Unpinned } from "../helpers/pinning.js";
import { runCommands } from "../helpers/runScripts.js";
import type { RuleContext } from "../types.js";
import { defineRule } from "../types.js";

const GIT_PREFIXES = ["git://", "git+ssh://", "git+http://", "git+https://"];
const TARBALLS = [".tar", ".tar.gz", ".tgz"];
const FOLDERS = ["/", "./", "../", "~/"];

export const dl3016 = defineRule({
  code: "DL3016",
  aliases: [],
  severity: "warning",
  title: "Pin versions in npm install",
  docs: {
    what: "Finds packages in `npm install` (also `npm i`, `npm add`) given without a version, tag or commit. One finding per RUN names the unpinned packages; each one is a related location.",
    why: "`npm install express` takes the latest release at build time, so rebuilding the same Dockerfile can bring in a new major version. Pin it (`express@4.19.2`), or install from package.json with its lock file (`npm ci`).",
    bad: "RUN npm install -g typescript",
    good: "RUN npm install -g typescript@5.4.5",
  },
  check(ctx) {
    reportUnpinnedPerRun(ctx, unpinned(ctx), {
      plural: "packages",
      advice: "pin each as <name>@<version> (a repository as <url>#<tag or commit>)",
    });
  },
});

function unpinned(ctx: RuleContext): Unpinned[] {
  const out: Unpinned[] = [];
  for (const command of runCommands(ctx, NPM.names)) {
    const npm = toolCommand(command, NPM);
    if (!npm?.subcommand || !isSubcommand(npm, "install", "i", "add")) continue;
    for (const { word, value } of packageWords(ctx.model, command, npm.operands)) {
      if (value === undefined || value === "" || pinned(value)) continue;
      out.push({
        command,
        action: npm.subcommand,
        word,
        name: value,
        message: GIT_PREFIXES.some((p) => value.startsWith(p))
          ? `'${value}' installs the repository's default branch: add #<tag or commit>`
          : `'${value}' is installed without a version: pin it as ${value}@<version>`,
      });
    }
  }
  return out;
}

function pinned(spec: string): boolean {
  if (GIT_PREFIXES.some((p) => spec.startsWith(p))) return spec.includes("#");
  if (TARBALLS.some((s) => spec.endsWith(s)) || FOLDERS.some((p) => spec.startsWith(p))) return true;
  // `@scope/name@1.0`: the version is the `@` after the scope.
  const name = spec.startsWith("@") ? spec.slice(spec.indexOf("/") + 1) : spec;
  return name.includes("@");
}
