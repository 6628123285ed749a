// The build context read from the file system, for the command line and the language server (rules get the
// BuildContext interface and never read files themselves).
import { type Dirent, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import type { BuildContext, ContextEntry } from "../model/buildContext.js";

/** Where a context is and how it was chosen: plain data, so it can cross to a worker thread. */
export interface ContextSpec {
  /** The context folder, absolute. */
  root: string;
  origin: BuildContext["origin"];
  /** The Dockerfile, absolute, for the `<name>.dockerignore` beside it. */
  dockerfile?: string;
  /** How to name the folder in messages. */
  name?: string;
}

/** No ignore file is that big; a bigger one is not read (the check then stays quiet). */
const MAX_IGNORE_BYTES = 1024 * 1024;

function readSmall(path: string): string | undefined {
  try {
    const st = statSync(path, { throwIfNoEntry: false });
    if (!st?.isFile() || st.size > MAX_IGNORE_BYTES) return undefined;
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}

function isDirectory(dir: string, e: Dirent): boolean {
  if (e.isDirectory()) return true;
  if (!e.isSymbolicLink()) return false;
  // Docker follows a symlink that is named as a source; a broken one counts as a file (it fails elsewhere).
  try {
    return statSync(join(dir, e.name), { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false;
  }
}

/**
 * What a command's run has read for its contexts, shared by all its files: many Dockerfiles share a folder and its
 * .dockerignore. Over the corpus (1,468 files in 97 folders) this takes two stats a file down to one listing a folder.
 * The language server passes none: there a file on disk may change between two lints.
 */
export interface ContextReads {
  /** Small files by absolute path (undefined: absent or too big). */
  files: Map<string, string | undefined>;
  /** The names in a folder, by absolute path (undefined: it cannot be listed). */
  names: Map<string, ReadonlySet<string> | undefined>;
}

export function contextReads(): ContextReads {
  return { files: new Map(), names: new Map() };
}

function cachedSmall(reads: ContextReads | undefined, path: string): string | undefined {
  if (!reads) return readSmall(path);
  if (reads.files.has(path)) return reads.files.get(path);
  const text = readSmall(path);
  reads.files.set(path, text);
  return text;
}

/** Whether a file may be in a folder: false only when the folder's listing (cached) says it is not. */
function mayExist(reads: ContextReads | undefined, dir: string, name: string): boolean {
  if (!reads) return true;
  let names = reads.names.get(dir);
  if (!reads.names.has(dir)) {
    try {
      names = new Set(readdirSync(dir));
    } catch {
      names = undefined;
    }
    reads.names.set(dir, names);
  }
  return names?.has(name) ?? true;
}

/** A context backed by the file system. Folders are listed when first asked for and then remembered. */
export function openContext(spec: ContextSpec, reads?: ContextReads): BuildContext {
  const listed = new Map<string, ContextEntry[] | undefined>();
  let ignore: { name: string; text: string } | null | undefined;
  return {
    origin: spec.origin,
    name: spec.name,
    list(dir) {
      if (listed.has(dir)) return listed.get(dir);
      const path = join(spec.root, dir);
      let entries: ContextEntry[] | undefined;
      try {
        entries = readdirSync(path, { withFileTypes: true }).map((e) => ({
          name: e.name,
          directory: isDirectory(path, e),
        }));
      } catch {
        entries = undefined;
      }
      listed.set(dir, entries);
      return entries;
    },
    ignoreFile() {
      if (ignore === undefined) {
        ignore = null;
        // BuildKit reads `<Dockerfile>.dockerignore` beside the Dockerfile first, else the context's .dockerignore.
        if (spec.dockerfile) {
          const name = `${basename(spec.dockerfile)}.dockerignore`;
          const dir = dirname(spec.dockerfile);
          const text = mayExist(reads, dir, name) ? readSmall(join(dir, name)) : undefined;
          if (text !== undefined) ignore = { name, text };
        }
        if (!ignore) {
          const text = cachedSmall(reads, join(spec.root, ".dockerignore"));
          if (text !== undefined) ignore = { name: ".dockerignore", text };
        }
      }
      return ignore ?? undefined;
    },
  };
}
