import type { Flag, Instruction } from "../../../grammar/index.js";
import { knownPrefix, knownSuffix, type WordValue, wordValue } from "../../model/wordValues.js";
import { copySources, isArchivePath, isGitSource, isUrl } from "../helpers/sources.js";
import { defineRule, type Fix, type FixKind, fixOf, type TextEdit } from "../types.js";

const TO_COPY: FixKind = {
  title: "Replace ADD with COPY",
  safety: "unsafe",
  reason:
    "ADD unpacks a local tar archive whatever its name (Docker looks at the content); COPY copies it as one file",
};
const DIRECTORIES_TO_COPY: FixKind = {
  title: "Replace ADD with COPY",
  safety: "safe",
  reason:
    "every source is a directory (`.`, or a path ending in `/` or `/.`), which ADD copies exactly as COPY does: it only unpacks files",
};

/** ADD flags that COPY lacks but that mean nothing for a plain local file, so dropping them changes nothing. */
const MEANINGLESS_FOR_LOCAL_FILES = new Set(["keep-git-dir", "unpack"]);
const COPY_FLAGS = new Set(["from", "chown", "chmod", "link", "parents", "exclude"]);

export const dl3020 = defineRule({
  code: "DL3020",
  aliases: [],
  severity: "error",
  title: "Use COPY instead of ADD for files and folders",
  docs: {
    what: "Finds ADD instructions whose sources are all local files or folders that ADD would not unpack. Sources are read through the values of their variables (`ENV SRC=app/` then `ADD $SRC /app/`); a source whose start or file name is known only at build time could be a URL or an archive, and is left alone.",
    why: "ADD does more than copy: it downloads URLs, clones git repositories and unpacks local tar archives. Using it for plain files hides which of these the author meant, and a later rename to `.tar.gz` silently changes what the build does. COPY says exactly what happens.",
    bad: "ADD requirements.txt /app/",
    good: "COPY requirements.txt /app/",
  },
  fixes: [DIRECTORIES_TO_COPY, TO_COPY],
  instructions: ["ADD"],
  visit(ctx, instruction) {
    if (instruction.keyword !== "ADD") return;
    // --checksum only works with ADD; --unpack=true asks for ADD's unpacking explicitly.
    if (
      instruction.flags.some((f) => f.name === "checksum" || (f.name === "unpack" && f.value !== "false"))
    ) {
      return;
    }
    const { sources } = copySources(ctx.ast, instruction);
    if (sources.length === 0 && instruction.heredocs.length === 0) return;
    const values = sources.map((s) =>
      wordValue(ctx.model, instruction, s.text, s.span, { undeclaredUnknown: true }),
    );
    if (!values.every(localPath)) return;
    const shown =
      values[0]?.value !== undefined && values[0].value !== sources[0].path
        ? ` (that is '${values[0].value}')`
        : "";
    ctx.report({
      span: instruction.keywordSpan,
      message:
        sources.length === 1
          ? `'${sources[0].path}'${shown} is a local file or folder: COPY does the same without ADD's download and unpack behaviour`
          : "all sources are local files or folders: COPY does the same without ADD's download and unpack behaviour",
      fixes: [
        copyFix(instruction, ctx.ast.text, values.every(isDirectory) && instruction.heredocs.length === 0),
      ],
    });
  },
});

/**
 * Known to be a plain local path: its value, or enough of it. An unknown start could be a URL; an unknown file name
 * could be an archive ADD unpacks, or a git source. `src/$NAME/main.py` is local whatever NAME is.
 */
function localPath(value: WordValue): boolean {
  if (value.value !== undefined) {
    const path = value.value;
    return !isUrl(path) && !isGitSource(path) && !isArchivePath(path);
  }
  const prefix = knownPrefix(value);
  const suffix = knownSuffix(value);
  return (
    /^(?:\.{0,2}\/|[\w.-]+\/)/.test(prefix) &&
    !/^git@/.test(prefix) &&
    suffix.includes("/") &&
    !isGitSource(suffix) &&
    !isArchivePath(suffix)
  );
}

/** A source written so that it can only name a directory. */
function isDirectory(value: WordValue): boolean {
  const path = value.value;
  return path !== undefined && (path === "." || path === ".." || /\/\.?$/.test(path));
}

function copyFix(instruction: Instruction, text: string, directories: boolean): Fix | undefined {
  const edits: TextEdit[] = [];
  const written = text.slice(instruction.keywordSpan.start, instruction.keywordSpan.end);
  edits.push({ span: instruction.keywordSpan, newText: written === written.toLowerCase() ? "copy" : "COPY" });
  for (const flag of instruction.flags) {
    if (COPY_FLAGS.has(flag.name)) continue;
    if (!MEANINGLESS_FOR_LOCAL_FILES.has(flag.name)) return undefined;
    edits.push({ span: withTrailingBlanks(flag, text), newText: "" });
  }
  return fixOf(directories ? DIRECTORIES_TO_COPY : TO_COPY, edits);
}

function withTrailingBlanks(flag: Flag, text: string) {
  let end = flag.span.end;
  while (text[end] === " " || text[end] === "\t") end++;
  return { start: flag.span.start, end };
}
