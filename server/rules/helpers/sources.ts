import type { DockerfileAst, Instruction, Span } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";
import { astFact, factKey } from "../../model/model.js";

/**
 * Extensions of local files that ADD unpacks (Docker recognises tar in any of these compressions). `.tar.gz` and the
 * like are here through their last extension: one lookup instead of 23 `endsWith` (see DL3010 for the numbers).
 */
const ARCHIVE_EXTENSIONS = new Set([
  "tar",
  "tgz",
  "tbz2",
  "tbz",
  "tb2",
  "txz",
  "tzst",
  "tlz",
  "tz",
  "tpz",
  "gz",
  "bz2",
  "xz",
  "zst",
  "lz",
  "lzma",
  "z",
]);

export function isArchivePath(path: string): boolean {
  const dot = path.lastIndexOf(".");
  return dot >= 0 && path.length - dot <= 5 && ARCHIVE_EXTENSIONS.has(path.slice(dot + 1).toLowerCase());
}

export function isUrl(path: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(path);
}

/** Git sources ADD understands: `git@host:repo`, and URLs or paths ending in `.git` (optionally with `#ref`). */
export function isGitSource(path: string): boolean {
  return /^git@/.test(path) || /\.git(?:#.*)?$/.test(path) || /^git:\/\//.test(path);
}

export interface CopySource {
  /** The path with quotes removed. */
  path: string;
  /** As Docker expands it: the word as written (shell form) or the string's value (exec form). */
  text: string;
  span: Span;
}

/**
 * The sources of a COPY or ADD (every argument but the destination), exec or shell form, skipping heredoc markers.
 * Read once per instruction (six rules ask), kept per file (astFact): in a WeakMap keyed by the instruction, V8's
 * scavenger promoted the entries.
 */
export function copySources(ast: DockerfileAst, instruction: Instruction): CopyArguments {
  const known = astFact(ast, COPY_ARGUMENTS, () => new Map());
  let read = known.get(instruction);
  if (!read) {
    read = readCopySources(instruction);
    known.set(instruction, read);
  }
  return read;
}

export interface CopyArguments {
  readonly sources: readonly CopySource[];
  readonly destination?: CopySource;
}

const COPY_ARGUMENTS = factKey<Map<Instruction, CopyArguments>>("copySources");

function readCopySources(instruction: Instruction): CopyArguments {
  const args: CopySource[] = [];
  if (instruction.form?.kind === "exec") {
    for (const e of instruction.form.elements)
      if (e.value !== undefined) args.push({ path: e.value, text: e.value, span: e.span });
  } else {
    const heredocs = instruction.heredocs;
    for (const w of instruction.words) {
      if (heredocs.length > 0 && heredocs.some((h) => h.marker.span.start === w.span.start)) continue;
      args.push({ path: unquote(w.text), text: w.text, span: w.span });
    }
  }
  if (args.length === 0) return { sources: [] };
  const destination = args.pop();
  return { sources: args, destination };
}
