#!/usr/bin/env node
// The `dflint-language-server` executable. This module is an entry point: loading it starts a server on the
// transport named in process.argv (--stdio, --node-ipc or --socket=PORT), and loaded in a worker thread it is that
// server's lint worker. Code that wants a server without side effects imports `startServer` from ./server.js.
// Bundlers (scripts/bundle.mjs, the VS Code extension) bundle this file as the server's main module; the bundle
// must stay one file, since the server starts its lint worker from process.argv[1].
import { isMainThread } from "node:worker_threads";
import { runLintWorker } from "./engine.js";
import { runEntry } from "./entry.js";

if (isMainThread) runEntry(process.argv.slice(2));
else runLintWorker();
