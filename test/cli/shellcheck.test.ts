import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { findShellCheck } from "../../server/lint/shellcheck.js";
import { dflint, parseJson, project } from "./helpers.js";

const binary = findShellCheck(undefined);
const DOCKERFILE = "FROM debian:12\nRUN echo hi && \\\n    ls $DIR\nUSER 1000\n";

/** `code line:column` of the ShellCheck findings in a JSON report. */
function sc(stdout: string): string[] {
  return parseJson(stdout)
    .filter((f) => f.code.startsWith("SC"))
    .map((f) => `${f.file} ${f.code} ${f.line}:${f.column}-${f.endLine}:${f.endColumn}`);
}

describe.skipIf(!binary)("dflint with ShellCheck (built binary)", () => {
  it("reports SC findings at their place, with one process for all files, and caches them", () => {
    const cwd = project({
      "a/Dockerfile": DOCKERFILE,
      "b/Dockerfile": DOCKERFILE,
      "c/Dockerfile": DOCKERFILE,
    });
    const env = { DFLINT_CACHE_DIR: mkdtempSync(join(tmpdir(), "dflint-sc-cli-")) };
    const first = dflint(["-f", "json", "--verbose", "."], { cwd, env });
    expect(sc(first.stdout)).toEqual([
      "a/Dockerfile SC2086 3:8-3:12",
      "b/Dockerfile SC2086 3:8-3:12",
      "c/Dockerfile SC2086 3:8-3:12",
    ]);
    expect(first.stderr).toContain("ShellCheck auto: 1 process(es) started");
    const warm = dflint(["-f", "json", "--verbose", "."], { cwd, env });
    expect(sc(warm.stdout)).toEqual(sc(first.stdout));
    expect(warm.stderr).toContain("ShellCheck auto: 0 process(es) started");
    const noCache = dflint(["-f", "json", "--verbose", "--no-cache", "."], { cwd, env });
    expect(noCache.stderr).toContain("ShellCheck auto: 1 process(es) started");
  });

  it("codes in --ignore, severity flags and the config file; --no-shellcheck and shellcheck: false", () => {
    const cwd = project({ Dockerfile: DOCKERFILE });
    expect(sc(dflint(["-f", "json", "--ignore", "SC2086", "Dockerfile"], { cwd }).stdout)).toEqual([]);
    const error = parseJson(dflint(["-f", "json", "--error", "SC2086", "Dockerfile"], { cwd }).stdout);
    expect(error.filter((f) => f.code === "SC2086").map((f) => f.level)).toEqual(["error"]);
    expect(sc(dflint(["-f", "json", "--no-shellcheck", "Dockerfile"], { cwd }).stdout)).toEqual([]);
    const off = project({ Dockerfile: DOCKERFILE, ".dflint.yaml": "shellcheck: false\n" });
    expect(sc(dflint(["-f", "json", "Dockerfile"], { cwd: off }).stdout)).toEqual([]);
    const ignored = project({ Dockerfile: DOCKERFILE, ".dflint.yaml": "ignored: [SC2086]\n" });
    expect(sc(dflint(["-f", "json", "Dockerfile"], { cwd: ignored }).stdout)).toEqual([]);
    const path = project({ Dockerfile: DOCKERFILE, ".dflint.yaml": `shellcheck: ${binary}\n` });
    expect(sc(dflint(["-f", "json", "Dockerfile"], { cwd: path }).stdout)).toEqual([
      "Dockerfile SC2086 3:8-3:12",
    ]);
  });

  it("--fix-dry-run --unsafe-fixes shows ShellCheck's edit as an unsafe fix", () => {
    const cwd = project({ Dockerfile: DOCKERFILE });
    const diff = dflint(["--fix-dry-run", "--unsafe-fixes", "Dockerfile"], { cwd });
    expect(diff.stdout).toContain('+    ls "$DIR"');
    expect(diff.stderr).toContain("unsafe fix SC2086");
  });
});

describe("dflint without ShellCheck", () => {
  const env = { PATH: "/nonexistent" };

  it("says so once under --verbose, and never fails for it", () => {
    const cwd = project({ "a/Dockerfile": DOCKERFILE, "b/Dockerfile": DOCKERFILE });
    const quiet = dflint(["-f", "json", "."], { cwd, env });
    expect(quiet.stderr).toBe("");
    expect(sc(quiet.stdout)).toEqual([]);
    const verbose = dflint(["-f", "json", "--verbose", "."], { cwd, env });
    expect(verbose.stderr.match(/shellcheck is not on PATH/g)?.length).toBe(1);
    expect(verbose.code).toBe(quiet.code);
  });

  it("warns when a missing binary is asked for by name", () => {
    const cwd = project({ Dockerfile: DOCKERFILE });
    const r = dflint(["--shellcheck", "/nonexistent/shellcheck", "Dockerfile"], { cwd, env });
    expect(r.stderr).toContain("warning: '/nonexistent/shellcheck' is not an executable file");
  });

  it("--explain SC2086 points to ShellCheck's page", () => {
    const r = dflint(["--explain", "SC2086"], { cwd: project({}) });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("https://www.shellcheck.net/wiki/SC2086");
  });
});
