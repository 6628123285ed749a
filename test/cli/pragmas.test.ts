import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { dflint, parseJson, project } from "./helpers.js";

const TEXT =
  "FROM scratch\n# dflint ignore=DL3020 reason=unpacked on purpose\nADD a /a/\n# hadolint ignore=DL3020\nCOPY b /b/\n";

describe("ignore pragmas on the command line", () => {
  it("json lists the silenced finding with the pragma's range and reason; it does not fail the run", () => {
    const cwd = project({ Dockerfile: TEXT });
    const r = dflint(["-f", "json", "Dockerfile"], { cwd });
    expect(r.code, r.stderr).toBe(0);
    expect(parseJson(r.stdout).filter((f) => f.code === "DL3020")).toEqual([
      expect.objectContaining({
        line: 3,
        fixable: false,
        suppressed: { line: 2, column: 1, endLine: 2, endColumn: 50, reason: "unpacked on purpose" },
      }),
    ]);
    // Formats without a place for suppressions leave the finding out.
    expect(dflint(["-f", "gnu", "Dockerfile"], { cwd }).stdout).not.toContain("DL3020");
  });

  it("--report-unused-pragmas reports DF202 on a pragma that silences nothing, and --fix removes it", () => {
    const cwd = project({ Dockerfile: TEXT });
    expect(dflint(["-f", "json", "Dockerfile"], { cwd }).stdout).not.toContain("DF202");
    const r = dflint(["-f", "json", "--report-unused-pragmas", "Dockerfile"], { cwd });
    expect(r.code, r.stderr).toBe(1);
    expect(parseJson(r.stdout).filter((f) => f.code === "DF202")).toEqual([
      expect.objectContaining({
        line: 4,
        column: 1,
        endLine: 4,
        endColumn: 25,
        level: "warning",
        fixable: true,
      }),
    ]);
    const fixed = dflint(["--fix", "--report-unused-pragmas", "Dockerfile"], { cwd });
    expect(fixed.code, fixed.stderr).toBe(0);
    expect(readFileSync(join(cwd, "Dockerfile"), "utf8")).toBe(
      "FROM scratch\n# dflint ignore=DL3020 reason=unpacked on purpose\nADD a /a/\nCOPY b /b/\n",
    );
  });

  it("a severity from the config wins over --report-unused-pragmas' default", () => {
    const cwd = project({ Dockerfile: TEXT, ".dflint.yaml": "override:\n  error: [DF202]\n" });
    const r = dflint(["-f", "json", "--report-unused-pragmas", "Dockerfile"], { cwd });
    expect(parseJson(r.stdout).find((f) => f.code === "DF202")?.level).toBe("error");
  });
});
