import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD, BAD_SAFE, CLEAN, dflint, project, summary } from "./helpers.js";

describe("--fix", () => {
  it("rewrites the file with safe fixes, says what it fixed, and reports what is left", () => {
    const cwd = project({ Dockerfile: BAD_SAFE });
    const fixed = dflint(["--fix", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(CLEAN);
    expect(fixed.stdout).toContain("Dockerfile: fixed 1 problem (DF104)");
    expect(fixed.stdout).not.toContain("style DF104");
    expect(fixed.code).toBe(0);
  });

  it("leaves unsafe fixes alone: ADD -> COPY is only applied with --unsafe-fixes", () => {
    const cwd = project({ Dockerfile: BAD });
    const r = dflint(["--fix", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(BAD);
    expect(r.stdout).toContain("Dockerfile:2:1 error DL3020");
    expect(r.stdout).toContain("(1 more with --unsafe-fixes)");
    expect(r.code).toBe(1);
  });

  it("applies safe and unsafe fixes together with --unsafe-fixes", () => {
    const cwd = project({ Dockerfile: BAD.replace("USER", "user") });
    const r = dflint(["--fix", "--unsafe-fixes", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(CLEAN);
    expect(r.stdout).toContain("Dockerfile: fixed 2 problems (DF104, DL3020)");
    expect(r.code).toBe(0);
  });

  it("keeps a byte order mark and CRLF line endings", () => {
    const cwd = project({ Dockerfile: `\uFEFF${BAD_SAFE.replace(/\n/g, "\r\n")}` });
    dflint(["--fix", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(`\uFEFF${CLEAN.replace(/\n/g, "\r\n")}`);
  });

  it("does not touch files with nothing to fix, nor rules that are turned off", () => {
    const cwd = project({ Dockerfile: BAD_SAFE });
    const r = dflint(["--fix", "--ignore", "DF104", "Dockerfile"], { cwd });
    expect(r.code).toBe(0);
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(BAD_SAFE);
  });

  it("reports fixes on standard error with machine-readable formats, keeping stdout valid", () => {
    const cwd = project({ Dockerfile: BAD_SAFE });
    const r = dflint(["--fix", "-f", "json", "Dockerfile"], { cwd });
    expect(summary(r.stdout, ["DF104"])).toEqual([]);
    expect(r.stderr).toContain("Dockerfile: fixed 1 problem");
  });

  it("never rewrites a file that is not valid UTF-8", () => {
    const bytes = Buffer.from(`${BAD.replace("USER", "user")}LABEL x=\xff\n`, "latin1");
    const cwd = project({ Dockerfile: bytes });
    const r = dflint(["--fix", "Dockerfile"], { cwd });
    expect(r.stderr).toContain("not fixed: the file is not valid UTF-8");
    expect(readFileSync(join(cwd, "Dockerfile")).equals(bytes)).toBe(true);
    expect(r.code).toBe(1);
  });

  it("reads a UTF-8 file after one that is not valid UTF-8 in the same run as UTF-8 (one decoder serves all)", () => {
    const bad = Buffer.from(`${BAD_SAFE}LABEL x=\xff\n`, "latin1");
    const good = `${BAD_SAFE}LABEL name="café ☕"\n`;
    const cwd = project({ "a/Dockerfile": bad, "b/Dockerfile": good });
    const r = dflint(["--fix", "a/Dockerfile", "b/Dockerfile"], { cwd });
    expect(r.stderr).toContain("a/Dockerfile: not fixed: the file is not valid UTF-8");
    expect(r.stderr).not.toContain("b/Dockerfile: not fixed");
    expect(readFileSync(join(cwd, "a/Dockerfile")).equals(bad)).toBe(true);
    expect(readFileSync(join(cwd, "b/Dockerfile"), "utf8")).toBe(`${CLEAN}LABEL name="café ☕"\n`);
  });
});

describe("--unsafe-fixes", () => {
  it("is a usage error without --fix or --fix-dry-run", () => {
    const r = dflint(["--unsafe-fixes", "Dockerfile"], { cwd: project({ Dockerfile: BAD }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--unsafe-fixes only works with --fix or --fix-dry-run");
  });
});

describe("--fix-dry-run", () => {
  it("prints a unified diff of the safe fixes, writes nothing, and counts the unsafe ones left", () => {
    const cwd = project({ Dockerfile: BAD.replace("USER", "user") });
    const r = dflint(["--fix-dry-run", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(BAD.replace("USER", "user"));
    expect(r.stdout).toContain("--- a/Dockerfile");
    expect(r.stdout).toContain("+++ b/Dockerfile");
    expect(r.stdout).toContain("@@ -1,5 +1,5 @@");
    expect(r.stdout).toContain("\n FROM scratch\n ADD app /app\n-user 1000\n+USER 1000\n HEALTHCHECK NONE\n");
    expect(r.stderr).toBe("dflint: 1 fix in 1 file (run with --fix to apply); 1 more with --unsafe-fixes\n");
    // The file as it stands still has the findings.
    expect(r.code).toBe(1);
  });

  it("with --unsafe-fixes, includes them and names each unsafe fix with what it could change", () => {
    const cwd = project({ Dockerfile: BAD });
    const r = dflint(["--fix-dry-run", "--unsafe-fixes", "Dockerfile"], { cwd });
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(BAD);
    expect(r.stdout).toContain("\n FROM scratch\n-ADD app /app\n+COPY app /app\n USER 1000\n");
    expect(r.stderr).toBe(
      "dflint: Dockerfile: unsafe fix DL3020 (Replace ADD with COPY): ADD unpacks a local tar archive whatever its name (Docker looks at the content); COPY copies it as one file\n" +
        "dflint: 1 fix, 1 of them unsafe, in 1 file (run with --fix --unsafe-fixes to apply)\n",
    );
  });

  it("works on standard input and says when there is nothing to fix", () => {
    const r = dflint(["--fix-dry-run", "--stdin-filename", "web/Dockerfile", "-"], {
      cwd: project({}),
      input: BAD_SAFE,
    });
    expect(r.stdout).toContain("--- a/web/Dockerfile");
    const clean = dflint(["--fix-dry-run", "-"], { cwd: project({}), input: CLEAN });
    expect(clean.stdout).toBe("");
    expect(clean.stderr).toBe("dflint: nothing to fix\n");
    expect(clean.code).toBe(0);
    const unsafeOnly = dflint(["--fix-dry-run", "-"], { cwd: project({}), input: BAD });
    expect(unsafeOnly.stdout).toBe("");
    expect(unsafeOnly.stderr).toBe("dflint: nothing to fix; 1 more with --unsafe-fixes\n");
  });
});
