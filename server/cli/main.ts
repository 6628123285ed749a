#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { isMainThread, workerData } from "node:worker_threads";
import { type CliArgs, helpText, parseArgs, UsageError, usageMessage, version } from "./args.js";
import { linterBuild, loadLinter, saveCodeCache, tuneJit } from "./load.js";
import { MIN_FILES, type StartedWorker, startWorker, threadCount, type WorkerStart } from "./threads.js";

// A reader that goes away (`dflint ... | head`) is not an error worth a stack trace.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (e: NodeJS.ErrnoException) => {
    if (e.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw e;
  });
}

async function main(argv: readonly string[]): Promise<number> {
  let args: CliArgs;
  try {
    args = parseArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(usageMessage(e));
    return 2;
  }
  // Help and version answer before the parser and rules are loaded, which takes most of the start-up time.
  if (args.action === "help") {
    process.stdout.write(helpText());
    return 0;
  }
  if (args.action === "version") {
    process.stdout.write(`dflint ${version()}\n`);
    return 0;
  }
  const early = startEarly(args);
  try {
    const { runParsed } = await loadLinter(args.cache !== false, namesMany(args));
    return await runParsed(args, {
      cwd: process.cwd(),
      env: process.env,
      home: homedir(),
      stdoutIsTTY: process.stdout.isTTY === true,
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
      readStdin: () => readFileSync(0),
      workerEntry: new URL(import.meta.url),
      build: linterBuild(),
      earlyWorkers: early,
    });
  } finally {
    // The run took the workers it needed out of the list.
    for (const w of early) void w.worker.terminate();
  }
}

/**
 * Starts the lint workers of a run whose command line alone names many files, before this thread loads the linter:
 * they load theirs meanwhile, and the run gives them their job once it has found the files and their configs
 * (workers.ts). A run over directories learns its files later and starts its workers then. Over the corpus (1,468
 * files on the command line, 2 threads) the worker's first chunk started 75-120 ms after the main thread's first
 * chunk before, 20-35 ms after it now (timestamps in both threads, 4 runs each).
 */
function startEarly(args: CliArgs): StartedWorker[] {
  if (!namesMany(args)) return [];
  const paths = args.paths;
  const workers = threadCount(args.threads, paths.length) - 1;
  if (workers < 1) return [];
  tuneJit();
  const entry = new URL(import.meta.url);
  const started: StartedWorker[] = [];
  for (let i = 0; i < workers; i++) {
    const w = startWorker(entry, args.cache !== false, true);
    if (w) started.push(w);
  }
  return started;
}

/** Whether the command line alone names many files (a run over folders learns its files later). */
function namesMany(args: CliArgs): boolean {
  return args.paths.length >= MIN_FILES && !args.paths.includes("-");
}

// No top-level await: built, this file is a CommonJS script (scripts/bundle.mjs), which Node starts without its ESM
// loader.
if (!isMainThread && (workerData as { dflintLintWorker?: boolean } | null)?.dflintLintWorker) {
  // A lint worker of a run over many files (workers.ts): the same linter, fed chunks by the main thread.
  const start = workerData as WorkerStart;
  void loadLinter(start.codeCache, start.many).then(({ runWorker }) => runWorker());
} else {
  main(process.argv.slice(2)).then(
    (status) => {
      process.exitCode = status;
      saveCodeCache();
    },
    (e: unknown) => {
      process.stderr.write(
        `dflint: internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
      );
      process.exitCode = 2;
    },
  );
}
