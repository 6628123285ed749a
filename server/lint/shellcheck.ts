/**
 * ShellCheck on the scripts of RUN instructions (ONBUILD RUN too, as hadolint does), as a findings source for the
 * linter. A script is checked as its shell runs it: continuations joined, heredoc bodies appended (BuildKit does the
 * same), the `RUN <<EOF` body on its own with its `#!` line. The shell is the SHELL in effect (or a `# hadolint
 * shell=` pragma); PowerShell, cmd, zsh and exec form are not checked. The ARG and ENV names in scope and the proxy
 * ARGs are declared in an `export` line ahead of the script, so that ShellCheck does not call them unassigned.
 *
 * Cost: every script of a group of files goes to one `shellcheck --format=json1 f1 f2 …` process (a shebang per
 * file tells ShellCheck its shell, so there is nothing to group by), and results are cached by the checked text,
 * the options and the binary under `cacheDir()/shellcheck`.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  accessSync,
  constants,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { flatString, type Instruction, LineIndex, ownString } from "../../grammar/index.js";
import { cacheDir, pruneCache } from "../config/cache.js";
import { type DockerfileModel, factKey } from "../model/model.js";
import { PREDEFINED_ARGS } from "../model/predefined.js";
import {
  type CommandWord,
  type MappedText,
  programName,
  type RunScript,
  runScriptsOf,
  shebangProgram,
} from "../rules/helpers/runScripts.js";
import type { Finding, Fix, RuleSettings, Severity, TextEdit } from "../rules/types.js";
import type { FindingSource, SourceFindings } from "./linter.js";
import { readPragmas } from "./pragmas.js";

/** `true`: use the `shellcheck` on PATH; `false`: never; a string: that binary. Unset: use it when found. */
export type ShellCheckSetting = boolean | string;

/**
 * hadolint's exclusions: SC1090 and SC1091 (a sourced file cannot be followed, and the directive that says where it
 * is cannot be written in a Dockerfile) and SC2187 (ash is checked as dash).
 */
export const EXCLUDED = new Set(["SC1090", "SC1091", "SC2187"]);

/** Every option but the files: the cache key includes them. `--norc`: a user's .shellcheckrc must not change what
 * the Dockerfile's own configuration says. */
const OPTIONS = ["--format=json1", "--norc", `--exclude=${[...EXCLUDED].map((c) => c.slice(2)).join(",")}`];

/** Shells ShellCheck reads, by program name; `ash` is read as dash (SC2187, excluded). */
const SHELLS = new Set(["sh", "bash", "dash", "ksh", "ash"]);

const PROXY_ARGS = PREDEFINED_ARGS.filter((a) => !a.globalOnly).map((a) => a.name);
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Scripts per batch: far below any command-line length limit. */
const BATCH = 4000;
/** Longer scripts are not checked: ShellCheck's time grows faster than their length (the corpus's longest is 7 kB). */
const MAX_SCRIPT = 100_000;
/** Cached results not written for this many days are removed at the first write of a run (see pruneCache). */
const CACHE_DAYS = 30;
/** Fewest scripts worth a process of their own. */
const PER_PROCESS = 16;

function timeoutFor(scripts: number): number {
  return 60_000 + 200 * scripts;
}

type Outcome =
  | { names: readonly string[]; stdout: string; stderr: string; status: number | null }
  | { error: string };

/** The job of each group: about the same amount of script text, the largest scripts dealt out first. */
function split(jobs: readonly Job[], names: readonly string[], count: number): string[][] {
  if (count <= 1) return [[...names]];
  const groups = Array.from({ length: count }, () => ({ size: 0, names: [] as string[] }));
  const order = jobs.map((_, i) => i).sort((a, b) => jobs[b].checked.length - jobs[a].checked.length);
  for (const i of order) {
    let least = groups[0];
    for (const g of groups) if (g.size < least.size) least = g;
    least.size += jobs[i].checked.length + 200;
    least.names.push(names[i]);
  }
  return groups.map((g) => g.names);
}

/** The program runMany starts: reads {bin, cwd, groups} on stdin, runs one process per group, prints the results. */
const RUNNER = `
const { spawn } = require("node:child_process");
let input = "";
process.stdin.on("data", (d) => (input += d));
process.stdin.on("end", () => {
  const { bin, cwd, groups } = JSON.parse(input);
  const out = new Array(groups.length);
  let left = groups.length;
  const settle = (i, value) => {
    if (out[i]) return;
    out[i] = value;
    if (--left === 0) process.stdout.write(JSON.stringify(out));
  };
  groups.forEach((args, i) => {
    const child = spawn(bin, args, { cwd, windowsHide: true });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d) => (stderr += d));
    child.on("error", (e) => settle(i, { error: e.message }));
    child.on("close", (status) => settle(i, { stdout, stderr, status }));
  });
});
`;

/** What ShellCheck's json1 format says about one problem (columns count characters; a tab is one). */
interface Comment {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  level: string;
  code: number;
  message: string;
  fix?: { replacements: Replacement[] } | null;
}

interface Replacement {
  line: number;
  endLine: number;
  column: number;
  endColumn: number;
  replacement: string;
}

/** The file ShellCheck gets for a script (with a given head), kept with the script's text across lints. */
interface CheckedFile {
  key: string;
  /** The file handed to ShellCheck: a `#!` line, the `export` line, the script. */
  checked: string;
  /** Stretches of `checked` copied from the script: checked offset, script offset, length. */
  pieces: { at: number; from: number; length: number }[];
  /** The lines of `checked` and whether it has a character outside the BMP, once a position is asked for. */
  lines?: { index: LineIndex; astral: boolean };
}

/** One script as ShellCheck gets it in this lint: its file (key, text and pieces also at hand), and where it is. */
interface Job {
  key: string;
  checked: string;
  pieces: CheckedFile["pieces"];
  file: CheckedFile;
  script: RunScript;
  text: MappedText;
}

export interface ShellCheckOptions {
  /** The binary. */
  path: string;
  /** Read and write the result cache (default true); `--no-cache` turns it off. */
  cache?: boolean;
  /** Default: `cacheDir()`. */
  cacheDir?: string;
  /** ShellCheck processes a batch may run at once (default: the number of cores); 1 in a worker of many. */
  processes?: number;
  /** Hears about problems (the binary fails, the cache cannot be written), each kind once. */
  log?: (message: string) => void;
}

/** The binary a setting names: undefined when it is off or not found. */
export function findShellCheck(
  setting: ShellCheckSetting | undefined,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  if (setting === false) return undefined;
  // A name without a folder (`shellcheck-0.10`) is looked up on PATH, like a command.
  if (typeof setting === "string" && /[/\\]/.test(setting)) return executable(setting) ? setting : undefined;
  const name = typeof setting === "string" ? setting : "shellcheck";
  const names = process.platform === "win32" ? [`${name}.exe`, name] : [name];
  for (const dir of (env.PATH ?? env.Path ?? "").split(delimiter)) {
    if (!dir) continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (executable(candidate)) return candidate;
    }
  }
  return undefined;
}

function executable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** ShellCheck as a findings source. One instance per binary; it keeps the results it has seen in memory. */
export class ShellCheck implements FindingSource {
  readonly name = "ShellCheck";
  /** Processes started so far (for tests and the benchmark). */
  processes = 0;
  private readonly results = new Map<string, Comment[]>();
  /** A file's jobs, on its model (a WeakMap's values would be promoted with the file: see DockerfileModel.fact),
   * by the shell its pragma names. */
  private readonly jobsKey = factKey<Map<string | undefined, Job[]>>("ShellCheck jobs");
  private readonly logged = new Set<string>();
  /** What each script's text alone decides (see {@link TextFacts}), for the next lint of a file that keeps it. */
  private readonly texts = new Map<string, TextFacts>();
  private readonly identity: string;
  private readonly dir: string | undefined;
  /** Whether this instance has pruned the on-disk cache (once, at its first write). */
  private pruned = false;

  constructor(private readonly options: ShellCheckOptions) {
    this.identity = binaryIdentity(options.path);
    this.dir = options.cache === false ? undefined : join(options.cacheDir ?? cacheDir(), "shellcheck");
  }

  /** The binary (path, size, time), which decides the findings with the file: see FindingSource.cacheKey. */
  get cacheKey(): string {
    return `ShellCheck\u0000${this.identity}`;
  }

  prepare(models: readonly DockerfileModel[]): void {
    this.ensure(models.flatMap((m) => this.jobsOf(m, readPragmas(m.ast).shell)));
  }

  findings(model: DockerfileModel, settings: RuleSettings): SourceFindings | undefined {
    const jobs = this.jobsOf(model, settings.shell);
    if (jobs.length === 0) return undefined;
    this.ensure(jobs);
    const findings: Finding[] = [];
    let complete = true;
    for (const job of jobs) {
      const comments = this.results.get(job.key);
      if (!comments) complete = false;
      else for (const c of comments) findings.push(toFinding(model.ast.text, job, c));
    }
    return { findings, judges: (code) => complete && /^SC\d{4}$/.test(code) && !EXCLUDED.has(code) };
  }

  private jobsOf(model: DockerfileModel, pragmaShell: string | undefined): Job[] {
    const byShell = model.fact(this.jobsKey, () => new Map());
    let jobs = byShell.get(pragmaShell);
    if (jobs) return jobs;
    jobs = [];
    for (const script of runScriptsOf(model, pragmaShell)) {
      const job = jobFor(model, script, this.identity, this.texts);
      if (job) jobs.push(job);
    }
    byShell.set(pragmaShell, jobs);
    return jobs;
  }

  /** Gets a result for every job: from memory, the cache, or ShellCheck (one process per {@link BATCH} scripts). */
  private ensure(jobs: readonly Job[]): void {
    const missing = new Map<string, Job>();
    for (const job of jobs) {
      if (this.results.has(job.key) || missing.has(job.key)) continue;
      const cached = this.readCache(job.key);
      if (cached) this.results.set(job.key, cached);
      else missing.set(job.key, job);
    }
    const todo = [...missing.values()];
    for (let i = 0; i < todo.length; i += BATCH) this.run(todo.slice(i, i + BATCH));
  }

  private run(jobs: readonly Job[]): void {
    let dir: string | undefined;
    try {
      const folder = mkdtempSync(join(tmpdir(), "dflint-shellcheck-"));
      dir = folder;
      const names = jobs.map((_, i) => `${i}.sh`);
      jobs.forEach((job, i) => {
        writeFileSync(join(folder, names[i]), job.checked);
      });
      const groups = split(jobs, names, this.parallel(jobs.length));
      this.processes += groups.length;
      const outcomes = groups.length === 1 ? [this.runOne(folder, groups[0])] : this.runMany(folder, groups);
      const byFile = new Map<string, (Comment & { file: string })[]>();
      for (const outcome of outcomes) {
        if ("error" in outcome) {
          this.log("run", `cannot run ${this.options.path} (${outcome.error}); RUN scripts were not checked`);
          continue;
        }
        let parsed: { comments?: (Comment & { file: string })[] };
        try {
          parsed = JSON.parse(outcome.stdout);
        } catch {
          const why = outcome.stderr.trim().split("\n")[0] || `exit status ${outcome.status}`;
          this.log("output", `${this.options.path} gave no report (${why}); RUN scripts were not checked`);
          continue;
        }
        for (const name of outcome.names) byFile.set(name, []);
        for (const c of parsed.comments ?? []) byFile.get(c.file)?.push(c);
      }
      jobs.forEach((job, i) => {
        const found = byFile.get(names[i]);
        if (!found) return;
        const comments = found.map(({ file: _, ...c }) => c);
        this.results.set(job.key, comments);
        this.writeCache(job.key, comments);
      });
    } catch (e) {
      this.log("run", `ShellCheck failed (${e instanceof Error ? e.message : String(e)})`);
    } finally {
      if (dir) rmSync(dir, { recursive: true, force: true });
    }
  }

  /** How many ShellCheck processes share a batch: one per core, each with at least {@link PER_PROCESS} scripts. */
  private parallel(scripts: number): number {
    const cores = this.options.processes ?? availableParallelism();
    return Math.max(1, Math.min(cores, Math.floor(scripts / PER_PROCESS)));
  }

  private runOne(cwd: string, names: readonly string[]): Outcome {
    const r = spawnSync(this.options.path, [...OPTIONS, ...names], {
      cwd,
      encoding: "utf8",
      maxBuffer: 1 << 28,
      timeout: timeoutFor(names.length),
      windowsHide: true,
    });
    return r.error
      ? { error: r.error.message }
      : { names, stdout: r.stdout, stderr: r.stderr, status: r.status };
  }

  /**
   * Runs several ShellCheck processes at once and waits for all of them: the linter is synchronous, so a small Node
   * program started with spawnSync runs them side by side (ShellCheck checks its files one after another, on one
   * core). Costs one more process, which pays off from a few dozen scripts on.
   */
  private runMany(cwd: string, groups: readonly string[][]): Outcome[] {
    const input = JSON.stringify({
      bin: this.options.path,
      cwd,
      groups: groups.map((g) => [...OPTIONS, ...g]),
    });
    const r = spawnSync(process.execPath, ["-e", RUNNER], {
      input,
      encoding: "utf8",
      maxBuffer: 1 << 29,
      timeout: timeoutFor(Math.max(...groups.map((g) => g.length))),
      windowsHide: true,
    });
    let results:
      | ({ stdout: string; stderr: string; status: number | null } | { error: string })[]
      | undefined;
    try {
      results = JSON.parse(r.stdout);
    } catch {
      results = undefined;
    }
    if (!results || results.length !== groups.length)
      return [{ error: r.error?.message ?? (r.stderr.trim().split("\n")[0] || "the process runner failed") }];
    return results.map((x, i) => ("error" in x ? x : { names: groups[i], ...x }));
  }

  private readCache(key: string): Comment[] | undefined {
    if (!this.dir) return undefined;
    try {
      const value = JSON.parse(readFileSync(join(this.dir, key.slice(0, 2), `${key}.json`), "utf8"));
      return Array.isArray(value) ? (value as Comment[]) : undefined;
    } catch {
      return undefined;
    }
  }

  private writeCache(key: string, comments: Comment[]): void {
    if (!this.dir) return;
    const folder = join(this.dir, key.slice(0, 2));
    const file = join(folder, `${key}.json`);
    try {
      if (!this.pruned) {
        this.pruned = true;
        pruneCache(this.dir, CACHE_DAYS);
      }
      mkdirSync(folder, { recursive: true });
      // Written aside and renamed, so that a reader never sees half a file.
      const temp = `${file}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(comments));
      renameSync(temp, file);
    } catch (e) {
      this.log(
        "cache",
        `cannot write the ShellCheck cache in ${this.dir} (${e instanceof Error ? e.message : e})`,
      );
    }
  }

  private log(kind: string, message: string): void {
    if (this.logged.has(kind)) return;
    this.logged.add(kind);
    this.options.log?.(message);
  }
}

/** The binary as the cache knows it: a new version is a new file (another size or time), so results do not mix. */
function binaryIdentity(path: string): string {
  try {
    const real = realpathSync(path);
    const s = statSync(real);
    return `${real}\u0000${s.size}\u0000${s.mtimeMs}`;
  } catch {
    return path;
  }
}

/**
 * What a script's text alone decides about its job, worked out once per ShellCheck instance: the language server
 * lints a document again on every edit and the command lints many files, and most RUNs come back unchanged. With
 * the declared names looked up in the RUN's scope instead of listed (a scope replay for every RUN before), the
 * source's part of a language-server lint of the 10k-line file (all results known) went from 22.9 to 14.0 ms
 * (median CPU of 30 edited versions; p25 20.6 -> 7.6).
 */
interface TextFacts {
  /**
   * The script, in storage of its own: a script is a slice of its document, and the memory must not keep every
   * version of a document the language server has seen. Everything kept here is cut from this copy.
   */
  text: string;
  /** The text has a drive path or a Windows program (see {@link windowsText}). */
  windowsText: boolean;
  /** Variables the script reads, in first-use order. */
  used: string[];
  /** Whether the script assigns a variable, for the names asked about. */
  assigns: Map<string, boolean>;
  /** The job's file and key by its head (`#!` line and `export` line), marked with a NUL when the #! line is dflint's. */
  files: Map<string, CheckedFile>;
}

/** Scripts remembered per instance; past it the memory starts again. */
const MAX_TEXTS = 8192;

function textFacts(memo: Map<string, TextFacts>, script: string): TextFacts {
  let facts = memo.get(script);
  if (!facts) {
    if (memo.size >= MAX_TEXTS) memo.clear();
    const text = ownString(script);
    const used = new Set<string>();
    for (const m of text.matchAll(/\$\{?[#!]?([A-Za-z_][A-Za-z0-9_]*)/g)) used.add(m[1]);
    facts = { text, windowsText: windowsText(text), used: [...used], assigns: new Map(), files: new Map() };
    memo.set(text, facts);
  }
  return facts;
}

/** The file ShellCheck gets for a script, or undefined when ShellCheck cannot read its shell. */
function jobFor(
  model: DockerfileModel,
  script: RunScript,
  identity: string,
  memo: Map<string, TextFacts>,
): Job | undefined {
  const piped = stdinScript(model.ast.text, script);
  const text = piped?.text ?? script.shellText;
  if (!text || text.text.length > MAX_SCRIPT || text.text.trim() === "") return undefined;
  const facts = textFacts(memo, text.text);
  if (facts.windowsText || windowsBase(script)) return undefined;
  const src = facts.text;
  let shebang = "";
  // A `RUN <<EOF` body's own #! line is kept as the file's first line.
  let own = 0;
  if (piped) shebang = `#!/bin/${piped.shell}\n`;
  else if (script.form === "heredoc" && src.startsWith("#!")) {
    const end = src.indexOf("\n");
    shebang = end < 0 ? src : src.slice(0, end + 1);
    own = shebang.length;
    if (!SHELLS.has(shebangProgram(shebang))) return undefined;
  } else {
    const shell = programName(script.shell[0] ?? "");
    if (!SHELLS.has(shell)) return undefined;
    shebang = `#!/bin/${shell}\n`;
  }
  const names = namesFor(model, script, facts);
  const exports = names.length > 0 ? `export ${names.map((n) => `${n}=1`).join(" ")}\n` : "";
  const head = shebang + exports;
  // The same text can be a `RUN <<EOF` body with its #! line and the script a `RUN bash <<'EOF'` pipes in.
  const fileKey = own > 0 ? head : `\u0000${head}`;
  let file = facts.files.get(fileKey);
  if (!file) {
    // Declared names are slices of the document too.
    const kept = ownString(head);
    // A CR before a newline is a CRLF file's line end, not part of the command: a blank keeps the offsets.
    const body = src.slice(own).replace(/\r(?=\n)/g, " ");
    const checked = flatString(kept + body);
    const pieces = [{ at: kept.length, from: own, length: body.length }];
    if (own > 0) pieces.unshift({ at: 0, from: 0, length: own });
    const key = createHash("sha256")
      .update(`${OPTIONS.join(" ")}\u0000${identity}\u0000${checked}`)
      .digest("hex");
    file = { key, checked, pieces };
    facts.files.set(ownString(fileKey), file);
  }
  return { key: file.key, checked: file.checked, pieces: file.pieces, file, script, text };
}

/**
 * `RUN bash <<'EOF'`: a POSIX shell that reads its script from the RUN's one heredoc. Given the command line,
 * ShellCheck reads such a body as data (a quoted one not at all), so the body is handed over as the script it is, in
 * that shell's dialect, where the outer shell passes it on as written: a quoted delimiter, or a body without `$`,
 * backquotes or backslashes. Not for `<<-` (its tabs are stripped, so offsets would move), a heredoc on another file
 * descriptor, another redirect of the input, options other than flags and `-o name` (`-c` makes an argument the
 * script), or a RUN of more than the one command.
 */
function stdinScript(source: string, script: RunScript): { shell: string; text: MappedText } | undefined {
  if (script.form !== "shell" || script.commands.length !== 1) return undefined;
  if (!SHELLS.has(programName(script.shell[0] ?? ""))) return undefined;
  const heredocs = script.instruction.heredocs;
  if (heredocs.length !== 1) return undefined;
  const { marker, body } = heredocs[0];
  if (marker.chomp || (marker.fileDescriptor ?? 0) !== 0) return undefined;
  const command = script.commands[0];
  const shell = programName(command.name);
  if (!SHELLS.has(shell) || !onlyFlags(command.args)) return undefined;
  const line =
    source.slice(command.span.start, marker.span.start) + source.slice(marker.span.end, command.span.end);
  if (line.includes("<")) return undefined;
  const text = source.slice(body.start, body.end);
  if (marker.expand && /[$`\\]/.test(text)) return undefined;
  const start = body.start;
  return { shell, text: { text, toSource: (offset) => start + offset } };
}

/** Shell options only: `-e`, `-eux`, `+x`, `-o pipefail`; not `-c`. */
function onlyFlags(args: readonly CommandWord[]): boolean {
  for (let k = 0; k < args.length; k++) {
    const v = args[k].value;
    if (v === "-o" || v === "+o") {
      k++;
      if (k >= args.length || !/^[a-z]+$/.test(args[k].value)) return false;
    } else if (!/^[-+][a-zA-Z]+$/.test(v) || v.includes("c")) return false;
  }
  return true;
}

/**
 * A RUN for cmd or PowerShell that the model cannot tell from a Linux one (no SHELL, a base image without a Windows
 * name): ShellCheck would only report cmd syntax as shell mistakes. Signs: a base image named `…windows…`
 * ({@link windowsBase}), a drive path such as `C:\\` in the script, or a program written with a backslash path and a
 * Windows extension (`.\\x.bat`) ({@link windowsText}).
 */
function windowsBase(script: RunScript): boolean {
  for (let stage = script.stage; stage; stage = stage.base.kind === "stage" ? stage.base.stage : undefined) {
    if (stage.base.kind === "image" && /windows/i.test(stage.base.ref?.path ?? "")) return true;
    if (stage.base.kind !== "stage") break;
  }
  return false;
}

function windowsText(text: string): boolean {
  return /(^|[\s"'=(])[A-Za-z]:\\[A-Za-z0-9_$%]/.test(text) || /\\[\w.-]+\.(bat|cmd|exe|ps1)\b/i.test(text);
}

/**
 * The declared names to tell ShellCheck about. Each one costs its data-flow analysis time (18 of them double it), so
 * only those the script uses, unless the script uses a variable that nothing assigns: then all of them, for
 * ShellCheck's "did you mean" (`$RTTP_PROXY`, SC2153).
 */
function namesFor(model: DockerfileModel, script: RunScript, facts: TextFacts): string[] {
  if (facts.used.length === 0) return [];
  const declared = declaredTest(model, script);
  const names: string[] = [];
  for (const name of facts.used) {
    if (declared(name)) names.push(name);
    else if (!WELL_KNOWN.has(name) && !assigns(facts, name)) return declaredNames(model, script);
  }
  return names.sort();
}

function assigns(facts: TextFacts, name: string): boolean {
  let assigned = facts.assigns.get(name);
  if (assigned === undefined) {
    assigned = new RegExp(
      `(^|[^A-Za-z0-9_$])${name}(=|\\+=|\\[)|\\b(for|read|export|local|declare)\\s[^;&|]*\\b${name}\\b`,
    ).test(facts.text);
    facts.assigns.set(name, assigned);
  }
  return assigned;
}

/** Variables every shell or image has, which ShellCheck knows not to call unassigned. */
const WELL_KNOWN = new Set([
  "HOME",
  "PATH",
  "PWD",
  "OLDPWD",
  "USER",
  "SHELL",
  "HOSTNAME",
  "IFS",
  "UID",
  "LANG",
  "TERM",
]);

/**
 * The variables the RUN has from the Dockerfile: the ARGs and ENVs in scope, and the proxy ARGs BuildKit passes to
 * every RUN. An ONBUILD RUN runs in a later build, where only the ENVs are left.
 */
function declaredNames(model: DockerfileModel, script: RunScript): string[] {
  const names = new Set(PROXY_ARGS);
  const at = script.onbuild ?? script.instruction;
  if (script.stage) {
    for (const d of model.scopeAt(at).values())
      if (d.kind === "env" || (d.kind === "arg" && !script.onbuild)) names.add(d.name);
  } else for (const name of declaredBeforeFrom(model, at, script.onbuild !== undefined)) names.add(name);
  return [...names].filter((n) => NAME.test(n)).sort();
}

/** Whether a name is one of {@link declaredNames}, without listing them: a lookup in the RUN's scope. */
function declaredTest(model: DockerfileModel, script: RunScript): (name: string) => boolean {
  const at = script.onbuild ?? script.instruction;
  if (!script.stage) {
    const before = new Set(declaredBeforeFrom(model, at, script.onbuild !== undefined));
    return (name) => PROXY_NAMES.has(name) || before.has(name);
  }
  const scope = model.scopeAt(at);
  return (name) => {
    if (PROXY_NAMES.has(name)) return true;
    const d = scope.get(name);
    return d !== undefined && d.name === name && (d.kind === "env" || (d.kind === "arg" && !script.onbuild));
  };
}

const PROXY_NAMES: ReadonlySet<string> = new Set(PROXY_ARGS);

/** Before any FROM (a snippet, as in hadolint's examples), what the lines above declare. */
function declaredBeforeFrom(model: DockerfileModel, at: Instruction, onbuild: boolean): string[] {
  const names: string[] = [];
  for (const i of model.ast.instructions) {
    if (i.span.start >= at.span.start) break;
    if (i.keyword === "ENV") for (const p of i.pairs ?? []) names.push(p.key);
    if (i.keyword === "ARG" && !onbuild) for (const d of i.declarations ?? []) names.push(d.name);
  }
  return names;
}

const LEVELS: Record<string, Severity> = { error: "error", warning: "warning", info: "info", style: "style" };

const FIX_REASON =
  "ShellCheck's edit changes the command line the RUN runs (quoting, expansion, word splitting), which can change what the build does";

function toFinding(source: string, job: Job, c: Comment): Finding {
  const code = `SC${c.code}`;
  const position = positions(job);
  const start = position(c.line, c.column);
  const end = position(c.endLine, c.endColumn);
  const span = documentSpan(job, start, Math.max(start, end)) ?? instructionSpan(job);
  const finding: Finding = { code, severity: LEVELS[c.level] ?? "warning", message: c.message, span };
  const fix = c.fix?.replacements?.length ? fixOf(source, job, code, c.fix.replacements) : undefined;
  if (fix) finding.fixes = [fix];
  return finding;
}

function instructionSpan(job: Job) {
  const i = job.script.instruction;
  return { start: i.span.start, end: i.span.end };
}

/**
 * ShellCheck's 1-based line and column (in characters) to an offset of the checked text. The line index is the
 * file's, made once for every lint that gets the file's findings; a column is counted character by character only
 * when the text has characters outside the BMP (two code units each). The 10k-line file's lints with ShellCheck
 * (results in memory, 185 findings) rebuilt the lines and walked every column of a script joined onto one line:
 * the time under ShellCheck's findings() per warm lint 3.1 -> 2.25 ms (CPU profiles of 60 lints each).
 */
function positions(job: Job): (line: number, column: number) => number {
  const file = job.file;
  const text = file.checked;
  file.lines ??= { index: new LineIndex(text), astral: /[\uD800-\uDBFF]/.test(text) };
  const { index, astral } = file.lines;
  const starts = index.lineStarts;
  return (line, column) => {
    if (line > starts.length) return text.length;
    const lineStart = starts[Math.max(0, line - 1)];
    const lineEnd = line < starts.length ? starts[line] - 1 : text.length;
    if (!astral) return lineStart + Math.max(0, Math.min(column - 1, lineEnd - lineStart));
    let at = lineStart;
    for (let k = 1; k < column && at < lineEnd; k++) {
      const code = text.charCodeAt(at);
      at += code >= 0xd800 && code <= 0xdbff ? 2 : 1;
    }
    return Math.min(at, lineEnd + (line < starts.length ? 1 : 0));
  };
}

/** The script offset of a checked offset; undefined in the lines dflint wrote. */
function scriptOffset(job: Job, at: number): number | undefined {
  for (const p of job.pieces) if (at >= p.at && at < p.at + p.length) return p.from + (at - p.at);
  return undefined;
}

/** Document offset of the character at a checked offset. */
function documentOffset(job: Job, at: number): number | undefined {
  const o = scriptOffset(job, at);
  return o === undefined ? undefined : job.text.toSource(o);
}

/** The document span of a checked range: its first character to just after its last. */
function documentSpan(job: Job, start: number, end: number) {
  const s = start < job.checked.length ? documentOffset(job, start) : endOfScript(job);
  if (s === undefined) return undefined;
  if (end <= start) return { start: s, end: s };
  const last = documentOffset(job, end - 1);
  return { start: s, end: last === undefined ? s : last + 1 };
}

function endOfScript(job: Job): number | undefined {
  const last = documentOffset(job, job.checked.length - 1);
  return last === undefined ? undefined : last + 1;
}

/**
 * ShellCheck's edits as an unsafe fix, or undefined when any edit has no exact place in the document: a range that
 * a continuation splits, a place in the lines dflint wrote, or text with a newline in a command line.
 */
function fixOf(
  source: string,
  job: Job,
  code: string,
  replacements: readonly Replacement[],
): Fix | undefined {
  const position = positions(job);
  const edits: TextEdit[] = [];
  for (const r of replacements) {
    const start = position(r.line, r.column);
    const end = position(r.endLine, r.endColumn);
    if (end < start) return undefined;
    if (r.replacement.includes("\n") && job.script.form !== "heredoc") return undefined;
    const span = exactSpan(job, start, end, r.replacement);
    if (!span) return undefined;
    const endsEscaped = r.replacement.endsWith("\\") || r.replacement.endsWith("`");
    if (endsEscaped && source[span.end] === "\n") return undefined;
    edits.push({ span, newText: r.replacement });
  }
  return { title: `Apply ShellCheck's suggestion (${code})`, edits, safety: "unsafe", reason: FIX_REASON };
}

/**
 * The document span of a checked range whose characters lie side by side in the document. An insertion between the
 * two sides of a continuation goes before the next character: joined again, the line reads the same either way
 * (unless the text starts with `#`, which at the start of a line would make a comment of it).
 */
function exactSpan(job: Job, start: number, end: number, text: string) {
  if (start === end) {
    const before = start > 0 ? documentOffset(job, start - 1) : undefined;
    const after = start < job.checked.length ? documentOffset(job, start) : undefined;
    if (before !== undefined && after !== undefined && before + 1 !== after && text.startsWith("#"))
      return undefined;
    const at = after ?? (before === undefined ? undefined : before + 1);
    return at === undefined ? undefined : { start: at, end: at };
  }
  const first = documentOffset(job, start);
  if (first === undefined) return undefined;
  for (let k = start + 1; k < end; k++) if (documentOffset(job, k) !== first + (k - start)) return undefined;
  return { start: first, end: first + (end - start) };
}
