import { cpSync, mkdirSync, readdirSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD, BAD_SAFE, CLEAN, dflint, project, REPO_ROOT } from "./helpers.js";

/** The hit and miss counts that --verbose reports. */
function counts(stderr: string): [number, number] {
  const m = /result cache .*: (\d+) hits, (\d+) misses/.exec(stderr);
  if (!m) throw new Error(`no cache line in: ${stderr}`);
  return [Number(m[1]), Number(m[2])];
}

function setup() {
  const cwd = project({
    Dockerfile: BAD,
    "b/Dockerfile": BAD_SAFE,
    "c/Dockerfile": `${CLEAN}RUN apt-get install curl\n`,
    "c/.dockerignore": "app\n",
  });
  const cache = join(cwd, "..", `${cwd.split("/").pop()}-cache`);
  const run = (...args: string[]) => dflint(["--cache-location", cache, "-V", ...args], { cwd });
  return { cwd, cache, run };
}

const quiet = (stderr: string) => stderr.replace(/^dflint: result cache .*\n/m, "");

describe("--cache", () => {
  it("reuses the findings of an unchanged run, with the same output in every format", () => {
    const { run } = setup();
    for (const format of ["tty", "json", "sarif", "checkstyle", "gnu"]) {
      const first = run("--format", format, ".");
      const second = run("--format", format, ".");
      expect(counts(second.stderr)).toEqual([3, 0]);
      expect(second.stdout).toBe(first.stdout);
      expect(quiet(second.stderr)).toBe(quiet(first.stderr));
      expect(second.code).toBe(first.code);
    }
  });

  it("misses when the text, the config, the rule selection or the build context changes", () => {
    const { cwd, run } = setup();
    expect(counts(run(".").stderr)).toEqual([0, 3]);
    writeFileSync(join(cwd, "b/Dockerfile"), `${BAD_SAFE}\n`);
    expect(counts(run(".").stderr)).toEqual([2, 1]);
    writeFileSync(join(cwd, "b/.dflint.yaml"), "ignored: [DF104]\n");
    const configured = run(".");
    expect(counts(configured.stderr)).toEqual([2, 1]);
    expect(configured.stdout).not.toContain("DF104");
    expect(counts(run("--ignore", "DL3020", ".").stderr)).toEqual([0, 3]);
    expect(counts(run("--error", "DF104", ".").stderr)).toEqual([0, 3]);
    expect(counts(run(".").stderr)).toEqual([3, 0]);
    // c/Dockerfile copies `app`, which c/.dockerignore leaves out; the check reads the ignore file.
    writeFileSync(join(cwd, "c/.dockerignore"), "other\n");
    expect(counts(run(".").stderr)).toEqual([2, 1]);
  });

  it("misses for another version of dflint", () => {
    const { cwd, cache, run } = setup();
    run(".");
    const pkg = join(cwd, "..", `${cwd.split("/").pop()}-pkg`);
    mkdirSync(join(pkg, "dist"), { recursive: true });
    cpSync(join(REPO_ROOT, "dist/dflint.cjs"), join(pkg, "dist/dflint.cjs"));
    cpSync(join(REPO_ROOT, "dist/cli"), join(pkg, "dist/cli"), { recursive: true });
    writeFileSync(join(pkg, "package.json"), JSON.stringify({ name: "dflint", version: "99.0.0" }));
    const other = dflint(["--cache-location", cache, "-V", "--version", "."], {
      cwd,
      bin: join(pkg, "dist/dflint.cjs"),
    });
    expect(other.stdout).toBe("dflint 99.0.0\n");
    const again = dflint(["--cache-location", cache, "-V", "."], { cwd, bin: join(pkg, "dist/dflint.cjs") });
    expect(counts(again.stderr)).toEqual([0, 3]);
    expect(counts(run(".").stderr)).toEqual([3, 0]);
  });

  it("ignores corrupt entries and an unwritable folder, and --no-cache turns it off", () => {
    const { cwd, cache, run } = setup();
    const first = run("--format", "json", ".");
    for (const f of readdirSync(cache)) writeFileSync(join(cache, f), f.length % 2 ? "{" : '{"key":"x"}');
    const corrupt = run("--format", "json", ".");
    expect(counts(corrupt.stderr)).toEqual([0, 3]);
    expect(corrupt.stdout).toBe(first.stdout);
    expect(corrupt.code).toBe(first.code);
    expect(counts(run("--format", "json", ".").stderr)).toEqual([3, 0]);

    writeFileSync(join(cwd, "a-file"), "");
    const unwritable = dflint(["--cache-location", "a-file/sub", "-V", "--format", "json", "."], { cwd });
    expect(unwritable.stdout).toBe(first.stdout);
    expect(unwritable.code).toBe(first.code);
    expect(counts(unwritable.stderr)).toEqual([0, 3]);

    const off = run("--no-cache", "--format", "json", ".");
    expect(off.stderr).not.toContain("result cache");
    expect(off.stdout).toBe(first.stdout);
  });

  it("keeps its entries in cacheDir()/results by default", () => {
    const { cwd } = setup();
    const home = join(cwd, "..", `${cwd.split("/").pop()}-xdg`);
    const r = dflint(["--cache", "-V", "."], { cwd, env: { XDG_CACHE_HOME: home } });
    expect(r.stderr).toContain(`result cache ${join(home, "dflint", "results")}: 0 hits, 3 misses`);
    expect(readdirSync(join(home, "dflint", "results")).length).toBe(3);
    expect(
      JSON.parse(
        readFileSync(
          join(home, "dflint", "results", readdirSync(join(home, "dflint", "results"))[0]),
          "utf8",
        ),
      ).key,
    ).toMatch(/^[0-9a-f]{64}$/);
  });

  it("removes entries not written for 30 days when it writes, and leaves the rest", () => {
    const { cache, run } = setup();
    mkdirSync(cache, { recursive: true });
    const old = Date.now() / 1000 - 31 * 86_400;
    const files = {
      "stale.json": old,
      "recent.json": Date.now() / 1000 - 86_400,
      "half.tmp": old,
      "notes.txt": old,
    };
    for (const [name, when] of Object.entries(files)) {
      writeFileSync(join(cache, name), "{}");
      utimesSync(join(cache, name), when, when);
    }
    expect(counts(run(".").stderr)).toEqual([0, 3]);
    const left = readdirSync(cache);
    expect(left).not.toContain("stale.json");
    expect(left).not.toContain("half.tmp");
    expect(left).toEqual(expect.arrayContaining(["recent.json", "notes.txt"]));
    expect(left.filter((n) => /^[0-9a-f]{64}\.json$/.test(n))).toHaveLength(3);
  });
});
