import type { Span } from "../../../grammar/index.js";
import { isOfficialImage } from "../../model/officialImages.js";
import { isBareName, stageSuggestion, stagesNamed } from "../helpers/stages.js";
import { didYouMean } from "../helpers/suggest.js";
import { defineRule, type FixKind, fixOf, type RuleContext } from "../types.js";

const RENAME: FixKind = {
  title: "Use the stage's name",
  safety: "unsafe",
  reason: "a guess: the build then uses that stage's files instead of pulling the image the word names today",
};

export const df205 = defineRule({
  code: "DF205",
  aliases: [],
  severity: "error",
  title: "FROM or RUN --mount names a later or misspelt stage",
  docs: {
    what: "Finds `FROM <name>` and `RUN --mount=from=<name>` where the name is a stage defined further down, or is no stage but a letter or two from an earlier stage's name (one for names of up to four letters), or a dash-separated first or last part of one (`set` for `license-set`). Names of Docker Hub's official images (`node`, `busybox`) and references with a registry, tag or digest are images and never reported. `COPY --from` is DL3022's; ONBUILD triggers run in another build and are left alone.",
    why: "BuildKit looks a FROM name up among the stages before it only: a later stage's name, or a misspelt one, is taken as an image on Docker Hub, and the build fails to pull it (or pulls some stranger's image). A mount may name any stage, but BuildKit stops when the stage is not built yet (\"stage needs to be defined before current command\").",
    bad: "FROM golang:1.22 AS builder\nRUN go build -o /out/app .\nFROM biulder AS test\nRUN --mount=from=biulder,source=/out,target=/out /out/app -test",
    good: "FROM golang:1.22 AS builder\nRUN go build -o /out/app .\nFROM builder AS test\nRUN --mount=from=builder,source=/out,target=/out /out/app -test",
  },
  fixes: [RENAME],
  check(ctx) {
    const model = ctx.model;
    for (let stageIndex = 0; stageIndex < model.stages.length; stageIndex++) {
      const stage = model.stages[stageIndex];
      const base = stage.base;
      if (base.kind !== "image" || base.unresolved || !isBareName(base.text)) continue;
      const later = stagesNamed(model, base.text).find((s) => s.index > stage.index);
      if (later) {
        if (isOfficialImage(base.text)) continue;
        ctx.report({
          span: base.span,
          message: `'${base.text}' is the name of the stage on line ${lineOf(ctx, later.from.span)}, after this FROM; FROM only sees earlier stages, so this pulls an image called '${base.text}'`,
          related: [{ span: later.nameSpan ?? later.from.span, message: "the stage defined later" }],
        });
        continue;
      }
      if (base.raw === base.text) misspelt(ctx, base.text, base.span, stage.index, "pulls");
    }
    for (const edge of model.edges) {
      if (edge.kind !== "mount" || edge.instruction.parentOnbuild) continue;
      const to = edge.to;
      if ("image" in to) {
        if (isBareName(to.image)) misspelt(ctx, to.image, edge.span, edge.from.index, "mounts");
      } else if (to.index > edge.from.index) {
        ctx.report({
          span: edge.span,
          message: `stage '${to.name}' is defined on line ${lineOf(ctx, to.from.span)}, after this RUN; BuildKit can only mount a stage built before it and stops here`,
          related: [{ span: to.nameSpan ?? to.from.span, message: "the stage defined later" }],
        });
      }
    }
  },
});

function misspelt(ctx: RuleContext, word: string, span: Span, at: number, verb: string): void {
  if (isOfficialImage(word)) return;
  const suggestion = stageSuggestion(ctx.model, word, at);
  if (suggestion === undefined) return;
  // Only where the source text is exactly the word: no quotes or continuations to keep.
  const exact = ctx.ast.text.slice(span.start, span.end) === word;
  ctx.report({
    span,
    message: `no stage is named '${word}', so this ${verb} an image called '${word}'${didYouMean(`'${suggestion}'`)}`,
    fixes: exact ? [fixOf(RENAME, [{ span, newText: suggestion }], `Use stage '${suggestion}'`)] : [],
  });
}

function lineOf(ctx: RuleContext, span: Span): number {
  return ctx.ast.lines.lineAt(span.start) + 1;
}
