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

  it("the README's snippet names this repository, a commit of main that has the hooks, and our hook", () => {
    const { config, rev } = readmeSnippet();
    expect(config).toContain("repo: https://github.com/dflint/dflint\n");
    expect(config).toMatch(/- id: dflint\n/);
    expect(rev).toMatch(/^[0-9a-f]{40}$/);
    // A shallow clone (some CI checkouts) may not have the commit; a full one must, with the hooks file in it.
    const shallow = sh("git", ["rev-parse", "--is-shallow-repository"], REPO_ROOT).out.trim();
    if (shallow === "false")
      expect(sh("git", ["cat-file", "-e", `${rev}:.pre-commit-hooks.yaml`], REPO_ROOT).code).toBe(0);
  });

  it.skipIf(!hasPreCommit)(
    "the README's snippet, as written, fails on a bad Dockerfile with our finding and passes once it is fixed",
    () => {
      const { config, rev } = readmeSnippet();
      const hookRepo = snapshotOfThisRepo();
      const head = sh("git", ["rev-parse", "HEAD"], hookRepo).out.trim();
      // Only where the hooks come from changes: this working tree, committed, instead of GitHub at `rev`.
      const local = config.replace("https://github.com/dflint/dflint", hookRepo).replace(rev, head);
      const project = mkdtempSync(join(tmpdir(), "dflint-precommit-"));
      git(project, "init", "-q");
      writeFileSync(join(project, ".pre-commit-config.yaml"), local);
      writeFileSync(join(project, "Dockerfile"), BAD);
      // Only errors fail, so rules added later that flag the clean file as info or style do not break this test.
      writeFileSync(join(project, ".hadolint.yaml"), "failure-threshold: error\n");
      git(project, "add", "-A");
      const env = { PRE_COMMIT_HOME: mkdtempSync(join(tmpdir(), "dflint-precommit-home-")) };

      const failing = sh("pre-commit", ["run", "--files", "Dockerfile"], project, env);
      expect(failing.out).toContain("DL3020");
      expect(failing.code).toBe(1);

      writeFileSync(join(project, "Dockerfile"), CLEAN);
      git(project, "add", "Dockerfile");
      const passing = sh("pre-commit", ["run", "--files", "Dockerfile"], project, env);
      expect(passing.out).toMatch(/dflint\.+Passed/);
      expect(passing.code).toBe(0);
    },
    900_000,
  );
});

/** The first YAML block of the README's pre-commit section, and the `rev` it gives. */
function readmeSnippet(): { config: string; rev: string } {
  const readme = readFileSync(join(REPO_ROOT, "README.md"), "utf8");
  const section = readme.slice(readme.indexOf("## pre-commit"));
  const block = /```yaml\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error("README.md has no yaml block under '## pre-commit'");
  const config = block[1];
  const parsed = parse(config) as { repos: { repo: string; rev: string }[] };
  return { config, rev: String(parsed.repos[0].rev) };
}
