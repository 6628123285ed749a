import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../../server/cli/args.js";
import { BAD, dflint, project, REPO_ROOT } from "./helpers.js";

const pkg = JSON.parse(readFileSync(`${REPO_ROOT}package.json`, "utf8")) as { version: string };

describe("command line", () => {
  const cwd = project({ Dockerfile: BAD });

  it("prints the version with --version and -v", () => {
    for (const flag of ["--version", "-v"]) {
      const r = dflint([flag], { cwd });
      expect(r.code).toBe(0);
      expect(r.stdout).toBe(`dflint ${pkg.version}\n`);
    }
  });

  it("runs as dist/dflint.mjs too, the command's name before it was a CommonJS script (old bin links)", () => {
    const r = dflint(["Dockerfile"], { cwd, bin: `${REPO_ROOT}dist/dflint.mjs` });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("DL3020");
    expect(r.stderr).toBe("");
  });

  it("prints messages with characters beyond ASCII as they are (the bundle is ASCII, read as latin1)", () => {
    const text =
      "FROM alpine:3.19 AS base\nCOPY --from=tools /bin/tool /bin/tool\nFROM base AS tools\nRUN make-tool\n";
    const r = dflint(["--format", "json", "Dockerfile"], { cwd: project({ Dockerfile: text }) });
    const messages = (JSON.parse(r.stdout) as { code: string; message: string }[]).filter(
      (f) => f.code === "DF206",
    );
    expect(messages.map((f) => f.message)).toEqual([
      "circular dependency: 'base' → 'tools' → 'base'; BuildKit stops before building anything",
    ]);
  });

  it("prints help with -h, listing hadolint's options", () => {
    const r = dflint(["-h"], { cwd });
    expect(r.code).toBe(0);
    for (const flag of [
      "--format",
      "--failure-threshold",
      "--no-fail",
      "--trusted-registry",
      "--require-label",
    ]) {
      expect(r.stdout).toContain(flag);
    }
  });

  it("names an unknown option and suggests the closest one", () => {
    const r = dflint(["--formt", "json"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("dflint: unknown option '--formt' (did you mean '--format'?)");
    expect(r.stdout).toBe("");
  });

  it("rejects an unknown short option", () => {
    const r = dflint(["-x"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown option '-x'");
  });

  it("rejects a bad --format value, suggesting a close one", () => {
    const r = dflint(["-f", "jsno"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("invalid --format value 'jsno' (did you mean 'json'?)");
  });

  it("rejects a bad --failure-threshold value", () => {
    const r = dflint(["--failure-threshold=fatal"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("invalid --failure-threshold value 'fatal'");
  });

  it("rejects a --require-label without a known format", () => {
    const r = dflint(["--require-label", "version:semvr"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("'semvr'");
    expect(r.stderr).toContain("did you mean 'semver'");
  });

  it("needs a value for options that take one", () => {
    const r = dflint(["--ignore"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--ignore' needs a value");
  });

  it("refuses a value for a switch", () => {
    const r = dflint(["--no-fail=yes"], { cwd });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("option '--no-fail' takes no value");
  });

  it("refuses --fix together with --fix-dry-run", () => {
    const r = dflint(["--fix", "--fix-dry-run"], { cwd });
    expect(r.code).toBe(2);
  });
});

describe("--list-rules", () => {
  it("lists every rule with aliases, severity, the class of its fixes and title in aligned columns", () => {
    const r = dflint(["--list-rules"], { cwd: project({}) });
    expect(r.code).toBe(0);
    const lines = r.stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^CODE\s+ALIASES\s+SEVERITY\s+FIX\s+TITLE$/);
    const dl3020 = lines.find((l) => l.startsWith("DL3020 ")) ?? "";
    expect(dl3020).toMatch(/^DL3020\s+-\s+error\s+safe\+unsafe\s+Use COPY instead of ADD/);
    expect(lines.find((l) => l.startsWith("DF104 "))).toMatch(/^DF104\s+\S+\s+style\s+safe\s+/);
    expect(lines.find((l) => l.startsWith("DL3006 "))).toMatch(/^DL3006\s+-\s+warning\s+-\s+/);
    // Aligned: every title starts in the TITLE column.
    const at = lines[0].indexOf("TITLE");
    expect(dl3020.slice(at)).toMatch(/^Use COPY/);
    for (const l of lines.slice(1)) expect(l.slice(0, at)).toMatch(/ $/);
  });
});

describe("--explain", () => {
  it("explains DL3020: title, severity, aliases, what, why, bad and good examples", () => {
    const r = dflint(["--explain", "DL3020"], { cwd: project({}) });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^DL3020: Use COPY instead of ADD/);
    expect(r.stdout).toContain("severity: error");
    expect(r.stdout).toContain("aliases:  (none)");
    for (const heading of ["What it does", "Why is this bad?", "Example", "Use instead"]) {
      expect(r.stdout).toContain(`\n${heading}\n`);
    }
    expect(r.stdout).toContain("  ADD requirements.txt /app/");
    expect(r.stdout).toContain("  COPY requirements.txt /app/");
  });

  it("lists the rule's fixes with their class and the reason for it", () => {
    const safe = dflint(["--explain", "DF104"], { cwd: project({}) }).stdout;
    expect(safe).toContain(
      "\nFixes\n  Write the keyword in the file's casing (safe, applied by --fix): Docker reads\n  instruction keywords in any casing.\n",
    );
    const unsafe = dflint(["--explain", "DF001"], { cwd: project({}) }).stdout;
    expect(unsafe).toContain(
      "\nFixes\n  Change to the closest instruction (unsafe, applied only with --unsafe-fixes): a guess:",
    );
    expect(dflint(["--explain", "DL3006"], { cwd: project({}) }).stdout).not.toContain("\nFixes\n");
  });

  it("accepts codes case-insensitively", () => {
    expect(dflint(["--explain", "dl3020"], { cwd: project({}) }).stdout).toMatch(/^DL3020:/);
  });

  it("fails with a suggestion for an unknown rule", () => {
    const r = dflint(["--explain", "DL302"], { cwd: project({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("unknown rule 'DL302'");
  });
});

describe("--list-rules --format json and opt-in rules", () => {
  it("lists every rule as data, with enabled: false for the opt-in rules", () => {
    const r = dflint(["--list-rules", "--format", "json"], { cwd: project({}) });
    expect(r.code).toBe(0);
    const rules = JSON.parse(r.stdout) as Record<string, unknown>[];
    const dl3020 = rules.find((x) => x.code === "DL3020");
    expect(dl3020).toMatchObject({
      code: "DL3020",
      title: "Use COPY instead of ADD for files and folders",
      aliases: [],
      severity: "error",
      enabled: true,
      url: "https://github.com/dflint/dflint/blob/main/docs/rules/DL3020.md",
    });
    expect(Object.keys(dl3020?.docs as object)).toEqual(["what", "why", "bad", "good"]);
    expect(dl3020?.fixes).toEqual([
      {
        title: "Replace ADD with COPY",
        safety: "safe",
        reason:
          "every source is a directory (`.`, or a path ending in `/` or `/.`), which ADD copies exactly as COPY does: it only unpacks files",
      },
      {
        title: "Replace ADD with COPY",
        safety: "unsafe",
        reason:
          "ADD unpacks a local tar archive whatever its name (Docker looks at the content); COPY copies it as one file",
      },
    ]);
    expect(rules.find((x) => x.code === "DL3006")?.fixes).toEqual([]);
    expect(rules.find((x) => x.code === "DL1001")).toMatchObject({ severity: "style", enabled: false });
    expect(rules.find((x) => x.code === "DL3002")).toMatchObject({ securitySeverity: 6 });
    expect(new Set(rules.map((x) => x.code)).size).toBe(rules.length);
  });

  it("marks opt-in rules in the table and in --explain", () => {
    const table = dflint(["--list-rules"], { cwd: project({}) }).stdout;
    expect(table).toMatch(/^DL1001\s+-\s+style \(off\)\s+-\s+Inline ignore pragma$/m);
    expect(table).toMatch(/^DL3020\s+-\s+error\s+safe\+unsafe\s+Use COPY/m);
    const explained = dflint(["--explain", "DF202"], { cwd: project({}) }).stdout;
    expect(explained).toContain(
      "severity: warning (off by default; turn it on with --warning DF202, or 'warning: [DF202]' under 'override:' in the config)",
    );
  });

  it("refuses formats meant for findings", () => {
    const r = dflint(["--list-rules", "--format", "sarif"], { cwd: project({}) });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--list-rules prints a table (tty) or json");
  });
});

describe("cache flags", () => {
  it("--cache turns the result cache on, --no-cache turns every cache off; the last one wins", () => {
    expect(parseArgs([]).cache).toBeUndefined();
    expect(parseArgs(["--cache"]).cache).toBe(true);
    expect(parseArgs(["--no-cache"]).cache).toBe(false);
    expect(parseArgs(["--cache", "--no-cache"]).cache).toBe(false);
    expect(parseArgs(["--no-cache", "--cache"]).cache).toBe(true);
  });

  it("--cache-location names the folder and implies --cache", () => {
    const a = parseArgs(["--cache-location", "/tmp/x"]);
    expect(a.cacheLocation).toBe("/tmp/x");
    expect(a.cache).toBe(true);
    expect(parseArgs(["--cache-location=/tmp/x", "--no-cache"]).cache).toBe(false);
    expect(() => parseArgs(["--cache-location="])).toThrow("needs a directory");
  });
});
