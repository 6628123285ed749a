import { casingOf, inCasing, sourceText } from "../helpers/casing.js";
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
    const keywords = [...allInstructions(ctx.ast)]
      .filter((i) => i.known)
      .map((i) => ({ span: i.keywordSpan, text: sourceText(ctx.ast, i.keywordSpan) }));
    let lower = 0;
    let upper = 0;
    for (const k of keywords) {
      const casing = casingOf(k.text);
      if (casing === "lower") lower++;
      else if (casing === "upper") upper++;
    }
    const majority = lower > upper ? "lower" : "upper";
    const count = majority === "lower" ? lower : upper;
    for (const k of keywords) {
      const wanted = inCasing(k.text, majority);
      if (k.text === wanted) continue;
      const written =
        casingOf(k.text) === "mixed" ? "mixes upper and lower case" : `is ${casingOf(k.text)}case`;
      ctx.report({
        span: k.span,
        message: `'${k.text}' ${written} while ${count} of the ${keywords.length} instructions are ${majority}case: write '${wanted}'`,
        fixes: [fixOf(KEYWORD_CASE, [{ span: k.span, newText: wanted }], `Write '${wanted}'`)],
      });
    }
  },
});
