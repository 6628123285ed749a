import type { DockerfileAst, Word } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";
import { astFact, factKey } from "../../model/model.js";
import { allInstructions } from "../types.js";

const LITERAL_EXPOSE_WORDS = factKey<readonly Word[]>("literalExposeWords");

/**
 * The EXPOSE arguments (ONBUILD triggers included) that can be judged without expanding anything: no variables,
 * quotes or escapes. One array per file for DF114 and DF115: as a generator each of them ran, they allocated 3.4 MB
 * per lint of the corpus (iterator results and pairs; sampling heap profile, warm, every rule on), now 0.6.
 */
export function literalExposeWords(ast: DockerfileAst): readonly Word[] {
  return astFact(ast, LITERAL_EXPOSE_WORDS, () => {
    const out: Word[] = [];
    const instructions = allInstructions(ast);
    for (let instructionIndex = 0; instructionIndex < instructions.length; instructionIndex++) {
      const instruction = instructions[instructionIndex];
      if (instruction.keyword !== "EXPOSE") continue;
      for (let wordIndex = 0; wordIndex < instruction.words.length; wordIndex++) {
        const word = instruction.words[wordIndex];
        if (word.text.includes("$")) continue;
        if (unquote(word.text, { escapeChar: ast.escapeChar }) !== word.text) continue;
        if (ast.text.slice(word.span.start, word.span.end) !== word.text) continue; // split by a continuation
        out.push(word);
      }
    }
    return out;
  });
}
