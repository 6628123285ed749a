// How lint time and memory grow with the input, shape by shape: each shape is a few lines repeated until the file
// has SIZE bytes, linted (every default rule on) in a fresh process at SIZE and at 4 x SIZE. A shape whose time grows
// more than GROWTH times, or whose retained heap per input byte grows by more than half, is flagged: that is how the
// quadratic rules and model parts of 2026-12-03 were found (DL3025, DL3059, the scopes of chained stages, `--fix`'s
// choice of fixes and code actions over a range are fixed and tested; see test/rules/one-stage.test.ts,
// test/model/model.test.ts, test/lint/fix.test.ts, test/features/actions.test.ts).
//
//   node bench/scaling.mjs [SIZE] [SHAPE...]      (default 250000 bytes, every shape; needs `npm run build`)
//
// Prints one row per shape: ms at both sizes and their ratio, heap kept after the lint per input byte, peak RSS.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const SHAPES = {
  plainRun: (i) => `RUN echo hello world number ${i} && true\n`,
  continuationRun: (i) =>
    `RUN apt-get update \\\n${Array.from({ length: 20 }, (_, k) => `    && apt-get install -y pkg${k}-${i} \\\n`).join("")}    && true\n`,
  heredocRun: (i) =>
    `RUN <<EOF\n${Array.from({ length: 20 }, (_, k) => `echo line ${k} ${i}\n`).join("")}EOF\n`,
  envMany: (i) => `ENV VAR_${i}=value_${i} OTHER_${i}="quoted value ${i}"\n`,
  argRefs: (i) => `ARG A${i}=x\nRUN echo \${A${i}} $A${i} \${A${i}:-default}\n`,
  nestedSubst: (i) => `RUN echo $(echo $(echo $(echo $(echo ${i}))))\n`,
  execForm: (i) =>
    `CMD ["/bin/app", ${Array.from({ length: 30 }, (_, k) => `"--opt${k}=${i}"`).join(", ")}]\n`,
  labels: (i) => `LABEL org.example.key${i}="value ${i}" other${i}=v\n`,
  stagesCopyFrom: (i) => `FROM alpine:3.19 AS s${i}\nCOPY --from=s${Math.max(0, i - 1)} /a /b\n`,
  chainedStagesEnv: (i) => `FROM ${i === 0 ? "alpine" : `s${i - 1}`} AS s${i}\nENV X${i}=1\n`,
  onbuildEnv: (i) => `ENV A${i}=1\nONBUILD ENV B${i}=2\n`,
  cmdShellMany: (i) => `CMD echo ${i}\n`,
  pragmas: (i) => `# hadolint ignore=DL3008,DL3009\nRUN apt-get install -y curl${i}\n`,
  pragmaShell: (i) => `# hadolint shell=bash\nRUN echo ${i}\n`,
  healthcheck: (i) => `HEALTHCHECK --interval=30s CMD curl -f http://localhost:${i}/ || exit 1\n`,
  fromArg: (i) => `ARG BASE${i}=alpine\nFROM \${BASE${i}}:3.19\n`,
  users: (i) => `RUN useradd u${i}\nUSER u${i}\n`,
  copyChown: (i) => `COPY --chown=u${i}:g${i} src${i} /dst/${i}/\n`,
  mounts: (i) =>
    `RUN --mount=type=cache,target=/root/.cache/${i} --mount=type=secret,id=s${i} pip install x${i}\n`,
  workdirChain: (i) => `WORKDIR dir${i}\n`,
  emptyContinuation: (i) => `RUN echo a \\\n\n  b${i}\n`,
  dupStageNames: (i) => `FROM alpine AS same\nRUN echo ${i}\n`,
  blankLines: () => "\n\n\n\n",
  comments: (i) => `# comment line number ${i} with some words in it\n`,
};

/** Times one lint of the shape at `bytes` in this process and prints it as JSON (the child's part). */
async function child(name, bytes) {
  const { lint } = await import("../dist/server/lint/index.js");
  const make = SHAPES[name];
  const parts = ["FROM alpine\n"];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const p = make(i);
    parts.push(p);
    size += p.length;
  }
  const text = parts.join("");
  parts.length = 0;
  globalThis.gc();
  const before = process.memoryUsage().heapUsed;
  const t0 = performance.now();
  const result = lint(text);
  const ms = performance.now() - t0;
  const peakMB = process.resourceUsage().maxRSS / 1024;
  globalThis.gc();
  const kept = (process.memoryUsage().heapUsed - before) / text.length;
  console.log(JSON.stringify({ ms, kept, peakMB, findings: result.findings.length }));
}

const self = fileURLToPath(import.meta.url);
if (process.argv[2] === "--child") {
  await child(process.argv[3], Number(process.argv[4]));
} else {
  const size = Number(process.argv[2] ?? 250000);
  const names = process.argv.length > 3 ? process.argv.slice(3) : Object.keys(SHAPES);
  const GROWTH = 6; // 4x the input: linear is ~4x (less while the JIT warms up), quadratic ~16x
  const run = (name, bytes) =>
    JSON.parse(
      execFileSync(process.execPath, ["--expose-gc", self, "--child", name, String(bytes)], {
        encoding: "utf8",
        timeout: 600_000,
      }),
    );
  const pad = (s, n) => String(s).padEnd(n);
  console.log(
    `${pad("shape", 20)}${pad("ms", 10)}${pad("ms x4", 10)}${pad("ratio", 8)}${pad("B/B kept", 16)}peak MB x4`,
  );
  let flagged = 0;
  for (const name of names) {
    let a;
    let b;
    try {
      a = run(name, size);
      b = run(name, 4 * size);
    } catch (e) {
      console.log(`${pad(name, 20)}failed: ${String(e.message).split("\n")[0]}`);
      flagged++;
      continue;
    }
    const ratio = b.ms / a.ms;
    const bad = ratio > GROWTH || b.kept > 1.5 * a.kept + 5;
    if (bad) flagged++;
    console.log(
      `${pad(name, 20)}${pad(a.ms.toFixed(0), 10)}${pad(b.ms.toFixed(0), 10)}${pad(`${ratio.toFixed(1)}x`, 8)}${pad(`${a.kept.toFixed(0)} / ${b.kept.toFixed(0)}`, 16)}${b.peakMB.toFixed(0)}${bad ? "  <- grows faster than the input" : ""}`,
    );
  }
  console.log(flagged === 0 ? "every shape grows linearly" : `${flagged} shape(s) flagged`);
}
