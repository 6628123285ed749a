import { defineRule } from "../types.js";

export const df017 = defineRule({
  code: "DF017",
  aliases: [],
  severity: "error",
  title: "Invalid HEALTHCHECK type",
  docs: {
    what: "Finds HEALTHCHECK instructions whose first word is neither CMD nor NONE, and `HEALTHCHECK NONE` followed by anything.",
    why: "Docker only knows two forms, `HEALTHCHECK [options] CMD command` and `HEALTHCHECK NONE`, and fails the build on anything else. Writing the command directly after HEALTHCHECK (forgetting CMD) is the usual cause.",
    bad: "FROM nginx\nHEALTHCHECK curl -f http://localhost/",
    good: "FROM nginx\nHEALTHCHECK CMD curl -f http://localhost/",
  },
  instructions: ["HEALTHCHECK"],
  visit(ctx, instruction) {
    const type = instruction.keyword === "HEALTHCHECK" ? instruction.words[0] : undefined;
    if (!type) return;
    const upper = type.text.toUpperCase();
    if (upper === "NONE") {
      if (instruction.form) {
        ctx.report({ span: instruction.form.span, message: "HEALTHCHECK NONE takes nothing after NONE" });
      }
    } else if (upper !== "CMD") {
      ctx.report({
        span: type.span,
        message: `unknown HEALTHCHECK type '${type.text}': write HEALTHCHECK CMD <command> or HEALTHCHECK NONE`,
      });
    }
  },
});
