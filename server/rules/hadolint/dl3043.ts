import { defineRule } from "../types.js";

const NOT_A_TRIGGER = new Set(["ONBUILD", "FROM", "MAINTAINER"]);

export const dl3043 = defineRule({
  code: "DL3043",
  aliases: [],
  severity: "error",
  title: "ONBUILD with ONBUILD, FROM or MAINTAINER",
  docs: {
    what: "Finds ONBUILD instructions whose trigger is ONBUILD, FROM or MAINTAINER.",
    why: "Docker does not allow these three as triggers and rejects the Dockerfile: an ONBUILD cannot schedule another ONBUILD, and a trigger cannot start a new stage or set the deprecated maintainer field.",
    bad: "FROM node:20\nONBUILD FROM node:20-slim",
    good: "FROM node:20\nONBUILD COPY . /app",
  },
  check(ctx) {
    for (let instructionIndex = 0; instructionIndex < ctx.ast.instructions.length; instructionIndex++) {
      const instruction = ctx.ast.instructions[instructionIndex];
      const trigger = instruction.trigger;
      if (instruction.keyword !== "ONBUILD" || !trigger || !NOT_A_TRIGGER.has(trigger.keyword)) continue;
      ctx.report({
        span: trigger.keywordSpan,
        message: `${trigger.keyword} cannot be an ONBUILD trigger; Docker rejects this instruction`,
      });
    }
  },
});
