import { declaredFlags, flagIssues } from "../helpers/flags.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const FLAG_CASE: FixKind = {
  title: "Write the flag in its own casing",
  safety: "safe",
  reason:
    "the instruction has exactly one flag of that name in other letter case, so the flag can only mean that one (Docker rejects the line today)",
};

export const df003 = defineRule({
  code: "DF003",
  aliases: [],
  severity: "error",
  title: "Unknown or repeated flag",
  docs: {
    what: "Finds `--flags` that the instruction does not have (flag names are case-sensitive) and flags given twice where Docker allows them once. `--exclude`, `--mount` and `--device` may repeat.",
    why: "Docker rejects the whole instruction when it meets a flag it does not know, so a typo such as `--chwon` or `--PLATFORM` fails the build instead of being ignored. A repeated flag fails the same way, even when both copies agree.",
    bad: "FROM alpine\nCOPY --chwon=app:app . /srv/",
    good: "FROM alpine\nCOPY --chown=app:app . /srv/",
  },
  fixes: [FLAG_CASE],
  instructions: ["*"],
  visit(ctx, instruction) {
    const issues = flagIssues(instruction);
    for (let qi = 0; qi < issues.length; qi++) {
      const issue = issues[qi];
      const flag = issue.flag;
      const span = { start: flag.span.start, end: flag.nameSpan.end };
      const kw = instruction.keyword;
      if (issue.kind === "unknown") {
        const known = Object.keys(declaredFlags(instruction) ?? {});
        const hint =
          issue.suggestion !== undefined
            ? issue.suggestion.toLowerCase() === flag.name.toLowerCase()
              ? ` (flag names are case-sensitive: --${issue.suggestion})`
              : ` (did you mean --${issue.suggestion}?)`
            : known.length === 0
              ? `: ${kw} takes no flags`
              : `; ${kw} accepts ${known.map((k) => `--${k}`).join(", ")}`;
        // Only a change of letter case is certain enough to fix.
        const caseOnly =
          issue.suggestion !== undefined && issue.suggestion.toLowerCase() === flag.name.toLowerCase();
        const fix =
          caseOnly &&
          issue.suggestion &&
          ctx.ast.text.slice(flag.nameSpan.start, flag.nameSpan.end) === flag.name
            ? fixOf(
                FLAG_CASE,
                [{ span: flag.nameSpan, newText: issue.suggestion }],
                `Write --${issue.suggestion}`,
              )
            : undefined;
        ctx.report({ span, message: `unknown flag --${flag.name} for ${kw}${hint}`, fixes: [fix] });
      } else if (issue.kind === "duplicate") {
        ctx.report({ span, message: `--${flag.name} is given more than once; ${kw} accepts it only once` });
      }
    }
  },
});
