// Bundles the dflint command and the language server.
//
// The command is two files, so that `dflint --version` loads almost nothing and a lint run loads its code from
// V8's code cache (see server/cli/load.ts): dist/dflint.mjs (argument parsing, help, version; ~15 kB) and
// dist/cli/linter.cjs (the rest: parser, rules, config, formats), which dist/dflint.mjs compiles with vm.Script and
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
  plugins: [lazy, pureChevrotain],
  write: false,
});
const { writeFile, mkdir } = await import("node:fs/promises");
await mkdir("dist/cli", { recursive: true });
const linterText = linter.outputFiles[0].contents;
await writeFile("dist/cli/linter.cjs", linterText);
const hash = createHash("sha256").update(linterText).digest("hex").slice(0, 16);

await build({
  ...common,
  entryPoints: ["server/cli/main.ts"],
  outfile: "dist/dflint.mjs",
  format: "esm",
  banner: esmRequire,
  define: { __DFLINT_LINTER__: JSON.stringify({ file: "./cli/linter.cjs", hash }) },
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

await build({
  ...common,
  entryPoints: ["server/lsp/main.ts"],
  outfile: "dist/dflint-language-server.mjs",
  format: "esm",
  banner: esmRequire,
});
