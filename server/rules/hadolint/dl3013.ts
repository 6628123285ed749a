import { hasOption, isSubcommand, pipCommand } from "../helpers/packageManagers.js";
import { packageWords, reportUnpinnedPerRun, type Unpinned } from "../helpers/pinning.js";
import { runCommands } from "../helpers/runScripts.js";
import type { RuleContext } from "../types.js";
import { defineRule } from "../types.js";

const VERSION_OPERATORS = ["==", ">=", "<=", "~=", "!=", ">", "<"];
const VCS = /^(git|hg|svn|bzr)(\+[a-z-]+)?:/;
const PACKAGE_FILES = [".whl", ".tar.gz", ".tar.bz2", ".tgz", ".zip"];

export const dl3013 = defineRule({
  code: "DL3013",
  aliases: [],
  severity: "warning",
  title: "Pin versions in pip install",
  docs: {
    what: "Finds packages in `pip install` (pip3, `python -m pip`, pipx) given without a version specifier. One finding per RUN names the unpinned packages; each one is a related location.",
    why: "An unpinned package resolves to the newest release on PyPI at build time, so the same Dockerfile produces different images over time and a new release can break the build or the application. Pin each package (`name==1.2.3`), or install from a requirements or constraints file that does.",
    bad: "RUN pip install --no-cache-dir flask",
    good: "RUN pip install --no-cache-dir flask==3.0.3",
  },
  check(ctx) {
    reportUnpinnedPerRun(ctx, unpinned(ctx), {
      plural: "packages",
      advice: "pin each as <name>==<version> (a repository as <url>@<tag or commit>)",
    });
  },
});

function unpinned(ctx: RuleContext): Unpinned[] {
  const out: Unpinned[] = [];
  const commands = runCommands(ctx);
  for (let commandIndex = 0; commandIndex < commands.length; commandIndex++) {
    const command = commands[commandIndex];
    const pip = pipCommand(command);
    if (!pip?.subcommand || !isSubcommand(pip, "install")) continue;
    // A constraints file pins whatever the command line leaves open.
    if (hasOption(pip.parsed, "c", "constraint")) continue;
    for (const { word, value } of packageWords(ctx.model, command, pip.operands)) {
      if (value === undefined || value === "" || pinned(value)) continue;
      out.push({
        command,
        action: pip.subcommand,
        word,
        name: value,
        message: VCS.test(value)
          ? `'${value}' installs whatever the repository's default branch holds: add @<tag or commit>`
          : `'${value}' is installed without a version: pin it as ${value}==<version>`,
      });
    }
  }
  return out;
}

function pinned(spec: string): boolean {
  if (VCS.test(spec)) {
    // `git+https://host/repo.git@v1.0#egg=x`: the ref follows an `@` in the path, not in `user@host`.
    const noFragment = spec.split("#")[0];
    const afterScheme = noFragment.slice(noFragment.indexOf("://") + 3);
    const path = afterScheme.indexOf("/");
    return path >= 0 && afterScheme.slice(path).includes("@");
  }
  if (VERSION_OPERATORS.some((op) => spec.includes(op))) return true;
  // Local directories, archives and URLs carry their own version.
  return spec === "." || spec.includes("/") || PACKAGE_FILES.some((s) => spec.endsWith(s));
}
