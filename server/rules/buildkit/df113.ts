import type { CommentNode } from "../../../grammar/index.js";
import { precedingComments } from "../../model/comments.js";
import { defineRule, type FixKind, fixOf, type RuleContext } from "../types.js";

const SEPARATE: FixKind = {
  title: "End the comment block with an empty # line",
  safety: "unsafe",
  reason: "docker build --call=outline and --call=targets no longer show the comment with the stage or ARG",
};

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
    what: "Finds a comment above `FROM ... AS name` or `ARG` that Docker takes as its description but whose first word is not the stage's or argument's name. Docker takes the last comment since the previous instruction, even across blank lines; only an empty `#` line ends the block. Docker ships this check as experimental and off by default, and so does dflint: turn it on with `# check=experimental=InvalidDefinitionDescription` or a severity override such as `--info DF113`.",
    why: "`docker build --call=outline` and `--call=targets` show the comment directly above a stage or ARG as its description when the comment starts with the name (`# VERSION the release to build`). A comment that sits there but is not meant as a description gets half-used; an empty `#` line between the two makes the intent clear.",
    bad: "# install the toolchain\nFROM golang AS build\n# see the release notes\nARG VERSION=1.2",
    good: "# build compiles the server\nFROM golang AS build\n# VERSION is the release to build\nARG VERSION=1.2",
  },
  fixes: [SEPARATE],
  check(ctx) {
    const comments = precedingComments(ctx.ast);
    for (let instructionIndex = 0; instructionIndex < ctx.ast.instructions.length; instructionIndex++) {
      const instruction = ctx.ast.instructions[instructionIndex];
      if (instruction.keyword !== "ARG" && instruction.keyword !== "FROM") continue;
      // BuildKit's parser keeps comments across blank lines (its docs say a blank line separates; its code does not).
      // Looked up before the names: most ARGs and FROMs have no comment above them.
      const comment = comments.get(instruction)?.at(-1);
      if (!comment) continue;
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
      const text = comment.text.trim();
      // Unlike Docker we never read our own or hadolint's pragmas as descriptions: they sit there on purpose.
      if (PRAGMA.test(text)) continue;
      if (names.includes(text.split(" ")[0])) continue;
      const example = names.length === 1 ? names[0] : "<name>";
      // Docker reports the instruction's line; the comment is what to change.
      ctx.report({
        span: instruction.span,
        related: [{ span: comment.span, message: "the comment Docker reads as a description" }],
        message: `Docker reads the comment on line ${ctx.ast.lines.lineAt(comment.span.start) + 1} as the description of ${what}, but a description must start with the name ('# ${example} ...'); if it is not one, put an empty '#' line after it (a blank line does not end Docker's comment block)`,
        fixes: [
          fixOf(SEPARATE, [
            {
              span: { start: comment.span.end, end: comment.span.end },
              newText: `${lineBreakAfter(ctx, comment)}#`,
            },
          ]),
        ],
      });
    }
  },
});

function lineBreakAfter(ctx: RuleContext, comment: CommentNode): string {
  return ctx.ast.text[comment.span.end] === "\r" ? "\r\n" : "\n";
}
