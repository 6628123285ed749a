import { singleQuotedExecForm } from "../helpers/execForm.js";
import { allInstructions, defineRule, type FixKind, fixOf } from "../types.js";

const DOUBLE_QUOTES: FixKind = {
  title: "Use double quotes",
  safety: "unsafe",
  reason:
    "Docker uses the text as written today (a shell command, or paths named after the words); the exec form runs or copies something else",
};

export const df201 = defineRule({
  code: "DF201",
  aliases: ["JsonInSingleQuotes"],
  severity: "error",
  title: "Exec form written with single quotes",
  docs: {
    what: "Finds RUN, CMD, ENTRYPOINT, SHELL, HEALTHCHECK CMD, COPY, ADD and VOLUME arguments that look like an exec-form array but quote their strings with `'`.",
    why: "The exec form must be valid JSON, and JSON only knows double quotes. Docker does not reject `['nginx', '-g', 'daemon off;']`: it quietly treats the whole text as a shell command, so the container runs `/bin/sh -c \"['nginx', ...]\"` and fails at start-up with a confusing error (or COPY looks for files named `['src',`).",
    bad: "CMD ['nginx', '-g', 'daemon off;']",
    good: 'CMD ["nginx", "-g", "daemon off;"]',
  },
  fixes: [DOUBLE_QUOTES],
  check(ctx) {
    const instructions = allInstructions(ctx.ast);
    for (let instructionIndex = 0; instructionIndex < instructions.length; instructionIndex++) {
      const instruction = instructions[instructionIndex];
      const array = singleQuotedExecForm(instruction);
      if (!array || !instruction.form) continue;
      ctx.report({
        span: instruction.form.span,
        message: `${instruction.keyword} uses ' quotes, which JSON does not allow: Docker will run this text as a shell command instead of an exec form`,
        fixes: [
          fixOf(
            DOUBLE_QUOTES,
            array.elements
              .filter((e) => e.quote === "'")
              .map((e) => ({ span: e.span, newText: JSON.stringify(e.value) })),
          ),
        ],
      });
    }
  },
});
