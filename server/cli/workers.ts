import { MessageChannel, type MessagePort, parentPort, receiveMessageOnPort } from "node:worker_threads";
import { LineIndex } from "../../grammar/text.js";
import type { Resolved } from "../config/config.js";
import type { ChosenFix } from "../lint/index.js";
import type { CliArgs, FormatName } from "./args.js";
import type { Target } from "./discover.js";
import type { FilePart, FileProblem, FileReport } from "./formats/index.js";
import { type StartedWorker, startWorker } from "./threads.js";

/**
 * Worker threads for runs over many files. The main thread and the workers take chunks of the file list from one
 * shared counter, so a slow file or a late worker never leaves the others idle; every thread lints a chunk with the
 * same function (`Linter.lintChunk` in run.ts), and the main thread takes the results in input order, so the
 * report, the messages, the fixes and the exit status are the same as with one thread (test/cli/threads.test.ts
 * compares the bytes). A worker that cannot start or dies leaves its chunks to the main thread.
 *
 * A worker costs its start-up (loading the linter, ~60 ms here with the code cache) and a cold JIT, so workers are
 * used only from MIN_FILES files on, and one per MIN_FILES files at most; by default one thread per core. With
 * V8's default tiering a one-thread run kept two cores busy (its optimising compiler and garbage collector beside
 * it), and a second thread lost on this 2-core machine; the command now optimises less eagerly (load.ts, tuneJit),
 * and two threads take the corpus (1,468 files, `--no-shellcheck`) from 1,958 / 2,494 ms (best / median of 4,
 * one thread) to 1,536 / 1,770 ms.
 * A worker learns its job from a message, so that it can be started before the job is known: when the command line
 * names many files, main.ts starts the workers first thing, and they load the linter while the main thread loads
 * its own and finds the files and their configs (main.ts, startEarly).
 */
/** Most files in one chunk: small enough to balance, large enough that per-batch work (a ShellCheck process) and
 * messages stay few. */
const MAX_CHUNK = 64;

export interface IndexedTarget {
  target: Target;
  /** Position in the run's file list. */
  index: number;
}

/** What linting one file gives (run.ts's lintChunk). */
export interface LintedFile {
  /** With `part`, its findings are left out (and its lines are empty): the part is what the report shows of them. */
  report: FileReport;
  /** The file's report part, when the run's format is made a file at a time (ChunkOptions.parts). */
  part?: FilePart;
  /** Whether a finding not silenced is at or above the file's failure threshold (and the file may fail the run). */
  fails: boolean;
  wouldFix: ChosenFix[];
  moreUnsafe: number;
}

/** What linting a chunk gives: its files in order (undefined for a file that could not be linted), the diffs of
 * --fix-dry-run, what it wrote on standard error and the problems it found. */
export interface ChunkResult {
  files: ({ index: number; result: LintedFile } | undefined)[];
  diffs: string[];
  stderr: string;
  problems: FileProblem[];
  /** Result cache hits and misses in the chunk, when the cache is on. */
  cache?: { hits: number; misses: number };
}

/** Everything a worker needs to lint like the main thread: plain data, copied to each worker once. */
export interface WorkerJob {
  args: CliArgs;
  io: {
    cwd: string;
    env: Record<string, string | undefined>;
    home: string;
    stdoutIsTTY: boolean;
    build?: string;
  };
  /** The resolved configuration of every file of the run, by index. */
  settings: Resolved[];
  how: ChunkOptions;
}

/** How the run lints every chunk. */
export interface ChunkOptions {
  keepSuppressed: boolean;
  verbose: boolean;
  /** The format whose part each file's lint makes (formats/index.ts, PARTED), and whether in color: set when
   * threads lint the run. */
  parts?: { format: FormatName; color: boolean };
}

export interface WorkerPlan {
  entry: URL;
  /** Threads in all, the main thread included. */
  threads: number;
  job: WorkerJob;
  /** Workers started before the run knew its files (main.ts); lintChunks takes those it needs out of the list. */
  early?: StartedWorker[];
}

/** Fewest files in a chunk towards the end of a run (each chunk is a batch of ShellCheck's, a process when its
 * scripts are not in the cache). */
const MIN_CHUNK = 16;

/**
 * The chunks: a quarter of each thread's share of the files, at most MAX_CHUNK, and smaller towards the end (a
 * quarter of each thread's share of what is left, down to MIN_CHUNK), as guided scheduling does, so that the threads
 * finish close together. With one size of chunk, one thread was often still linting its last chunk of 64 files while
 * the other waited: over the corpus (1,468 files, 2 threads, --cpu-prof) the two ended 28-37 ms apart in three runs,
 * 4-17 ms apart in four runs with these chunks (34 of them instead of 23).
 */
function chunksOf<T>(items: readonly T[], threads: number): T[][] {
  const first = Math.max(1, Math.min(MAX_CHUNK, Math.ceil(items.length / (threads * 4))));
  const least = Math.min(MIN_CHUNK, first);
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; ) {
    const size = Math.max(least, Math.min(first, Math.ceil((items.length - i) / (threads * 4))));
    chunks.push(items.slice(i, i + size));
    i += size;
  }
  return chunks;
}

/** A worker's job, sent to it once it runs. */
interface WorkerJobMessage {
  job: WorkerJob;
  chunks: IndexedTarget[][];
  /** Int32Array over a SharedArrayBuffer: the next chunk to take. */
  next: Int32Array;
  /** Where the worker sends its chunks' results. */
  results: MessagePort;
}

/** A chunk's result, from a worker. */
interface ChunkMessage {
  chunk: number;
  result: ChunkResult;
}

/**
 * Lints `items` chunk by chunk with `lint` and hands each chunk's result to `take`, in order. With a plan, worker
 * threads lint chunks too; without one (or when no worker can be started) this thread lints them all.
 */
export async function lintChunks(
  items: readonly IndexedTarget[],
  lint: (chunk: IndexedTarget[]) => ChunkResult,
  take: (result: ChunkResult) => void,
  plan: WorkerPlan | undefined,
): Promise<void> {
  if (!plan) {
    // One chunk: one batch for whatever the sources do per batch (one ShellCheck process for the run).
    take(lint([...items]));
    return;
  }
  const chunks = chunksOf(items, plan.threads);
  const results: (ChunkResult | undefined)[] = new Array(chunks.length);
  let taken = 0;
  const flush = () => {
    while (taken < chunks.length && results[taken]) {
      take(results[taken] as ChunkResult);
      results[taken] = undefined;
      taken++;
    }
  };
  // Every chunk's result, whichever thread made it, counts towards the end of the lint.
  let done = 0;
  let allDone: (() => void) | undefined;
  const finished = (c: number, result: ChunkResult) => {
    results[c] = result;
    if (++done === chunks.length) allDone?.();
  };
  const next = new Int32Array(new SharedArrayBuffer(4));
  const running: Promise<void>[] = [];
  // Each worker sends its results through a port of its own, which this thread also reads between its own chunks
  // (receiveMessageOnPort): through the worker's own channel they were only read when this thread was done with
  // its chunks, and taking them all then (copying them in, their line indexes) was ~30 ms of a corpus run's end.
  const ports: MessagePort[] = [];
  const receive = (m: ChunkMessage) => finished(m.chunk, revive(m.result));
  const drain = () => {
    for (let k = 0; k < ports.length; k++)
      for (let m = receiveMessageOnPort(ports[k]); m; m = receiveMessageOnPort(ports[k]))
        receive(m.message as ChunkMessage);
  };
  const early = plan.early ?? [];
  for (let i = 1; i < plan.threads; i++) {
    const started = early.shift() ?? startWorker(plan.entry, plan.job.args.cache !== false);
    if (!started) break; // No thread can start: lint here.
    const { worker, exited } = started;
    const channel = new MessageChannel();
    const message: WorkerJobMessage = { job: plan.job, chunks, next, results: channel.port2 };
    try {
      worker.postMessage(message, [channel.port2]);
    } catch {
      // Something in the job cannot be copied to a thread: lint here.
      channel.port1.close();
      void worker.terminate();
      break;
    }
    channel.port1.on("message", receive);
    ports.push(channel.port1);
    running.push(exited);
  }
  for (let c = Atomics.add(next, 0, 1); c < chunks.length; c = Atomics.add(next, 0, 1)) {
    finished(c, lint(chunks[c]));
    drain();
    flush();
  }
  // The report can be made once every chunk is linted, while the workers are still ending (a thread's end took
  // ~10-15 ms of a corpus run, spent waiting before); or once every worker has ended, some of them early.
  const complete = new Promise<void>((resolve) => {
    allDone = resolve;
    if (done === chunks.length) resolve();
  });
  await Promise.race([complete, Promise.all(running)]);
  // A worker's last results may still wait in its port after it ended.
  drain();
  for (const port of ports) port.close();
  // Chunks a worker took but never finished (it died) are linted here.
  for (let c = taken; c < chunks.length; c++) if (!results[c]) results[c] = lint(chunks[c]);
  flush();
}

/** A report's line index crosses threads as its text; the formats need the object back. */
function pack(result: ChunkResult): ChunkResult {
  for (const f of result.files)
    if (f) f.result.report.lines = { text: f.result.report.lines.text } as LineIndex;
  return result;
}

function revive(result: ChunkResult): ChunkResult {
  for (const f of result.files) if (f) f.result.report.lines = new LineIndex(f.result.report.lines.text);
  return result;
}

/** The worker side: wait for the job, then take chunks until there are none left, lint each with `lint`, send each
 * result back. The thread ends when the loop does (the port has no listener left). */
export function workerLoop(lint: (job: WorkerJob, chunk: IndexedTarget[]) => ChunkResult): void {
  parentPort?.once("message", ({ job, chunks, next, results }: WorkerJobMessage) => {
    for (let c = Atomics.add(next, 0, 1); c < chunks.length; c = Atomics.add(next, 0, 1)) {
      const message: ChunkMessage = { chunk: c, result: pack(lint(job, chunks[c])) };
      results.postMessage(message);
    }
  });
}
