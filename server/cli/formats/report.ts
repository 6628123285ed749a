import { createHash } from "node:crypto";
import { flatString, type LineIndex, type Span } from "../../../grammar/index.js";
import type { Finding, Rule } from "../../rules/types.js";

/** What was found in one file, the input of every output format. */
export interface FileReport {
  /** Path as shown in the report (`/` separators). */
  file: string;
  lines: LineIndex;
  findings: Finding[];
  /** Fixes that `--fix` applied. */
  fixed: Finding[];
}

/** A file that could not be linted (unreadable, or an internal error). */
export interface FileProblem {
  file: string;
  message: string;
}

export interface FormatContext {
  color: boolean;
  version: string;
  /** Absolute working directory, the base of relative paths (SARIF's %SRCROOT%). */
  cwd: string;
  rules: readonly Rule[];
  problems: readonly FileProblem[];
  /** Where a big report may write its chunks as it goes (see Chunks); without it, they are returned. */
  write?: (chunk: string) => void;
}

/**
 * A report's text: one string, or for reports that can be big, chunks written one after the other. A report over
 * many findings as one string is at risk twice: V8's strings end at 2^29 characters (a throw), and a string grown
 * with `+=` is a tree of millions of pieces the collector has to trace until it is written.
 */
export type Output = string | readonly string[];

export type Formatter = (reports: readonly FileReport[], ctx: FormatContext) => Output;

/**
 * A format whose report can be made a file at a time: each file's part by the thread that linted it, the report
 * from the parts of all files in their order. The parts are the text the format's Formatter writes for the files
 * (test/cli/formats.test.ts compares them).
 */
export interface PartedFormat {
  /** One file's part. */
  part(report: FileReport, ctx: PartContext): FilePart;
  /** The report from every file's part, in the order of the files. */
  join(parts: readonly FilePart[], ctx: FormatContext): Output;
}

/**
 * A format whose report is its files' texts one after another, between a head and a tail that may read the run's
 * problems and what `counts` gives for each file, added up: the Formatter (which writes as it goes) and the
 * PartedFormat (for threads) from the one writer of a file's text.
 */
export function fileByFile(spec: {
  file(out: Chunks, r: FileReport, ctx: PartContext): void;
  counts?(r: FileReport): number[];
  head?(ctx: FormatContext, counts: readonly number[]): string;
  tail?(ctx: FormatContext, counts: readonly number[]): string;
}): { format: Formatter; parts: PartedFormat } {
  const total = (each: readonly (readonly number[] | undefined)[]): number[] => {
    const sum: number[] = [];
    for (const counts of each)
      if (counts) for (let k = 0; k < counts.length; k++) sum[k] = (sum[k] ?? 0) + counts[k];
    return sum;
  };
  return {
    format(reports, ctx) {
      const out = new Chunks(ctx.write);
      const counts = spec.counts ? total(reports.map(spec.counts)) : [];
      if (spec.head) out.add(spec.head(ctx, counts));
      for (const r of reports) spec.file(out, r, ctx);
      if (spec.tail) out.add(spec.tail(ctx, counts));
      return out.end();
    },
    parts: {
      part(r, ctx) {
        const out = new Chunks();
        spec.file(out, r, ctx);
        return spec.counts ? { text: out.end(), counts: spec.counts(r) } : { text: out.end() };
      },
      join(parts, ctx) {
        const out = new Chunks(ctx.write);
        const counts = total(parts.map((p) => p.counts));
        if (spec.head) out.add(spec.head(ctx, counts));
        for (const part of parts) for (const text of part.text) out.add(text);
        if (spec.tail) out.add(spec.tail(ctx, counts));
        return out.end();
      },
    },
  };
}

/**
 * A format whose report is one list of every file's items: `open`, the items with `separator` between them, then
 * `close`; `empty` when there are none. `items` hands each of a file's items to `add` as it makes them (a file's
 * items are never all kept at once: the generated 10 MB file's JSON is 126 MB). A file's part is its items with
 * the separators between them, and the join puts one between the parts.
 */
export function itemList(spec: {
  items(r: FileReport, ctx: PartContext, add: (item: string) => void): void;
  open: string;
  separator: string;
  close: string;
  empty: string;
}): { format: Formatter; parts: PartedFormat } {
  const { open, separator, close, empty } = spec;
  return {
    format(reports, ctx) {
      const out = new Chunks(ctx.write);
      let first = true;
      const add = (item: string) => {
        out.add(`${first ? open : separator}${item}`);
        first = false;
      };
      for (const r of reports) spec.items(r, ctx, add);
      out.add(first ? empty : close);
      return out.end();
    },
    parts: {
      part(r, ctx) {
        const out = new Chunks();
        let first = true;
        spec.items(r, ctx, (item) => {
          out.add(first ? item : `${separator}${item}`);
          first = false;
        });
        return { text: out.end() };
      },
      join(parts, ctx) {
        const out = new Chunks(ctx.write);
        let first = true;
        for (const part of parts) {
          if (part.text.length === 0) continue;
          out.add(first ? open : separator);
          for (const text of part.text) out.add(text);
          first = false;
        }
        out.add(first ? empty : close);
        return out.end();
      },
    },
  };
}

/** What a file's part may depend on besides the file: the same in every thread. */
export type PartContext = Pick<FormatContext, "color" | "rules">;

export interface FilePart {
  /** The file's text in the report, in chunks (see Chunks); none when it adds nothing. */
  text: string[];
  /** Numbers the report's end adds up over the files (each format says which). */
  counts?: number[];
  /** The codes of the file's findings, for a report whose end (or head) lists them. */
  codes?: string[];
}

/** An output as one string (for tests and small reports). */
export function outputText(output: Output): string {
  return typeof output === "string" ? output : output.join("");
}

/**
 * Joins text into chunks of about CHUNK characters, each flattened (one string, not a tree of the pieces added),
 * and hands each to `write` when one is given, else keeps them for `end`. The generated 10 MB file's 391,653
 * findings as JSON (126 MB) kept as the pieces' trees took the command's peak from 1.16 to 1.27 GB.
 */
export class Chunks {
  private readonly done: string[] = [];
  private current = "";

  constructor(private readonly write?: (chunk: string) => void) {}

  add(text: string): void {
    this.current += text;
    if (this.current.length >= CHUNK) this.flush();
  }

  /** The chunks not written yet. */
  end(): string[] {
    if (this.current) this.flush();
    return this.done;
  }

  private flush(): void {
    const chunk = this.current;
    this.current = "";
    flatString(chunk);
    if (this.write) this.write(chunk);
    else this.done.push(chunk);
  }
}

const CHUNK = 1 << 16;

/** 1-based line and column of a finding; the end column is exclusive (the column after the last character). */
export interface Location {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export function locate(report: FileReport, finding: Finding): Location {
  return locateSpan(report, finding.span);
}

export function locateSpan(report: FileReport, span: Span): Location {
  const r = report.lines.range(span);
  return {
    line: r.start.line + 1,
    column: r.start.character + 1,
    endLine: r.end.line + 1,
    endColumn: r.end.character + 1,
  };
}

export { HOMEPAGE, helpUri, ruleMarkdown } from "../../rules/docs.js";

export function rulePlainText(rule: Rule): string {
  return `${rule.title}\n\n${rule.docs.what}\n\nWhy: ${rule.docs.why}\n\nBad:\n${rule.docs.bad}\n\nGood:\n${rule.docs.good}`;
}

/**
 * Stable identities for findings, for tools that track issues across commits (Code Climate, GitLab, SARIF).
 * Built from the file, the rule, the message and the text of the finding's first line, not its line number, so
 * an unrelated edit above does not change it; repeats of the same key are numbered to keep them unique.
 */
export function fingerprints(report: FileReport): string[] {
  const seen = new Map<string, number>();
  return report.findings.map((f) => {
    const line = report.lines.lineText(report.lines.position(f.span.start).line).trim();
    const key = [report.file, f.code, f.message, line].join("\u0000");
    const n = seen.get(key) ?? 0;
    seen.set(key, n + 1);
    return createHash("sha256").update(`${key}\u0000${n}`).digest("hex").slice(0, 32);
  });
}

/** Whether XML 1.0 allows a code point at all (lone surrogates and most control characters it does not). */
function xmlAllowed(cp: number): boolean {
  return (
    cp === 0x9 ||
    cp === 0xa ||
    cp === 0xd ||
    (cp >= 0x20 && cp <= 0xd7ff) ||
    (cp >= 0xe000 && cp <= 0xfffd) ||
    (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Escapes text for XML element content and double- or single-quoted attributes. */
export function xmlEscape(s: string): string {
  let allowed = "";
  // Characters no escape can carry are replaced.
  for (const ch of s) allowed += xmlAllowed(ch.codePointAt(0) ?? 0) ? ch : "\uFFFD";
  return allowed
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&apos;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;")
    .replace(/\t/g, "&#9;");
}

export const XML_DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>';

/**
 * JSON as hadolint writes it (Haskell's aeson 2): no whitespace, object keys in sorted order, and control
 * characters other than \n, \r and \t as \u00XX. Byte-for-byte, so scripts written against hadolint's output read
 * ours; key order follows the keys' UTF-16 order, which is aeson's for the ASCII keys used here.
 */
export function hadolintJson(value: unknown): string {
  return JSON.stringify(sortKeys(value)).replace(/\\(\\|b|f)/g, (m, c: string) =>
    c === "b" ? "\\u0008" : c === "f" ? "\\u000c" : m,
  );
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort()) out[key] = sortKeys((value as Record<string, unknown>)[key]);
  return out;
}
