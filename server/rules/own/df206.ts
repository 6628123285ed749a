import type { Stage, StageEdge } from "../../model/model.js";
import { stageCycles } from "../helpers/stages.js";
import { defineRule, type RuleContext } from "../types.js";

export const df206 = defineRule({
  code: "DF206",
  aliases: [],
  severity: "error",
  title: "Stages that depend on each other",
  docs: {
    what: "Finds stages that need each other through `COPY --from`, `RUN --mount=from=` and FROM: stage `a` copies from a later stage `b` that is built FROM `a` (or copies from it), or a stage mounts itself. It is reported at the reference to the later stage that closes the circle. FROM never closes one, since it only sees earlier stages (a later name is an image there, which DF205 reports); a COPY from its own stage is DL3023's.",
    why: 'BuildKit checks the whole file before it builds anything and stops with "circular dependency detected on stage", whichever stage is the target. Copy from the earlier stage instead, or move the shared steps into a stage both build on.',
    bad: "FROM alpine:3.19 AS base\nCOPY --from=tools /bin/tool /bin/tool\nFROM base AS tools\nRUN make-tool",
    good: "FROM alpine:3.19 AS tools\nRUN make-tool\nFROM alpine:3.19 AS base\nCOPY --from=tools /bin/tool /bin/tool",
  },
  check(ctx) {
    for (const cycle of stageCycles(ctx.model)) {
      const [closing] = cycle;
      const line = ctx.ast.lines.lineAt(closing.span.start) + 1;
      const message =
        cycle.length === 1
          ? `stage ${label(closing.from)} mounts itself on line ${line}: BuildKit stops with a circular dependency`
          : `circular dependency: ${[closing.from, ...cycle.map((e) => e.to as Stage)].map(label).join(" → ")}; BuildKit stops before building anything`;
      ctx.report({
        span: closing.span,
        message,
        related: cycle.slice(1).map((e) => ({ span: e.span, message: describe(ctx, e) })),
      });
    }
  },
});

function label(stage: Stage): string {
  return stage.name === undefined ? `${stage.index}` : `'${stage.name}'`;
}

function describe(ctx: RuleContext, edge: StageEdge): string {
  const line = ctx.ast.lines.lineAt(edge.span.start) + 1;
  const to = label(edge.to as Stage);
  const how = edge.kind === "from" ? "is built FROM" : edge.kind === "copy" ? "copies from" : "mounts";
  return `stage ${label(edge.from)} ${how} ${to} (line ${line})`;
}
