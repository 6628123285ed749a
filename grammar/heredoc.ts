import type { Span } from "./text.js";
import { splitQuotedWords } from "./words.js";

export interface HeredocMarker {
  /** The delimiter after quote removal, e.g. `EOF` for `<<"EOF"`. */
  name: string;
  /** `<<-`: leading tabs are stripped from body lines and from the terminator. */
  chomp: boolean;
  /** False when any part of the delimiter was quoted: the body is then taken literally. */
  expand: boolean;
  fileDescriptor?: number;
  /** Span of the whole marker word (`<<-"EOF"`), in the coordinates of the text given. */
  span: Span;
}

const HEREDOC_WORD = /^(\d*)<<(-?)([^<]*)$/;

/** The instructions whose shell form may carry heredocs. */
export const HEREDOC_INSTRUCTIONS = new Set(["RUN", "COPY", "ADD"]);

/**
 * Finds heredoc markers in an instruction's logical line. BuildKit splits the line into shell words (quotes kept) and
 * takes every word of the form `[fd]<<[-]name`; the name must be a single word once its quotes are removed.
 */
export function findHeredocMarkers(text: string, start: number, end: number): HeredocMarker[] {
  const out: HeredocMarker[] = [];
  if (text.indexOf("<<", start) === -1) return out;
  for (const w of splitQuotedWords(text, start, end, "\\", true)) {
    const word = text.slice(w.start, w.end);
    if (!word.includes("<<")) continue;
    const m = HEREDOC_WORD.exec(word);
    if (!m || m[3] === "") continue;
    const name = unquoteDelimiter(m[3].replace(/^[ \t\r]+/, ""));
    if (name === undefined || name === "") continue;
    out.push({
      name,
      chomp: m[2] === "-",
      expand: !/["']/.test(m[3]),
      fileDescriptor: m[1] ? Number(m[1]) : undefined,
      span: w,
    });
  }
  return out;
}

/** Removes shell quoting from a delimiter; undefined if it is not one word (unquoted blanks) or quotes are open. */
function unquoteDelimiter(raw: string): string | undefined {
  let out = "";
  let quote = "";
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i];
    if (quote) {
      if (c === quote) quote = "";
      else if (c === "\\" && quote === '"' && i + 1 < raw.length && '"\\$'.includes(raw[i + 1]))
        out += raw[++i];
      else out += c;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === "\\") {
      if (i + 1 < raw.length) out += raw[++i];
    } else if (c === " " || c === "\t") return undefined;
    else out += c;
  }
  return quote ? undefined : out;
}

/** Whether a body line (without its newline) terminates the heredoc. */
export function isHeredocTerminator(line: string, marker: { name: string; chomp: boolean }): boolean {
  // BuildKit strips every trailing "\r" and "\n" from a line.
  let end = line.length;
  while (end > 0 && line.charCodeAt(end - 1) === 13) end--;
  let l = end === line.length ? line : line.slice(0, end);
  if (marker.chomp) l = l.replace(/^\t+/, "");
  return l === marker.name;
}
