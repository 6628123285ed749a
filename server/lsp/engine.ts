import { parentPort, Worker } from "node:worker_threads";
import { type ContextSpec, openContext } from "../config/buildContext.js";
import { fixText, type LintOptions, lint } from "../lint/index.js";
import { findShellCheck, ShellCheck, type ShellCheckSetting } from "../lint/shellcheck.js";
import type { Finding } from "../rules/types.js";

/**
 * Lint options that cross a thread boundary: everything but the rule list, which each thread has; the build context,
 * which crosses as where it is and is opened (read from the file system) by the thread that lints; and the findings
 * sources, which each thread makes from the `shellcheck` setting.
 */
export type PlainLintOptions = Omit<LintOptions, "rules" | "buildContext" | "sources"> & {
  context?: ContextSpec;
  shellcheck?: ShellCheckSetting;
};

/** Thrown for a job whose document changed before the job started: nobody wants its answer any more. */
export class Superseded extends Error {
  constructor() {
    super("superseded by a newer version of the document");
  }
}

/** Runs lints and fix-all. One job at a time; a queued job whose `stale()` turns true is dropped unstarted. */
export interface LintEngine {
  lint(text: string, options: PlainLintOptions, stale: () => boolean): Promise<Finding[]>;
  /** Safe fixes applied until stable (server/lint/fix.ts); resolves to the fixed text. */
  fixAll(text: string, options: PlainLintOptions, stale: () => boolean): Promise<string>;
  /** Gets ready for the first job (starts the worker) while the client is still setting up. */
  warm(): void;
  dispose(): void;
}

type Job =
  | { kind: "lint"; text: string; options: PlainLintOptions }
  | { kind: "fix"; text: string; options: PlainLintOptions };

function runJob(job: Job): Finding[] | string {
  const { context, shellcheck, ...plain } = job.options;
  const options: LintOptions = context ? { ...plain, buildContext: openContext(context) } : plain;
  const sc = shellCheckFor(shellcheck);
  if (sc) options.sources = [sc];
  return job.kind === "lint" ? lint(job.text, options).findings : fixText(job.text, options).text;
}

/** This thread's ShellCheck per setting; its memory of results serves every later version of a document. */
const shellChecks = new Map<string, ShellCheck | undefined>();

function shellCheckFor(setting: ShellCheckSetting | undefined): ShellCheck | undefined {
  const key = String(setting ?? "auto");
  if (!shellChecks.has(key)) {
    const path = findShellCheck(setting);
    // The server's standard error is the editor's log for it.
    const log = (message: string) => console.error(`dflint: ${message}`);
    if (!path && setting !== undefined && setting !== false)
      log(`ShellCheck ${setting === true ? "is not on PATH" : `'${setting}' is not an executable file`}`);
    shellChecks.set(key, path ? new ShellCheck({ path, log }) : undefined);
  }
  return shellChecks.get(key);
}

interface Queued {
  job: Job;
  stale: () => boolean;
  resolve: (v: Finding[] | string) => void;
  reject: (e: unknown) => void;
}

abstract class QueueEngine implements LintEngine {
  private readonly queue: Queued[] = [];
  protected busy: (Queued & { started: number }) | undefined;

  lint(text: string, options: PlainLintOptions, stale: () => boolean): Promise<Finding[]> {
    return this.enqueue({ kind: "lint", text, options }, stale) as Promise<Finding[]>;
  }

  fixAll(text: string, options: PlainLintOptions, stale: () => boolean): Promise<string> {
    return this.enqueue({ kind: "fix", text, options }, stale) as Promise<string>;
  }

  private enqueue(job: Job, stale: () => boolean): Promise<Finding[] | string> {
    return new Promise((resolve, reject) => {
      this.queue.push({ job, stale, resolve, reject });
      this.onEnqueue();
      this.pump();
    });
  }

  protected pump(): void {
    while (!this.busy && this.queue.length > 0) {
      const next = this.queue.shift()!;
      if (next.stale()) {
        next.reject(new Superseded());
        continue;
      }
      this.busy = { ...next, started: Date.now() };
      this.start(next.job);
    }
  }

  protected finish(result: { value: Finding[] | string } | { error: unknown }): void {
    const done = this.busy;
    this.busy = undefined;
    if (done) {
      if ("value" in result) done.resolve(result.value);
      else done.reject(result.error);
    }
    this.pump();
  }

  protected onEnqueue(): void {}
  warm(): void {}
  protected abstract start(job: Job): void;
  abstract dispose(): void;
}

/** Lints on the server's own thread, one job per macrotask. For tests and for hosts without worker threads. */
export class InThreadEngine extends QueueEngine {
  protected start(job: Job): void {
    setImmediate(() => {
      try {
        this.finish({ value: runJob(job) });
      } catch (e) {
        this.finish({ error: e });
      }
    });
  }

  dispose(): void {}
}

/**
 * Lints in a worker thread so that a long lint (hundreds of ms on a 10k-line file) never holds up hovers,
 * completions or the reading of further edits. A worker stuck on a job nobody wants any more is replaced.
 */
export class WorkerEngine extends QueueEngine {
  private worker: Worker | undefined;
  private disposed = false;
  private watchdog: NodeJS.Timeout | undefined;

  /** `script` is a module that calls `runLintWorker()` when loaded in a worker thread (server/lsp/main.ts does). */
  constructor(
    private readonly script: string | URL,
    private readonly abandonAfterMs = 1000,
  ) {
    super();
  }

  private spawn(): Worker {
    // The young generation V8 gives a main thread (48 MB: 16 MB semi-spaces). A lint of the 10k-line file allocates
    // ~23 MB, nearly all of it garbage by the next edit; with small semi-spaces each of many scavenges copies the
    // half-built tree and facts (in process: 2-3 MB semi-spaces, 6.6-13 scavenges and 14-19 ms of GC a lint; 16 MB,
    // 1.6 and 11-12 ms). bench:lsp, 10k-line file, p50 of the edits after the first twenty (5 runs each,
    // alternating): 66-99 ms at 8 MB, 62-71 ms at 48 (24 MB was no better than 8); the first twenty, the JIT's
    // warm-up, 104-117 -> 95-106 ms; RSS after 200 documents 214-228 -> 230-238 MB. Larger was measured and not
    // taken (2026-12-03, worker alone, 40 versions of the 10k-line file, --trace-gc): scavenges per lint 13.4 ms at
    // 48 MB, 7.4 at 96, 6.2 at 192; the LSP's settled p50 (4 runs each, alternating, a noisy hour) medians ~75 ms at
    // 48, ~70 at 64 and 96, for RSS after 200 documents 230 -> 237-270 MB (64) and 237-250 MB (96).
    const w = new Worker(this.script, { argv: [], resourceLimits: { maxYoungGenerationSizeMb: 48 } });
    w.unref();
    w.on("message", (m: { value?: Finding[] | string; error?: string }) => {
      if (w !== this.worker) return;
      this.finish(m.error !== undefined ? { error: new Error(m.error) } : { value: m.value! });
    });
    const died = (reason: string) => {
      if (w !== this.worker) return;
      this.worker = undefined;
      this.finish({ error: new Error(`lint worker ${reason}`) });
    };
    w.on("error", (e) => died(`failed: ${e.message}`));
    w.on("exit", (code) => died(`exited with code ${code}`));
    return w;
  }

  protected start(job: Job): void {
    if (this.disposed) {
      this.finish({ error: new Error("server is shutting down") });
      return;
    }
    this.worker ??= this.spawn();
    this.worker.postMessage(job);
    const busy = this.busy;
    clearTimeout(this.watchdog);
    // Restarting the worker costs a few hundred ms, so only a job that is both unwanted and long is abandoned.
    this.watchdog = setTimeout(() => {
      if (this.busy === busy) this.abandonIfStale();
    }, this.abandonAfterMs);
    this.watchdog.unref();
  }

  protected override onEnqueue(): void {
    this.abandonIfStale();
  }

  override warm(): void {
    if (!this.disposed) this.worker ??= this.spawn();
  }

  private abandonIfStale(): void {
    const busy = this.busy;
    if (busy && this.worker && busy.stale() && Date.now() - busy.started >= this.abandonAfterMs) {
      const w = this.worker;
      this.worker = undefined;
      void w.terminate();
      this.finish({ error: new Superseded() });
    } else if (busy && this.busy === busy) {
      clearTimeout(this.watchdog);
      this.watchdog = setTimeout(() => {
        if (this.busy === busy) this.abandonIfStale();
      }, 250);
      this.watchdog.unref();
    }
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.watchdog);
    void this.worker?.terminate();
    this.worker = undefined;
  }
}

/** The worker thread's side of WorkerEngine. */
export function runLintWorker(): void {
  const port = parentPort;
  if (!port) return;
  // One small lint compiles the rules before the first real document arrives.
  lint("FROM scratch\nRUN true\n");
  port.on("message", (job: Job) => {
    try {
      port.postMessage({ value: runJob(job) });
    } catch (e) {
      port.postMessage({ error: e instanceof Error ? e.message : String(e) });
    }
  });
}
