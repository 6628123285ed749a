import type { DockerfileAst, Instruction } from "../../../grammar/index.js";
import { runScripts } from "../helpers/runScripts.js";
import { defineRule, type Fix, type FixKind, fixOf, type RuleContext } from "../types.js";

const MERGE: FixKind = {
  title: "Merge into the previous RUN",
  safety: "unsafe",
  reason:
    "the second command then runs in the first one's shell, with its directory, variables and options (cd, export, set ...)",
};

export const dl3059 = defineRule({
  code: "DL3059",
  aliases: [],
  severity: "info",
  title: "Merge consecutive RUN instructions",
  docs: {
    what: "Finds a RUN that directly follows another RUN with the same flags (comments between them are fine), where each of the two runs a single command.",
    why: "Every RUN makes a layer. Consecutive one-command RUNs make the image bigger and the build slower than one RUN that chains the commands, and files deleted in a later layer still take space in the earlier one.",
    bad: "RUN apt-get update\nRUN apt-get install -y curl",
    good: "RUN apt-get update \\\n && apt-get install -y curl",
  },
  fixes: [MERGE],
  check(ctx) {
    // Neighbours in the file: any other instruction in between (a FROM too) breaks the run.
    const instructions = ctx.ast.instructions;
    const single = singleCommandRuns(ctx);
    for (let i = 1; i < instructions.length; i++) {
      const prev = instructions[i - 1];
      const cur = instructions[i];
      if (!single.has(prev) || !single.has(cur) || !sameFlags(prev, cur)) continue;
      ctx.report({
        span: cur.span,
        message: `this RUN and the one on line ${ctx.ast.lines.position(prev.span.start).line + 1} each run one command: chain them in one RUN to save a layer`,
        fixes: [mergeFix(ctx.ast, prev, cur)],
      });
    }
  },
});

/** Shell-form RUNs (no heredoc) that run exactly one command, from the scripts the shell rules already parsed. */
function singleCommandRuns(ctx: RuleContext): Set<Instruction> {
  const out = new Set<Instruction>();
  for (const script of runScripts(ctx)) {
    const i = script.instruction;
    if (script.onbuild || script.form !== "shell" || i.heredocs.length > 0) continue;
    if (script.commands.length === 1) out.add(i);
  }
  return out;
}

function sameFlags(a: Instruction, b: Instruction): boolean {
  const fa = a.flags.map((f) => f.text).sort();
  const fb = b.flags.map((f) => f.text).sort();
  return fa.length === fb.length && fa.every((f, k) => f === fb[k]);
}

/** One RUN: the first command, then `&& second` on a continuation line; comments between the two move above. */
function mergeFix(ast: DockerfileAst, prev: Instruction, cur: Instruction): Fix {
  const text = ast.text;
  const lineStart = ast.lines.lineStarts[ast.lines.lineAt(prev.span.start)];
  const indent = text.slice(lineStart, prev.span.start);
  const between = ast.comments.filter((c) => c.span.start > prev.span.end && c.span.end < cur.span.start);
  const comments = between.map((c) => `#${c.text}\n${indent}`).join("");
  const first = text.slice(prev.span.start, prev.span.end);
  const second = text.slice(cur.argsSpan.start, cur.argsSpan.end);
  return fixOf(MERGE, [
    {
      span: { start: prev.span.start, end: cur.span.end },
      newText: `${comments}${first} ${ast.escapeChar}\n${indent}    && ${second}`,
    },
  ]);
}
