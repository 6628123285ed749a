import { cpSync, existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FORMATS } from "../../server/cli/args.js";
import { BAD, BAD_SAFE, CLEAN, dflint, project, REPO_ROOT } from "./helpers.js";

const CORPUS = join(REPO_ROOT, "../shared/corpus/real");

/** Sixty files of every kind: clean, with findings, with safe and unsafe fixes, a suppressed finding, a config of
 * their own in one folder, one binary file and one that cannot be read, plus some corpus files if the corpus is
 * there. */
function files(): Record<string, string | Buffer | null> {
  const out: Record<string, string | Buffer | null> = {};
  for (let i = 0; i < 60; i++) {
    const dir = i % 3 === 0 ? "a" : i % 3 === 1 ? "b" : "c";
    const body = [
      CLEAN,
      BAD,
      BAD_SAFE,
      `# hadolint ignore=DL3020\n${BAD}`,
      `${BAD_SAFE}RUN apt-get install curl\n`,
    ][i % 5];
    out[`${dir}/${String(i).padStart(2, "0")}.Dockerfile`] = body;
  }
  out["b/.dflint.yaml"] = "ignored: [DF104]\nfailure-threshold: error\n";
  out["c/zz.Dockerfile"] = Buffer.from([0xff, 0xfe, 0x00, 0x46, 0x52, 0x4f, 0x4d]);
  return out;
}

function corpusSample(): string[] {
  if (!existsSync(CORPUS)) return [];
  const lines = readFileSync(join(CORPUS, "MANIFEST.tsv"), "utf8").trim().split("\n").slice(1);
  return lines.filter((_, i) => i % 30 === 0).map((l) => join(CORPUS, l.split("\t")[0]));
}

describe("worker threads", () => {
  if (!existsSync(CORPUS)) console.warn(`threads.test: ${CORPUS} is missing; linting generated files only`);
  const sample = corpusSample();

  /** Runs the same command with one thread and with three, on the same files in the same folder (rewritten in
   * between), and expects the same bytes on both outputs, the same exit status and the same files afterwards. */
  function same(args: string[]) {
    const root = project({});
    const paths = [".", "missing/Dockerfile"]; // the corpus copies are under ./corpus
    const run = (threads: string) => {
      rmSync(root, { recursive: true, force: true });
      project(files(), { root });
      // Copies: --fix must never touch the shared corpus.
      for (const f of sample) cpSync(f, join(root, "corpus", f.split("/").slice(-2).join("__")));
      const r = dflint(["--threads", threads, ...args, ...paths], { cwd: root });
      const after = ["a", "b", "c", ...(sample.length ? ["corpus"] : [])].flatMap((d) =>
        readdirSync(join(root, d)).map((f) => readFileSync(join(root, d, f), "latin1")),
      );
      return { ...r, after };
    };
    const a = run("1");
    const b = run("3");
    expect(b.stdout).toBe(a.stdout);
    expect(b.stderr).toBe(a.stderr);
    expect(b.code).toBe(a.code);
    expect(b.after).toEqual(a.after);
    return a;
  }

  it("gives the same report in every format", () => {
    for (const format of FORMATS) {
      const r = same(["--format", format, "--no-color"]);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain("missing/Dockerfile: cannot read file");
    }
  });

  it("gives the same output with --fix, --fix-dry-run and --unsafe-fixes", () => {
    const fixed = same(["--fix"]);
    expect(fixed.stdout).toContain("fixed 1 problem (DF104)");
    same(["--fix", "--unsafe-fixes", "--format", "json"]);
    const dry = same(["--fix-dry-run", "--unsafe-fixes"]);
    expect(dry.stdout).toContain("+++ b/");
  });

  it("gives the same exit status when nothing fails", () => {
    const r = same(["--no-fail", "--format", "gnu"]);
    expect(r.code).toBe(1); // the unreadable file
    const clean = project({ "a/Dockerfile": CLEAN, "b/Dockerfile": CLEAN, "c/Dockerfile": CLEAN });
    const one = dflint(["--threads", "1", "."], { cwd: clean });
    const three = dflint(["--threads", "3", "."], { cwd: clean });
    expect([one.code, three.code]).toEqual([0, 0]);
    expect(three.stdout).toBe(one.stdout);
  });

  it("uses worker threads by itself only for many files, and says so with --verbose", () => {
    const many = project(files());
    const r = dflint(["--verbose", "."], { cwd: many });
    // One thread per core, and one per 48 files at most: 61 files take two threads from 2 cores on.
    if (availableParallelism() >= 2) expect(r.stderr).toContain("dflint: 61 files, 2 threads\n");
    else expect(r.stderr).not.toContain("threads");
    expect(dflint(["--verbose", "--threads", "3", "."], { cwd: many }).stderr).toContain(
      "61 files, 3 threads\n",
    );
    const few = project({ "a/Dockerfile": BAD, "b/Dockerfile": BAD });
    expect(dflint(["--verbose", "."], { cwd: few }).stderr).not.toContain("threads");
    expect(dflint(["--verbose", "--threads", "2", "."], { cwd: few }).stderr).toContain("2 files, 2 threads");
  });

  it("starts its workers first when the command line names many files, with the same report", () => {
    const dir = project(files());
    const paths = Object.keys(files()).filter((p) => p.endsWith(".Dockerfile"));
    expect(paths.length).toBeGreaterThanOrEqual(48);
    const one = dflint(["--threads", "1", "--format", "json", ...paths], { cwd: dir });
    for (const threads of [[], ["--threads", "3"]]) {
      const r = dflint([...threads, "--verbose", "--format", "json", ...paths], { cwd: dir });
      expect(r.stdout).toBe(one.stdout);
      expect(r.code).toBe(one.code);
      if (threads.length || availableParallelism() >= 2)
        expect(r.stderr).toMatch(/dflint: 61 files, [23] threads\n/);
    }
  });

  it("ends the workers it started first when the files turn out to be few", () => {
    // Sixty names of the same file: one file to lint, so one thread, and the early workers are let go.
    const dir = project({ Dockerfile: BAD });
    const r = dflint(["--verbose", ...Array(60).fill("Dockerfile")], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("DL3020");
    expect(r.stderr).not.toContain("threads");
    // A run that stops before it lints (a config it cannot read) lets them go too.
    const many: Record<string, string> = { ".hadolint.yaml": "ignored: [\n" };
    for (let i = 0; i < 60; i++) many[`${i}.Dockerfile`] = CLEAN;
    const bad = dflint(Object.keys(many).slice(1), { cwd: project(many) });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("invalid YAML");
  });

  it("rejects a --threads value that is not a number from 1 to 256", () => {
    for (const v of ["0", "x", "1.5", "300"]) {
      const r = dflint(["--threads", v], { cwd: project({ Dockerfile: CLEAN }) });
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(`invalid --threads value '${v}'`);
    }
  });

  it("lints copies of the corpus sample the same way with one thread and many", () => {
    if (sample.length === 0) return;
    const dir = project({});
    for (const f of sample) cpSync(f, join(dir, "corpus", f.split("/").slice(-2).join("__")));
    const a = dflint(["--threads", "1", "--format", "json", "corpus"], { cwd: dir });
    const b = dflint(["--threads", "3", "--format", "json", "corpus"], { cwd: dir });
    expect(b.stdout).toBe(a.stdout);
    expect(b.code).toBe(a.code);
  });
});
