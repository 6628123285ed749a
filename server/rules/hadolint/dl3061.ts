/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax */
import { defineRule } from "../types.js";

export const dl3061 = defineRule({
  code: "DL3061",
  aliases: [],
  severity: "error",
  title: "Instruction before the first FROM",
  docs: {
    what: "Finds instructions other than ARG that come before the first FROM (or in a file without FROM).",
    why: "Everything but ARG belongs to a build stage, and a stage starts with FROM. Docker rejects a Dockerfile that runs, copies or labels anything before that; ARGs there are the global build arguments FROM lines may use.",
    bad: "LABEL team=platform\nFROM alpine:3.19",
    good: "ARG ALPINE_VERSION=3.19\nFROM alpine:${ALPINE_VERSION}\nLABEL team=platform",
  },
  check(ctx) {
    for (let instructionIndex = 0; instructionIndex < ctx.ast.instructions.length; instructionIndex++) {
      const instruction = ctx.ast.instructions[instructionIndex];
      if (instruction.keyword === "FROM") break;
      // Unknown keywords are a syntax error of their own.
      if (instruction.keyword === "ARG" || !instruction.known) continue;
      ctx.report({
        span: instruction.keywordSpan,
        message: `${instruction.keyword} comes before the first FROM; only ARG may appear there`,
      });
    }
  },
});
