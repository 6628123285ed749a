import { mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, sep } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import {
  type CancellationToken,
  type CodeAction,
  CodeActionKind,
  type CodeActionParams,
  type CompletionItem,
  CompletionItemKind,
  type Connection,
  type Diagnostic,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  DidChangeWatchedFilesNotification,
  type DocumentDiagnosticReport,
  DocumentDiagnosticReportKind,
  ErrorCodes,
  type Hover,
  type InitializeParams,
  type InitializeResult,
  InsertTextFormat,
  LSPErrorCodes,
  MarkupKind,
  ResponseError,
  TextDocumentSyncKind,
} from "vscode-languageserver/node.js";
import { codeActions, replacementEdit } from "../features/actions.js";
import { type CompletionItemData, type CompletionKind, complete } from "../features/completion.js";
import { hover } from "../features/hover.js";
import { MAX_INSTRUCTIONS } from "../lint/index.js";
import { ruleMarkdown } from "../rules/docs.js";
import { rulesFor } from "../rules/index.js";
import type { Finding } from "../rules/types.js";
import { ConfigFiles, lintOptionsOf, settingsLayer } from "./config.js";
import { toDiagnostic, toRange, toSpan, toTextEdit } from "./convert.js";
import { DocumentStore, type OpenDocument, snapshotOf } from "./documents.js";
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
  /**
   * Quiet time after an edit before linting, so a burst of edits is linted once; waited only after an edit that
   * follows the document's previous one within this time, and whose last lint took longer (see {@link editDelay}).
   */
  debounceMs?: number;
}

const VERSION = "0.1.0";

/** More than this many findings in one document are summarised (a binary file can have tens of thousands). */
export const MAX_DIAGNOSTICS = 5000;

/**
 * Commands the server executes (workspace/executeCommand). Named `dflint.server.*` so that an editor extension can
 * register its own `dflint.*` palette commands and forward to these.
 *   dflint.server.fixAll [uri]          applies every safe fix until none is left (workspace/applyEdit)
 *   dflint.server.showRuleDocs [code]   returns { code, title, markdown } and, when the client can show documents,
 *                                       opens the rule's page (a Markdown file written to the temp directory)
 */
export const COMMANDS = {
  fixAll: "dflint.server.fixAll",
  showRuleDocs: "dflint.server.showRuleDocs",
} as const;

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.dflint`;

const COMPLETION_KIND: Record<CompletionKind, CompletionItemKind> = {
  instruction: CompletionItemKind.Keyword,
  flag: CompletionItemKind.Property,
  value: CompletionItemKind.Value,
  stage: CompletionItemKind.Reference,
  variable: CompletionItemKind.Variable,
  directive: CompletionItemKind.Keyword,
  keyword: CompletionItemKind.Keyword,
  signal: CompletionItemKind.EnumMember,
  option: CompletionItemKind.Property,
  rule: CompletionItemKind.Constant,
};

const cancelled = () => new ResponseError(LSPErrorCodes.RequestCancelled, "request cancelled");
const modified = () => new ResponseError(LSPErrorCodes.ContentModified, "the document changed");

export interface RunningServer {
  /** Whether the client sent `shutdown`. */
  shutdownRequested(): boolean;
}

/**
 * How long to wait before linting an edited document (ms; 0: as soon as the messages already read are handled).
 * None when its last lint took less than the wait itself (a small document), and none for an edit that comes alone:
 * only an edit within `debounceMs` of the document's previous one waits, so that a burst of edits is linted once.
 * A lint already running cannot be stopped, but the edits that come while it runs need no wait either: their lints
 * queue behind it, and each one a newer version replaces is dropped before it starts (engine.ts).
 * bench:lsp's 10k-line file, whose edits come one at a time (3 runs each, alternating): edit -> diagnostics p50 of
 * edits 21-60 46.7-49.5 -> 43.8-46.2 ms, of the first twenty 66.8-71.1 -> 62.9-68.3 ms. The cost: two edits less
 * than `debounceMs` apart after a quiet spell get two lints, the first one wasted.
 */
export function editDelay(
  lastLintMs: number | undefined,
  sinceLastEditMs: number,
  debounceMs: number,
): number {
  if (lastLintMs !== undefined && lastLintMs < debounceMs) return 0;
  return sinceLastEditMs < debounceMs ? debounceMs : 0;
}

/** A diagnostic about the whole document, at its start: a config file that cannot be used, a lint left out. */
function documentNote(
  message: string,
  severity: DiagnosticSeverity = DiagnosticSeverity.Information,
): Diagnostic {
  return {
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    severity,
    source: "dflint",
    message,
  };
}

/** Wires dflint's language features to an LSP connection and starts listening. */
export function startServer(connection: Connection, options: ServerOptions = {}): RunningServer {
  let shutdown = false;
  const store = new DocumentStore();
  const engine: LintEngine = options.lintWorker ? new WorkerEngine(options.lintWorker) : new InThreadEngine();
  const debounceMs = options.debounceMs ?? 4;
  /** The pending lint of each document that has one: a timer, or an immediate for no wait. */
  const timers = new Map<string, { timeout: NodeJS.Timeout } | { immediate: NodeJS.Immediate }>();
  const cancel = (uri: string): void => {
    const t = timers.get(uri);
    if (t === undefined) return;
    if ("timeout" in t) clearTimeout(t.timeout);
    else clearImmediate(t.immediate);
    timers.delete(uri);
  };
  const configFiles = new ConfigFiles();
  let pull = false;
  let pullRefresh = false;
  let pullConfiguration = false;
  let showDocument = false;
  let snippets = false;
  /** The client asks for an item's documentation when it shows the item (completionItem/resolve). */
  let resolveDocs = false;
  /**
   * The documentation of the items of the last completion list sent without it, for completionItem/resolve; each
   * item's `data` is the list's number and its index. The 46 items at the start of a line were a 63.6 KB answer
   * with their documentation, 14.5 KB without (dockerfile-language-server's: 4.2 KB, 20 items); round trip p50 of a
   * small document's completion, 30 requests, noisy: 0.8-1.1 -> 0.5-0.7 ms. An item of an older list resolves to
   * itself.
   */
  let docs: { list: number; texts: (string | undefined)[] } = { list: 0, texts: [] };
  let registerWatchers = false;
  let registerConfiguration = false;
  let pushedSettings: unknown;
  /** Bumped whenever settings or config files change: lints and option caches of older generations are void. */
  let configGeneration = 0;
  const optionsCache = new Map<string, { generation: number; options: Promise<PlainLintOptions> }>();
  const configProblemUris = new Set<string>();
  /** The workspace folders the client opened with, deepest first, for settings relative to them. */
  let workspaceFolders: string[] = [];
  const workspaceFolderOf = (path: string | undefined): string | undefined =>
    path === undefined
      ? workspaceFolders[0]
      : (workspaceFolders.find((f) => path === f || path.startsWith(f.endsWith(sep) ? f : f + sep)) ??
        workspaceFolders[0]);

  const settingsFor = async (uri: string): Promise<unknown> => {
    if (!pullConfiguration) return pushedSettings;
    try {
      return await connection.workspace.getConfiguration({ scopeUri: uri, section: "dflint" });
    } catch {
      return pushedSettings;
    }
  };

  const lintOptions = (d: OpenDocument): Promise<PlainLintOptions> => {
    const cached = optionsCache.get(d.uri);
    if (cached?.generation === configGeneration) return cached.options;
    const generation = configGeneration;
    const promise = settingsFor(d.uri).then((settings) => {
      const file = configFiles.layerFor(d.uri);
      if (generation === configGeneration) publishConfigProblems();
      const path = d.uri.startsWith("file:") ? fileURLToPath(d.uri) : undefined;
      return lintOptionsOf([file, settingsLayer(settings, workspaceFolderOf(path))], path);
    });
    optionsCache.set(d.uri, { generation, options: promise });
    return promise;
  };

  /** A config file that failed to load gets the reason as a diagnostic at its top; a fixed one gets none. */
  const publishConfigProblems = (): void => {
    const now = new Set<string>();
    for (const p of configFiles.problems.values()) {
      const uri = pathToFileURL(p.path).href;
      now.add(uri);
      if (configProblemUris.has(uri)) continue;
      configProblemUris.add(uri);
      void connection.sendDiagnostics({
        uri,
        diagnostics: [documentNote(`dflint cannot use this file: ${p.message}`, DiagnosticSeverity.Error)],
      });
    }
    for (const uri of configProblemUris) {
      if (now.has(uri)) continue;
      configProblemUris.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
  };

  /** The findings of the document's current version. Rejects with Superseded if it changes first. */
  const lintDoc = async (d: OpenDocument): Promise<Finding[]> => {
    // Not linted at all (see `diagnostics`): the lint could run the worker out of memory.
    if (d.tooManyInstructions() !== undefined) return [];
    const version = d.version;
    const generation = configGeneration;
    const opts = await lintOptions(d);
    if (d.version !== version || generation !== configGeneration) throw new Superseded();
    return d.lint(engine, opts, generation);
  };

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
      diagnostics: diagnostics(d, findings),
    });
  };

  /**
   * Lints the document after `delay` ms, or as soon as the messages already read are handled when it is 0 (an
   * immediate: a timer of 0 waits at least 1 ms). A wait only pays when a lint costs more than it: a small document
   * lints in well under a millisecond, so waiting `debounceMs` after each edit was nearly all of its edit-to-
   * diagnostics time (bench:lsp, small document, p50 4.9 ms against dockerfile-language-server's 0.3). When a larger
   * document waits is {@link editDelay}'s. A stale lint is dropped before it starts anyway.
   */
  const schedule = (d: OpenDocument, delay: number): void => {
    if (pull) return;
    cancel(d.uri);
    const run = () => {
      timers.delete(d.uri);
      void publish(d);
    };
    timers.set(d.uri, delay > 0 ? { timeout: setTimeout(run, delay) } : { immediate: setImmediate(run) });
  };

  const configChanged = (): void => {
    configGeneration++;
    optionsCache.clear();
    if (pull) {
      if (pullRefresh) void connection.languages.diagnostics.refresh();
      // Config problems are still found (and published) when documents are linted again.
      for (const d of store.all()) void lintOptions(d);
    } else {
      for (const d of store.all()) schedule(d, 0);
    }
  };

  const opened = (uri: unknown): OpenDocument => {
    if (typeof uri !== "string")
      throw new ResponseError(ErrorCodes.InvalidParams, "a document URI is required");
    const d = store.get(uri);
    if (!d) throw new ResponseError(ErrorCodes.InvalidParams, `document not open: ${uri}`);
    return d;
  };

  /** The open document and the offset a position request names; throws InvalidParams for anything else. */
  const at = (params: unknown): { d: OpenDocument; offset: number } => {
    const p = params as {
      textDocument?: { uri?: unknown };
      position?: { line?: unknown; character?: unknown };
    };
    const d = opened(p?.textDocument?.uri);
    const line = p?.position?.line;
    const character = p?.position?.character;
    if (!Number.isInteger(line) || !Number.isInteger(character)) {
      throw new ResponseError(
        ErrorCodes.InvalidParams,
        "a position with an integer line and character is required",
      );
    }
    return { d, offset: d.doc.offsetAt({ line: line as number, character: character as number }) };
  };

  /** Diagnostics for findings; past MAX_DIAGNOSTICS (a binary file, say) one more says how many were left out. */
  const diagnostics = (d: OpenDocument, findings: Finding[]): Diagnostic[] => {
    const many = d.tooManyInstructions();
    if (many !== undefined) {
      return [
        documentNote(
          `not linted: the document has ${many} instructions, more than the ${MAX_INSTRUCTIONS} dflint lints in one document`,
        ),
      ];
    }
    const shown = findings.slice(0, MAX_DIAGNOSTICS).map((f) => toDiagnostic(d.doc, f));
    if (findings.length > MAX_DIAGNOSTICS) {
      shown.push(documentNote(`${findings.length - MAX_DIAGNOSTICS} more findings are not shown`));
    }
    return shown;
  };

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    const caps = params.capabilities;
    pull = caps.textDocument?.diagnostic !== undefined;
    pullRefresh = caps.workspace?.diagnostics?.refreshSupport === true;
    pullConfiguration = caps.workspace?.configuration === true;
    showDocument = caps.window?.showDocument?.support === true;
    snippets = caps.textDocument?.completion?.completionItem?.snippetSupport === true;
    resolveDocs =
      caps.textDocument?.completion?.completionItem?.resolveSupport?.properties.includes("documentation") ===
      true;
    registerWatchers = caps.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
    registerConfiguration = caps.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    const init = params.initializationOptions as { dflint?: unknown } | undefined;
    pushedSettings = init?.dflint;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri ? [params.rootUri] : []);
    workspaceFolders = folders
      .filter((u) => u.startsWith("file:"))
      .map((u) => fileURLToPath(u))
      .sort((a, b) => b.length - a.length);
    return {
      capabilities: {
        textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
        hoverProvider: true,
        completionProvider: { triggerCharacters: ["-", "$", "{", "=", ","], resolveProvider: resolveDocs },
        codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND] },
        executeCommandProvider: { commands: [COMMANDS.fixAll, COMMANDS.showRuleDocs] },
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

  connection.onInitialized(() => {
    engine.warm();
    // Ask to hear about config files and settings; a client that cannot register may still notify us.
    if (registerWatchers) {
      const globPattern = "**/{.dflint,.hadolint}.{yaml,yml}";
      void connection.client
        .register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern }] })
        .catch(() => undefined);
    }
    if (registerConfiguration) {
      void connection.client
        .register(DidChangeConfigurationNotification.type, undefined)
        .catch(() => undefined);
    }
  });

  connection.onDidChangeConfiguration((params) => {
    const settings = (params.settings as { dflint?: unknown } | null)?.dflint;
    if (settings !== undefined) pushedSettings = settings;
    configChanged();
  });

  connection.onDidChangeWatchedFiles(() => {
    configFiles.reset();
    configChanged();
  });

  connection.onDidOpenTextDocument(({ textDocument: t }) => {
    schedule(store.open(t.uri, t.languageId, t.version, t.text), 0);
  });

  connection.onDidChangeTextDocument(({ textDocument: t, contentChanges }) => {
    const d = store.change(t.uri, t.version ?? 0, contentChanges);
    if (!d) return;
    const now = performance.now();
    const since = d.editedAt === undefined ? Number.POSITIVE_INFINITY : now - d.editedAt;
    d.editedAt = now;
    schedule(d, editDelay(d.lintMs, since, debounceMs));
  });

  connection.onDidCloseTextDocument(({ textDocument: t }) => {
    cancel(t.uri);
    optionsCache.delete(t.uri);
    store.close(t.uri);
    if (!pull) void connection.sendDiagnostics({ uri: t.uri, diagnostics: [] });
  });

  connection.languages.diagnostics.on(async (params, token): Promise<DocumentDiagnosticReport> => {
    const d = opened(params?.textDocument?.uri);
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
    if (token.isCancellationRequested) throw cancelled();
    if (!findings || store.get(d.uri) !== d || d.version !== version || generation !== configGeneration) {
      // The document changed while we linted: the client asks again for the new version.
      throw new ResponseError(LSPErrorCodes.ServerCancelled, "the document changed", {
        retriggerRequest: true,
      });
    }
    return {
      kind: DocumentDiagnosticReportKind.Full,
      resultId,
      items: diagnostics(d, findings),
    };
  });

  /** Findings for features that can do without them: those of this version if its lint is done. */
  const readyFindings = (d: OpenDocument): Finding[] | undefined => d.currentFindings(configGeneration);

  connection.onHover((params, token): Hover | null => {
    const { d, offset } = at(params);
    if (token.isCancellationRequested) throw cancelled();
    if (!d.analysable) return null;
    const h = hover(snapshotOf(d, readyFindings(d)), offset);
    if (!h) return null;
    return { contents: { kind: MarkupKind.Markdown, value: h.markdown }, range: toRange(d.doc, h.span) };
  });

  const completionItem = (d: OpenDocument, c: CompletionItemData): CompletionItem => {
    const item: CompletionItem = {
      label: c.label,
      kind: COMPLETION_KIND[c.kind],
      textEdit: { range: toRange(d.doc, c.replace), newText: c.insertText ?? c.label },
    };
    if (c.detail) item.detail = c.detail;
    if (c.documentation) item.documentation = { kind: MarkupKind.Markdown, value: c.documentation };
    if (c.isSnippet) item.insertTextFormat = InsertTextFormat.Snippet;
    if (c.sortText) item.sortText = c.sortText;
    if (c.filterText) item.filterText = c.filterText;
    return item;
  };

  connection.onCompletion((params, token): CompletionItem[] => {
    const { d, offset } = at(params);
    if (token.isCancellationRequested) throw cancelled();
    if (!d.analysable) return [];
    const items = complete(snapshotOf(d, readyFindings(d)), offset, { snippets });
    if (!resolveDocs) return items.map((c) => completionItem(d, c));
    const list = docs.list + 1;
    docs = { list, texts: items.map((c) => c.documentation) };
    return items.map((c, index) => {
      const item = completionItem(d, { ...c, documentation: undefined });
      if (c.documentation) item.data = { list, index };
      return item;
    });
  });

  connection.onCompletionResolve((item): CompletionItem => {
    const data = item.data as { list?: unknown; index?: unknown } | undefined;
    if (data?.list !== docs.list || typeof data.index !== "number") return item;
    const value = docs.texts[data.index];
    return value ? { ...item, documentation: { kind: MarkupKind.Markdown, value } } : item;
  });

  const wants = (only: string[] | undefined, kind: string): boolean =>
    only === undefined || only.some((k) => kind === k || kind.startsWith(`${k}.`));

  /** Every safe fix applied until none is left, as one edit (or undefined when nothing changes). */
  const fixAllEdit = async (d: OpenDocument) => {
    if (d.tooManyInstructions() !== undefined) return undefined;
    const version = d.version;
    const text = d.doc.getText();
    const fixed = await engine.fixAll(text, await lintOptions(d), () => d.closed || d.version !== version);
    if (d.version !== version) throw modified();
    const edit = replacementEdit(text, fixed);
    return edit && { changes: { [d.uri]: [toTextEdit(d.doc, edit)] } };
  };

  connection.onCodeAction(
    async (params: CodeActionParams, token: CancellationToken): Promise<CodeAction[]> => {
      const d = opened(params.textDocument.uri);
      const only = params.context.only;
      const out: CodeAction[] = [];
      const version = d.version;
      try {
        if (only && wants(only, FIX_ALL_KIND) && !wants(only, CodeActionKind.QuickFix)) {
          const edit = await fixAllEdit(d);
          if (edit) out.push({ title: "Fix all safe dflint problems", kind: FIX_ALL_KIND, edit });
          return out;
        }
        if (!wants(only, CodeActionKind.QuickFix) || !d.analysable) return out;
        const findings = await lintDoc(d);
        if (token.isCancellationRequested) throw cancelled();
        if (d.version !== version) throw modified();
        for (const a of codeActions(snapshotOf(d, findings), toSpan(d.doc, params.range))) {
          const action: CodeAction = {
            title: a.title,
            kind: CodeActionKind.QuickFix,
            diagnostics: a.findings.map((f) => toDiagnostic(d.doc, f)),
          };
          if (a.edits) action.edit = { changes: { [d.uri]: a.edits.map((e) => toTextEdit(d.doc, e)) } };
          if (a.isPreferred) action.isPreferred = true;
          if (a.command?.name === "showRuleDocs") {
            action.command = { title: a.title, command: COMMANDS.showRuleDocs, arguments: [a.command.code] };
          } else if (a.command?.name === "fixAll") {
            action.command = { title: a.title, command: COMMANDS.fixAll, arguments: [d.uri] };
          }
          out.push(action);
        }
        return out;
      } catch (e) {
        if (e instanceof Superseded) throw modified();
        throw e;
      }
    },
  );

  const showRuleDocs = async (code: unknown) => {
    const rule = typeof code === "string" ? rulesFor(code)[0] : undefined;
    if (!rule) throw new ResponseError(ErrorCodes.InvalidParams, `unknown rule: ${String(code)}`);
    const markdown = ruleMarkdown(rule);
    if (showDocument) {
      // Offline: the page is written next to the other temp files and opened in the editor.
      const dir = join(tmpdir(), `dflint-docs-${process.getuid?.() ?? "user"}`);
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${rule.code}.md`);
      writeFileSync(file, `${markdown}\n`);
      await connection.window
        .showDocument({ uri: pathToFileURL(file).href, takeFocus: true })
        .catch(() => undefined);
    }
    return { code: rule.code, title: rule.title, markdown };
  };

  connection.onExecuteCommand(async (params) => {
    const args = params.arguments ?? [];
    if (params.command === COMMANDS.showRuleDocs) return showRuleDocs(args[0]);
    if (params.command === COMMANDS.fixAll) {
      const d = opened(args[0]);
      const edit = await fixAllEdit(d);
      if (!edit) return { applied: false };
      const r = await connection.workspace.applyEdit({ label: "Fix all safe dflint problems", edit });
      return { applied: r.applied };
    }
    throw new ResponseError(ErrorCodes.InvalidParams, `unknown command: ${params.command}`);
  });

  connection.onShutdown(() => {
    shutdown = true;
    for (const uri of [...timers.keys()]) cancel(uri);
    engine.dispose();
  });

  // vscode-languageserver exits the process after `exit` (status 0 only after `shutdown`).
  connection.onExit(() => engine.dispose());

  connection.listen();
  return { shutdownRequested: () => shutdown };
}
