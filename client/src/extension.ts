// The VS Code side of dflint: starts the bundled language server and adds four commands. Everything that
// understands Dockerfiles lives in the server; this file only wires VS Code to it.
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  State,
  TransportKind,
} from "vscode-languageclient/node";

// Commands the server executes; the client library registers them in VS Code when the server starts.
const SERVER_FIX_ALL = "dflint.server.fixAll";
const SERVER_SHOW_RULE_DOCS = "dflint.server.showRuleDocs";

/** The files dflint takes as Dockerfiles; keep in step with `contributes.languages` in package.json. */
const DOCUMENT_SELECTOR = [
  { language: "dockerfile" },
  { scheme: "file", pattern: "**/Containerfile" },
  { scheme: "file", pattern: "**/*.Dockerfile" },
  { scheme: "file", pattern: "**/Dockerfile.*" },
];

let client: LanguageClient | undefined;
let output: vscode.OutputChannel | undefined;

function createClient(context: vscode.ExtensionContext, channel: vscode.OutputChannel): LanguageClient {
  const module = context.asAbsolutePath("dist/server.mjs");
  const serverOptions: ServerOptions = {
    run: { module, transport: TransportKind.ipc },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: ["--inspect=6010"] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: channel,
    // The server pulls `dflint.*` with workspace/configuration; this tells it when to pull again.
    synchronize: { configurationSection: "dflint" },
  };
  // The server runs on VS Code's own Node (hence engines.vscode ^1.90, the first release on Node 20).
  const languageClient = new LanguageClient("dflint", "dflint", serverOptions, clientOptions);
  languageClient.onDidChangeState(({ newState }) => {
    if (newState !== State.Running) return;
    const version = languageClient.initializeResult?.serverInfo?.version ?? "";
    channel.appendLine(`dflint language server ${version} is running`);
  });
  return languageClient;
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  // Safe fixes only: unsafe ones could change what the image does, so they stay single quick fixes.
  const result = await vscode.commands.executeCommand<{ applied?: boolean } | undefined>(
    SERVER_FIX_ALL,
    editor.document.uri.toString(),
  );
  if (!result?.applied) void vscode.window.showInformationMessage("dflint: no safe fixes to apply.");
}

function dflintCodes(diagnostics: readonly vscode.Diagnostic[]): string[] {
  const codes = new Set<string>();
  for (const d of diagnostics) {
    if (d.source !== "dflint") continue;
    const code = typeof d.code === "object" ? d.code.value : d.code;
    if (code !== undefined) codes.add(String(code));
  }
  return [...codes];
}

/** Which rule the user means: the argument, the finding under the cursor, or one picked from the file's findings. */
async function pickRule(arg: unknown): Promise<string | undefined> {
  if (typeof arg === "string" && arg.length > 0) return arg;
  const editor = vscode.window.activeTextEditor;
  if (editor) {
    const all = vscode.languages.getDiagnostics(editor.document.uri);
    const here = dflintCodes(all.filter((d) => d.range.contains(editor.selection.active)));
    if (here.length === 1) return here[0];
    const inFile = here.length > 1 ? here : dflintCodes(all);
    if (inFile.length > 0) return vscode.window.showQuickPick(inFile.sort(), { placeHolder: "Rule" });
  }
  return vscode.window.showInputBox({ prompt: "Rule code, e.g. DL3008" });
}

async function showRuleDocs(arg: unknown): Promise<void> {
  const code = (await pickRule(arg))?.trim();
  if (!code) return;
  try {
    // The server writes the rule's page to a file and opens it here; nothing is fetched.
    await vscode.commands.executeCommand(SERVER_SHOW_RULE_DOCS, code);
  } catch {
    void vscode.window.showWarningMessage(`dflint has no rule ${code}.`);
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = vscode.window.createOutputChannel("dflint");
  output = channel;
  client = createClient(context, channel);
  context.subscriptions.push(
    channel,
    vscode.commands.registerCommand("dflint.fixAll", fixAll),
    vscode.commands.registerCommand("dflint.showRuleDocs", showRuleDocs),
    vscode.commands.registerCommand("dflint.restartServer", async () => {
      await client?.restart();
    }),
    vscode.commands.registerCommand("dflint.showOutput", () => output?.show(true)),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
