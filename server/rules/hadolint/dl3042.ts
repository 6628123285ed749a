import { hasOption, isSubcommand, type PipCommand, pipCommand } from "../helpers/packageManagers.js";
import {
  hasCacheMountOver,
  insertAfter,
  precededBy,
  runCommands,
  spanOf,
  variableValue,
} from "../helpers/runScripts.js";
import { defineRule, type FixKind, fixOf, type RuleContext } from "../types.js";

const NO_CACHE_DIR: FixKind = {
  title: "Add --no-cache-dir",
  safety: "safe",
  reason:
    "pip installs the same packages without its cache; only the cache files are missing from the layer, and an install in an image never reuses them",
};

const VARIABLE = "PIP_NO_CACHE_DIR";
const TRUTHY = new Set(["1", "true", "on", "yes"]);

export const dl3042 = defineRule({
  code: "DL3042",
  aliases: [],
  severity: "warning",
  title: "Use pip install --no-cache-dir",
  docs: {
    what: "Finds `pip install` without `--no-cache-dir`, unless PIP_NO_CACHE_DIR is set to a true value (ENV, ARG, or in the RUN) or a cache mount covers pip's cache.",
    why: "pip keeps every downloaded and built package in ~/.cache/pip so the next install can reuse it. In an image there is no next install: the cache only adds size to the layer. `--no-cache-dir` (or `ENV PIP_NO_CACHE_DIR=1`) turns it off.",
    bad: "RUN pip install flask==3.0.3",
    good: "RUN pip install --no-cache-dir flask==3.0.3",
  },
  fixes: [NO_CACHE_DIR],
  check(ctx) {
    const commands = runCommands(ctx);
    for (let ni = 0; ni < commands.length; ni++) {
      const command = commands[ni];
      const pip = pipCommand(command);
      // pipx keeps its own shared library of venvs, not pip's download cache.
      if (!pip?.subcommand || pip.tool !== "pip" || !isSubcommand(pip, "install")) continue;
      if (hasOption(pip.parsed, "no-cache-dir") || cacheDisabled(ctx, pip)) continue;
      // pip's cache is ~/.cache/pip of whichever USER runs it.
      const script = command.script;
      if (
        hasCacheMountOver(script, "/root/.cache/pip") ||
        script.cacheMounts.some((t) => /\/\.cache(\/pip)?$/.test(t))
      ) {
        continue;
      }
      const program = command.name.startsWith("python") ? `${command.name} -m pip` : command.name;
      ctx.report({
        span: spanOf(command.word, pip.subcommand),
        message: `${program} install keeps its download cache in this layer: add --no-cache-dir`,
        fixes: [fixOf(NO_CACHE_DIR, [insertAfter(command, pip.subcommand, ["--no-cache-dir"])])],
      });
    }
  },
});

/** PIP_NO_CACHE_DIR from ENV/ARG in scope, a `PIP_NO_CACHE_DIR=1 pip ...` prefix, or an earlier `export`. */
function cacheDisabled(ctx: RuleContext, pip: PipCommand): boolean {
  const command = pip.command;
  const script = command.script;
  const inScope = variableValue(ctx.model, script, VARIABLE);
  if (inScope !== undefined && TRUTHY.has(inScope.toLowerCase())) return true;
  const sets = (value: string) =>
    value.startsWith(`${VARIABLE}=`) && TRUTHY.has(value.slice(VARIABLE.length + 1).toLowerCase());
  const before = command.words.slice(0, command.words.indexOf(command.word));
  if (before.some((w) => sets(w.value))) return true;
  return precededBy(
    command,
    "export PIP_NO_CACHE_DIR",
    (c) => c.name === "export" && c.args.some((a) => sets(a.value)),
  );
}
