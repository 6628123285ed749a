// Reading configuration files (and hadolint's environment variables) for the command line and the language server alike;
// the option vocabulary (formats, thresholds, label formats) is the command line's, in cli/args.ts.
import { readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { type Document, isMap, isScalar, type Node, parseDocument, type YAMLError } from "yaml";
import {
  type CliArgs,
  didYouMean,
  FORMATS,
  type FormatName,
  LABEL_FORMATS,
  normalizeThreshold,
  oneOf,
  parseLabelRequirement,
  type RuleSetting,
  THRESHOLDS,
  type Threshold,
  UsageError,
} from "../cli/args.js";
import type { LintOptions } from "../lint/index.js";
import { codesFor } from "../lint/index.js";
import { RULES, rulesFor } from "../rules/index.js";
import { df202 } from "../rules/own/df202.js";
import type { LabelSchema, Severity } from "../rules/types.js";

/** What one source (a config file, the environment, the command line) says. Unset fields leave lower sources be. */
export interface ConfigLayer {
  source: string;
  /** Ignores and severity overrides in the order they apply: a later entry for the same rule wins. */
  rules: RuleSetting[];
  trustedRegistries: string[];
  labelSchema: LabelSchema;
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  /** Turns DF202 on at its own severity, unless a layer sets one. */
  reportUnusedPragmas?: boolean;
  failureThreshold?: Threshold;
  format?: FormatName;
  noFail?: boolean;
  noColor?: boolean;
  verbose?: boolean;
  /** The build context, absolute (a config file's `context` is relative to the file's folder). */
  context?: string;
  /** Build arguments by name; a higher layer's value for a name wins. */
  buildArgs?: Record<string, string>;
  /** The build's target stage. */
  target?: string;
  /** Run ShellCheck on RUN scripts: `true`/`false`, or the binary's path; unset: when it is on PATH. */
  shellcheck?: boolean | string;
}

/** A configuration problem: the message starts with where it is (a file, `file:line:column`, an environment
 * variable); `reason` is the message without the place, for a client that shows the place itself. */
export class ConfigError extends Error {
  constructor(
    message: string,
    readonly reason?: string,
    /** 1-based line and column in the file, when the problem has a place in it. */
    readonly position?: { line: number; column: number },
  ) {
    super(message);
  }
}

export interface Resolved {
  lint: LintOptions;
  failureThreshold: Threshold;
  noFail: boolean;
  format: FormatName;
  noColor?: boolean;
  verbose: boolean;
  /** The build context folder, absolute, when a layer names one. */
  context?: string;
  shellcheck?: boolean | string;
}

function emptyLayer(source: string): ConfigLayer {
  return { source, rules: [], trustedRegistries: [], labelSchema: {} };
}

/** Merges layers, lowest precedence first. Lists add up; for one rule or label the highest source wins. */
export function merge(layers: readonly ConfigLayer[]): Resolved {
  const severity = new Map<string, Severity | "none">();
  const registries = new Set<string>();
  const labelSchema: LabelSchema = {};
  const out: Resolved = { lint: {}, failureThreshold: "info", noFail: false, format: "tty", verbose: false };
  let strictLabels = false;
  let disableIgnorePragma = false;
  let reportUnusedPragmas = false;
  let buildArgs: Record<string, string> | undefined;
  let target: string | undefined;
  for (const layer of layers) {
    if (layer.buildArgs) buildArgs = { ...buildArgs, ...layer.buildArgs };
    target = layer.target ?? target;
    out.context = layer.context ?? out.context;
    reportUnusedPragmas = layer.reportUnusedPragmas ?? reportUnusedPragmas;
    for (const [name, sev] of layer.rules) for (const code of codesFor(name)) severity.set(code, sev);
    for (const r of layer.trustedRegistries) registries.add(r);
    Object.assign(labelSchema, layer.labelSchema);
    strictLabels = layer.strictLabels ?? strictLabels;
    disableIgnorePragma = layer.disableIgnorePragma ?? disableIgnorePragma;
    out.failureThreshold = layer.failureThreshold ?? out.failureThreshold;
    out.format = layer.format ?? out.format;
    out.noFail = layer.noFail ?? out.noFail;
    out.noColor = layer.noColor ?? out.noColor;
    out.verbose = layer.verbose ?? out.verbose;
    out.shellcheck = layer.shellcheck ?? out.shellcheck;
  }
  if (reportUnusedPragmas && !severity.has(df202.code)) severity.set(df202.code, df202.severity);
  out.lint = {
    settings: {
      trustedRegistries: [...registries],
      labelSchema,
      strictLabels,
      ...(target ? { target } : {}),
    },
    severity: Object.fromEntries(severity),
    disableIgnorePragma,
  };
  if (buildArgs) out.lint.buildArgs = buildArgs;
  return out;
}

// ---- the command line ----

/** The command line's layer; `cwd` resolves `--context`, `env` gives `--build-arg NAME` its value (an unset one is
 * left out, as docker does). */
export function cliLayer(args: CliArgs, cwd = process.cwd(), env: Env = process.env): ConfigLayer {
  let buildArgs: Record<string, string> | undefined;
  for (const spec of args.buildArgs ?? []) {
    const eq = spec.indexOf("=");
    const name = eq < 0 ? spec : spec.slice(0, eq);
    const value = eq < 0 ? env[name] : spec.slice(eq + 1);
    if (value === undefined) continue;
    buildArgs ??= {};
    buildArgs[name] = value;
  }
  return {
    context: args.context === undefined ? undefined : resolve(cwd, args.context),
    buildArgs,
    target: args.target,
    source: "the command line",
    rules: args.rules,
    trustedRegistries: args.trustedRegistries,
    labelSchema: args.labelSchema,
    strictLabels: args.strictLabels,
    disableIgnorePragma: args.disableIgnorePragma,
    reportUnusedPragmas: args.reportUnusedPragmas,
    failureThreshold: args.failureThreshold,
    format: args.format,
    noFail: args.noFail,
    noColor: args.color === undefined ? undefined : !args.color,
    verbose: args.verbose,
    shellcheck: args.shellcheck,
  };
}

// ---- the environment ----

type Env = Readonly<Record<string, string | undefined>>;

/** hadolint's notion of a true environment value. */
function truthy(v: string): boolean {
  return ["1", "y", "on", "true", "yes"].includes(v.trim().toLowerCase());
}

function commaList(v: string): string[] {
  return v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/**
 * Reads hadolint's environment variables and their DFLINT_ twins (DFLINT_ wins). NO_COLOR is handled with the
 * colour decision, since it only ever turns colour off.
 */
export function envLayer(env: Env): ConfigLayer {
  const layer = emptyLayer("the environment");
  const get = (suffix: string): [string, string] | undefined => {
    for (const prefix of ["DFLINT_", "HADOLINT_"]) {
      const v = env[prefix + suffix];
      if (v !== undefined) return [prefix + suffix, v];
    }
    return undefined;
  };
  const wrap = <T>(name: string, f: () => T): T => {
    try {
      return f();
    } catch (e) {
      if (e instanceof UsageError) throw new ConfigError(`environment variable ${name}: ${e.message}`);
      throw e;
    }
  };
  const bool = (suffix: string): boolean | undefined => {
    const v = get(suffix);
    return v ? truthy(v[1]) : undefined;
  };
  layer.noFail = bool("NOFAIL");
  layer.verbose = bool("VERBOSE");
  layer.strictLabels = bool("STRICT_LABELS");
  layer.disableIgnorePragma = bool("DISABLE_IGNORE_PRAGMA");
  const format = get("FORMAT");
  if (format?.[1].trim()) layer.format = wrap(format[0], () => oneOf(format[1], FORMATS, "format"));
  const threshold = get("FAILURE_THRESHOLD");
  if (threshold?.[1].trim()) {
    layer.failureThreshold = wrap(threshold[0], () =>
      normalizeThreshold(oneOf(threshold[1], THRESHOLDS, "failure threshold")),
    );
  }
  for (const sev of ["error", "warning", "info", "style"] as const) {
    const v = get(`OVERRIDE_${sev.toUpperCase()}`);
    if (v) for (const name of commaList(v[1])) layer.rules.push([name, sev]);
  }
  const ignore = get("IGNORE");
  if (ignore) for (const name of commaList(ignore[1])) layer.rules.push([name, "none"]);
  // hadolint's README says TRUSTED_REGISTRIES; some of its releases read ALLOWED_REGISTRIES.
  const registries = get("TRUSTED_REGISTRIES") ?? get("ALLOWED_REGISTRIES");
  if (registries) layer.trustedRegistries = commaList(registries[1]);
  const labels = get("REQUIRE_LABELS");
  if (labels) {
    for (const spec of commaList(labels[1])) {
      const [label, fmt] = wrap(labels[0], () => parseLabelRequirement(spec, "label requirement"));
      layer.labelSchema[label] = fmt;
    }
  }
  return layer;
}

// ---- config files ----

const KEYS = [
  "ignored",
  "override",
  "trustedRegistries",
  "trusted-registries",
  "label-schema",
  "strict-labels",
  "disable-ignore-pragma",
  "failure-threshold",
  "format",
  "output-format",
  "no-fail",
  "no-color",
  "verbose",
  "context",
  "build-args",
  "target",
  "shellcheck",
] as const;
const OVERRIDE_KEYS = ["error", "warning", "info", "style"] as const;

/** Where the value (or, with `key`, the key) under `path` starts in the document; the document's start for `[]`. */
function offsetOf(doc: Document, path: readonly string[], key: boolean): number | undefined {
  let node: unknown = doc.contents;
  let at = (node as Node | null)?.range?.[0];
  path.forEach((segment, i) => {
    if (!isMap(node)) return;
    const pair = node.items.find((p) => isScalar(p.key) && String(p.key.value) === segment);
    if (!pair) return;
    const target = key && i === path.length - 1 ? pair.key : pair.value;
    node = target;
    at = (target as Node | null)?.range?.[0] ?? at;
  });
  return at;
}

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let start = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text[i] === "\n") {
      line++;
      start = i + 1;
    }
  }
  return { line, column: offset - start + 1 };
}

/** The YAML parser's complaint, said the way a person editing a config file would understand it. */
function yamlProblem(e: YAMLError): string {
  const said = e.message.split("\n")[0];
  switch (e.code) {
    case "DUPLICATE_KEY":
      return "this key is already set earlier in the same mapping";
    case "TAB_AS_INDENT":
      return "YAML does not allow tabs for indentation; indent with spaces";
    case "BAD_INDENT":
      return said.startsWith("Flow sequence")
        ? "a [ list is not closed with ] (or its next line is not indented enough)"
        : "this line is indented differently from the other items of its list or mapping";
    case "MISSING_CHAR":
      return /quote/i.test(said) ? "a quoted value is not closed" : `something is missing here (${said})`;
    case "BLOCK_AS_IMPLICIT_KEY":
      return "a value cannot start another 'key: value' on the same line; put it on its own, indented line";
    case "MULTILINE_IMPLICIT_KEY":
      return "a key must fit on one line and end with ':'";
    case "UNEXPECTED_TOKEN":
      return "unexpected text: a config file is a mapping of 'key: value' lines";
    case "BAD_SCALAR_START":
      return "a value cannot start with @ or `; put it in quotes";
    default:
      return said;
  }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Parses a config file's text. `file` is the name used in messages. Never evaluates anything but plain YAML. */
export function parseConfig(text: string, file: string, dir = dirname(resolve(file))): ConfigLayer {
  const doc = parseDocument(text, { uniqueKeys: true, prettyErrors: false });
  const failAt = (offset: number | undefined, reason: string): never => {
    if (offset === undefined) throw new ConfigError(`${file}: ${reason}`, reason);
    const position = lineColumn(text, offset);
    throw new ConfigError(`${file}:${position.line}:${position.column}: ${reason}`, reason, position);
  };
  /** Fails at the value under `path` (or, with `key`, at the last key of the path). */
  const fail = (message: string, path: readonly string[] = [], key = false): never =>
    failAt(offsetOf(doc, path, key), message);
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    failAt(e.pos[0], `invalid YAML: ${yamlProblem(e)}`);
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (e) {
    fail(`invalid YAML: ${e instanceof Error ? e.message : String(e)}`);
  }
  const layer = emptyLayer(file);
  if (data === null || data === undefined) return layer;
  if (!isRecord(data)) return fail("expected a mapping of settings (e.g. `ignored: [DL3008]`)");

  // `key` is the setting as messages name it (`override.error`); its path in the document is `key` split at dots.
  const pathOf = (key: string) => key.split(".");
  const strings = (key: string, v: unknown): string[] => {
    const list = typeof v === "string" ? [v] : v === null ? [] : v;
    if (!Array.isArray(list) || list.some((x) => typeof x !== "string" || x.trim() === "")) {
      return fail(`'${key}' must be a list of names`, pathOf(key));
    }
    return list.map((x: string) => x.trim());
  };
  const bool = (key: string, v: unknown): boolean => {
    if (typeof v === "boolean") return v;
    if (typeof v === "string" && /^(true|yes|on|1)$/i.test(v.trim())) return true;
    if (typeof v === "string" && /^(false|no|off|0)$/i.test(v.trim())) return false;
    return fail(`'${key}' must be true or false`, pathOf(key));
  };
  const choice = <T extends string>(
    key: string,
    v: unknown,
    allowed: readonly T[],
    path = pathOf(key),
  ): T => {
    if (typeof v !== "string") return fail(`'${key}' must be one of: ${allowed.join(", ")}`, path);
    try {
      return oneOf(v, allowed, `value for '${key}'`);
    } catch (e) {
      return fail(e instanceof Error ? e.message : String(e), path);
    }
  };

  const shellcheckPath = (key: string, v: string): string => {
    if (v.trim() === "")
      return fail(`'${key}' must be true, false or the path of the shellcheck binary`, [key]);
    return v.trim();
  };
  const overrides: RuleSetting[] = [];
  const ignored: RuleSetting[] = [];
  for (const [key, value] of Object.entries(data)) {
    switch (key as (typeof KEYS)[number]) {
      case "ignored":
        for (const name of strings(key, value)) ignored.push([name, "none"]);
        break;
      case "override": {
        if (value === null) break;
        if (!isRecord(value))
          return fail("'override' must map error/warning/info/style to lists of rules", [key]);
        for (const [level, list] of Object.entries(value)) {
          const sev = OVERRIDE_KEYS.find((k) => k === level);
          if (!sev)
            return fail(
              `unknown key 'override.${level}'${didYouMean(level, OVERRIDE_KEYS)}`,
              [key, level],
              true,
            );
          for (const name of strings(`override.${level}`, list)) overrides.push([name, sev]);
        }
        break;
      }
      case "trustedRegistries":
      case "trusted-registries":
        layer.trustedRegistries.push(...strings(key, value));
        break;
      case "label-schema": {
        if (value === null) break;
        if (!isRecord(value)) return fail("'label-schema' must map label names to formats", [key]);
        for (const [label, fmt] of Object.entries(value)) {
          layer.labelSchema[label] = choice(`label-schema.${label}`, fmt, LABEL_FORMATS, [key, label]);
        }
        break;
      }
      case "strict-labels":
        layer.strictLabels = bool(key, value);
        break;
      case "disable-ignore-pragma":
        layer.disableIgnorePragma = bool(key, value);
        break;
      case "failure-threshold":
        layer.failureThreshold = normalizeThreshold(choice(key, value, THRESHOLDS));
        break;
      case "format":
      case "output-format":
        layer.format = choice(key, value, FORMATS);
        break;
      case "no-fail":
        layer.noFail = bool(key, value);
        break;
      case "no-color":
        layer.noColor = bool(key, value);
        break;
      case "verbose":
        layer.verbose = bool(key, value);
        break;
      case "context":
        if (typeof value !== "string" || value.trim() === "")
          return fail("'context' must be a folder (relative to this file's folder)", [key]);
        layer.context = resolve(dir, value.trim());
        break;
      case "build-args": {
        if (value === null) break;
        if (!isRecord(value)) return fail("'build-args' must map argument names to values", [key]);
        layer.buildArgs = {};
        for (const [name, v] of Object.entries(value)) {
          if (typeof v !== "string" && typeof v !== "number" && typeof v !== "boolean")
            return fail(`'build-args.${name}' must be a value`, [key, name]);
          layer.buildArgs[name] = String(v);
        }
        break;
      }
      case "target":
        if (typeof value !== "string" || value.trim() === "")
          return fail("'target' must be a stage name", [key]);
        layer.target = value.trim();
        break;
      case "shellcheck":
        layer.shellcheck =
          typeof value === "string" && !/^(true|yes|on|1|false|no|off|0)$/i.test(value.trim())
            ? shellcheckPath(key, value)
            : bool(key, value);
        break;
      default:
        return fail(`unknown key '${key}'${didYouMean(key, KEYS)}`, [key], true);
    }
  }
  // Within one file `ignored` beats `override`, as in hadolint.
  layer.rules = [...overrides, ...ignored];
  return layer;
}

export function readConfigFile(path: string, shownAs = path): ConfigLayer {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(`${shownAs}: cannot read config file (${errorReason(e)})`);
  }
  return parseConfig(text, shownAs, dirname(resolve(path)));
}

export function errorReason(e: unknown): string {
  if (e instanceof Error && "code" in e) {
    const code = String(e.code);
    if (code === "ENOENT") return "no such file or directory";
    if (code === "EACCES" || code === "EPERM") return "permission denied";
    if (code === "EISDIR") return "is a directory";
    return code;
  }
  return e instanceof Error ? e.message : String(e);
}

/** Rule names a layer mentions that no rule answers to. hadolint's code shapes (DLnnnn, SCnnnn) are let through
 * quietly: configs written for hadolint name rules we do not have (ShellCheck's), and ignoring those is harmless. */
export function unknownRuleNames(layer: ConfigLayer): string[] {
  const unknown: string[] = [];
  for (const [name] of layer.rules) {
    if (rulesFor(name).length > 0 || /^(DL|SC)\d{4}$/i.test(name)) continue;
    if (!unknown.includes(name)) unknown.push(name);
  }
  return unknown;
}

export function ruleNameSuggestion(name: string): string {
  return didYouMean(name, [...RULES.map((r) => r.code), ...RULES.flatMap((r) => r.aliases)]);
}

// ---- finding config files ----

/** Config file names looked for in each directory, in order of preference. */
export const LOCAL_CONFIG_NAMES = [".dflint.yaml", ".dflint.yml", ".hadolint.yaml", ".hadolint.yml"];

function isFile(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isFile() ?? false;
  } catch {
    return false;
  }
}

function exists(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false }) !== undefined;
  } catch {
    return false;
  }
}

/** The user-level config files, ours first, then the places hadolint looks. */
export function userConfigCandidates(env: Env, home: string): string[] {
  const xdgSet = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : undefined;
  const xdg = xdgSet ?? join(home, ".config");
  const both = (base: string) => [`${base}.yaml`, `${base}.yml`];
  const list = [
    ...both(join(xdg, "dflint", "config")),
    ...both(join(xdg, "hadolint")),
    ...both(join(home, ".config", "hadolint")),
    ...both(join(home, ".hadolint", "hadolint")),
    ...both(join(home, ".hadolint", "config")),
    ...both(join(home, ".hadolint")),
  ];
  return [...new Set(list)];
}

/**
 * Finds and loads config files, each directory and each file at most once. The config for a directory is the first
 * of LOCAL_CONFIG_NAMES found walking up from it to the repository root (the first directory holding `.git`), else
 * the first user-level config that exists. Only one file applies: files are not merged with each other.
 */
export class ConfigFinder {
  private readonly byDirectory = new Map<string, string | null>();
  private readonly loaded = new Map<string, ConfigLayer>();
  private userConfig: string | null | undefined;

  constructor(
    private readonly env: Env,
    private readonly home: string,
  ) {}

  /** The config file that applies to files in `dir` (absolute), or undefined. */
  pathFor(dir: string): string | undefined {
    // The folders asked about again (every file of a folder asks): the map's keys are resolved paths, so a folder
    // already in its resolved form is found without resolving it (1,468 corpus files: 5.9 ms of a run's start).
    const known = this.byDirectory.get(dir);
    if (known !== undefined) return known ?? undefined;
    const visited: string[] = [];
    let found: string | null = null;
    let d = resolve(dir);
    for (;;) {
      const cached = this.byDirectory.get(d);
      if (cached !== undefined) {
        found = cached;
        break;
      }
      visited.push(d);
      const local = LOCAL_CONFIG_NAMES.map((n) => join(d, n)).find(isFile);
      if (local) {
        found = local;
        break;
      }
      const parent = dirname(d);
      if (parent === d || exists(join(d, ".git"))) {
        found = this.user();
        break;
      }
      d = parent;
    }
    for (const v of visited) this.byDirectory.set(v, found);
    return found ?? undefined;
  }

  private user(): string | null {
    if (this.userConfig === undefined) {
      this.userConfig = userConfigCandidates(this.env, this.home).find(isFile) ?? null;
    }
    return this.userConfig;
  }

  /** Loads (once) the config file at `path`; throws ConfigError. */
  load(path: string): ConfigLayer {
    let layer = this.loaded.get(path);
    if (!layer) {
      layer = readConfigFile(path);
      this.loaded.set(path, layer);
    }
    return layer;
  }
}
