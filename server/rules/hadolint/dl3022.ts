import { resolveCopyFrom, stageSuggestion } from "../helpers/stages.js";
import { didYouMean } from "../helpers/suggest.js";
import { defineRule, type Fix, type FixKind, fixOf } from "../types.js";

const RENAME: FixKind = {
  title: "Use the stage's name",
  safety: "unsafe",
  reason: "a guess: the COPY then takes that stage's files instead of the image the word names today",
};

export const dl3022 = defineRule({
  code: "DL3022",
  aliases: [],
  severity: "warning",
  title: "COPY --from names no earlier stage",
  docs: {
    what: "Finds `COPY --from=` values that name no stage defined before the COPY: an unknown name, a stage defined further down, or a stage index that does not exist yet. Values that look like image references (`nginx:1.25`, `ghcr.io/org/tool`) are fine.",
    why: "A stage can only copy from stages built before it. A name that matches no stage is taken as an image on Docker Hub, so a misspelt stage name silently pulls some public image (or fails to), instead of copying your build output.",
    bad: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.19\nCOPY --from=biuld /app /app",
    good: "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM alpine:3.19\nCOPY --from=build /app /app",
  },
  fixes: [RENAME],
  check(ctx) {
    // ONBUILD COPY --from runs in a later build, whose stages this file does not know.
    for (let ni = 0; ni < ctx.ast.instructions.length; ni++) {
      const instruction = ctx.ast.instructions[ni];
      if (instruction.keyword !== "COPY") continue;
      const at = ctx.model.stageOf(instruction)?.index ?? -1;
      for (let qi = 0; qi < instruction.flags.length; qi++) {
        const flag = instruction.flags[qi];
        const value = flag.value;
        if (flag.name !== "from" || value === undefined || value === "" || value.includes("$")) continue;
        const target = resolveCopyFrom(ctx.model, at, value);
        let message: string | undefined;
        let fix: Fix | undefined;
        if (target.kind === "later") {
          const line = ctx.ast.lines.position(target.stage.from.span.start).line + 1;
          message = `stage '${value}' is defined on line ${line}, after this COPY; a stage can only copy from earlier stages`;
        } else if (target.kind === "missing" && target.index) {
          message = `there is no stage ${value} before this COPY (stages are numbered from 0 in order of their FROM)`;
        } else if (target.kind === "missing") {
          const suggestion = stageSuggestion(ctx.model, value, at);
          message = `no stage named '${value}' is defined before this COPY; Docker would pull an image called '${value}' instead${didYouMean(suggestion && `'${suggestion}'`)}`;
          const span = flag.valueSpan;
          if (suggestion && span && ctx.ast.text.slice(span.start, span.end) === value)
            fix = fixOf(RENAME, [{ span, newText: suggestion }], `Use stage '${suggestion}'`);
        }
        if (message) ctx.report({ span: flag.valueSpan ?? flag.span, message, fixes: [fix] });
      }
    }
  },
});
