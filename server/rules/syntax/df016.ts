import { expansionProblems } from "../helpers/expansion.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const DEFAULT_VALUE: FixKind = {
  title: "Use - (default value) instead of =",
  safety: "unsafe",
  reason:
    "Docker rejects := today; :- gives the same value here but assigns nothing, so later references to the variable stay empty",
};

export const df016 = defineRule({
  code: "DF016",
  aliases: [],
  severity: "error",
  title: "Invalid variable substitution",
  docs: {
    what: `Finds \`\${...}\` references that Docker cannot expand in the instructions it expands itself (ENV, ARG, LABEL, FROM, COPY, ADD, EXPOSE, VOLUME, USER, WORKDIR, STOPSIGNAL and flag values): unsupported modifiers such as \`\${name:=value}\`, empty or malformed references, and a \`\${\` that is never closed. RUN, CMD and ENTRYPOINT are left to the shell.`,
    why: `Docker's expander supports only part of the shell syntax: \`:-\`, \`:+\`, \`:?\` (with or without the colon), \`#\`, \`##\`, \`%\`, \`%%\`, \`/\` and \`//\`. Anything else, including the common \`\${VAR:=default}\`, stops the build.`,
    bad: `FROM alpine\nWORKDIR \${APP_HOME:=/srv}`,
    good: `FROM alpine\nWORKDIR \${APP_HOME:-/srv}`,
  },
  fixes: [DEFAULT_VALUE],
  instructions: ["*"],
  visit(ctx, instruction) {
    const problems = expansionProblems(ctx.ast, instruction);
    for (let qi = 0; qi < problems.length; qi++) {
      const p = problems[qi];
      if (p.kind !== "substitution") continue;
      // `${VAR:=default}` cannot assign in a Dockerfile; `:-` gives the same value, which is what was meant.
      const fix = p.modifier === "=" ? fixOf(DEFAULT_VALUE, [{ span: p.span, newText: "-" }]) : undefined;
      ctx.report({ span: p.span, message: p.message, fixes: [fix] });
    }
  },
});
