import { resolveCopyFrom } from "../helpers/stages.js";
import { defineRule } from "../types.js";

export const dl3023 = defineRule({
  code: "DL3023",
  aliases: [],
  severity: "error",
  title: "COPY --from its own stage",
  docs: {
    what: "Finds `COPY --from=` that names the stage the COPY is in, by name or by index.",
    why: "A stage cannot read files from itself while it is being built: Docker stops with a circular dependency error. To move files within a stage, use `RUN cp`; to copy from an earlier stage, name that stage.",
    bad: "FROM node:20 AS app\nCOPY --from=app /src /dst",
    good: "FROM node:20 AS deps\nRUN npm ci\nFROM node:20 AS app\nCOPY --from=deps /node_modules /app/node_modules",
  },
  check(ctx) {
    for (let ni = 0; ni < ctx.ast.instructions.length; ni++) {
      const instruction = ctx.ast.instructions[ni];
      if (instruction.keyword !== "COPY") continue;
      const stage = ctx.model.stageOf(instruction);
      if (!stage) continue;
      for (let qi = 0; qi < instruction.flags.length; qi++) {
        const flag = instruction.flags[qi];
        const value = flag.value;
        if (flag.name !== "from" || value === undefined || value === "" || value.includes("$")) continue;
        if (resolveCopyFrom(ctx.model, stage.index, value).kind !== "self") continue;
        ctx.report({
          span: flag.valueSpan ?? flag.span,
          message: `'${value}' is the stage this COPY is in; a stage cannot copy from itself`,
        });
      }
    }
  },
});
