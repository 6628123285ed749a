import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BAD, dflint, parseJson, project, summary } from "./helpers.js";

/** `file code level` of DL3020 findings. */
function dl3020(cwd: string, args: string[], env?: Record<string, string>): string[] {
  const r = dflint(["-f", "json", ...args], { cwd, env });
  expect(r.stderr).toBe("");
  return summary(r.stdout, ["DL3020"]);
}

describe("config file discovery", () => {
  it("uses the nearest config walking up from each file's directory", () => {
    const cwd = project({
      ".dflint.yaml": "ignored: [DL3020]\n",
      "a/b/Dockerfile": BAD,
      "c/.hadolint.yaml": "override:\n  warning: [DL3020]\n",
      "c/d/Dockerfile": BAD,
      Dockerfile: BAD,
    });
    expect(dl3020(cwd, ["."])).toEqual(["c/d/Dockerfile DL3020 warning"]);
  });

  it("reads .hadolint.yml and prefers .dflint.yaml over .hadolint.yaml in one directory", () => {
    const a = project({ ".hadolint.yml": "override:\n  style: [DL3020]\n", Dockerfile: BAD });
    expect(dl3020(a, ["Dockerfile"])).toEqual(["Dockerfile DL3020 style"]);
    const b = project({
      ".dflint.yaml": "override:\n  info: [DL3020]\n",
      ".hadolint.yaml": "ignored: [DL3020]\n",
      Dockerfile: BAD,
    });
    expect(dl3020(b, ["Dockerfile"])).toEqual(["Dockerfile DL3020 info"]);
  });

  it("stops at the repository root", () => {
    const outer = project(
      { ".dflint.yaml": "ignored: [DL3020]\n", "repo/.git": null, "repo/Dockerfile": BAD },
      { git: false },
    );
    expect(dl3020(join(outer, "repo"), ["Dockerfile"])).toEqual(["Dockerfile DL3020 error"]);
  });

  it("falls back to the user config: dflint's under XDG_CONFIG_HOME, then hadolint's", () => {
    const cwd = project({ Dockerfile: BAD });
    const home = project({ ".config/dflint/config.yaml": "override:\n  warning: [DL3020]\n" });
    expect(dl3020(cwd, ["Dockerfile"], { HOME: home, XDG_CONFIG_HOME: join(home, ".config") })).toEqual([
      "Dockerfile DL3020 warning",
    ]);
    const hadolintHome = project({ ".config/hadolint.yaml": "ignored: [DL3020]\n" });
    expect(dl3020(cwd, ["Dockerfile"], { HOME: hadolintHome, XDG_CONFIG_HOME: "" })).toEqual([]);
  });

  it("uses --config instead of any config it would find", () => {
    const cwd = project({
      ".dflint.yaml": "ignored: [DL3020]\n",
      "ci/lint.yaml": "override:\n  warning: [DL3020]\n",
      Dockerfile: BAD,
    });
    expect(dl3020(cwd, ["--config", "ci/lint.yaml", "Dockerfile"])).toEqual(["Dockerfile DL3020 warning"]);
    expect(dl3020(cwd, ["-c", "ci/lint.yaml", "Dockerfile"])).toEqual(["Dockerfile DL3020 warning"]);
  });

  it("takes the output format and no-fail from the working directory's config", () => {
    const cwd = project({ ".hadolint.yaml": "format: json\nno-fail: true\n", Dockerfile: BAD });
    const r = dflint(["Dockerfile"], { cwd });
    expect(r.code).toBe(0);
    expect(summary(r.stdout, ["DL3020"])).toEqual(["Dockerfile DL3020 error"]);
  });
});

describe("precedence: command line > config file > environment > defaults", () => {
  const cwd = project({ Dockerfile: BAD });
  const withConfig = project({
    ".dflint.yaml": "override:\n  info: [DL3020]\nfailure-threshold: warning\n",
    Dockerfile: BAD,
  });
  const env = { HADOLINT_OVERRIDE_WARNING: "DL3020", HADOLINT_FAILURE_THRESHOLD: "info" };

  it("severity overrides", () => {
    expect(dl3020(cwd, ["Dockerfile"], env)).toEqual(["Dockerfile DL3020 warning"]);
    expect(dl3020(withConfig, ["Dockerfile"], env)).toEqual(["Dockerfile DL3020 info"]);
    expect(dl3020(withConfig, ["--style", "DL3020", "Dockerfile"], env)).toEqual(["Dockerfile DL3020 style"]);
  });

  it("failure threshold", () => {
    const code = (dir: string, args: string[], e?: Record<string, string>) =>
      dflint(args, { cwd: dir, env: e }).code;
    // DL3020 as info: the environment's threshold (info) fails, the config's (warning) does not, the CLI's wins.
    expect(code(cwd, ["--info", "DL3020", "Dockerfile"], env)).toBe(1);
    expect(code(withConfig, ["Dockerfile"], env)).toBe(0);
    expect(code(withConfig, ["-t", "info", "Dockerfile"], env)).toBe(1);
  });

  it("the command line can turn a rule the config ignores back on", () => {
    const ignoring = project({ ".dflint.yaml": "ignored: [DL3020]\n", Dockerfile: BAD });
    expect(dl3020(ignoring, ["Dockerfile"])).toEqual([]);
    expect(dl3020(ignoring, ["--warning", "DL3020", "Dockerfile"])).toEqual(["Dockerfile DL3020 warning"]);
  });

  it("DFLINT_ variables win over HADOLINT_ ones", () => {
    const r = dflint(["Dockerfile"], { cwd, env: { HADOLINT_FORMAT: "json", DFLINT_FORMAT: "gnu" } });
    expect(r.stdout).toMatch(/^dflint:Dockerfile:2: DL3020 error: /m);
  });
});

describe("environment variables", () => {
  const cwd = project({ Dockerfile: BAD });

  it("HADOLINT_IGNORE, HADOLINT_NOFAIL and HADOLINT_FORMAT", () => {
    expect(dl3020(cwd, ["Dockerfile"], { HADOLINT_IGNORE: "DL3059,DL3020" })).toEqual([]);
    expect(dflint(["Dockerfile"], { cwd, env: { HADOLINT_NOFAIL: "1" } }).code).toBe(0);
    expect(dflint(["Dockerfile"], { cwd, env: { HADOLINT_NOFAIL: "false" } }).code).toBe(1);
    const r = dflint(["Dockerfile"], { cwd, env: { HADOLINT_FORMAT: "json" } });
    expect(summary(r.stdout, ["DL3020"])).toEqual(["Dockerfile DL3020 error"]);
  });

  it("accepts the label, registry and pragma settings", () => {
    const r = dflint(["Dockerfile"], {
      cwd,
      env: {
        HADOLINT_REQUIRE_LABELS: "maintainer:text,version:semver",
        HADOLINT_TRUSTED_REGISTRIES: "docker.io,my.registry",
        HADOLINT_STRICT_LABELS: "1",
        HADOLINT_DISABLE_IGNORE_PRAGMA: "yes",
        HADOLINT_VERBOSE: "0",
      },
    });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe("");
  });

  it("exits 2 on a bad value", () => {
    const r = dflint(["Dockerfile"], { cwd, env: { HADOLINT_FORMAT: "xml" } });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("environment variable HADOLINT_FORMAT: invalid format 'xml'");
  });
});

describe("config file errors", () => {
  function failing(config: string): string {
    const cwd = project({ ".hadolint.yaml": config, Dockerfile: BAD });
    const r = dflint(["Dockerfile"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    return r.stderr;
  }

  it("names an unknown key and suggests the right one", () => {
    expect(failing("ignord:\n  - DL3020\n")).toMatch(
      /^dflint: .*\.hadolint\.yaml:1:1: unknown key 'ignord' \(did you mean 'ignored'\?\)$/m,
    );
    expect(failing("override:\n  eror: [DL3020]\n")).toContain(
      "unknown key 'override.eror' (did you mean 'error'?)",
    );
  });

  it("rejects bad values and invalid YAML", () => {
    expect(failing("failure-threshold: fatal\n")).toContain("invalid value for 'failure-threshold' 'fatal'");
    expect(failing("no-fail: maybe\n")).toContain("'no-fail' must be true or false");
    expect(failing("ignored: 3\n")).toContain("'ignored' must be a list");
    expect(failing("label-schema:\n  version: semvr\n")).toContain("did you mean 'semver'");
    expect(failing("ignored: [DL3020\n")).toContain("invalid YAML");
    expect(failing("- a\n- b\n")).toContain("expected a mapping");
  });

  it("say file, line and column, in words about the config file", () => {
    const at = (config: string) => failing(config).replace(/^dflint: .*\.hadolint\.yaml/, ".hadolint.yaml");
    expect(at("ignored: [DL3020\n")).toBe(
      ".hadolint.yaml:2:1: invalid YAML: a [ list is not closed with ] (or its next line is not indented enough)\n",
    );
    expect(at("ignored: [DL3020]\nignored: [DL3008]\n")).toBe(
      ".hadolint.yaml:2:1: invalid YAML: this key is already set earlier in the same mapping\n",
    );
    expect(at("ignored:\n\t- DL3020\n")).toBe(
      ".hadolint.yaml:2:1: invalid YAML: YAML does not allow tabs for indentation; indent with spaces\n",
    );
    expect(at("override:\n  error: [a]\n warning: [b]\n")).toBe(
      ".hadolint.yaml:3:1: invalid YAML: this line is indented differently from the other items of its list or mapping\n",
    );
    expect(at("format: tty\noverride:\n  eror: [DL3020]\n")).toBe(
      ".hadolint.yaml:3:3: unknown key 'override.eror' (did you mean 'error'?)\n",
    );
    expect(at("format: tty\nno-fail: maybe\n")).toBe(
      ".hadolint.yaml:2:10: 'no-fail' must be true or false\n",
    );
    expect(at("label-schema:\n  org.example.version: semvr\n")).toMatch(
      /^\.hadolint\.yaml:2:24: invalid value for 'label-schema\.org\.example\.version' 'semvr'/,
    );
    expect(at("- a\n- b\n")).toMatch(/^\.hadolint\.yaml:1:1: expected a mapping/);
  });

  it("accepts every documented key", () => {
    const cwd = project({
      ".hadolint.yaml": [
        "failure-threshold: error",
        "format: tty",
        "ignored: [DL3008]",
        "label-schema:",
        "  author: text",
        "  version: semver",
        "no-color: true",
        "no-fail: false",
        "override:",
        "  error: [DL3001]",
        "  warning: [DL3042]",
        "  info: [DL3032]",
        "  style: [DL3015]",
        "strict-labels: false",
        "disable-ignore-pragma: false",
        "trustedRegistries:",
        "  - docker.io",
        '  - "*.gcr.io"',
        "",
      ].join("\n"),
      Dockerfile: BAD,
    });
    const r = dflint(["Dockerfile"], { cwd });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(1);
  });

  it("an empty config file is fine", () => {
    const cwd = project({ ".dflint.yaml": "", Dockerfile: BAD });
    expect(dflint(["Dockerfile"], { cwd }).code).toBe(1);
  });

  it("a missing --config file is an error", () => {
    const r = dflint(["--config", "nope.yaml", "Dockerfile"], { cwd: project({ Dockerfile: BAD }) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("nope.yaml: cannot read config file (no such file or directory)");
  });
});

describe("unknown rule names", () => {
  const cwd = project({ Dockerfile: BAD });

  it("warn, with a suggestion, and do not change the exit status", () => {
    const r = dflint(["--ignore", "DL302O", "Dockerfile"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      "dflint: warning: unknown rule 'DL302O' in the command line (did you mean 'DL3020'?)",
    );
  });

  it("in a config file name the file", () => {
    const dir = project({ Dockerfile: BAD });
    mkdirSync(join(dir, "x"));
    writeFileSync(join(dir, ".dflint.yaml"), "ignored: [NoSuchRule]\n");
    const r = dflint(["Dockerfile"], { cwd: dir });
    expect(r.stderr).toMatch(/warning: unknown rule 'NoSuchRule' in .*\.dflint\.yaml/);
  });

  it("stay quiet for hadolint and ShellCheck codes we do not have", () => {
    const r = dflint(["--ignore", "SC2086", "--ignore", "DL4999", "Dockerfile"], { cwd });
    expect(r.stderr).toBe("");
  });
});

describe("failure threshold and --no-fail", () => {
  const cwd = project({ Dockerfile: BAD });
  const code = (...args: string[]) => dflint([...args, "Dockerfile"], { cwd }).code;

  it("fails at info and above by default, like hadolint", () => {
    expect(code("--info", "DL3020")).toBe(1);
    expect(code("--style", "DL3020")).toBe(0);
  });

  it("honours -t and --no-fail", () => {
    expect(code("-t", "error", "--warning", "DL3020")).toBe(0);
    expect(code("-t", "warning", "--warning", "DL3020")).toBe(1);
    expect(code("-t", "style", "--style", "DL3020")).toBe(1);
    expect(code("-t", "none")).toBe(0);
    expect(code("-t", "ignore")).toBe(0);
    expect(code("--no-fail")).toBe(0);
  });

  it("a clean file exits 0", () => {
    expect(code("--ignore", "DL3020")).toBe(0);
  });
});

describe("inline pragmas", () => {
  it("# hadolint ignore= and # dflint ignore= silence the next instruction", () => {
    const cwd = project({
      Dockerfile:
        "FROM scratch\n# hadolint ignore=DL3020\nADD a /a/\nADD b /b/\n# dflint ignore=DL3020\nADD c /c/\n",
    });
    const r = dflint(["-f", "json", "Dockerfile"], { cwd });
    const dl3020s = parseJson(r.stdout).filter((f) => f.code === "DL3020");
    expect(dl3020s.map((f) => [f.line, f.suppressed?.line])).toEqual([
      [3, 2],
      [4, undefined],
      [6, 5],
    ]);
  });

  it("# hadolint global ignore= silences the whole file", () => {
    const cwd = project({
      Dockerfile: "# hadolint global ignore=DL3020\nFROM scratch\nADD a /a/\nADD b /b/\n",
    });
    expect(dl3020(cwd, ["Dockerfile"])).toEqual([]);
  });

  it("--disable-ignore-pragma and disable-ignore-pragma: true turn pragmas off", () => {
    const text = "FROM scratch\n# hadolint ignore=DL3020\nADD a /a/\n";
    const cwd = project({ Dockerfile: text });
    expect(dl3020(cwd, ["Dockerfile"])).toEqual([]);
    expect(dl3020(cwd, ["--disable-ignore-pragma", "Dockerfile"])).toEqual(["Dockerfile DL3020 error"]);
    const configured = project({ Dockerfile: text, ".hadolint.yaml": "disable-ignore-pragma: true\n" });
    expect(dl3020(configured, ["Dockerfile"])).toEqual(["Dockerfile DL3020 error"]);
  });
});
