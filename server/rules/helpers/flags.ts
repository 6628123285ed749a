/**
 * Instruction flags the way BuildKit's instruction parser reads them (frontend/dockerfile/instructions/bflag.go):
 * which flags each instruction declares, how a flag's value is required, and the `RUN --mount` option list.
 */
import type { DockerfileAst, Flag, Instruction, Span } from "../../../grammar/index.js";
import { type CsvField, readCsvRecord } from "../../model/csv.js";
import { cleanPath } from "../../model/dockerignore.js";
import { astFact, factKey } from "../../model/model.js";
import { parseBooleanFlag } from "../../model/values.js";
import { closestName, didYouMean } from "./suggest.js";

/** `bool` flags may stand alone (`--link`); `string` flags need `=`; `strings` flags may also repeat. */
export type FlagKind = "bool" | "string" | "strings";

/** Exported (and `as const`) so that the hover and completion tables are keyed by it: a new flag needs its docs. */
export const FLAGS = {
  FROM: { platform: "string" },
  COPY: {
    from: "string",
    chown: "string",
    chmod: "string",
    link: "bool",
    parents: "bool",
    exclude: "strings",
  },
  ADD: {
    chown: "string",
    chmod: "string",
    link: "bool",
    "keep-git-dir": "bool",
    checksum: "string",
    exclude: "strings",
    unpack: "bool",
  },
  RUN: { mount: "strings", network: "string", security: "string", device: "strings" },
  HEALTHCHECK: {
    interval: "string",
    timeout: "string",
    "start-period": "string",
    "start-interval": "string",
    retries: "string",
  },
} as const satisfies Readonly<Record<string, Readonly<Record<string, FlagKind>>>>;

export type FlaggedInstruction = keyof typeof FLAGS;

/**
 * The flags an instruction declares, or undefined when BuildKit never looks at its flags: STOPSIGNAL and
 * `HEALTHCHECK NONE` skip flag parsing, so anything written there is ignored rather than rejected.
 */
export function declaredFlags(instruction: Instruction): Readonly<Record<string, FlagKind>> | undefined {
  const kw = instruction.keyword;
  if (!instruction.known || kw === "STOPSIGNAL") return undefined;
  if (kw === "HEALTHCHECK" && instruction.words[0]?.text.toUpperCase() === "NONE") return undefined;
  return Object.hasOwn(FLAGS, kw) ? FLAGS[kw as FlaggedInstruction] : {};
}

export type FlagIssue =
  | { kind: "unknown"; flag: Flag; suggestion?: string }
  | { kind: "duplicate"; flag: Flag; first: Flag }
  | { kind: "missing-value"; flag: Flag }
  | { kind: "not-boolean"; flag: Flag };

/** What BuildKit's flag parser rejects, for every flag (BuildKit stops at the first; we report each). */
const NO_ISSUES: readonly FlagIssue[] = [];

export function flagIssues(instruction: Instruction): readonly FlagIssue[] {
  // Most instructions have no flags: no list and no map for them (DF003 asks about every instruction).
  if (instruction.flags.length === 0) return NO_ISSUES;
  const declared = declaredFlags(instruction);
  if (!declared) return NO_ISSUES;
  const issues: FlagIssue[] = [];
  // One flag (the usual case) cannot repeat: no map for it. With that, DF004's set of broken flags made only when
  // there is an issue, and flagValueSpan not working out a value start it does not use: DF003 and DF004's own time
  // over the corpus, cold (a fresh process linting it once, every rule on, medians of 12 alternating),
  // 16.3 + 27.2 -> 12.9 + 23.0 ms.
  const seen = instruction.flags.length > 1 ? new Map<string, Flag>() : undefined;
  for (const flag of instruction.flags) {
    // Flag names are case-sensitive: `--FROM` is unknown.
    const kind = Object.hasOwn(declared, flag.name) ? declared[flag.name] : undefined;
    if (kind === undefined) {
      issues.push({ kind: "unknown", flag, suggestion: suggestFlag(flag.name, Object.keys(declared)) });
      continue;
    }
    const first = seen?.get(flag.name);
    if (first && kind !== "strings") issues.push({ kind: "duplicate", flag, first });
    if (!first) seen?.set(flag.name, flag);
    if (kind === "bool") {
      if (flag.value === "") issues.push({ kind: "missing-value", flag });
      else if (flag.value !== undefined && !isBuildKitBoolean(flag.value))
        issues.push({ kind: "not-boolean", flag });
    } else if (flag.value === undefined) {
      issues.push({ kind: "missing-value", flag });
    }
  }
  return issues;
}

function suggestFlag(name: string, known: string[]): string | undefined {
  const exact = known.find((k) => k.toLowerCase() === name.toLowerCase());
  return exact ?? closestName(name, known, { caseSensitive: true });
}

/**
 * BuildKit's flag parser accepts `true` and `false` in any letter case, and nothing else: not `1` or `t`, which
 * Go's ParseBool (and `parseBooleanFlag`) would take, so those fail the build.
 */
export function isBuildKitBoolean(value: string): boolean {
  const lower = value.toLowerCase();
  return lower === "true" || lower === "false";
}

const VALUE_STARTS = factKey<Map<Flag, number | undefined>>("flagValueStart");

/** Source offset of `flag.value[0]` when the value is written as is (or wrapped in one pair of quotes). */
export function flagValueStart(ast: DockerfileAst, flag: Flag): number | undefined {
  // Asked once per mount option; comparing a long value each time would make long values quadratic. Kept per file
  // (astFact), not in a WeakMap keyed by the flag, whose entries V8's scavenger promoted.
  const known = astFact(ast, VALUE_STARTS, () => new Map());
  if (known.has(flag)) return known.get(flag);
  const start = computeValueStart(ast, flag);
  known.set(flag, start);
  return start;
}

function computeValueStart(ast: DockerfileAst, flag: Flag): number | undefined {
  const vs = flag.valueSpan;
  const value = flag.value;
  if (!vs || value === undefined) return undefined;
  const raw = ast.text.slice(vs.start, vs.end);
  if (raw === value) return vs.start;
  const quoted =
    raw.length === value.length + 2 && (raw[0] === '"' || raw[0] === "'") && raw.endsWith(raw[0]);
  return quoted && raw.slice(1, -1) === value ? vs.start + 1 : undefined;
}

/** Span of `value[start:end]` of a flag, or the whole value (or flag) when the source does not map one to one. */
export function flagValueSpan(ast: DockerfileAst, flag: Flag, start?: number, end?: number): Span {
  // The whole value needs no value start (DF004 asks for every flag it checks): it is not worked out and kept then.
  if (start !== undefined && end !== undefined) {
    const base = flagValueStart(ast, flag);
    if (base !== undefined) return { start: base + start, end: base + end };
  }
  return flag.valueSpan && flag.valueSpan.end > flag.valueSpan.start ? flag.valueSpan : flag.span;
}

// ------------------------------------------------------------------------------------------------------------
// RUN --mount

export interface MountProblem {
  span: Span;
  message: string;
}

/** Exported `as const` so that hover and completion tables are keyed by them. */
export const MOUNT_TYPE_NAMES = ["bind", "cache", "tmpfs", "secret", "ssh"] as const;
export const SHARING_MODE_NAMES = ["shared", "private", "locked"] as const;
export const MOUNT_KEY_NAMES = [
  "type",
  "from",
  "source",
  "target",
  "readonly",
  "id",
  "sharing",
  "required",
  "size",
  "mode",
  "uid",
  "gid",
  "src",
  "dst",
  "destination",
  "ro",
  "rw",
  "readwrite",
  "env",
] as const;
const MOUNT_TYPES: string[] = [...MOUNT_TYPE_NAMES];
const SHARING_MODES: string[] = [...SHARING_MODE_NAMES];
const MOUNT_KEYS: string[] = [...MOUNT_KEY_NAMES];
/** Options that may stand alone, without `=value`. */
const SWITCHES = new Set(["ro", "readonly", "rw", "readwrite"]);
/** Aliases BuildKit treats as one option. */
export const SAME_AS: Readonly<Record<string, string>> = {
  src: "source",
  dst: "target",
  destination: "target",
  readonly: "ro",
  readwrite: "rw",
};

interface SeenOption {
  keySpan: Span;
  valueSpan: Span;
  value: string;
}

/**
 * Everything BuildKit rejects in one `--mount` value (frontend/dockerfile/instructions/commands_runmount.go): CSV
 * syntax, unknown keys, values of type/sharing/mode/uid/gid/size and of the read-only switches, keys that do not fit
 * the mount type, and the secret mount's rules. Values holding variables are left alone: BuildKit expands them
 * first. Keys are read in order, so `required` before `type=secret` still sees a bind mount, as BuildKit does.
 */
export function mountProblems(ast: DockerfileAst, flag: Flag): MountProblem[] {
  const value = flag.value;
  if (value === undefined) return [];
  if (value === "")
    return [{ span: flag.span, message: "--mount= is empty: give at least type= and target=" }];
  const csv = readCsvRecord(value);
  if (csv.error) {
    const span = flagValueSpan(ast, flag, csv.error.at, csv.error.at + 1);
    return [{ span, message: `--mount is not valid CSV: ${csv.error.message}` }];
  }
  const problems: MountProblem[] = [];
  const at = (field: CsvField, start: number, end: number): Span =>
    field.quoted
      ? flagValueSpan(ast, flag, field.start, field.end)
      : flagValueSpan(ast, flag, field.start + start, field.start + end);
  let type = "bind";
  let typeKnown = true;
  const typeAllows = (types: string[]) => !typeKnown || types.includes(type);
  const seen = new Map<string, SeenOption>();
  for (const field of csv.fields) {
    const text = field.text;
    const eq = text.indexOf("=");
    const key = (eq < 0 ? text : text.slice(0, eq)).toLowerCase();
    const keySpan = at(field, 0, eq < 0 ? text.length : eq);
    if (eq < 0) {
      if (SWITCHES.has(key)) continue;
      if (key === "required") {
        if (!typeAllows(["secret", "ssh"])) {
          problems.push({
            span: keySpan,
            message: `'required' only applies to secret and ssh mounts, not ${type}`,
          });
        }
        continue;
      }
      const hint = MOUNT_KEYS.includes(key) ? `'${key}' needs a value` : "each option is key=value";
      problems.push({ span: keySpan, message: `invalid --mount option '${text}': ${hint}` });
      continue;
    }
    const val = text.slice(eq + 1);
    const valueSpan = at(field, eq + 1, text.length);
    const dollar = val.indexOf("$");
    // Checked before anything is expanded, so a variable here always fails.
    if (key === "from" && dollar >= 0 && dollar < val.length - 1) {
      problems.push({
        span: valueSpan,
        message: "--mount from= does not expand variables: name a stage defined with FROM ... AS instead",
      });
      continue;
    }
    if (!MOUNT_KEYS.includes(key)) {
      const suggestion = closestName(key, MOUNT_KEYS, { caseSensitive: true });
      problems.push({ span: keySpan, message: `unknown --mount option '${key}'${didYouMean(suggestion)}` });
      continue;
    }
    if (
      (key === "required" && !typeAllows(["secret", "ssh"])) ||
      (key === "size" && !typeAllows(["tmpfs"]))
    ) {
      const types = key === "size" ? "tmpfs" : "secret and ssh";
      problems.push({ span: keySpan, message: `'${key}' only applies to ${types} mounts, not ${type}` });
      continue;
    }
    const hasVariable = dollar >= 0;
    if (key === "type") {
      typeKnown = !hasVariable && MOUNT_TYPES.includes(val.toLowerCase());
      if (typeKnown) type = val.toLowerCase();
    }
    const problem = hasVariable ? undefined : optionValueProblem(key, val);
    if (problem) problems.push({ span: valueSpan, message: problem });
    seen.set(SAME_AS[key] ?? key, { keySpan, valueSpan, value: val });
  }
  if (typeKnown) problems.push(...typeProblems(type, seen, flagValueSpan(ast, flag)));
  return problems;
}

function typeProblems(type: string, seen: Map<string, SeenOption>, whole: Span): MountProblem[] {
  const problems: MountProblem[] = [];
  if (!["secret", "ssh", "cache"].includes(type)) {
    for (const key of ["mode", "uid", "gid"]) {
      const o = seen.get(key);
      if (o)
        problems.push({
          span: o.keySpan,
          message: `'${key}' is only allowed on cache, secret and ssh mounts, not ${type}`,
        });
    }
  }
  const sharing = seen.get("sharing");
  if (type === "secret") {
    const from = seen.get("from");
    if (from) problems.push({ span: from.keySpan, message: "a secret mount cannot take 'from'" });
    if (sharing) problems.push({ span: sharing.keySpan, message: "a secret mount cannot take 'sharing'" });
    const source = seen.get("source");
    const id = seen.get("id");
    if (!source?.value && !seen.get("target")?.value && !id?.value) {
      problems.push({ span: whole, message: "a secret mount needs id=, source= or target=" });
    }
    if (source?.value && id?.value) {
      problems.push({ span: id.keySpan, message: "a secret mount takes either id= or source=, not both" });
    }
  } else if (sharing && type !== "cache") {
    problems.push({ span: sharing.keySpan, message: `'sharing' only applies to cache mounts, not ${type}` });
  }
  // An absolute target that cleans to `/` is refused; a missing or relative one is joined to the working directory,
  // which only the build knows (the base image may set it), so it is left alone.
  const target = seen.get("target");
  if (
    target?.value.startsWith("/") &&
    ["bind", "cache", "tmpfs"].includes(type) &&
    cleanPath(target.value) === "/"
  ) {
    problems.push({
      span: target.valueSpan,
      message: `cannot mount over the root directory (target=${target.value})`,
    });
  }
  return problems;
}

function optionValueProblem(key: string, val: string): string | undefined {
  switch (key) {
    case "type":
      return MOUNT_TYPES.includes(val.toLowerCase())
        ? undefined
        : `unknown mount type '${val}'${didYouMean(closestName(val, MOUNT_TYPES))}; expected ${MOUNT_TYPES.join(", ")}`;
    case "ro":
    case "readonly":
    case "rw":
    case "readwrite":
    case "required":
      // These go through Go's strconv.ParseBool, unlike the instruction's own switches.
      return parseBooleanFlag(val) === undefined
        ? `'${key}=${val}' is not a boolean (use true or false)`
        : undefined;
    case "sharing":
      return SHARING_MODES.includes(val.toLowerCase())
        ? undefined
        : `unknown sharing mode '${val}'${didYouMean(closestName(val, SHARING_MODES))}; expected shared, private or locked`;
    case "mode":
      return isUint32(val, 8) ? undefined : `mode '${val}' is not an octal number`;
    case "uid":
    case "gid":
      return isUint32(val, 10) ? undefined : `${key} '${val}' is not a number`;
    case "size":
      return isRamSize(val) ? undefined : `size '${val}' is not a size such as 64m or 1g`;
    default:
      return undefined;
  }
}

/** strconv.ParseUint(s, base, 32). */
function isUint32(s: string, base: 8 | 10): boolean {
  if (s === "") return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) - 0x30;
    if (c < 0 || c >= base) return false;
  }
  return Number.parseInt(s, base) <= 0xffffffff;
}

/** go-units RAMInBytes: a number (fractions allowed) and an optional unit, e.g. `64m`, `1.5GiB`, `512`. */
function isRamSize(s: string): boolean {
  let i = 0;
  const digits = () => {
    const start = i;
    while (i < s.length && s.charCodeAt(i) >= 0x30 && s.charCodeAt(i) <= 0x39) i++;
    return i > start;
  };
  if (!digits()) return false;
  while (s[i] === ".") {
    i++;
    if (!digits()) return false;
  }
  if (s[i] === " ") i++;
  if (i < s.length && "kKmMgGtTpP".includes(s[i])) i++;
  if (i < s.length && "iI".includes(s[i])) i++;
  if (i < s.length && "bB".includes(s[i])) i++;
  return i === s.length;
}
