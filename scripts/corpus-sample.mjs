// Lints the real corpus (../shared/corpus/real) with the built linter (run `npm run build` first) and prints, for
// review by a person:
//   node scripts/corpus-sample.mjs counts                   findings per rule
//   node scripts/corpus-sample.mjs sample [N] [SEED]        N findings (default 100, seed 1) stratified by rule
//   node scripts/corpus-sample.mjs dump RULE                every finding of RULE with the instruction around it
//   add --json to `sample` for machine-readable rows (rule, file, line, message).
// The sample is reproducible: the same corpus, linter and seed give the same rows. Each rule gets at least one
// row; the rest is shared out in proportion to the rule's findings (largest remainder), so that rare rules are
// seen and frequent rules are seen more.
import { existsSync, readFileSync } from "node:fs";
import { lint } from "../dist/server/lint/index.js";

const root = new URL("../../shared/corpus/real/", import.meta.url);
if (!existsSync(root)) {
  console.error(`corpus not found at ${root.pathname}: link /work/shared as ../shared`);
  process.exit(2);
}

function corpusFindings() {
  const manifest = readFileSync(new URL("MANIFEST.tsv", root), "utf8").trim().split("\n").slice(1);
  const out = [];
  for (const row of manifest) {
    const file = row.split("\t")[0];
    const text = readFileSync(new URL(file, root), "utf8");
    const { ast, findings } = lint(text);
    for (const f of findings) {
      const start = ast.lines.position(f.span.start);
      const instruction = ast.instructions.find(
        (i) => i.span.start <= f.span.start && f.span.start < i.span.end,
      );
      out.push({
        file,
        line: start.line + 1,
        column: start.character + 1,
        finding: f,
        text,
        ast,
        instruction,
      });
    }
  }
  return out;
}

/** mulberry32: a small seeded generator, so that samples can be drawn again. */
function random(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function byRule(rows) {
  const groups = new Map();
  for (const r of rows) {
    const list = groups.get(r.finding.code) ?? [];
    list.push(r);
    groups.set(r.finding.code, list);
  }
  return new Map([...groups].sort((a, b) => a[0].localeCompare(b[0])));
}

function allocate(groups, n) {
  const codes = [...groups.keys()];
  const total = [...groups.values()].reduce((s, l) => s + l.length, 0);
  const quota = new Map(codes.map((c) => [c, 1]));
  let left = n - codes.length;
  if (left <= 0) return quota;
  const shares = codes.map((c) => {
    const exact = (groups.get(c).length / total) * left;
    return { c, floor: Math.floor(exact), rem: exact - Math.floor(exact) };
  });
  for (const s of shares) quota.set(s.c, quota.get(s.c) + s.floor);
  left -= shares.reduce((s, x) => s + x.floor, 0);
  shares.sort((a, b) => b.rem - a.rem || a.c.localeCompare(b.c));
  for (const s of shares.slice(0, left)) quota.set(s.c, quota.get(s.c) + 1);
  for (const c of codes) quota.set(c, Math.min(quota.get(c), groups.get(c).length));
  return quota;
}

function sample(rows, n, seed) {
  const rand = random(seed);
  const groups = byRule(rows);
  const quota = allocate(groups, n);
  const picked = [];
  for (const [code, list] of groups) {
    const pool = [...list];
    // Partial Fisher-Yates: the first k of the shuffled pool.
    const k = quota.get(code);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(rand() * (pool.length - i));
      [pool[i], pool[j]] = [pool[j], pool[i]];
    }
    picked.push(...pool.slice(0, k));
  }
  return picked;
}

function context(row) {
  const span = row.instruction?.span ?? row.finding.span;
  const first = row.ast.lines.position(span.start).line;
  const last = row.ast.lines.position(Math.max(span.start, span.end - 1)).line;
  const lines = row.text.split("\n");
  const to = Math.min(last, first + 60);
  return lines
    .slice(first, to + 1)
    .map((l, k) => `${String(first + k + 1).padStart(5)}${first + k + 1 === row.line ? ">" : " "} ${l}`)
    .join("\n");
}

function show(row) {
  const f = row.finding;
  const related = (f.related ?? []).map(
    (r) => `\n        related ${row.ast.lines.position(r.span.start).line + 1}: ${r.message}`,
  );
  return `== ${f.code} ${row.file}:${row.line}:${row.column}\n   ${f.message}${related.join("")}\n${context(row)}\n`;
}

const [cmd = "counts", ...rest] = process.argv.slice(2);
const json = rest.includes("--json");
const args = rest.filter((a) => a !== "--json");
const rows = corpusFindings();
if (cmd === "counts") {
  for (const [code, list] of byRule(rows)) console.log(`${code}\t${list.length}`);
  console.log(`total\t${rows.length}`);
} else if (cmd === "sample") {
  const picked = sample(rows, Number(args[0] ?? 100), Number(args[1] ?? 1));
  if (json) {
    const out = picked.map((r) => ({
      rule: r.finding.code,
      file: r.file,
      line: r.line,
      message: r.finding.message,
    }));
    console.log(JSON.stringify(out, null, 1));
  } else for (const r of picked) console.log(show(r));
} else if (cmd === "dump") {
  for (const r of rows) if (r.finding.code === args[0]) console.log(show(r));
} else {
  console.error("usage: corpus-sample.mjs counts | sample [N] [SEED] [--json] | dump RULE");
  process.exit(2);
}
