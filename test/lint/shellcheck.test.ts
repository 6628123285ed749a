import { spawnSync } from "node:child_process";
import { chmodSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { fixText, type LintOptions, lint } from "../../server/lint/index.js";
import { findShellCheck, ShellCheck } from "../../server/lint/shellcheck.js";
import { buildModel } from "../../server/model/model.js";

const binary = findShellCheck(undefined);

function fresh(
  options: { cache?: boolean; cacheDir?: string; path?: string; log?: (m: string) => void } = {},
) {
  return new ShellCheck({
    path: options.path ?? (binary as string),
    cache: options.cache ?? false,
    cacheDir: options.cacheDir,
    log: options.log,
  });
}

/** `CODE text` per ShellCheck finding: the code and the document text its range covers. */
function covered(text: string, options: LintOptions = {}, sc = fresh()): string[] {
  const { findings } = lint(text, { ...options, sources: [sc] });
  return findings
    .filter((f) => f.code.startsWith("SC"))
    .map((f) => `${f.code} ${text.slice(f.span.start, f.span.end)}`);
}

/** `CODE line:column-line:column` (1-based) per ShellCheck finding. */
function placed(text: string, options: LintOptions = {}): string[] {
  const { ast, findings } = lint(text, { ...options, sources: [fresh()] });
  const at = (o: number) => {
    const p = ast.lines.position(o);
    return `${p.line + 1}:${p.character + 1}`;
  };
  return findings
    .filter((f) => f.code.startsWith("SC"))
    .map((f) => `${f.code} ${at(f.span.start)}-${at(f.span.end)}`);
}

/** ShellCheck run directly on a script (with a shebang line for its shell): `CODE text` per finding. */
function direct(script: string, shell = "sh"): string[] {
  const dir = mkdtempSync(join(tmpdir(), "dflint-sc-direct-"));
  const file = join(dir, "script.sh");
  const text = `#!/bin/${shell}\n${script}`;
  writeFileSync(file, text);
  const r = spawnSync(binary as string, ["--format=json1", "--norc", file], { encoding: "utf8" });
  // ShellCheck counts characters (code points); a JavaScript string counts UTF-16 units.
  const lines = text.split("\n").map((l) => Array.from(l));
  const { comments } = JSON.parse(r.stdout) as {
    comments: { line: number; column: number; endLine: number; endColumn: number; code: number }[];
  };
  return comments.map((c) => {
    const covered =
      c.line === c.endLine
        ? lines[c.line - 1].slice(c.column - 1, c.endColumn - 1).join("")
        : [
            lines[c.line - 1].slice(c.column - 1).join(""),
            ...lines.slice(c.line, c.endLine - 1).map((l) => l.join("")),
            lines[c.endLine - 1].slice(0, c.endColumn - 1).join(""),
          ].join("\n");
    return `SC${c.code} ${covered}`;
  });
}

describe.skipIf(!binary)("ShellCheck on RUN scripts", () => {
  describe("positions, against ShellCheck run directly on the script", () => {
    it("a one-line RUN", () => {
      const text = "FROM debian\nRUN cd /app; ls $DIR\n";
      expect(covered(text)).toEqual(direct("cd /app; ls $DIR"));
      expect(placed(text)).toEqual(["SC2164 2:5-2:12", "SC2086 2:17-2:21"]);
    });

    it("continuations: each finding on its own line and column", () => {
      const text = "FROM debian\nRUN echo start && \\\n    cd /app; \\\n    ls $DIR\n";
      expect(covered(text)).toEqual(direct("echo start &&     cd /app;     ls $DIR"));
      expect(placed(text)).toEqual(["SC2164 3:5-3:12", "SC2086 4:8-4:12"]);
    });

    it("a range across a continuation starts and ends where its characters are", () => {
      const text = "FROM debian\nRUN cd \\\n  /app\n";
      expect(placed(text)).toEqual(["SC2164 2:5-3:7"]);
    });

    it("escape=` (Windows style): backquote continuations, the backslash stays the shell's", () => {
      const text = "# escape=`\nFROM debian\nRUN echo a\\ b && `\n    ls $DIR `\n\t| grep $X\n";
      expect(covered(text)).toEqual(direct("echo a\\ b &&     ls $DIR \t| grep $X"));
      expect(placed(text)).toEqual(["SC2010 4:5-4:7", "SC2086 4:8-4:12", "SC2086 5:9-5:11"]);
    });

    it("tabs count as one column", () => {
      const text = "FROM debian\nRUN\tls\t$A \\\n\t\t&& ls $B\n";
      expect(covered(text)).toEqual(direct("ls\t$A \t\t&& ls $B"));
      expect(placed(text)).toEqual(["SC2086 2:8-2:10", "SC2086 3:9-3:11"]);
    });

    it("RUN <<EOF: the body is the script; its #! line names the shell", () => {
      const text = "FROM debian\nRUN <<EOF\n#!/bin/bash\necho $RANDOM\ncd /x\nEOF\n";
      expect(covered(text)).toEqual(direct("echo $RANDOM\ncd /x", "bash"));
      expect(placed(text)).toEqual(["SC2164 5:1-5:6"]);
      // Without #!, the SHELL (here the default sh) reads it: $RANDOM is not POSIX.
      expect(covered("FROM debian\nRUN <<EOF\necho $RANDOM\nEOF\n")).toEqual(direct("echo $RANDOM"));
    });

    it("a command line with a heredoc: the body follows the line, as BuildKit passes it", () => {
      const text = "FROM debian\nRUN cat <<EOF > /etc/x && cd /x\nvalue $1\nEOF\n";
      expect(covered(text)).toEqual(direct("cat <<EOF > /etc/x && cd /x\nvalue $1\nEOF"));
      expect(placed(text)).toEqual(["SC2164 2:27-2:32"]);
    });

    it("RUN bash <<'EOF': the body is the script bash reads, in bash's dialect", () => {
      const text =
        "FROM debian\nRUN bash -eux -o pipefail <<'EOF' > /log\necho $x\ncd /x\n[[ -n $RANDOM ]]\nEOF\n";
      expect(covered(text).sort()).toEqual(direct("echo $x\ncd /x\n[[ -n $RANDOM ]]\n", "bash").sort());
      expect(placed(text)).toEqual(["SC2086 3:6-3:8", "SC2154 3:6-3:8", "SC2164 4:1-4:6"]);
      // sh reads it as POSIX sh.
      const sh = "FROM debian\nRUN sh <<'EOF'\n[[ -n $RANDOM ]]\nEOF\n";
      expect(covered(sh).sort()).toEqual(direct("[[ -n $RANDOM ]]\n", "sh").sort());
      expect(covered(sh).some((c) => c.startsWith("SC3010"))).toBe(true);
      // An unquoted delimiter is as good when the outer shell has nothing to expand in the body.
      expect(placed("FROM debian\nRUN /bin/bash <<EOF\ncd /x\nEOF\n")).toEqual(["SC2164 3:1-3:6"]);
      // Through a continuation before the marker, in ONBUILD, and in a CRLF file.
      expect(placed("FROM debian\nONBUILD RUN bash \\\n  -e <<'EOF'\ncd /x\nEOF\n")).toEqual([
        "SC2164 4:1-4:6",
      ]);
      expect(covered("FROM debian\r\nRUN bash <<'EOF'\r\ncd /x\r\necho $y\r\nEOF\r\n")).toEqual([
        "SC2164 cd /x",
        "SC2086 $y",
        "SC2154 $y",
      ]);
    });

    it("a heredoc bash does not read as its script is checked as the command line's data, as before", () => {
      // The outer shell expands an unquoted body first; `-c` makes the argument the script; `<<-` strips tabs;
      // another descriptor or input, or more commands than the one.
      for (const script of [
        "bash <<EOF\necho $x\ncd /x\nEOF",
        "bash -c 'echo hi' <<'EOF'\ncd /x\nEOF",
        "bash <<-'EOF'\ncd /x\nEOF",
        "bash 3<<'EOF'\ncd /x\nEOF",
        "bash < /dev/null <<'EOF'\ncd /x\nEOF",
        "cd /y && bash <<'EOF'\ncd /x\nEOF",
        "python3 <<'EOF'\ncd /x\nEOF",
      ]) {
        const [line, ...rest] = script.split("\n");
        expect(covered(`FROM debian\nRUN ${line}\n${rest.join("\n")}\n`), script).toEqual(direct(script));
      }
    });

    it("non-ASCII text before a finding", () => {
      const text = "FROM debian\nRUN echo 'héllo 🐳' && ls $DIR\n";
      expect(covered(text)).toEqual(direct("echo 'héllo 🐳' && ls $DIR"));
    });

    it("a later lint of the same script, moved and with other text around it, finds the same places", () => {
      // The checked file (and its line index) is kept with the script's text from one lint to the next.
      const sc = fresh();
      const script = "echo $A \\\n  $B && cd /x \\\n  && ls `pwd`";
      const first = covered(`FROM debian\nRUN ${script}\n`, {}, sc);
      expect(first).toEqual(["SC2086 $A", "SC2086 $B", "SC2006 `pwd`", "SC2046 `pwd`"]);
      expect(covered(`# a comment\nFROM debian\n\nLABEL c=1\nRUN ${script}\n`, {}, sc)).toEqual(first);
      expect(sc.processes).toBe(1);
    });

    it("a CRLF file", () => {
      const text = "FROM debian\r\nRUN cd /app; \\\r\n    ls $DIR\r\n";
      expect(covered(text)).toEqual(["SC2164 cd /app", "SC2086 $DIR"]);
    });
  });

  describe("which scripts, and in which shell", () => {
    it("skips exec form, PowerShell, cmd and zsh, and heredocs for other interpreters", () => {
      expect(covered('FROM debian\nRUN ["sh", "-c", "ls $D"]\n')).toEqual([]);
      expect(covered('FROM debian\nSHELL ["pwsh", "-c"]\nRUN ls $D\n')).toEqual([]);
      expect(covered('FROM debian\nSHELL ["cmd", "/S", "/C"]\nRUN ls $D\n')).toEqual([]);
      expect(covered('FROM debian\nSHELL ["/bin/zsh", "-c"]\nRUN ls $D\n')).toEqual([]);
      expect(covered("FROM debian\nRUN <<EOF\n#!/usr/bin/env python3\nprint($x)\nEOF\n")).toEqual([]);
      expect(covered("# hadolint shell=powershell\nFROM debian\nRUN ls $D\n")).toEqual([]);
    });

    it("skips a script over 100,000 characters (ShellCheck would take minutes)", () => {
      expect(covered(`FROM debian\nRUN ls $D ${"x".repeat(100_000)}\n`)).toEqual([]);
    });

    it("skips RUNs that are cmd in disguise: a Windows base image name, a drive path, a .bat", () => {
      expect(covered("FROM stefanscherer/node-windows\nRUN npm install %X% & del $D\n")).toEqual([]);
      expect(covered("FROM ruby\nRUN C:\\ruby\\bin\\gem install $D\n")).toEqual([]);
      expect(covered("FROM x\nRUN .\\vcbuild.bat $D\n")).toEqual([]);
      expect(covered("FROM x\nRUN echo 'C:' $D\n")).toEqual(["SC2086 $D"]);
    });

    it("reads bash features under SHELL bash and reports them under sh", () => {
      expect(covered('FROM debian\nSHELL ["/bin/bash", "-c"]\nRUN [[ -f /x ]] && echo ok\n')).toEqual([]);
      expect(covered("FROM debian\nRUN [[ -f /x ]] && echo ok\n")).toEqual(direct("[[ -f /x ]] && echo ok"));
    });

    it("checks ONBUILD RUN, where the ARGs of this build are gone but its ENVs stay", () => {
      const text = 'FROM debian\nARG version=1\nENV home=/x\nONBUILD RUN echo "$version" "$home"\n';
      expect(covered(text)).toEqual(["SC2154 $version"]);
      expect(covered('FROM debian\nARG version=1\nRUN echo "$version"\n')).toEqual([]);
    });

    it("knows the proxy ARGs and only the ARGs of the stage", () => {
      expect(covered('FROM debian\nRUN echo "$http_proxy" "$no_proxy"\n')).toEqual([]);
      expect(covered('ARG version=1\nFROM debian\nRUN echo "$version"\n')).toEqual(["SC2154 $version"]);
      expect(covered('ARG version=1\nFROM debian\nARG version\nRUN echo "$version"\n')).toEqual([]);
    });

    it("leaves out hadolint's exclusions (SC1090, SC1091, SC2187)", () => {
      expect(covered('FROM debian\nRUN . "$HOME/env" && . /etc/profile\n')).toEqual([]);
      expect(covered('FROM alpine\nSHELL ["/bin/ash", "-c"]\nRUN echo hi\n')).toEqual([]);
    });
  });

  describe("codes work like rule codes", () => {
    const text = "FROM debian\n# hadolint ignore=SC2086\nRUN ls $A\nRUN ls $B\n";

    it("an ignore pragma silences its finding", () => {
      expect(covered(text)).toEqual(["SC2086 $B"]);
    });

    it("--ignore and severity overrides", () => {
      expect(covered(text, { ignored: ["SC2086"] })).toEqual([]);
      const { findings } = lint(text, { severity: { sc2086: "error" }, sources: [fresh()] });
      expect(findings.filter((f) => f.code === "SC2086").map((f) => f.severity)).toEqual(["error"]);
      expect(covered(text, { severity: { SC2086: "none" } })).toEqual([]);
    });

    it("a pragma naming an SC code is judged once ShellCheck looked at the file", () => {
      const unused = "FROM debian\n# hadolint ignore=SC2164\nRUN ls $A\n";
      const df202 = (options: LintOptions) =>
        lint(unused, { ...options, only: ["DF202", "SC2086", "SC2164"] }).findings.map((f) => f.code);
      expect(df202({ sources: [fresh()] })).toEqual(["DF202", "SC2086"]);
      expect(df202({})).toEqual([]);
      expect(df202({ sources: [fresh()], ignored: ["SC2164"] })).toEqual(["SC2086"]);
    });
  });

  describe("ShellCheck's edits are unsafe fixes at exact places", () => {
    it("quotes a variable through a continuation", () => {
      const text = "FROM debian\nRUN echo hi && \\\n    ls $DIR\n";
      const { findings } = lint(text, { sources: [fresh()] });
      const f = findings.find((x) => x.code === "SC2086");
      expect(f?.fixes?.map((x) => x.safety)).toEqual(["unsafe"]);
      expect(fixText(text, { sources: [fresh()] }).text).toBe(text);
      expect(fixText(text, { sources: [fresh()], unsafe: true, only: ["SC2086"] }).text).toBe(
        'FROM debian\nRUN echo hi && \\\n    ls "$DIR"\n',
      );
    });

    it("replaces backquotes on two lines of a continuation, and inserts before a continued word", () => {
      const text = "FROM debian\nRUN echo `date \\\n +%s` && ls \\\n  $D\n";
      expect(fixText(text, { sources: [fresh()], unsafe: true, only: ["SC2006", "SC2086"] }).text).toBe(
        'FROM debian\nRUN echo $(date \\\n +%s) && ls \\\n  "$D"\n',
      );
    });
  });

  describe("cost", () => {
    /** A wrapper that logs each start of the real binary, so the test counts processes the system started. */
    function countingBinary(): { path: string; starts: () => number } {
      const dir = mkdtempSync(join(tmpdir(), "dflint-sc-count-"));
      const log = join(dir, "starts");
      writeFileSync(log, "");
      const path = join(dir, "shellcheck");
      writeFileSync(path, `#!/bin/sh\necho x >> '${log}'\nexec '${binary}' "$@"\n`);
      chmodSync(path, 0o755);
      return { path, starts: () => readFileSync(log, "utf8").split("\n").filter(Boolean).length };
    }

    // One ShellCheck per core at most, each with its share of the scripts (and one Node process running them).
    const cores = availableParallelism();

    it("200 RUNs start one process per core at most", () => {
      const counting = countingBinary();
      const runs = Array.from({ length: 200 }, (_, i) => `RUN ls $DIR${i}\n`).join("");
      const { findings } = lint(`FROM debian\n${runs}`, { sources: [fresh({ path: counting.path })] });
      expect(findings.filter((f) => f.code === "SC2086").length).toBe(200);
      expect(counting.starts()).toBeGreaterThanOrEqual(1);
      expect(counting.starts()).toBeLessThanOrEqual(cores);
    });

    it("prepare checks the scripts of many files in one go", () => {
      const counting = countingBinary();
      const sc = fresh({ path: counting.path });
      const texts = Array.from({ length: 20 }, (_, i) => `FROM debian\nRUN ls $A${i}\nRUN cd /x${i}\n`);
      const models = texts.map((t) => buildModel(parse(t)));
      sc.prepare(models);
      for (const model of models) {
        const got = sc.findings(model, { trustedRegistries: [], labelSchema: {}, strictLabels: false });
        expect(got?.findings.map((f) => f.code)).toEqual(["SC2086", "SC2164"]);
      }
      expect(counting.starts()).toBeLessThanOrEqual(cores);
    });

    it("caches results: a second run starts nothing; cache: false always runs", () => {
      const cacheDir = mkdtempSync(join(tmpdir(), "dflint-sc-cache-"));
      const text = "FROM debian\nRUN ls $A\n";
      const first = fresh({ cache: true, cacheDir });
      expect(covered(text, {}, first)).toEqual(["SC2086 $A"]);
      expect(first.processes).toBe(1);
      expect(readdirSync(join(cacheDir, "shellcheck")).length).toBe(1);
      const second = fresh({ cache: true, cacheDir });
      expect(covered(text, {}, second)).toEqual(["SC2086 $A"]);
      expect(second.processes).toBe(0);
      // A changed script is a miss.
      expect(covered("FROM debian\nRUN ls $B\n", {}, second)).toEqual(["SC2086 $B"]);
      expect(second.processes).toBe(1);
      const off = fresh({ cache: false, cacheDir });
      covered(text, {}, off);
      expect(off.processes).toBe(1);
    });

    it("a binary that cannot run: no ShellCheck findings, one message, nothing thrown", () => {
      const messages: string[] = [];
      const sc = fresh({ path: "/nonexistent/shellcheck", log: (m) => messages.push(m) });
      const { findings } = lint("FROM debian\nRUN ls $A\nRUN ls $B\n", { sources: [sc] });
      expect(findings.filter((f) => f.code.startsWith("SC"))).toEqual([]);
      expect(
        lint("FROM debian\nRUN cd $C\n", { sources: [sc] }).findings.some((f) => f.code === "ShellCheck"),
      ).toBe(false);
      expect(messages.length).toBe(1);
      expect(messages[0]).toContain("cannot run /nonexistent/shellcheck");
    });
  });
});

describe("findShellCheck", () => {
  it("is off for false, checks a path, searches PATH", () => {
    expect(findShellCheck(false)).toBeUndefined();
    expect(findShellCheck("/nonexistent/shellcheck")).toBeUndefined();
    expect(findShellCheck(undefined, { PATH: "/nonexistent" })).toBeUndefined();
    if (binary) expect(findShellCheck(true, { PATH: binary.slice(0, binary.lastIndexOf("/")) })).toBe(binary);
  });
});

describe("ShellCheck's memory of scripts", () => {
  it("keeps no document alive: 30 versions of a 2 MB document leave under 20 MB behind", () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    // jobsOf is where the memory is filled; no ShellCheck process is needed for it.
    const sc = new ShellCheck({ path: "/nonexistent/shellcheck", cache: false }) as unknown as {
      jobsOf(model: ReturnType<typeof buildModel>, shell: string | undefined): unknown[];
    };
    const padding = `# ${"x".repeat(98)}\n`.repeat(20_000);
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 30; i++) {
      const text = `FROM debian\nARG VERY_LONG_ARGUMENT_NAME_${i}=1\n${padding}RUN echo "$VERY_LONG_ARGUMENT_NAME_${i}" && ls /some/long/path/number/${i}\n`;
      expect(sc.jobsOf(buildModel(parse(text)), undefined)).toHaveLength(1);
    }
    gc();
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(20e6);
  });
});
