import type { Instruction, Span } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";

/** Suffixes of local files that ADD unpacks (Docker recognises tar in any of these compressions). */
const ARCHIVE_SUFFIXES = [
  ".tar",
  ".tar.gz",
  ".tgz",
  ".tar.bz2",
  ".tbz2",
  ".tbz",
  ".tb2",
  ".tar.xz",
  ".txz",
  ".tar.zst",
  ".tzst",
  ".tar.lz",
  ".tlz",
  ".tar.z",
  ".tz",
  ".tpz",
  ".gz",
  ".bz2",
  ".xz",
  ".zst",
  ".lz",
  ".lzma",
  ".z",
];

export function isArchivePath(path: string): boolean {
  const lower = path.toLowerCase();
  return ARCHIVE_SUFFIXES.some((s) => lower.endsWith(s));
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
 */
export function copySources(instruction: Instruction): CopyArguments {
  let read = copyArguments.get(instruction);
  if (!read) {
    read = readCopySources(instruction);
    copyArguments.set(instruction, read);
  }
  return read;
}

export interface CopyArguments {
  readonly sources: readonly CopySource[];
  readonly destination?: CopySource;
}

/** Read once per instruction: six rules ask. */
const copyArguments = new WeakMap<Instruction, CopyArguments>();

function readCopySources(instruction: Instruction): CopyArguments {
  const args: CopySource[] = [];
  const markers = new Set(instruction.heredocs.map((h) => h.marker.span.start));
  if (instruction.form?.kind === "exec") {
    for (const e of instruction.form.elements)
      if (e.value !== undefined) args.push({ path: e.value, text: e.value, span: e.span });
  } else {
    for (const w of instruction.words) {
      if (markers.has(w.span.start)) continue;
      args.push({ path: unquote(w.text), text: w.text, span: w.span });
    }
  }
  if (args.length === 0) return { sources: [] };
  const destination = args.pop();
  return { sources: args, destination };
}
