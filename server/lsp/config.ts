import { homedir } from "node:os";
import { dirname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { LABEL_FORMATS } from "../cli/args.js";
import { ConfigError, ConfigFinder, type ConfigLayer, merge } from "../config/config.js";
import { SEVERITIES, type Severity } from "../rules/types.js";
import type { PlainLintOptions } from "./engine.js";

/**
 * The `dflint.*` editor settings. They apply on top of the config file the command line would find for the same
 * Dockerfile (.dflint.yaml, .hadolint.yaml, walking up to the repository root, else the user's), as command-line
 * flags do. Unsafe fixes are never part of fix-all, so there is no setting for that.
 */
export interface DflintSettings {
  /** Rule codes or aliases to turn off. */
  ignore?: string[];
  /** Severity per rule code or alias: error, warning, info, style, or none (off). */
  severity?: Record<string, string>;
  trustedRegistries?: string[];
  /** Required labels and their formats (text, url, semver, hash, rfc3339, spdx, email). */
  labelSchema?: Record<string, string>;
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  /** The build context: absolute, or relative to the workspace folder. */
  context?: string;
  /** Build arguments, as `--build-arg`. */
  buildArgs?: Record<string, string>;
  /** The target stage, as `--target`. */
  target?: string;
  /** Run ShellCheck on RUN scripts: true, false, or the binary's path (default: when it is on PATH). */
  shellcheck?: boolean | string;
}

function strings(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [];
}

function record(v: unknown): Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}

/** Reads settings leniently: a value of the wrong type is skipped, never fatal. A relative `context` is taken from
 * `workspaceFolder` (and skipped without one). */
export function settingsLayer(raw: unknown, workspaceFolder?: string): ConfigLayer {
  const s = record(raw);
  const layer: ConfigLayer = { source: "dflint settings", rules: [], trustedRegistries: [], labelSchema: {} };
  for (const [name, sev] of Object.entries(record(s.severity))) {
    const level = typeof sev === "string" ? sev.trim().toLowerCase() : "";
    if (level === "none" || SEVERITIES.includes(level as Severity))
      layer.rules.push([name, level as Severity | "none"]);
  }
  for (const name of strings(s.ignore)) layer.rules.push([name, "none"]);
  layer.trustedRegistries = strings(s.trustedRegistries);
  for (const [label, fmt] of Object.entries(record(s.labelSchema))) {
    const f = LABEL_FORMATS.find((x) => x === fmt);
    if (f) layer.labelSchema[label] = f;
  }
  if (typeof s.strictLabels === "boolean") layer.strictLabels = s.strictLabels;
  if (typeof s.disableIgnorePragma === "boolean") layer.disableIgnorePragma = s.disableIgnorePragma;
  if (typeof s.context === "string" && s.context.trim() !== "") {
    // VS Code does not expand ${workspaceFolder} in settings it hands to a server; we do (and without a folder the
    // setting stays relative, so it is skipped below).
    const c = s.context.trim().replace(/^\$\{workspaceFolder\}(?=$|[\\/])/, () => workspaceFolder ?? ".");
    if (isAbsolute(c)) layer.context = c;
    else if (workspaceFolder) layer.context = resolve(workspaceFolder, c);
  }
  const args = Object.entries(record(s.buildArgs)).filter(
    ([, v]) => typeof v === "string" || typeof v === "number",
  );
  if (args.length > 0) layer.buildArgs = Object.fromEntries(args.map(([k, v]) => [k, String(v)]));
  if (typeof s.target === "string" && s.target.trim() !== "") layer.target = s.target.trim();
  if (typeof s.shellcheck === "boolean" || (typeof s.shellcheck === "string" && s.shellcheck.trim() !== ""))
    layer.shellcheck = typeof s.shellcheck === "string" ? s.shellcheck.trim() : s.shellcheck;
  return layer;
}

export interface ConfigFileProblem {
  /** The config file, as a path. */
  path: string;
  message: string;
}

/** Config files by directory, read once until `reset()` (a watched config file changed). */
export class ConfigFiles {
  private finder = new ConfigFinder(process.env, homedir());
  /** Config files that failed to load, by path. */
  readonly problems = new Map<string, ConfigFileProblem>();

  reset(): void {
    this.finder = new ConfigFinder(process.env, homedir());
    this.problems.clear();
  }

  /** The layer of the config file that applies to the document, if it is a file and has one. A file that fails to
   * load is recorded in `problems` and left out. */
  layerFor(uri: string): ConfigLayer | undefined {
    if (!uri.startsWith("file:")) return undefined;
    let path: string | undefined;
    try {
      path = this.finder.pathFor(dirname(fileURLToPath(uri)));
      return path === undefined ? undefined : this.finder.load(path);
    } catch (e) {
      if (!(e instanceof ConfigError) || path === undefined) return undefined;
      const message =
        e.reason ?? (e.message.startsWith(`${path}: `) ? e.message.slice(path.length + 2) : e.message);
      this.problems.set(path, { path, message });
      return undefined;
    }
  }
}

/**
 * The options for a document at `path` (a file; undefined for an unsaved one). The build context is the one a
 * setting or config file names, else the document's folder as a guess (see BuildContext.origin): the same default
 * as the command line, because a workspace folder is no more likely to be the context than the Dockerfile's own.
 */
export function lintOptionsOf(layers: (ConfigLayer | undefined)[], path?: string): PlainLintOptions {
  const resolved = merge(layers.filter((l): l is ConfigLayer => l !== undefined));
  const options: PlainLintOptions = resolved.lint;
  const root = resolved.context ?? (path ? dirname(path) : undefined);
  if (root !== undefined)
    options.context = {
      root,
      origin: resolved.context ? "explicit" : "default",
      ...(path ? { dockerfile: path } : {}),
    };
  if (resolved.shellcheck !== undefined) options.shellcheck = resolved.shellcheck;
  return options;
}
