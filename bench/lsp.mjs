// Language servers side by side (`npm run bench:lsp`, which builds first): dflint, dockerfile-language-server-nodejs
// and tally (a benchmark peer only), each spawned over stdio and driven by the same LSP client, on the 10k-line file
// and a small one. Every latency is measured to the publish that reflects the edit: each edit renames an unknown
// instruction on the last line, and the publish counts once its diagnostics name the new one (and, for servers
// that send versions, carry that version). Reads ../shared/corpus; skips with a message when it is absent.
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";

const root = new URL("../", import.meta.url);
const shared = new URL("../shared/corpus/", root);
if (!existsSync(shared)) {
  console.log("bench:lsp: ../shared/corpus is absent; nothing to measure.");
  process.exit(0);
}
const path = (rel) => fileURLToPath(new URL(rel, root));
const SERVERS = [
  { name: "dflint", command: process.execPath, args: [path("dist/dflint-language-server.mjs"), "--stdio"] },
  {
    name: "dockerfile-ls",
    command: process.execPath,
    args: [path("node_modules/dockerfile-language-server-nodejs/bin/docker-langserver"), "--stdio"],
  },
  // tally publishes no diagnostics for a file it cannot parse (an unknown instruction), so its marker is a RUN line and
  // its publishes are matched by version alone.
  {
    name: "tally",
    command: path("node_modules/@wharflab/tally-linux-x64/bin/tally"),
    args: ["lsp", "--stdio"],
    marker: (k) => `RUN echo benchmarker${k}`,
  },
]
  .filter((s) => existsSync(s.command) && (s.command === process.execPath ? existsSync(s.args[0]) : true))
  // BENCH_LSP_SERVERS=dflint,tally runs only those (a quicker loop while working on one server).
  .filter((s) => !process.env.BENCH_LSP_SERVERS || process.env.BENCH_LSP_SERVERS.split(",").includes(s.name));

const large = readFileSync(new URL("large/monorepo-large.Dockerfile", shared), "utf8");
const manifest = readFileSync(new URL("real/MANIFEST.tsv", shared), "utf8").trim().split("\n").slice(1);
const corpus = manifest
  .slice(0, 200)
  .map((l) => readFileSync(new URL(`real/${l.split("\t")[0]}`, shared), "utf8"));
const small =
  'FROM ubuntu:22.04\nRUN apt-get update && apt-get install -y curl\nCOPY . /app\nCMD ["/app/run"]\n';
const EDITS = Number(process.env.BENCH_LSP_EDITS ?? 20);
// Edits after the first EDITS, timed apart: their p50 is the latency once the server has warmed up (its JIT, its
// young generation), which the first twenty mostly do not show.
const SETTLED = Number(process.env.BENCH_LSP_SETTLED_EDITS ?? 40);
const QUERIES = Number(process.env.BENCH_LSP_QUERIES ?? 50);
const TIMEOUT = Number(process.env.BENCH_LSP_TIMEOUT_MS ?? 180_000);
// How long after the documents are closed the second memory reading is taken.
const IDLE_MS = Number(process.env.BENCH_LSP_IDLE_MS ?? 30_000);

const ms = (t0) => performance.now() - t0;
const percentile = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)];
};

function rssMb(pid) {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

class Session {
  constructor(server) {
    this.t0 = performance.now();
    this.child = spawn(server.command, server.args, { stdio: ["pipe", "pipe", "ignore"] });
    this.conn = createProtocolConnection(
      new StreamMessageReader(this.child.stdout),
      new StreamMessageWriter(this.child.stdin),
    );
    this.waiters = [];
    this.conn.onNotification("textDocument/publishDiagnostics", (p) => {
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    for (const m of [
      "client/registerCapability",
      "window/workDoneProgress/create",
      "workspace/diagnostic/refresh",
    ])
      this.conn.onRequest(m, () => null);
    this.conn.onRequest("workspace/configuration", (p) => p.items.map(() => null));
    this.conn.listen();
  }

  async initialize() {
    await this.conn.sendRequest("initialize", {
      processId: process.pid,
      rootUri: null,
      capabilities: {
        textDocument: {
          publishDiagnostics: { versionSupport: true },
          hover: { contentFormat: ["markdown", "plaintext"] },
          // As VS Code asks: the documentation of an item when it is shown (completionItem/resolve).
          completion: {
            completionItem: {
              snippetSupport: true,
              resolveSupport: { properties: ["documentation", "detail"] },
            },
          },
          synchronization: { didSave: false },
        },
      },
    });
    const t = ms(this.t0);
    await this.conn.sendNotification("initialized", {});
    return t;
  }

  /** Resolves with the time until a publish for `uri` passes `test`. */
  publish(uri, test, t0) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no matching diagnostics within ${TIMEOUT} ms`)),
        TIMEOUT,
      );
      this.waiters.push({
        test: (p) => p.uri === uri && test(p),
        resolve: () => {
          clearTimeout(timer);
          resolve(ms(t0));
        },
      });
    });
  }

  async close() {
    const exited = new Promise((r) => this.child.once("exit", r));
    try {
      await Promise.race([this.conn.sendRequest("shutdown"), new Promise((r) => setTimeout(r, 2000))]);
      await this.conn.sendNotification("exit");
    } catch {}
    setTimeout(() => this.child.kill("SIGKILL"), 2000).unref();
    await exited;
    this.conn.dispose();
  }
}

const unknownInstruction = (k) => `BENCHMARKER${k} x`;

/** The publish of `version` (for servers that send versions), whose diagnostics name the marker's unknown
 * instruction (for those that do not). */
const reflects = (k, version) => (p) =>
  typeof p.version === "number"
    ? p.version === version
    : p.diagnostics.some((d) => d.message.toLowerCase().includes(`benchmarker${k}`));

async function measureDocument(s, server, uri, base) {
  const lines = base.split("\n");
  if (lines.at(-1) === "") lines.pop();
  const marker = server.marker ?? unknownInstruction;
  const text = `${lines.join("\n")}\n${marker(0)}\n`;
  const lastLine = lines.length;
  const t0 = performance.now();
  const opened = s.publish(uri, reflects(0, 1), t0);
  await s.conn.sendNotification("textDocument/didOpen", {
    textDocument: { uri, languageId: "dockerfile", version: 1, text },
  });
  const open = await opened;
  const edits = [];
  // A server that takes seconds per lint gets a few edits, not twenty, so that one run stays under a few minutes.
  const editCount = open > 5000 ? Math.min(EDITS, 3) : EDITS + SETTLED;
  for (let k = 1; k <= editCount; k++) {
    const t = performance.now();
    const seen = s.publish(uri, reflects(k, k + 1), t);
    await s.conn.sendNotification("textDocument/didChange", {
      textDocument: { uri, version: k + 1 },
      contentChanges: [
        {
          range: {
            start: { line: lastLine, character: 0 },
            end: { line: lastLine, character: marker(k - 1).length },
          },
          text: marker(k),
        },
      ],
    });
    edits.push(await seen);
  }
  // Hover an instruction keyword in the middle of the file; complete at the start of the marker line.
  const mid = Math.floor(lines.length / 2);
  let hoverLine = lines.findIndex((l, i) => i >= mid && /^[A-Z]+\s/.test(l));
  if (hoverLine < 0) hoverLine = 0;
  const timed = async (method, params) => {
    const out = [];
    try {
      for (let q = 0; q < QUERIES; q++) {
        const t = performance.now();
        await s.conn.sendRequest(method, params);
        out.push(ms(t));
      }
      return out;
    } catch {
      return undefined; // not supported
    }
  };
  const hovers = await timed("textDocument/hover", {
    textDocument: { uri },
    position: { line: hoverLine, character: 1 },
  });
  const completions = await timed("textDocument/completion", {
    textDocument: { uri },
    position: { line: lastLine, character: 2 },
  });
  await s.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
  return { open, edits: edits.slice(0, EDITS), settled: edits.slice(EDITS), hovers, completions };
}

async function measureMemory(s) {
  for (let i = 0; i < corpus.length; i++) {
    const uri = `file:///bench/many/${i}/Dockerfile`;
    await s.conn.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "dockerfile", version: 1, text: corpus[i] },
    });
    await s.conn.sendRequest("textDocument/hover", {
      textDocument: { uri },
      position: { line: 0, character: 1 },
    });
    await s.conn.sendNotification("textDocument/didClose", { textDocument: { uri } });
  }
  await new Promise((r) => setTimeout(r, 1000));
  const after = rssMb(s.child.pid);
  // A server's heaps shrink once it has been idle for a while (V8's memory reducer): dflint's two isolates stayed at
  // ~232 MB for 20 s, then were ~102 MB at 30 s. Both are shown: what the editor's process holds right after the
  // work, and what it holds while the user reads.
  await new Promise((r) => setTimeout(r, IDLE_MS - 1000));
  return { after, idle: rssMb(s.child.pid) };
}

const results = [];
for (const server of SERVERS) {
  const s = new Session(server);
  const r = { server: server.name };
  try {
    r.initialize = await s.initialize();
    for (const [label, uri, text] of [
      ["10k", "file:///bench/large/Dockerfile", large],
      ["small", "file:///bench/small/Dockerfile", small],
    ]) {
      try {
        r[label] = await measureDocument(s, server, uri, text);
      } catch (e) {
        r[label] = { error: e.message };
      }
    }
    r.rss = await measureMemory(s);
  } catch (e) {
    r.error = e.message;
  }
  await s.close();
  results.push(r);
  console.error(`bench:lsp: ${server.name} done`);
}

const rows = [];
const metric = (name, get) => rows.push({ name, values: results.map((r) => get(r)) });
metric("initialize after spawn (ms)", (r) => r.initialize);
for (const label of ["10k", "small"]) {
  metric(`${label}: didOpen -> diagnostics (ms)`, (r) => r[label]?.open);
  metric(`${label}: edit -> diagnostics p50 (ms)`, (r) => r[label]?.edits && percentile(r[label].edits, 50));
  metric(`${label}: edit -> diagnostics p95 (ms)`, (r) => r[label]?.edits && percentile(r[label].edits, 95));
  metric(`${label}: edits ${EDITS + 1}-${EDITS + SETTLED} -> diagnostics p50 (ms)`, (r) =>
    r[label]?.settled?.length ? percentile(r[label].settled, 50) : undefined,
  );
  metric(`${label}: hover p95 (ms)`, (r) => r[label]?.hovers && percentile(r[label].hovers, 95));
  metric(
    `${label}: completion p95 (ms)`,
    (r) => r[label]?.completions && percentile(r[label].completions, 95),
  );
}
metric(`RSS after ${corpus.length} documents opened and closed (MB)`, (r) => r.rss?.after);
metric(`RSS ${IDLE_MS / 1000} s later, idle (MB)`, (r) => r.rss?.idle);

const pad = (s, n) => String(s).padEnd(n);
const fmt = (v) => (typeof v === "number" ? v.toFixed(1) : "n/a");
console.log(`${pad("measure", 50)}${results.map((r) => pad(r.server, 16)).join("")}`);
for (const row of rows) {
  const ours = row.values[0];
  const cells = row.values.map((v, i) => {
    if (i === 0 || typeof v !== "number" || typeof ours !== "number" || ours === 0) return pad(fmt(v), 16);
    const ratio = v / ours;
    const way = ratio >= 1 ? `${ratio.toFixed(1)}x more` : `${(1 / ratio).toFixed(1)}x less`;
    return pad(`${fmt(v)} (${way})`, 16);
  });
  console.log(`${pad(row.name, 50)}${cells.join("")}`);
}
console.log(
  "(peer columns: the peer's value and how it compares with dflint's; lower is better for every measure)",
);
for (const r of results) {
  for (const label of ["10k", "small"])
    if (r[label]?.error) console.log(`note: ${r.server} ${label}: ${r[label].error}`);
  if (r.error) console.log(`note: ${r.server}: ${r.error}`);
}
