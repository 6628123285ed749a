import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";

/**
 * Starting lint worker threads, shared by the command's entry (main.ts, which starts them before the linter is even
 * loaded when the command line alone shows a run over many files) and workers.ts (which starts the rest).
 * Workers are used only from MIN_FILES files on, and one per MIN_FILES files at most; by default one thread per
 * core (the numbers are in workers.ts).
 */
export const MIN_FILES = 48;

/** How many threads lint `files` files: `--threads N` as given (for two files or more), else one per core from
 * MIN_FILES files on. */
export function threadCount(requested: number | undefined, files: number): number {
  if (files < 2) return 1;
  if (requested !== undefined) return Math.max(1, Math.min(requested, files));
  if (files < MIN_FILES) return 1;
  return Math.max(1, Math.min(availableParallelism(), Math.ceil(files / MIN_FILES)));
}

/** What a lint worker starts with; main.ts knows a lint worker by `dflintLintWorker`. Its job comes as a message. */
export interface WorkerStart {
  dflintLintWorker: true;
  codeCache: boolean;
  /** Whether to load the linter with the code cache of runs over many files (load.ts), as the main thread does. */
  many: boolean;
}

/** A worker thread that was started, and when it is gone (whenever it ended: the promise is made at its start). */
export interface StartedWorker {
  worker: Worker;
  exited: Promise<void>;
}

/** Starts a lint worker from `entry` (the command's own file); undefined when no thread can start. `many`: see
 * WorkerStart (main.ts starts the workers of a command line that names many files; workers.ts the others). */
export function startWorker(entry: URL, codeCache: boolean, many = false): StartedWorker | undefined {
  const start: WorkerStart = { dflintLintWorker: true, codeCache, many };
  let worker: Worker;
  try {
    worker = new Worker(entry, { workerData: start });
  } catch {
    return undefined;
  }
  // A worker that fails or dies leaves its chunks to the main thread (workers.ts); its error is not the run's.
  worker.on("error", () => {});
  const exited = new Promise<void>((done) => worker.once("exit", () => done()));
  return { worker, exited };
}
