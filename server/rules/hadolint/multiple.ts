import type { RuleContext } from "../types.js";

/**
 * Docker keeps only the last CMD, ENTRYPOINT or HEALTHCHECK of a stage. ONBUILD triggers run in a later build, so
 * they do not count.
 *
 * One rule per instruction with two definitions of where to point (decision for this pair): under its hadolint code
 * it reports every repeat after the first, as hadolint does (so `# hadolint ignore=DL4003` above the later CMD keeps
 * working); run as Docker's MultipleInstructionsDisallowed it reports every one but the last, the ones without effect,
 * as BuildKit does. The count is the same.
 */
export function reportRepeats(ctx: RuleContext, keyword: string): void {
  const line = (i: { span: { start: number } }) => ctx.ast.lines.lineAt(i.span.start) + 1;
  for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
    const stage = ctx.model.stages[stageIndex];
    const found = stage.instructions.filter((i) => i.keyword === keyword);
    if (found.length < 2) continue;
    if (ctx.asDockerCheck) {
      const winner = found[found.length - 1];
      for (const earlier of found.slice(0, -1)) {
        ctx.report({
          span: earlier.span,
          message: `this ${keyword} has no effect: the ${keyword} on line ${line(winner)} replaces it (only the last ${keyword} of a stage counts)`,
          // A pragma on the CMD that counts silences it too: that is where hadolint reports the pair.
          related: [{ span: winner.span, message: `the ${keyword} that counts`, pair: true }],
        });
      }
      continue;
    }
    for (let k = 1; k < found.length; k++) {
      const previous = found[k - 1];
      ctx.report({
        span: found[k].span,
        message: `another ${keyword} in this stage: it replaces the ${keyword} on line ${line(previous)}, which then has no effect (only the last ${keyword} of a stage counts)`,
        // A pragma on the CMD it replaces silences it too: that is where BuildKit reports the pair.
        related: [{ span: previous.span, message: `the ${keyword} it replaces`, pair: true }],
      });
    }
  }
}
