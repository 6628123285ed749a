import { readFileSync } from "node:fs";
import AjvDraft04 from "ajv-draft-04";
import ajvFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { outputText } from "../../server/cli/formats/report.js";
import { sarif } from "../../server/cli/formats/sarif.js";
import { RULES } from "../../server/rules/index.js";
import { dflint, project } from "./helpers.js";

// The OASIS SARIF 2.1.0 schema (errata 01), from github.com/oasis-tcs/sarif-spec, sarif-2.1/schema/.
const schema = JSON.parse(
  readFileSync(new URL("./fixtures/sarif-schema-2.1.0.json", import.meta.url), "utf8"),
);
// Both packages are CommonJS with `exports.default`; Node's ESM import and vitest's differ in which one they hand over.
const Ajv = (AjvDraft04.default ?? AjvDraft04) as typeof AjvDraft04.default;
const addFormats = (ajvFormats.default ?? ajvFormats) as typeof ajvFormats.default;
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats(ajv);
const validate = ajv.compile(schema);

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

interface SarifRule {
  id: string;
  name: string;
  defaultConfiguration: { level: string; enabled?: boolean };
  properties: { tags: string[]; "security-severity"?: string };
}

function sarifOf(files: Record<string, string>, args: string[] = []) {
  const cwd = project(files);
  const r = dflint(["-f", "sarif", ...args, ...Object.keys(files)], { cwd });
  const log = JSON.parse(r.stdout);
  expectValid(log);
  return log.runs[0];
}

const FILE = [
  "FROM debian:12",
  "# dflint ignore=DL3020 reason=the archive is unpacked on purpose",
  "ADD app /app",
  "USER root",
  "CMD a",
  "CMD b",
  "",
].join("\n");

describe("SARIF output", () => {
  it("validates against the SARIF 2.1.0 schema: findings, suppressions, problems and an empty run", () => {
    sarifOf({ Dockerfile: FILE });
    sarifOf({ Dockerfile: FILE }, ["--ignore", "DL3020,DL3002,DL4003,DL3025,DL3059,DL3057"]);
    const cwd = project({ Dockerfile: FILE });
    const missing = dflint(["-f", "sarif", "Dockerfile", "nothere/Dockerfile"], { cwd });
    const log = JSON.parse(missing.stdout);
    expectValid(log);
    expect(log.runs[0].invocations[0].executionSuccessful).toBe(false);
  });

  it("writes the bytes JSON.stringify(log, null, 2) writes, results one at a time", () => {
    const cwd = project({ Dockerfile: FILE, "b.Dockerfile": 'FROM scratch\nADD "x\\\ty" /é/\n' });
    const r = dflint(["-f", "sarif", "Dockerfile", "b.Dockerfile"], { cwd });
    const log = JSON.parse(r.stdout);
    expect(log.runs[0].results.length).toBeGreaterThan(3);
    expect(r.stdout).toBe(`${JSON.stringify(log, null, 2)}\n`);
    const clean = dflint(["-f", "sarif", "Dockerfile"], { cwd: project({ Dockerfile: "FROM scratch\n" }) });
    const empty = JSON.parse(clean.stdout);
    expect(empty.runs[0].results).toEqual([]);
    expect(clean.stdout).toBe(`${JSON.stringify(empty, null, 2)}\n`);
  });

  it("lists only the rules that have results, each once, and ruleIndex points at the result's rule", () => {
    const run = sarifOf({ Dockerfile: FILE, "b.Dockerfile": FILE });
    const ids = run.tool.driver.rules.map((r: SarifRule) => r.id);
    const resultIds = [...new Set(run.results.map((r: { ruleId: string }) => r.ruleId))].sort();
    expect(ids).toEqual(resultIds);
    expect(ids).toContain("DL3002");
    for (const result of run.results) expect(ids[result.ruleIndex]).toBe(result.ruleId);
  });

  it("gives every rule a unique name, also where rules share a Docker check name", () => {
    const reports = [] as const;
    const log = JSON.parse(
      outputText(sarif(reports, { color: false, version: "1.0.0", cwd: "/w", rules: RULES, problems: [] })),
    );
    expect(log.runs[0].tool.driver.rules).toEqual([]);
    const names = new Map<string, string>();
    const run = sarifOf({
      Dockerfile: "FROM a\nCMD a\nCMD b\nENTRYPOINT a\nENTRYPOINT b\nHEALTHCHECK CMD a\nHEALTHCHECK CMD b\n",
    });
    for (const r of run.tool.driver.rules as SarifRule[]) names.set(r.id, r.name);
    expect(names.get("DL4003")).not.toBe(names.get("DL4004"));
    expect(new Set(names.values()).size).toBe(names.size);
    expect([...names.values()].every((n) => /^[A-Za-z0-9]+$/.test(n))).toBe(true);
  });

  it("marks security rules with a security-severity and the security tag", () => {
    const run = sarifOf({ Dockerfile: FILE });
    const user = run.tool.driver.rules.find((r: SarifRule) => r.id === "DL3002") as SarifRule;
    expect(user.properties["security-severity"]).toBe("6.0");
    expect(user.properties.tags).toContain("security");
    const cmd = run.tool.driver.rules.find((r: SarifRule) => r.id === "DL4003") as SarifRule;
    expect(cmd.properties["security-severity"]).toBeUndefined();
    expect(cmd.properties.tags).not.toContain("security");
  });

  it("shows a silenced finding with an in-source suppression: the pragma's place and its reason", () => {
    const run = sarifOf({ Dockerfile: FILE });
    const add = run.results.find((r: { ruleId: string }) => r.ruleId === "DL3020");
    expect(add.suppressions).toEqual([
      {
        kind: "inSource",
        justification: "the archive is unpacked on purpose",
        location: {
          physicalLocation: {
            artifactLocation: { uri: "Dockerfile", uriBaseId: "%SRCROOT%" },
            region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 65 },
          },
        },
      },
    ]);
    const others = run.results.filter((r: { ruleId: string }) => r.ruleId !== "DL3020");
    expect(others.every((r: { suppressions?: unknown }) => r.suppressions === undefined)).toBe(true);
  });

  it("a suppressed finding does not fail the run", () => {
    const cwd = project({ Dockerfile: "FROM scratch\n# hadolint ignore=DL3020\nADD a /a/\n" });
    expect(dflint(["-f", "sarif", "Dockerfile"], { cwd }).code).toBe(0);
    expect(dflint(["-f", "json", "Dockerfile"], { cwd }).code).toBe(0);
  });

  it("says that an opt-in rule is off by default", () => {
    const run = sarifOf({ Dockerfile: "FROM scratch\n# hadolint ignore=DL3020\nADD a /a/\n" }, [
      "--style",
      "DL1001",
    ]);
    const rule = run.tool.driver.rules.find((r: SarifRule) => r.id === "DL1001") as SarifRule;
    expect(rule.defaultConfiguration).toEqual({ level: "note", enabled: false });
    const on = run.tool.driver.rules.find((r: SarifRule) => r.id === "DL3020") as SarifRule;
    expect(on.defaultConfiguration).toEqual({ level: "error" });
  });
});
