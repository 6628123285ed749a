import { createConnection, ProposedFeatures } from "vscode-languageserver/node.js";
import { startServer } from "./server.js";

const USAGE = `usage: dflint-language-server (--stdio | --node-ipc | --socket=PORT)

Speaks the Language Server Protocol for Dockerfiles on the chosen transport.
`;

/** Starts the server on the transport the arguments name; exits with a usage message when they name none. */
export function runEntry(args: readonly string[]): void {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(USAGE);
    return;
  }
  const transport = args.some((a) => a === "--stdio" || a === "--node-ipc" || /^--socket=\d+$/.test(a));
  if (!transport) {
    process.stderr.write(`dflint-language-server: no transport given\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  // createConnection reads the same three options (and --clientProcessId) from process.argv.
  startServer(createConnection(ProposedFeatures.all), { lintWorker: process.argv[1] });
}
