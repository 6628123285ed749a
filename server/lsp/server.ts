import {
  type CancellationToken,
  type Connection,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  type InitializeParams,
  type InitializeResult,
  LSPErrorCodes,
  ResponseError,
  TextDocumentSyncKind,
} from "vscode-languageserver/node.js";
import type { Finding } from "../rules/types.js";
import { toDiagnostic } from "./convert.js";
import { DocumentStore, type OpenDocument } from "./documents.js";
import {
  InThreadEngine,
  type LintEngine,
  type PlainLintOptions,
  Superseded,
  WorkerEngine,
} from "./engine.js";

export interface ServerOptions {
  /** Module to run lints in a worker thread from (the server's own entry); lints run in-thread without it. */
  lintWorker?: string | URL;
  /** Quiet time after an edit before linting, so a burst of edits is linted once. */
  debounceMs?: number;
}

const VERSION = "0.1.0";

/** Wires dflint's language features to an LSP connection and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): void {
  const store = new DocumentStore();
  const engine: LintEngine = options.lintWorker ? new WorkerEngine(options.lintWorker) : new InThreadEngine();
  const debounceMs = options.debounceMs ?? 15;
  const timers = new Map<string, NodeJS.Timeout>();
  let pull = false;
  const configGeneration = 0;

  const lintOptions = (_d: OpenDocument): PlainLintOptions => ({});

  const lintDoc = (d: OpenDocument): Promise<Finding[]> => d.lint(engine, lintOptions(d), configGeneration);

  /** Lints the current version and publishes it, unless the document moved on or closed meanwhile. */
  const publish = async (d: OpenDocument): Promise<void> => {
    const version = d.version;
    const generation = configGeneration;
    let findings: Finding[];
    try {
      findings = await lintDoc(d);
    } catch (e) {
      if (!(e instanceof Superseded)) connection.console.error(`lint of ${d.uri} failed: ${String(e)}`);
      return;
    }
    if (store.get(d.uri) !== d || d.version !== version || generation !== configGeneration) return;
    void connection.sendDiagnostics({
      uri: d.uri,
      version,
      diagnostics: findings.map((f) => toDiagnostic(d.doc, f)),
    });
  };

  const schedule = (d: OpenDocument, delay: number): void => {
    if (pull) return;
    clearTimeout(timers.get(d.uri));
    timers.set(
      d.uri,
      setTimeout(() => {
        timers.delete(d.uri);
        void publish(d);
      }, delay),
    );
  };

  const opened = (uri: string): OpenDocument => {
    const d = store.get(uri);
    if (!d) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${uri}`);
    return d;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pull = params.capabilities.textDocument?.diagnostic !== undefined;
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        ...(pull
          ? {
              diagnosticProvider: {
                identifier: "dflint",
                interFileDependencies: false,
                workspaceDiagnostics: false,
              },
            }
          : {}),
      },
      serverInfo: { name: "dflint", version: VERSION },
    };
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    schedule(store.open(t.uri, t.languageId, t.version, t.text), 0);
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    const d = store.change(t.uri, t.version ?? 0, contentChanges);
    if (d) schedule(d, debounceMs);
  });

  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    clearTimeout(timers.get(t.uri));
    timers.delete(t.uri);
    store.close(t.uri);
    if (!pull) void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(
    async (params, token: CancellationToken): Promise<DocumentDiagnosticReport> => {
      const d = opened(params.textDocument.uri);
      const version = d.version;
      const generation = configGeneration;
      const resultId = `${version}:${generation}`;
      if (params.previousResultId === resultId) {
        return { kind: DocumentDiagnosticReportKind.Unchanged, resultId };
      }
      let findings: Finding[] | undefined;
      try {
        findings = await lintDoc(d);
      } catch (e) {
        if (!(e instanceof Superseded)) throw e;
      }
      if (token.isCancellationRequested) throw new ResponseError(LSPErrorCodes.RequestCancelled, "cancelled");
      if (!findings || store.get(d.uri) !== d || d.version !== version || generation !== configGeneration) {
        // The document changed while we linted: the client asks again for the new version.
        throw new ResponseError(LSPErrorCodes.ServerCancelled, "document changed", {
          retriggerRequest: true,
        });
      }
      return {
        kind: DocumentDiagnosticReportKind.Full,
        resultId,
        items: findings.map((f) => toDiagnostic(d.doc, f)),
      };
    },
  );

  connection.onShutdown(() => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
    engine.dispose();
  });

  // vscode-languageserver exits the process after `exit` (status 0 only after `shutdown`).
  connection.onExit(() => engine.dispose());

  connection.listen();
}
