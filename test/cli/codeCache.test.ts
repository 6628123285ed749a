import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CLEAN, dflint, project } from "./helpers.js";

describe("the linter's code cache", () => {
  it("is written on the first run and keeps only the six most recently written caches", () => {
    const cache = mkdtempSync(join(tmpdir(), "dflint-code-cache-"));
    const code = join(cache, "code");
    mkdirSync(code);
    // Eight caches of other builds, written a day apart (old-0 the newest), and a file that is not a cache.
    for (let i = 0; i < 8; i++) {
      const file = join(code, `linter-old-${i}-v20.0.0-x64.bin`);
      writeFileSync(file, "stale");
      const when = Date.now() / 1000 - (i + 1) * 86_400;
      utimesSync(file, when, when);
    }
    writeFileSync(join(code, "notes.txt"), "kept");
    const cwd = project({ Dockerfile: CLEAN });
    const r = dflint(["Dockerfile"], { cwd, env: { DFLINT_CACHE_DIR: cache } });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    const left = readdirSync(code).sort();
    const ours = left.filter((n) => n.startsWith("linter-") && !n.startsWith("linter-old-"));
    expect(ours).toHaveLength(1);
    expect(left.filter((n) => n.startsWith("linter-old-")).sort()).toEqual([
      "linter-old-0-v20.0.0-x64.bin",
      "linter-old-1-v20.0.0-x64.bin",
      "linter-old-2-v20.0.0-x64.bin",
      "linter-old-3-v20.0.0-x64.bin",
      "linter-old-4-v20.0.0-x64.bin",
    ]);
    expect(left).toContain("notes.txt");
    // A second run reads the cache and gives the same result.
    const again = dflint(["Dockerfile"], { cwd, env: { DFLINT_CACHE_DIR: cache } });
    expect([again.code, again.stdout, again.stderr]).toEqual([r.code, r.stdout, r.stderr]);
    expect(readdirSync(code).sort()).toEqual(left);
  });

  it("has one for runs whose command line names many files, which a small run does not read", () => {
    const cache = mkdtempSync(join(tmpdir(), "dflint-code-cache-"));
    const code = join(cache, "code");
    const names = Array.from({ length: 48 }, (_, i) => `${i}.Dockerfile`);
    const cwd = project(Object.fromEntries(names.map((n) => [n, CLEAN])));
    const many = dflint(["--threads", "2", ...names], { cwd, env: { DFLINT_CACHE_DIR: cache } });
    expect([many.code, many.stderr]).toEqual([0, ""]);
    const written = readdirSync(code);
    expect(written).toHaveLength(1);
    expect(written[0]).toMatch(/^linter-.*-many\.bin$/);
    // One file: the other cache, written beside it.
    const one = dflint(["0.Dockerfile"], { cwd, env: { DFLINT_CACHE_DIR: cache } });
    expect([one.code, one.stderr]).toEqual([0, ""]);
    const both = readdirSync(code).sort();
    expect(both).toHaveLength(2);
    expect(both.filter((n) => !n.endsWith("-many.bin"))).toHaveLength(1);
    // Each kind reads its own: nothing more is written, and the runs say the same.
    const again = dflint(["--threads", "2", ...names], { cwd, env: { DFLINT_CACHE_DIR: cache } });
    expect([again.code, again.stdout, again.stderr]).toEqual([many.code, many.stdout, many.stderr]);
    expect(readdirSync(code).sort()).toEqual(both);
  });
});
