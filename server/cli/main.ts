#!/usr/bin/env node
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { isMainThread, workerData } from "node:worker_threads";
import { type CliArgs, helpText, parseArgs, UsageError, usageMessage, version } from "./args.js";
import { linterBuild, loadLinter, saveCodeCache } from "./load.js";

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
  const { runParsed } = await loadLinter(args.cache !== false);
  return runParsed(args, {
    cwd: process.cwd(),
    env: process.env,
    home: homedir(),
    stdoutIsTTY: process.stdout.isTTY === true,
    out: (text) => process.stdout.write(text),
    err: (text) => process.stderr.write(text),
    readStdin: () => readFileSync(0),
    workerEntry: new URL(import.meta.url),
    build: linterBuild(),
  });
}

// No top-level await: built, this file is a CommonJS script (scripts/bundle.mjs), which Node starts without its ESM
// loader.
if (!isMainThread && (workerData as { dflintLintWorker?: boolean } | null)?.dflintLintWorker) {
  // A lint worker of a run over many files (workers.ts): the same linter, fed chunks by the main thread.
  void loadLinter((workerData as { codeCache: boolean }).codeCache).then(({ runWorker }) => runWorker());
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
