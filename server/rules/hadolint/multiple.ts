import type { RuleContext } from "../types.js";

/**
 * Reports every instruction of `keyword` in a stage but the last one: Docker keeps only the last CMD, ENTRYPOINT or
 * HEALTHCHECK of a stage. ONBUILD triggers run in a later build, so they do not count. hadolint reports the later
 * instruction of each pair instead, so the next one is the finding's pair: a pragma there silences it too.
 */
export function reportAllButLast(ctx: RuleContext, keyword: string): void {
  for (const stage of ctx.model.stages) {
    const found = stage.instructions.filter((i) => i.keyword === keyword);
    if (found.length < 2) continue;
    const winner = found[found.length - 1];
    const winnerLine = ctx.ast.lines.position(winner.span.start).line + 1;
    found.slice(0, -1).forEach((earlier, i) => {
      const next = found[i + 1];
      ctx.report({
        span: earlier.span,
        message: `this ${keyword} has no effect: the ${keyword} on line ${winnerLine} replaces it (only the last ${keyword} of a stage counts)`,
        related: [
          {
            span: next.span,
            message:
              next === winner ? `the ${keyword} that takes effect` : `the next ${keyword} of the stage`,
            pair: true,
          },
          ...(next === winner ? [] : [{ span: winner.span, message: `the ${keyword} that takes effect` }]),
        ],
        tags: ["unnecessary"],
      });
    });
  }
}
