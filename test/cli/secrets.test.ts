import { describe, expect, it } from "vitest";
import { FORMATTERS } from "../../server/cli/formats/index.js";
import { dflint, project } from "./helpers.js";

// An AWS access key ID of the right shape and a password in a URL.
const TOKEN = "AKIA2OGYBAH6QZT5LRXK";
const PASSWORD = "Tr0ub4dor3x";
const FILE = `FROM alpine:3.20\nENV AWS_ACCESS_KEY_ID=${TOKEN} DB=postgres://app:${PASSWORD}@db.internal/app\nuser 1000\n`;

describe("credentials never reach the output", () => {
  const cwd = project({ Dockerfile: FILE });

  it.each(Object.keys(FORMATTERS))("%s: no credential, and DF215 is reported", (format) => {
    const r = dflint(["--format", format, "Dockerfile"], { cwd });
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
    expect(r.stdout).toContain("DF215");
  });

  it("tty: the source excerpt shows the credential as stars, with the carets under them", () => {
    const r = dflint(["--format", "tty", "Dockerfile"], { cwd });
    const lines = r.stdout.split("\n");
    const at = lines.findIndex((l) => l.startsWith("Dockerfile:2:23 error DF215 "));
    expect(lines[at + 1]).toBe(
      `  2 | ENV AWS_ACCESS_KEY_ID=${"*".repeat(20)} DB=postgres://app:${"*".repeat(PASSWORD.length)}@db.internal/app`,
    );
    expect(lines[at + 2]).toBe(`    |                       ${"^".repeat(20)}`);
  });

  it("--fix-dry-run: the diff's context lines show the credential as stars", () => {
    const r = dflint(["--fix-dry-run", "Dockerfile"], { cwd });
    expect(r.stdout).toContain("-user 1000");
    expect(r.stdout).toContain("+USER 1000");
    expect(r.stdout).toContain(` ENV AWS_ACCESS_KEY_ID=${"*".repeat(20)} `);
    expect(r.stdout + r.stderr).not.toContain(TOKEN);
  });
});
