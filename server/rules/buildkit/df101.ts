import type { Stage, StageEdge } from "../../model/model.js";
import { sourceText } from "../helpers/casing.js";
import { defineRule, type Fix, type FixKind, fixOf, type RuleContext, type TextEdit } from "../types.js";

const RENAME: FixKind = {
  title: "Rename the stage in lowercase",
  safety: "safe",
  reason:
    "Docker lowercases stage names before using them (FROM, --from, --target), and every reference is renamed with it",
};

export const df101 = defineRule({
  code: "DF101",
  aliases: ["StageNameCasing"],
  severity: "style",
  title: "Stage names should be lowercase",
  docs: {
    what: "Finds stage names (`FROM image AS Name`) that contain uppercase letters.",
    why: "Docker lowercases stage names before it uses them: `--target`, `COPY --from` and the build output all know the stage as `name`, not `Name`. Writing it in mixed case suggests a distinction Docker does not make and invites references that do not look like the definition.",
    bad: "FROM golang AS Builder\nRUN go build -o /app\nFROM alpine\nCOPY --from=Builder /app /app",
    good: "FROM golang AS builder\nRUN go build -o /app\nFROM alpine\nCOPY --from=builder /app /app",
  },
  fixes: [RENAME],
  check(ctx) {
    let index: StageIndex | undefined;
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const name = stage.name;
      if (!name || !stage.nameSpan) continue;
      const lower = name.toLowerCase();
      if (name === lower) continue;
      index ??= indexStages(ctx);
      ctx.report({
        span: stage.nameSpan,
        message: `stage name '${name}' has uppercase letters; Docker knows this stage as '${lower}'`,
        fixes: [renameFix(ctx, index, stage, lower)],
      });
    }
  },
});

/**
 * Renames the stage and every reference to it (FROM, COPY --from, RUN --mount from=). Offered only when each
 * reference is written out literally, and when no other stage already uses the lowercase name.
 */
function renameFix(ctx: RuleContext, index: StageIndex, stage: Stage, lower: string): Fix | undefined {
  if (!stage.nameSpan || (index.nameCount.get(lower) ?? 0) > 1) return undefined;
  const edits: TextEdit[] = [{ span: stage.nameSpan, newText: lower }];
  for (const edge of index.edgesTo.get(stage) ?? []) {
    const written = sourceText(ctx.ast, edge.span);
    if (/^[+-]?\d+$/.test(written)) continue; // COPY --from=0 names the stage by index
    // A reference through a variable or in quotes still resolves after the rename, but would keep its old spelling.
    if (written.toLowerCase() !== lower) return undefined;
    if (written !== lower) edits.push({ span: edge.span, newText: lower });
  }
  return fixOf(RENAME, edits, `Rename stage to '${lower}'`);
}

interface StageIndex {
  /** Lowercased name -> how many stages have it. */
  nameCount: Map<string, number>;
  edgesTo: Map<Stage, StageEdge[]>;
}

function indexStages(ctx: RuleContext): StageIndex {
  const nameCount = new Map<string, number>();
  for (let sIndex = 0; sIndex < ctx.model.stages.length; sIndex++) {
    const s = ctx.model.stages[sIndex];
    const key = s.name?.toLowerCase();
    if (key !== undefined) nameCount.set(key, (nameCount.get(key) ?? 0) + 1);
  }
  const edgesTo = new Map<Stage, StageEdge[]>();
  for (const edge of ctx.model.edges) {
    if ("image" in edge.to) continue;
    const list = edgesTo.get(edge.to);
    if (list) list.push(edge);
    else edgesTo.set(edge.to, [edge]);
  }
  return { nameCount, edgesTo };
}
