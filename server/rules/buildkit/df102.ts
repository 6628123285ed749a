import { casingOf, sourceText } from "../helpers/casing.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const AS_CASE: FixKind = {
  title: "Write AS in the casing of FROM",
  safety: "safe",
  reason: "Docker reads AS in any casing",
};

export const df102 = defineRule({
  code: "DF102",
  aliases: ["FromAsCasing"],
  severity: "style",
  title: "'AS' should be cased like 'FROM'",
  docs: {
    what: "Finds `FROM image AS name` lines where `AS` is not written in the same case as `FROM` (`FROM x as y`, `from x AS y`).",
    why: "Docker accepts any casing, but a keyword cased differently from the instruction it belongs to reads like a typo. Lines where `FROM` itself mixes cases are left to DF104 (ConsistentInstructionCasing).",
    bad: "FROM node:22 as build",
    good: "FROM node:22 AS build",
  },
  fixes: [AS_CASE],
  check(ctx) {
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const words = stage.from.words;
      if (words.length < 3 || words[1].text.toUpperCase() !== "AS") continue;
      const from = sourceText(ctx.ast, stage.from.keywordSpan);
      const casing = casingOf(from);
      if (casing === "mixed") continue;
      const as = words[1];
      const expected = casing === "upper" ? "AS" : "as";
      if (as.text === expected) continue;
      const literal = sourceText(ctx.ast, as.span) === as.text;
      ctx.report({
        span: as.span,
        message: `'${as.text}' does not match the casing of '${from}': write '${expected}'`,
        fixes: [
          literal ? fixOf(AS_CASE, [{ span: as.span, newText: expected }], `Write '${expected}'`) : undefined,
        ],
      });
    }
  },
});
