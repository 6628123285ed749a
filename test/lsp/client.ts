import { type ChildProcess, spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import {
  type ClientCapabilities,
  createProtocolConnection,
  type InitializeResult,
  type ProtocolConnection,
  type PublishDiagnosticsParams,
  StreamMessageReader,
  StreamMessageWriter,
} from "vscode-languageserver-protocol/node.js";

export const SERVER = fileURLToPath(new URL("../../dist/dflint-language-server.mjs", import.meta.url));

/** A real LSP client talking to the built server over stdio. */
export class TestClient {
  readonly connection: ProtocolConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  private waiters: {
    test: (p: PublishDiagnosticsParams) => boolean;
    resolve: (p: PublishDiagnosticsParams) => void;
  }[] = [];
  stderr = "";
  /** What the server asked the client to do. */
  readonly shown: string[] = [];
  readonly applied: unknown[] = [];
  readonly refreshes: number[] = [];
  /** Answers to workspace/configuration, by section. */
  settings: Record<string, unknown> = {};

  constructor(readonly child: ChildProcess) {
    child.stderr!.on("data", (b) => {
      this.stderr += String(b);
    });
    this.connection = createProtocolConnection(
      new StreamMessageReader(child.stdout!),
      new StreamMessageWriter(child.stdin!),
    );
    this.connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      this.published.push(p);
      this.waiters = this.waiters.filter((w) => {
        if (!w.test(p)) return true;
        w.resolve(p);
        return false;
      });
    });
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.onRequest("workspace/configuration", (p: { items: { section?: string }[] }) =>
      p.items.map((i) => this.settings[i.section ?? ""] ?? null),
    );
    this.connection.onRequest("window/showDocument", (p: { uri: string }) => {
      this.shown.push(p.uri);
      return { success: true };
    });
    this.connection.onRequest("workspace/applyEdit", (p: { edit: unknown }) => {
      this.applied.push(p.edit);
      return { applied: true };
    });
    this.connection.onRequest("workspace/diagnostic/refresh", () => {
      this.refreshes.push(Date.now());
      return null;
    });
    this.connection.listen();
  }

  static spawn(args: string[] = ["--stdio"]): TestClient {
    return new TestClient(spawn(process.execPath, [SERVER, ...args], { stdio: ["pipe", "pipe", "pipe"] }));
  }

  static async start(
    capabilities: ClientCapabilities = {},
    options: { rootUri?: string | null; initializationOptions?: unknown } = {},
  ): Promise<{ client: TestClient; init: InitializeResult }> {
    const client = TestClient.spawn();
    const init = await client.connection.sendRequest<InitializeResult>("initialize", {
      processId: process.pid,
      rootUri: options.rootUri ?? null,
      capabilities,
      initializationOptions: options.initializationOptions,
    });
    await client.connection.sendNotification("initialized", {});
    return { client, init };
  }

  /** The next publish for `uri` (at `version`, if given), including one that already arrived. */
  diagnostics(uri: string, version?: number): Promise<PublishDiagnosticsParams> {
    const test = (p: PublishDiagnosticsParams) =>
      p.uri === uri && (version === undefined || p.version === version);
    const seen = this.published.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  open(uri: string, text: string, version = 1): Promise<void> {
    return this.connection.sendNotification("textDocument/didOpen", {
      textDocument: { uri, languageId: "dockerfile", version, text },
    });
  }

  /** Shuts the server down politely and resolves to its exit code. */
  async stop(): Promise<number | null> {
    const exited = new Promise<number | null>((resolve) => this.child.once("exit", (code) => resolve(code)));
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const code = await exited;
    this.connection.dispose();
    return code;
  }

  kill(): void {
    this.connection.dispose();
    this.child.kill();
  }
}
