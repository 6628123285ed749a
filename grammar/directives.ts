import type { Span } from "./text.js";

/** The parser directives BuildKit knows. Any other `# name=value` line is an ordinary comment and ends the
 * directive block. */
export const KNOWN_DIRECTIVES = ["syntax", "escape", "check"] as const;

export interface DirectiveMatch {
  name: string; // lowercased
  nameRaw: string;
  value: string;
  span: Span; // the whole line, without the newline
  nameSpan: Span;
  valueSpan: Span;
}

// Matched against a line already stripped of trailing blanks, which keeps the pattern free of backtracking.
const DIRECTIVE = /^[ \t]*#[ \t]*([a-zA-Z][a-zA-Z0-9]*)[ \t]*=[ \t]*(.*)$/;
const SHEBANG = /^#!/;

export interface DirectiveScan {
  directives: DirectiveMatch[];
  /** Directive lines repeated after the first one of the same name (BuildKit fails the build on these). */
  duplicates: DirectiveMatch[];
  escapeChar: "\\" | "`";
  /** The escape directive's value when it is neither "\" nor "`". */
  invalidEscape?: DirectiveMatch;
  /** Offset where the directive block ends (start of the first line that is not a directive). */
  end: number;
}

/**
 * Reads the directive block at the top of a Dockerfile. Directives must come before anything else: the first line
 * that is not a known directive (an instruction, an ordinary comment, even a blank line) ends the block, and later
 * `# escape=` lines are plain comments. A shebang is allowed on the first line.
 */
export function scanDirectives(text: string): DirectiveScan {
  const directives: DirectiveMatch[] = [];
  const duplicates: DirectiveMatch[] = [];
  let escapeChar: "\\" | "`" = "\\";
  let invalidEscape: DirectiveMatch | undefined;
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let lineNo = 0;
  const seen = new Set<string>();
  // A directive line is short; bound the scan so a huge first line cannot cost more than one pass.
  while (pos < text.length) {
    let eol = text.indexOf("\n", pos);
    if (eol === -1) eol = text.length;
    let contentEnd = eol;
    while (contentEnd > pos && isBlank(text.charCodeAt(contentEnd - 1))) contentEnd--;
    const line = text.slice(pos, contentEnd);
    lineNo++;
    if (lineNo === 1 && SHEBANG.test(line.trimStart())) {
      pos = eol + 1;
      continue;
    }
    const m = DIRECTIVE.exec(line);
    if (!m || m[2] === "" || !(KNOWN_DIRECTIVES as readonly string[]).includes(m[1].toLowerCase())) break;
    const nameStart = pos + line.indexOf(m[1]);
    const valueStart = pos + line.indexOf(m[2], nameStart - pos + m[1].length + 1);
    const d: DirectiveMatch = {
      name: m[1].toLowerCase(),
      nameRaw: m[1],
      value: m[2],
      span: { start: pos, end: contentEnd },
      nameSpan: { start: nameStart, end: nameStart + m[1].length },
      valueSpan: { start: valueStart, end: valueStart + m[2].length },
    };
    if (seen.has(d.name)) {
      duplicates.push(d);
    } else {
      seen.add(d.name);
      directives.push(d);
      if (d.name === "escape") {
        if (d.value === "\\" || d.value === "`") escapeChar = d.value;
        else invalidEscape = d;
      }
    }
    pos = eol + 1;
  }
  return { directives, duplicates, escapeChar, invalidEscape, end: Math.min(pos, text.length) };
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9 || c === 13;
}
