import type { Span } from "../../../grammar/index.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const DELETE_LINE: FixKind = {
  title: "Delete the blank line",
  safety: "safe",
  reason:
    "Docker skips the blank line while it joins the continued lines, so the instruction reads the same without it",
};

export const df103 = defineRule({
  code: "DF103",
  aliases: ["NoEmptyContinuation"],
  severity: "warning",
  title: "Blank line inside a continued instruction",
  docs: {
    what: "Finds blank lines in the middle of an instruction that continues over several lines with `\\`.",
    why: "Docker skips such a line and keeps joining, so the instruction goes on past a line that looks like its end. That is easy to misread (did the author forget a `\\`, or a command?), and Docker has announced that it will reject these lines in a future release.",
    bad: "RUN apt-get update && \\\n\n    apt-get install -y curl",
    good: "RUN apt-get update && \\\n    apt-get install -y curl",
  },
  fixes: [DELETE_LINE],
  check(ctx) {
    const text = ctx.ast.text;
    for (let instructionIndex = 0; instructionIndex < ctx.ast.instructions.length; instructionIndex++) {
      const instruction = ctx.ast.instructions[instructionIndex];
      const blanks = instruction.emptyContinuationLines;
      if (blanks.length === 0) continue;
      // Docker warns once per instruction, on the instruction's last line.
      const lastLine = ctx.ast.lines.lineAt(instruction.span.end);
      let start = Math.max(ctx.ast.lines.lineStarts[lastLine], instruction.span.start);
      while (start < instruction.span.end && (text[start] === " " || text[start] === "\t")) start++;
      ctx.report({
        span: { start, end: instruction.span.end },
        message: `${blanks.length === 1 ? "a blank line" : `${blanks.length} blank lines`} inside this continued ${instruction.keyword}: Docker skips them and keeps joining lines, and will reject them in a future release`,
        related: blanks.map((line) => ({ span: line, message: "blank line inside the continuation" })),
        fixes: [
          fixOf(
            DELETE_LINE,
            blanks.map((line) => ({ span: withLineBreak(text, line), newText: "" })),
            blanks.length === 1 ? "Delete the blank line" : "Delete the blank lines",
          ),
        ],
      });
    }
  },
});

function withLineBreak(text: string, line: Span): Span {
  let end = line.end;
  if (text[end] === "\r" && text[end + 1] === "\n") end += 2;
  else if (text[end] === "\n") end += 1;
  return { start: line.start, end };
}
