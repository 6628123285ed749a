import type { Instruction } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";
import { type CopySource, copySources } from "../helpers/sources.js";
import { allInstructions, defineRule, type Fix } from "../types.js";

export const dl3021 = defineRule({
  code: "DL3021",
  aliases: [],
  severity: "error",
  title: "Several sources need a destination ending in /",
  docs: {
    what: "Finds COPY and ADD instructions with more than one source whose destination does not end with `/`.",
    why: "With several sources the destination can only be a directory, and Docker wants that said with a trailing slash. The classic builder stops with an error; BuildKit instead copies every source onto the same path, so only the last file survives.",
    bad: "COPY package.json package-lock.json /app",
    good: "COPY package.json package-lock.json /app/",
  },
  check(ctx) {
    for (const instruction of allInstructions(ctx.ast)) {
      if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
      const { sources, destination } = copySources(instruction);
      const count = sources.length + instruction.heredocs.length;
      if (!destination || count < 2) continue;
      const dest = destinationValue(instruction, destination, ctx.ast.escapeChar);
      // Windows daemons also take a trailing backslash as "directory".
      if (dest.endsWith("/") || dest.endsWith("\\")) continue;
      // A variable may end with the slash.
      if (dest.includes("$")) continue;
      ctx.report({
        span: destination.span,
        message: `${instruction.keyword} has ${count} sources, so '${dest}' must be a directory written as '${dest}/'`,
        fix: trailingSlashFix(instruction, destination, ctx.ast.text),
      });
    }
  },
});

/**
 * The destination as Docker reads it. copySources unquotes with the default escape character, which would eat the
 * backslashes of a Windows Dockerfile (`# escape=\``), so shell-form words are unquoted again with the file's.
 */
function destinationValue(instruction: Instruction, destination: CopySource, escapeChar: "\\" | "`"): string {
  if (instruction.form?.kind === "exec") return destination.path;
  const word = instruction.words.find((w) => w.span.start === destination.span.start);
  return word ? unquote(word.text, { escapeChar }) : destination.path;
}

/** Adds the slash inside the closing quote, if any; skipped for words with escapes, where the end is unclear. */
function trailingSlashFix(instruction: Instruction, destination: CopySource, text: string): Fix | undefined {
  const written = text.slice(destination.span.start, destination.span.end);
  let at = destination.span.end;
  if (instruction.form?.kind === "exec") at -= 1;
  else {
    if (written.includes("\\") || written.includes("`")) return undefined;
    const last = written[written.length - 1];
    if (last === '"' || last === "'") at -= 1;
  }
  return {
    title: "Add a trailing slash to the destination",
    edits: [{ span: { start: at, end: at }, newText: "/" }],
  };
}
