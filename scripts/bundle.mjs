// Bundles the dflint command and the language server.
//
// The command is two files, so that `dflint --version` loads almost nothing and a lint run loads its code from
// V8's code cache (see server/cli/load.ts): dist/dflint.cjs (argument parsing, help, version; ~15 kB) and
// dist/cli/linter.cjs (the rest: parser, rules, config, formats), which dist/dflint.cjs compiles with vm.Script and
// the cache. Loading one bundle instead of ~150 modules had cut a run from ~0.9 s to ~0.35 s; the split and the code
// cache take one small file from ~180 ms to ~150 ms wall under load, `--version` to `node -e 0` + 4 ms (numbers in
// load.ts).
// The language server (dist/dflint-language-server.mjs) is one ESM file; it must stay one file, because it starts
// its lint worker thread from its own file.
import { createHash } from "node:crypto";
import { rmSync } from "node:fs";
import { build } from "esbuild";

const common = { bundle: true, platform: "node", target: "node20", logLevel: "warning" };
// Some dependencies are CommonJS and call require(); give an ESM bundle one.
const esmRequire = {
  js: "import { createRequire as __dflintRequire } from 'node:module'; const require = __dflintRequire(import.meta.url);",
};

rmSync("dist/cli", { recursive: true, force: true });

// Modules the linter bundle evaluates only when a run calls them, not at its start: yaml (~250 kB, several ms of
// top level) is needed only when a config or compose file exists, child_process only when ShellCheck runs. Each is
// replaced by a module of functions that load the real one on their first call; importing a name not listed here
// fails the build (a class or a value cannot be wrapped this way), so add functions only.
const lazyModules = {
  yaml: ["parse", "parseDocument", "isMap", "isScalar"],
  "node:child_process": ["spawnSync"],
  // ~2.4 ms to load; hashes are made only for the result cache, ShellCheck's batches and some report formats.
  "node:crypto": ["createHash"],
  // ~8 ms to load cold (~180 kB); the model's scopes use its persistent maps only for environments of 64 names or
  // more (model.ts, PERSISTENT_FROM), which real files do not reach.
  immutable: ["Map", "OrderedMap", "Set"],
};
// Chevrotain's package does not say it is free of side effects, so every module of it (its parser, whose classes
// are assembled at load time, too) was bundled and run although the linter uses only its lexer. Its modules are pure
// definitions; marking them so lets esbuild keep only what the lexer reaches.
const pureChevrotain = {
  name: "pure-chevrotain",
  setup(b) {
    const inChevrotain = /[\\/]node_modules[\\/](chevrotain|@chevrotain)[\\/]/;
    b.onResolve({ filter: /.*/ }, async (args) => {
      if (args.pluginData === "pure") return undefined;
      if (!/^(chevrotain|@chevrotain\/)/.test(args.path) && !inChevrotain.test(args.importer))
        return undefined;
      const r = await b.resolve(args.path, {
        kind: args.kind,
        importer: args.importer,
        resolveDir: args.resolveDir,
        pluginData: "pure",
      });
      return r.errors.length > 0 ? undefined : { ...r, sideEffects: false };
    });
  },
};
// Chevrotain's lexer fills a 65,536-entry table (`charCodeToOptimizedIdxMap`) when the first lexer is made, which
// takes ~5 ms of every run in the interpreter (CPU profile of one small file); the table holds a formula, so the
// lookup computes it instead and the table is never filled. The build fails if the code it replaces changed.
const chevrotainTable = {
  name: "chevrotain-table",
  setup(b) {
    b.onLoad({ filter: /[\\/]chevrotain[\\/]lib[\\/]src[\\/]scan[\\/]lexer\.js$/ }, async (args) => {
      const { readFile } = await import("node:fs/promises");
      const text = await readFile(args.path, "utf8");
      const lookup = "        : charCodeToOptimizedIdxMap[charCode];";
      const fill = "            charCodeToOptimizedIdxMap[i] = i > 255 ? 255 + ~~(i / 255) : i;";
      const init = "    if (isEmpty(charCodeToOptimizedIdxMap)) {";
      if (!text.includes(lookup) || !text.includes(fill) || !text.includes(init))
        throw new Error(
          "chevrotain's lexer.js changed: review the chevrotain-table plugin in scripts/bundle.mjs",
        );
      return {
        contents: text
          .replace(lookup, "        : charCode < 65536 ? 255 + ~~(charCode / 255) : undefined;")
          .replace(init, "    if (false) {"),
        loader: "js",
      };
    });
  },
};
const lazy = {
  name: "lazy-modules",
  setup(b) {
    const filter = new RegExp(`^(${Object.keys(lazyModules).join("|")})$`);
    b.onResolve({ filter }, (args) =>
      args.namespace === "lazy" ? undefined : { path: args.path, namespace: "lazy" },
    );
    b.onLoad({ filter: /.*/, namespace: "lazy" }, (args) => ({
      contents: [
        "let m;",
        `const load = () => (m ??= require(${JSON.stringify(args.path)}));`,
        ...lazyModules[args.path].map((n) => `export function ${n}(...a) { return load().${n}(...a); }`),
      ].join("\n"),
      loader: "js",
      resolveDir: process.cwd(),
    }));
  },
};

const linter = await build({
  ...common,
  entryPoints: ["server/cli/run.ts"],
  outfile: "dist/cli/linter.cjs",
  format: "cjs",
  // load.ts runs the bundle in a function that passes the file's URL as __dflintUrl.
  define: { "import.meta.url": "__dflintUrl" },
  plugins: [lazy, pureChevrotain, chevrotainTable],
  write: false,
});
const { writeFile, mkdir } = await import("node:fs/promises");
await mkdir("dist/cli", { recursive: true });
const linterText = linter.outputFiles[0].contents;
// load.ts reads the bundle as latin1, which is right for ASCII only (esbuild escapes other characters by default).
if (linterText.some((byte) => byte > 0x7f))
  throw new Error("dist/cli/linter.cjs must be ASCII: load.ts reads it as latin1");
await writeFile("dist/cli/linter.cjs", linterText);
const hash = createHash("sha256").update(linterText).digest("hex").slice(0, 16);

await build({
  ...common,
  entryPoints: ["server/cli/main.ts"],
  // CommonJS: Node starts a CommonJS script without loading its ESM loader (~4 ms of every run).
  outfile: "dist/dflint.cjs",
  format: "cjs",
  banner: {
    js: '"use strict";\nconst __dflintMainUrl = require("node:url").pathToFileURL(__filename).href;',
  },
  define: {
    __DFLINT_LINTER__: JSON.stringify({ file: "./cli/linter.cjs", hash }),
    "import.meta.url": "__dflintMainUrl",
  },
  plugins: [
    {
      // load.ts imports ./run.js only when it is not bundled; in the bundle that import is dead code.
      name: "linter-outside",
      setup(b) {
        b.onResolve({ filter: /^\.\/run\.js$/ }, (args) =>
          args.importer.endsWith("load.ts") ? { path: "run", namespace: "outside" } : undefined,
        );
        b.onLoad({ filter: /.*/, namespace: "outside" }, () => ({ contents: "export {};", loader: "js" }));
      },
    },
  ],
});

// The command was dist/dflint.mjs before it was a CommonJS script; a bin link made then (an `npx dflint` of a checkout
// keeps one in npm's cache) still points there, so that name runs the command too.
await writeFile(
  "dist/dflint.mjs",
  '#!/usr/bin/env node\n// The dflint command is dist/dflint.cjs.\nimport "./dflint.cjs";\n',
  {
    mode: 0o755,
  },
);

await build({
  ...common,
  entryPoints: ["server/lsp/main.ts"],
  outfile: "dist/dflint-language-server.mjs",
  format: "esm",
  banner: esmRequire,
});
