import type { CommentNode, Instruction } from "../../../grammar/index.js";
import { defineRule, type RuleContext } from "../types.js";

/** Our own and hadolint's pragma comments sit above instructions on purpose and are never descriptions. */
const PRAGMA = /^\s*(?:hadolint|dflint)\s+(?:ignore|global|shell)\b/;

export const df113 = defineRule({
  code: "DF113",
  aliases: ["InvalidDefinitionDescription"],
  severity: "info",
  // Docker ships this check as experimental and off; so do we (`--info DF113` turns it on).
  defaultOff: true,
  title: "Comment above FROM or ARG is not a description",
  docs: {
    what: "Finds a comment on the line right above `FROM ... AS name` or `ARG` whose first word is not the stage's or argument's name. Docker ships this check as experimental and off by default, and so does dflint: turn it on with a severity override such as `--info DF113`.",
    why: "`docker build --call=outline` and `--call=targets` show the comment directly above a stage or ARG as its description when the comment starts with the name (`# VERSION the release to build`). A comment that sits there but is not meant as a description gets half-used; a blank line between the two makes the intent clear.",
    bad: "# install the toolchain\nFROM golang AS build\n# see the release notes\nARG VERSION=1.2",
    good: "# build compiles the server\nFROM golang AS build\n# VERSION is the release to build\nARG VERSION=1.2",
  },
  check(ctx) {
    const byLine = new Map<number, CommentNode>();
    for (const c of ctx.ast.comments) byLine.set(ctx.ast.lines.lineAt(c.span.start), c);
    for (const instruction of ctx.ast.instructions) {
      let names: string[];
      let what: string;
      if (instruction.keyword === "ARG") {
        names = (instruction.declarations ?? []).map((d) => d.name);
        what = names.length === 1 ? `ARG ${names[0]}` : `this ARG (${names.join(", ")})`;
      } else if (instruction.keyword === "FROM") {
        const name = ctx.model.stageOf(instruction)?.name;
        // Docker lowercases stage names and matches the description against that.
        names = name ? [name.toLowerCase()] : [];
        what = `stage ${names[0]}`;
      } else continue;
      if (names.length === 0) continue;
      const comment = commentAbove(ctx, byLine, instruction);
      if (!comment) continue;
      const text = comment.text.trim();
      // An empty `#` line ends a description block, like a blank line; pragmas are never descriptions.
      if (text === "" || PRAGMA.test(text)) continue;
      if (names.includes(text.split(" ")[0])) continue;
      const example = names.length === 1 ? names[0] : "<name>";
      ctx.report({
        span: comment.span,
        message: `Docker reads this comment as the description of ${what}, but a description must start with the name ('# ${example} ...'); put a blank line in between if it is not one`,
        fix: {
          title: "Separate the comment from the instruction",
          edits: [
            {
              span: { start: comment.span.end, end: comment.span.end },
              newText: lineBreakAfter(ctx, comment),
            },
          ],
        },
      });
    }
  },
});

function commentAbove(ctx: RuleContext, byLine: Map<number, CommentNode>, instruction: Instruction) {
  const line = ctx.ast.lines.lineAt(instruction.span.start);
  return line > 0 ? byLine.get(line - 1) : undefined;
}

function lineBreakAfter(ctx: RuleContext, comment: CommentNode): string {
  return ctx.ast.text[comment.span.end] === "\r" ? "\r\n" : "\n";
}
