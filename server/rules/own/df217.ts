import type { Instruction } from "../../../grammar/index.js";
import type { Stage } from "../../model/model.js";
import { runCommands } from "../helpers/runScripts.js";
import { type CopySource, copySources } from "../helpers/sources.js";
import { copyAfter, createdUsers, descendants, userInstructionAfterIn } from "../helpers/users.js";
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
 * Whether a RUN after `copy`, in the stages that see the user, hands the path to someone with `chown` (on it, a
 * folder above it, or one inside it). An ONBUILD RUN runs in another build and does not count.
 */
function chownedLater(
  ctx: RuleContext,
  path: string,
  copy: Instruction,
  stages: ReadonlySet<Stage>,
): boolean {
  const commandList = runCommands(ctx, CHOWN_COMMANDS);
  for (let commandIndex = 0; commandIndex < commandList.length; commandIndex++) {
    const command = commandList[commandIndex];
    const script = command.script;
    if (script.onbuild || !script.stage || !stages.has(script.stage)) continue;
    const instruction = script.instruction;
    if (instruction.span.start <= copy.span.start) continue;
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

/** A COPY or ADD without `--chown`, and the folder its files land in as far as the file decides it. */
interface Placed {
  instruction: Instruction;
  stage: Stage;
  destination: CopySource;
  path: string;
}

/**
 * The file's COPY and ADD instructions without `--chown` (ONBUILD ones excluded: they run in another build) by every
 * folder that holds what they place, the folder itself included: made once per file, so that each user's home is
 * one lookup. Reading every instruction after each user's command took a file of 8,000 `RUN useradd` + COPY + USER
 * triples 53 s (quadratic); see the rule's check.
 */
function placedByFolder(ctx: RuleContext): Map<string, Placed[]> {
  const byFolder = new Map<string, Placed[]>();
  for (const stage of ctx.model.stages) {
    for (const i of stage.instructions) {
      if (i.keyword !== "COPY" && i.keyword !== "ADD") continue;
      if (i.flags.some((f) => f.name === "chown")) continue;
      const { destination } = copySources(ctx.ast, i);
      if (!destination) continue;
      const dest = destinationValue(ctx, i, destination);
      if (dest === undefined || dest.includes("\\") || /^[A-Za-z]:/.test(dest)) continue;
      const workdir = dest.startsWith("/") ? "/" : workdirsBefore(ctx, i).workdir;
      if (workdir === undefined) continue;
      const path = normalize(`${workdir}/${dest}`);
      const placed: Placed = { instruction: i, stage, destination, path };
      for (let folder = path; ; folder = folder.slice(0, Math.max(1, folder.lastIndexOf("/")))) {
        const list = byFolder.get(folder);
        if (list) list.push(placed);
        else byFolder.set(folder, [placed]);
        if (folder === "/") break;
      }
    }
  }
  return byFolder;
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
   * ask pays. A user's home is looked up among the file's COPY destinations (placedByFolder), not found by reading
   * every later instruction for every user: 2,000 / 4,000 / 8,000 `RUN useradd` + COPY + USER triples in one stage,
   * every rule on, took 3.6 / 15.5 / 53 s, now 0.14 / 0.11 / 0.22 s. Still more than linear: every `chown` is read
   * for each COPY into a home (4,000 users that each chown something: 5.7 s), and a user's stages are listed for it
   * (a chain of 4,000 stages that each create a user: 0.8 s).
   */
  check(ctx) {
    let byFolder: Map<string, Placed[]> | undefined;
    for (const user of createdUsers(ctx)) {
      const home = user.home === undefined ? undefined : normalize(user.home);
      if (home === undefined || home === "/" || home === "/nonexistent" || !copyAfter(ctx, user)) continue;
      byFolder ??= placedByFolder(ctx);
      const placed = byFolder.get(home);
      if (!placed) continue;
      const stageList = descendants(ctx.model, user.stage);
      const stages = new Set(stageList);
      const after = user.command.script.instruction.span.end;
      for (const { instruction: i, stage, destination, path } of placed) {
        if (!stages.has(stage) || (stage === user.stage && i.span.start < after)) continue;
        if (chownedLater(ctx, path, i, stages)) continue;
        const switchTo = userInstructionAfterIn(ctx, user, stageList, stage, i);
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
