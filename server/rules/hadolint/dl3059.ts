import type { DockerfileAst, Instruction } from "../../../grammar/index.js";
import { commentsWithin } from "../../model/comments.js";
import { type RunCommand, runScripts } from "../helpers/runScripts.js";
import { defineRule, type Fix, type FixKind, fixOf, type RuleContext } from "../types.js";

const MERGE: FixKind = {
  title: "Merge into the previous RUN",
  safety: "safe",
  reason:
    "the first command leaves the shell as it found it (no cd, export, set ...), the flags and SHELL are the same, so the second runs as before; the files end up in one layer",
};
const MERGE_STATEFUL: FixKind = {
  title: "Merge into the previous RUN",
  safety: "unsafe",
  reason:
    "the second command then runs in the shell the first one changed (its directory, variables, options or limits)",
};

/**
 * Commands that change the shell the next command of the same RUN runs in (directory, variables, options, traps,
 * limits, aliases, functions), or may end it or replace it; and wrappers that can run any of them.
 */
const CHANGES_SHELL = new Set([
  ...["cd", "pushd", "popd", "export", "unset", "source", ".", "set", "shopt", "umask", "ulimit", "exit"],
  ...[
    "exec",
    "eval",
    "alias",
    "unalias",
    "trap",
    "declare",
    "typeset",
    "local",
    "readonly",
    "hash",
    "enable",
  ],
  ...[
    "shift",
    "return",
    "builtin",
    "command",
    "let",
    "read",
    "getopts",
    "wait",
    "disown",
    "setopt",
    "emulate",
  ],
]);

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
  fixes: [MERGE, MERGE_STATEFUL],
  check(ctx) {
    // Neighbours in the file: any other instruction in between (a FROM too) breaks the run.
    const instructions = ctx.ast.instructions;
    const single = singleCommandRuns(ctx);
    for (let i = 1; i < instructions.length; i++) {
      const prev = instructions[i - 1];
      const cur = instructions[i];
      const first = single.get(prev);
      if (!first || !single.has(cur) || !sameFlags(prev, cur)) continue;
      ctx.report({
        span: cur.span,
        message: `this RUN and the one on line ${ctx.ast.lines.position(prev.span.start).line + 1} each run one command: chain them in one RUN to save a layer`,
        fixes: [mergeFix(ctx.ast, prev, cur, first)],
      });
    }
  },
});

/** Shell-form RUNs (no heredoc) that run exactly one command, from the scripts the shell rules already parsed. */
function singleCommandRuns(ctx: RuleContext): Map<Instruction, RunCommand> {
  const out = new Map<Instruction, RunCommand>();
  const scriptList = runScripts(ctx);
  for (let scriptIndex = 0; scriptIndex < scriptList.length; scriptIndex++) {
    const script = scriptList[scriptIndex];
    const i = script.instruction;
    if (script.onbuild || script.form !== "shell" || i.heredocs.length > 0) continue;
    if (script.commands.length === 1) out.set(i, script.commands[0]);
  }
  return out;
}

/** Whether the RUN's command may leave the shell changed for a command chained after it. */
function changesShell(command: RunCommand, text: string): boolean {
  // A program named through a variable could be any of them.
  if (command.word.hasExpansion || CHANGES_SHELL.has(command.word.value)) return true;
  if (command.words.some((w) => CHANGES_SHELL.has(w.value) && w.span.start <= command.word.span.start))
    return true;
  // A for loop leaves its variable set, `f() {..}` defines a function, `${A:=x}` and `$((a=1))` assign.
  return /\bfor\b|\bselect\b|\bfunction\b|\(\s*\)|\$\{[^}]*=|\$\(\([^)]*=/.test(text);
}

function sameFlags(a: Instruction, b: Instruction): boolean {
  const fa = a.flags.map((f) => f.text).sort();
  const fb = b.flags.map((f) => f.text).sort();
  return fa.length === fb.length && fa.every((f, k) => f === fb[k]);
}

/**
 * One RUN: the first command, then `&& second` on a continuation line; comments between the two move above. No fix
 * when the first RUN holds a `#` (a shell comment at its end would swallow the second command, since Docker joins
 * the lines first) or ends with an operator (`;`, `&`, `|`) that `&&` cannot follow.
 */
function mergeFix(
  ast: DockerfileAst,
  prev: Instruction,
  cur: Instruction,
  command: RunCommand,
): Fix | undefined {
  const form = prev.form;
  if (form?.kind !== "shell" || form.text.includes("#") || /[;&|]\s*$/.test(form.text)) return undefined;
  const text = ast.text;
  const lineStart = ast.lines.lineStarts[ast.lines.lineAt(prev.span.start)];
  const indent = text.slice(lineStart, prev.span.start);
  const between = commentsWithin(ast, prev.span.end + 1, cur.span.start - 1);
  const comments = between.map((c) => `#${c.text}\n${indent}`).join("");
  const first = text.slice(prev.span.start, prev.span.end);
  const second = text.slice(cur.argsSpan.start, cur.argsSpan.end);
  return fixOf(changesShell(command, form.text) ? MERGE_STATEFUL : MERGE, [
    {
      span: { start: prev.span.start, end: cur.span.end },
      newText: `${comments}${first} ${ast.escapeChar}\n${indent}    && ${second}`,
    },
  ]);
}
