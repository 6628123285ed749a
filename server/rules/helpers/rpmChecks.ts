import { fixOf, type RuleContext } from "../types.js";
import {
  RPM_CONFIRMING,
  RPM_DOWNLOADING,
  removesPath,
  rpmAction,
  rpmAssumesYes,
  rpmPackagePinned,
  type Tool,
  toolCommand,
} from "./packageManagers.js";
import { packageWords, reportUnpinnedPerRun, type Unpinned } from "./pinning.js";
import {
  type CommandWord,
  followedBy,
  hasCacheMountOver,
  insertAfter,
  promptAnswerFixes,
  promptAnswerKind,
  type RunCommand,
  type RunScript,
  runCommands,
  spanOf,
} from "./runScripts.js";

/**
 * The checks yum (DL3030/DL3032/DL3033) and dnf (DL3038/DL3040/DL3041) share: both read the same command line and
 * keep the same kind of cache.
 */

/** The fix of DL3030 and DL3038. */
export const RPM_ADD_YES = promptAnswerFixes("Add -y", "-y only answers the confirmation prompt");

/** `yum install` without `-y`. */
export function reportMissingYes(ctx: RuleContext, tool: Tool): void {
  const commands = runCommands(ctx, tool.names);
  for (let commandIndex = 0; commandIndex < commands.length; commandIndex++) {
    const command = commands[commandIndex];
    // microdnf never asks: its -y exists only for compatibility (hadolint still wants it).
    if (command.name === "microdnf") continue;
    const tc = toolCommand(command, tool);
    if (!tc) continue;
    const { action } = rpmAction(tc);
    if (!action || !RPM_CONFIRMING.has(action.value) || rpmAssumesYes(tc)) continue;
    ctx.report({
      span: spanOf(command.word, action),
      message: `${command.name} ${action.value} without -y may stop at a confirmation prompt, which nobody answers during a build`,
      fixes: [fixOf(promptAnswerKind(command, RPM_ADD_YES), [insertAfter(command, action, ["-y"])])],
    });
  }
}

/**
 * `dnf install` not followed by `dnf clean all` (the same program: microdnf does not clean dnf's cache) or by
 * removing the cache directory, in the same RUN.
 */
export function reportMissingClean(ctx: RuleContext, tool: Tool, cacheDirs: readonly string[]): void {
  const commands = runCommands(ctx, tool.names);
  // One test for every command, of the program named here (followedBy calls it before returning): a closure and the
  // callbacks inside it made for each command were 1.4 MB of allocation per lint of the generated 1 MB file, with
  // them made once 0.5 MB (sampling heap profile).
  let name = "";
  const cleans = (later: RunCommand) => {
    for (let k = 0; k < cacheDirs.length; k++) if (removesPath(later, cacheDirs[k])) return true;
    if (later.name !== name) return false;
    const clean = toolCommand(later, tool);
    return clean?.subcommand?.value === "clean" && clean.operands.some(isAll);
  };
  for (let commandIndex = 0; commandIndex < commands.length; commandIndex++) {
    const command = commands[commandIndex];
    const tc = toolCommand(command, tool);
    if (!tc) continue;
    const { action, kind } = rpmAction(tc);
    if (!action || !(RPM_DOWNLOADING.has(action.value) || (kind !== "package" && action.value === "install")))
      continue;
    if (mountOverAny(command.script, cacheDirs)) continue;
    name = command.name;
    if (followedBy(command, cleanKey(name), cleans)) continue;
    ctx.report({
      span: spanOf(command.word, action),
      message: `${command.name} ${action.value} leaves its package cache in this layer: end the RUN with ${command.name} clean all`,
    });
  }
}

/**
 * The followedBy key of `<name> clean all`, one string per program: a key made per command was one more string kept
 * with each script's answers (generated 1 MB file, runScripts fact 10.01 -> 9.96 MB).
 */
function cleanKey(name: string): string {
  let key = CLEAN_KEYS.get(name);
  if (key === undefined) {
    key = `${name} clean all`;
    CLEAN_KEYS.set(name, key);
  }
  return key;
}

const CLEAN_KEYS = new Map<string, string>();

const isAll = (o: CommandWord) => o.value === "all";

function mountOverAny(script: RunScript, dirs: readonly string[]): boolean {
  for (let k = 0; k < dirs.length; k++) if (hasCacheMountOver(script, dirs[k])) return true;
  return false;
}

/** Packages of `yum install` without `-<version>`, modules without `:<stream>`: one finding per RUN. */
export function reportUnpinned(ctx: RuleContext, tool: Tool): void {
  reportUnpinnedPerRun(ctx, unpinned(ctx, tool), {
    plural: "packages",
    advice: "pin each as <name>-<version> (a module as <name>:<stream>)",
  });
}

function unpinned(ctx: RuleContext, tool: Tool): Unpinned[] {
  const out: Unpinned[] = [];
  const commands = runCommands(ctx, tool.names);
  for (let commandIndex = 0; commandIndex < commands.length; commandIndex++) {
    const command = commands[commandIndex];
    const tc = toolCommand(command, tool);
    if (!tc) continue;
    const { action, kind, operands } = rpmAction(tc);
    if (!action || (action.value !== "install" && action.value !== "in") || kind === "group") continue;
    for (const { word, value } of packageWords(ctx.model, command, operands)) {
      if (value === undefined || value === "") continue;
      if (kind === "module" ? value.includes(":") : rpmPackagePinned(value)) continue;
      out.push({
        command,
        action,
        word,
        name: value,
        message:
          kind === "module"
            ? `module '${value}' is installed without a stream: pin it as ${value}:<stream>`
            : `'${value}' is installed without a version: pin it as ${value}-<version>`,
      });
    }
  }
  return out;
}

export const DNF_CACHES = ["/var/cache/dnf", "/var/cache/libdnf5", "/var/cache/yum"];
export const YUM_CACHES = ["/var/cache/yum", "/var/cache/dnf"];
