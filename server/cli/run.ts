import { closeSync, openSync, readSync, statSync, writeFileSync, writeSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { isMainThread } from "node:worker_threads";
import { createTwoFilesPatch } from "diff";
import { LineIndex, parse } from "../../grammar/index.js";
import { type ContextReads, type ContextSpec, contextReads, openContext } from "../config/buildContext.js";
import { cacheDir } from "../config/cache.js";
import { composeLayer } from "../config/compose.js";
import {
  ConfigError,
  ConfigFinder,
  type ConfigLayer,
  cliLayer,
  envLayer,
  errorReason,
  merge,
  type Resolved,
  readConfigFile,
  ruleNameSuggestion,
  unknownRuleNames,
} from "../config/config.js";
import {
  type ChosenFix,
  type FindingSource,
  fixability,
  fixText,
  type LintOptions,
  lint,
  lintModel,
  MAX_INSTRUCTIONS,
  modelOf,
  tooManyInstructions,
} from "../lint/index.js";
import { maskOccurrences, maskSpans, secretSpans } from "../lint/mask.js";
import { findShellCheck, ShellCheck } from "../lint/shellcheck.js";
import type { DockerfileModel } from "../model/model.js";
import { isShellCheckCode } from "../rules/docs.js";
import { RULES, rulesFor } from "../rules/index.js";
import { type Finding, type FixKind, fixClasses, type Rule, severityRank } from "../rules/types.js";
import {
  type CliArgs,
  helpText,
  parseArgs,
  type Threshold,
  UsageError,
  usageMessage,
  version,
} from "./args.js";
import { discover, type Target } from "./discover.js";
import {
  type FilePart,
  type FileProblem,
  type FileReport,
  FORMATTERS,
  type FormatContext,
  PARTED,
  SHOWS_SUPPRESSIONS,
} from "./formats/index.js";
import { helpUri } from "./formats/report.js";
import { ResultCache, runKey } from "./resultCache.js";
import { howToEnable, rulesJson } from "./ruleList.js";
import { type StartedWorker, threadCount } from "./threads.js";
import {
  type ChunkOptions,
  type ChunkResult,
  type IndexedTarget,
  type LintedFile,
  lintChunks,
  type WorkerJob,
  type WorkerPlan,
  workerLoop,
} from "./workers.js";

/** Everything the command touches outside the file system, so tests and main.ts can supply it. */
export interface Io {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  home: string;
  stdoutIsTTY: boolean;
  out(text: string): void;
  err(text: string): void;
  readStdin(): Uint8Array;
  /** Names the linter's code (dist/cli/linter.cjs's hash): part of the result cache's key. */
  build?: string;
  /** The module a worker thread starts from (dflint.cjs); without it, every file is linted in this thread. */
  workerEntry?: URL;
  /** Lint workers already started from workerEntry (main.ts); the run takes those it uses out of the list. */
  earlyWorkers?: StartedWorker[];
}

/** Files above this size are not linted: no Dockerfile is that big, and the time would be wasted. */
export const MAX_FILE_BYTES = 10 * 1024 * 1024;

/** Runs the command line and returns the exit status: 0 clean, 1 findings or unreadable files, 2 usage or config
 * errors. */
export function run(argv: readonly string[], io: Io): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.err(usageMessage(e));
    return Promise.resolve(2);
  }
  return runParsed(args, io);
}

export async function runParsed(args: CliArgs, io: Io): Promise<number> {
  switch (args.action) {
    case "help":
      io.out(helpText());
      return 0;
    case "version":
      io.out(`dflint ${version()}\n`);
      return 0;
    case "list-rules":
      if (args.format !== undefined && args.format !== "tty" && args.format !== "json") {
        io.err(
          usageMessage(
            new UsageError("--list-rules prints a table (tty) or json; other formats are for findings"),
          ),
        );
        return 2;
      }
      io.out(args.format === "json" ? rulesJson(RULES) : listRules(RULES));
      return 0;
    case "explain":
      return explain(args.explain ?? "", io);
    case "lint":
      return new Linter(args, io).run();
  }
}

/** The body of a lint worker thread (main.ts starts it in a thread that lintChunks started). */
export function runWorker(): void {
  workerLoop(lintChunkInWorker);
}

/** The linter of this worker thread, kept across chunks (with its ShellCheck and caches). */
let workerLinter: { job: WorkerJob; linter: Linter } | undefined;

/** A worker thread's part of a run (workers.ts calls it with the job the main thread sent): lint one chunk. */
export function lintChunkInWorker(job: WorkerJob, chunk: readonly IndexedTarget[]): ChunkResult {
  const io: Io = {
    ...job.io,
    out: () => {},
    err: () => {},
    readStdin: () => new Uint8Array(),
  };
  if (workerLinter?.job !== job) {
    const linter = new Linter(job.args, io);
    // What the sources say when they are set up, the main thread has said already.
    for (const config of job.settings) linter.withSources(config, job.how.verbose);
    workerLinter = { job, linter };
  }
  return workerLinter.linter.lintChunk(chunk, job.settings, job.how);
}

interface Decoded {
  text: string;
  bom: boolean;
  /** False when invalid byte sequences were replaced with U+FFFD: such a file is linted but never rewritten. */
  validUtf8: boolean;
}

/**
 * One decoder for every file of the thread, made once: a decode without `stream` starts afresh, and a decoder per
 * file opened an ICU converter each time. Decoding the corpus's 1,468 files in a one-thread run 16-19 -> 11-12 ms
 * (timed inside the process, 3 runs each).
 */
let strictUtf8: InstanceType<typeof TextDecoder> | undefined;

export function decode(bytes: Uint8Array): Decoded {
  let text: string;
  let validUtf8 = true;
  try {
    strictUtf8 ??= new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });
    text = strictUtf8.decode(bytes);
  } catch {
    text = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true }).decode(bytes);
    validUtf8 = false;
  }
  const bom = text.startsWith("\uFEFF");
  return { text: bom ? text.slice(1) : text, bom, validUtf8 };
}

/** Shared by every file of the thread: a file is read into it and decoded at once. */
let readBuffer: Buffer | undefined;

/**
 * A file's text, or undefined when it is larger than MAX_FILE_BYTES. Read into one buffer without a stat first:
 * the reads stop one byte past the limit. Over the corpus (1,468 files, a fresh process) this took the reads from
 * 55-74 to 47-52 ms against statSync + readFileSync.
 */
function readFile(path: string): Decoded | undefined {
  const fd = openSync(path, "r");
  try {
    readBuffer ??= Buffer.allocUnsafe(MAX_FILE_BYTES + 1);
    let n = 0;
    for (;;) {
      const got = readSync(fd, readBuffer, n, readBuffer.length - n, null);
      if (got === 0) break;
      n += got;
      if (n > MAX_FILE_BYTES) return undefined;
    }
    return decode(readBuffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
}

/** Writes all of a text to a file. */
function writeAll(fd: number, text: string): void {
  const bytes = Buffer.from(text);
  for (let at = 0; at < bytes.length; ) at += writeSync(fd, bytes, at);
}

function fails(findings: readonly Finding[], threshold: Threshold): boolean {
  if (threshold === "none") return false;
  const limit = severityRank(threshold);
  return findings.some((f) => severityRank(f.severity) <= limit);
}

/** What lintTarget gives for a file: its report, the findings not silenced, what --fix-dry-run would fix and how
 * many more fixes --unsafe-fixes would add. */
interface TargetLint {
  report: FileReport;
  verdict: Finding[];
  wouldFix: ChosenFix[];
  moreUnsafe: number;
}

/** A file report's lines when its part was made where it was linted (LintedFile.part): no format reads them. */
const NO_LINES = new LineIndex("");

/** One lint run over the files of a command line. */
class Linter {
  private readonly problems: FileProblem[] = [];
  /** The build contexts' files read in this run (this thread's). */
  private readonly contextReads: ContextReads = contextReads();
  /** How each context folder is named in messages, by folder. */
  private readonly contextNames = new Map<string, string>();
  private io: Io;
  /** The result cache (`--cache`). */
  private readonly cache: ResultCache | undefined;
  private readonly finder: ConfigFinder;
  private readonly resolvedByLayer = new Map<ConfigLayer | undefined, Resolved>();
  private readonly warned = new Set<string>();
  private env!: ConfigLayer;
  private explicit: ConfigLayer | undefined;
  private readonly cli: ConfigLayer;
  /** `--compose FILE`: the service's context, args and target, between the config file and the command line. */
  private compose: ConfigLayer | undefined;
  private readonly shellChecks = new Map<string, ShellCheck | undefined>();
  /** Models built while preparing the findings sources, by file, taken by the file's lint if its text is the same. */
  private readonly prepared = new Map<Target, { text: string; model: DockerfileModel }>();

  constructor(
    private readonly args: CliArgs,
    io: Io,
  ) {
    this.io = io;
    if (args.cache === true) {
      const dir = args.cacheLocation
        ? resolve(io.cwd, args.cacheLocation)
        : join(cacheDir(io.env), "results");
      this.cache = new ResultCache(dir, runKey(version(), io.build ?? "", RULES));
    }
    this.finder = new ConfigFinder(io.env, io.home);
    this.cli = cliLayer(args, io.cwd, io.env);
  }

  async run(): Promise<number> {
    const { args, io } = this;
    const paths = [...args.paths];
    let runLayer: ConfigLayer | undefined;
    try {
      this.env = envLayer(io.env);
      if (args.config) this.explicit = readConfigFile(resolve(io.cwd, args.config), args.config);
      if (args.compose) {
        const compose = composeLayer(resolve(io.cwd, args.compose), args.service, io.env, args.compose);
        this.compose = compose.layer;
        // Without paths, lint the service's Dockerfile.
        if (paths.length === 0) paths.push(relative(io.cwd, compose.dockerfile) || compose.dockerfile);
      }
      runLayer = this.layerFor(io.cwd);
    } catch (e) {
      return this.configFailure(e);
    }
    const runConfig = merge([this.env, ...(runLayer ? [runLayer] : []), this.cli]);
    const verbose = runConfig.verbose;

    if (paths.length === 0) {
      if (!statSync(join(io.cwd, "Dockerfile"), { throwIfNoEntry: false })?.isFile()) {
        io.err(
          "dflint: no Dockerfile in the current directory; give the files or directories to lint " +
            "(or - for standard input). Run 'dflint --help' for usage.\n",
        );
        return 2;
      }
      paths.push("Dockerfile");
    }
    if (args.fix && paths.includes("-")) {
      io.err("dflint: --fix cannot rewrite standard input; use --fix-dry-run to see the changes as a diff\n");
      return 2;
    }

    const { targets, problems } = discover(paths, io.cwd, args.stdinFilename);
    for (const p of problems) this.problem(p.file, p.message);

    // Resolve every file's config before linting anything, so a bad config stops the run before any output.
    const settings: Resolved[] = [];
    try {
      for (const t of targets) {
        const layer = this.layerFor(t.kind === "file" ? dirname(t.path) : t.dir);
        settings.push(this.resolve(layer));
        if (verbose) io.err(`dflint: ${t.display}: config ${layer?.source ?? "(none: defaults)"}\n`);
      }
    } catch (e) {
      return this.configFailure(e);
    }

    // The findings sources (ShellCheck) are set up here once, so that what they have to say is said once;
    // lintChunk takes them from there.
    for (const config of settings) this.withSources(config, verbose);

    const reports: FileReport[] = [];
    const parts: FilePart[] = [];
    const diffs: string[] = [];
    let failed = false;
    let wouldFix = 0;
    let wouldFixUnsafe = 0;
    let moreUnsafe = 0;
    // Files are linted in chunks, in this thread or in worker threads (workers.ts), through lintChunk; the
    // results are taken in input order, so the output does not depend on which thread linted what.
    const keepSuppressed = SHOWS_SUPPRESSIONS.has(runConfig.format);
    let cacheHits = 0;
    let cacheMisses = 0;
    const take = (chunk: ChunkResult) => {
      this.problems.push(...chunk.problems);
      if (chunk.stderr) io.err(chunk.stderr);
      diffs.push(...chunk.diffs);
      cacheHits += chunk.cache?.hits ?? 0;
      cacheMisses += chunk.cache?.misses ?? 0;
      for (const done of chunk.files) {
        if (!done) continue;
        const report = done.result;
        wouldFix += report.wouldFix.length;
        wouldFixUnsafe += report.wouldFix.filter((c) => c.fix.safety === "unsafe").length;
        moreUnsafe += report.moreUnsafe;
        reports.push(report.report);
        if (report.part) parts.push(report.part);
        if (report.fails) failed = true;
      }
    };
    // With threads, each file's part of the report is made where the file is linted (formats/report.ts,
    // PartedFormat): less to send back than every finding, and less left to do once the last file is linted. The
    // corpus (1,468 files, runs of ~0.9-1.3 s), from the last file linted to the report written: tty 45-53 -> 7-9
    // ms, json 26-39 -> 5-6 ms, gnu 21-24 -> 5-6 ms, sarif 100-150 -> 20-31 ms. The work itself is no less: the
    // threads do it while they lint, so a run gains what the end no longer waits for (sarif: median 1036 -> 973 ms,
    // best 960 -> 947, 14 runs). One thread writes the report as it makes it instead (a single large file's JSON
    // is 126 MB).
    const color = this.useColor(runLayer);
    const partsOf =
      !args.fixDryRun && this.threadsFor(targets) > 1 ? { format: runConfig.format, color } : undefined;
    const how: ChunkOptions = { keepSuppressed, verbose, parts: partsOf };
    const plan = this.workerPlan(targets, settings, how);
    if (verbose && plan) io.err(`dflint: ${targets.length} files, ${plan.threads} threads\n`);
    await lintChunks(
      targets.map((target, index) => ({ target, index })),
      (chunk) => this.lintChunk(chunk, settings, how),
      take,
      plan,
    );

    if (verbose && this.cache)
      io.err(`dflint: result cache ${this.cache.dir}: ${cacheHits} hits, ${cacheMisses} misses\n`);
    // The ShellChecks of worker threads keep their own count.
    if (verbose && !plan) {
      for (const [setting, sc] of this.shellChecks)
        if (sc) io.err(`dflint: ShellCheck ${setting}: ${sc.processes} process(es) started\n`);
    }

    const format = runConfig.format;
    // The report goes out as it is made, a chunk at a time (formats/report.ts, Chunks): to the --output file,
    // opened first, or to standard output.
    let fd: number | undefined;
    if (args.output) {
      try {
        fd = openSync(resolve(io.cwd, args.output), "w");
      } catch (e) {
        io.err(`dflint: cannot write the report to '${args.output}' (${errorReason(e)})\n`);
        return 2;
      }
    }
    const target = fd;
    // A failed write to the file is a clear message and status 2; anything else that throws is an internal error.
    let writeFailed: unknown;
    const write =
      target === undefined
        ? (chunk: string) => {
            if (chunk) io.out(chunk);
          }
        : (chunk: string) => {
            try {
              writeAll(target, chunk);
            } catch (e) {
              writeFailed = e;
              throw e;
            }
          };
    try {
      if (args.fixDryRun) {
        for (const diff of diffs) write(diff);
        const unsafe = wouldFixUnsafe > 0 ? `, ${wouldFixUnsafe} of them unsafe,` : "";
        const apply = args.unsafeFixes ? "--fix --unsafe-fixes" : "--fix";
        const more = moreUnsafe > 0 ? `; ${moreUnsafe} more with --unsafe-fixes` : "";
        io.err(
          wouldFix > 0
            ? `dflint: ${wouldFix} fix${wouldFix === 1 ? "" : "es"}${unsafe} in ${diffs.length} file${diffs.length === 1 ? "" : "s"} (run with ${apply} to apply)${more}\n`
            : `dflint: nothing to fix${more}\n`,
        );
      } else {
        if (args.fix && format !== "tty") {
          for (const r of reports) {
            const n = r.fixed.length;
            if (n > 0) io.err(`dflint: ${r.file}: fixed ${n} problem${n === 1 ? "" : "s"}\n`);
          }
        }
        const ctx: FormatContext = {
          color,
          version: version(),
          cwd: io.cwd,
          rules: RULES,
          problems: this.problems,
          write,
        };
        const rest = partsOf ? PARTED[partsOf.format].join(parts, ctx) : FORMATTERS[format](reports, ctx);
        if (typeof rest === "string") write(rest);
        else for (const chunk of rest) write(chunk);
      }
    } catch (e) {
      if (writeFailed === undefined) throw e;
      io.err(`dflint: cannot write the report to '${args.output}' (${errorReason(writeFailed)})\n`);
      return 2;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
    if (this.problems.length > 0) return 1;
    return failed ? 1 : 0;
  }

  /**
   * Lints some of the run's files, in order: the one function the main thread and the worker threads lint with, so
   * whatever is done per file or per batch of files happens the same way in both. What the files write on standard
   * error and the problems they add are handed back, for the caller to emit in input order.
   */
  lintChunk(chunk: readonly IndexedTarget[], settings: readonly Resolved[], how: ChunkOptions): ChunkResult {
    const real = this.io;
    const before = this.problems.length;
    const hits = this.cache?.hits ?? 0;
    const misses = this.cache?.misses ?? 0;
    let stderr = "";
    this.io = {
      ...real,
      err: (text) => {
        stderr += text;
      },
    };
    const diffs: string[] = [];
    const files: ChunkResult["files"] = [];
    try {
      const sourced = chunk.map(({ index }) => this.withSources(settings[index], how.verbose));
      this.prepare(
        chunk.map(({ target }) => target),
        sourced,
      );
      chunk.forEach(({ target, index }, i) => {
        const config = settings[index];
        let context = this.contextFor(target, config);
        if (
          context?.origin === "explicit" &&
          !statSync(context.root, { throwIfNoEntry: false })?.isDirectory()
        ) {
          this.problem(
            target.display,
            `the build context ${context.name} is not a folder; linted without it`,
          );
          context = undefined;
        }
        if (how.verbose && context)
          this.io.err(
            `dflint: ${target.display}: build context ${context.name} (${context.origin === "explicit" ? "given" : "the Dockerfile's folder, only for .dockerignore checks"})\n`,
          );
        const options = context
          ? { ...sourced[i], buildContext: openContext(context, this.contextReads) }
          : sourced[i];
        const linted = this.lintTarget(target, options, diffs, how.keepSuppressed);
        files.push(linted && { index, result: this.linted(linted, config, how) });
      });
    } finally {
      this.io = real;
      // Models of files whose lint was not reached are not kept for a later chunk.
      this.prepared.clear();
    }
    const cache = this.cache && { hits: this.cache.hits - hits, misses: this.cache.misses - misses };
    return { files, diffs, stderr, problems: this.problems.splice(before), cache };
  }

  /** What a file's lint gives its chunk: whether it fails the run, and with `how.parts`, its report's part in place
   * of its findings. */
  private linted(
    { report, verdict, wouldFix, moreUnsafe }: TargetLint,
    config: Resolved,
    how: ChunkOptions,
  ): LintedFile {
    const failing = !config.noFail && fails(verdict, config.failureThreshold);
    if (!how.parts) return { report, fails: failing, wouldFix, moreUnsafe };
    const part = PARTED[how.parts.format].part(report, { color: how.parts.color, rules: RULES });
    return {
      report: { ...report, findings: [], lines: NO_LINES },
      part,
      fails: failing,
      wouldFix,
      moreUnsafe,
    };
  }

  /** When worker threads may lint this run's files, what they need to do it; undefined for this thread alone. */
  private workerPlan(
    targets: readonly Target[],
    settings: readonly Resolved[],
    how: ChunkOptions,
  ): WorkerPlan | undefined {
    const { args, io } = this;
    const threads = this.threadsFor(targets);
    if (!io.workerEntry || threads <= 1) return undefined;
    const job: WorkerJob = {
      args,
      io: { cwd: io.cwd, env: { ...io.env }, home: io.home, stdoutIsTTY: io.stdoutIsTTY, build: io.build },
      settings: [...settings],
      how,
    };
    return { entry: io.workerEntry, threads, job, early: io.earlyWorkers };
  }

  /** How many threads lint these files: one when no worker can start or a file is standard input. */
  private threadsFor(targets: readonly Target[]): number {
    if (!this.io.workerEntry || targets.some((t) => t.kind === "stdin")) return 1;
    return threadCount(this.args.threads, targets.length);
  }

  /** Lints one file (fixing it first with --fix). Returns undefined when the file could not be read or linted. */
  private lintTarget(
    target: Target,
    options: LintOptions,
    diffs: string[],
    keepSuppressed: boolean,
  ): TargetLint | undefined {
    const { args, io } = this;
    const file = args.filePathInReport ?? target.display;
    let input: Decoded;
    try {
      if (target.kind === "stdin") {
        input = decode(io.readStdin());
      } else {
        const read = readFile(target.path);
        if (!read) {
          this.problem(
            target.display,
            `skipped: the file is larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB`,
          );
          return undefined;
        }
        input = read;
      }
    } catch (e) {
      this.problem(target.display, `cannot read file (${errorReason(e)})`);
      return undefined;
    }
    const many = tooManyInstructions(input.text);
    if (many !== undefined) {
      this.problem(
        target.display,
        `skipped: the file has ${many} instructions, more than the ${MAX_INSTRUCTIONS} dflint lints in one file`,
      );
      return undefined;
    }
    try {
      const reported: LintOptions = { ...options, keepSuppressed };
      const ready = this.prepared.get(target);
      this.prepared.delete(target);
      const model = ready?.text === input.text ? ready.model : undefined;
      let { lines, findings } = this.lintText(input.text, reported, model);
      let fixed: Finding[] = [];
      let wouldFix: ChosenFix[] = [];
      const unsafe = args.unsafeFixes === true;
      const live = findings.filter((f) => !f.suppressed);
      const applicable = (f: Finding) => fixability(f) === "safe" || (unsafe && fixability(f) === "unsafe");
      // Findings that only an unsafe fix would fix, for "N more with --unsafe-fixes".
      const moreUnsafe =
        args.fixDryRun && !unsafe ? live.filter((f) => fixability(f) === "unsafe").length : 0;
      if ((args.fix || args.fixDryRun) && live.some(applicable)) {
        if (!input.validUtf8) {
          io.err(`dflint: ${target.display}: not fixed: the file is not valid UTF-8\n`);
        } else {
          const result = fixText(input.text, { ...options, unsafe });
          if (result.text !== input.text) {
            if (args.fixDryRun) {
              diffs.push(
                // The diff's context lines may hold a credential DF215 found: shown as `*`.
                maskOccurrences(
                  createTwoFilesPatch(`a/${file}`, `b/${file}`, input.text, result.text, "", "", {
                    context: 3,
                  }),
                  input.text,
                  secretSpans(findings),
                ),
              );
              wouldFix = result.applied;
              for (const { finding, fix } of result.applied) {
                if (fix.safety === "unsafe")
                  io.err(`dflint: ${file}: unsafe fix ${finding.code} (${fix.title}): ${fix.reason}\n`);
              }
            } else if (target.kind === "file") {
              try {
                writeFileSync(target.path, (input.bom ? "\uFEFF" : "") + result.text);
                fixed = result.applied.map((c) => c.finding);
                ({ lines, findings } = this.lintText(result.text, reported));
              } catch (e) {
                this.problem(target.display, `cannot write the fixes (${errorReason(e)})`);
              }
            }
          }
        }
      }
      const verdict = findings.filter((f) => !f.suppressed);
      // Formats read source lines through `lines` (excerpts, fingerprints): credentials are `*` there.
      const secrets = secretSpans(findings);
      const shown = secrets.length > 0 ? new LineIndex(maskSpans(lines.text, secrets)) : lines;
      return { report: { file, lines: shown, findings, fixed }, verdict, wouldFix, moreUnsafe };
    } catch (e) {
      this.problem(target.display, `internal error: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }

  /**
   * The build context of a file: the one given (--context, the config's `context`, --compose), else the file's
   * folder as a guess that only the .dockerignore checks use. Standard input has a folder only by --stdin-filename.
   */
  private contextFor(target: Target, config: Resolved): ContextSpec | undefined {
    const { io } = this;
    const dockerfile =
      target.kind === "file"
        ? resolve(io.cwd, target.path)
        : this.args.stdinFilename
          ? resolve(io.cwd, this.args.stdinFilename)
          : undefined;
    const root = config.context ?? (dockerfile ? dirname(dockerfile) : undefined);
    if (root === undefined) return undefined;
    let name = this.contextNames.get(root);
    if (name === undefined) {
      name = relative(io.cwd, root) || ".";
      this.contextNames.set(root, name);
    }
    return {
      root,
      origin: config.context ? "explicit" : "default",
      ...(dockerfile ? { dockerfile } : {}),
      name,
    };
  }

  /** The lint options of a config with the findings sources it asks for (ShellCheck, one instance per binary). */
  withSources(config: Resolved, verbose: boolean): LintOptions {
    const setting = config.shellcheck;
    const key = String(setting ?? "auto");
    if (!this.shellChecks.has(key)) {
      const path = findShellCheck(setting, this.io.env);
      const log = (message: string) => this.io.err(`dflint: warning: ${message}\n`);
      this.shellChecks.set(
        key,
        path
          ? new ShellCheck({
              path,
              cache: this.args.cache !== false,
              cacheDir: cacheDir(this.io.env),
              log,
              // Worker threads are one per core already: one ShellCheck process each.
              ...(isMainThread ? {} : { processes: 1 }),
            })
          : undefined,
      );
      // Asked for by name, a missing binary is worth a warning; the default only says so under --verbose.
      if (!path && setting !== false && (setting !== undefined || verbose)) {
        const what =
          typeof setting === "string"
            ? `'${setting}' is not an executable file`
            : "shellcheck is not on PATH";
        this.io.err(
          `dflint: ${setting === undefined ? "" : "warning: "}${what}; RUN scripts are not checked with ShellCheck\n`,
        );
      }
    }
    const sc = this.shellChecks.get(key);
    return sc ? { ...config.lint, sources: [sc] } : config.lint;
  }

  /**
   * Gives every findings source the files at once (one ShellCheck process for all their RUN scripts), keeping the
   * models so that each file is parsed once. Each model is built with its file's options (the build args), and is
   * kept for that file only: two files of the same text may be linted with different args. Files that cannot be
   * read are left to lintTarget to report.
   * Doing this for every file, sources or not, each kind of work for all of a chunk's files in turn (read all,
   * parse all, model all, their RUN scripts, then lint and format each), was tried for the cold code's sake: in one
   * thread in process it took the corpus 835-869 -> 747-787 ms, but the command over the corpus did not move
   * (2026-12-04, 15-40 alternating runs: best 876-919 / median 1,067-1,121 ms file by file against 914-942 /
   * 1,057-1,229 with the phases; CPU time 1.80 / 2.12 s against 1.82 / 2.21), so files are linted one by one.
   */
  private prepare(targets: readonly Target[], options: readonly LintOptions[]): void {
    const groups = new Map<FindingSource, DockerfileModel[]>();
    targets.forEach((target, i) => {
      const sources = options[i].sources ?? [];
      if (target.kind !== "file" || sources.length === 0 || targets.length < 2) return;
      try {
        const text = readFile(target.path)?.text;
        // Too large or too many instructions: lintTarget says so, and nothing is parsed.
        if (text === undefined || tooManyInstructions(text) !== undefined) return;
        const model = modelOf(parse(text), options[i]);
        this.prepared.set(target, { text, model });
        for (const source of sources) {
          const group = groups.get(source);
          if (group) group.push(model);
          else groups.set(source, [model]);
        }
      } catch {
        // Reported when the file is linted.
      }
    });
    for (const [source, models] of groups) source.prepare?.(models);
  }

  /** The findings of a text (with the result cache, when it is on), and its line index. */
  private lintText(
    text: string,
    options: LintOptions,
    model?: DockerfileModel,
  ): { lines: LineIndex; findings: Finding[] } {
    let lines: LineIndex | undefined;
    const run = (o: LintOptions) => {
      const r = model ? { ast: model.ast, findings: lintModel(model, o) } : lint(text, o);
      lines = r.ast.lines;
      return r.findings;
    };
    const findings = this.cache ? this.cache.findings(text, options, run) : run(options);
    return { lines: lines ?? new LineIndex(text), findings };
  }

  private problem(file: string, message: string): void {
    this.problems.push({ file, message });
    this.io.err(`dflint: ${file}: ${message}\n`);
  }

  private configFailure(e: unknown): number {
    if (!(e instanceof ConfigError)) throw e;
    this.io.err(`dflint: ${e.message}\n`);
    return 2;
  }

  /** The config file layer for a directory: --config when given, else the one found for the directory. */
  private layerFor(dir: string): ConfigLayer | undefined {
    if (this.explicit) return this.explicit;
    const path = this.finder.pathFor(dir);
    return path === undefined ? undefined : this.finder.load(path);
  }

  private resolve(layer: ConfigLayer | undefined): Resolved {
    let r = this.resolvedByLayer.get(layer);
    if (!r) {
      const layers = [this.env, ...(layer ? [layer] : []), ...(this.compose ? [this.compose] : []), this.cli];
      for (const l of layers) this.warnUnknownRules(l);
      r = merge(layers);
      this.resolvedByLayer.set(layer, r);
    }
    return r;
  }

  /** A misspelt rule name would silently ignore nothing; say so (once per name and source), but go on. */
  private warnUnknownRules(layer: ConfigLayer): void {
    for (const name of unknownRuleNames(layer)) {
      const key = `${layer.source}\u0000${name}`;
      if (this.warned.has(key)) continue;
      this.warned.add(key);
      this.io.err(`dflint: warning: unknown rule '${name}' in ${layer.source}${ruleNameSuggestion(name)}\n`);
    }
  }

  /** --color/--no-color, then the config's no-color, then NO_COLOR and FORCE_COLOR, then whether stdout is a
   * terminal (and not redirected with --output). */
  private useColor(runLayer: ConfigLayer | undefined): boolean {
    const { args, io } = this;
    if (args.color !== undefined) return args.color;
    if (runLayer?.noColor === true) return false;
    if (runLayer?.noColor === undefined && io.env.NO_COLOR) return false;
    const force = io.env.FORCE_COLOR;
    if (force !== undefined && force !== "" && force !== "0" && force !== "false") return true;
    return io.stdoutIsTTY && !args.output;
  }
}

export function listRules(rules: readonly Rule[]): string {
  const rows = [
    ["CODE", "ALIASES", "SEVERITY", "FIX", "TITLE"],
    ...rules.map((r) => [
      r.code,
      r.aliases.join(", ") || "-",
      r.severity + (r.defaultOff ? " (off)" : ""),
      fixClasses(r),
      r.title,
    ]),
  ];
  const last = rows[0].length - 1;
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  return rows
    .map((row) => `${row.map((cell, c) => (c < last ? cell.padEnd(widths[c]) : cell)).join("  ")}\n`)
    .join("");
}

function explain(name: string, io: Io): number {
  const rules = rulesFor(name);
  if (rules.length === 0 && isShellCheckCode(name)) {
    const code = name.trim().toUpperCase();
    io.out(
      `${code}: a ShellCheck finding in a RUN script\n` +
        "  dflint runs ShellCheck (when it is installed; setting: shellcheck) on the scripts of RUN instructions\n" +
        `  and reports its findings at their place in the Dockerfile. ShellCheck documents ${code} here:\n` +
        `  docs:     ${helpUri(code)}\n`,
    );
    return 0;
  }
  if (rules.length === 0) {
    io.err(`dflint: unknown rule '${name}'${ruleNameSuggestion(name)}; 'dflint --list-rules' lists them\n`);
    return 2;
  }
  io.out(rules.map(explainRule).join("\n"));
  return 0;
}

function explainRule(rule: Rule): string {
  const block = (title: string, body: string) => `${title}\n${indent(wrap(body, 86))}\n`;
  const code = (title: string, body: string) => `${title}\n${indent(body)}\n`;
  return [
    `${rule.code}: ${rule.title}`,
    `  severity: ${rule.severity}${rule.defaultOff ? ` (${howToEnable(rule)})` : ""}`,
    `  aliases:  ${rule.aliases.join(", ") || "(none)"}`,
    `  docs:     ${helpUri(rule.code)}`,
    "",
    block("What it does", rule.docs.what),
    block("Why is this bad?", rule.docs.why),
    code("Example", rule.docs.bad),
    code("Use instead", rule.docs.good),
    ...(rule.fixes?.length ? [block("Fixes", rule.fixes.map(describeFix).join("\n"))] : []),
  ].join("\n");
}

function describeFix(fix: FixKind): string {
  const applied = fix.safety === "safe" ? "applied by --fix" : "applied only with --unsafe-fixes";
  return `${fix.title} (${fix.safety}, ${applied}): ${fix.reason}.`;
}

function indent(s: string): string {
  return s
    .split("\n")
    .map((l) => (l ? `  ${l}` : l))
    .join("\n");
}

function wrap(text: string, width: number): string {
  return text
    .split("\n")
    .map((para) => {
      const lines: string[] = [];
      let line = "";
      for (const word of para.split(/ +/)) {
        if (line && line.length + 1 + word.length > width) {
          lines.push(line);
          line = word;
        } else {
          line = line ? `${line} ${word}` : word;
        }
      }
      lines.push(line);
      return lines.join("\n");
    })
    .join("\n");
}
