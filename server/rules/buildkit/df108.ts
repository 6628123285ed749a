import type { Instruction, KeyValue, Span } from "../../../grammar/index.js";
import { expandWord, scanVariables } from "../../../grammar/shell.js";
import { splitQuotedWords } from "../../../grammar/words.js";
import { defineRule, type Fix, type FixKind, fixOf, type TextEdit } from "../types.js";

const EQUALS: FixKind = {
  title: "Write key=value",
  safety: "safe",
  reason:
    "the new text gives the key exactly the value the old form did (quotes are added only where they change nothing)",
};

export const df108 = defineRule({
  code: "DF108",
  aliases: ["LegacyKeyValueFormat"],
  severity: "warning",
  title: "Use ENV/LABEL key=value",
  docs: {
    what: "Finds ENV and LABEL instructions in the old `KEY value` form, without an `=`.",
    why: "In the old form everything after the key is one value, spaces included, so `ENV A 1 B 2` sets A to `1 B 2` rather than two variables. The `key=value` form says where each value ends, allows several pairs per instruction, and is the only form Docker documents today.",
    bad: "ENV JAVA_HOME /opt/java\nLABEL description A small image",
    good: 'ENV JAVA_HOME=/opt/java\nLABEL description="A small image"',
  },
  fixes: [EQUALS],
  instructions: ["ENV", "LABEL"],
  visit(ctx, instruction) {
    if (instruction.keyword !== "ENV" && instruction.keyword !== "LABEL") return;
    for (const pair of instruction.pairs ?? []) {
      if (!pair.legacy) continue;
      ctx.report({
        span: pair.span,
        message: `${instruction.keyword} ${pair.key} uses the old space-separated form, where the rest of the line is the value: write ${pair.key}=<value>`,
        fixes: [equalsFix(instruction, pair, ctx.ast.escapeChar)],
      });
    }
  },
});

/**
 * Docker reads the old form's value as one word, with quotes and escapes processed and spaces kept. The new form
 * gives the same value when the text is a single word already; otherwise it must be quoted, which is only done
 * when that cannot change its meaning. No fix in every other case.
 */
function equalsFix(instruction: Instruction, pair: KeyValue, escapeChar: "\\" | "`"): Fix | undefined {
  const between: Span = { start: pair.keySpan.end, end: pair.valueSpan.start };
  // Rewriting across a comment line inside the continuation would delete the comment.
  if (
    instruction.comments.some((c) => c.span.start > pair.keySpan.start && c.span.end < pair.valueSpan.end)
  ) {
    return undefined;
  }
  const value = pair.value;
  if (!wellFormed(value, escapeChar)) return undefined;
  const words = splitQuotedWords(value, 0, value.length, escapeChar);
  const title = `Write ${pair.key}=<value>`;
  if (words.length === 1 && words[0].start === 0 && words[0].end === value.length) {
    return fixOf(EQUALS, [{ span: between, newText: "=" }], title);
  }
  const edits: TextEdit[] = [];
  if (!/["'`\\]/.test(value) && !value.includes(escapeChar)) {
    // Nothing in the value means anything inside double quotes that it did not mean outside ($ is expanded in both).
    edits.push({ span: between, newText: '="' }, { span: emptyAt(pair.valueSpan.end), newText: '"' });
    return fixOf(EQUALS, edits, title);
  }
  const quotes = value.split('"').length - 1;
  if (!/['`\\]/.test(value) && !value.includes(escapeChar) && !value.includes("${") && quotes % 2 === 0) {
    // Only double quotes: they merely protect spaces, which the surrounding quotes now do for the whole value.
    edits.push(
      { span: between, newText: "=" },
      { span: pair.valueSpan, newText: `"${value.replaceAll('"', "")}"` },
    );
    return fixOf(EQUALS, edits, title);
  }
  return undefined;
}

/** Docker can process the value at all (no unterminated quote); a broken value is not ours to rewrite. */
function wellFormed(value: string, escapeChar: "\\" | "`"): boolean {
  const opts = { escapeChar };
  // Every variable set, so that `${X:?}` does not count as broken.
  const env = new Map(scanVariables(value, opts).map((r) => [r.name, "x"]));
  try {
    expandWord(value, env, opts);
    return true;
  } catch {
    return false;
  }
}

function emptyAt(offset: number): Span {
  return { start: offset, end: offset };
}
