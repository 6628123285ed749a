import type { RuleContext } from "../types.js";

/**
 * Reports every instruction of `keyword` in a stage but the last one: Docker keeps only the last CMD, ENTRYPOINT or
 * HEALTHCHECK of a stage. ONBUILD triggers run in a later build, so they do not count.
 */
export function reportAllButLast(ctx: RuleContext, keyword: string): void {
  for (const stage of ctx.model.stages) {
    const found = stage.instructions.filter((i) => i.keyword === keyword);
    if (found.length < 2) continue;
    const winner = found[found.length - 1];
    const winnerLine = ctx.ast.lines.position(winner.span.start).line + 1;
    for (const earlier of found.slice(0, -1)) {
      ctx.report({
        span: earlier.span,
        message: `this ${keyword} has no effect: the ${keyword} on line ${winnerLine} replaces it (only the last ${keyword} of a stage counts)`,
      });
    }
  }
}
