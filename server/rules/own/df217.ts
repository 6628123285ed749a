import type { Instruction } from "../../../grammar/index.js";
import { runCommands } from "../helpers/runScripts.js";
import { copySources } from "../helpers/sources.js";
import { copyAfter, createdUsers, laterInstructions, userInstructionFor } from "../helpers/users.js";
import { destinationValue, normalize, workdirsBefore } from "../helpers/workdir.js";
import { defineRule, type FixKind, fixOf, type RuleContext } from "../types.js";

const CHOWN: FixKind = {
  title: "Add --chown",
  safety: "unsafe",
  reason:
    "the files become the user's instead of root's, so the program can change or delete them, which a read-only layout may be meant to prevent",
};

const CHOWN_COMMANDS = ["chown"];

/**
 * Whether a RUN after `position` in `order` hands the path to someone with `chown` (on it, a folder above it, or
 * one inside it).
 */
function chownedLater(
  ctx: RuleContext,
  path: string,
  order: Map<Instruction, number>,
  position: number,
): boolean {
  const commandList = runCommands(ctx, CHOWN_COMMANDS);
  for (let commandIndex = 0; commandIndex < commandList.length; commandIndex++) {
    const command = commandList[commandIndex];
    const instruction = command.script.instruction;
    if ((order.get(instruction) ?? -1) <= position) continue;
    const workdir = workdirsBefore(ctx, instruction).workdir;
    for (const arg of command.args.slice(1)) {
      if (arg.value.startsWith("-")) continue;
      if (arg.hasExpansion || arg.hasGlob) return true;
      const base = arg.value.startsWith("/") ? "/" : workdir;
      if (base === undefined) return true;
      const target = normalize(`${base}/${arg.value}`);
      if (target === path || path.startsWith(`${target}/`) || target.startsWith(`${path}/`) || target === "/")
        return true;
    }
  }
  return false;
}

export const df217 = defineRule({
  code: "DF217",
  aliases: [],
  severity: "info",
  title: "Files copied into a user's home stay owned by root",
  docs: {
    what: "Finds COPY and ADD without `--chown` whose destination is the home directory of a user a RUN created (`useradd -d DIR`, `adduser --home DIR`, `/home/NAME` by default), or a folder in it, when a later USER switches to that user and no later `chown` hands the files over. The working directory and variables are followed as far as the file decides them.",
    why: "COPY and ADD create files owned by root (UID 0) whatever USER is in effect; only `--chown` changes that. A program running as the user then finds its own home full of files it cannot change, delete or, for new files, write next to (when COPY created the folder), which breaks caches, config edits and tools that write into `~`.",
    bad: "FROM node:22\nRUN useradd -m app\nCOPY . /home/app/src\nUSER app",
    good: "FROM node:22\nRUN useradd -m app\nCOPY --chown=app:app . /home/app/src\nUSER app",
  },
  fixes: [CHOWN],
  /**
   * Each instruction's working directory comes from one table per file (helpers/workdir.ts), and later `chown`s
   * from the RUN commands by name: the corpus took 132 ms of this rule before (a walk of the stage chain per COPY and
   * per chown, and a scan of every RUN command), ~5 ms now, beside the RUN-script parse that the first rule to
   * ask pays.
   */
  check(ctx) {
    for (const user of createdUsers(ctx)) {
      const home = user.home === undefined ? undefined : normalize(user.home);
      if (home === undefined || home === "/" || home === "/nonexistent" || !copyAfter(ctx, user)) continue;
      const { instructions } = laterInstructions(ctx, user);
      let order: Map<Instruction, number> | undefined;
      for (const [k, i] of instructions.entries()) {
        if (i.keyword !== "COPY" && i.keyword !== "ADD") continue;
        if (i.flags.some((f) => f.name === "chown")) continue;
        const { destination } = copySources(ctx.ast, i);
        if (!destination) continue;
        const dest = destinationValue(ctx, i, destination);
        if (dest === undefined || dest.includes("\\") || /^[A-Za-z]:/.test(dest)) continue;
        const workdir = dest.startsWith("/") ? "/" : workdirsBefore(ctx, i).workdir;
        if (workdir === undefined) continue;
        const path = normalize(`${workdir}/${dest}`);
        if (path !== home && !path.startsWith(`${home}/`)) continue;
        order ??= new Map(instructions.map((x, n) => [x, n]));
        if (chownedLater(ctx, path, order, k)) continue;
        const switchTo = userInstructionFor(ctx, user, instructions.slice(k + 1));
        if (!switchTo) continue;
        const line = ctx.ast.lines.lineAt(switchTo.span.start) + 1;
        const owner = user.uid ?? user.name;
        ctx.report({
          span: destination.span,
          message: `${i.keyword} puts files into ${path}, in the home of '${user.name}', owned by root: '${user.name}' (USER on line ${line}) cannot change or delete them; add --chown=${owner}`,
          fixes: [
            fixOf(
              CHOWN,
              [{ span: { start: i.keywordSpan.end, end: i.keywordSpan.end }, newText: ` --chown=${owner}` }],
              `Add --chown=${owner}`,
            ),
          ],
        });
      }
    }
  },
});
