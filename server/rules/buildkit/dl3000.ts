import type { Instruction, Word } from "../../../grammar/index.js";
import { expandWord, scanVariables } from "../../../grammar/shell.js";
import type { Definition, Stage } from "../../model/model.js";
import { defineRule } from "../types.js";

/** Stands for a value only the build knows; no path starts with it. */
const UNKNOWN = "\u0000";

export const dl3000 = defineRule({
  code: "DL3000",
  aliases: ["WorkdirRelativePath"],
  severity: "error",
  title: "Use an absolute WORKDIR",
  docs: {
    what: "Finds a relative WORKDIR (`WORKDIR app`) when no earlier WORKDIR of the stage, or of the stage it builds on, has set the directory. Paths are judged after expanding variables whose values are known; one that starts with an unknown value is left alone. Windows paths (`C:\\app`, and `\\app` in files with the backtick escape) count as absolute.",
    why: "A relative WORKDIR is resolved against the working directory the base image happens to set, so the same Dockerfile lands in a different place when the base image changes. Once the stage has an absolute WORKDIR, later relative ones are predictable and are not reported (this follows Docker's check; hadolint reports every relative WORKDIR).",
    bad: "FROM node:22\nWORKDIR app",
    good: "FROM node:22\nWORKDIR /app",
  },
  check(ctx) {
    const { model } = ctx;
    /** By stage index: whether the stage (or its base stages) has set a WORKDIR. */
    const workdirSet: boolean[] = [];
    const judge = (instruction: Instruction, scope: ReadonlyMap<string, Definition>) => {
      const word = instruction.words[0];
      if (!word) return;
      if (isAbsolute(word, scope, ctx.ast.escapeChar) !== false) return;
      ctx.report({
        span: word.span,
        message: `WORKDIR '${word.text}' is relative, so where it lands depends on the working directory of the base image; use an absolute path`,
      });
    };
    for (const instruction of ctx.ast.instructions) {
      // Before the first FROM (where Docker rejects WORKDIR anyway) there is no stage and no variable to know.
      if (instruction.keyword === "WORKDIR" && !model.stageOf(instruction)) judge(instruction, new Map());
    }
    for (const stage of model.stages) {
      let set = baseWorkdirSet(stage, workdirSet);
      for (const instruction of stage.instructions) {
        if (instruction.keyword !== "WORKDIR") continue;
        if (!set) judge(instruction, model.scopeAt(instruction));
        set = true;
      }
      workdirSet[stage.index] = set;
    }
  },
});

function baseWorkdirSet(stage: Stage, workdirSet: boolean[]): boolean {
  return stage.base.kind === "stage" ? (workdirSet[stage.base.stage.index] ?? false) : false;
}

/** True or false when the path's start is known, undefined when it starts with a value only the build knows. */
function isAbsolute(
  word: Word,
  scope: ReadonlyMap<string, Definition>,
  escapeChar: "\\" | "`",
): boolean | undefined {
  const env = new Map<string, string>();
  for (const ref of scanVariables(word.text, { escapeChar })) {
    const def = scope.get(ref.name);
    env.set(ref.name, def && def.kind !== "predefined" && def.value !== undefined ? def.value : UNKNOWN);
  }
  let path: string;
  try {
    path = expandWord(word.text, env, { escapeChar }).value;
  } catch {
    return undefined;
  }
  if (path.startsWith(UNKNOWN)) return undefined;
  if (path.startsWith("/")) return true;
  // Drive paths count in any file, as in hadolint; a leading backslash only where `\` is not the escape character.
  if (/^[A-Za-z]:[\\/]/.test(path)) return true;
  return escapeChar === "`" && path.startsWith("\\");
}
