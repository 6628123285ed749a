// The findings of every rule on the real-world corpus, compared with committed golden files.
//
// Every file of ../shared/corpus/real (MANIFEST.tsv) is linted with every rule on, opt-in rules too, and with
// suppressed findings kept; each finding becomes one line of test/rules/golden/<CODE>.tsv:
//
//   file  range (1-based line:column-line:column, end exclusive)  message  fixes  related  suppressed
//
// A change of engine must leave these files as they are. A change that alters findings on purpose (a new rule, a
// fixed false positive) regenerates them and says why in its commit message:
//
//   node scripts/golden.mjs          # runs this test with DFLINT_UPDATE_GOLDEN=1, which rewrites the files
//
// and the diff of test/rules/golden/ shows what changed. A rule with no finding on the corpus has no file.
//
// test/rules/golden/CORPUS.sha256 holds the corpus files' checksums, so that a corpus changed on disk (a `--fix` run
// on corpus paths rewrote 30 files once) fails as that and not as changed findings. If the corpus changes on
// purpose, delete the file and run the script: it writes the file when it is missing.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { LineIndex } from "../../grammar/index.js";
import { lint } from "../../server/lint/index.js";
import { RULES } from "../../server/rules/index.js";
import type { Finding } from "../../server/rules/types.js";

const corpus = new URL("../../../shared/corpus/real/", import.meta.url);
const golden = new URL("golden/", import.meta.url);
const present = existsSync(corpus);
const update = process.env.DFLINT_UPDATE_GOLDEN === "1";
const HEADER = "# file\trange\tmessage\tfixes\trelated\tsuppressed";

/** Tabs and line breaks inside a field would break the columns. */
function field(s: string): string {
  return s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\r/g, "\\r").replace(/\n/g, "\\n");
}

function line(name: string, lines: LineIndex, f: Finding): string {
  const at = (span: { start: number; end: number }) => {
    const r = lines.range(span);
    return `${r.start.line + 1}:${r.start.character + 1}-${r.end.line + 1}:${r.end.character + 1}`;
  };
  const fixes = (f.fixes ?? [])
    .map(
      (x) =>
        `${x.title} [${x.safety}] ${x.edits.map((e) => `${at(e.span)}=${JSON.stringify(e.newText)}`).join(" ")}`,
    )
    .join(" | ");
  const related = (f.related ?? [])
    .map((r) => `${at(r.span)}${r.pair ? " (pair)" : ""} ${r.message}`)
    .join(" | ");
  const suppressed = f.suppressed ? `suppressed at ${at(f.suppressed.span)}` : "";
  return [name, at(f.span), f.message, fixes, related, suppressed].map(field).join("\t");
}

function corpusNames(): string[] {
  return readFileSync(new URL("MANIFEST.tsv", corpus), "utf8")
    .trim()
    .split("\n")
    .slice(1)
    .map((l) => l.split("\t")[0]);
}

const SUMS = new URL("CORPUS.sha256", golden);

/** `sha256  file` lines, as sha256sum prints them. */
function corpusSums(): string[] {
  return corpusNames().map(
    (name) =>
      `${createHash("sha256")
        .update(readFileSync(new URL(name, corpus)))
        .digest("hex")}  ${name}`,
  );
}

/** Lines per rule code, in the order of the manifest and, within a file, of the linter's output. */
function current(): Map<string, string[]> {
  const only = RULES.map((r) => r.code);
  const byCode = new Map<string, string[]>();
  for (const name of corpusNames()) {
    const text = readFileSync(new URL(name, corpus), "utf8");
    const { ast, findings } = lint(text, { only, keepSuppressed: true });
    for (const f of findings) {
      const list = byCode.get(f.code) ?? [];
      if (list.length === 0) byCode.set(f.code, list);
      list.push(line(name, ast.lines, f));
    }
  }
  return byCode;
}

function committed(): Map<string, string[]> {
  const byCode = new Map<string, string[]>();
  if (!existsSync(golden)) return byCode;
  for (const entry of readdirSync(golden)) {
    if (!entry.endsWith(".tsv")) continue;
    const lines = readFileSync(new URL(entry, golden), "utf8").split("\n");
    byCode.set(
      entry.slice(0, -4),
      lines.filter((l) => l !== "" && !l.startsWith("#")),
    );
  }
  return byCode;
}

/** What changed for one code: lines gone (-) and lines new (+), at most `limit` of each, or a change of order. */
function changes(code: string, before: string[], after: string[], limit = 20): string[] {
  const count = new Map<string, number>();
  for (const l of before) count.set(l, (count.get(l) ?? 0) + 1);
  const added: string[] = [];
  for (const l of after) {
    const n = count.get(l) ?? 0;
    if (n > 0) count.set(l, n - 1);
    else added.push(l);
  }
  const removed = [...count].flatMap(([l, n]) => Array<string>(n).fill(l));
  const out: string[] = [];
  const show = (sign: string, list: string[]) => {
    for (const l of list.slice(0, limit)) out.push(`${code} ${sign} ${l}`);
    if (list.length > limit) out.push(`${code} ${sign} … and ${list.length - limit} more`);
  };
  show("-", removed);
  show("+", added);
  if (out.length === 0 && before.join("\n") !== after.join("\n"))
    out.push(`${code}: the same findings in another order`);
  return out;
}

describe.skipIf(!present)("the findings on the real-world corpus (test/rules/golden)", () => {
  it("are of the corpus as committed (no file of ../shared/corpus/real changed on disk)", () => {
    const now = corpusSums();
    if (!existsSync(SUMS)) {
      if (update) writeFileSync(SUMS, `${now.join("\n")}\n`);
      return;
    }
    const before = new Set(readFileSync(SUMS, "utf8").trim().split("\n"));
    const changed = now.filter((l) => !before.has(l)).map((l) => l.slice(66));
    // Something wrote to the shared corpus: restore those files from the repo and commit MANIFEST.tsv names.
    expect(changed, "corpus files changed on disk").toEqual([]);
  });

  it(update ? "rewrites the golden files" : "are the committed ones", () => {
    const now = current();
    const before = committed();
    if (update) {
      mkdirSync(golden, { recursive: true });
      for (const code of before.keys()) if (!now.has(code)) rmSync(new URL(`${code}.tsv`, golden));
      for (const [code, lines] of now)
        writeFileSync(new URL(`${code}.tsv`, golden), `${HEADER}\n${lines.join("\n")}\n`);
      return;
    }
    const codes = [...new Set([...before.keys(), ...now.keys()])].sort();
    const diff = codes.flatMap((code) => changes(code, before.get(code) ?? [], now.get(code) ?? []));
    // `-` lines are in the golden file and no longer found, `+` lines are found and not in the golden file.
    expect(diff, "corpus findings changed; if on purpose, run `node scripts/golden.mjs` and say why").toEqual(
      [],
    );
  });
});

if (!present) {
  describe("the findings on the real-world corpus", () => {
    it.skip("skipped: ../shared/corpus/real is absent", () => {});
  });
}
