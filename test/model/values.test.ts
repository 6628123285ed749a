/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import {
  isAbsolutePath,
  isKnownSignal,
  isValidStageName,
  parseBooleanFlag,
  parseChmod,
  parseExposePort,
  parseGoDuration,
  parsePlatform,
} from "../../server/model/values.js";

function ms(s: string): number {
  const result = parseGoDuration(s);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(s)} to parse: ${result.message}`);
  return result.ms;
}

function durationError(s: string): string {
  const result = parseGoDuration(s);
  if (result.ok) throw new Error(`expected ${JSON.stringify(s)} to fail`);
  return result.error;
}

describe("parseGoDuration", () => {
  it("parses single units", () => {
    expect(ms("30s")).toBe(30_000);
    expect(ms("5m")).toBe(300_000);
    expect(ms("2h")).toBe(7_200_000);
    expect(ms("250ms")).toBe(250);
    expect(ms("100us")).toBe(0.1);
    expect(ms("100µs")).toBe(0.1);
    expect(ms("100μs")).toBe(0.1);
    expect(ms("1000000ns")).toBe(1);
  });

  it("parses combined and fractional values", () => {
    expect(ms("1h30m")).toBe(5_400_000);
    expect(ms("1.5s")).toBe(1500);
    expect(ms("1h.5m")).toBe(3_630_000);
    expect(ms(".5s")).toBe(500);
    expect(ms("1.s")).toBe(1000);
    expect(ms("1m1m")).toBe(120_000);
    expect(ms("0.000000001s")).toBe(0.000001);
  });

  it("handles signs and zero", () => {
    expect(ms("-1s")).toBe(-1000);
    expect(ms("+1s")).toBe(1000);
    expect(ms("0")).toBe(0);
    expect(ms("-0")).toBe(0);
    expect(ms("+0")).toBe(0);
    expect(ms("0s")).toBe(0);
    expect(Object.is(ms("-0s"), 0)).toBe(true);
  });

  it("reports a missing unit", () => {
    expect(durationError("10")).toBe("missing-unit");
    expect(durationError("1h30")).toBe("missing-unit");
    expect(durationError("00")).toBe("missing-unit"); // only a bare "0" may omit the unit
    expect(durationError("1.5")).toBe("missing-unit");
    const result = parseGoDuration("10");
    expect(result).toEqual({
      ok: false,
      error: "missing-unit",
      message: 'duration "10" needs a unit after the number (ns, us, ms, s, m or h), e.g. "10s"',
    });
  });

  it("reports an unknown unit", () => {
    expect(durationError("1x")).toBe("unknown-unit");
    expect(durationError("1S")).toBe("unknown-unit");
    expect(durationError("1sec")).toBe("unknown-unit");
    expect(durationError("1d")).toBe("unknown-unit");
    expect(durationError("1 s")).toBe("unknown-unit");
    expect(durationError("1s-1s")).toBe("unknown-unit"); // Go reads the unit as "s-"
    expect(parseGoDuration("1x")).toEqual({
      ok: false,
      error: "unknown-unit",
      message: 'unknown unit "x" in duration "1x" (valid units: ns, us, µs, ms, s, m, h)',
    });
  });

  it("reports invalid syntax", () => {
    for (const s of ["", "-", "+", "s", ".s", "-.s", "abc", " 1s", "--1s", "1s."]) {
      expect(durationError(s)).toBe("invalid");
    }
  });

  it("rejects values that overflow int64 nanoseconds", () => {
    expect(ms("2562047h")).toBe(2562047 * 3_600_000);
    expect(durationError("2562048h")).toBe("invalid");
    expect(durationError("9223372036854775808ns")).toBe("invalid");
    expect(ms("-9223372036854775808ns")).toBe(-Number(2n ** 63n) / 1e6);
    expect(durationError("99999999999999999999s")).toBe("invalid");
  });

  it("ignores fraction digits beyond int64 precision, like Go", () => {
    expect(ms(`1.${"0".repeat(30)}1s`)).toBe(1000);
  });
});

describe("isKnownSignal", () => {
  it("accepts names with and without SIG, case-insensitively", () => {
    for (const s of [
      "SIGTERM",
      "TERM",
      "sigterm",
      "Term",
      "SIGKILL",
      "QUIT",
      "SIGRTMIN+3",
      "RTMAX-1",
      "SIGRTMAX",
    ]) {
      expect(isKnownSignal(s)).toBe(true);
    }
  });

  it("accepts signal numbers 1..64", () => {
    expect(isKnownSignal("9")).toBe(true);
    expect(isKnownSignal("15")).toBe(true);
    expect(isKnownSignal("64")).toBe(true);
    expect(isKnownSignal("+9")).toBe(true);
  });

  it("rejects unknown names and numbers", () => {
    for (const s of [
      "",
      "SIG",
      "SIGFOO",
      "TERMINATE",
      "0",
      "-9",
      "65",
      "9.0",
      "SIGRTMIN+16",
      "SIG TERM",
      "$SIG",
      "SIGSIGTERM",
    ]) {
      expect(isKnownSignal(s)).toBe(false);
    }
  });
});

describe("parseExposePort", () => {
  it("parses single ports with default and explicit protocols", () => {
    expect(parseExposePort("80")).toEqual({ ok: true, start: 80, end: 80, protocol: "tcp" });
    expect(parseExposePort("80/tcp")).toEqual({ ok: true, start: 80, end: 80, protocol: "tcp" });
    expect(parseExposePort("53/udp")).toEqual({ ok: true, start: 53, end: 53, protocol: "udp" });
    expect(parseExposePort("80/sctp")).toEqual({ ok: true, start: 80, end: 80, protocol: "sctp" });
    expect(parseExposePort("80/TCP")).toEqual({ ok: true, start: 80, end: 80, protocol: "tcp" });
    expect(parseExposePort("80/")).toEqual({ ok: true, start: 80, end: 80, protocol: "tcp" });
    expect(parseExposePort("0")).toEqual({ ok: true, start: 0, end: 0, protocol: "tcp" });
    expect(parseExposePort("65535")).toEqual({ ok: true, start: 65535, end: 65535, protocol: "tcp" });
    expect(parseExposePort("0080")).toEqual({ ok: true, start: 80, end: 80, protocol: "tcp" });
  });

  it("parses ranges", () => {
    expect(parseExposePort("8000-8010/udp")).toEqual({ ok: true, start: 8000, end: 8010, protocol: "udp" });
    expect(parseExposePort("8000-8000")).toEqual({ ok: true, start: 8000, end: 8000, protocol: "tcp" });
  });

  it("rejects bad ports", () => {
    for (const s of [
      "",
      "/tcp",
      "65536",
      "http",
      "-1",
      "80-",
      "-80",
      "8010-8000",
      "1-2-3",
      "8 0",
      "+80",
      "1e3",
    ]) {
      const result = parseExposePort(s);
      expect(result.ok, s).toBe(false);
      if (!result.ok) expect(result.error, s).toBe("port");
    }
    expect(parseExposePort("8010-8000")).toEqual({
      ok: false,
      error: "port",
      message: 'port range "8010-8000" ends before it starts',
    });
  });

  it("rejects bad protocols", () => {
    for (const s of ["80/http", "80/tcp/udp", "80/icmp"]) {
      const result = parseExposePort(s);
      expect(result.ok, s).toBe(false);
      if (!result.ok) expect(result.error, s).toBe("protocol");
    }
  });

  it("rejects host mappings and flags them", () => {
    for (const s of ["80:80", "8080:80/tcp", "127.0.0.1:80:80", "[::1]:80:80"]) {
      const result = parseExposePort(s);
      expect(result.ok, s).toBe(false);
      if (!result.ok) {
        expect(result.error).toBe("port");
        expect(result.hostMapping).toBe(true);
      }
    }
  });
});

describe("parseBooleanFlag", () => {
  it("accepts exactly Go's ParseBool spellings", () => {
    for (const s of ["1", "t", "T", "TRUE", "true", "True"]) expect(parseBooleanFlag(s)).toBe(true);
    for (const s of ["0", "f", "F", "FALSE", "false", "False"]) expect(parseBooleanFlag(s)).toBe(false);
  });

  it("rejects everything else", () => {
    for (const s of ["", "yes", "no", "on", "off", "tRUE", "fAlse", " true", "2", "y"]) {
      expect(parseBooleanFlag(s)).toBeUndefined();
    }
  });
});

describe("isValidStageName", () => {
  it("accepts BuildKit stage names, case-insensitively", () => {
    for (const s of ["build", "Build", "BUILDER", "a", "stage-1", "stage_1", "v1.2", "a-_."]) {
      expect(isValidStageName(s), s).toBe(true);
    }
  });

  it("rejects leading digits/symbols and other characters", () => {
    for (const s of ["", "1stage", "-x", "_x", ".x", "a b", "a/b", "a:b", "a$b", "étape"]) {
      expect(isValidStageName(s), s).toBe(false);
    }
  });
});

describe("parseChmod", () => {
  it("accepts octal modes up to 07777", () => {
    expect(parseChmod("755")).toEqual({ ok: true, kind: "octal", mode: 0o755 });
    expect(parseChmod("0644")).toEqual({ ok: true, kind: "octal", mode: 0o644 });
    expect(parseChmod("0")).toEqual({ ok: true, kind: "octal", mode: 0 });
    expect(parseChmod("7777")).toEqual({ ok: true, kind: "octal", mode: 0o7777 });
    expect(parseChmod("0000755")).toEqual({ ok: true, kind: "octal", mode: 0o755 });
  });

  it("rejects bad numeric modes", () => {
    expect(parseChmod("888")).toEqual({
      ok: false,
      message: 'invalid --chmod "888": numeric modes must be octal (digits 0-7)',
    });
    expect(parseChmod("10000")).toEqual({
      ok: false,
      message: 'invalid --chmod "10000": octal mode must be between 0 and 07777',
    });
    expect(parseChmod("755x").ok).toBe(false);
  });

  it("accepts symbolic modes (Dockerfile frontend 1.14+)", () => {
    for (const s of [
      "u+x",
      "+x",
      "a=rX",
      "go-w",
      "u=rwx,go=rx",
      "g=u-w",
      "u+s",
      "+t",
      "=",
      "a+rwx,o-w",
      "ug+x-w",
    ]) {
      expect(parseChmod(s), s).toEqual({ ok: true, kind: "symbolic" });
    }
  });

  it("rejects malformed symbolic modes", () => {
    // "-755": "-" is a valid operator but digits are not permission letters.
    for (const s of ["", "u", "x", "u+x,", ",u+x", "u+z", "rwx", "u+x;", "a+x,,g+w", "0o755", "-755"]) {
      expect(parseChmod(s).ok, s).toBe(false);
    }
    expect(parseChmod("")).toEqual({ ok: false, message: "--chmod value is empty (BuildKit ignores it)" });
  });
});

describe("parsePlatform", () => {
  it("parses os, arch and variant", () => {
    expect(parsePlatform("linux")).toEqual({ ok: true, os: "linux" });
    expect(parsePlatform("linux/amd64")).toEqual({ ok: true, os: "linux", arch: "amd64" });
    expect(parsePlatform("linux/arm/v7")).toEqual({ ok: true, os: "linux", arch: "arm", variant: "v7" });
    expect(parsePlatform("linux/x86_64")).toEqual({ ok: true, os: "linux", arch: "x86_64" });
    expect(parsePlatform("windows(10.0.17763)/amd64")).toEqual({
      ok: true,
      os: "windows",
      osVersion: "10.0.17763",
      arch: "amd64",
    });
  });

  it("reports uppercase separately from format errors", () => {
    expect(parsePlatform("Linux/AMD64")).toEqual({
      ok: false,
      error: "case",
      message: 'platform "Linux/AMD64" should be lowercase ("linux/amd64")',
      span: { start: 0, end: 11 },
    });
  });

  it("reports format errors with the offending component", () => {
    expect(parsePlatform("")).toMatchObject({ ok: false, error: "format" });
    expect(parsePlatform("linux/")).toEqual({
      ok: false,
      error: "format",
      message: 'platform "linux/" has an empty component',
      span: { start: 6, end: 6 },
    });
    expect(parsePlatform("linux/amd 64")).toEqual({
      ok: false,
      error: "format",
      message: '"amd 64" is not a valid platform component (letters, digits, "_" and "-" only)',
      span: { start: 6, end: 12 },
    });
    expect(parsePlatform("linux/arm/v7/x")).toMatchObject({ ok: false, error: "format" });
    expect(parsePlatform("linux,amd64")).toMatchObject({ ok: false, error: "format" });
    expect(parsePlatform("$BUILDPLATFORM")).toMatchObject({ ok: false, error: "format" });
  });
});

describe("isAbsolutePath", () => {
  it("handles unix paths", () => {
    expect(isAbsolutePath("/app", "\\")).toBe(true);
    expect(isAbsolutePath("/", "\\")).toBe(true);
    expect(isAbsolutePath("app", "\\")).toBe(false);
    expect(isAbsolutePath("./app", "\\")).toBe(false);
    expect(isAbsolutePath("", "\\")).toBe(false);
    expect(isAbsolutePath("/$HOME/app", "\\")).toBe(true);
  });

  it("does not treat Windows forms as absolute with the default escape", () => {
    expect(isAbsolutePath("C:\\app", "\\")).toBe(false);
    expect(isAbsolutePath("\\app", "\\")).toBe(false);
  });

  it("handles Windows paths when the escape character is a backtick", () => {
    expect(isAbsolutePath("C:\\app", "`")).toBe(true);
    expect(isAbsolutePath("c:/app", "`")).toBe(true);
    expect(isAbsolutePath("\\app", "`")).toBe(true);
    expect(isAbsolutePath("\\\\server\\share", "`")).toBe(true);
    expect(isAbsolutePath("/app", "`")).toBe(true);
    expect(isAbsolutePath("C:app", "`")).toBe(false);
    expect(isAbsolutePath("app\\x", "`")).toBe(false);
  });

  it("is undecidable for paths starting with a variable", () => {
    expect(isAbsolutePath("$HOME/app", "\\")).toBeUndefined();
    expect(isAbsolutePath("${WORKDIR}", "`")).toBeUndefined();
  });
});
