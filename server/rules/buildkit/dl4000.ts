import type { Instruction } from "../../../grammar/index.js";
import { casingOf, sourceText } from "../helpers/casing.js";
import { defineRule, type Fix, type FixKind, fixOf, type RuleContext } from "../types.js";

const AUTHORS_LABEL = "org.opencontainers.image.authors";

const TO_LABEL: FixKind = {
  title: `Replace with LABEL ${AUTHORS_LABEL}`,
  safety: "unsafe",
  reason:
    "the image's Author field is no longer set and a new label appears: whatever reads either sees a change",
};

/** One rule: hadolint and Docker define MaintainerDeprecated the same way (every MAINTAINER). */
export const dl4000 = defineRule({
  code: "DL4000",
  aliases: ["MaintainerDeprecated"],
  severity: "error",
  title: "MAINTAINER is deprecated",
  docs: {
    what: "Finds MAINTAINER instructions.",
    why: "MAINTAINER fills the image's `author` field, which Docker deprecated long ago; tools read the image author from the standard OCI label `org.opencontainers.image.authors` instead. A LABEL also takes several values and can be inspected like any other metadata.",
    bad: "FROM debian\nMAINTAINER Jane Doe <jane@example.com>",
    good: 'FROM debian\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
  },
  fixes: [TO_LABEL],
  instructions: ["MAINTAINER"],
  visit(ctx, instruction) {
    if (instruction.keyword !== "MAINTAINER") return;
    ctx.report({
      span: instruction.keywordSpan,
      message: `MAINTAINER is deprecated: record the author in the ${AUTHORS_LABEL} label instead`,
      fixes: [labelFix(ctx, instruction)],
      tags: ["deprecated"],
    });
  },
});

function labelFix(ctx: RuleContext, instruction: Instruction): Fix | undefined {
  const author = authorOf(instruction.args);
  // Comment lines inside a continued MAINTAINER would be lost with the rewrite.
  if (author === "" || instruction.comments.length > 0) return undefined;
  const keyword = casingOf(sourceText(ctx.ast, instruction.keywordSpan)) === "lower" ? "label" : "LABEL";
  const value = doubleQuoted(author, ctx.ast.escapeChar);
  return fixOf(TO_LABEL, [
    {
      span: { start: instruction.keywordSpan.start, end: instruction.argsSpan.end },
      newText: `${keyword} ${AUTHORS_LABEL}=${value}`,
    },
  ]);
}

/**
 * MAINTAINER keeps its text as written, quotes included. `MAINTAINER "Jane Doe"` still means the name, so one pair
 * of quotes around the whole text is dropped.
 */
function authorOf(args: string): string {
  const q = args[0];
  if (args.length >= 2 && (q === '"' || q === "'") && args.endsWith(q) && !args.slice(1, -1).includes(q)) {
    return args.slice(1, -1);
  }
  return args;
}

/** A double-quoted word that Docker's word processing turns back into exactly `text`, without expanding anything. */
function doubleQuoted(text: string, escapeChar: string): string {
  let out = '"';
  for (const c of text) out += c === '"' || c === "$" || c === escapeChar ? escapeChar + c : c;
  return `${out}"`;
}
