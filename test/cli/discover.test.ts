import { chmodSync, symlinkSync, writeFileSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { displayPath, resolveArg } from "../../server/cli/discover.js";
import { BAD, CLEAN, dflint, parseJson, project } from "./helpers.js";

function linted(cwd: string, args: string[]): string[] {
  const r = dflint(["-f", "json", ...args], { cwd });
  expect(r.stderr).not.toContain("internal error");
  return [...new Set(parseJson(r.stdout).map((f) => f.file))].sort();
}

describe("finding Dockerfiles in directories", () => {
  it("matches Dockerfile names case-insensitively and skips other files", () => {
    const cwd = project({
      Dockerfile: BAD,
      "Dockerfile.prod": BAD,
      "Dockerfile-dev": BAD,
      Dockerfile_test: BAD,
      "api.Dockerfile": BAD,
      "web.dockerfile": BAD,
      Containerfile: BAD,
      "Containerfile.arm64": BAD,
      "sub/DOCKERFILE": BAD,
      "sub/containerfile": BAD,
      "Dockerfile.dockerignore": BAD,
      "README.md": BAD,
      "Dockerfiles.txt": BAD,
      "notes.txt": BAD,
      MyDockerfile: BAD,
    });
    expect(linted(cwd, ["."])).toEqual([
      "Containerfile",
      "Containerfile.arm64",
      "Dockerfile",
      "Dockerfile-dev",
      "Dockerfile.prod",
      "Dockerfile_test",
      "api.Dockerfile",
      "sub/DOCKERFILE",
      "sub/containerfile",
      "web.dockerfile",
    ]);
  });

  it("skips node_modules, .git and what .gitignore files exclude, nested ones included", () => {
    const cwd = project({
      ".gitignore": "build/\n*.generated.Dockerfile\n",
      Dockerfile: BAD,
      "node_modules/pkg/Dockerfile": BAD,
      ".git/Dockerfile": BAD,
      "build/Dockerfile": BAD,
      "x.generated.Dockerfile": BAD,
      "app/.gitignore": "legacy/\n!keep.generated.Dockerfile\n",
      "app/Dockerfile": BAD,
      "app/legacy/Dockerfile": BAD,
      "app/keep.generated.Dockerfile": BAD,
      ".devcontainer/Dockerfile": BAD,
    });
    expect(linted(cwd, ["."])).toEqual([
      ".devcontainer/Dockerfile",
      "Dockerfile",
      "app/Dockerfile",
      "app/keep.generated.Dockerfile",
    ]);
  });

  it("applies the repository's .gitignore when a subdirectory is searched", () => {
    const cwd = project({ ".gitignore": "app/out/\n", "app/Dockerfile": BAD, "app/out/Dockerfile": BAD });
    expect(linted(cwd, ["app"])).toEqual(["app/Dockerfile"]);
  });

  it("lints a file named explicitly whatever its name, even when .gitignore lists it", () => {
    const cwd = project({ ".gitignore": "*.txt\n", "image.txt": BAD });
    expect(linted(cwd, ["image.txt"])).toEqual(["image.txt"]);
  });

  it("expands glob patterns", () => {
    const cwd = project({
      "docker/a.df": BAD,
      "docker/b.df": BAD,
      "docker/deep/c.df": BAD,
      "docker/Dockerfile": BAD,
      "node_modules/x/d.df": BAD,
    });
    expect(linted(cwd, ["docker/*.df"])).toEqual(["docker/a.df", "docker/b.df"]);
    expect(linted(cwd, ["**/*.df"])).toEqual(["docker/a.df", "docker/b.df", "docker/deep/c.df"]);
  });

  it("lints each file once when paths overlap", () => {
    const cwd = project({ Dockerfile: BAD });
    const r = dflint(["-f", "json", "Dockerfile", ".", "./Dockerfile"], { cwd });
    expect(parseJson(r.stdout).filter((f) => f.code === "DL3020")).toHaveLength(1);
  });

  it("reports a directory without Dockerfiles and a pattern matching nothing", () => {
    const cwd = project({ "empty/readme.md": "x", Dockerfile: CLEAN });
    const r = dflint(["empty", "*.nothing", "Dockerfile"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("dflint: empty: no Dockerfiles found in this directory");
    expect(r.stderr).toContain("dflint: *.nothing: no files match this pattern");
  });
});

describe("default path and standard input", () => {
  it("lints ./Dockerfile when no path is given", () => {
    const cwd = project({ Dockerfile: BAD });
    expect(linted(cwd, [])).toEqual(["Dockerfile"]);
  });

  it("exits 2 with a clear message when there is no ./Dockerfile", () => {
    const r = dflint([], { cwd: project({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("no Dockerfile in the current directory");
  });

  it("reads - from standard input, reported as -", () => {
    const r = dflint(["-f", "json", "-"], { cwd: project({}), input: BAD });
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).find((f) => f.code === "DL3020")?.file).toBe("-");
  });

  it("reports standard input under --stdin-filename and uses that path's config", () => {
    const cwd = project({ "svc/.dflint.yaml": "ignored: [DL3020]\n" });
    const named = dflint(["-f", "json", "--stdin-filename", "svc/Dockerfile", "-"], { cwd, input: BAD });
    expect(named.code).toBe(0);
    expect(parseJson(named.stdout).filter((f) => f.code === "DL3020")).toEqual([]);
    const elsewhere = dflint(["-f", "json", "--stdin-filename", "other/Dockerfile", "-"], {
      cwd,
      input: BAD,
    });
    expect(parseJson(elsewhere.stdout).find((f) => f.code === "DL3020")?.file).toBe("other/Dockerfile");
  });

  it("refuses --fix on standard input", () => {
    const r = dflint(["--fix", "-"], { cwd: project({}), input: BAD });
    expect(r.code).toBe(2);
  });
});

describe("files that cannot be read", () => {
  it("reports a missing file and still lints the others, exiting 1 even with --no-fail", () => {
    const cwd = project({ Dockerfile: BAD, "clean/Dockerfile": CLEAN });
    const r = dflint(["-f", "json", "missing/Dockerfile", "Dockerfile"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("dflint: missing/Dockerfile: cannot read file (no such file or directory)");
    expect(parseJson(r.stdout).some((f) => f.code === "DL3020" && f.file === "Dockerfile")).toBe(true);
    const noFail = dflint(["--no-fail", "missing", "clean/Dockerfile"], { cwd });
    expect(noFail.code).toBe(1);
  });

  it("reports a dangling symbolic link", () => {
    const cwd = project({ Dockerfile: CLEAN });
    symlinkSync(join(cwd, "nowhere"), join(cwd, "Dockerfile.link"));
    const r = dflint(["Dockerfile.link", "Dockerfile"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Dockerfile.link: cannot read file");
  });

  it.skipIf(process.getuid?.() === 0)("reports a file without read permission", () => {
    const cwd = project({ Dockerfile: CLEAN, "Dockerfile.secret": CLEAN });
    chmodSync(join(cwd, "Dockerfile.secret"), 0);
    const r = dflint(["."], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Dockerfile.secret: cannot read file (permission denied)");
  });

  it("lints binary and invalid UTF-8 files without crashing", () => {
    const bytes = Buffer.alloc(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919 + 13) % 256;
    const cwd = project({
      "Dockerfile.bin": bytes,
      "Dockerfile.latin1": Buffer.from("FROM scratch\nLABEL a=\xe9\xff\nADD a /b/\n", "latin1"),
    });
    const r = dflint(["-f", "json", "."], { cwd });
    expect([0, 1]).toContain(r.code);
    expect(r.stderr).not.toContain("internal error");
    expect(parseJson(r.stdout).some((f) => f.file === "Dockerfile.latin1" && f.code === "DL3020")).toBe(true);
  });

  it("skips files too large to be Dockerfiles", () => {
    const cwd = project({ Dockerfile: CLEAN });
    writeFileSync(join(cwd, "Dockerfile.huge"), Buffer.alloc(11 * 1024 * 1024, "#"));
    const r = dflint(["Dockerfile.huge", "Dockerfile"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain("Dockerfile.huge: skipped: the file is larger than 10 MiB");
  });

  it("skips a file of more instructions than it lints, and lints the others", () => {
    // 500,001 one-letter instructions (1 MB). 5 million of them ran the command out of a 2 GB heap.
    const cwd = project({ Dockerfile: BAD, "Dockerfile.many": `${"x\n".repeat(500_000)}x\n` });
    const r = dflint(["-f", "json", "Dockerfile.many", "Dockerfile"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "Dockerfile.many: skipped: the file has 500001 instructions, more than the 500000 dflint lints in one file",
    );
    const files = new Set(parseJson(r.stdout).map((f) => f.file));
    expect([...files]).toEqual(["Dockerfile"]);
  });
});

describe("displayPath", () => {
  it("shows a path as path.relative does: below the folder relative, elsewhere absolute", () => {
    const folders = ["/w", "/w/p", "/w/p/", "/", "/w//p", "/w/./p", "/w/p/..", "/w/p/a"];
    const paths = [
      "/w/p/Dockerfile",
      "/w/p/a/b.Dockerfile",
      "/w/p/..hidden/Dockerfile",
      "/w/p/../q/Dockerfile",
      "/w/p//a/Dockerfile",
      "/w/p/./a/Dockerfile",
      "/w/pq/Dockerfile",
      "/w/p",
      "/x/Dockerfile",
      "/w/p/a/..",
    ];
    for (const cwd of folders)
      for (const abs of paths) {
        const rel = relative(cwd, abs);
        const expected = rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : abs;
        expect([cwd, abs, displayPath(abs, cwd)]).toEqual([cwd, abs, expected]);
      }
  });
});

describe("resolveArg", () => {
  it("gives what path.resolve gives", () => {
    const folders = ["/w", "/w/p", "/w/p/", "/", "/w//p", "/w/./p", "/w/p/.."];
    const args = [
      "Dockerfile",
      "a/b.Dockerfile",
      "./a",
      "../a",
      "a/../b",
      "a//b",
      "a/./b",
      "a/",
      "a/.",
      "a/..",
      ".",
      "..",
      "..a",
      ".a/b",
      "/abs/x",
      "",
    ];
    for (const cwd of folders)
      for (const arg of args) expect([cwd, arg, resolveArg(cwd, arg)]).toEqual([cwd, arg, resolve(cwd, arg)]);
  });
});
