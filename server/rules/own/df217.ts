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

/** A `chown` in a RUN of a stage (ONBUILD ones run in another build and are left out). */
interface Chown {
  instruction: Instruction;
  stage: Stage;
}

/**
 * The file's `chown` commands by what they hand over, read once per file: `always` for those that may hand over
 * anything (a target with a variable or a glob, a relative one under an unknown working directory, `/`), `at` by
 * target, `under` by every folder above a target. Each COPY into a home then looks up its path, the folders above it
 * and the folders below it instead of reading every chown again: 2,000 users that each get a COPY and chown
 * something else took this rule 1.9 s.
 */
interface Chowns {
  always: Chown[];
  at: Map<string, Chown[]>;
  under: Map<string, Chown[]>;
}

/** Adds `item` to the list under `key`, once if it comes again straight after itself. */
function add<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) {
    if (list[list.length - 1] !== item) list.push(item);
  } else map.set(key, [item]);
}

function chownsOf(ctx: RuleContext): Chowns {
  const chowns: Chowns = { always: [], at: new Map(), under: new Map() };
  const commandList = runCommands(ctx, CHOWN_COMMANDS);
  for (let commandIndex = 0; commandIndex < commandList.length; commandIndex++) {
    const command = commandList[commandIndex];
    const script = command.script;
    if (script.onbuild || !script.stage) continue;
    const chown: Chown = { instruction: script.instruction, stage: script.stage };
    const workdir = workdirsBefore(ctx, script.instruction).workdir;
    const targets: string[] = [];
    let always = false;
    for (const arg of command.args.slice(1)) {
      if (arg.value.startsWith("-")) continue;
      const base = arg.value.startsWith("/") ? "/" : workdir;
      if (arg.hasExpansion || arg.hasGlob || base === undefined) always = true;
      else targets.push(normalize(`${base}/${arg.value}`));
    }
    if (always || targets.includes("/")) {
      chowns.always.push(chown);
      continue;
    }
    for (const target of targets) {
      add(chowns.at, target, chown);
      for (let folder = parentFolder(target); ; folder = parentFolder(folder)) {
        add(chowns.under, folder, chown);
        if (folder === "/") break;
      }
    }
  }
  return chowns;
}

function parentFolder(path: string): string {
  return path.slice(0, Math.max(1, path.lastIndexOf("/")));
}

/**
 * Whether a RUN after `copy`, in the stages that see the user, hands the path to someone with `chown` (on it, a
 * folder above it, or one inside it).
 */
function chownedLater(chowns: Chowns, path: string, copy: Instruction, stages: ReadonlySet<Stage>): boolean {
  const hands = (list: readonly Chown[] | undefined) =>
    list?.some((c) => stages.has(c.stage) && c.instruction.span.start > copy.span.start) === true;
  if (hands(chowns.always) || hands(chowns.under.get(path))) return true;
  for (let folder = path; ; folder = parentFolder(folder)) {
    if (hands(chowns.at.get(folder))) return true;
    if (folder === "/") return false;
  }
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
      for (let folder = path; ; folder = parentFolder(folder)) {
        add(byFolder, folder, placed);
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
   * every rule on, took 3.6 / 15.5 / 53 s, now 0.14 / 0.11 / 0.22 s; with a chown of another path after each COPY,
   * 4,000 took 5.7 s and take 0.15 s (chownsOf), and 4,000 COPYs into one home before its USER 76 -> 23 ms. Still more
   * than linear: a user's stages are listed for it (descendants), so a chain of 4,000 stages that each create a user
   * and COPY into the home takes ~1 s.
   */
  check(ctx) {
    let byFolder: Map<string, Placed[]> | undefined;
    let chowns: Chowns | undefined;
    for (const user of createdUsers(ctx)) {
      const home = user.home === undefined ? undefined : normalize(user.home);
      if (home === undefined || home === "/" || home === "/nonexistent" || !copyAfter(ctx, user)) continue;
      byFolder ??= placedByFolder(ctx);
      const placed = byFolder.get(home);
      if (!placed) continue;
      const stages = new Set(descendants(ctx.model, user.stage));
      const after = user.command.script.instruction.span.end;
      // The USER that switches to the user after a COPY, kept for the COPYs after it that come before that USER (the
      // COPYs are in document order): looked up again for each, 4,000 COPYs into one home before its USER took 76 ms.
      let searched = false;
      let switchTo: Instruction | undefined;
      for (const { instruction: i, stage, destination, path } of placed) {
        if (!stages.has(stage) || (stage === user.stage && i.span.start < after)) continue;
        chowns ??= chownsOf(ctx);
        if (chownedLater(chowns, path, i, stages)) continue;
        if (!searched || (switchTo !== undefined && switchTo.span.start < i.span.start)) {
          switchTo = userInstructionAfterIn(ctx, user, stages, i);
          searched = true;
        }
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
