import { pathToFileURL } from "node:url";
import type { Rule, Severity } from "../../rules/types.js";
import {
  type FileReport,
  type Formatter,
  fingerprints,
  HOMEPAGE,
  helpUri,
  locate,
  ruleMarkdown,
  rulePlainText,
} from "./report.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
  style: "note",
};

/** SARIF 2.1.0, as GitHub code scanning reads it: every rule in tool.driver.rules, results pointing at paths
 * relative to the working directory (the repository root in CI) through %SRCROOT%. */
export const sarif: Formatter = (reports, ctx) => {
  const index = new Map(ctx.rules.map((r, i) => [r.code, i]));
  const results = reports.flatMap((r) => resultsOf(r, index));
  const log = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "dflint",
            version: ctx.version,
            semanticVersion: ctx.version,
            informationUri: HOMEPAGE,
            rules: ctx.rules.map(ruleDescriptor),
          },
        },
        originalUriBaseIds: { "%SRCROOT%": { uri: directoryUri(ctx.cwd) } },
        columnKind: "utf16CodeUnits",
        invocations: [
          {
            executionSuccessful: ctx.problems.length === 0,
            toolExecutionNotifications: ctx.problems.map((p) => ({
              level: "error",
              message: { text: `${p.file}: ${p.message}` },
              locations: [{ physicalLocation: { artifactLocation: artifact(p.file) } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
};

function ruleDescriptor(rule: Rule) {
  return {
    id: rule.code,
    name: rule.aliases[0] ?? pascalCase(rule.title),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.what },
    help: { text: rulePlainText(rule), markdown: ruleMarkdown(rule) },
    helpUri: helpUri(rule.code),
    defaultConfiguration: { level: LEVEL[rule.severity] },
    properties: {
      tags: ["dockerfile", rule.severity],
      ...(rule.aliases.length ? { aliases: rule.aliases } : {}),
    },
  };
}

function resultsOf(r: FileReport, index: ReadonlyMap<string, number>) {
  const prints = fingerprints(r);
  return r.findings.map((f, i) => {
    const at = locate(r, f);
    const ruleIndex = index.get(f.code);
    return {
      ruleId: f.code,
      ...(ruleIndex === undefined ? {} : { ruleIndex }),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifact(r.file),
            region: {
              startLine: at.line,
              startColumn: at.column,
              endLine: at.endLine,
              endColumn: at.endColumn,
            },
          },
        },
      ],
      partialFingerprints: { "dflint/v1": prints[i] },
    };
  });
}

/** A relative path becomes a relative URI under %SRCROOT%; an absolute one (outside the working directory) a
 * file: URI. */
function artifact(file: string) {
  if (file.startsWith("/") || /^[A-Za-z]:[\\/]/.test(file)) return { uri: pathToFileURL(file).href };
  return { uri: file.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith("/") ? href : `${href}/`;
}

function pascalCase(s: string): string {
  const words = s.match(/[A-Za-z0-9]+/g) ?? [];
  return words.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join("") || "Rule";
}
