import type { Instruction } from "../../grammar/index.js";
import type { DockerfileModel, Stage } from "./model.js";

/**
 * The SHELL instruction in effect at an instruction: the last one before it in its stage, else the last one of the
 * stage it is built FROM (SHELL is part of the image config, so it carries over), and so on up the chain. Undefined
 * when no SHELL of this file applies (the base image's own shell is not known here).
 */
export function shellInEffect(model: DockerfileModel, instruction: Instruction): Instruction | undefined {
  let stage: Stage | undefined = model.stageOf(instruction);
  let before = instruction.span.start;
  const seen = new Set<Stage>();
  while (stage && !seen.has(stage)) {
    seen.add(stage);
    let found: Instruction | undefined;
    for (const i of stage.instructions) {
      if (i.span.start >= before) break;
      if (i.keyword === "SHELL") found = i;
    }
    if (found) return found;
    if (stage.base.kind !== "stage") return undefined;
    stage = stage.base.stage;
    before = Number.POSITIVE_INFINITY;
  }
  return undefined;
}
