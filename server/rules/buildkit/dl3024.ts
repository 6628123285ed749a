import type { Stage } from "../../model/model.js";
import { defineRule } from "../types.js";

/** One rule, Docker's definition under both names: stage names compare case-insensitively (BuildKit lowercases them;
 * hadolint compares them as written, which misses `AS Build` / `AS build`, a real conflict for Docker). */
export const dl3024 = defineRule({
  code: "DL3024",
  aliases: ["DuplicateStageName"],
  severity: "error",
  title: "Stage names must be unique",
  docs: {
    what: "Finds a stage whose name (compared without regard to case, as Docker does) was already given to an earlier stage.",
    why: "`FROM`, `COPY --from` and `--target` pick a stage by name. With two stages of the same name, which one a reference means depends on where it stands in the file, so moving a line can silently switch the stage it copies from.",
    bad: "FROM node AS build\nRUN npm ci\nFROM golang AS build\nRUN go build",
    good: "FROM node AS web\nRUN npm ci\nFROM golang AS server\nRUN go build",
  },
  check(ctx) {
    const seen = new Map<string, Stage>();
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      if (!stage.name || !stage.nameSpan) continue;
      const key = stage.name.toLowerCase();
      const first = seen.get(key);
      if (!first) {
        seen.set(key, stage);
        continue;
      }
      const line = ctx.ast.lines.position(first.from.span.start).line + 1;
      ctx.report({
        span: stage.nameSpan,
        message: `stage name '${stage.name}' is already used by the stage on line ${line}; references by name can reach only one of them`,
        related: [
          { span: first.nameSpan ?? first.from.span, message: "the first stage with this name", pair: true },
        ],
      });
    }
  },
});
