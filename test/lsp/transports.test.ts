import { fork } from "node:child_process";
import { createServer, type Socket } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import {
  createProtocolConnection,
  type InitializeResult,
  IPCMessageReader,
  IPCMessageWriter,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  SocketMessageReader,
  SocketMessageWriter,
} from "vscode-languageserver-protocol/node.js";
import { SERVER } from "./client.js";

// The stdio transport is what test/lsp/server.test.ts drives; these are the other two the executable offers.
const URI = "file:///work/project/Dockerfile";
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanup.splice(0)) c();
});

/** initialize → didOpen → the first publish → shutdown/exit, over an established connection. */
async function roundTrip(
  connection: ProtocolConnection,
): Promise<{ init: InitializeResult; codes: unknown[] }> {
  const published = new Promise<PublishDiagnosticsParams>((resolve) =>
    connection.onNotification("textDocument/publishDiagnostics", resolve),
  );
  connection.onRequest("client/registerCapability", () => null);
  connection.listen();
  const init = await connection.sendRequest<InitializeResult>("initialize", {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
  });
  await connection.sendNotification("initialized", {});
  await connection.sendNotification("textDocument/didOpen", {
    textDocument: { uri: URI, languageId: "dockerfile", version: 1, text: "FROM ubuntu:latest\n" },
  });
  const codes = (await published).diagnostics.map((d) => d.code);
  await connection.sendRequest("shutdown");
  await connection.sendNotification("exit");
  return { init, codes };
}

describe("language server transports", () => {
  it("--node-ipc: talks over the IPC channel of a forked process", async () => {
    const child = fork(SERVER, ["--node-ipc"], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
    cleanup.push(() => child.kill());
    const exited = new Promise<number | null>((resolve) => child.once("exit", resolve));
    const connection = createProtocolConnection(new IPCMessageReader(child), new IPCMessageWriter(child));
    cleanup.push(() => connection.dispose());
    const { init, codes } = await roundTrip(connection);
    expect(init.serverInfo?.name).toBe("dflint");
    expect(codes).toEqual(["DL3007"]);
    expect(await exited).toBe(0);
  });

  it("--socket=PORT: connects to the port the client listens on", async () => {
    const accepted = new Promise<Socket>((resolve) => {
      const listener = createServer((socket) => resolve(socket));
      cleanup.push(() => listener.close());
      listener.listen(0, "127.0.0.1", () => {
        const address = listener.address();
        const port = typeof address === "object" && address ? address.port : 0;
        const child = fork(SERVER, [`--socket=${port}`], { stdio: ["ignore", "ignore", "pipe", "ipc"] });
        cleanup.push(() => child.kill());
      });
    });
    const socket = await accepted;
    cleanup.push(() => socket.destroy());
    const connection = createProtocolConnection(
      new SocketMessageReader(socket),
      new SocketMessageWriter(socket),
    );
    cleanup.push(() => connection.dispose());
    const { init, codes } = await roundTrip(connection);
    expect(init.serverInfo?.name).toBe("dflint");
    expect(codes).toEqual(["DL3007"]);
  });
});
