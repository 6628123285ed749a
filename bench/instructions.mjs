// Instructions a build executes to lint the corpus (every rule on) a few times in a fresh process, counted by
// valgrind's cachegrind: an A/B measure that the machine's drift does not move. Here wall times drift by up to 1.7x
// within an hour, and even builds alternating in one process differ by 5-10% from round to round; this count repeats
// to within ~0.2% (`node --single-threaded`: no background compiler or GC threads). It mostly weighs cold and
// warming code, which is what the command runs; check a change to warm code with an interleaved timing as well.
//
//   node bench/instructions.mjs [ROUNDS] [BUILD...]
//
// Each BUILD is a checkout whose dist/ is built (`npx tsc -p tsconfig.build.json`; git worktrees serve for other
// commits); default: this one. Two builds are counted at once (one per core). Needs valgrind (Debian's `valgrind`)
// and ../shared/corpus; the counts are not part of the tests.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);

if (process.env.DFLINT_COUNT_ROOT) {
  // The child: lint the corpus ROUNDS times with the build in DFLINT_COUNT_ROOT.
  const root = process.env.DFLINT_COUNT_ROOT;
  const { lint } = await import(`${root}/dist/server/lint/index.js`);
  const { RULES } = await import(`${root}/dist/server/rules/index.js`);
  const real = new URL("../../shared/corpus/real/", import.meta.url);
  const texts = readFileSync(new URL("MANIFEST.tsv", real), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((line) => readFileSync(new URL(line.split("\t")[0], real), "utf8"));
  const every = { only: RULES.map((r) => r.code) };
  const rounds = Number(process.env.DFLINT_COUNT_ROUNDS);
  for (let i = 0; i < rounds; i++) for (const t of texts) lint(t, every);
} else {
  const args = process.argv.slice(2);
  const rounds = /^\d+$/.test(args[0] ?? "") ? Number(args.shift()) : 3;
  const builds = (args.length > 0 ? args : [fileURLToPath(new URL("..", import.meta.url))]).map((b) =>
    resolve(b),
  );
  if (!existsSync(fileURLToPath(new URL("../../shared/corpus/real/MANIFEST.tsv", import.meta.url)))) {
    console.log("instructions: ../shared/corpus is absent; nothing to count.");
    process.exit(0);
  }
  if (spawnSync("valgrind", ["--version"]).status !== 0) {
    console.log("instructions: valgrind is not on PATH (apt-get install valgrind)");
    process.exit(1);
  }
  const count = (build) =>
    new Promise((done) => {
      const child = spawn(
        "valgrind",
        [
          "--tool=cachegrind",
          "--cache-sim=no",
          "--branch-sim=no",
          "--cachegrind-out-file=/dev/null",
          process.execPath,
          "--single-threaded",
          self,
        ],
        {
          env: { ...process.env, DFLINT_COUNT_ROOT: build, DFLINT_COUNT_ROUNDS: String(rounds) },
          stdio: ["ignore", "ignore", "pipe"],
        },
      );
      let err = "";
      child.stderr.on("data", (d) => {
        err += d;
      });
      child.on("close", () => {
        const m = /I\s+refs:\s+([\d,]+)/.exec(err);
        done(m ? Number(m[1].replace(/,/g, "")) : undefined);
      });
    });
  const results = [];
  for (let i = 0; i < builds.length; i += 2)
    results.push(...(await Promise.all(builds.slice(i, i + 2).map(count))));
  const first = results[0];
  builds.forEach((b, i) => {
    const n = results[i];
    const vs = n && first && i > 0 ? ` (${(((n - first) / first) * 100).toFixed(2)}% against the first)` : "";
    console.log(`${b}: ${n === undefined ? "failed" : `${(n / 1e9).toFixed(3)} G instructions`}${vs}`);
  });
}
