import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD, CLEAN, dflint, project, summary } from "./helpers.js";

describe("--fix", () => {
  it("rewrites the file, says what it fixed, and reports what is left", () => {
    const cwd = project({ Dockerfile: BAD });
    const fixed = dflint(["--fix", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(CLEAN);
    expect(fixed.stdout).toContain("Dockerfile: fixed 1 problem (DL3020)");
    expect(fixed.stdout).not.toMatch(/DL3020 .*COPY does the same/);
    expect(fixed.code).toBe(0);
  });

  it("keeps a byte order mark and CRLF line endings", () => {
    const cwd = project({ Dockerfile: `\uFEFF${BAD.replace(/\n/g, "\r\n")}` });
    dflint(["--fix", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(`\uFEFF${CLEAN.replace(/\n/g, "\r\n")}`);
  });

  it("does not touch files with nothing to fix, nor rules that are turned off", () => {
    const cwd = project({ Dockerfile: BAD });
    const r = dflint(["--fix", "--ignore", "DL3020", "Dockerfile"], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(BAD);
  });

  it("reports fixes on standard error with machine-readable formats, keeping stdout valid", () => {
    const cwd = project({ Dockerfile: BAD });
    const r = dflint(["--fix", "-f", "json", "Dockerfile"], { cwd });
    expect(summary(r.stdout, ["DL3020"])).toEqual([]);
    expect(r.stderr).toContain("Dockerfile: fixed 1 problem");
  });

  it("never rewrites a file that is not valid UTF-8", () => {
    const bytes = Buffer.from(`${BAD}LABEL x=\xff\n`, "latin1");
    const cwd = project({ Dockerfile: bytes });
    const r = dflint(["--fix", "Dockerfile"], { cwd });
    expect(r.stderr).toContain("not fixed: the file is not valid UTF-8");
    expect(readFileSync(join(cwd, "Dockerfile")).equals(bytes)).toBe(true);
    expect(r.code).toBe(1);
  });
});

describe("--fix-dry-run", () => {
  it("prints a unified diff and writes nothing", () => {
    const cwd = project({ Dockerfile: BAD });
    const r = dflint(["--fix-dry-run", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(BAD);
    expect(r.stdout).toContain("--- a/Dockerfile");
    expect(r.stdout).toContain("+++ b/Dockerfile");
    expect(r.stdout).toContain("@@ -1,5 +1,5 @@");
    expect(r.stdout).toContain("\n FROM scratch\n-ADD app /app\n+COPY app /app\n USER 1000\n");
    expect(r.stderr).toContain("dflint: 1 fix in 1 file (run with --fix to apply)");
    // The file as it stands still has the finding.
    expect(r.code).toBe(1);
  });

  it("works on standard input and says when there is nothing to fix", () => {
    const r = dflint(["--fix-dry-run", "--stdin-filename", "web/Dockerfile", "-"], {
      cwd: project({}),
      input: BAD,
    });
    expect(r.stdout).toContain("--- a/web/Dockerfile");
    const clean = dflint(["--fix-dry-run", "-"], { cwd: project({}), input: CLEAN });
    expect(clean.stdout).toBe("");
    expect(clean.stderr).toContain("nothing to fix");
    expect(clean.code).toBe(0);
  });
});
