import { createConnection, ProposedFeatures } from "vscode-languageserver/node.js";
import { startServer } from "./server.js";
import { transportFrom } from "./transport.js";

const USAGE = `usage: dflint-language-server (--stdio | --node-ipc | --socket=PORT)

Speaks the Language Server Protocol for Dockerfiles on the chosen transport.
`;

/** Starts the server on the transport the arguments name; exits with a usage message when they name none. */
export function runEntry(args: readonly string[]): void {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(USAGE);
    return;
  }
  const transport = transportFrom(args);
  if (!transport) {
    process.stderr.write(`dflint-language-server: no transport given\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  const connection = createConnection(ProposedFeatures.all, transport.reader, transport.writer);
  // On stdio a stray console.log would corrupt the protocol stream: send it to the client's log instead.
  console.log = (...a: unknown[]) => connection.console.log(a.map(String).join(" "));
  console.info = console.log;
  console.warn = (...a: unknown[]) => connection.console.warn(a.map(String).join(" "));
  console.error = (...a: unknown[]) => connection.console.error(a.map(String).join(" "));
  const server = startServer(connection, { lintWorker: process.argv[1] });
  // The client went away without `exit`: leave too (status 1 unless it had asked us to shut down).
  transport.onInputEnd?.(() => process.exit(server.shutdownRequested() ? 0 : 1));
}
