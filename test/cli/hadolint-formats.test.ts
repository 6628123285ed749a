import { describe, expect, it } from "vitest";
import { escapeData, escapeProperty } from "../../server/cli/formats/github_actions.js";
import { hadolintJson } from "../../server/cli/formats/report.js";
import { BAD, dflint, parseJson, project } from "./helpers.js";

/**
 * hadolint 2.x writes these formats with Haskell's aeson: compact JSON, keys in sorted order. The layouts below are
 * the ones hadolint's formatters (src/Hadolint/Formatter/*.hs) and their tests describe; the messages are ours, so
 * each expectation takes the message from the JSON report of the same file.
 */
const TWO_CMDS = "FROM scratch\nCMD a \\\n  b\nCMD c\n";

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
    expect(r.stdout).toContain('"lines":{"begin":2,"end":3},"path":"b.Dockerfile"},"severity":"major"');
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
    expect(r.stdout).toMatch(/^dflint:b\.Dockerfile:2: DL4003 warning: \S/m);
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
    expect(r.stdout).toMatch(/^::warning file=Dockerfile,line=2,endLine=3,title=DL4003%3A [^:]+::\S/m);
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
