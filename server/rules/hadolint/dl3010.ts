import type { DockerfileAst, Instruction, Span } from "../../../grammar/index.js";
import { lineOf, runScripts } from "../helpers/runScripts.js";
import { copySources, isArchivePath } from "../helpers/sources.js";
import { defineRule } from "../types.js";

const DECOMPRESSORS = new Set([
  "unzip",
  "gunzip",
  "bunzip2",
  "unlzma",
  "unxz",
  "zcat",
  "gzcat",
  "uncompress",
  "unzstd",
]);

interface CopiedArchive {
  /** File name only: the RUN usually names the file by another path than the COPY. */
  name: string;
  span: Span;
  copy: Instruction;
}

export const dl3010 = defineRule({
  code: "DL3010",
  aliases: [],
  severity: "info",
  title: "Use ADD to extract local archives",
  docs: {
    what: "Finds a local tar archive that a COPY brings into the image and a later RUN of the same stage extracts.",
    why: "The archive stays in the COPY layer even after the RUN extracts it, so the image carries the contents twice. ADD unpacks a local tar archive (plain or compressed) straight into the destination in one layer.",
    bad: "COPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt",
    good: "ADD app.tar.gz /opt/",
  },
  check(ctx) {
    // Most files copy no archive (one of the 1,468 in the corpus does): those need no RUN looked at. With the
    // extension lookup in isArchivePath, DL3010 over the corpus 31 -> 17 ms (A/B in one process, loaded machine).
    if (!ctx.ast.instructions.some((i) => i.keyword === "COPY" && copiedArchives(ctx.ast, i).length > 0))
      return;
    const scripts = new Map(runScripts(ctx).map((s) => [s.instruction, s]));
    for (const stageIndex of [-1, ...ctx.model.stages.map((s) => s.index)]) {
      const instructions =
        stageIndex < 0
          ? ctx.ast.instructions.filter((i) => i.keyword !== "FROM" && !ctx.model.stageOf(i))
          : ctx.model.stages[stageIndex].instructions;
      // Archive file name -> the COPYs that brought it in and that no RUN has extracted yet.
      const archives = new Map<string, CopiedArchive[]>();
      for (const instruction of instructions) {
        if (instruction.keyword === "COPY") {
          for (const a of copiedArchives(ctx.ast, instruction)) {
            const list = archives.get(a.name);
            if (list) list.push(a);
            else archives.set(a.name, [a]);
          }
        }
        if (instruction.keyword !== "RUN" || archives.size === 0) continue;
        for (const command of scripts.get(instruction)?.commands ?? []) {
          const args = command.args.map((a) => a.value);
          if (!extracts(command.name, args)) continue;
          for (const arg of args) {
            const name = fileName(arg);
            for (const archive of archives.get(name) ?? []) {
              ctx.report({
                span: archive.span,
                message: `'${archive.name}' is copied here and extracted on line ${lineOf(ctx, command.word.span.start)}, so the image keeps the archive too: ADD unpacks it in one step`,
                related: [{ span: command.word.span, message: "the command that extracts it", pair: true }],
              });
            }
            archives.delete(name);
          }
        }
      }
    }
  },
});

/**
 * The archives a COPY brings in: the destination when it names an archive, else the archive sources. Nothing is
 * allocated for a COPY of no archive (all but one file of the corpus): DL3010's allocations per lint of the corpus
 * (sampling heap profile, warm, every rule on) 1.54 -> 0.92 MB.
 */
function copiedArchives(ast: DockerfileAst, copy: Instruction): readonly CopiedArchive[] {
  if (copy.flags.length > 0 && copy.flags.some((f) => f.name === "from")) return NO_ARCHIVES;
  const source = ast.text;
  const { sources, destination } = copySources(ast, copy);
  if (destination) {
    const name = writtenName(source, destination.span);
    if (isArchivePath(name)) return [{ name, span: destination.span, copy }];
  }
  let out: CopiedArchive[] | undefined;
  for (const s of sources) {
    const name = writtenName(source, s.span);
    if (!isArchivePath(name)) continue;
    out ??= [];
    out.push({ name, span: s.span, copy });
  }
  return out ?? NO_ARCHIVES;
}

const NO_ARCHIVES: readonly CopiedArchive[] = [];

/** A path's file name as written, quotes dropped but backslashes kept: Windows paths split on `\` as well as `/`. */
function writtenName(source: string, span: Span): string {
  const written = source.slice(span.start, span.end);
  return fileName(written.includes('"') || written.includes("'") ? written.replace(/["']/g, "") : written);
}

function fileName(path: string): string {
  return path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1);
}

function extracts(name: string, args: readonly string[]): boolean {
  if (DECOMPRESSORS.has(name)) return true;
  if (name !== "tar") return false;
  // `tar -xf`, `tar xzf` (old style, first word without dash), `tar --extract` / `--get`.
  return args.some(
    (a, i) =>
      a === "--extract" ||
      a === "--get" ||
      (/^-[A-Za-z]*x/.test(a) && !a.startsWith("--")) ||
      (i === 0 && /^[A-Za-z]*x[A-Za-z]*$/.test(a)),
  );
}
