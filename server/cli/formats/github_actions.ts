import type { Rule, Severity } from "../../rules/types.js";
import {
  type Chunks,
  type FileReport,
  type Formatter,
  fileByFile,
  locate,
  type PartedFormat,
} from "./report.js";

const COMMAND: Record<Severity, string> = {
  error: "error",
  warning: "warning",
  info: "notice",
  style: "notice",
};

/**
 * GitHub Actions workflow commands, which the runner turns into annotations on the file:
 * `::error file=F,line=L,col=C,endLine=L,endColumn=C,title=T::message`. Columns are 1-based and the end column is
 * the last character's; the runner drops columns from annotations that span lines, so those carry lines only.
 */
const byFile = fileByFile({
  file: (out, r, ctx) => writeFile(out, r, titlesOf(ctx.rules)),
  // The run's problems come last.
  tail: (ctx) =>
    ctx.problems.map((p) => `::error file=${escapeProperty(p.file)}::${escapeData(p.message)}\n`).join(""),
});

export const githubActions: Formatter = byFile.format;
export const githubActionsParts: PartedFormat = byFile.parts;

/** Rule titles by code, made once per rule list. */
const titleCache = new WeakMap<readonly Rule[], Map<string, string>>();

function titlesOf(rules: readonly Rule[]): Map<string, string> {
  let titles = titleCache.get(rules);
  if (!titles) {
    titles = new Map(rules.map((r) => [r.code, r.title]));
    titleCache.set(rules, titles);
  }
  return titles;
}

function writeFile(out: Chunks, r: FileReport, titles: ReadonlyMap<string, string>): void {
  for (const f of r.findings) {
    const at = locate(r, f);
    const props: [string, string | number][] = [
      ["file", r.file],
      ["line", at.line],
    ];
    const oneLine = at.line === at.endLine;
    if (oneLine) props.push(["col", at.column]);
    props.push(["endLine", at.endLine]);
    if (oneLine) props.push(["endColumn", Math.max(at.column, at.endColumn - 1)]);
    const title = titles.get(f.code);
    props.push(["title", title ? `${f.code}: ${title}` : f.code]);
    const list = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(",");
    out.add(`::${COMMAND[f.severity]} ${list}::${escapeData(f.message)}\n`);
  }
}

/** The runner's escapes for a command's message. */
export function escapeData(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** A property value also escapes the characters that separate properties and end the list. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
