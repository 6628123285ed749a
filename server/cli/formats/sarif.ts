import { pathToFileURL } from "node:url";
import type { Finding, Rule, Severity, Suppression } from "../../rules/types.js";
import {
  Chunks,
  type FileReport,
  type FormatContext,
  type Formatter,
  fingerprints,
  HOMEPAGE,
  helpUri,
  locate,
  locateSpan,
  type PartedFormat,
  ruleMarkdown,
  rulePlainText,
} from "./report.js";

const LEVEL: Record<Severity, "error" | "warning" | "note"> = {
  error: "error",
  warning: "warning",
  info: "note",
  style: "note",
};

/** SARIF 2.1.0, as GitHub code scanning reads it: the rules that have results in tool.driver.rules, results
 * pointing at paths relative to the working directory (the repository root in CI) through %SRCROOT%, and findings
 * an ignore pragma silenced as results with an in-source suppression. */
export const sarif: Formatter = (reports, ctx) => {
  const seen = new Set(reports.flatMap((r) => r.findings.map((f) => f.code)));
  const { head, tail, index } = frame(seen, ctx);
  const out = new Chunks(ctx.write);
  out.add(head);
  let first = true;
  const add = (text: string) => {
    out.add(`${first ? "[\n" : ",\n"}${text}`);
    first = false;
  };
  for (const r of reports) resultTexts(r, (code) => index.get(code), add);
  out.add(first ? "[]" : `\n${RESULTS_INDENT}]`);
  out.add(`${tail}\n`);
  return out.end();
};

/**
 * The same log a file at a time (see PartedFormat). A result names its rule by its index among the rules that have
 * results in the whole run, which no file knows: a file's part holds a mark in its place, which the join replaces
 * (or drops with its line, for a code that is not a rule's), and names the codes it has.
 */
export const sarifParts: PartedFormat = {
  part(r) {
    const out = new Chunks();
    let first = true;
    resultTexts(
      r,
      (code) => `${RULE_MARK}${code}`,
      (text) => {
        out.add(first ? text : `,\n${text}`);
        first = false;
      },
    );
    return { text: out.end(), codes: [...new Set(r.findings.map((f) => f.code))] };
  },
  join(parts, ctx) {
    const seen = new Set(parts.flatMap((p) => p.codes ?? []));
    const { head, tail, index } = frame(seen, ctx);
    const out = new Chunks(ctx.write);
    out.add(head);
    let first = true;
    for (const part of parts) {
      if (part.text.length === 0) continue;
      out.add(first ? "[\n" : ",\n");
      for (const text of part.text)
        out.add(
          text.replace(MARKED, (_m, code: string) => {
            const i = index.get(code);
            return i === undefined ? "" : `"ruleIndex": ${i},\n${RESULT_INDENT}  `;
          }),
        );
      first = false;
    }
    out.add(first ? "[]" : `\n${RESULTS_INDENT}]`);
    out.add(`${tail}\n`);
    return out.end();
  },
};

/** A result's rule index in a part: the code after a NUL, which JSON writes as an escape no other text of a result
 * can hold in that place (a message's quotes are escaped). */
const RULE_MARK = "\u0000";
const MARKED = /"ruleIndex": "\\u0000([^"]*)",\n {10}/g;

/** The log around its results (split at them) for the rules with results in `seen`, and each such rule's index. */
function frame(
  seen: ReadonlySet<string>,
  ctx: FormatContext,
): { head: string; tail: string; index: Map<string, number> } {
  const names = ruleNames(ctx.rules);
  const rules = ctx.rules.filter((r) => seen.has(r.code));
  const index = new Map(rules.map((r, i) => [r.code, i]));
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
            rules: rules.map((r) => ruleDescriptor(r, names.get(r.code) ?? r.code)),
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
        results: RESULTS,
      },
    ],
  };
  // The results are written one at a time, as JSON.stringify(log, null, 2) would place them (test/cli/sarif.test.ts
  // compares the bytes): the generated 10 MB file's 391,653 results as one string are ~320 MB, near V8's limit.
  const [head, tail] = JSON.stringify(log, null, 2).split(JSON.stringify(RESULTS));
  return { head, tail, index };
}

/** Hands each of a file's results to `add` as the log's text, indented as an item of `results`, one at a time
 * (the 10 MB file's are ~320 MB of text). */
function resultTexts(
  r: FileReport,
  ruleIndexOf: (code: string) => number | string | undefined,
  add: (text: string) => void,
): void {
  const prints = fingerprints(r);
  for (let i = 0; i < r.findings.length; i++) {
    const result = resultOf(r, r.findings[i], prints[i], ruleIndexOf);
    add(`${RESULT_INDENT}${JSON.stringify(result, null, 2).replaceAll("\n", `\n${RESULT_INDENT}`)}`);
  }
}

/** Stands for the results in the log's frame, where no other value is that string (paths hold no NUL). */
const RESULTS = "\u0000results";
/** The indentation of `results` in the frame (log, runs, run) and of one result. */
const RESULTS_INDENT = " ".repeat(6);
const RESULT_INDENT = " ".repeat(8);

/**
 * A name per rule, unique over all rules so that it does not depend on which rules have results: the first alias
 * when no other rule shares it (MultipleInstructionsDisallowed stands for three), else one made from the title.
 */
function ruleNames(all: readonly Rule[]): Map<string, string> {
  const aliasCount = new Map<string, number>();
  for (const r of all)
    if (r.aliases[0]) aliasCount.set(r.aliases[0], (aliasCount.get(r.aliases[0]) ?? 0) + 1);
  const names = new Map<string, string>();
  const taken = new Set<string>();
  for (const r of all) {
    const alias = r.aliases[0];
    let name = alias && aliasCount.get(alias) === 1 ? alias : pascalCase(r.title);
    if (taken.has(name)) name = `${name}${r.code}`;
    taken.add(name);
    names.set(r.code, name);
  }
  return names;
}

function ruleDescriptor(rule: Rule, name: string) {
  const security = rule.securitySeverity;
  return {
    id: rule.code,
    name,
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.docs.what },
    help: { text: rulePlainText(rule), markdown: ruleMarkdown(rule) },
    helpUri: helpUri(rule.code),
    defaultConfiguration: { level: LEVEL[rule.severity], ...(rule.defaultOff ? { enabled: false } : {}) },
    properties: {
      tags: ["dockerfile", rule.severity, ...(security === undefined ? [] : ["security"])],
      ...(rule.aliases.length ? { aliases: rule.aliases } : {}),
      ...(security === undefined ? {} : { "security-severity": security.toFixed(1) }),
    },
  };
}

function resultOf(
  r: FileReport,
  f: Finding,
  print: string,
  ruleIndexOf: (code: string) => number | string | undefined,
) {
  const at = locate(r, f);
  const ruleIndex = ruleIndexOf(f.code);
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
    partialFingerprints: { "dflint/v1": print },
    ...(f.suppressed ? { suppressions: [suppression(r, f.suppressed)] } : {}),
  };
}

function suppression(r: FileReport, s: Suppression) {
  const at = locateSpan(r, s.span);
  return {
    kind: "inSource",
    ...(s.reason === undefined ? {} : { justification: s.reason }),
    location: {
      physicalLocation: {
        artifactLocation: artifact(r.file),
        region: { startLine: at.line, startColumn: at.column, endLine: at.endLine, endColumn: at.endColumn },
      },
    },
  };
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
