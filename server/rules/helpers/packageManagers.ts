/**
 * How package managers and a few other tools read their arguments, for the rules about RUN commands: which words are
 * options (and which options take the next word as their value), which word is the subcommand, and which are the
 * operands (packages). Knowing the options that take a value keeps `--registry https://x` or `-t bookworm-backports`
 * from being mistaken for a package.
 */

import { factKey } from "../../model/model.js";
import { argsStart, type CommandWord, commandFact, type RunCommand } from "./runScripts.js";

export interface OptionSpec {
  /** Single-letter options that take a value: `-o X` or `-oX`. */
  short?: string;
  /** Long options (without dashes) that take a value: `--name X` or `--name=X`. */
  long?: readonly string[];
  /** Go style: every word with a leading `-` or `--` is one option name (`-tool`, `-ldflags X`). */
  singleDashLong?: boolean;
  /** gem style: a `true` or `false` right after a long option without `=` is that option's value. */
  booleanValues?: boolean;
}

export interface ParsedOption {
  /** Without leading dashes; a single letter for short options. */
  name: string;
  value?: string;
  word: CommandWord;
  /** The next word, when the value was given separately (`-u 1000`). */
  valueWord?: CommandWord;
}

export interface ParsedArgs {
  options: ParsedOption[];
  /** Operands before a `--`. */
  operands: CommandWord[];
  /** Words after a `--` (build flags for gem, program arguments for others). */
  rest: CommandWord[];
}

/** Splits arguments into options and operands. `--` ends the options; a lone `-` is an operand. */
export function parseArgs(args: readonly CommandWord[], spec: OptionSpec): ParsedArgs {
  const count = readArgs(args, 0, spec);
  const options = takeOptions();
  const operands = takeOperands(0, count);
  return { options, operands, rest: takeRest() };
}

/**
 * What {@link readArgs} found, until taken: the options and operands are gathered here and copied into arrays of
 * exactly their size (an array grown by pushes has room for 17 after its first: 152 B for one or two words), and no
 * array is made for none. One reading at a time: readArgs calls nothing that reads arguments.
 */
const foundOptions: ParsedOption[] = [];
let optionCount = 0;
const foundOperands: CommandWord[] = [];
let foundRest: CommandWord[] = [];

/** Shared by every reading with none of them: callers only read these. */
const NO_OPTIONS: ParsedOption[] = [];
const NO_WORDS: CommandWord[] = [];

/**
 * Reads `words` from `from` on as arguments (see {@link parseArgs}); returns how many operands it found, which
 * {@link takeOperands} and the other take functions hand out.
 */
function readArgs(words: readonly CommandWord[], from: number, spec: OptionSpec): number {
  optionCount = 0;
  foundRest = NO_WORDS;
  let operandCount = 0;
  const short = spec.short ?? "";
  const long = longOptions(spec);
  const n = words.length;
  for (let i = from; i < n; i++) {
    const word = words[i];
    const v = word.value;
    if (v === "--") {
      if (i + 1 < n) foundRest = words.slice(i + 1);
      break;
    }
    if (v.length < 2 || v[0] !== "-") {
      foundOperands[operandCount++] = word;
      continue;
    }
    if (v[1] === "-" || spec.singleDashLong) {
      const body = v.slice(v[1] === "-" ? 2 : 1);
      const eq = body.indexOf("=");
      if (eq >= 0) {
        addOption({ name: body.slice(0, eq), value: body.slice(eq + 1), word });
      } else if (long.has(body) && i + 1 < n) {
        const valueWord = words[++i];
        addOption({ name: body, value: valueWord.value, word, valueWord });
      } else if (spec.booleanValues && (words[i + 1]?.value === "true" || words[i + 1]?.value === "false")) {
        const valueWord = words[++i];
        addOption({ name: body, value: valueWord.value, word, valueWord });
      } else {
        addOption({ name: body, word });
      }
      continue;
    }
    for (let k = 1; k < v.length; k++) {
      const letter = v[k];
      if (v[k + 1] === "=") {
        // apt's `-q=2`, `-o=Foo=bar`.
        addOption({ name: letter, value: v.slice(k + 2), word });
        break;
      }
      if (short.includes(letter)) {
        if (k + 1 < v.length) addOption({ name: letter, value: v.slice(k + 1), word });
        else if (i + 1 < n) {
          const valueWord = words[++i];
          addOption({ name: letter, value: valueWord.value, word, valueWord });
        } else addOption({ name: letter, word });
        break;
      }
      addOption({ name: letter, word });
    }
  }
  return operandCount;
}

function addOption(option: ParsedOption): void {
  foundOptions[optionCount++] = option;
}

function takeOptions(): ParsedOption[] {
  const count = optionCount;
  if (count === 0) return NO_OPTIONS;
  const out = new Array<ParsedOption>(count);
  for (let k = 0; k < count; k++) {
    out[k] = foundOptions[k];
    // Nothing stays reachable from the module once taken.
    foundOptions[k] = NO_OPTION;
  }
  optionCount = 0;
  return out;
}

/** The operands [from, to) of the last reading. */
function takeOperands(from: number, to: number): CommandWord[] {
  if (to <= from) return NO_WORDS;
  const out = new Array<CommandWord>(to - from);
  for (let k = from; k < to; k++) out[k - from] = foundOperands[k];
  return out;
}

/** The words after `--` of the last reading; the operands are let go of too (take them first). */
function takeRest(): CommandWord[] {
  const rest = foundRest;
  foundRest = NO_WORDS;
  for (let k = 0; k < foundOperands.length && foundOperands[k] !== NO_WORD; k++) foundOperands[k] = NO_WORD;
  return rest;
}

const NO_WORD: CommandWord = {
  value: "",
  raw: "",
  hasExpansion: false,
  hasGlob: false,
  span: { start: 0, end: 0 },
};
const NO_OPTION: ParsedOption = { name: "", word: NO_WORD };

const longSets = new WeakMap<OptionSpec, ReadonlySet<string>>();

/** The spec's long options as a set, made once per spec (the specs are module constants). */
function longOptions(spec: OptionSpec): ReadonlySet<string> {
  let set = longSets.get(spec);
  if (!set) {
    set = new Set(spec.long ?? []);
    longSets.set(spec, set);
  }
  return set;
}

export function hasOption(parsed: ParsedArgs, ...names: string[]): boolean {
  return parsed.options.some((o) => names.includes(o.name));
}

export function optionValues(parsed: ParsedArgs, ...names: string[]): string[] {
  const out: string[] = [];
  for (const o of parsed.options) if (o.value !== undefined && names.includes(o.name)) out.push(o.value);
  return out;
}

export interface ToolCommand {
  command: RunCommand;
  /** First operand (`install` in `apt-get -y install x`), if any. */
  subcommand?: CommandWord;
  /** The options of the whole command line, before and after the subcommand. */
  parsed: ParsedArgs;
  /** Operands after the subcommand. */
  operands: CommandWord[];
}

export interface Tool {
  /** Program names (basenames) that run this tool. */
  names: readonly string[];
  options: OptionSpec;
}

/**
 * A command read as an invocation of a tool. The options, the subcommand and the operands after it are kept, and
 * `parsed` is a view of them made when asked: its operands (the subcommand first) are an array no rule keeps.
 */
class ToolRead implements ToolCommand {
  // Declared and set in the constructor, not class fields: see ShellWord.
  declare readonly command: RunCommand;
  declare readonly subcommand: CommandWord | undefined;
  declare readonly operands: CommandWord[];
  declare readonly options: ParsedOption[];
  declare readonly rest: CommandWord[];

  constructor(command: RunCommand, operandCount: number) {
    this.command = command;
    this.subcommand = operandCount > 0 ? foundOperands[0] : undefined;
    this.options = takeOptions();
    this.operands = takeOperands(1, operandCount);
    this.rest = takeRest();
  }

  get parsed(): ParsedArgs {
    return new ParsedView(this);
  }
}

class ParsedView implements ParsedArgs {
  declare private readonly read: ToolRead;

  constructor(read: ToolRead) {
    this.read = read;
  }

  get options(): ParsedOption[] {
    return this.read.options;
  }

  get operands(): CommandWord[] {
    const read = this.read;
    return read.subcommand === undefined ? read.operands : [read.subcommand, ...read.operands];
  }

  get rest(): CommandWord[] {
    return this.read.rest;
  }
}

/** Reads the arguments of a command (all its words after the name), without copying them first. */
function readCommandArgs(command: RunCommand, spec: OptionSpec): number {
  const from = argsStart(command);
  return from < 0 ? readArgs(command.args, 0, spec) : readArgs(command.words, from, spec);
}

/**
 * Reads a command as an invocation of `tool`; undefined when it runs another program. Read once per command and tool
 * and shared (callers only read it): ~10 rules ask about every apt-get command and parsed its arguments again each
 * time. With this memo (and pipCommand's, and the spec's long-option set made once), linting the corpus went
 * 981 -> 943 ms (CPU, mean of the faster half, both builds alternating in one process on 2 cores at load 5); on the
 * 10k-line file a later, more careful comparison found no gain above the noise.
 *
 * The reading is the command's fact keyed by the tool itself, not an entry of a Map of tools kept as the fact: the
 * tools' names do not overlap, so a command has one reading, and a Map for it was ~180 B. With that, exact-size
 * option and operand arrays, shared empty ones and one object for the reading (ToolRead), the runScripts fact of
 * the generated 1 MB file (heap snapshot after the lint, tools/an2.mjs) went 18.97 -> 11.85 MB, and the peak RSS of
 * one lint of the 10 MB file (bench/large-file.mjs) 675 -> 593 MB.
 */
export function toolCommand(command: RunCommand, tool: Tool): ToolCommand | undefined {
  if (!tool.names.includes(command.name)) return undefined;
  return commandFact(command, tool, readTool, tool);
}

function readTool(command: RunCommand, tool: Tool | undefined): ToolRead {
  return new ToolRead(command, readCommandArgs(command, (tool as Tool).options));
}

export const APT_GET: Tool = {
  names: ["apt-get"],
  options: {
    short: "octa",
    long: [
      "option",
      "config-file",
      "target-release",
      "default-release",
      "host-architecture",
      "build-profiles",
    ],
  },
};

export const APT: Tool = { names: ["apt"], options: APT_GET.options };

export const APTITUDE: Tool = {
  names: ["aptitude"],
  options: { short: "otFwS", long: ["target-release", "default-release", "display-format", "width", "sort"] },
};

export const APK: Tool = {
  names: ["apk"],
  options: {
    short: "tXp",
    long: [
      "virtual",
      "repository",
      "root",
      "repositories-file",
      "keys-dir",
      "arch",
      "cache-dir",
      "cache-max-age",
      "timeout",
    ],
  },
};

/** yum and dnf share their command line. */
const RPM_OPTIONS: OptionSpec = {
  short: "cdexR",
  long: [
    "config",
    "installroot",
    "releasever",
    "repo",
    "repoid",
    "enablerepo",
    "disablerepo",
    "exclude",
    "excludepkgs",
    "setopt",
    "forcearch",
    "downloaddir",
    "destdir",
    "comment",
    "debuglevel",
    "errorlevel",
    "rpmverbosity",
    "color",
    "repofrompath",
    "advisory",
    "advisories",
    "bz",
    "cve",
    "sec-severity",
    "secseverity",
  ],
};

export const YUM: Tool = { names: ["yum"], options: RPM_OPTIONS };

export const DNF: Tool = { names: ["dnf", "dnf5", "microdnf"], options: RPM_OPTIONS };

export const ZYPPER: Tool = {
  names: ["zypper"],
  options: {
    short: "crRDtpC",
    long: [
      "config",
      "root",
      "reposd-path",
      "cache-dir",
      "raw-cache-dir",
      "solv-cache-dir",
      "pkg-cache-dir",
      "type",
      "repo",
      "from",
      "download",
      "name",
      "capability",
    ],
  },
};

export const NPM: Tool = {
  names: ["npm"],
  options: {
    short: "w",
    long: [
      "registry",
      "loglevel",
      "prefix",
      "cache",
      "userconfig",
      "globalconfig",
      "tag",
      "omit",
      "include",
      "install-strategy",
      "workspace",
      "only",
      "scope",
      "otp",
      "save-prefix",
      "fetch-retries",
      "fetch-timeout",
      "proxy",
      "https-proxy",
      "cafile",
      "before",
    ],
  },
};

export const YARN: Tool = {
  names: ["yarn"],
  options: {
    long: ["cache-folder", "modules-folder", "network-timeout", "registry", "mutex", "cwd", "global-folder"],
  },
};

export const GEM: Tool = {
  names: ["gem"],
  options: {
    short: "vinsgpP",
    long: [
      "version",
      "install-dir",
      "bindir",
      "document",
      "source",
      "http-proxy",
      "platform",
      "file",
      "build-root",
      "trust-policy",
    ],
    booleanValues: true,
  },
};

export const GO: Tool = {
  names: ["go"],
  options: {
    singleDashLong: true,
    long: [
      "C",
      "o",
      "p",
      "ldflags",
      "gcflags",
      "asmflags",
      "gccgoflags",
      "tags",
      "mod",
      "modfile",
      "pkgdir",
      "toolexec",
      "overlay",
      "exec",
      "pgo",
      "buildmode",
      "compiler",
      "installsuffix",
      "covermode",
      "coverpkg",
      "buildvcs",
    ],
  },
};

export const USERADD: Tool = {
  names: ["useradd"],
  options: {
    short: "bcdefgGkKpsuZ",
    long: [
      "base-dir",
      "comment",
      "home-dir",
      "expiredate",
      "inactive",
      "gid",
      "groups",
      "skel",
      "key",
      "password",
      "shell",
      "uid",
      "selinux-user",
      "root",
      "prefix",
    ],
  },
};

export const WGET: Tool = {
  names: ["wget"],
  options: {
    short: "oaeOtTwQUPDiBlARIX",
    long: [
      "output-file",
      "append-output",
      "output-document",
      "progress",
      "tries",
      "timeout",
      "wait",
      "user-agent",
      "directory-prefix",
      "input-file",
      "base",
      "level",
      "accept",
      "reject",
      "header",
      "user",
      "password",
    ],
  },
};

const PIP_OPTIONS: OptionSpec = {
  short: "rcetbifC",
  long: [
    "requirement",
    "constraint",
    "editable",
    "target",
    "platform",
    "python-version",
    "implementation",
    "abi",
    "root",
    "prefix",
    "build",
    "src",
    "upgrade-strategy",
    "progress-bar",
    "root-user-action",
    "index-url",
    "extra-index-url",
    "find-links",
    "no-binary",
    "only-binary",
    "proxy",
    "trusted-host",
    "log",
    "cert",
    "client-cert",
    "cache-dir",
    "timeout",
    "retries",
    "exists-action",
    "global-option",
    "install-option",
    "config-settings",
    "report",
    "python",
    "pip-args",
    "suffix",
    "spec",
    "preinstall",
  ],
};

export interface PipCommand extends ToolCommand {
  /** `pip` (pip, pip3, pip3.12, `python -m pip`) or `pipx`. */
  tool: "pip" | "pipx";
}

const PIP_NAME = /^pip\d*(\.\d+)?$/;
const PYTHON_NAME = /^python\d*(\.\d+)?$/;

/** `pip install`, `pip3 install`, `python3 -m pip install`, `pipx install` (pipenv is not pip: it pins in its lock file). */
const PIP_COMMAND = factKey<PipCommand | undefined>("pipCommand");

/** {@link readPipCommand}, once per command (several pip rules read every pip command); callers only read it. */
export function pipCommand(command: RunCommand): PipCommand | undefined {
  // The rules ask about every command: most are not pip, and the name says so faster than the memo (its first
  // letter faster than the two regexes).
  const name = command.name;
  if (name.charCodeAt(0) !== 112 /* p */) return undefined;
  if (!PIP_NAME.test(name) && name !== "pipx" && !PYTHON_NAME.test(name)) return undefined;
  return commandFact(command, PIP_COMMAND, readPipCommand);
}

class PipRead extends ToolRead implements PipCommand {
  declare readonly tool: "pip" | "pipx";

  constructor(command: RunCommand, operandCount: number, tool: "pip" | "pipx") {
    super(command, operandCount);
    this.tool = tool;
  }
}

function readPipCommand(command: RunCommand): PipCommand | undefined {
  const name = command.name;
  if (PIP_NAME.test(name)) return new PipRead(command, readCommandArgs(command, PIP_OPTIONS), "pip");
  if (name === "pipx") return new PipRead(command, readCommandArgs(command, PIP_OPTIONS), "pipx");
  if (!PYTHON_NAME.test(name)) return undefined;
  const args = command.args;
  const m = args.findIndex((a) => a.value === "-m" || a.value.startsWith("-m"));
  if (m < 0) return undefined;
  const module = args[m].value === "-m" ? args[m + 1]?.value : args[m].value.slice(2);
  if (module !== "pip") return undefined;
  return new PipRead(command, readArgs(args, args[m].value === "-m" ? m + 2 : m + 1, PIP_OPTIONS), "pip");
}

/** A subcommand and its aliases, e.g. `install` and `in` for dnf. */
export function isSubcommand(tc: ToolCommand, ...names: string[]): boolean {
  return tc.subcommand !== undefined && names.includes(tc.subcommand.value);
}

/** yum and dnf: the action (`install`) and its operands, looking into `module` and `group` subcommands. */
export interface RpmAction {
  action?: CommandWord;
  kind: "package" | "module" | "group";
  operands: CommandWord[];
}

export function rpmAction(tc: ToolCommand): RpmAction {
  const sub = tc.subcommand?.value;
  if (sub === "module" || sub === "group" || sub === "groups") {
    const [action, ...operands] = tc.operands;
    return { action, kind: sub === "module" ? "module" : "group", operands };
  }
  if (sub === "groupinstall" || sub === "groupupdate" || sub === "groupremove") {
    return { action: tc.subcommand, kind: "group", operands: tc.operands };
  }
  return { action: tc.subcommand, kind: "package", operands: tc.operands };
}

/** yum/dnf actions that change packages and ask for confirmation first. */
export const RPM_CONFIRMING = new Set([
  "install",
  "in",
  "reinstall",
  "rei",
  "remove",
  "rm",
  "erase",
  "upgrade",
  "up",
  "update",
  "upgrade-minimal",
  "up-min",
  "update-minimal",
  "downgrade",
  "dg",
  "distro-sync",
  "dsync",
  "autoremove",
  "swap",
  "localinstall",
  "groupinstall",
  "groupupdate",
  "groupremove",
  "enable",
  "disable",
  "reset",
  "switch-to",
]);

/** yum/dnf actions that download packages into the cache. */
export const RPM_DOWNLOADING = new Set([
  "install",
  "in",
  "reinstall",
  "rei",
  "upgrade",
  "up",
  "update",
  "upgrade-minimal",
  "up-min",
  "update-minimal",
  "downgrade",
  "dg",
  "distro-sync",
  "dsync",
  "swap",
  "localinstall",
  "groupinstall",
  "groupupdate",
]);

const RPM_VERSION_CHAR = /^[A-Za-z0-9.~^_:+]*$/;

/**
 * `name-version` for yum and dnf: after the first `-`, every `-`-separated part consists of version characters and
 * one of them starts with a digit (`gcc-c++-1.1.1`, `openssl-1:1.1.1k`). `rpm-sign` has a dash but no version.
 * Local `.rpm` files carry their version in the file.
 */
export function rpmPackagePinned(value: string): boolean {
  if (value.endsWith(".rpm")) return true;
  const parts = value.split("-").slice(1);
  if (parts.length === 0) return false;
  return (
    parts.every((p) => RPM_VERSION_CHAR.test(p)) &&
    parts.some((p) => p.charCodeAt(0) >= 48 && p.charCodeAt(0) <= 57)
  );
}

/**
 * Whether a command deletes `dir` or everything in it: `rm` of the directory, of a parent, or of `dir/*` (globs
 * such as `/var/lib/apt/lists*` included), or `find dir -delete` (also `-exec rm`) started at the directory or a
 * parent, with no test that spares part of it other than an exclusion (`-not -name lock`). Relative paths and
 * variables are not followed.
 */
export function removesPath(command: RunCommand, dir: string): boolean {
  if (command.name === "rm") return command.args.some((a) => operandRemoves(a, dir));
  if (command.name === "find") return findDeletes(command.args, dir);
  return false;
}

function operandRemoves(word: CommandWord, dir: string): boolean {
  if (word.hasExpansion || !word.value.startsWith("/")) return false;
  const operand = trimTrailingSlashes(word.value);
  const covers = (path: string, pattern = operand) =>
    word.hasGlob ? globMatches(pattern, path) : pattern === path;
  if (selfAndParents(dir).some((d) => covers(d))) return true;
  // `dir/*`: everything in it (dotfiles aside, which package caches do not have).
  const slash = operand.lastIndexOf("/");
  return (
    word.hasGlob && slash > 0 && operand.slice(slash + 1) === "*" && covers(dir, operand.slice(0, slash))
  );
}

/** `find` tests that pick files by something else than where they are: a find with one of them spares the rest. */
const FIND_ZERO_ARG_TESTS = new Set(["-empty", "-true", "-false", "-readable", "-writable", "-executable"]);
const FIND_HARMLESS = new Set([
  "-depth",
  "-xdev",
  "-mount",
  "-print",
  "-print0",
  "-ignore_readdir_race",
  "-noleaf",
  "-delete",
]);
const FIND_HARMLESS_WITH_ARG = new Set(["-type", "-xtype", "-mindepth", "-maxdepth"]);

function findDeletes(args: readonly CommandWord[], dir: string): boolean {
  let i = 0;
  const starts: CommandWord[] = [];
  while (i < args.length && !/^[-!(]/.test(args[i].value)) starts.push(args[i++]);
  if (!starts.some((s) => !s.hasExpansion && selfAndParents(dir).includes(trimTrailingSlashes(s.value))))
    return false;
  let deletes = false;
  for (; i < args.length; i++) {
    const v = args[i].value;
    if (v === "-delete") deletes = true;
    else if (v === "-exec" || v === "-execdir") {
      if (programBase(args[i + 1]?.value ?? "") === "rm") deletes = true;
      else return false;
      while (i < args.length && args[i].value !== ";" && args[i].value !== "+") i++;
    } else if (v === "-not" || v === "!") {
      // An exclusion only spares what it names.
      i += FIND_ZERO_ARG_TESTS.has(args[i + 1]?.value ?? "") ? 1 : 2;
    } else if (FIND_HARMLESS_WITH_ARG.has(v)) i++;
    else if (!FIND_HARMLESS.has(v) && v !== "-a" && v !== "-and") return false;
  }
  return deletes;
}

/** `/var/lib/apt/lists`, `/var/lib/apt`, `/var/lib`, `/var` (not `/`: `rm -rf /` is refused by rm). */
function selfAndParents(dir: string): string[] {
  const out: string[] = [];
  for (let d = dir; d.length > 1; d = d.slice(0, Math.max(d.lastIndexOf("/"), 1))) out.push(d);
  return out;
}

function trimTrailingSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}

function programBase(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * Shell pathname matching of one path: `*` and `?` within a component, `[...]` classes; `/` only literally. What
 * comes before the first glob character is literal, and a path without it is no match, without splitting the two
 * (removesPath asks for every parent of a cache directory). DL3009's own time over the corpus, cold (a fresh process
 * linting it once, every rule on, best of 14 alternating): 11.7 -> 11.1 ms.
 */
export function globMatches(pattern: string, path: string): boolean {
  const glob = pattern.search(GLOB_CHARACTER);
  for (let k = 0; k < glob; k++) if (pattern.charCodeAt(k) !== path.charCodeAt(k)) return false;
  const p = pattern.split("/");
  const s = path.split("/");
  return p.length === s.length && p.every((part, k) => componentMatches(part, s[k]));
}

/**
 * Most components of a removed path are plain names (`/var/lib/apt/lists/*` has one glob of five), and compiling
 * each as a regex took ~11 ms of a warm corpus lint (DL3009 & co. ask for every rm after an apt-get update): plain
 * ones are compared, and a glob's regex is made once (a small map, emptied when full).
 */
function componentMatches(pattern: string, name: string): boolean {
  if (!GLOB_CHARACTER.test(pattern)) return pattern === name;
  // A leading dot is only matched by a pattern that starts with one.
  if (name.charCodeAt(0) === 46 && pattern.charCodeAt(0) !== 46) return false;
  let regex = componentRegexes.get(pattern);
  if (!regex) {
    if (componentRegexes.size >= 256) componentRegexes.clear();
    regex = componentRegex(pattern);
    componentRegexes.set(pattern, regex);
  }
  return regex.test(name);
}

const componentRegexes = new Map<string, RegExp>();
const GLOB_CHARACTER = /[*?[]/;

function componentRegex(pattern: string): RegExp {
  let source = "^";
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "*") source += "[^/]*";
    else if (c === "?") source += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 2);
      if (close < 0) source += "\\[";
      else {
        let body = pattern.slice(i + 1, close);
        if (body.startsWith("!")) body = `^${body.slice(1)}`;
        source += `[${body.replace(/\\/g, "\\\\")}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, "\\$&");
  }
  return new RegExp(`${source}$`);
}

/** Whether yum/dnf was told to answer yes (`-y`, `--assumeyes`). */
export function rpmAssumesYes(tc: ToolCommand): boolean {
  return hasOption(tc.parsed, "y", "assumeyes", "assume-yes");
}

/** `apt-get -s` (and its long spellings) only prints what would happen: nothing is installed and nothing asked. */
export function aptSimulates(tc: ToolCommand): boolean {
  return hasOption(tc.parsed, "s", "simulate", "just-print", "dry-run", "recon", "no-act");
}
