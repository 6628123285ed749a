import { defineRule } from "../types.js";

const NOT_TRIGGERS = new Set(["ONBUILD", "FROM", "MAINTAINER"]);

export const df013 = defineRule({
  code: "DF013",
  aliases: [],
  severity: "error",
  title: "Instruction not allowed as an ONBUILD trigger",
  docs: {
    what: "Finds ONBUILD instructions whose trigger is ONBUILD, FROM or MAINTAINER.",
    why: "A trigger runs inside the build of a child image, as if written right after its FROM. Docker refuses triggers that would start a new stage (FROM), nest another trigger (ONBUILD) or set the obsolete MAINTAINER, and fails the build of this image.",
    bad: "FROM node:20\nONBUILD FROM node:20-slim",
    good: "FROM node:20\nONBUILD COPY package.json /app/",
  },
  check(ctx) {
    for (let instructionIndex = 0; instructionIndex < ctx.ast.instructions.length; instructionIndex++) {
      const instruction = ctx.ast.instructions[instructionIndex];
      const trigger = instruction.trigger;
      if (!trigger || !NOT_TRIGGERS.has(trigger.keyword)) continue;
      ctx.report({
        span: trigger.keywordSpan,
        message:
          trigger.keyword === "ONBUILD"
            ? "ONBUILD cannot be chained: a trigger cannot be another ONBUILD"
            : `${trigger.keyword} cannot be an ONBUILD trigger`,
      });
    }
  },
});
