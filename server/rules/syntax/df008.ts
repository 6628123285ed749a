import { defineRule } from "../types.js";

export const df008 = defineRule({
  code: "DF008",
  aliases: [],
  severity: "error",
  title: "No FROM before the first instruction",
  docs: {
    what: "Finds files without any instruction or without a FROM, and the first instruction other than ARG that comes before the first FROM.",
    why: "Every instruction except ARG belongs to a build stage, and a stage starts with FROM. Docker fails on the first instruction it cannot attach to a stage, and on a file that has no stage at all. Only ARG may come first, to declare values for the FROM lines.",
    bad: "ENV APP_HOME=/srv\nFROM alpine",
    good: "FROM alpine\nENV APP_HOME=/srv",
  },
  check(ctx) {
    const instructions = ctx.ast.instructions;
    if (instructions.length === 0) {
      ctx.report({
        span: { start: 0, end: 0 },
        message: "the file has no instructions: a Dockerfile needs at least a FROM",
      });
      return;
    }
    const firstFrom = instructions.findIndex((i) => i.keyword === "FROM");
    const before = firstFrom < 0 ? instructions : instructions.slice(0, firstFrom);
    const stray = before.find((i) => i.keyword !== "ARG");
    if (stray) {
      ctx.report({
        span: stray.keywordSpan,
        message:
          firstFrom < 0
            ? `the file has no FROM, so ${stray.keyword} belongs to no build stage`
            : `${stray.keyword} comes before the first FROM; only ARG may come before it`,
      });
    } else if (firstFrom < 0) {
      ctx.report({
        span: { start: 0, end: 0 },
        message: "the file declares ARGs but has no FROM to start a build stage",
      });
    }
  },
});
