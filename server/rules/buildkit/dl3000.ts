import type { Instruction, Word } from "../../../grammar/index.js";
import type { DockerfileModel, Stage } from "../../model/model.js";
import { knownPrefix, wordValue } from "../../model/wordValues.js";
import { defineRule } from "../types.js";

/** One rule, Docker's definition under both names: only the first relative WORKDIR of a stage chain is reported, since
 * fixing it fixes the rest (hadolint reports every relative WORKDIR, which repeats one mistake). */
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
    const judge = (instruction: Instruction) => {
      const word = instruction.words[0];
      if (!word) return;
      if (isAbsolute(model, instruction, word) !== false) return;
      ctx.report({
        span: word.span,
        message: `WORKDIR '${word.text}' is relative, so where it lands depends on the working directory of the base image; use an absolute path`,
      });
    };
    for (let ni = 0; ni < ctx.ast.instructions.length; ni++) {
      const instruction = ctx.ast.instructions[ni];
      // Before the first FROM (where Docker rejects WORKDIR anyway) there is no stage and no variable to know.
      if (instruction.keyword === "WORKDIR" && !model.stageOf(instruction)) judge(instruction);
    }
    for (let ni = 0; ni < model.stages.length; ni++) {
      const stage = model.stages[ni];
      let set = baseWorkdirSet(stage, workdirSet);
      for (let qi = 0; qi < stage.instructions.length; qi++) {
        const instruction = stage.instructions[qi];
        if (instruction.keyword !== "WORKDIR") continue;
        if (!set) judge(instruction);
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
function isAbsolute(model: DockerfileModel, instruction: Instruction, word: Word): boolean | undefined {
  // hadolint leaves every `$` path alone; an undeclared name is UndefinedVar's business, so it is unknown here too.
  const value = wordValue(model, instruction, word.text, word.span, { undeclaredUnknown: true });
  if (value.parts[0]?.known === false) return undefined;
  const path = knownPrefix(value);
  if (path.startsWith("/")) return true;
  // Drive paths count in any file, as in hadolint; a leading backslash only where `\` is not the escape character.
  if (/^[A-Za-z]:[\\/]/.test(path)) return true;
  return model.ast.escapeChar === "`" && path.startsWith("\\");
}
