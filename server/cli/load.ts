import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Script, constants as vmConstants } from "node:vm";
import { isMainThread } from "node:worker_threads";
import { cacheDir } from "../config/cache.js";
import type * as Run from "./run.js";

/**
 * Set by scripts/bundle.mjs in dist/dflint.cjs: the linter bundle (everything but argument parsing: parser, rules,
 * config, formats), a CommonJS file next to it, and a hash of its text. Undefined when running the tsc output.
 */
declare const __DFLINT_LINTER__: { file: string; hash: string } | undefined;

/** The script loaded by this process, kept to write its code cache when the run is over. */
let loaded: { script: Script; cacheFile: string } | undefined;

/**
 * Loads the linter. Built, it is one CommonJS file compiled with V8's code cache: Node 20 has no compile cache for
 * modules (`module.enableCompileCache()` is Node 22.1+), but `vm.Script` takes and makes V8 code caches, which
 * hold the functions compiled during a run too, so the next run neither parses the 1.2 MB bundle nor compiles the
 * functions a lint needs. The cache lives in `cacheDir()/code`, one file per bundle hash, Node version and
 * architecture; V8 rejects a cache that does not fit (then it is rewritten), a missing or unwritable folder means
 * no cache, and `codeCache: false` (`--no-cache`) neither reads nor writes it.
 * Measured on this 2-core machine under heavy load (load average 9-13; best of 20, alternating; wall / CPU time):
 * `node -e 0` 77 / 52 ms; `dflint --version` 95 / 82 ms before the split, 81 / 63 ms now; a 3-line file 177 / 139
 * ms as one ESM bundle, 147 / 110 ms now (the code cache alone took ~40 ms of CPU off; the lexer hint and no ICU
 * collator ~20 ms more). What is left over `node -e 0`: deserializing the cache (~20 ms), the bundle's top level
 * (~25 ms, of which yaml ~7 ms and built-in modules ~10 ms), GC and the lint itself.
 * Then (2026-12-02, load average ~5; 30 runs alternating, examples/Dockerfile; wall best / median, CPU best /
 * median): 119 / 201 and 109 / 125 ms before, 99 / 159 and 88 / 101 ms after; `node -e 0` 65 / 79 and 54 / 58 ms.
 * What paid, timed inside the process (best of 20): the file-level grammar as a loop instead of a Chevrotain parser
 * (the lint of the small file 15 -> 10 ms: the parser's self-analysis); the bundle without Chevrotain's parser
 * modules and with yaml and child_process loaded on first use (top level 19 -> 13.5 ms, the code cache 0.99 -> 0.82 MB);
 * the lexer hint's table built in ~260 steps (top level 13.5 -> 11 ms). Tried and dropped: a larger young
 * generation (`--min-semi-space-size=16` makes the run GC-free but was no faster, and a V8 flag that differs
 * makes V8 reject the code cache, which is then rewritten). Left: building Chevrotain's lexer (~5 ms, mostly its
 * 65,536-entry char-code table), the rules' and model's first, unoptimised run, and deserializing the cache.
 * Then (2026-12-02 21:40; 23 runs each, alternating; `node -e 0` best 66 ms): the command a CommonJS script (Node
 * starts it without its ESM loader), node:crypto loaded on first use (~2.4 ms) and Chevrotain's table computed, not
 * filled (~5 ms in the interpreter; scripts/bundle.mjs): one small file best / first quartile / median 110 / 130 /
 * 141 -> 88 / 112 / 120 ms, `--version` 74 / 92 / 100 -> 72 / 89 / 96 ms.
 * The cache holds what the run that wrote it compiled, and V8 reads all of it at the start: the one a small file's
 * run writes is 0.83 MB, a corpus run's 1.04 MB. Each costs the other kind of run (2026-12-03, alternating): one small
 * file with the corpus's cache best / p25 / median 80.6 / 82.9 / 84.9 -> 86.0 / 88.9 / 90.8 ms (30 runs); the corpus
 * with the small file's cache best / median 807 / 828 -> 825 / 867 ms (12 runs). So a run whose command line names
 * many files (`many`: MIN_FILES or more, for which main.ts starts the workers first) reads and writes a cache of its
 * own, which those workers read too.
 */
export async function loadLinter(codeCache: boolean, many = false): Promise<typeof Run> {
  if (isMainThread) tuneJit();
  if (typeof __DFLINT_LINTER__ === "undefined") return import("./run.js");
  const file = new URL(__DFLINT_LINTER__.file, import.meta.url);
  const path = fileURLToPath(file);
  const cacheFile = join(
    cacheDir(),
    "code",
    `linter-${__DFLINT_LINTER__.hash}-${process.version}-${process.arch}${many ? "-many" : ""}.bin`,
  );
  let cachedData: Buffer | undefined;
  if (codeCache) {
    try {
      cachedData = readFileSync(cacheFile);
    } catch {
      // No cache yet, or none we can read.
    }
  }
  // The bundle is ASCII (scripts/bundle.mjs checks): read as latin1 it needs no UTF-8 decoding, ~1.3 of ~3.7 ms.
  const source = readFileSync(path, "latin1");
  const script = new Script(
    `(function (exports, require, module, __filename, __dirname, __dflintUrl) {"use strict";${source}\n})`,
    { filename: path, cachedData, importModuleDynamically: vmConstants.USE_MAIN_CONTEXT_DEFAULT_LOADER },
  );
  if (codeCache && (cachedData === undefined || script.cachedDataRejected)) loaded = { script, cacheFile };
  const require = createRequire(path);
  // module.require as Node's modules have it: lodash (in Chevrotain) asks it for `util` and would otherwise call
  // the deprecated process.binding.
  const module = { exports: {} as typeof Run, require };
  const init = script.runInThisContext() as (...args: unknown[]) => void;
  init(module.exports, require, module, path, dirname(path), file.href);
  return module.exports;
}

/**
 * How much a function runs before V8 optimises it, for a command: 16 times V8's default interrupt budget (67,584
 * bytes of bytecode). A command's run is short and its code is cold: over the corpus (1,468 files) almost all of
 * the lint runs in the interpreter and the baseline compiler whatever happens, and TurboFan's work (about 1,000
 * functions compiled in the background, ~1.7 s of CPU beside 2.2 s of lint) mostly arrives too late to pay. It does
 * take the second core, which is why a second lint thread used to lose on 2 cores. With the budget raised, only
 * what really is hot gets optimised, and the second core can lint. Measured on this 2-core machine
 * (2026-12-02, `--format json --no-shellcheck` over the corpus, 4 alternating runs each, best / median wall):
 * default budget, one thread 2,149 / 2,607 ms; 16x, one thread 1,958 / 2,494; 16x, two threads 1,536 / 1,770;
 * 64x, two threads 1,483 / 1,533; no TurboFan at all (`--no-opt`), two threads 1,461 / 1,543. One big file needs
 * TurboFan in the end: the generated 10 MB file took 9.6-12.2 s with the default, the same with 16x, 10.9-13.7 s
 * with 64x, so 16x it is. The 10k-line file: 0.35-0.53 s default, 0.39-0.41 s with 16x.
 * Measured again on a quiet hour (2026-12-04, the corpus, 6-8 alternating runs each, best / median ms): 16x 704-737 /
 * 719-747; 4x 909 / 922; 8x 792 / 813; 32x 713 / 734; the default budget with TurboFan held back instead
 * (`--ticks-before-optimization` 24, 48, 96) 960, 913, 861 best; no TurboFan (`--max-opt=1`) 711 with the default
 * budget, 704 with 16x; the interpreter alone (`--max-opt=0`) 914; `--always-sparkplug` 753;
 * `--no-lazy-feedback-allocation` 791; `--budget-for-feedback-vector-allocation=0` 723. So the baseline compiler
 * is worth ~25% here, TurboFan nothing, and no flag moves the command further: what is left is the amount of code
 * run cold (the RUN scripts' parse is ~15% of the run, the rules on their commands ~12%: 737 -> 647 -> 538 ms with
 * the parse's result dropped, then the parse itself skipped).
 * V8 reads the flag as it runs, and the code cache's flag hash follows it, so it is set before the bundle is
 * compiled, the same in every thread (flags are per process). Only the command does this: the language server
 * lives long and wants the default.
 */
const INTERRUPT_BUDGET = 16 * 67_584;

let tuned = false;

/** Sets the flag, once, in the main thread before any lint worker is started: a worker finds it set (flags are per
 * process) and does not write it again while other threads run. */
export function tuneJit(): void {
  if (tuned) return;
  tuned = true;
  setFlagsFromString(`--interrupt-budget=${INTERRUPT_BUDGET}`);
}

/** Names the linter's code when it is the bundle (its hash), for the result cache's key; "" otherwise. */
export function linterBuild(): string {
  return typeof __DFLINT_LINTER__ === "undefined" ? "" : __DFLINT_LINTER__.hash;
}

/** Writes the code cache of the linter loaded by this process, if it had none; a failure only means no cache. */
export function saveCodeCache(): void {
  if (!loaded) return;
  const { script, cacheFile } = loaded;
  loaded = undefined;
  try {
    mkdirSync(dirname(cacheFile), { recursive: true });
    const tmp = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(tmp, script.createCachedData());
    renameSync(tmp, cacheFile);
    pruneCodeCaches(dirname(cacheFile));
  } catch {
    // An unwritable cache folder is no cache.
  }
}

/** How many code caches (two per build, Node version and architecture: one for runs over many files) are kept: a
 * few installs side by side. */
const KEPT_CODE_CACHES = 6;

/** Removes all but the {@link KEPT_CODE_CACHES} most recently written code caches, so upgrades do not pile up. */
function pruneCodeCaches(folder: string): void {
  const caches = readdirSync(folder)
    .filter((name) => /^linter-.*\.bin$/.test(name))
    .map((name) => ({ path: join(folder, name), written: statSync(join(folder, name)).mtimeMs }))
    .sort((a, b) => b.written - a.written);
  for (const old of caches.slice(KEPT_CODE_CACHES)) rmSync(old.path, { force: true });
}
