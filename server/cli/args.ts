import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { LabelSchema, Severity } from "../rules/types.js";

/** Output formats, under hadolint's names so `--format` values carry over. */
export const FORMATS = [
  "tty",
  "json",
  "sarif",
  "checkstyle",
  "codeclimate",
  "gitlab_codeclimate",
  "gnu",
  "junit",
  "codacy",
  "sonarqube",
  "github-actions",
] as const;
export type FormatName = (typeof FORMATS)[number];

export type Threshold = Severity | "none";
/** hadolint accepts `ignore` as a synonym of `none`. */
export const THRESHOLDS = ["error", "warning", "info", "style", "none", "ignore"] as const;

export const LABEL_FORMATS = ["text", "url", "semver", "hash", "rfc3339", "spdx", "email"] as const;
export type LabelFormat = (typeof LABEL_FORMATS)[number];

/** A rule setting as given: `--ignore X` is `[X, "none"]`, `--error X` is `[X, "error"]`; the last one given wins. */
export type RuleSetting = readonly [name: string, severity: Severity | "none"];

export type Action = "lint" | "help" | "version" | "list-rules" | "explain";

export interface CliArgs {
  action: Action;
  explain?: string;
  paths: string[];
  format?: FormatName;
  output?: string;
  fix: boolean;
  fixDryRun: boolean;
  /** `--unsafe-fixes`: --fix / --fix-dry-run apply unsafe fixes too. */
  unsafeFixes?: boolean;
  rules: RuleSetting[];
  failureThreshold?: Threshold;
  noFail?: boolean;
  /** `true` for `--color`, `false` for `--no-color`. */
  color?: boolean;
  config?: string;
  trustedRegistries: string[];
  labelSchema: LabelSchema;
  strictLabels?: boolean;
  disableIgnorePragma?: boolean;
  reportUnusedPragmas?: boolean;
  stdinFilename?: string;
  filePathInReport?: string;
  verbose?: boolean;
  /** `true` for `--cache` (the result cache), `false` for `--no-cache` (every cache off, the ShellCheck one too);
   * the last one given wins. */
  cache?: boolean;
  /** `--cache-location DIR`: where the result cache lives (default: cacheDir()); implies `--cache`. */
  cacheLocation?: string;
  /** `--context DIR`: the build context, as given. */
  context?: string;
  /** `--build-arg NAME=VALUE` or `NAME` (then from the environment, as docker does), in order. */
  buildArgs: string[];
  /** `--target STAGE`. */
  target?: string;
  /** `--compose FILE` and `--service NAME`: take context, Dockerfile, args and target from a Compose service. */
  compose?: string;
  service?: string;
  /** `--shellcheck true|false|PATH`, `--no-shellcheck` (false). */
  shellcheck?: boolean | string;
  /** `--threads N`: lint with N threads (1: no worker threads); default: one per core when there are many files. */
  threads?: number;
}

export class UsageError extends Error {}

export function usageMessage(e: UsageError): string {
  return `dflint: ${e.message}\nRun 'dflint --help' for usage.\n`;
}

interface OptionSpec {
  long: string;
  short?: string;
  /** Name of the value in the help text; absent for switches. */
  value?: string;
  help: string;
}

export const OPTIONS: readonly OptionSpec[] = [
  {
    long: "format",
    short: "f",
    value: "FORMAT",
    help: `Output format: ${FORMATS.join(" | ")} (default: tty)`,
  },
  { long: "output", short: "o", value: "FILE", help: "Write the report to FILE instead of standard output" },
  { long: "fix", help: "Apply safe fixes in place, then report what is left" },
  { long: "fix-dry-run", help: "Print the fixes as a unified diff without writing any file" },
  {
    long: "unsafe-fixes",
    help: "With --fix or --fix-dry-run: apply unsafe fixes too (they may change the image)",
  },
  { long: "ignore", value: "RULE", help: "Do not run RULE (code or alias; repeatable)" },
  { long: "error", value: "RULE", help: "Report RULE as an error (repeatable)" },
  { long: "warning", value: "RULE", help: "Report RULE as a warning (repeatable)" },
  { long: "info", value: "RULE", help: "Report RULE as info (repeatable)" },
  { long: "style", value: "RULE", help: "Report RULE as style (repeatable)" },
  {
    long: "failure-threshold",
    short: "t",
    value: "LEVEL",
    help: "Exit 1 only for findings at or above LEVEL: error | warning | info | style | none (default: info)",
  },
  { long: "no-fail", help: "Exit 0 even when findings are reported" },
  { long: "config", short: "c", value: "FILE", help: "Use this config file instead of searching for one" },
  { long: "trusted-registry", value: "REGISTRY", help: "A registry FROM images may come from (repeatable)" },
  {
    long: "require-label",
    value: "LABEL:FORMAT",
    help: `Require LABEL in the given format: ${LABEL_FORMATS.join(" | ")} (repeatable)`,
  },
  { long: "strict-labels", help: "Report labels that the label schema does not list" },
  { long: "disable-ignore-pragma", help: "Ignore `# hadolint ignore=` / `# dflint ignore=` comments" },
  {
    long: "report-unused-pragmas",
    help: "Report ignore comments that silence nothing or name no rule (DF202)",
  },
  {
    long: "stdin-filename",
    value: "NAME",
    help: "Name to report for `-` (standard input), also used to find the config",
  },
  { long: "file-path-in-report", value: "PATH", help: "Path to show for every file in the report" },
  {
    long: "shellcheck",
    value: "WHEN",
    help: "Check RUN scripts with ShellCheck: true | false | the binary's path (default: when on PATH)",
  },
  { long: "no-shellcheck", help: "Do not run ShellCheck (same as --shellcheck false)" },
  { long: "no-color", help: "Never colour the output" },
  { long: "color", help: "Colour the output even when it is not a terminal" },
  {
    long: "context",
    value: "DIR",
    help: "The build context (as in docker build DIR): checks COPY/ADD sources against its files and .dockerignore",
  },
  {
    long: "build-arg",
    value: "NAME[=VALUE]",
    help: "A build argument as the build passes it; NAME alone takes the environment's value (repeatable)",
  },
  { long: "target", value: "STAGE", help: "The stage the build stops at (as docker build --target)" },
  {
    long: "compose",
    value: "FILE",
    help: "Take the build context, Dockerfile, args and target from a Compose file's service",
  },
  {
    long: "service",
    value: "NAME",
    help: "The Compose service for --compose (needed if several have a build)",
  },
  { long: "cache", help: "Reuse results of files linted before with the same content and settings" },
  { long: "cache-location", value: "DIR", help: "Keep the result cache in DIR (implies --cache)" },
  { long: "no-cache", help: "Use no cache at all: neither the result cache nor the ShellCheck cache" },
  {
    long: "threads",
    value: "N",
    help: "Lint with N threads (default: one per core, for runs over many files; 1: one thread)",
  },
  { long: "verbose", short: "V", help: "Say on standard error which config files and files are used" },
  { long: "list-rules", help: "List the rules: code, aliases, severity, fix safety, title" },
  { long: "explain", value: "RULE", help: "Explain a rule (code or alias)" },
  { long: "version", short: "v", help: "Print the version" },
  { long: "help", short: "h", help: "Show this help" },
];

export function helpText(): string {
  const rows = OPTIONS.map((o) => {
    const names = `${o.short ? `-${o.short}, ` : "    "}--${o.long}${o.value ? ` ${o.value}` : ""}`;
    return [names, o.help] as const;
  });
  const width = Math.max(...rows.map(([n]) => n.length)) + 2;
  return [
    "Usage: dflint [options] [paths...]",
    "",
    "Lints Dockerfiles. Paths may be files, directories (searched for Dockerfile, Dockerfile.*, *.Dockerfile,",
    "Containerfile, ...; .gitignore and node_modules are skipped), glob patterns, or - for standard input.",
    "With no paths, ./Dockerfile is linted.",
    "",
    "Options:",
    ...rows.map(([n, h]) => `  ${n.padEnd(width)}${h}`),
    "",
    "Exit status: 0 no findings at or above the failure threshold, 1 findings (or a file could not be read),",
    "2 usage or configuration error.",
    "Config: .dflint.yaml or .hadolint.yaml, searched from each file's directory up to the repository root,",
    "then the user config directory. See docs/cli.md.",
    "",
  ].join("\n");
}

/** Edit distance counting a swap of two neighbours as one edit (so `jsno` is one edit from `json`). */
export function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** The closest candidate, if it is close enough to be a plausible typo. */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const lower = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = editDistance(lower, c.toLowerCase());
    if (d < bestDistance) {
      best = c;
      bestDistance = d;
    }
  }
  const limit = Math.max(1, Math.floor(lower.length / 3));
  return bestDistance <= limit ? best : undefined;
}

export function didYouMean(input: string, candidates: Iterable<string>, prefix = ""): string {
  const s = suggest(input, candidates);
  return s === undefined ? "" : ` (did you mean '${prefix}${s}'?)`;
}

/** Checks a value against a list of allowed ones, case-insensitively; throws a UsageError naming `what`. */
export function oneOf<T extends string>(value: string, allowed: readonly T[], what: string): T {
  const v = value.trim().toLowerCase();
  const found = allowed.find((a) => a === v);
  if (found !== undefined) return found;
  throw new UsageError(
    `invalid ${what} '${value}'${didYouMean(value, allowed)}; expected one of: ${allowed.join(", ")}`,
  );
}

/** Parses `label:format` (the form of `--require-label` and HADOLINT_REQUIRE_LABELS). */
export function parseLabelRequirement(spec: string, what: string): [string, LabelFormat] {
  const colon = spec.lastIndexOf(":");
  const label = colon > 0 ? spec.slice(0, colon).trim() : "";
  if (!label) throw new UsageError(`invalid ${what} '${spec}'; expected LABEL:FORMAT, e.g. maintainer:text`);
  return [label, oneOf(spec.slice(colon + 1), LABEL_FORMATS, `label format in ${what}`)];
}

export function normalizeThreshold(t: (typeof THRESHOLDS)[number]): Threshold {
  return t === "ignore" ? "none" : t;
}

const byLong = new Map(OPTIONS.map((o) => [o.long, o]));
const byShort = new Map(OPTIONS.filter((o) => o.short).map((o) => [o.short as string, o]));

/** Parses the command line. Throws UsageError for anything it does not understand. */
export function parseArgs(argv: readonly string[]): CliArgs {
  const args: CliArgs = {
    action: "lint",
    paths: [],
    fix: false,
    fixDryRun: false,
    rules: [],
    trustedRegistries: [],
    labelSchema: {},
    buildArgs: [],
  };
  let i = 0;
  const takeValue = (spec: OptionSpec, inline: string | undefined, shown: string): string => {
    if (inline !== undefined) return inline;
    const next = argv[i + 1];
    if (next === undefined) throw new UsageError(`option '${shown}' needs a value (${spec.value})`);
    i++;
    return next;
  };
  for (; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--") {
      args.paths.push(...argv.slice(i + 1));
      break;
    }
    if (arg === "-" || !arg.startsWith("-")) {
      args.paths.push(arg);
      continue;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    let shown: string;
    if (arg.startsWith("--")) {
      const eq = arg.indexOf("=");
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      if (eq !== -1) inline = arg.slice(eq + 1);
      shown = `--${name}`;
      spec = byLong.get(name);
      if (!spec) {
        throw new UsageError(
          `unknown option '${shown}'${didYouMean(
            name,
            OPTIONS.map((o) => o.long),
            "--",
          )}`,
        );
      }
    } else {
      const letter = arg[1];
      shown = `-${letter}`;
      spec = byShort.get(letter);
      if (!spec) throw new UsageError(`unknown option '${shown}'`);
      if (arg.length > 2) {
        if (!spec.value) throw new UsageError(`unknown option '${arg}' (options cannot be combined)`);
        inline = arg[2] === "=" ? arg.slice(3) : arg.slice(2);
      }
    }
    if (!spec.value && inline !== undefined) throw new UsageError(`option '${shown}' takes no value`);
    const value = spec.value ? takeValue(spec, inline, shown) : "";
    apply(args, spec.long, value);
  }
  if (args.service !== undefined && args.compose === undefined)
    throw new UsageError("--service only works with --compose FILE");
  if (args.fix && args.fixDryRun) throw new UsageError("--fix and --fix-dry-run cannot be used together");
  if (args.unsafeFixes && !args.fix && !args.fixDryRun)
    throw new UsageError("--unsafe-fixes only works with --fix or --fix-dry-run");
  return args;
}

function apply(args: CliArgs, option: string, value: string): void {
  switch (option) {
    case "format":
      args.format = oneOf(value, FORMATS, "--format value");
      return;
    case "output":
      if (!value) throw new UsageError("option '--output' needs a file name");
      args.output = value;
      return;
    case "fix":
      args.fix = true;
      return;
    case "fix-dry-run":
      args.fixDryRun = true;
      return;
    case "unsafe-fixes":
      args.unsafeFixes = true;
      return;
    case "ignore":
      for (const name of ruleNames(value, option)) args.rules.push([name, "none"]);
      return;
    case "error":
    case "warning":
    case "info":
    case "style":
      for (const name of ruleNames(value, option)) args.rules.push([name, option]);
      return;
    case "failure-threshold":
      args.failureThreshold = normalizeThreshold(oneOf(value, THRESHOLDS, "--failure-threshold value"));
      return;
    case "no-fail":
      args.noFail = true;
      return;
    case "config":
      if (!value) throw new UsageError("option '--config' needs a file name");
      args.config = value;
      return;
    case "trusted-registry":
      if (!value.trim()) throw new UsageError("option '--trusted-registry' needs a registry name");
      args.trustedRegistries.push(value.trim());
      return;
    case "require-label": {
      const [label, format] = parseLabelRequirement(value, "--require-label value");
      args.labelSchema[label] = format;
      return;
    }
    case "strict-labels":
      args.strictLabels = true;
      return;
    case "disable-ignore-pragma":
      args.disableIgnorePragma = true;
      return;
    case "report-unused-pragmas":
      args.reportUnusedPragmas = true;
      return;
    case "stdin-filename":
      args.stdinFilename = value;
      return;
    case "file-path-in-report":
      args.filePathInReport = value;
      return;
    case "shellcheck": {
      const v = value.trim();
      if (!v) throw new UsageError("option '--shellcheck' needs true, false or a path");
      args.shellcheck = /^(true|yes|on|1)$/i.test(v) ? true : /^(false|no|off|0)$/i.test(v) ? false : v;
      return;
    }
    case "no-shellcheck":
      args.shellcheck = false;
      return;
    case "no-color":
      args.color = false;
      return;
    case "color":
      args.color = true;
      return;
    case "context":
      if (!value) throw new UsageError("option '--context' needs a directory");
      args.context = value;
      return;
    case "build-arg": {
      const name = value.split("=", 1)[0];
      if (!/^[^\s=]+$/.test(name))
        throw new UsageError(`invalid --build-arg '${value}'; expected NAME=VALUE or NAME`);
      args.buildArgs.push(value);
      return;
    }
    case "target":
      if (!value.trim()) throw new UsageError("option '--target' needs a stage name");
      args.target = value.trim();
      return;
    case "compose":
      if (!value) throw new UsageError("option '--compose' needs a file name");
      args.compose = value;
      return;
    case "service":
      if (!value.trim()) throw new UsageError("option '--service' needs a service name");
      args.service = value.trim();
      return;
    case "cache":
      args.cache = true;
      return;
    case "cache-location":
      if (!value) throw new UsageError("option '--cache-location' needs a directory");
      args.cacheLocation = value;
      args.cache = true;
      return;
    case "no-cache":
      args.cache = false;
      return;
    case "threads": {
      const n = Number(value);
      if (!/^\d+$/.test(value.trim()) || n < 1 || n > 256)
        throw new UsageError(`invalid --threads value '${value}'; expected a number from 1 to 256`);
      args.threads = n;
      return;
    }
    case "verbose":
      args.verbose = true;
      return;
    case "list-rules":
      args.action = "list-rules";
      return;
    case "explain":
      args.action = "explain";
      args.explain = value;
      return;
    case "version":
      if (args.action === "lint") args.action = "version";
      return;
    case "help":
      args.action = "help";
      return;
  }
}

/** One rule, or several separated by commas (as in HADOLINT_IGNORE). */
function ruleNames(value: string, option: string): string[] {
  const names = value
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (names.length === 0) throw new UsageError(`option '--${option}' needs a rule code or alias`);
  return names;
}

let cachedVersion: string | undefined;

/** Our version, from the package.json above this module (in the source tree or in dist/). */
export function version(): string {
  if (cachedVersion) return cachedVersion;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, "package.json");
    if (existsSync(candidate)) {
      try {
        const pkg: unknown = JSON.parse(readFileSync(candidate, "utf8"));
        if (
          typeof pkg === "object" &&
          pkg !== null &&
          "name" in pkg &&
          pkg.name === "dflint" &&
          "version" in pkg
        ) {
          cachedVersion = String(pkg.version);
          return cachedVersion;
        }
      } catch {
        // Not ours or not JSON: keep looking.
      }
    }
    const parent = dirname(dir);
    if (parent === dir) return "0.0.0";
    dir = parent;
  }
}
