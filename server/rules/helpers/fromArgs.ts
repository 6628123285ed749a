import { expandWord } from "../../../grammar/shell.js";
import type { DockerfileModel } from "../../model/model.js";

/**
 * Build arguments BuildKit gives every FROM line without an ARG instruction: the build's and the target's platform
 * and the target stage. (The proxy and BUILDKIT_* arguments are not among them.) The values are samples of a
 * linux/amd64 build, used only to see what a FROM line looks like after expansion.
 */
export const AUTOMATIC_FROM_ARGS: ReadonlyMap<string, string> = new Map([
  ["BUILDPLATFORM", "linux/amd64"],
  ["BUILDOS", "linux"],
  ["BUILDOSVERSION", ""],
  ["BUILDARCH", "amd64"],
  ["BUILDVARIANT", ""],
  ["TARGETPLATFORM", "linux/amd64"],
  ["TARGETOS", "linux"],
  ["TARGETOSVERSION", ""],
  ["TARGETARCH", "amd64"],
  ["TARGETVARIANT", ""],
  ["TARGETSTAGE", ""],
]);

/** Every name a FROM line may use: the global ARGs (before the first FROM), then the automatic ones. */
export function fromArgNames(model: DockerfileModel): string[] {
  const names = new Set(model.globalArgs.map((d) => d.name));
  for (const name of AUTOMATIC_FROM_ARGS.keys()) names.add(name);
  return [...names];
}

export interface DefaultGlobalArgs {
  /** Name -> value with no --build-arg given. Names without a value are unset (they expand to nothing). */
  values: Map<string, string>;
  /** Global ARGs declared without a default (and not automatic), so they are unset unless the build sets them. */
  withoutDefault: Set<string>;
  /** Global ARGs whose default could not be expanded (a `${X:?}` error and the like). */
  unknown: Set<string>;
}

/**
 * The global ARGs as a build without --build-arg sees them: each default expanded in order with the values before
 * it, a bare `ARG NAME` leaving an earlier value alone (BuildKit's buildMetaArgs).
 */
export function defaultGlobalArgs(model: DockerfileModel): DefaultGlobalArgs {
  const values = new Map(AUTOMATIC_FROM_ARGS);
  const withoutDefault = new Set<string>();
  const unknown = new Set<string>();
  const { ast } = model;
  for (let instructionIndex = 0; instructionIndex < ast.instructions.length; instructionIndex++) {
    const instruction = ast.instructions[instructionIndex];
    if (instruction.keyword === "FROM") break;
    if (instruction.keyword !== "ARG") continue;
    const declarations = instruction.declarations ?? [];
    for (let declarationIndex = 0; declarationIndex < declarations.length; declarationIndex++) {
      const decl = declarations[declarationIndex];
      const name = decl.name;
      if (decl.defaultValue === undefined) {
        if (!values.has(name) && !unknown.has(name)) withoutDefault.add(name);
        continue;
      }
      withoutDefault.delete(name);
      try {
        const expanded = expandWord(decl.defaultValue, values, { escapeChar: ast.escapeChar });
        if (expanded.refs.some((r) => unknown.has(r.name))) throw new Error("depends on an unknown value");
        values.set(name, expanded.value);
        unknown.delete(name);
      } catch {
        values.delete(name);
        unknown.add(name);
      }
    }
  }
  return { values, withoutDefault, unknown };
}
