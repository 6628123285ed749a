import type { Flag, Instruction } from "../../../grammar/index.js";
import { copySources, isArchivePath, isGitSource, isUrl } from "../helpers/sources.js";
import { allInstructions, defineRule, type Fix, type TextEdit } from "../types.js";

/** ADD flags that COPY lacks but that mean nothing for a plain local file, so dropping them changes nothing. */
const MEANINGLESS_FOR_LOCAL_FILES = new Set(["keep-git-dir", "unpack"]);
const COPY_FLAGS = new Set(["from", "chown", "chmod", "link", "parents", "exclude"]);

export const dl3020 = defineRule({
  code: "DL3020",
  aliases: [],
  severity: "error",
  title: "Use COPY instead of ADD for files and folders",
  docs: {
    what: "Finds ADD instructions whose sources are all local files or folders that ADD would not unpack.",
    why: "ADD does more than copy: it downloads URLs, clones git repositories and unpacks local tar archives. Using it for plain files hides which of these the author meant, and a later rename to `.tar.gz` silently changes what the build does. COPY says exactly what happens.",
    bad: "ADD requirements.txt /app/",
    good: "COPY requirements.txt /app/",
  },
  check(ctx) {
    for (const instruction of allInstructions(ctx.ast)) {
      if (instruction.keyword !== "ADD") continue;
      // --checksum only works with ADD; --unpack=true asks for ADD's unpacking explicitly.
      if (
        instruction.flags.some((f) => f.name === "checksum" || (f.name === "unpack" && f.value !== "false"))
      ) {
        continue;
      }
      const { sources } = copySources(instruction);
      if (sources.length === 0 && instruction.heredocs.length === 0) continue;
      const plain = sources.every(
        (s) => !s.path.includes("$") && !isUrl(s.path) && !isGitSource(s.path) && !isArchivePath(s.path),
      );
      if (!plain) continue;
      ctx.report({
        span: instruction.keywordSpan,
        message:
          sources.length === 1
            ? `'${sources[0].path}' is a local file or folder: COPY does the same without ADD's download and unpack behaviour`
            : "all sources are local files or folders: COPY does the same without ADD's download and unpack behaviour",
        fix: copyFix(instruction, ctx.ast.text),
      });
    }
  },
});

function copyFix(instruction: Instruction, text: string): Fix | undefined {
  const edits: TextEdit[] = [];
  const written = text.slice(instruction.keywordSpan.start, instruction.keywordSpan.end);
  edits.push({ span: instruction.keywordSpan, newText: written === written.toLowerCase() ? "copy" : "COPY" });
  for (const flag of instruction.flags) {
    if (COPY_FLAGS.has(flag.name)) continue;
    if (!MEANINGLESS_FOR_LOCAL_FILES.has(flag.name)) return undefined;
    edits.push({ span: withTrailingBlanks(flag, text), newText: "" });
  }
  return { title: "Replace ADD with COPY", edits };
}

function withTrailingBlanks(flag: Flag, text: string) {
  let end = flag.span.end;
  while (text[end] === " " || text[end] === "\t") end++;
  return { start: flag.span.start, end };
}
