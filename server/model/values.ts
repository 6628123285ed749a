/**
 * Validators for Dockerfile argument values (flag values and instruction arguments).
 *
 * Every function takes already-extracted text (quotes removed, variables expanded when the caller
 * wants that) and never throws. Semantics follow what BuildKit / Docker actually accept; where a
 * function is stricter than Docker it says so, so lint rules can pick the right severity.
 */

import type { Span } from "./imageRef.js";

// ---------------------------------------------------------------------------------------------
// Durations (HEALTHCHECK --interval/--timeout/--start-period/--start-interval)
// ---------------------------------------------------------------------------------------------

export type DurationResult =
  | { ok: true; ms: number }
  | { ok: false; error: "missing-unit" | "unknown-unit" | "invalid"; message: string };

const NANOS_PER_UNIT: ReadonlyMap<string, bigint> = new Map([
  ["ns", 1n],
  ["us", 1_000n],
  ["µs", 1_000n], // U+00B5 MICRO SIGN
  ["μs", 1_000n], // U+03BC GREEK SMALL LETTER MU; Go accepts both spellings
  ["ms", 1_000_000n],
  ["s", 1_000_000_000n],
  ["m", 60_000_000_000n],
  ["h", 3_600_000_000_000n],
]);

/** Go durations are int64 nanoseconds; the magnitude may reach 2^63 only when negative. */
const INT64_LIMIT = 1n << 63n;

function isAsciiDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/**
 * Parse a duration with Go's `time.ParseDuration` rules, which is what BuildKit uses for
 * HEALTHCHECK flags: an optional sign, then one or more `<number><unit>` groups where the number
 * may have a fraction ("1.5h", ".5s", "1.s") and every group needs a unit ("1h30m" ok, "1h30"
 * not). A bare "0" (optionally signed) is the only unit-less value Go accepts.
 */
export function parseGoDuration(s: string): DurationResult {
  const invalid = (): DurationResult => ({
    ok: false,
    error: "invalid",
    message: `"${s}" is not a valid duration (expected e.g. "30s", "1m30s", "1.5h")`,
  });
  let i = 0;
  let negative = false;
  if (s.length > 0 && (s[0] === "-" || s[0] === "+")) {
    negative = s[0] === "-";
    i = 1;
  }
  if (s.slice(i) === "0") return { ok: true, ms: 0 };
  if (i === s.length) return invalid();

  let total = 0n;
  while (i < s.length) {
    const first = s.charCodeAt(i);
    if (first !== 0x2e && !isAsciiDigit(first)) return invalid();

    // Integer part. Go rejects integers that overflow int64 nanoseconds outright.
    const intStart = i;
    let whole = 0n;
    for (; i < s.length && isAsciiDigit(s.charCodeAt(i)); i++) {
      whole = whole * 10n + BigInt(s.charCodeAt(i) - 0x30);
      if (whole > INT64_LIMIT) return invalid();
    }
    const hasInt = i > intStart;

    // Fraction part. Go keeps only the digits that fit in an int64 and silently drops the rest.
    let fraction = 0n;
    let scale = 1;
    let hasFraction = false;
    if (i < s.length && s[i] === ".") {
      i++;
      const fracStart = i;
      let overflow = false;
      for (; i < s.length && isAsciiDigit(s.charCodeAt(i)); i++) {
        if (overflow) continue;
        const next = fraction * 10n + BigInt(s.charCodeAt(i) - 0x30);
        if (next > INT64_LIMIT) {
          overflow = true;
          continue;
        }
        fraction = next;
        scale *= 10;
      }
      hasFraction = i > fracStart;
    }
    if (!hasInt && !hasFraction) return invalid(); // e.g. ".s"

    // Unit: everything up to the next digit or dot.
    const unitStart = i;
    while (i < s.length && s[i] !== "." && !isAsciiDigit(s.charCodeAt(i))) i++;
    if (i === unitStart) {
      return {
        ok: false,
        error: "missing-unit",
        message: `duration "${s}" needs a unit after the number (ns, us, ms, s, m or h), e.g. "${s}s"`,
      };
    }
    const unitText = s.slice(unitStart, i);
    const unit = NANOS_PER_UNIT.get(unitText);
    if (unit === undefined) {
      return {
        ok: false,
        error: "unknown-unit",
        message: `unknown unit "${unitText}" in duration "${s}" (valid units: ns, us, µs, ms, s, m, h)`,
      };
    }

    if (whole > INT64_LIMIT / unit) return invalid();
    let value = whole * unit;
    if (fraction > 0n) {
      // Go computes the fractional contribution in float64, then truncates to whole nanoseconds.
      value += BigInt(Math.trunc(Number(fraction) * (Number(unit) / scale)));
      if (value > INT64_LIMIT) return invalid();
    }
    total += value;
    if (total > INT64_LIMIT) return invalid();
  }
  if (!negative && total > INT64_LIMIT - 1n) return invalid();
  const ms = Number(total) / 1e6;
  return { ok: true, ms: negative && ms !== 0 ? -ms : ms };
}

// ---------------------------------------------------------------------------------------------
// STOPSIGNAL
// ---------------------------------------------------------------------------------------------

/** Signal names in Docker's Linux signal table (without the "SIG" prefix). */
const LINUX_SIGNALS: ReadonlySet<string> = new Set([
  "ABRT",
  "ALRM",
  "BUS",
  "CHLD",
  "CLD",
  "CONT",
  "FPE",
  "HUP",
  "ILL",
  "INT",
  "IO",
  "IOT",
  "KILL",
  "PIPE",
  "POLL",
  "PROF",
  "PWR",
  "QUIT",
  "SEGV",
  "STKFLT",
  "STOP",
  "SYS",
  "TERM",
  "TRAP",
  "TSTP",
  "TTIN",
  "TTOU",
  "URG",
  "USR1",
  "USR2",
  "VTALRM",
  "WINCH",
  "XCPU",
  "XFSZ",
  "RTMIN",
  ...Array.from({ length: 15 }, (_, k) => `RTMIN+${k + 1}`),
  ...Array.from({ length: 14 }, (_, k) => `RTMAX-${k + 1}`),
  "RTMAX",
]);

/** Linux SIGRTMAX; numbers above it cannot be delivered. */
const MAX_SIGNAL_NUMBER = 64;

/**
 * STOPSIGNAL value check. A signal name with or without the "SIG" prefix, or a signal number.
 * Case-insensitive: moby's ParseSignal upper-cases the text before stripping "SIG" and looking it up.
 * Numbers: Docker accepts any non-zero integer that parses; we only accept 1..64 (Linux signals),
 * as older Docker releases did, because anything else fails when the container is stopped.
 * Variables (`$X`) must be handled (expanded or skipped) by the caller.
 */
export function isKnownSignal(s: string): boolean {
  if (/^\+?[0-9]{1,10}$/.test(s)) {
    const n = Number(s);
    return n >= 1 && n <= MAX_SIGNAL_NUMBER;
  }
  const upper = s.toUpperCase();
  return LINUX_SIGNALS.has(upper.startsWith("SIG") ? upper.slice(3) : upper);
}

// ---------------------------------------------------------------------------------------------
// EXPOSE
// ---------------------------------------------------------------------------------------------

export type ExposePortResult =
  | { ok: true; start: number; end: number; protocol: string }
  | {
      ok: false;
      error: "port" | "protocol";
      message: string;
      /**
       * Set when the value uses the `docker run -p` style `[ip:]hostPort:containerPort` form.
       * BuildKit still accepts that (keeping only the container port, with an ExposeInvalidFormat
       * warning), so rules may want a warning rather than an error for it.
       */
      hostMapping?: boolean;
    };

const PROTOCOLS: ReadonlySet<string> = new Set(["tcp", "udp", "sctp"]);

function parsePortNumber(text: string): number | undefined {
  // Go's strconv.ParseUint(s, 10, 16): ASCII digits only (no sign, leading zeros fine), at most 65535.
  if (!/^[0-9]+$/.test(text)) return undefined;
  const digits = text.replace(/^0+(?=[0-9])/, "");
  if (digits.length > 5) return undefined;
  const n = Number(digits);
  return n <= 65535 ? n : undefined;
}

/**
 * One EXPOSE argument: `port`, `port/proto`, `start-end`, `start-end/proto`. The protocol is
 * case-insensitive (BuildKit lower-cases it; its ExposeProtoCasing check only warns) and is
 * returned lower-cased; it defaults to tcp when absent or when the value ends with a bare "/".
 *
 * Everything after the first "/" is the protocol, so "80/tcp/extra" is an unknown protocol, as in
 * BuildKit. Stricter than BuildKit: `[ip:]host:container` mappings are rejected (flagged with
 * `hostMapping: true`) because Docker silently discards everything but the container port.
 */
export function parseExposePort(s: string): ExposePortResult {
  if (s.includes(":")) {
    return {
      ok: false,
      error: "port",
      hostMapping: true,
      message: `"${s}": EXPOSE only declares container ports; IP addresses and host-port mappings belong in "docker run -p"`,
    };
  }
  const slash = s.indexOf("/");
  const portText = slash < 0 ? s : s.slice(0, slash);
  const protoText = slash < 0 ? "" : s.slice(slash + 1);
  if (portText === "") return { ok: false, error: "port", message: `"${s}" has no port number` };

  const protocol = protoText === "" ? "tcp" : protoText.toLowerCase();
  if (!PROTOCOLS.has(protocol)) {
    return {
      ok: false,
      error: "protocol",
      message: `unknown protocol "${protoText}" in "${s}" (expected tcp, udp or sctp)`,
    };
  }

  const dash = portText.indexOf("-");
  const startText = dash < 0 ? portText : portText.slice(0, dash);
  const endText = dash < 0 ? portText : portText.slice(dash + 1);
  const start = parsePortNumber(startText);
  const end = parsePortNumber(endText);
  if (start === undefined || end === undefined) {
    return {
      ok: false,
      error: "port",
      message: `"${portText}" is not a valid port or port range (ports are 0-65535, ranges are "start-end")`,
    };
  }
  if (end < start) {
    return { ok: false, error: "port", message: `port range "${portText}" ends before it starts` };
  }
  return { ok: true, start, end, protocol };
}

// ---------------------------------------------------------------------------------------------
// Booleans (e.g. --link, --keep-git-dir, --parents, --unpack, # check=error=true)
// ---------------------------------------------------------------------------------------------

const GO_BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ["1", true],
  ["t", true],
  ["T", true],
  ["TRUE", true],
  ["true", true],
  ["True", true],
  ["0", false],
  ["f", false],
  ["F", false],
  ["FALSE", false],
  ["false", false],
  ["False", false],
]);

/** Go's strconv.ParseBool: exactly these spellings, so "yes", "on" and "tRUE" are rejected. */
export function parseBooleanFlag(s: string): boolean | undefined {
  return GO_BOOLEANS.get(s);
}

// ---------------------------------------------------------------------------------------------
// Stage names (FROM ... AS <name>)
// ---------------------------------------------------------------------------------------------

/**
 * BuildKit lower-cases the stage name and then requires `^[a-z][a-z0-9-_.]*$`, so mixed case is
 * accepted (and treated case-insensitively) but a leading digit or any other symbol is not.
 */
export function isValidStageName(s: string): boolean {
  return /^[a-z][a-z0-9_.-]*$/i.test(s);
}

// ---------------------------------------------------------------------------------------------
// COPY/ADD --chmod
// ---------------------------------------------------------------------------------------------

export type ChmodResult =
  | { ok: true; kind: "octal"; mode: number }
  | { ok: true; kind: "symbolic" }
  | { ok: false; message: string };

/**
 * `--chmod` value. BuildKit first tries an octal number (any count of digits 0-7, value at most
 * 07777). Since Dockerfile frontend 1.14 (previously labs only) anything else is parsed as a chmod(1)
 * symbolic mode ("u+x", "go-w", "a=rX,u+w", "g=u-w"); older frontends reject it, which rules can
 * report using `kind: "symbolic"`. The symbolic grammar follows BSD setmode:
 *   mode := clause ("," clause)*   clause := [ugoa]* (op [rwxXstugo]*)+   op := "+" | "-" | "="
 * An empty value is not an error for BuildKit (it means "no --chmod"), but it is almost certainly
 * a mistake, so it is reported here.
 */
export function parseChmod(s: string): ChmodResult {
  if (s === "") return { ok: false, message: "--chmod value is empty (BuildKit ignores it)" };
  if (isAsciiDigit(s.charCodeAt(0))) {
    if (!/^[0-7]+$/.test(s)) {
      return { ok: false, message: `invalid --chmod "${s}": numeric modes must be octal (digits 0-7)` };
    }
    // Leading zeros are free; four significant octal digits can never exceed 07777.
    const significant = s.replace(/^0+/, "");
    if (significant.length > 4) {
      return { ok: false, message: `invalid --chmod "${s}": octal mode must be between 0 and 07777` };
    }
    return { ok: true, kind: "octal", mode: significant === "" ? 0 : Number.parseInt(significant, 8) };
  }
  const symbolicError = (): ChmodResult => ({
    ok: false,
    message: `invalid --chmod "${s}": expected an octal mode like 0755 or a symbolic mode like u+x,go-w`,
  });
  let i = 0;
  for (;;) {
    while (i < s.length && "ugoa".includes(s[i])) i++;
    let actions = 0;
    while (i < s.length && "+-=".includes(s[i])) {
      i++;
      actions++;
      while (i < s.length && "rwxXstugo".includes(s[i])) i++;
    }
    if (actions === 0) return symbolicError();
    if (i === s.length) return { ok: true, kind: "symbolic" };
    if (s[i] !== ",") return symbolicError();
    i++;
  }
}

// ---------------------------------------------------------------------------------------------
// --platform
// ---------------------------------------------------------------------------------------------

export type PlatformResult =
  | { ok: true; os: string; osVersion?: string; arch?: string; variant?: string }
  | { ok: false; error: "format" | "case"; message: string; span?: Span };

const PLATFORM_COMPONENT = /^[A-Za-z0-9_-]+$/;

/**
 * `os[/arch[/variant]]`, where the OS may carry a version in parentheses as containerd allows
 * ("windows(10.0.17763)/amd64"). Each component is letters, digits, "_" or "-".
 *
 * Docker lower-cases platforms before using them, so "Linux/AMD64" works; it is still reported
 * (with error "case") because the canonical spelling is lowercase — rules may treat it as a
 * warning. Format errors are real build failures. A single component is returned as `os`; note
 * that containerd reads a lone known architecture ("arm64") as an architecture of the host OS.
 */
export function parsePlatform(s: string): PlatformResult {
  if (s === "")
    return { ok: false, error: "format", message: "platform is empty", span: { start: 0, end: 0 } };
  const parts = s.split("/");
  if (parts.length > 3) {
    return {
      ok: false,
      error: "format",
      message: `platform "${s}" has too many components (expected os[/arch[/variant]])`,
      span: { start: 0, end: s.length },
    };
  }
  let offset = 0;
  let osVersion: string | undefined;
  const names: string[] = [];
  for (let k = 0; k < parts.length; k++) {
    let part = parts[k];
    const span = { start: offset, end: offset + part.length };
    if (k === 0) {
      const m = /^([^()]*)\(([^()]+)\)$/.exec(part);
      if (m) {
        part = m[1];
        osVersion = m[2];
      }
    }
    if (!PLATFORM_COMPONENT.test(part)) {
      return {
        ok: false,
        error: "format",
        message:
          part === ""
            ? `platform "${s}" has an empty component`
            : `"${part}" is not a valid platform component (letters, digits, "_" and "-" only)`,
        span,
      };
    }
    names.push(part);
    offset = span.end + 1;
  }
  const upper = /[A-Z]/.exec(names.join("/"));
  if (upper) {
    return {
      ok: false,
      error: "case",
      message: `platform "${s}" should be lowercase ("${s.toLowerCase()}")`,
      span: { start: 0, end: s.length },
    };
  }
  const result: PlatformResult = { ok: true, os: names[0] };
  if (osVersion !== undefined) result.osVersion = osVersion;
  if (names.length > 1) result.arch = names[1];
  if (names.length > 2) result.variant = names[2];
  return result;
}

// ---------------------------------------------------------------------------------------------
// Paths (WORKDIR, COPY destination)
// ---------------------------------------------------------------------------------------------

/**
 * Whether a path is absolute. Returns undefined when the path starts with a variable, because
 * the answer depends on its value.
 *
 * A backtick escape character (`# escape=``) is the conventional marker of a Windows Dockerfile;
 * there, drive paths ("C:\x", "C:/x") and root-relative backslash paths ("\x", which also covers
 * UNC "\\server\share") count as absolute too. A drive-relative "C:x" does not.
 */
export function isAbsolutePath(path: string, escapeChar: string): boolean | undefined {
  if (path.startsWith("$")) return undefined;
  if (path.startsWith("/")) return true;
  if (escapeChar !== "`") return false;
  return path.startsWith("\\") || /^[A-Za-z]:[\\/]/.test(path);
}

const KNOWN_OS = new Set(
  "aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris windows zos".split(
    " ",
  ),
);
const KNOWN_ARCH = new Set(
  "386 amd64 amd64p32 arm armbe arm64 arm64be ppc64 ppc64le loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc riscv riscv64 s390 s390x sparc sparc64 wasm".split(
    " ",
  ),
);
const OS_COMPONENT = /^([A-Za-z0-9_-]+)(?:\(([A-Za-z0-9_.%-]*)((?:\+[A-Za-z0-9_.%-]+)*)\))?$/;
const OTHER_COMPONENT = /^[A-Za-z0-9_.-]+$/;

/** containerd's spellings of an architecture, without the variant (which Docker's stage-name check ignores). */
function normalizeArch(arch: string): string {
  const a = arch.toLowerCase();
  if (a === "i386") return "386";
  if (a === "x86_64" || a === "x86-64") return "amd64";
  if (a === "aarch64") return "arm64";
  if (a === "armhf" || a === "armel") return "arm";
  return a;
}

/**
 * A platform as Docker reads it (containerd's `platforms.Parse`): the OS and architecture after normalisation
 * (`x86_64` is amd64, `aarch64` arm64, `macos` darwin). A lone OS takes the build host's architecture, a lone
 * architecture the host's OS; we assume a linux/amd64 host. Undefined where Docker's parse fails.
 */
export function normalizePlatform(s: string): { os: string; arch: string } | undefined {
  if (s.includes("*")) return undefined;
  const parts = s.split("/");
  if (parts.length > 3) return undefined;
  const os = OS_COMPONENT.exec(parts[0]);
  if (!os || !parts.slice(1).every((p) => OTHER_COMPONENT.test(p))) return undefined;
  const osName = os[1].toLowerCase() === "macos" ? "darwin" : os[1].toLowerCase();
  if (parts.length > 1) return { os: osName, arch: normalizeArch(parts[1]) };
  if (KNOWN_OS.has(osName)) return { os: osName, arch: "amd64" };
  const arch = normalizeArch(parts[0]);
  return KNOWN_ARCH.has(arch) ? { os: "linux", arch } : undefined;
}
