import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { BAD, CLEAN, REPO_ROOT } from "./helpers.js";

const hasPreCommit = spawnSync("pre-commit", ["--version"], { encoding: "utf8" }).status === 0;
if (!hasPreCommit) {
  console.warn(
    "precommit.test.ts: skipped: install pre-commit (apt-get install pre-commit) to run this test",
  );
}

const GIT_ENV = {
  GIT_AUTHOR_NAME: "dflint test",
  GIT_AUTHOR_EMAIL: "test@example.invalid",
  GIT_COMMITTER_NAME: "dflint test",
  GIT_COMMITTER_EMAIL: "test@example.invalid",
  GIT_CONFIG_NOSYSTEM: "1",
};

function sh(cmd: string, args: string[], cwd: string, env: Record<string, string> = {}) {
  const r = spawnSync(cmd, args, {
    cwd,
    env: { ...process.env, ...GIT_ENV, ...env },
    encoding: "utf8",
    timeout: 600_000,
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}` };
}

function git(cwd: string, ...args: string[]) {
  const r = sh("git", ["-c", "init.defaultBranch=main", "-c", "commit.gpgsign=false", ...args], cwd);
  if (r.code !== 0) throw new Error(`git ${args.join(" ")} failed:\n${r.out}`);
}

/** pre-commit installs hooks from a repository's committed HEAD, so the working tree (which may hold changes
 * not committed yet, or be a fresh CI clone) is copied into a new repository and committed there. */
function snapshotOfThisRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "dflint-hookrepo-"));
  const skipped = new Set(["node_modules", "dist", ".git", "coverage"]);
  cpSync(REPO_ROOT, dir, {
    recursive: true,
    filter: (src) => !skipped.has(basename(src)) || src === REPO_ROOT.replace(/\/$/, ""),
  });
  git(dir, "init", "-q");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "snapshot");
  return dir;
}

describe("pre-commit hooks", () => {
  it("declares dflint and dflint-fix for Dockerfiles, run by node", () => {
    const hooks = parse(readFileSync(join(REPO_ROOT, ".pre-commit-hooks.yaml"), "utf8")) as {
      id: string;
      entry: string;
      language: string;
      types: string[];
    }[];
    expect(hooks.map((h) => h.id)).toEqual(["dflint", "dflint-fix"]);
    for (const h of hooks) {
      expect(h.language).toBe("node");
      expect(h.types).toEqual(["dockerfile"]);
      expect(h.entry.split(" ")[0]).toBe("dflint");
    }
  });

  it.skipIf(!hasPreCommit)(
    "try-repo: fails on a bad Dockerfile with our finding, passes once it is fixed",
    () => {
      const hookRepo = snapshotOfThisRepo();
      const project = mkdtempSync(join(tmpdir(), "dflint-precommit-"));
      git(project, "init", "-q");
      writeFileSync(join(project, "Dockerfile"), BAD);
      // Only errors fail, so rules added later that flag the clean file as info or style do not break this test.
      writeFileSync(join(project, ".hadolint.yaml"), "failure-threshold: error\n");
      git(project, "add", "Dockerfile", ".hadolint.yaml");
      const env = { PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), "dflint-precommit-home-")) };

      const failing = sh(
        "pre-commit",
        ["try-repo", hookRepo, "dflint", "--files", "Dockerfile"],
        project,
        env,
      );
      expect(failing.out).toContain("DL3020");
      expect(failing.code).toBe(1);

      writeFileSync(join(project, "Dockerfile"), CLEAN);
      git(project, "add", "Dockerfile");
      const passing = sh(
        "pre-commit",
        ["try-repo", hookRepo, "dflint", "--files", "Dockerfile"],
        project,
        env,
      );
      expect(passing.out).toMatch(/dflint\.+Passed/);
      expect(passing.code).toBe(0);
    },
    900_000,
  );
});
