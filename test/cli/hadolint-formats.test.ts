import { describe, expect, it } from "vitest";
import { LineIndex } from "../../grammar/index.js";
import { codacy } from "../../server/cli/formats/codacy.js";
import { codeclimate } from "../../server/cli/formats/codeclimate.js";
import { escapeData, escapeProperty } from "../../server/cli/formats/github_actions.js";
import { gitlabCodeclimate } from "../../server/cli/formats/gitlab_codeclimate.js";
import { gnu } from "../../server/cli/formats/gnu.js";
import {
  type FileReport,
  type FormatContext,
  hadolintJson,
  outputText,
} from "../../server/cli/formats/report.js";
import { sonarqube } from "../../server/cli/formats/sonarqube.js";
import type { Finding, Severity } from "../../server/rules/types.js";
import { BAD, dflint, parseJson, project } from "./helpers.js";

/**
 * hadolint 2.x writes these formats with Haskell's aeson: compact JSON, keys in sorted order. The layouts below are
 * the ones hadolint's formatters (src/Hadolint/Formatter/*.hs) and their tests describe; the messages are ours, so
 * each expectation takes the message from the JSON report of the same file.
 */
const TWO_CMDS = "FROM scratch\nCMD c\nCMD a \\\n  b\n";

function run(format: string, files: Record<string, string>, args: string[] = []) {
  const cwd = project(files);
  const names = Object.keys(files).sort();
  const json = parseJson(dflint(["-f", "json", ...args, ...names], { cwd }).stdout);
  const r = dflint(["-f", format, ...args, ...names], { cwd });
  return { ...r, json };
}

describe("hadolint's codeclimate format", () => {
  it("one compact issue per finding, keys sorted, each followed by a NUL byte", () => {
    const r = run("codeclimate", { Dockerfile: BAD, "b.Dockerfile": TWO_CMDS });
    expect(r.code).toBe(1);
    const expected = r.json
      .map(
        (f) =>
          `{"categories":["Bug Risk"],"check_name":"${f.code}","description":${JSON.stringify(f.message)},` +
          `"location":{"lines":{"begin":${f.line},"end":${f.endLine}},"path":"${f.file}"},` +
          `"severity":"${{ error: "blocker", warning: "major", info: "info", style: "minor" }[f.level]}","type":"issue"}\u0000`,
      )
      .join("");
    expect(r.stdout).toBe(expected);
    expect(r.stdout).toContain('"lines":{"begin":3,"end":4},"path":"b.Dockerfile"},"severity":"major"');
    expect(r.stdout).toContain('"check_name":"DL3020"');
    expect(r.stdout.endsWith("\u0000")).toBe(true);
  });

  it("maps the four severities to hadolint's impact names", () => {
    for (const [flag, impact] of [
      ["--error", "blocker"],
      ["--warning", "major"],
      ["--info", "info"],
      ["--style", "minor"],
    ]) {
      const r = run("codeclimate", { Dockerfile: BAD }, [flag, "DL3020"]);
      expect(r.stdout).toContain(`"severity":"${impact}","type":"issue"}\u0000`);
    }
  });

  it("writes nothing for clean files", () => {
    expect(run("codeclimate", { Dockerfile: BAD }, ["--ignore", "DL3020"]).stdout).toBe("");
  });
});

describe("hadolint's codacy format", () => {
  it("compact objects with filename, line, message, patternId, written back to back", () => {
    const r = run("codacy", { Dockerfile: BAD, "b.Dockerfile": TWO_CMDS });
    const expected = r.json
      .map(
        (f) =>
          `{"filename":"${f.file}","line":${f.line},"message":${JSON.stringify(f.message)},"patternId":"${f.code}"}`,
      )
      .join("");
    expect(r.stdout).toBe(expected);
    expect(r.stdout).toMatch(
      /^\{"filename":"Dockerfile","line":2,"message":"[^"]+","patternId":"DL3020"\}\{/,
    );
  });
});

describe("hadolint's sonarqube format", () => {
  it('{"issues":[...]} in SonarQube\'s generic issue layout, without a final newline', () => {
    const r = run("sonarqube", { Dockerfile: BAD, "b.Dockerfile": TWO_CMDS });
    const issues = r.json.map(
      (f) =>
        `{"engineId":"dflint","primaryLocation":{"filePath":"${f.file}","message":${JSON.stringify(f.message)},` +
        `"textRange":{"endColumn":${f.endColumn - 1},"endLine":${f.endLine},"startColumn":${f.column - 1},"startLine":${f.line}}},` +
        `"ruleId":"${f.code}","severity":"${{ error: "CRITICAL", warning: "MAJOR", info: "MINOR", style: "INFO" }[f.level]}",` +
        `"type":"${f.level === "error" ? "BUG" : "CODE_SMELL"}"}`,
    );
    expect(r.stdout).toBe(`{"issues":[${issues.join(",")}]}`);
    expect(r.stdout).toContain('"filePath":"Dockerfile","message":');
    expect(r.stdout).toContain(
      '"textRange":{"endColumn":3,"endLine":2,"startColumn":0,"startLine":2}},"ruleId":"DL3020","severity":"CRITICAL","type":"BUG"}',
    );
  });

  it("an empty report is an empty issue list", () => {
    expect(run("sonarqube", { Dockerfile: BAD }, ["--ignore", "DL3020"]).stdout).toBe('{"issues":[]}');
  });

  it("uses --file-path-in-report for the path, as hadolint does", () => {
    const r = run("sonarqube", { Dockerfile: BAD }, ["--file-path-in-report", "src/Dockerfile"]);
    expect(r.stdout).toContain('"filePath":"src/Dockerfile"');
  });
});

describe("hadolint's gnu format", () => {
  it("PROGRAM:FILE:LINE: CODE SEVERITY: MESSAGE, one a line", () => {
    const r = run("gnu", { Dockerfile: BAD, "b.Dockerfile": TWO_CMDS });
    const expected = r.json
      .map((f) => `dflint:${f.file}:${f.line}: ${f.code} ${f.level}: ${f.message}\n`)
      .join("");
    expect(r.stdout).toBe(expected);
    expect(r.stdout).toMatch(/^dflint:Dockerfile:2: DL3020 error: \S/m);
    expect(r.stdout).toMatch(/^dflint:b\.Dockerfile:3: DL4003 warning: \S/m);
  });
});

describe("github-actions format", () => {
  it("a workflow command per finding with file, line, col, endLine, endColumn and title", () => {
    const r = run("github-actions", { Dockerfile: BAD });
    const [f] = r.json.filter((x) => x.code === "DL3020");
    expect(r.stdout).toContain(
      `::error file=Dockerfile,line=2,col=1,endLine=2,endColumn=3,title=DL3020%3A Use COPY instead of ADD for files and folders::${f.message}\n`,
    );
  });

  it("notice for info and style, warning for warnings; a range over several lines carries no columns", () => {
    const r = run("github-actions", { Dockerfile: TWO_CMDS }, ["--info", "DL3020"]);
    expect(r.stdout).toMatch(/^::warning file=Dockerfile,line=3,endLine=4,title=DL4003%3A [^:]+::\S/m);
    const style = run("github-actions", { Dockerfile: BAD }, ["--style", "DL3020"]);
    expect(style.stdout).toMatch(
      /^::notice file=Dockerfile,line=2,col=1,endLine=2,endColumn=3,title=DL3020/m,
    );
  });

  it("escapes %, CR and LF everywhere, and : and , in properties", () => {
    const r = run("github-actions", { "a,b:c%.Dockerfile": "FROM scratch\nADD 50%off /app\n" });
    expect(r.stdout).toMatch(/^::error file=a%2Cb%3Ac%25\.Dockerfile,line=2,/m);
    expect(r.stdout).toContain("'50%25off'");
    expect(escapeData("a%b\r\nc:d,e")).toBe("a%25b%0D%0Ac:d,e");
    expect(escapeProperty("a%b\r\nc:d,e")).toBe("a%25b%0D%0Ac%3Ad%2Ce");
  });
});

/** The cases of hadolint's own formatter tests (test/Hadolint/Formatter/*Spec.hs): file `<string>`, one finding a
 * line at column 1, codes and messages as there. */
function hadolintCases(cases: [code: string, severity: Severity, message: string][]): FileReport[] {
  const text = cases.map(() => "X").join("\n");
  const findings: Finding[] = cases.map(([code, severity, message], i) => ({
    code,
    severity,
    message,
    span: { start: i * 2, end: i * 2 + 1 },
  }));
  return [{ file: "<string>", lines: new LineIndex(text), findings, fixed: [] }];
}
const CTX: FormatContext = { color: false, version: "0.0.0", cwd: "/", rules: [], problems: [] };

describe("the examples of hadolint's formatter tests", () => {
  it("gnu: 'hadolint:<string>:1: DL2001 warning: test', with our name as the program", () => {
    const reports = hadolintCases([
      ["DL2001", "warning", "test"],
      ["DL2003", "info", "test 2"],
    ]);
    expect(outputText(gnu(reports, CTX))).toBe(
      "dflint:<string>:1: DL2001 warning: test\ndflint:<string>:2: DL2003 info: test 2\n",
    );
    expect(outputText(gnu([], CTX))).toBe("");
  });

  it("sonarqube: every severity mapped as hadolint maps it, and an empty list for no findings", () => {
    const reports = hadolintCases([
      ["DL3000", "error", "error msg"],
      ["DL3001", "warning", "warning msg"],
      ["DL3009", "info", "info msg"],
      ["DL3015", "style", "style msg"],
    ]);
    const issue = (id: string, line: number, sev: string, type: string, msg: string) =>
      `{"engineId":"dflint","primaryLocation":{"filePath":"<string>","message":"${msg}",` +
      `"textRange":{"endColumn":1,"endLine":${line},"startColumn":0,"startLine":${line}}},"ruleId":"${id}","severity":"${sev}","type":"${type}"}`;
    expect(outputText(sonarqube(reports, CTX))).toBe(
      `{"issues":[${[
        issue("DL3000", 1, "CRITICAL", "BUG", "error msg"),
        issue("DL3001", 2, "MAJOR", "CODE_SMELL", "warning msg"),
        issue("DL3009", 3, "MINOR", "CODE_SMELL", "info msg"),
        issue("DL3015", 4, "INFO", "CODE_SMELL", "style msg"),
      ].join(",")}]}`,
    );
    expect(outputText(sonarqube([], CTX))).toBe('{"issues":[]}');
  });

  it("codeclimate and codacy: the same cases in their layouts", () => {
    const reports = hadolintCases([["DL2001", "warning", "test"]]);
    expect(outputText(codeclimate(reports, CTX))).toBe(
      '{"categories":["Bug Risk"],"check_name":"DL2001","description":"test","location":{"lines":{"begin":1,"end":1},"path":"<string>"},"severity":"major","type":"issue"}\u0000',
    );
    expect(outputText(codacy(reports, CTX))).toBe(
      '{"filename":"<string>","line":1,"message":"test","patternId":"DL2001"}',
    );
  });
});

describe("formats written a finding at a time", () => {
  /** Two files with 3,000 findings each, whose messages hold quotes, backslashes, control characters and more. */
  function many(): FileReport[] {
    const odd = ['say "hi"', "back\\slash", "bell\b form\f", "tab\tline\nend", "\u0001 é ✓ 😀", ""];
    return ["a.Dockerfile", 'dir/"b".Dockerfile'].map((file) => {
      const text = "RUN x\n".repeat(3000);
      const findings: Finding[] = Array.from({ length: 3000 }, (_, i) => ({
        code: `DL${3000 + (i % 7)}`,
        severity: (["error", "warning", "info", "style"] as const)[i % 4],
        message: `${odd[i % odd.length]} ${i}`,
        span: { start: i * 6, end: i * 6 + (i % 5) },
      }));
      return { file, lines: new LineIndex(text), findings, fixed: [] };
    });
  }

  function written(format: typeof sonarqube, reports: FileReport[]): { text: string; writes: number } {
    const chunks: string[] = [];
    const rest = format(reports, { ...CTX, write: (c) => chunks.push(c) });
    return { text: chunks.join("") + outputText(rest), writes: chunks.length };
  }

  it("sonarqube: in chunks, the bytes of the whole list as one document", () => {
    const { text, writes } = written(sonarqube, many());
    expect(writes).toBeGreaterThan(1);
    const doc = JSON.parse(text) as { issues: unknown[] };
    expect(doc.issues).toHaveLength(6000);
    expect(text).toBe(hadolintJson(doc));
    expect(written(sonarqube, []).text).toBe('{"issues":[]}');
  });

  it("gitlab_codeclimate: in chunks, the bytes JSON.stringify(list, null, 2) writes", () => {
    const { text, writes } = written(gitlabCodeclimate, many());
    expect(writes).toBeGreaterThan(1);
    const list = JSON.parse(text) as unknown[];
    expect(list).toHaveLength(6000);
    expect(text).toBe(`${JSON.stringify(list, null, 2)}\n`);
    expect(written(gitlabCodeclimate, []).text).toBe("[]\n");
  });
});

describe("hadolintJson", () => {
  it("sorts keys at every depth and writes no whitespace", () => {
    expect(hadolintJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[{"y":2,"z":1}]},"b":1}',
    );
  });

  it("escapes control characters as aeson does, keeping other text as it is", () => {
    expect(hadolintJson('a\b\f\n\r\t\u0001\\b"é✓')).toBe('"a\\u0008\\u000c\\n\\r\\t\\u0001\\\\b\\"é✓"');
  });
});
