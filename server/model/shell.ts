import type { Instruction } from "../../grammar/index.js";
import { type DockerfileModel, factKey } from "./model.js";

/**
 * The SHELL instruction in effect at an instruction: the last one before it in its stage, else the last one of the
 * stage it is built FROM (SHELL is part of the image config, so it carries over), and so on up the chain. Undefined
 * when no SHELL of this file applies (the base image's own shell is not known here).
 */
export function shellInEffect(model: DockerfileModel, instruction: Instruction): Instruction | undefined {
  const stage = model.stageOf(instruction);
  if (!stage) return undefined;
  const before = instruction.span.start;
  let found: Instruction | undefined;
  for (const i of stage.instructions) {
    if (i.span.start >= before) break;
    if (i.keyword === "SHELL") found = i;
  }
  if (found) return found;
  return stage.base.kind === "stage" ? shellsAtEnd(model)[stage.base.stage.index] : undefined;
}

const SHELLS_AT_END = factKey<(Instruction | undefined)[]>("shellsAtStageEnd");

/**
 * The SHELL in effect after each stage's last instruction, by stage index, worked out once in stage order (a stage
 * is only built on an earlier one): walking up the chain for every instruction made DL3025 quadratic, 1.1 s for a
 * file of 2,000 chained stages with a CMD each.
 */
function shellsAtEnd(model: DockerfileModel): (Instruction | undefined)[] {
  return model.fact(SHELLS_AT_END, (m) => {
    const out: (Instruction | undefined)[] = [];
    for (const stage of m.stages) {
      let found: Instruction | undefined;
      for (const i of stage.instructions) if (i.keyword === "SHELL") found = i;
      out[stage.index] = found ?? (stage.base.kind === "stage" ? out[stage.base.stage.index] : undefined);
    }
    return out;
  });
}
