import { existsSync, readFileSync } from "node:fs";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../grammar/index.js";
import type { FormatName } from "../../server/cli/args.js";
import { FORMATTERS, PARTED } from "../../server/cli/formats/index.js";
import { type FileReport, outputText } from "../../server/cli/formats/report.js";
import { fixability } from "../../server/lint/fix.js";
import { lint } from "../../server/lint/index.js";
import { RULES } from "../../server/rules/index.js";
import { BAD, CLEAN, dflint, project } from "./helpers.js";

/** Two files: one with DL3020 (line 2, columns 1-4), one clean, plus a name that needs escaping in XML. */
const files = {
  Dockerfile: BAD,
  "clean.Dockerfile": CLEAN,
  "odd & <name>.Dockerfile": BAD,
};

function format(name: string) {
  const cwd = project(files);
  return dflint(["-f", name, "."], { cwd });
}

function xml(text: string): Record<string, unknown> {
  expect(XMLValidator.validate(text)).toBe(true);
  return new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@" }).parse(text) as Record<
    string,
    unknown
  >;
}

describe("output formats", () => {
  it("json: hadolint's fields plus the range end and fixability, 1-based", () => {
    const r = format("json");
    expect(r.code).toBe(1);
    const out = JSON.parse(r.stdout) as Record<string, unknown>[];
    const dl3020 = out.filter((f) => f.code === "DL3020");
    expect(dl3020.map((f) => f.file).sort()).toEqual(["Dockerfile", "odd & <name>.Dockerfile"]);
    expect(dl3020[0]).toMatchObject({
      line: 2,
      column: 1,
      endLine: 2,
      endColumn: 4,
      level: "error",
      code: "DL3020",
      // ADD -> COPY is unsafe (ADD unpacks archives whatever their name): only --unsafe-fixes applies it.
      fixable: false,
      unsafeFixable: true,
    });
    expect(typeof dl3020[0].message).toBe("string");
  });

  it("a report made a file at a time (as threads make it) is the report made at once, in every such format", () => {
    const report = (file: string, text: string): FileReport => {
      const findings = lint(text, { keepSuppressed: true }).findings;
      // A file --fix fixed something in: tty says so before its findings.
      return {
        file,
        lines: new LineIndex(text),
        findings,
        fixed: file.startsWith("a/") ? findings.slice(0, 2) : [],
      };
    };
    const bad = report("a/Dockerfile", 'FROM ubuntu:latest\nRUN apt-get install curl\nADD "a b" /a/\n');
    const clean = report("clean.Dockerfile", CLEAN);
    const silenced = report("b.Dockerfile", "FROM scratch\n# dflint ignore=DL3020\nADD a /a/\nADD b /b/\n");
    // A code no rule has (ShellCheck's): SARIF gives its results no rule index.
    const shellcheck = report("c.Dockerfile", "FROM scratch\nRUN cd /x\n");
    shellcheck.findings.push({
      code: "SC2164",
      severity: "warning",
      message: "Use 'cd ... || exit' in case cd fails.",
      span: { start: 17, end: 22 },
    });
    expect(bad.findings.length).toBeGreaterThan(2);
    expect(bad.findings.some((f) => fixability(f) === "safe")).toBe(true);
    expect(clean.findings).toEqual([]);
    expect(silenced.findings.some((f) => f.suppressed)).toBe(true);
    expect(Object.keys(PARTED).sort()).toEqual(Object.keys(FORMATTERS).sort());
    for (const [name, parted] of Object.entries(PARTED)) {
      for (const color of [false, true]) {
        const problems = [{ file: "gone.Dockerfile", message: "cannot read file (ENOENT)" }];
        const ctx = { color, version: "0", cwd: "/", rules: RULES, problems };
        // Files without findings first, between and last; one file; none with findings; no files.
        for (const reports of [
          [clean, bad, clean, silenced, shellcheck, bad, clean],
          [bad],
          [clean, clean],
          [],
        ]) {
          const whole = outputText(FORMATTERS[name as FormatName](reports, ctx));
          const parts = reports.map((r) => parted.part(r, ctx));
          expect(outputText(parted.join(parts, ctx)), `${name}, color ${color}`).toBe(whole);
          const written: string[] = [];
          parted.join(parts, { ...ctx, write: (c) => written.push(c) });
          expect(written.join("")).toBe(whole);
        }
        // A list's clean file adds nothing; checkstyle and JUnit list every file.
        if (name !== "checkstyle" && name !== "junit") expect(parted.part(clean, ctx).text).toEqual([]);
      }
    }
  });

  it("every format writes a large report as it makes it, not after it has made all of a file's findings", () => {
    // Placing a finding reads the file's line index; a format that made every entry before writing any (4c76c23's
    // SARIF: 1.7 GB for the generated 10 MB file) would write its first chunk only after the last one is placed.
    class CountingLines extends LineIndex {
      reads = 0;
      override lineAt(offset: number): number {
        this.reads++;
        return super.lineAt(offset);
      }
    }
    const text = `FROM ubuntu:latest\n${"RUN cd /tmp && apt-get install curl\n".repeat(1500)}`;
    const findings = lint(text).findings;
    expect(findings.length).toBeGreaterThan(3000);
    for (const [name, format] of Object.entries(FORMATTERS)) {
      const lines = new CountingLines(text);
      const readsAtWrite: number[] = [];
      const ctx = { color: false, version: "0", cwd: "/", rules: RULES, problems: [] };
      const left = format([{ file: "Dockerfile", lines, findings, fixed: [] }], {
        ...ctx,
        write: () => readsAtWrite.push(lines.reads),
      });
      expect(outputText(left), name).toBe("");
      expect(readsAtWrite.length, name).toBeGreaterThan(1);
      expect(readsAtWrite[0], name).toBeLessThan(lines.reads / 2);
    }
  });

  it("json: the same bytes from one thread and from two", () => {
    const cwd = project({ ...files, "more.Dockerfile": BAD, "last.Dockerfile": CLEAN });
    const one = dflint(["-f", "json", "--threads", "1", "."], { cwd });
    const two = dflint(["-f", "json", "--threads", "2", "--verbose", "."], { cwd });
    expect(two.stderr).toContain("5 files, 2 threads");
    expect([two.code, two.stdout]).toEqual([one.code, one.stdout]);
    expect((JSON.parse(one.stdout) as unknown[]).length).toBeGreaterThan(2);
  });

  it("json: the bytes JSON.stringify(list, null, 2) writes, silenced findings, escapes and no findings included", () => {
    const cwd = project({
      ...files,
      // A pragma with a reason, a quote and a backslash and a tab in messages' words, a non-ASCII name.
      'qu"ote\\ü.Dockerfile':
        'FROM scratch\n# dflint ignore=DL3020 reason=unpacked "on" purpose\nADD a /a/\nADD "b\\\tc" /é/\n',
    });
    const r = dflint(["-f", "json", "."], { cwd });
    const list = JSON.parse(r.stdout) as { suppressed?: { reason: string | null } }[];
    expect(list.some((f) => f.suppressed?.reason === 'unpacked "on" purpose')).toBe(true);
    expect(r.stdout).toBe(`${JSON.stringify(list, null, 2)}\n`);
    const clean = dflint(["-f", "json", "clean.Dockerfile"], { cwd: project(files) });
    expect([clean.code, clean.stdout]).toEqual([0, "[]\n"]);
  });

  it("sarif: a 2.1.0 log with rules and located results", () => {
    const r = format("sarif");
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.$schema).toContain("sarif-2.1.0");
    const run = log.runs[0];
    const driver = run.tool.driver;
    expect(driver.name).toBe("dflint");
    expect(driver.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(driver.informationUri).toMatch(/^https:\/\//);
    const rule = driver.rules.find((x: { id: string }) => x.id === "DL3020");
    expect(rule).toMatchObject({
      id: "DL3020",
      shortDescription: { text: expect.stringContaining("COPY") },
      defaultConfiguration: { level: "error" },
    });
    expect(rule.name).toMatch(/^[A-Za-z0-9]+$/);
    expect(rule.fullDescription.text.length).toBeGreaterThan(0);
    expect(rule.help.markdown).toContain("```dockerfile");
    expect(rule.helpUri).toMatch(/^https:\/\/.*DL3020/);
    const results = run.results.filter((x: { ruleId: string }) => x.ruleId === "DL3020");
    expect(results).toHaveLength(2);
    const first = results.find(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.locations[0].physicalLocation.artifactLocation.uri === "Dockerfile",
    );
    expect(first.level).toBe("error");
    expect(first.message.text.length).toBeGreaterThan(0);
    expect(driver.rules[first.ruleIndex].id).toBe("DL3020");
    expect(first.locations[0].physicalLocation.region).toEqual({
      startLine: 2,
      startColumn: 1,
      endLine: 2,
      endColumn: 4,
    });
    const uris = results.map(
      (x: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) =>
        x.locations[0].physicalLocation.artifactLocation.uri,
    );
    expect(uris).toContain("odd%20%26%20%3Cname%3E.Dockerfile");
  });

  it("sarif: severities map to error, warning and note", () => {
    const cwd = project({ Dockerfile: BAD });
    for (const [flag, level] of [
      ["--warning", "warning"],
      ["--info", "note"],
      ["--style", "note"],
    ]) {
      const log = JSON.parse(dflint(["-f", "sarif", flag, "DL3020", "Dockerfile"], { cwd }).stdout);
      const result = log.runs[0].results.find((x: { ruleId: string }) => x.ruleId === "DL3020");
      expect(result.level).toBe(level);
    }
  });

  it("checkstyle: well-formed XML with a file element per file", () => {
    const r = format("checkstyle");
    expect(r.code).toBe(1);
    const doc = xml(r.stdout) as { checkstyle: { file: { "@name": string; error?: unknown }[] } };
    const names = doc.checkstyle.file.map((f) => f["@name"]).sort();
    expect(names).toEqual(["Dockerfile", "clean.Dockerfile", "odd & <name>.Dockerfile"]);
    expect(r.stdout).toContain('name="odd &amp; &lt;name&gt;.Dockerfile"');
    expect(r.stdout).toMatch(
      /<error line="2" column="1" severity="error" message="[^"]+" source="DL3020"\/>/,
    );
  });

  it("gitlab_codeclimate: GitLab's Code Quality fields", () => {
    const r = format("gitlab_codeclimate");
    const issues = JSON.parse(r.stdout).filter((i: { check_name: string }) => i.check_name === "DL3020");
    expect(issues).toHaveLength(2);
    for (const issue of issues) {
      expect(Object.keys(issue).sort()).toEqual([
        "check_name",
        "description",
        "fingerprint",
        "location",
        "severity",
      ]);
      expect(["info", "minor", "major", "critical", "blocker"]).toContain(issue.severity);
      expect(issue.fingerprint).toMatch(/^[0-9a-f]{32}$/);
      expect(issue.location.lines.begin).toBe(2);
    }
  });

  it("gitlab_codeclimate: fingerprints survive lines being added above", () => {
    const before = JSON.parse(
      dflint(["-f", "gitlab_codeclimate", "Dockerfile"], { cwd: project({ Dockerfile: BAD }) }).stdout,
    );
    const shifted = `# a comment\n\n${BAD}`;
    const after = JSON.parse(
      dflint(["-f", "gitlab_codeclimate", "Dockerfile"], { cwd: project({ Dockerfile: shifted }) }).stdout,
    );
    const pick = (list: { check_name: string; fingerprint: string }[]) =>
      list.filter((i) => i.check_name === "DL3020").map((i) => i.fingerprint);
    expect(pick(after)).toEqual(pick(before));
  });

  it("junit: a test suite per file and a failing test case per finding", () => {
    const r = format("junit");
    expect(r.code).toBe(1);
    const doc = xml(r.stdout) as {
      testsuites: { testsuite: { "@name": string; "@failures": string; testcase: unknown }[] };
    };
    const suites = doc.testsuites.testsuite;
    expect(suites.map((s) => s["@name"]).sort()).toEqual([
      "Dockerfile",
      "clean.Dockerfile",
      "odd & <name>.Dockerfile",
    ]);
    const clean = suites.find((s) => s["@name"] === "clean.Dockerfile");
    expect(clean?.["@failures"]).toBe("0");
    expect(r.stdout).toMatch(/<failure type="error" message="[^"]*">Dockerfile:2:1 error DL3020: /);
  });

  it("tty: nothing at all for clean files", () => {
    const r = dflint(["Dockerfile"], { cwd: project({ Dockerfile: CLEAN }) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe("");
  });

  it("-o writes the report to a file instead of standard output", () => {
    const cwd = project({ Dockerfile: BAD });
    const r = dflint(["-f", "json", "-o", "report.json", "Dockerfile"], { cwd });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe("");
    const report = JSON.parse(readFileSync(`${cwd}/report.json`, "utf8"));
    expect(report.some((f: { code: string }) => f.code === "DL3020")).toBe(true);
  });

  it("-o: a file that cannot be opened or written is a clear message and status 2", () => {
    const cwd = project({ Dockerfile: BAD });
    const missing = dflint(["-f", "json", "-o", "no/such/folder/report.json", "Dockerfile"], { cwd });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /^dflint: cannot write the report to 'no\/such\/folder\/report\.json' \(.+\)\n$/,
    );
    // Linux's /dev/full takes the open and fails every write.
    if (!existsSync("/dev/full")) return;
    const full = dflint(["-f", "json", "-o", "/dev/full", "Dockerfile"], { cwd });
    expect(full.code).toBe(2);
    expect(full.stderr).toMatch(/^dflint: cannot write the report to '\/dev\/full' \(.+\)\n$/);
  });
});
