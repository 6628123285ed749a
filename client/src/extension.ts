// The VS Code side of dflint: starts the bundled language server and adds four commands. Everything that
// understands Dockerfiles lives in the server; this file only wires VS Code to it.
import * as vscode from "vscode";
import {
  LanguageClient,
  type LanguageClientOptions,
  type ServerOptions,
  TransportKind,
} from "vscode-languageclient/node";

const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append("dflint");

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
  return new LanguageClient("dflint", "dflint", serverOptions, clientOptions);
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) return;
  // The server's source.fixAll.dflint action carries safe fixes only; unsafe ones stay single quick fixes.
  await vscode.commands.executeCommand("editor.action.sourceAction", {
    kind: FIX_ALL_KIND.value,
    apply: "first",
  });
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

async function showRuleDocs(context: vscode.ExtensionContext, arg: unknown): Promise<void> {
  const code = (await pickRule(arg))?.trim().toUpperCase();
  if (!code) return;
  // The rule pages ship inside the extension, so this works offline.
  const page = vscode.Uri.joinPath(context.extensionUri, "dist", "docs", "rules", `${code}.md`);
  try {
    await vscode.workspace.fs.stat(page);
  } catch {
    void vscode.window.showWarningMessage(`dflint has no rule ${code}.`);
    return;
  }
  await vscode.commands.executeCommand("markdown.showPreview", page);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = vscode.window.createOutputChannel("dflint");
  output = channel;
  client = createClient(context, channel);
  context.subscriptions.push(
    channel,
    vscode.commands.registerCommand("dflint.fixAll", fixAll),
    vscode.commands.registerCommand("dflint.showRuleDocs", (arg: unknown) => showRuleDocs(context, arg)),
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
