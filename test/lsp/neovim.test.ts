import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { hover } from "../../server/features/hover.js";
import { lint } from "../../server/lint/index.js";
import { buildModel } from "../../server/model/model.js";
import { SERVER } from "./client.js";

const SCRIPT = fileURLToPath(new URL("neovim/e2e.lua", import.meta.url));
const nvim = spawnSync("nvim", ["--version"], { encoding: "utf8" });
const version = nvim.status === 0 ? /NVIM v(\d+\.\d+)/.exec(nvim.stdout)?.[1] : undefined;
if (!version) console.warn("neovim e2e skipped: `nvim` is not installed (Debian: apt-get install neovim)");

const TEXT = 'FROM ubuntu:latest\nWORKDIR /app\nrun echo hi\nCMD ["python3", "/app/app.py"]\n';

describe.skipIf(!version)(`Neovim ${version ?? ""} built-in LSP client`, () => {
  it("shows our diagnostics, hovers CMD, and applies the preferred (safe) quick fix through incremental sync", () => {
    const dir = mkdtempSync(join(tmpdir(), "dflint-nvim-"));
    mkdirSync(join(dir, ".git"));
    const file = join(dir, "Dockerfile");
    const out = join(dir, "results.json");
    writeFileSync(file, TEXT);
    const run = spawnSync(
      "nvim",
      ["--headless", "-u", "NONE", "-i", "NONE", "-n", "-c", `luafile ${SCRIPT}`],
      {
        env: { ...process.env, DFLINT_SERVER: SERVER, DFLINT_FILE: file, DFLINT_OUT: out },
        encoding: "utf8",
        timeout: 120_000,
      },
    );
    const results = JSON.parse(readFileSync(out, "utf8"));
    expect({ status: run.status, error: results.error }).toEqual({ status: 0, error: null });

    const findings = lint(TEXT).findings;
    expect(findings.map((f) => f.code)).toEqual(["DL3007", "DF104"]);
    expect(results.diagnostics).toEqual([
      {
        code: "DL3007",
        lnum: 0,
        col: 12,
        end_lnum: 0,
        end_col: 18,
        severity: 2,
        source: "dflint",
        message: findings[0].message,
      },
      {
        code: "DF104",
        lnum: 2,
        col: 0,
        end_lnum: 2,
        end_col: 3,
        severity: 3,
        source: "dflint",
        message: findings[1].message,
      },
    ]);

    const ast = parse(TEXT);
    const snapshot = {
      uri: file,
      version: 0,
      text: TEXT,
      lines: ast.lines,
      ast,
      model: buildModel(ast),
      findings,
    };
    const expected = hover(snapshot, TEXT.indexOf("CMD") + 1)!;
    expect(results.hover).toEqual({
      contents: { kind: "markdown", value: expected.markdown },
      range: { start: { line: 3, character: 0 }, end: { line: 3, character: 3 } },
    });

    expect(results.actions).toEqual([
      "Write 'RUN'",
      "Ignore DF104 for this instruction",
      "Ignore DF104 for this file",
      "Show documentation of DF104",
    ]);
    expect(results.text).toEqual([
      "FROM ubuntu:latest",
      "WORKDIR /app",
      "RUN echo hi",
      'CMD ["python3", "/app/app.py"]',
    ]);
    expect(results.after.map((d: { code: string }) => d.code)).toEqual(["DL3007"]);
  });
});
