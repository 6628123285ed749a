import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import type {
  CodeAction,
  CompletionItem,
  Hover,
  InitializeResult,
  TextEdit,
  WorkspaceEdit,
} from "vscode-languageserver-protocol";
import { TextDocument } from "vscode-languageserver-textdocument";
import { parse } from "../../grammar/index.js";
import { complete } from "../../server/features/completion.js";
import { hover } from "../../server/features/hover.js";
import { fixText } from "../../server/lint/index.js";
import { buildModel } from "../../server/model/model.js";
import { ruleMarkdown } from "../../server/rules/docs.js";
import { ruleFor } from "../../server/rules/index.js";
import { TestClient } from "./client.js";

const URI = "file:///work/project/Dockerfile";
const pos = (line: number, character: number) => ({ line, character });
const range = (l1: number, c1: number, l2: number, c2: number) => ({ start: pos(l1, c1), end: pos(l2, c2) });

let client: TestClient | undefined;
afterEach(() => {
  client?.kill();
  client = undefined;
});

const codes = (diags: { code?: unknown }[]) => diags.map((d) => d.code);

function applyLsp(text: string, edits: TextEdit[]): string {
  return TextDocument.applyEdits(TextDocument.create(URI, "dockerfile", 1, text), edits);
}

function editsOf(edit: WorkspaceEdit | undefined, uri = URI): TextEdit[] {
  return edit?.changes?.[uri] ?? [];
}

function snapshot(text: string) {
  const ast = parse(text);
  return { uri: URI, version: 1, text, lines: ast.lines, ast, model: buildModel(ast), findings: [] };
}

async function codeActions(
  c: TestClient,
  r: ReturnType<typeof range>,
  only?: string[],
): Promise<CodeAction[]> {
  return c.connection.sendRequest("textDocument/codeAction", {
    textDocument: { uri: URI },
    range: r,
    context: { diagnostics: [], ...(only ? { only } : {}) },
  });
}

const FIXABLE = "FROM ubuntu:22.04\nADD app.py /app/\nrun echo hi\n";

describe("pull diagnostics", () => {
  it("answers textDocument/diagnostic instead of publishing, and says when nothing changed", async () => {
    const started = await TestClient.start({ textDocument: { diagnostic: { dynamicRegistration: false } } });
    client = started.client;
    expect(started.init.capabilities.diagnosticProvider).toEqual({
      identifier: "dflint",
      interFileDependencies: false,
      workspaceDiagnostics: false,
    });
    await client.open(URI, "FROM ubuntu:latest\n");
    const report = await client.connection.sendRequest<{ kind: string; resultId: string; items: unknown[] }>(
      "textDocument/diagnostic",
      { textDocument: { uri: URI } },
    );
    expect(report.kind).toBe("full");
    expect(codes(report.items as { code?: unknown }[])).toEqual(["DL3007"]);
    const again = await client.connection.sendRequest("textDocument/diagnostic", {
      textDocument: { uri: URI },
      previousResultId: report.resultId,
    });
    expect(again).toEqual({ kind: "unchanged", resultId: report.resultId });
    await client.connection.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [{ text: "FROM ubuntu:24.04\n" }],
    });
    const changed = await client.connection.sendRequest<{ kind: string; items: unknown[] }>(
      "textDocument/diagnostic",
      { textDocument: { uri: URI }, previousResultId: report.resultId },
    );
    expect(changed).toMatchObject({ kind: "full", items: [] });
    expect(client.published).toEqual([]);
  });
});

describe("hover and completion", () => {
  it("hovers with the features' Markdown and the hovered range", async () => {
    ({ client } = await TestClient.start());
    const text = 'FROM ubuntu:22.04\nCMD ["bash"]\n';
    await client.open(URI, text);
    const h = await client.connection.sendRequest<Hover | null>("textDocument/hover", {
      textDocument: { uri: URI },
      position: pos(1, 1),
    });
    const expected = hover(snapshot(text), text.indexOf("CMD") + 1)!;
    expect(expected.markdown.length).toBeGreaterThan(0);
    expect(h).toEqual({ contents: { kind: "markdown", value: expected.markdown }, range: range(1, 0, 1, 3) });
  });

  it("completes with edits that replace the word being typed", async () => {
    ({ client } = await TestClient.start());
    const text = "FROM ubuntu:22.04\nCO\n";
    await client.open(URI, text);
    const items = await client.connection.sendRequest<CompletionItem[]>("textDocument/completion", {
      textDocument: { uri: URI },
      position: pos(1, 2),
    });
    const expected = complete(snapshot(text), text.length - 1, { snippets: false });
    expect(items.map((i) => i.label)).toEqual(expected.map((e) => e.label));
    const copy = items.find((i) => i.label === "COPY")!;
    expect(copy.textEdit).toEqual({
      range: range(1, 0, 1, 2),
      newText: expected.find((e) => e.label === "COPY")!.insertText ?? "COPY",
    });
    expect(copy.kind).toBe(14);
    // This client does not resolve items: the documentation comes with them.
    expect(copy.documentation).toEqual({
      kind: "markdown",
      value: expected.find((e) => e.label === "COPY")!.documentation,
    });
  });

  it("leaves the documentation to completionItem/resolve for a client that resolves it", async () => {
    let init: InitializeResult;
    ({ client, init } = await TestClient.start({
      textDocument: { completion: { completionItem: { resolveSupport: { properties: ["documentation"] } } } },
    }));
    expect(init.capabilities.completionProvider?.resolveProvider).toBe(true);
    const text = "FROM ubuntu:22.04\nCO\n";
    await client.open(URI, text);
    const complete1 = () =>
      client!.connection.sendRequest<CompletionItem[]>("textDocument/completion", {
        textDocument: { uri: URI },
        position: pos(1, 2),
      });
    const items = await complete1();
    const expected = complete(snapshot(text), text.length - 1, { snippets: false });
    expect(items.map((i) => i.label)).toEqual(expected.map((e) => e.label));
    expect(items.filter((i) => i.documentation !== undefined)).toEqual([]);
    const copy = items.find((i) => i.label === "COPY")!;
    const resolved = await client.connection.sendRequest<CompletionItem>("completionItem/resolve", copy);
    expect(resolved).toEqual({
      ...copy,
      documentation: { kind: "markdown", value: expected.find((e) => e.label === "COPY")!.documentation },
    });
    // An item of an older list is answered as it is.
    await complete1();
    expect(await client.connection.sendRequest<CompletionItem>("completionItem/resolve", copy)).toEqual(copy);
  });
});

describe("code actions", () => {
  it("offers the fix, the ignore pragmas and the docs for a finding, and fix-all for the file", async () => {
    ({ client } = await TestClient.start());
    await client.open(URI, FIXABLE);
    await client.diagnostics(URI, 1);
    const actions = await codeActions(client, range(1, 0, 1, 3));
    expect(actions.map((a) => [a.title, a.kind, a.isPreferred ?? false])).toEqual([
      // ADD -> COPY is unsafe: offered with its reason, never preferred, never in fix-all.
      [
        "Replace ADD with COPY (unsafe: ADD unpacks a local tar archive whatever its name (Docker looks at the content); COPY copies it as one file)",
        "quickfix",
        false,
      ],
      ["Ignore DL3020 for this instruction", "quickfix", false],
      ["Ignore DL3020 for this file", "quickfix", false],
      ["Show documentation of DL3020", "quickfix", false],
      ["Fix all safe dflint problems", "quickfix", false],
    ]);
    expect(codes(actions[0].diagnostics ?? [])).toEqual(["DL3020"]);
    expect(applyLsp(FIXABLE, editsOf(actions[0].edit))).toBe(
      "FROM ubuntu:22.04\nCOPY app.py /app/\nrun echo hi\n",
    );
    expect(applyLsp(FIXABLE, editsOf(actions[1].edit))).toBe(
      "FROM ubuntu:22.04\n# dflint ignore=DL3020\nADD app.py /app/\nrun echo hi\n",
    );
    expect(applyLsp(FIXABLE, editsOf(actions[2].edit))).toBe(
      "# dflint global ignore=DL3020\nFROM ubuntu:22.04\nADD app.py /app/\nrun echo hi\n",
    );
    expect(actions[3].command).toEqual({
      title: "Show documentation of DL3020",
      command: "dflint.server.showRuleDocs",
      arguments: ["DL3020"],
    });
    expect(actions[4].command).toEqual({
      title: "Fix all safe dflint problems",
      command: "dflint.server.fixAll",
      arguments: [URI],
    });
  });

  it("merges into the instruction's pragma, and writes a file pragma below the parser directives", async () => {
    ({ client } = await TestClient.start());
    const text =
      "# syntax=docker/dockerfile:1\nFROM ubuntu:22.04\n# hadolint ignore=DL3008\nADD app.py /app/\n";
    await client.open(URI, text);
    await client.diagnostics(URI, 1);
    const actions = await codeActions(client, range(3, 0, 3, 0));
    const byTitle = (t: string) => actions.find((a) => a.title === t)!;
    expect(applyLsp(text, editsOf(byTitle("Ignore DL3020 for this instruction").edit))).toBe(
      "# syntax=docker/dockerfile:1\nFROM ubuntu:22.04\n# hadolint ignore=DL3008,DL3020\nADD app.py /app/\n",
    );
    expect(applyLsp(text, editsOf(byTitle("Ignore DL3020 for this file").edit))).toBe(
      "# syntax=docker/dockerfile:1\n# dflint global ignore=DL3020\nFROM ubuntu:22.04\n# hadolint ignore=DL3008\nADD app.py /app/\n",
    );
  });

  it("merges before a pragma's reason and into an existing global pragma", async () => {
    ({ client } = await TestClient.start());
    const text =
      "# dflint global ignore=DL3006\nFROM ubuntu:22.04\n# dflint ignore=DL3008 reason=pinned upstream\nADD app.py /app/\n";
    await client.open(URI, text);
    const actions = await codeActions(client, range(3, 0, 3, 0));
    const byTitle = (t: string) => actions.find((a) => a.title === t)!;
    expect(applyLsp(text, editsOf(byTitle("Ignore DL3020 for this instruction").edit))).toBe(
      "# dflint global ignore=DL3006\nFROM ubuntu:22.04\n# dflint ignore=DL3008,DL3020 reason=pinned upstream\nADD app.py /app/\n",
    );
    expect(applyLsp(text, editsOf(byTitle("Ignore DL3020 for this file").edit))).toBe(
      "# dflint global ignore=DL3006,DL3020\nFROM ubuntu:22.04\n# dflint ignore=DL3008 reason=pinned upstream\nADD app.py /app/\n",
    );
  });

  it("keeps CRLF line ends in a written pragma", async () => {
    ({ client } = await TestClient.start());
    const text = "FROM ubuntu:22.04\r\nADD app.py /app/\r\n";
    await client.open(URI, text);
    const actions = await codeActions(client, range(1, 0, 1, 0));
    const ignore = actions.find((a) => a.title === "Ignore DL3020 for this instruction")!;
    expect(applyLsp(text, editsOf(ignore.edit))).toBe(
      "FROM ubuntu:22.04\r\n# dflint ignore=DL3020\r\nADD app.py /app/\r\n",
    );
  });

  it("source.fixAll.dflint applies the safe fixes until the file is stable", async () => {
    ({ client } = await TestClient.start());
    await client.open(URI, FIXABLE);
    const actions = await codeActions(client, range(0, 0, 0, 0), ["source.fixAll"]);
    expect(actions.map((a) => [a.title, a.kind])).toEqual([
      ["Fix all safe dflint problems", "source.fixAll.dflint"],
    ]);
    expect(applyLsp(FIXABLE, editsOf(actions[0].edit))).toBe(fixText(FIXABLE).text);
    expect(fixText(FIXABLE).text).toBe("FROM ubuntu:22.04\nADD app.py /app/\nRUN echo hi\n");
  });
});

describe("commands", () => {
  it("dflint.server.fixAll sends the fixed text to the client as a workspace edit", async () => {
    ({ client } = await TestClient.start());
    await client.open(URI, FIXABLE);
    const r = await client.connection.sendRequest("workspace/executeCommand", {
      command: "dflint.server.fixAll",
      arguments: [URI],
    });
    expect(r).toEqual({ applied: true });
    expect(client.applied).toHaveLength(1);
    expect(applyLsp(FIXABLE, editsOf(client.applied[0] as WorkspaceEdit))).toBe(fixText(FIXABLE).text);
  });

  it("dflint.server.showRuleDocs returns the rule's Markdown and opens it offline in a client that can", async () => {
    ({ client } = await TestClient.start({ window: { showDocument: { support: true } } }));
    const r = await client.connection.sendRequest("workspace/executeCommand", {
      command: "dflint.server.showRuleDocs",
      arguments: ["DL3020"],
    });
    const rule = ruleFor("DL3020")!;
    expect(r).toEqual({ code: "DL3020", title: rule.title, markdown: ruleMarkdown(rule) });
    expect(client.shown).toHaveLength(1);
    expect(client.shown[0]).toMatch(/^file:\/\/.*\/DL3020\.md$/);
    expect(readFileSync(fileURLToPath(client.shown[0]), "utf8")).toBe(`${ruleMarkdown(rule)}\n`);
  });

  it("rejects an unknown rule and an unknown command with InvalidParams", async () => {
    ({ client } = await TestClient.start());
    for (const [command, args] of [
      ["dflint.server.showRuleDocs", ["XX9999"]],
      ["dflint.nope", []],
    ] as const) {
      await expect(
        client.connection.sendRequest("workspace/executeCommand", { command, arguments: args }),
      ).rejects.toMatchObject({ code: -32602 });
    }
  });
});

describe("configuration", () => {
  function project(files: Record<string, string>): string {
    const dir = mkdtempSync(join(tmpdir(), "dflint-lsp-"));
    mkdirSync(join(dir, ".git"));
    for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
    return dir;
  }

  it("reads the config file the command line would, and again when it changes", async () => {
    const dir = project({ ".dflint.yaml": "ignored: [DL3007]\n" });
    const uri = pathToFileURL(join(dir, "Dockerfile")).href;
    ({ client } = await TestClient.start());
    // `&& make`: ShellCheck, when installed, has nothing to say about this cd.
    await client.open(uri, "FROM ubuntu:latest\nRUN cd /app && make\n");
    expect(codes((await client.diagnostics(uri, 1)).diagnostics)).toEqual(["DL3003"]);
    writeFileSync(join(dir, ".dflint.yaml"), "ignored: [DL3003]\n");
    client.published.length = 0;
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: pathToFileURL(join(dir, ".dflint.yaml")).href, type: 2 }],
    });
    expect(codes((await client.diagnostics(uri, 1)).diagnostics)).toEqual(["DL3007"]);
  });

  it("a broken config file is a diagnostic on that file, and the Dockerfile is still linted", async () => {
    const dir = project({ ".hadolint.yaml": "ignored: [DL3007\n" });
    const uri = pathToFileURL(join(dir, "Dockerfile")).href;
    const configUri = pathToFileURL(join(dir, ".hadolint.yaml")).href;
    ({ client } = await TestClient.start());
    await client.open(uri, "FROM ubuntu:latest\n");
    expect(codes((await client.diagnostics(uri, 1)).diagnostics)).toEqual(["DL3007"]);
    const problem = await client.diagnostics(configUri);
    expect(problem.diagnostics).toHaveLength(1);
    expect(problem.diagnostics[0]).toMatchObject({ severity: 1, source: "dflint", range: range(0, 0, 0, 0) });
    expect(problem.diagnostics[0].message).toMatch(/^dflint cannot use this file: invalid YAML/);
    writeFileSync(join(dir, ".hadolint.yaml"), "ignored: [DL3007]\n");
    client.published.length = 0;
    await client.connection.sendNotification("workspace/didChangeWatchedFiles", {
      changes: [{ uri: configUri, type: 2 }],
    });
    expect((await client.diagnostics(configUri)).diagnostics).toEqual([]);
    expect((await client.diagnostics(uri, 1)).diagnostics).toEqual([]);
  });

  it("applies dflint.* settings from workspace/configuration, and re-lints when they change", async () => {
    ({ client } = await TestClient.start({ workspace: { configuration: true } }));
    client.settings.dflint = { ignore: ["DL3003"], severity: { DL3007: "error" } };
    await client.open(URI, "FROM ubuntu:latest\nRUN cd /app && make\n");
    const first = (await client.diagnostics(URI, 1)).diagnostics;
    expect(first.map((d) => [d.code, d.severity])).toEqual([["DL3007", 1]]);
    client.settings.dflint = {};
    client.published.length = 0;
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    expect(codes((await client.diagnostics(URI, 1)).diagnostics)).toEqual(["DL3007", "DL3003"]);
  });

  it("checks COPY sources against the dflint.context setting (relative to the workspace) with dflint.buildArgs", async () => {
    const root = mkdtempSync(join(tmpdir(), "dflint-lsp-context-"));
    mkdirSync(join(root, "app"));
    mkdirSync(join(root, "docker"));
    writeFileSync(join(root, "app", "main.go"), "package main\n");
    const uri = pathToFileURL(join(root, "docker", "Dockerfile")).href;
    ({ client } = await TestClient.start(
      { workspace: { configuration: true } },
      { rootUri: pathToFileURL(root).href },
    ));
    client.settings.dflint = { context: ".", buildArgs: { SRC: "ap" } };
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Dockerfile variable syntax
    await client.open(uri, "FROM alpine\nARG SRC=app\nCOPY ${SRC}/main.go /x\n");
    const found = (await client.diagnostics(uri, 1)).diagnostics.filter((d) => d.code === "DF220");
    expect(found.map((d) => [d.range, d.severity, d.message])).toEqual([
      [
        range(2, 5, 2, 19),
        1,
        "the build context has no folder 'ap' (did you mean 'app'?): the build fails here",
      ],
    ]);
    // Without the setting the Dockerfile's folder is only a guess, and DF220 stays quiet.
    client.settings.dflint = {};
    client.published.length = 0;
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    expect(codes((await client.diagnostics(uri, 1)).diagnostics)).not.toContain("DF220");
  });

  it("asks a pull client to refresh when the settings change", async () => {
    ({ client } = await TestClient.start({
      textDocument: { diagnostic: {} },
      workspace: { configuration: true, diagnostics: { refreshSupport: true } },
    }));
    await client.open(URI, "FROM ubuntu:latest\n");
    await client.connection.sendNotification("workspace/didChangeConfiguration", { settings: null });
    await vi.waitFor(() => expect(client!.refreshes).toHaveLength(1));
  });
});
