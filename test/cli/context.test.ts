/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { dflint, parseJson, project } from "./helpers.js";

/** A repository whose Dockerfile lives in docker/ and is built with the repository as its context. */
const REPO = {
  "app/main.go": "package main\n",
  "app/go.mod": "module app\n",
  "README.md": "hi\n",
  "docker/Dockerfile": "FROM golang:1.23\nARG SRC=app\nCOPY ${SRC}/main.go ./app/go.mod README.md /src/\n",
};
const CODES = ["DF116", "DF220"];

function findings(cwd: string, args: string[], env?: Record<string, string>): string[] {
  const r = dflint(["--format", "json", "--no-fail", ...args], { cwd, env });
  expect(r.stderr).toBe("");
  expect(r.code).toBe(0);
  return parseJson(r.stdout)
    .filter((f) => CODES.includes(f.code))
    .map((f) => `${f.file}:${f.line}:${f.column} ${f.code} ${f.message}`);
}

describe("--context", () => {
  it("checks COPY sources against the given context, and only then", () => {
    const root = project(REPO);
    expect(findings(root, ["--context", ".", "docker/Dockerfile"])).toEqual([]);
    // The Dockerfile's folder is only a guess: DF220 stays quiet without --context.
    expect(findings(root, ["docker/Dockerfile"])).toEqual([]);
    expect(findings(root, ["--context", "docker", "docker/Dockerfile"])).toEqual([
      "docker/Dockerfile:3:6 DF220 the build context docker has no folder 'app': the build fails here",
      "docker/Dockerfile:3:21 DF220 the build context docker has no folder 'app': the build fails here",
      "docker/Dockerfile:3:34 DF220 the build context docker has no file or folder 'README.md': the build fails here",
    ]);
  });

  it("says so when the context is not a folder, and lints without it", () => {
    const root = project(REPO);
    const r = dflint(["--context", "nowhere", "--format", "json", "docker/Dockerfile"], { cwd: root });
    expect(r.stderr).toBe(
      "dflint: docker/Dockerfile: the build context nowhere is not a folder; linted without it\n",
    );
    expect(r.code).toBe(1);
    expect(parseJson(r.stdout).filter((f) => CODES.includes(f.code))).toEqual([]);
  });

  it("reads the context's .dockerignore, and prefers <Dockerfile>.dockerignore beside the Dockerfile", () => {
    const root = project({ ...REPO, ".dockerignore": "*.md\n" });
    expect(findings(root, ["--context", ".", "docker/Dockerfile"])).toEqual([
      "docker/Dockerfile:3:34 DF116 COPY source 'README.md' is excluded by .dockerignore (line 1: '*.md'): the builder never receives it",
    ]);
    const own = project({
      ...REPO,
      ".dockerignore": "*.md\n",
      "docker/Dockerfile.dockerignore": "app/go.mod\n",
    });
    expect(findings(own, ["--context", ".", "docker/Dockerfile"])).toEqual([
      "docker/Dockerfile:3:21 DF116 COPY source 'app/go.mod' is excluded by Dockerfile.dockerignore (line 1: 'app/go.mod'): the builder never receives it",
    ]);
  });

  it("in one run, each Dockerfile of a folder gets its own <Dockerfile>.dockerignore or else the context's", () => {
    const copy = "FROM golang:1.23\nCOPY ./app/go.mod README.md /src/\n";
    const root = project({
      ...REPO,
      ".dockerignore": "*.md\n",
      "docker/a.Dockerfile": copy,
      "docker/a.Dockerfile.dockerignore": "app/go.mod\n",
      "docker/b.Dockerfile": copy,
    });
    expect(findings(root, ["--context", ".", "docker/a.Dockerfile", "docker/b.Dockerfile"])).toEqual([
      "docker/a.Dockerfile:2:6 DF116 COPY source 'app/go.mod' is excluded by a.Dockerfile.dockerignore (line 1: 'app/go.mod'): the builder never receives it",
      "docker/b.Dockerfile:2:19 DF116 COPY source 'README.md' is excluded by .dockerignore (line 1: '*.md'): the builder never receives it",
    ]);
  });

  it("takes a .dockerignore beside the Dockerfile as its context's when no context is given", () => {
    const root = project({
      Dockerfile: "FROM alpine\nCOPY secret.txt /\n",
      "secret.txt": "",
      ".dockerignore": "secret.txt\n",
    });
    expect(findings(root, ["Dockerfile"]).map((f) => f.split(" ")[1])).toEqual(["DF116"]);
  });

  it("comes from the config file's `context`, relative to the config file", () => {
    const root = project({ ...REPO, "docker/.dflint.yaml": "context: ..\nbuild-args:\n  SRC: nope\n" });
    expect(findings(root, ["docker/Dockerfile"])).toEqual([
      "docker/Dockerfile:3:6 DF220 the build context . has no folder 'nope': the build fails here",
    ]);
  });
});

describe("--build-arg", () => {
  it("sets an ARG's value for the checks, and NAME alone takes it from the environment", () => {
    const root = project(REPO);
    const args = ["--context", ".", "docker/Dockerfile"];
    expect(findings(root, ["--build-arg", "SRC=ap", ...args])).toEqual([
      "docker/Dockerfile:3:6 DF220 the build context . has no folder 'ap' (did you mean 'app'?): the build fails here",
    ]);
    expect(findings(root, ["--build-arg", "SRC", ...args], { SRC: "ap" })).toHaveLength(1);
    // Unset in the environment: left out, as docker does, so the default applies.
    expect(findings(root, ["--build-arg", "SRC", ...args])).toEqual([]);
  });

  it("applies to every file of a run, also files of the same text read ahead together", () => {
    // Two files are modelled ahead of their lint (and handed to ShellCheck together when it is installed): each
    // model has the run's build args, so both files resolve the FROM to ubuntu:latest.
    const text = "ARG TAG\nFROM ubuntu:${TAG}\nRUN echo hi\n";
    const root = project({ "a.Dockerfile": text, "b.Dockerfile": text });
    for (const extra of [[], ["--no-shellcheck"], ["--cache", "--cache-location", ".cache"]]) {
      const r = dflint(
        [
          "-f",
          "json",
          "--no-fail",
          "--threads",
          "1",
          ...extra,
          "--build-arg",
          "TAG=latest",
          "a.Dockerfile",
          "b.Dockerfile",
        ],
        {
          cwd: root,
        },
      );
      expect(r.code).toBe(0);
      const latest = parseJson(r.stdout).filter((f) => f.code === "DL3007");
      expect(latest.map((f) => `${f.file}:${f.line}:${f.column}`)).toEqual([
        "a.Dockerfile:2:6",
        "b.Dockerfile:2:6",
      ]);
    }
  });

  it("rejects a malformed one", () => {
    const r = dflint(["--build-arg", "=x", "Dockerfile"], { cwd: project({ Dockerfile: "FROM alpine\n" }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("invalid --build-arg '=x'");
  });
});

describe("--compose and --service", () => {
  const compose = (build: string) =>
    project({
      ...REPO,
      "deploy/compose.yaml": `services:\n  db:\n    image: postgres\n  web:\n    build:\n${build}`,
    });

  it("lints the service's Dockerfile with its context and args (list form) when no file is named", () => {
    const root = compose(
      "      context: ..\n      dockerfile: docker/Dockerfile\n      args:\n        - SRC=src\n",
    );
    expect(findings(root, ["--compose", "deploy/compose.yaml", "--service", "web"])).toEqual([
      "docker/Dockerfile:3:6 DF220 the build context . has no folder 'src': the build fails here",
    ]);
  });

  it("reads args in map form (a null value comes from the environment), picks the only service with a build", () => {
    const root = compose(
      "      context: ..\n      dockerfile: docker/Dockerfile\n      args:\n        SRC:\n",
    );
    expect(findings(root, ["--compose", "deploy/compose.yaml"], { SRC: "lib" })).toEqual([
      "docker/Dockerfile:3:6 DF220 the build context . has no folder 'lib': the build fails here",
    ]);
    expect(findings(root, ["--compose", "deploy/compose.yaml"])).toEqual([]);
  });

  it("interpolates ${VAR:-default} and applies to the files named on the command line", () => {
    const root = compose("      context: ${CTX:-../docker}\n      dockerfile: Dockerfile\n");
    expect(findings(root, ["--compose", "deploy/compose.yaml", "docker/Dockerfile"])).toHaveLength(3);
    expect(findings(root, ["--compose", "deploy/compose.yaml", "docker/Dockerfile"], { CTX: ".." })).toEqual(
      [],
    );
  });

  it("fails clearly for a service that is not there, and for --service without --compose", () => {
    const root = compose("      context: ..\n");
    const r = dflint(["--compose", "deploy/compose.yaml", "--service", "api"], { cwd: root });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("dflint: deploy/compose.yaml: no service 'api' (services with a build: web)\n");
    const s = dflint(["--service", "web", "docker/Dockerfile"], { cwd: root });
    expect(s.code).toBe(2);
    expect(s.stderr).toContain("--service only works with --compose FILE");
  });
});
