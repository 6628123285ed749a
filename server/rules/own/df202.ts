import type { DockerfileAst, Span } from "../../../grammar/index.js";
import { commentsWithin } from "../../model/comments.js";
import { type IgnorePragma, ignorePragmas, type PragmaName } from "../../model/pragmas.js";
import { defineRule, type Fix, type FixKind, fixOf } from "../types.js";

const REMOVE_PRAGMA: FixKind = {
  title: "Remove the pragma",
  safety: "safe",
  reason:
    "the comment silences nothing and Docker ignores comments (none is removed where it could expose a parser directive)",
};
const REMOVE_NAME: FixKind = {
  title: "Remove the name from the pragma",
  safety: "safe",
  reason: "the name silences nothing and Docker ignores comments",
};

const COVERS = { instruction: "the next instruction", stage: "this stage", global: "this file" } as const;

export const df202 = defineRule({
  code: "DF202",
  aliases: [],
  severity: "warning",
  // Turned on by `--report-unused-pragmas` (or a severity override): it needs every rule a pragma names to run.
  defaultOff: true,
  afterPragmas: true,
  title: "Ignore pragma that silences nothing",
  docs: {
    what: "Finds `# hadolint ignore=` and `# dflint ignore=` pragmas (for an instruction, a stage or the file) that name a rule which reported nothing there, or a name that is not a rule at all. A name is only judged when its rule ran; ShellCheck codes (`SC2086`), which hadolint passes to ShellCheck, are never judged. `--report-unused-pragmas` turns it on.",
    why: "A pragma outlives the problem it hid: after the instruction is fixed or moved, the comment stays and will silently hide the next, real finding of that rule there. A misspelt code silences nothing and gives the reader the wrong idea that the finding was looked at.",
    bad: "FROM debian:12.5\n# hadolint ignore=DL3008\nRUN echo hello",
    good: "FROM debian:12.5\nRUN echo hello",
  },
  fixes: [REMOVE_PRAGMA, REMOVE_NAME],
  check(ctx) {
    const use = ctx.pragmaUse;
    if (!use) return;
    for (const pragma of ignorePragmas(ctx.ast)) {
      const stale = pragma.names.filter((n) => {
        const s = use.status(n);
        return s === "unused" || s === "unknown";
      });
      const what = (n: PragmaName) =>
        use.status(n) === "unknown"
          ? `'${n.name}' is not a dflint rule`
          : `${n.name} reported nothing in ${COVERS[pragma.scope]}`;
      if (stale.length === pragma.names.length) {
        const fix = removePragma(ctx.ast, pragma);
        ctx.report({
          span: pragma.span,
          message:
            stale.length === 0
              ? "this ignore pragma names no rule: remove it"
              : `this ignore pragma silences nothing (${stale.map(what).join("; ")}): remove it`,
          fixes: [fix],
          tags: ["unnecessary"],
        });
        continue;
      }
      for (const name of stale) {
        ctx.report({
          span: name.span,
          message: `${what(name)}: remove it from the pragma`,
          fixes: [
            fixOf(
              REMOVE_NAME,
              [{ span: nameWithSeparator(pragma, name), newText: "" }],
              `Remove ${name.name} from the pragma`,
            ),
          ],
          tags: ["unnecessary"],
        });
      }
    }
  },
});

/** The name and the separator that joins it to its neighbour, so the list stays well formed. */
function nameWithSeparator(pragma: IgnorePragma, name: PragmaName): Span {
  const i = pragma.names.indexOf(name);
  return i > 0
    ? { start: pragma.names[i - 1].span.end, end: name.span.end }
    : { start: name.span.start, end: pragma.names[1].span.start };
}

/**
 * Deletes the pragma's line. Comments do not change the build, with one exception: above the first instruction,
 * deleting a comment can make a later `# key=value` comment the file's first lines, where BuildKit reads it as a
 * parser directive. No fix is offered then.
 */
function removePragma(ast: DockerfileAst, pragma: IgnorePragma): Fix | undefined {
  const first = ast.instructions[0];
  if (!first || pragma.span.start < first.span.start) {
    const above = commentsWithin(ast, pragma.span.end + 1, first ? first.span.start - 1 : ast.text.length);
    const looksLikeDirective = above.some((c) => /^\s*\w+\s*=/.test(c.text));
    if (looksLikeDirective) return undefined;
  }
  const lines = ast.lines;
  const line = lines.lineAt(pragma.span.start);
  const start = lines.lineStarts[line];
  const end = line + 1 < lines.lineStarts.length ? lines.lineStarts[line + 1] : ast.text.length;
  if (ast.text.slice(start, pragma.span.start).trim() !== "") return undefined;
  return fixOf(REMOVE_PRAGMA, [{ span: { start, end }, newText: "" }]);
}
