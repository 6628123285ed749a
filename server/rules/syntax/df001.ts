import { INSTRUCTIONS } from "../../../grammar/index.js";
import { closestName, didYouMean } from "../helpers/suggest.js";
import { defineRule, type Fix, type FixKind, fixOf } from "../types.js";

const DID_YOU_MEAN: FixKind = {
  title: "Change to the closest instruction",
  safety: "unsafe",
  reason:
    "a guess: a shell line that lost its continuation would become another instruction, and Docker would build what it rejects today",
};

export const df001 = defineRule({
  code: "DF001",
  aliases: [],
  severity: "error",
  title: "Unknown instruction",
  docs: {
    what: "Finds lines whose first word is not a Dockerfile instruction, and suggests the instruction that was probably meant.",
    why: "Docker stops the build at the first line it cannot read as an instruction. Typos (`RUNN`), a stray escape character in the keyword, or a continuation line that lost its `\\` all end up here. In an ONBUILD trigger the mistake only surfaces when another image is built from this one.",
    bad: "FROM alpine\nRUNN apk add curl",
    good: "FROM alpine\nRUN apk add curl",
  },
  fixes: [DID_YOU_MEAN],
  instructions: ["*"],
  visit(ctx, instruction) {
    if (instruction.known) return;
    const span = instruction.keywordSpan;
    const suggestion = closestName(instruction.keyword, INSTRUCTIONS);
    const where = instruction.parentOnbuild
      ? " (ONBUILD trigger: it fails in the images built from this one)"
      : "";
    const written = ctx.ast.text.slice(span.start, span.end);
    // Only a keyword written in one piece is replaced; one split by a continuation is left to the author.
    const fix: Fix | undefined =
      suggestion && written.toUpperCase() === instruction.keyword
        ? fixOf(
            DID_YOU_MEAN,
            [{ span, newText: written === written.toLowerCase() ? suggestion.toLowerCase() : suggestion }],
            `Change to ${suggestion}`,
          )
        : undefined;
    ctx.report({
      span,
      message: `unknown instruction '${instruction.keyword}'${didYouMean(suggestion)}${where}`,
      fixes: [fix],
    });
  },
});
