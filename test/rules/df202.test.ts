import { describe, expect, it } from "vitest";
import { fixText, type LintOptions, lint } from "../../server/lint/index.js";

// DF202 judges a pragma only when the rules it names ran, so these run every rule, with DF202 turned on.
const ON: LintOptions = { severity: { DF202: "warning" } };

function df202(text: string, options: LintOptions = {}): string[] {
  const { ast, findings } = lint(text, { ...ON, ...options });
  return findings
    .filter((f) => f.code === "DF202")
    .map((f) => {
      const r = ast.lines.range(f.span);
      return `${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character} ${f.message}`;
    });
}

function fixed(text: string): string {
  return fixText(text, ON).text;
}

describe("DF202 ignore pragma that silences nothing", () => {
  it("fires on a pragma whose rule reported nothing on the next instruction, and the fix removes the line", () => {
    const text = "FROM scratch\n# hadolint ignore=DL3020\nCOPY a /a/\n";
    expect(df202(text)).toEqual([
      "1:0-1:24 this ignore pragma silences nothing (DL3020 reported nothing in the next instruction): remove it",
    ]);
    expect(fixed(text)).toBe("FROM scratch\nCOPY a /a/\n");
  });

  it("fires on a name that is no rule, and on a pragma that names nothing", () => {
    expect(df202("FROM scratch\n# dflint ignore=DL9999\nCOPY a /a/\n")).toEqual([
      "1:0-1:22 this ignore pragma silences nothing ('DL9999' is not a dflint rule): remove it",
    ]);
    expect(df202("FROM scratch\n# hadolint ignore=\nCOPY a /a/\n")).toEqual([
      "1:0-1:18 this ignore pragma names no rule: remove it",
    ]);
  });

  it("points at the one unused name of a list, and the fix removes only that name", () => {
    const text = "FROM scratch\n# hadolint ignore=DL3020,DL3059 reason=archive\nADD a /a/\n";
    expect(df202(text)).toEqual([
      "1:25-1:31 DL3059 reported nothing in the next instruction: remove it from the pragma",
    ]);
    expect(fixed(text)).toBe("FROM scratch\n# hadolint ignore=DL3020 reason=archive\nADD a /a/\n");
    const first = "FROM scratch\n# hadolint ignore=DL3059, DL3020\nADD a /a/\n";
    expect(fixed(first)).toBe("FROM scratch\n# hadolint ignore=DL3020\nADD a /a/\n");
  });

  it("does not fire on pragmas that silence something: instruction, pair, stage and global", () => {
    const text = [
      "# hadolint global ignore=DL3020",
      "FROM scratch",
      "ADD a /a/",
      "CMD a",
      "# hadolint ignore=DL4003",
      "CMD b",
      "# dflint stage ignore=DL3045",
      "FROM scratch",
      "COPY a b",
      "",
    ].join("\n");
    expect(df202(text)).toEqual([]);
  });

  it("does not judge names whose rule did not run, or ShellCheck codes", () => {
    const text = "FROM scratch\n# hadolint ignore=DL1001,SC2086\nCOPY a /a/\n";
    expect(df202(text)).toEqual([]);
    expect(df202("FROM scratch\n# hadolint ignore=DL3020\nCOPY a /a/\n", { ignored: ["DL3020"] })).toEqual(
      [],
    );
  });

  it("says the scope in the message and fires on unused global and stage pragmas", () => {
    expect(df202("# hadolint global ignore=DL3020\nFROM scratch\n")).toEqual([
      "0:0-0:31 this ignore pragma silences nothing (DL3020 reported nothing in this file): remove it",
    ]);
    expect(df202("# dflint stage ignore=DL3020\nFROM scratch\n")).toEqual([
      "0:0-0:28 this ignore pragma silences nothing (DL3020 reported nothing in this stage): remove it",
    ]);
  });

  it("offers no fix where removing the line would turn a later comment into a parser directive", () => {
    const text = "# hadolint global ignore=DL3020\n# syntax=docker/dockerfile:1\nFROM scratch\n";
    const f = lint(text, ON).findings.find((x) => x.code === "DF202");
    expect(f?.fixes).toBeUndefined();
  });

  it("is off by default and reports nothing when pragmas are disabled", () => {
    const text = "FROM scratch\n# hadolint ignore=DL3020\nCOPY a /a/\n";
    expect(lint(text).findings.map((f) => f.code)).not.toContain("DF202");
    expect(df202(text, { disableIgnorePragma: true })).toEqual([]);
  });

  it("a pragma can silence DF202 itself for the whole file", () => {
    const text = "# dflint global ignore=DF202\nFROM scratch\n# hadolint ignore=DL3020\nCOPY a /a/\n";
    expect(df202(text)).toEqual([]);
  });
});
