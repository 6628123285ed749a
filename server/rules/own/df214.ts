import { brokenExecForm, type LooseArray, type LooseProblem } from "../helpers/execForm.js";
import { defineRule, type Fix, type FixKind, fixOf, type TextEdit } from "../types.js";

const MAKE_JSON: FixKind = {
  title: "Write the array as JSON",
  safety: "unsafe",
  reason:
    "Docker runs the text as a shell command today; as an exec form the program starts directly, without the shell and with the arguments as written",
};

function describe(p: LooseProblem, source: string): string {
  const text = (s: { start: number; end: number }) => source.slice(s.start, s.end);
  switch (p.kind) {
    case "missing-comma":
      return `a comma is missing between ${text(p.before.span)} and ${text(p.after.span)}`;
    case "trailing-comma":
      return "a comma follows the last element";
    case "extra-comma":
      return "a comma stands where an element should be";
    case "unquoted":
      return `${text(p.element.span)} is not in double quotes`;
    case "single-quote":
      return `${text(p.element.span)} is in single quotes`;
    case "typographic-quote":
      return `${text(p.element.span)} uses typographic quotes instead of "`;
    case "bad-escape":
      return `${p.escape} in ${text(p.element.span)} is not a JSON escape (a backslash is written \\\\)`;
    case "unclosed":
      return "the closing ] is missing";
    case "unterminated-string":
      return "a string is never closed";
    case "comment-after":
      return "a # comment follows the array on the same line (Docker reads it as more arguments)";
  }
}

/**
 * Edits that turn the array into the JSON a reader takes it for. None when that is a guess: an unclosed string, or
 * unquoted words next to each other without commas (`[npm run start]` could be one string or three).
 */
function jsonFix(array: LooseArray, end: number, source: string, lineStart: number): Fix | undefined {
  const edits: TextEdit[] = [];
  for (const p of array.problems) {
    switch (p.kind) {
      case "unterminated-string":
        return undefined;
      case "missing-comma":
        if (p.before.quote === "none" || p.after.quote === "none") return undefined;
        edits.push({ span: { start: p.before.span.end, end: p.before.span.end }, newText: "," });
        break;
      case "trailing-comma":
      case "extra-comma":
        edits.push({ span: p.span, newText: "" });
        break;
      case "unclosed":
        edits.push({ span: { start: end, end }, newText: "]" });
        break;
      case "comment-after": {
        // The comment moves to a line of its own above the instruction, where Docker reads it as a comment.
        const indent = /^[ \t]*/.exec(source.slice(lineStart))?.[0] ?? "";
        const comment = source.slice(p.comment.start, p.comment.end);
        if (comment.includes("\n")) return undefined;
        edits.push({ span: { start: lineStart, end: lineStart }, newText: `${indent}${comment}\n` });
        edits.push({ span: p.span, newText: "" });
        break;
      }
      default:
        // One replacement per element, even when it has two problems (a bare word with a backslash).
        if (!edits.some((e) => e.span.start === p.element.span.start))
          edits.push({ span: p.element.span, newText: JSON.stringify(p.element.value) });
    }
  }
  return fixOf(MAKE_JSON, edits);
}

function lineStart(text: string, offset: number): number {
  return text.lastIndexOf("\n", offset - 1) + 1;
}

export const df214 = defineRule({
  code: "DF214",
  aliases: [],
  severity: "error",
  title: "Exec form that is not valid JSON",
  docs: {
    what: "Finds RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD, COPY, ADD and VOLUME arguments (ONBUILD triggers too) written as an array that is not valid JSON: a missing or extra comma, a word without double quotes, typographic quotes, a backslash that is not a JSON escape (`C:\\app`), a missing `]`, a `# comment` after the `]`. Arrays whose only fault is single quotes are DF201's; SHELL, which has no shell form, is DF014's. The shell's own `[ -f x ]` test is not an array and is left alone.",
    why: 'Docker only takes the exec form when the text after the instruction parses as a JSON array of strings. Anything else is silently used as shell form: `CMD ["nginx" "-g" "daemon off;"]` becomes `/bin/sh -c \'["nginx" "-g" "daemon off;"]\'`, which fails when the container starts (or, for RUN, when the build reaches it; for COPY, it looks for files named after the pieces of the text).',
    bad: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;",]',
    good: 'FROM nginx:1.27\nCMD ["nginx", "-g", "daemon off;"]',
  },
  fixes: [MAKE_JSON],
  // SHELL, which has no shell form, is DF014's.
  instructions: ["RUN", "CMD", "ENTRYPOINT", "HEALTHCHECK", "COPY", "ADD", "VOLUME"],
  visit(ctx, instruction) {
    const array = brokenExecForm(instruction);
    const form = instruction.form;
    if (!array || !form) return;
    const top = instruction.parentOnbuild ?? instruction;
    const problems = array.problems.filter((p) => p.kind !== "single-quote");
    const first = describe(problems[0], ctx.ast.text);
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : "";
    ctx.report({
      span: form.span,
      message: `${instruction.keyword} looks like an exec form but is not JSON: ${first}${more}; Docker runs the whole text as a shell command instead`,
      fixes: [jsonFix(array, form.span.end, ctx.ast.text, lineStart(ctx.ast.text, top.span.start))],
    });
  },
});
