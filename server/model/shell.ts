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
  const { own, atEnd } = shells(model);
  // The stage's own SHELLs (most stages have none), the last one before the instruction.
  const list = own[stage.index];
  if (list) {
    const before = instruction.span.start;
    for (let k = list.length - 1; k >= 0; k--) if (list[k].span.start < before) return list[k];
  }
  return stage.base.kind === "stage" ? atEnd[stage.base.stage.index] : undefined;
}

interface Shells {
  /** Each stage's SHELL instructions in document order, by stage index; undefined for a stage without one. */
  own: (Instruction[] | undefined)[];
  /** The SHELL in effect after each stage's last instruction, by stage index. */
  atEnd: (Instruction | undefined)[];
}

const SHELLS = factKey<Shells>("shells");

/**
 * The stages' SHELLs, worked out once in stage order (a stage is only built on an earlier one). Walking up the chain
 * for every instruction made DL3025 quadratic (1.1 s for a file of 2,000 chained stages with a CMD each), and so did
 * reading the stage from its start for each one: 34,000 shell-form CMDs in one stage took 2.9 s, 132,000 took 82 s.
 */
function shells(model: DockerfileModel): Shells {
  return model.fact(SHELLS, (m) => {
    const own: (Instruction[] | undefined)[] = [];
    const atEnd: (Instruction | undefined)[] = [];
    for (const stage of m.stages) {
      let list: Instruction[] | undefined;
      for (const i of stage.instructions) {
        if (i.keyword !== "SHELL") continue;
        list ??= [];
        list.push(i);
      }
      own[stage.index] = list;
      atEnd[stage.index] =
        list?.[list.length - 1] ?? (stage.base.kind === "stage" ? atEnd[stage.base.stage.index] : undefined);
    }
    return { own, atEnd };
  });
}
