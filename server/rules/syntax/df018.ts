import { KNOWN_DIRECTIVES } from "../../../grammar/index.js";
import { instructionCheckOptions } from "../../model/checkOptions.js";
import { defineRule } from "../types.js";

const DIRECTIVE_LIKE = new RegExp(`^[ \\t]*(${KNOWN_DIRECTIVES.join("|")})[ \\t]*=[ \\t]*\\S`, "i");

export const df018 = defineRule({
  code: "DF018",
  aliases: [],
  severity: "warning",
  title: "Parser directive after the top of the file",
  docs: {
    what: "Finds comments that look like parser directives (`# escape=`, `# syntax=`, `# check=`) but come after an instruction, an ordinary comment or a blank line. A valid `# check=` comment among the comments right before an instruction is not one of them: Docker applies it to that instruction.",
    why: "Docker only reads directives in the uninterrupted block of comment lines at the very top of the file. Anywhere else the line is an ordinary comment: the escape character stays `\\`, the syntax stays the default frontend, and the checks stay as they are, while the file reads as if they were changed.",
    bad: "# Windows build image\n# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022",
    good: "# escape=`\n# Windows build image\nFROM mcr.microsoft.com/windows/servercore:ltsc2022",
  },
  check(ctx) {
    // BuildKit reads a `# check=` comment above an instruction as that instruction's check options. Looked up only
    // for a comment that looks like a directive (few files have one): DF018's own time over the corpus, cold (a fresh
    // process linting it once, every rule on, medians of 16 alternating), 18.5 -> 3.0 ms.
    let used: Set<unknown> | undefined;
    for (let commentIndex = 0; commentIndex < ctx.ast.comments.length; commentIndex++) {
      const c = ctx.ast.comments[commentIndex];
      const m = DIRECTIVE_LIKE.exec(c.text);
      if (!m) continue;
      used ??= new Set([...instructionCheckOptions(ctx.ast).values()].map((o) => o.comment));
      if (used.has(c)) continue;
      ctx.report({
        span: c.span,
        message: `this '${m[1].toLowerCase()}' line is a plain comment: directives only count in the comment block at the very top of the file, before any other comment, blank line or instruction`,
      });
    }
  },
});
