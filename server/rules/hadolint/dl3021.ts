import type { Instruction } from "../../../grammar/index.js";
import { flagIssues } from "../helpers/flags.js";
import { type CopySource, copySources } from "../helpers/sources.js";
import { destinationValue, normalize, workdirsBefore } from "../helpers/workdir.js";
import { allInstructions, defineRule, type Fix, type FixKind, fixOf, type RuleContext } from "../types.js";

const TRAILING_SLASH: FixKind = {
  title: "Add a trailing slash to the destination",
  safety: "safe",
  reason: "several sources can only be copied into a directory; the slash says so, as Docker asks",
};

export const dl3021 = defineRule({
  code: "DL3021",
  aliases: [],
  severity: "error",
  title: "Several sources need a destination ending in /",
  docs: {
    what: "Finds COPY and ADD instructions with more than one source whose destination is not a directory as BuildKit reads it: a path ending in `/`, `.` (the working directory) or `/.`, or a directory that exists for sure (one a WORKDIR created, `..`). Variables count with the values the file gives them; a destination whose value the file does not decide is left alone.",
    why: "With several sources the destination can only be a directory. When it does not exist yet, BuildKit creates it as a file from the first source and each further source overwrites it, so only the last file survives; the classic builder stops with an error unless the path ends with a slash. Writing the trailing slash makes the intent explicit and works everywhere.",
    bad: "COPY package.json package-lock.json /app",
    good: "COPY package.json package-lock.json /app/",
  },
  fixes: [TRAILING_SLASH],
  check(ctx) {
    const instructionList = allInstructions(ctx.ast);
    for (let instructionIndex = 0; instructionIndex < instructionList.length; instructionIndex++) {
      const instruction = instructionList[instructionIndex];
      if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
      const { sources, destination } = copySources(ctx.ast, instruction);
      const count = sources.length + instruction.heredocs.length;
      if (!destination || count < 2) continue;
      // `--chown 1:1 a /x`: the build stops at the flag (DF004), and the words after it are not what they seem.
      if (flagIssues(instruction).some((i) => i.kind === "missing-value")) continue;
      const dest = destinationValue(ctx, instruction, destination);
      if (dest === undefined || isDirectoryPath(dest)) continue;
      if (existingDirectory(ctx, instruction, dest)) continue;
      ctx.report({
        span: destination.span,
        message: `${instruction.keyword} has ${count} sources, so '${dest}' must be a directory written as '${dest}/'`,
        fixes: [trailingSlashFix(instruction, destination, ctx.ast.text)],
      });
    }
  },
});

/**
 * What BuildKit takes for a directory whatever exists: a trailing slash (or backslash, for Windows), `.` and the
 * empty path (it adds the slash itself, dockerfile2llb's pathRelativeToWorkingDir), and a last component `.`.
 */
function isDirectoryPath(dest: string): boolean {
  return dest === "" || dest === "." || /[/\\]\.?$/.test(dest);
}

/**
 * We follow BuildKit, the default builder since Docker 23: copying several files to an existing directory puts them
 * in it, slash or not (the classic builder wanted the slash). A directory certainly exists when a WORKDIR of the
 * stage (or of a stage it is built on) created it or a directory below it; `..` and the like name an ancestor of the
 * working directory, which exists too.
 */
function existingDirectory(ctx: RuleContext, instruction: Instruction, dest: string): boolean {
  if (dest.includes("\\") || /^[A-Za-z]:/.test(dest)) return false;
  if (!dest.startsWith("/") && dest.split("/").every((part) => part === ".." || part === "." || part === ""))
    return true;
  const { workdir, created, createdPartial } = workdirsBefore(ctx, instruction);
  const path = dest.startsWith("/")
    ? normalize(dest)
    : workdir === undefined
      ? undefined
      : normalize(`${workdir}/${dest}`);
  // Past the directories the state keeps, one may exist: then no finding.
  return path !== undefined && (path === "/" || created.has(path) || createdPartial);
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
  return fixOf(TRAILING_SLASH, [{ span: { start: at, end: at }, newText: "/" }]);
}
