import { PassThrough } from "node:stream";
import { afterEach, describe, expect, it } from "vitest";
import { createConnection, ProposedFeatures } from "vscode-languageserver/node.js";
import {
  createProtocolConnection,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";
import { editDelay, startServer } from "../../server/lsp/server.js";

// The server in this process (lints on its own thread), with a client over a pair of in-memory streams: what is
// tested here is when the server lints, which the built server's fixed options do not let a test choose.

const URI = "file:///work/project/Dockerfile";

let stop: (() => void) | undefined;
afterEach(() => {
  stop?.();
  stop = undefined;
});

async function serve(debounceMs: number): Promise<{
  client: ProtocolConnection;
  published: (version: number) => Promise<PublishDiagnosticsParams>;
}> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const server = createConnection(
    ProposedFeatures.all,
    new StreamMessageReader(toServer),
    new StreamMessageWriter(toClient),
  );
  startServer(server, { debounceMs });
  const client = createProtocolConnection(
    new StreamMessageReader(toClient),
    new StreamMessageWriter(toServer),
  );
  const waiting = new Map<number, (p: PublishDiagnosticsParams) => void>();
  const seen = new Map<number, PublishDiagnosticsParams>();
  client.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
    if (p.uri !== URI || p.version === undefined) return;
    seen.set(p.version, p);
    waiting.get(p.version)?.(p);
  });
  client.onRequest("workspace/configuration", (p: { items: unknown[] }) => p.items.map(() => null));
  client.listen();
  stop = () => {
    client.dispose();
    server.dispose();
  };
  await client.sendRequest("initialize", { processId: null, rootUri: null, capabilities: {} });
  await client.sendNotification("initialized", {});
  const published = (version: number) =>
    new Promise<PublishDiagnosticsParams>((resolve) => {
      const p = seen.get(version);
      if (p) resolve(p);
      else waiting.set(version, resolve);
    });
  return { client, published };
}

describe("when the server lints an edited document", () => {
  it("does not wait the debounce time for a document whose lint takes less than that", async () => {
    // A minute of debounce: were it waited, the edit's diagnostics would miss the test's 5 s timeout.
    const { client, published } = await serve(60_000);
    await client.sendNotification("textDocument/didOpen", {
      textDocument: { uri: URI, languageId: "dockerfile", version: 1, text: "FROM ubuntu:latest\n" },
    });
    expect((await published(1)).diagnostics.map((d) => d.code)).toEqual(["DL3007"]);
    await client.sendNotification("textDocument/didChange", {
      textDocument: { uri: URI, version: 2 },
      contentChanges: [
        { range: { start: { line: 0, character: 12 }, end: { line: 0, character: 18 } }, text: "24.04" },
      ],
    });
    expect((await published(2)).diagnostics).toEqual([]);
  });
});

describe("how long an edited document waits before it is linted", () => {
  it("does not wait when the document's last lint was quicker than the wait", () => {
    expect(editDelay(0.4, 1, 4)).toBe(0);
    expect(editDelay(0.4, Number.POSITIVE_INFINITY, 4)).toBe(0);
  });

  it("does not wait for an edit that comes alone, however long the lint", () => {
    expect(editDelay(40, Number.POSITIVE_INFINITY, 4)).toBe(0);
    expect(editDelay(40, 4, 4)).toBe(0);
    expect(editDelay(undefined, 250, 4)).toBe(0);
  });

  it("waits for an edit that follows another within the wait, so that the burst is linted once", () => {
    expect(editDelay(40, 1, 4)).toBe(4);
    expect(editDelay(4, 3.9, 4)).toBe(4);
    expect(editDelay(undefined, 0, 4)).toBe(4);
  });
});
