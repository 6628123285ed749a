import { scanDirectives } from "../../../grammar/index.js";
import { defineRule } from "../types.js";

export const df007 = defineRule({
  code: "DF007",
  aliases: [],
  severity: "error",
  title: "Invalid parser directive",
  docs: {
    what: "Finds parser directives at the top of the file that Docker refuses: the same directive given twice, and an `escape` directive whose value is neither `\\` nor a backtick.",
    why: "Docker reads the directives before anything else and stops the build when one is repeated or the escape character is not one it supports.",
    bad: "# escape=`\n# escape=\\\nFROM mcr.microsoft.com/windows/servercore:ltsc2022",
    good: "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022",
  },
  check(ctx) {
    const errors = ctx.ast.errors.filter(
      (e) => e.code === "duplicate-directive" || e.code === "invalid-escape",
    );
    if (errors.length === 0) return;
    const duplicates = scanDirectives(ctx.ast.text).duplicates;
    for (const e of errors) {
      if (e.code === "invalid-escape") {
        ctx.report({ span: e.span, message: e.message });
        continue;
      }
      // The directive itself, without the leading `#`.
      const d = duplicates.find((x) => x.span.start === e.span.start);
      const span = d ? { start: d.nameSpan.start, end: d.valueSpan.end } : e.span;
      const first = ctx.ast.directives.find((x) => x.name === d?.name);
      const line = first ? ` (first on line ${ctx.ast.lines.position(first.span.start).line + 1})` : "";
      ctx.report({ span, message: `${e.message}${line}` });
    }
  },
});
