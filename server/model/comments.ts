import type { CommentNode, DockerfileAst, Instruction } from "../../grammar/index.js";

/**
 * The comment lines BuildKit attaches to each top-level instruction (its "previous comments"): every comment since
 * the previous instruction, blank lines included, but starting over after an empty `#` line. Parser directives and
 * comments inside a continuation are not among them. BuildKit reads `# check=` options and descriptions from these.
 */
export function precedingComments(ast: DockerfileAst): Map<Instruction, CommentNode[]> {
  const out = new Map<Instruction, CommentNode[]>();
  const comments = ast.comments;
  let c = 0;
  let previousEnd = -1;
  for (const instruction of ast.instructions) {
    let group: CommentNode[] = [];
    while (c < comments.length && comments[c].span.start < instruction.span.start) {
      const comment = comments[c++];
      if (comment.span.start < previousEnd) continue;
      if (comment.text.trim() === "") group = [];
      else group.push(comment);
    }
    if (group.length > 0) out.set(instruction, group);
    previousEnd = instruction.fullSpan.end;
  }
  return out;
}
