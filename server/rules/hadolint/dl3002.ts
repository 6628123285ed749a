import { unquote } from "../../../grammar/shell.js";
import { defineRule } from "../types.js";

/** `root`, uid 0, or either with any group. */
function isRoot(user: string): boolean {
  const name = user.split(":")[0];
  return name === "root" || name === "0";
}

export const dl3002 = defineRule({
  code: "DL3002",
  aliases: [],
  severity: "warning",
  securitySeverity: 6.0,
  title: "Last USER is root",
  docs: {
    what: "Finds stages whose last USER instruction switches to root (by name or as uid 0).",
    why: "The last USER of a stage is the user its containers run as. A process running as root inside the container is root on the files it can reach, so a bug or a breach in it does far more damage. Install things as root, then switch to an unprivileged user at the end.",
    bad: 'FROM debian:12\nUSER root\nRUN apt-get update\nCMD ["./app"]',
    good: 'FROM debian:12\nUSER root\nRUN apt-get update\nUSER app\nCMD ["./app"]',
  },
  check(ctx) {
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const users = stage.instructions.filter((i) => i.keyword === "USER" && i.words.length > 0);
      const last = users[users.length - 1];
      if (!last) continue;
      const word = last.words[0];
      const user = unquote(word.text, { escapeChar: ctx.ast.escapeChar });
      // A variable may hold anything; only a literal root is certain.
      if (!isRoot(user)) continue;
      const where = stage.name ? `stage '${stage.name}'` : "this stage";
      ctx.report({
        span: word.span,
        message: `'${user}' is the last USER of ${where}, so its containers run as root; switch to an unprivileged user at the end`,
      });
    }
  },
});
