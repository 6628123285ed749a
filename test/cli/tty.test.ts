import { describe, expect, it } from "vitest";
import { BAD, CLEAN, dflint, project } from "./helpers.js";

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for escape sequences is the point.
const ESC = /\u001b\[/;

describe("tty output", () => {
  it("shows location, severity, code and message, the source line and carets under the range", () => {
    const cwd = project({ Dockerfile: BAD });
    const r = dflint(["Dockerfile"], { cwd });
    expect(r.code).toBe(1);
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.startsWith("Dockerfile:2:1 error DL3020 "));
    expect(at).toBeGreaterThanOrEqual(0);
    expect(lines[at + 1]).toBe("  2 | ADD app /app");
    expect(lines[at + 2]).toBe("    | ^^^");
  });

  it("ends with a summary of counts per severity and fixable findings, safe and unsafe apart", () => {
    const cwd = project({ Dockerfile: BAD.replace("USER", "user") });
    const r = dflint(["Dockerfile"], { cwd });
    expect(r.stdout).toMatch(
      /\n2 problems: 1 error, 0 warnings, 0 info, 1 style \(1 fixable with --fix, 1 more with --unsafe-fixes\)\n$/,
    );
    const unsafeOnly = dflint(["Dockerfile"], { cwd: project({ Dockerfile: BAD }) });
    expect(unsafeOnly.stdout).toMatch(/ \(1 more with --unsafe-fixes\)\n$/);
    const none = dflint(["Dockerfile"], { cwd: project({ Dockerfile: CLEAN.replace("scratch", "ubuntu") }) });
    expect(none.stdout).toMatch(/\n1 problem: 0 errors, 1 warning, 0 info, 0 style\n$/);
  });

  it("puts carets under the exact columns, keeping tabs so they line up", () => {
    const cwd = project({ Dockerfile: "FROM scratch\n\tADD a /a/\n" });
    const r = dflint(["--style", "DL3020", "-t", "none", "Dockerfile"], { cwd });
    const lines = r.stdout.split("\n");
    const tab = lines.findIndex((l) => l.startsWith("Dockerfile:2:2 style DL3020"));
    expect(lines[tab + 1]).toBe("  2 | \tADD a /a/");
    expect(lines[tab + 2]).toBe("    | \t^^^");
  });

  it("underlines a range over several lines from its start to the end of its first line", () => {
    const text = "FROM scratch\nCMD ['nginx', \\\n    '-g']\n";
    const cwd = project({ Dockerfile: text });
    const json = JSON.parse(dflint(["-f", "json", "Dockerfile"], { cwd }).stdout) as {
      code: string;
      line: number;
      column: number;
      endLine: number;
    }[];
    const multi = json.find((f) => f.endLine > f.line);
    if (!multi) return; // no rule reports a multi-line range here (yet)
    const lines = dflint(["-t", "none", "Dockerfile"], { cwd }).stdout.split("\n");
    const at = lines.findIndex(
      (l) => l.startsWith(`Dockerfile:${multi.line}:${multi.column} `) && l.includes(multi.code),
    );
    const source = lines[at + 1];
    const carets = lines[at + 2];
    expect(source).toBe("  2 | CMD ['nginx', \\");
    expect(carets).toBe(
      `    | ${" ".repeat(multi.column - 1)}${"^".repeat(source.length - 6 - (multi.column - 1))}`,
    );
  });

  it("is not coloured when standard output is not a terminal", () => {
    const r = dflint(["Dockerfile"], { cwd: project({ Dockerfile: BAD }) });
    expect(r.stdout).not.toMatch(ESC);
  });

  it("is coloured with FORCE_COLOR or --color, unless NO_COLOR or --no-color says otherwise", () => {
    const cwd = project({ Dockerfile: BAD });
    expect(dflint(["Dockerfile"], { cwd, env: { FORCE_COLOR: "1" } }).stdout).toMatch(ESC);
    expect(dflint(["--color", "Dockerfile"], { cwd }).stdout).toMatch(ESC);
    expect(dflint(["Dockerfile"], { cwd, env: { FORCE_COLOR: "1", NO_COLOR: "1" } }).stdout).not.toMatch(ESC);
    expect(dflint(["--no-color", "Dockerfile"], { cwd, env: { FORCE_COLOR: "1" } }).stdout).not.toMatch(ESC);
    const configured = project({ Dockerfile: BAD, ".hadolint.yaml": "no-color: true\n" });
    expect(dflint(["Dockerfile"], { cwd: configured, env: { FORCE_COLOR: "1" } }).stdout).not.toMatch(ESC);
  });

  it("shows control characters of broken files as replacement characters", () => {
    const cwd = project({ Dockerfile: "FROM scratch\nADD a\u0007\u001b[2J /a/\n" });
    const r = dflint(["Dockerfile"], { cwd });
    expect(r.stdout).not.toMatch(ESC);
    expect(r.stdout).toContain("\uFFFD");
  });
});
