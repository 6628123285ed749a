import { GO, toolCommand } from "../helpers/packageManagers.js";
import { resolvedValue, runCommands } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

/** Queries that pick a version at build time rather than naming one. */
const FLOATING = new Set(["latest", "upgrade", "patch"]);

export const dl3062 = defineRule({
  code: "DL3062",
  aliases: [],
  severity: "warning",
  title: "Pin versions in go install, go get and go run",
  docs: {
    what: "Finds remote packages in `go install`, `go get` and `go run` given without `@version`, or with `@latest`.",
    why: "Without a version (or with `@latest`) the go command resolves the newest release at build time, so rebuilding the image can compile different code. `@v1.2.3` or a commit hash keeps the build repeatable. Local packages (`.`, `./cmd/x`, absolute paths) use the module's own go.mod and need no version.",
    bad: "RUN go install golang.org/x/tools/gopls@latest",
    good: "RUN go install golang.org/x/tools/gopls@v0.15.3",
  },
  check(ctx) {
    for (const command of runCommands(ctx, GO.names)) {
      const go = toolCommand(command, GO);
      const sub = go?.subcommand?.value;
      if (!go || (sub !== "install" && sub !== "get" && sub !== "run")) continue;
      // `go run pkg args...`: only the first operand is a package, the rest go to the program.
      const packages = sub === "run" ? go.operands.slice(0, 1) : go.operands;
      for (const word of packages) {
        const value = resolvedValue(ctx.model, command, word);
        if (value === undefined || value === "" || local(value)) continue;
        const at = value.lastIndexOf("@");
        const version = at > 0 ? value.slice(at + 1) : undefined;
        if (version && !FLOATING.has(version)) continue;
        const name = at > 0 ? value.slice(0, at) : value;
        ctx.report({
          span: word.span,
          message: version
            ? `'${value}' resolves to whatever is newest at build time: pin it as ${name}@<version>`
            : `'${value}' is fetched without a version: pin it as ${name}@<version>`,
        });
      }
    }
  },
});

/** Go's package patterns for the standard library and the module's own packages and tools. */
const META_PATTERNS = new Set(["std", "cmd", "all", "tool"]);

function local(path: string): boolean {
  if (META_PATTERNS.has(path) || path.startsWith("cmd/")) return true;
  return path === "." || ["./", "../", "/"].some((p) => path.startsWith(p)) || path.endsWith(".go");
}
