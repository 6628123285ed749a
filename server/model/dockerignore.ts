/**
 * `.dockerignore` files as Docker reads them: the one place that knows their syntax and how a path is matched.
 *
 * The facts (from moby/patternmatcher, which BuildKit and the docker CLI use):
 * - reading: a UTF-8 BOM is dropped; a line whose first character is `#` is a comment (a `#` after spaces is not);
 *   lines are trimmed, empty ones skipped; `!` starts an exception; each pattern is cleaned like a path (`a//b/../c`
 *   is `a/c`, `./x` is `x`, a trailing `/` goes) and a leading `/` is dropped, so every pattern is anchored at the
 *   context root. Unlike .gitignore, `foo` means only the root's `foo`, never `sub/foo`.
 * - matching: `*` and `?` stop at `/`, `[...]` is a character class, `\` escapes the next character, `**` crosses
 *   directories (`**` alone, `dir/**`, `**​/x`); a pattern also matches everything below a directory it matches.
 *   Patterns apply in order and the last that matches decides (an exception re-includes).
 */

/** One pattern of an ignore file, cleaned. */
export interface IgnorePattern {
  /** The cleaned pattern, without its `!`. */
  text: string;
  /** A `!` pattern: re-includes what earlier patterns excluded. */
  exception: boolean;
  /** 1-based line in the ignore file. */
  line: number;
}

export interface IgnoreFile {
  /** How to name the file in messages: `.dockerignore` or `app.Dockerfile.dockerignore`. */
  name: string;
  patterns: IgnorePattern[];
  /** A pattern Docker refuses (`!` alone, an unclosed `[`): the build fails before any step, so nothing is judged. */
  invalid?: { line: number; message: string };
}

/** Go's `path.Clean`: the shortest equivalent slash path ("." for nothing). */
export function cleanPath(path: string): string {
  if (path === "") return ".";
  const rooted = path.startsWith("/");
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") {
      if (out.length > 0 && out[out.length - 1] !== "..") out.pop();
      else if (!rooted) out.push("..");
      continue;
    }
    out.push(part);
  }
  const joined = out.join("/");
  if (rooted) return `/${joined}`;
  return joined === "" ? "." : joined;
}

/** Reads an ignore file's text into patterns; never throws (a bad pattern sets `invalid`). */
export function parseIgnoreFile(text: string, name = ".dockerignore"): IgnoreFile {
  const patterns: IgnorePattern[] = [];
  let invalid: IgnoreFile["invalid"];
  const lines = (text.startsWith("\uFEFF") ? text.slice(1) : text).split(/\r?\n/);
  lines.forEach((raw, i) => {
    if (raw.startsWith("#")) return;
    let p = raw.trim();
    if (p === "") return;
    const exception = p.startsWith("!");
    if (exception) p = p.slice(1).trim();
    if (p !== "") {
      p = cleanPath(p);
      if (p.length > 1 && p.startsWith("/")) p = p.slice(1);
    }
    if (exception && p === "") {
      invalid ??= { line: i + 1, message: "a line holds only '!'" };
      return;
    }
    const problem = patternProblem(p);
    if (problem) invalid ??= { line: i + 1, message: problem };
    patterns.push({ text: p, exception, line: i + 1 });
  });
  return invalid ? { name, patterns, invalid } : { name, patterns };
}

/** What Go's filepath.Match rejects in a pattern (an unclosed `[`, an unescaped `-` or `]` in a class, a `\` at the
 * end), if anything: patternmatcher refuses such patterns and the build fails. */
function patternProblem(p: string): string | undefined {
  const bad = `invalid pattern '${p}'`;
  /** One class character at `i` (escapes allowed); the index after it, or -1. */
  const classChar = (i: number): number => {
    if (i >= p.length || p[i] === "-" || p[i] === "]") return -1;
    if (p[i] === "\\") return i + 1 < p.length ? i + 2 : -1;
    return i + 1;
  };
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") {
      if (++i >= p.length) return bad;
    } else if (c === "[") {
      let j = i + 1;
      if (p[j] === "^") j++;
      for (let ranges = 0; ; ranges++) {
        if (p[j] === "]" && ranges > 0) break;
        j = classChar(j);
        if (j < 0) return bad;
        if (p[j] === "-") {
          j = classChar(j + 1);
          if (j < 0) return bad;
        }
      }
      i = j;
    }
  }
  return undefined;
}

type Compiled =
  | { kind: "exact"; text: string }
  | { kind: "prefix"; prefix: string }
  | { kind: "suffix"; suffix: string }
  | { kind: "regexp"; re: RegExp | undefined };

const REGEXP_SPECIAL = new Set([".", "+", "(", ")", "|", "{", "}", "$"]);

/** The pattern as patternmatcher compiles it: an exact name, a prefix (`dir/**`), a suffix (`**​/x`) or a regexp. */
function compile(pattern: string): Compiled {
  let re = "^";
  let kind: Compiled["kind"] = "exact";
  const chars = [...pattern];
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (c === "*") {
      if (chars[i + 1] === "*") {
        const atStart = i === 0;
        i++;
        if (chars[i + 1] === "/") i++;
        if (i + 1 >= chars.length) {
          // A trailing `**` takes everything, like .gitignore.
          if (kind === "exact") kind = "prefix";
          else {
            re += ".*";
            kind = "regexp";
          }
        } else {
          re += "(.*/)?";
          kind = "regexp";
        }
        if (atStart) kind = "suffix";
      } else {
        re += "[^/]*";
        kind = "regexp";
      }
    } else if (c === "?") {
      re += "[^/]";
      kind = "regexp";
    } else if (REGEXP_SPECIAL.has(c)) {
      re += `\\${c}`;
    } else if (c === "\\") {
      if (i + 1 < chars.length) {
        re += `\\${chars[++i]}`;
        kind = "regexp";
      } else re += "\\\\";
    } else if (c === "[" || c === "]") {
      re += c;
      kind = "regexp";
    } else {
      re += c;
    }
  }
  switch (kind) {
    case "exact":
      return { kind, text: pattern };
    case "prefix":
      return { kind, prefix: pattern.slice(0, -2) };
    case "suffix":
      return { kind, suffix: pattern.slice(2) };
    case "regexp": {
      let compiled: RegExp | undefined;
      try {
        compiled = new RegExp(`${re}$`);
      } catch {
        compiled = undefined;
      }
      return { kind, re: compiled };
    }
  }
}

function matches(c: Compiled, path: string): boolean {
  switch (c.kind) {
    case "exact":
      return path === c.text;
    case "prefix":
      return path.startsWith(c.prefix);
    case "suffix":
      // `**​/foo` also matches `foo` itself.
      return path.endsWith(c.suffix) || (c.suffix.startsWith("/") && path === c.suffix.slice(1));
    case "regexp":
      return c.re?.test(path) ?? false;
  }
}

/** Go's `path.Dir`. */
function dirOf(path: string): string {
  const slash = path.lastIndexOf("/");
  return cleanPath(slash < 0 ? "" : path.slice(0, slash + 1));
}

/** Decides which context paths an ignore file excludes. */
export class IgnoreMatcher {
  private readonly compiled: Compiled[];

  constructor(readonly file: IgnoreFile) {
    this.compiled = file.patterns.map((p) => compile(p.text));
  }

  /** Any `!` pattern: BuildKit's CopyIgnoredFile stays quiet then, since an exception can re-include a part. */
  get hasExceptions(): boolean {
    return this.file.patterns.some((p) => p.exception);
  }

  /**
   * Whether the slash path (relative to the context root) is excluded: it or one of its parent directories matches
   * a pattern, and no later exception matches it or a parent. Docker's MatchesOrParentMatches.
   */
  excludes(path: string): boolean {
    const parent = dirOf(path);
    const parents = parent === "." ? [] : parent.split("/");
    let excluded = false;
    this.file.patterns.forEach((p, i) => {
      // An exclusion pattern cannot change a path that is not excluded, nor an inclusion one that is.
      if (p.exception !== excluded) return;
      const c = this.compiled[i];
      let hit = matches(c, path);
      for (let n = 1; !hit && n <= parents.length; n++) hit = matches(c, parents.slice(0, n).join("/"));
      if (hit) excluded = !p.exception;
    });
    return excluded;
  }

  /** The first pattern that excludes the path on its own (for messages), if any. */
  patternFor(path: string): IgnorePattern | undefined {
    for (let i = this.file.patterns.length - 1; i >= 0; i--) {
      const p = this.file.patterns[i];
      if (p.exception) continue;
      const c = this.compiled[i];
      const parent = dirOf(path);
      const parents = parent === "." ? [] : parent.split("/");
      let hit = matches(c, path);
      for (let n = 1; !hit && n <= parents.length; n++) hit = matches(c, parents.slice(0, n).join("/"));
      if (hit) return p;
    }
    return undefined;
  }
}
