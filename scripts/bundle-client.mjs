// Builds client/dist for the VS Code extension (run after scripts/bundle.mjs): the extension bundled into one
// CommonJS file (what VS Code 1.82+ loads) beside the language server bundle scripts/bundle.mjs made for the
// `dflint-language-server` command.
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { build } from "esbuild";

const root = new URL("../", import.meta.url);
const dist = new URL("client/dist/", root);
const server = new URL("dist/dflint-language-server.mjs", root);
if (!existsSync(server)) {
  console.error("bundle-client: dist/dflint-language-server.mjs is missing; run `npm run build` first");
  process.exit(1);
}
rmSync(dist, { recursive: true, force: true });
mkdirSync(dist, { recursive: true });

await build({
  absWorkingDir: root.pathname,
  entryPoints: ["client/src/extension.ts"],
  outfile: "client/dist/extension.js",
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
  logLevel: "warning",
});
// One file on purpose: the server starts its lint worker thread from its own file.
copyFileSync(server, new URL("server.mjs", dist));
// vscode-languageclient runs this script to end a server that ignores `exit`; it looks for it next to itself.
copyFileSync(
  new URL("node_modules/vscode-languageclient/lib/node/terminateProcess.sh", root),
  new URL("terminateProcess.sh", dist),
);
