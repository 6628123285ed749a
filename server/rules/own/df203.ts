import { allInstructions, defineRule } from "../types.js";

export const df203 = defineRule({
  code: "DF203",
  aliases: [],
  severity: "warning",
  title: "Unnamed stage that nothing uses",
  docs: {
    what: "Finds a stage without an `AS` name that is not the last stage and that no `COPY --from=<index>` reads. A stage without a name cannot be a `--target`, so no build ever needs it. A `COPY --from` with a variable, which could be any index, keeps the rule quiet for the file.",
    why: "BuildKit only builds the stages the target needs, so this stage is skipped: its instructions are dead code that nobody tests, and a reader has to work out that they do not matter. The classic builder (`DOCKER_BUILDKIT=0`, Windows containers) builds every stage, so there it costs build time for nothing. Often it is a leftover whose output the final stage was meant to copy.",
    bad: "FROM golang:1.22\nRUN go build -o /app .\nFROM alpine:3.19\nCOPY app /app",
    good: "FROM golang:1.22\nRUN go build -o /app .\nFROM alpine:3.19\nCOPY --from=0 /app /app",
  },
  check(ctx) {
    const stages = ctx.model.stages;
    if (stages.length < 2) return;
    const instructionList = allInstructions(ctx.ast);
    for (let iIndex = 0; iIndex < instructionList.length; iIndex++) {
      const i = instructionList[iIndex];
      if (i.keyword === "COPY" && i.flags.some((f) => f.name === "from" && f.value?.includes("$"))) return;
    }
    const used = new Set(ctx.model.edges.filter((e) => e.from !== e.to).map((e) => e.to));
    const last = stages[stages.length - 1];
    for (const stage of stages) {
      if (stage === last || stage.name !== undefined || used.has(stage)) continue;
      const word = stage.from.words[0];
      ctx.report({
        span: { start: stage.from.keywordSpan.start, end: (word ?? stage.from).span.end },
        message: `stage ${stage.index} has no name and no COPY --from=${stage.index} reads it: no build needs it, and BuildKit skips it`,
        tags: ["unnecessary"],
      });
    }
  },
});
