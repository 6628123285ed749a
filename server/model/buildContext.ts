/**
 * The build context as rules see it: a few questions about the files a `docker build` would send, answered by
 * whoever knows them (the file system for the command line and the editor, a table for tests). Rules never touch
 * the file system themselves.
 */
import { cleanPath, IgnoreMatcher, parseIgnoreFile } from "./dockerignore.js";

export interface ContextEntry {
  name: string;
  directory: boolean;
}

export interface BuildContext {
  /**
   * `explicit`: the user named it (--context, the config's `context`, the editor setting, a Compose service's
   * `build.context`). `default`: the Dockerfile's own folder, which is only a guess (`docker build -f
   * docker/Dockerfile .` is common), so checks that would fail the build on a wrong guess stay off.
   */
  readonly origin: "explicit" | "default";
  /** The context folder as the user would name it in a message (`.`, `../app`), when known. */
  readonly name?: string;
  /** The entries of a folder of the context (`""` is its root, `a/b` a folder below it); undefined if none. */
  list(dir: string): readonly ContextEntry[] | undefined;
  /**
   * The ignore file that applies, as Docker chooses it: `<Dockerfile name>.dockerignore` beside the Dockerfile,
   * else `.dockerignore` at the context root; undefined when there is none.
   */
  ignoreFile(): { name: string; text: string } | undefined;
}

const matchers = new WeakMap<BuildContext, IgnoreMatcher | null>();

/** The context's ignore patterns, read once per context; undefined when it has no ignore file. */
export function ignoreMatcher(context: BuildContext): IgnoreMatcher | undefined {
  let m = matchers.get(context);
  if (m === undefined) {
    const file = context.ignoreFile();
    m = file ? new IgnoreMatcher(parseIgnoreFile(file.text, file.name)) : null;
    matchers.set(context, m);
  }
  return m ?? undefined;
}

/**
 * A COPY/ADD source as a path from the context root: BuildKit joins it to `/` and cleans it, so `./a`, `/a` and
 * even `../a` all name the root's `a`. `.` is the root itself.
 */
export function contextPath(source: string): string {
  const p = cleanPath(`/${source}`).slice(1);
  return p === "" ? "." : p;
}

/** What is at a context path: a file, a folder, or nothing. */
export function entryAt(context: BuildContext, path: string): "file" | "directory" | undefined {
  if (path === ".") return context.list("") ? "directory" : undefined;
  const slash = path.lastIndexOf("/");
  const entries = context.list(slash < 0 ? "" : path.slice(0, slash));
  const name = slash < 0 ? path : path.slice(slash + 1);
  const e = entries?.find((x) => x.name === name);
  return e ? (e.directory ? "directory" : "file") : undefined;
}

/** A context made from a list of paths (a trailing `/` marks an empty folder), for tests and the conformance suite. */
export function contextOf(
  files: Readonly<Record<string, string>> | readonly string[],
  options: { origin?: BuildContext["origin"]; name?: string; ignoreFileName?: string } = {},
): BuildContext {
  const contents = Array.isArray(files) ? undefined : (files as Readonly<Record<string, string>>);
  const paths = Array.isArray(files) ? (files as readonly string[]) : Object.keys(files);
  const dirs = new Map<string, Map<string, boolean>>([["", new Map()]]);
  const add = (path: string, directory: boolean) => {
    const parts = path.split("/").filter(Boolean);
    for (let i = 0; i < parts.length; i++) {
      const parent = parts.slice(0, i).join("/");
      const isDir = i < parts.length - 1 || directory;
      let entries = dirs.get(parent);
      if (!entries) {
        entries = new Map();
        dirs.set(parent, entries);
      }
      if (!entries.get(parts[i])) entries.set(parts[i], isDir);
      const self = parts.slice(0, i + 1).join("/");
      if (isDir && !dirs.has(self)) dirs.set(self, new Map());
    }
  };
  for (const p of paths) add(p, p.endsWith("/"));
  const ignoreName = options.ignoreFileName ?? ".dockerignore";
  return {
    origin: options.origin ?? "explicit",
    name: options.name,
    list: (dir) => {
      const entries = dirs.get(dir);
      return entries ? [...entries].map(([name, directory]) => ({ name, directory })) : undefined;
    },
    ignoreFile: () => {
      const text = contents?.[ignoreName];
      return text === undefined ? undefined : { name: ignoreName, text };
    },
  };
}
