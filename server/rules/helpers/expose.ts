import type { Instruction, Word } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";
import { allInstructions, type RuleContext } from "../types.js";

/** An EXPOSE argument whose value is known from the text alone: no variables, quotes or escapes. */
export interface ExposeWord {
  instruction: Instruction;
  word: Word;
}

/** The EXPOSE arguments (ONBUILD triggers included) that can be judged without expanding anything. */
export function* literalExposeWords(ctx: RuleContext): Generator<ExposeWord> {
  for (const instruction of allInstructions(ctx.ast)) {
    if (instruction.keyword !== "EXPOSE") continue;
    for (const word of instruction.words) {
      if (word.text.includes("$")) continue;
      if (unquote(word.text, { escapeChar: ctx.ast.escapeChar }) !== word.text) continue;
      if (ctx.ast.text.slice(word.span.start, word.span.end) !== word.text) continue; // split by a continuation
      yield { instruction, word };
    }
  }
}
