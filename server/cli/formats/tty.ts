import { fixability } from "../../lint/fix.js";
import type { Finding, Severity } from "../../rules/types.js";
import { type Chunks, type FileReport, type Formatter, fileByFile, type PartedFormat } from "./report.js";

const SGR: Record<Severity | "bold" | "dim" | "green", string> = {
  error: "31",
  warning: "33",
  info: "36",
  style: "35",
  bold: "1",
  dim: "2",
  green: "32",
};

type Paint = (style: keyof typeof SGR, text: string) => string;

/** Longest source excerpt shown; longer lines are cut around the finding. */
const MAX_EXCERPT = 160;

/**
 * For people: `file:line:col severity code message`, the source line and carets under the range (to the end of
 * the first line when the range spans several), and a summary. Nothing at all when there is nothing to say.
 */
const byFile = fileByFile({
  file: (out, r, ctx) => writeFile(out, r, painter(ctx.color)),
  counts: countsOf,
  tail: (ctx, counts) => summary(counts, painter(ctx.color)),
});

export const tty: Formatter = byFile.format;
export const ttyParts: PartedFormat = byFile.parts;

function painter(color: boolean): Paint {
  return color ? (style, text) => `\u001b[${SGR[style]}m${text}\u001b[0m` : (_s, text) => text;
}

/** A file's lines: what --fix fixed in it, then its findings. */
function writeFile(out: Chunks, r: FileReport, paint: Paint): void {
  if (r.fixed.length > 0) {
    const codes = [...new Set(r.fixed.map((f) => f.code))].sort().join(", ");
    out.add(
      `${paint("bold", r.file)}: ${paint("green", `fixed ${plural(r.fixed.length, "problem")}`)} (${codes})\n`,
    );
  }
  for (const f of r.findings) out.add(finding(r, f, paint));
}

/** What the summary counts: findings by severity (as SEVERITIES), then those --fix fixes and those only
 * --unsafe-fixes does. */
const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "style"];
function countsOf(r: FileReport): number[] {
  const counts = [0, 0, 0, 0, 0, 0];
  for (const f of r.findings) {
    counts[SEVERITIES.indexOf(f.severity)]++;
    const fix = fixability(f);
    if (fix === "safe") counts[4]++;
    else if (fix === "unsafe") counts[5]++;
  }
  return counts;
}

/** The last line: how many problems of each severity, and how many --fix can fix; "" without problems. */
function summary(counts: readonly number[], paint: Paint): string {
  const [error = 0, warning = 0, info = 0, style = 0, fixable = 0, unsafe = 0] = counts;
  const total = error + warning + info + style;
  if (total === 0) return "";
  const parts = [
    paint("error", plural(error, "error")),
    paint("warning", plural(warning, "warning")),
    paint("info", `${info} info`),
    paint("style", `${style} style`),
  ];
  const fixes = [
    ...(fixable > 0 ? [`${fixable} fixable with --fix`] : []),
    ...(unsafe > 0 ? [`${unsafe} more with --unsafe-fixes`] : []),
  ];
  const hint = fixes.length > 0 ? ` (${fixes.join(", ")})` : "";
  return `\n${paint("bold", plural(total, "problem"))}: ${parts.join(", ")}${hint}\n`;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

function finding(r: FileReport, f: Finding, paint: Paint): string {
  const start = r.lines.position(f.span.start);
  const end = r.lines.position(f.span.end);
  const head = `${paint("bold", `${r.file}:${start.line + 1}:${start.character + 1}`)} ${paint(f.severity, f.severity)} ${paint("dim", f.code)} ${printable(f.message)}\n`;
  const text = r.lines.lineText(start.line);
  const endCh = end.line === start.line ? end.character : text.length;
  let from = 0;
  let to = text.length;
  if (text.length > MAX_EXCERPT) {
    from = Math.max(0, Math.min(start.character - 20, text.length - MAX_EXCERPT));
    to = from + MAX_EXCERPT;
  }
  const before = from > 0 ? "…" : "";
  const after = to < text.length ? "…" : "";
  const shown = before + printable(text.slice(from, to)) + after;
  const s = Math.max(start.character, from);
  const e = Math.min(Math.max(endCh, s), to);
  const pad = before ? " " : "";
  const prefix = pad + columns(text.slice(from, s), true);
  const carets = "^".repeat(Math.max(1, columns(text.slice(s, e), false).length));
  const gutter = String(start.line + 1);
  const blank = " ".repeat(gutter.length);
  return `${head}  ${paint("dim", `${gutter} |`)} ${shown}\n  ${paint("dim", `${blank} |`)} ${prefix}${paint(f.severity, carets)}\n`;
}

/** One space per character (a tab stays a tab, so carets line up under tabs), counting surrogate pairs once. */
function columns(s: string, keepTabs: boolean): string {
  let out = "";
  for (const ch of s) out += keepTabs && ch === "\t" ? "\t" : " ";
  return out;
}

/** Control characters (from binary or broken files) would garble the terminal; show them as U+FFFD. */
function printable(s: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
  return s.replace(/[\u0000-\u0008\u000A-\u001F\u007F-\u009F]/g, "\uFFFD");
}
