import { type Dirent, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import ignore, { type Ignore } from "ignore";
import picomatch from "picomatch";
import { errorReason } from "../config/config.js";

export interface FileTarget {
  kind: "file";
  /** Absolute path. */
  path: string;
  /** Path shown in reports: relative to the working directory when inside it, with `/` separators. */
  display: string;
}

export interface StdinTarget {
  kind: "stdin";
  display: string;
  /** Directory whose config applies. */
  dir: string;
}

export type Target = FileTarget | StdinTarget;

/** A path given on the command line that yielded nothing to lint. */
export interface Problem {
  file: string;
  message: string;
}

export interface Discovery {
  targets: Target[];
  problems: Problem[];
}

/** Directories never searched: dependencies and git's own data. */
const SKIPPED_DIRECTORIES = new Set(["node_modules", ".git"]);

/** Names searched for in directories (case-insensitive): Dockerfile, Dockerfile.*, Dockerfile-*, Dockerfile_*,
 * *.Dockerfile, Containerfile, Containerfile.*. BuildKit's per-Dockerfile ignore files (`Dockerfile.dockerignore`,
 * `app.Dockerfile.dockerignore`) are not Dockerfiles. */
export function isDockerfileName(name: string): boolean {
  if (/\.dockerignore$/i.test(name)) return false;
  return (
    /^dockerfile([._-].+)?$/i.test(name) ||
    /^containerfile(\..+)?$/i.test(name) ||
    /^.+\.dockerfile$/i.test(name)
  );
}

export function displayPath(abs: string, cwd: string): string {
  // The usual case, a path below the working folder, both absolute and clean (as discovery makes them): the rest of
  // the path is what path.relative would work out, at ~11 us a call (17 ms of the main thread's start of a run over
  // the corpus's 1,468 files, before any lint; CPU profile).
  if (
    sep === "/" &&
    abs.length > cwd.length + 1 &&
    abs.charCodeAt(cwd.length) === 47 &&
    abs.startsWith(cwd) &&
    isCleanAbsolute(cwd) &&
    isCleanAbsolute(abs) &&
    !abs.startsWith("..", cwd.length + 1)
  )
    return abs.slice(cwd.length + 1);
  const rel = relative(cwd, abs);
  const shown = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : abs;
  return shown.split(sep).join("/");
}

/** An absolute POSIX path that path.normalize leaves as it is: no empty, `.` or `..` part, no `/` at the end. */
function isCleanAbsolute(path: string): boolean {
  return (
    path.length > 1 &&
    path.charCodeAt(0) === 47 &&
    path.charCodeAt(path.length - 1) !== 47 &&
    !path.includes("//") &&
    !path.includes("/./") &&
    !path.includes("/../") &&
    !path.endsWith("/.") &&
    !path.endsWith("/..")
  );
}

/**
 * `path.resolve(cwd, arg)`: for the usual argument, a clean relative path, and a clean absolute working folder, the
 * two joined, which is what path.resolve's normalising would give (1,468 corpus paths: 9.6 ms of the main thread's
 * start, CPU profile); anything else goes to path.resolve.
 */
export function resolveArg(cwd: string, arg: string): string {
  if (sep === "/" && cwd !== "/" && arg !== "" && arg.charCodeAt(0) !== 47 && isCleanAbsolute(cwd)) {
    const joined = `${cwd}/${arg}`;
    if (isCleanAbsolute(joined)) return joined;
  }
  return resolve(cwd, arg);
}

function statOrUndefined(path: string) {
  try {
    return statSync(path, { throwIfNoEntry: false });
  } catch {
    return undefined;
  }
}

/** .gitignore rules per directory, read once. */
class GitignoreRules {
  private readonly rules = new Map<string, Ignore | null>();
  private readonly repoRoots = new Map<string, string | null>();

  /** The rules a directory's .gitignore (and, at a repository root, .git/info/exclude) adds. */
  private rulesIn(dir: string): Ignore | null {
    let r = this.rules.get(dir);
    if (r === undefined) {
      const texts: string[] = [];
      for (const file of [join(dir, ".gitignore"), join(dir, ".git", "info", "exclude")]) {
        try {
          texts.push(readFileSync(file, "utf8"));
        } catch {
          // No such file, or unreadable: no rules from it.
        }
      }
      r = texts.length > 0 ? ignore().add(texts.join("\n")) : null;
      this.rules.set(dir, r);
    }
    return r;
  }

  /** The nearest directory at or above `dir` that holds `.git`, if any. */
  repoRoot(dir: string): string | null {
    const cached = this.repoRoots.get(dir);
    if (cached !== undefined) return cached;
    const parent = dirname(dir);
    const root = statOrUndefined(join(dir, ".git")) ? dir : parent === dir ? null : this.repoRoot(parent);
    this.repoRoots.set(dir, root);
    return root;
  }

  /** The directories whose .gitignore files apply inside `dir`: from the repository root down to `dir`. Outside a
   * repository only `dir`'s own rules apply (and those of the directories below it, added while walking). */
  scopesFor(dir: string): string[] {
    const root = this.repoRoot(dir);
    if (!root) return [dir];
    const scopes: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
      scopes.unshift(d);
      if (d === root || dirname(d) === d) break;
    }
    return scopes;
  }

  /** Whether git would ignore `path`, given the directories whose rules apply (outermost first). Deeper
   * .gitignore files override shallower ones, as in git. */
  ignored(path: string, isDirectory: boolean, scopes: readonly string[]): boolean {
    let result = false;
    for (const dir of scopes) {
      const rules = this.rulesIn(dir);
      if (!rules) continue;
      const rel = relative(dir, path).split(sep).join("/");
      if (!rel || rel.startsWith("..")) continue;
      const t = rules.test(isDirectory ? `${rel}/` : rel);
      if (t.ignored) result = true;
      else if (t.unignored) result = false;
    }
    return result;
  }
}

interface WalkOptions {
  /** Keep a file (absolute path, path relative to the walk's root with `/`). */
  accept(path: string, rel: string): boolean;
  maxDepth: number;
}

/** Expands command-line paths into the files to lint, in the order given (a directory's files sorted by path). */
export function discover(paths: readonly string[], cwd: string, stdinFilename?: string): Discovery {
  const targets: Target[] = [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  const gitignore = new GitignoreRules();
  const addFile = (path: string) => {
    if (seen.has(path)) return;
    seen.add(path);
    targets.push({ kind: "file", path, display: displayPath(path, cwd) });
  };

  const walk = (root: string, options: WalkOptions): number => {
    let count = 0;
    const visit = (dir: string, scopes: string[], depth: number) => {
      let entries: Dirent[];
      try {
        entries = readdirSync(dir, { withFileTypes: true });
      } catch (e) {
        problems.push({ file: displayPath(dir, cwd), message: `cannot read directory (${errorReason(e)})` });
        return;
      }
      entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      const inner = [...scopes, dir];
      for (const entry of entries) {
        const path = join(dir, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
          // Linked files are followed; linked directories are not, so a link cycle cannot trap the walk.
          const target = statOrUndefined(path);
          isFile = target?.isFile() ?? false;
          isDirectory = false;
        }
        if (isDirectory) {
          if (SKIPPED_DIRECTORIES.has(entry.name) || depth + 1 >= options.maxDepth) continue;
          if (gitignore.ignored(path, true, inner)) continue;
          visit(path, inner, depth + 1);
        } else if (isFile) {
          const rel = relative(root, path).split(sep).join("/");
          if (!options.accept(path, rel) || gitignore.ignored(path, false, inner)) continue;
          addFile(path);
          count++;
        }
      }
    };
    const scopes = gitignore.scopesFor(root);
    visit(root, scopes.slice(0, -1), 0);
    return count;
  };

  let stdinSeen = false;
  for (const arg of paths) {
    if (arg === "-") {
      if (stdinSeen) continue;
      stdinSeen = true;
      const named = stdinFilename ? resolve(cwd, stdinFilename) : undefined;
      targets.push({ kind: "stdin", display: stdinFilename ?? "-", dir: named ? dirname(named) : cwd });
      continue;
    }
    const abs = resolveArg(cwd, arg);
    const stat = statOrUndefined(abs);
    if (stat?.isDirectory()) {
      const found = walk(abs, {
        accept: (path) => isDockerfileName(path.slice(path.lastIndexOf(sep) + 1)),
        maxDepth: Infinity,
      });
      if (found === 0) problems.push({ file: arg, message: "no Dockerfiles found in this directory" });
      continue;
    }
    if (stat) {
      // A path named explicitly is linted whatever its name, even if .gitignore lists it.
      addFile(abs);
      continue;
    }
    const scan = picomatch.scan(arg);
    if (scan.isGlob) {
      const base = resolve(cwd, scan.base || ".");
      if (!statOrUndefined(base)?.isDirectory()) {
        problems.push({ file: arg, message: "no files match this pattern" });
        continue;
      }
      const matches = picomatch(scan.glob, { dot: true });
      const maxDepth = scan.glob.includes("**") ? Infinity : scan.glob.split("/").length;
      const found = walk(base, { accept: (_path, rel) => matches(rel), maxDepth });
      if (found === 0) problems.push({ file: arg, message: "no files match this pattern" });
      continue;
    }
    problems.push({ file: arg, message: "cannot read file (no such file or directory)" });
  }
  return { targets, problems };
}
