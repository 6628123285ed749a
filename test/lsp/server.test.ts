import { afterEach, describe, expect, it } from "vitest";
import { LineIndex } from "../../grammar/index.js";
import { lint } from "../../server/lint/index.js";
import { findShellCheck } from "../../server/lint/shellcheck.js";
import { TestClient } from "./client.js";

const URI = "file:///work/project/Dockerfile";

let client: TestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

const brief = (p: {
  diagnostics: { code?: unknown; range: { start: { line: number; character: number } } }[];
}) => p.diagnostics.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);

describe("language server over stdio", () => {
  it("announces incremental sync and push diagnostics to a client without pull support", async () => {
    const started = await TestClient.start();
    client = started.client;
    expect(started.init.capabilities.textDocumentSync).toEqual({ openClose: true, change: 2 });
    expect(started.init.capabilities.diagnosticProvider).toBeUndefined();
    expect(started.init.serverInfo?.name).toBe("dflint");
  });

  it("publishes the findings of an opened document with exact ranges, and of each edit at its version", async () => {
    ({ client } = await TestClient.start());
    await client.open(URI, "FROM ubuntu:latest\nRUN cd /app\n");
    const first = await client.diagnostics(URI, 1);
    expect(first.diagnostics[0]).toEqual({
      range: { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } },
      severity: 2,
      code: "DL3007",
      codeDescription: { href: "https://github.com/dflint/dflint/blob/main/docs/rules/DL3007.md" },
      source: "dflint",
      message:
        "'ubuntu:latest' asks for 'latest', which moves with every upstream release; pin a version tag or a digest",
    });
    // With ShellCheck installed (CI installs it), its finding comes too, linking to ShellCheck's page.
    const shellcheck = findShellCheck(undefined) !== undefined;
    expect(brief(first)).toEqual(["0:12 DL3007", "1:4 DL3003", ...(shellcheck ? ["1:4 SC2164"] : [])]);
    if (shellcheck) {
      expect(first.diagnostics[2]).toMatchObject({
        range: { start: { line: 1, character: 4 }, end: { line: 1, character: 11 } },
        code: "SC2164",
        codeDescription: { href: "https://www.shellcheck.net/wiki/SC2164" },
      });
    }

    // Replace "latest" with "24.04": DL3007 goes, the rest stays where it was.
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [
        { range: { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } }, text: "24.04" },
      ],
    });
    expect(brief(await client.diagnostics(URI, 2))).toEqual([
      "1:4 DL3003",
      ...(shellcheck ? ["1:4 SC2164"] : []),
    ]);
    expect(await client.stop()).toBe(0);
  });

  it("tags MAINTAINER as deprecated", async () => {
    ({ client } = await TestClient.start());
    await client.open(URI, "FROM ubuntu:22.04\nMAINTAINER me@example.com\n");
    const d = (await client.diagnostics(URI, 1)).diagnostics;
    expect(d.map((x) => [x.code, x.tags])).toEqual([["DL4000", [2]]]);
  });

  it("carries a finding's related locations and its Unnecessary tag", async () => {
    ({ client } = await TestClient.start({ workspace: { configuration: true } }));
    client.settings.dflint = { severity: { DF202: "warning" } };
    const text = 'FROM ubuntu:22.04\nCMD ["a"]\n# dflint ignore=DL3007\nCMD ["b"]\n';
    await client.open(URI, text);
    const d = (await client.diagnostics(URI, 1)).diagnostics;
    expect(d.map((x) => x.code)).toEqual(["DF202", "DL4003"]);
    expect(d[0].tags).toEqual([1]);
    // Which CMD DL4003 points at is the rule's business; the server passes its related location on exactly.
    const lines = new LineIndex(text);
    const related = lint(text, { severity: { DF202: "warning" } }).findings.find((f) => f.code === "DL4003")!
      .related!;
    expect(related).toHaveLength(1);
    expect(d[1].relatedInformation).toEqual([
      { location: { uri: URI, range: lines.range(related[0].span) }, message: related[0].message },
    ]);
  });
});
