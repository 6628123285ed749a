/** A half-open span of UTF-16 offsets into the document text. Offsets are the internal currency; lines and
 * columns are computed at the edges. */
export interface Span {
  start: number;
  end: number;
}

/** 0-based line and UTF-16 character, as the Language Server Protocol counts them. */
export interface Position {
  line: number;
  character: number;
}

export interface Range {
  start: Position;
  end: Position;
}

/**
 * The index of the first item that starts at or after `offset`, in a list sorted by start (instructions, comments:
 * anything with a span, in document order); the list's length when there is none. A binary search.
 */
export function firstAtOrAfter(list: readonly { readonly span: Span }[], offset: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].span.start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The string, flattened. A string built from parts (`+=`, templates) is a tree of V8 cons strings; reading a
 * character makes V8 flatten it in place, and the collector then drops the tree. For strings that live long:
 * findings' messages, chunks of a report.
 */
export function flatString(text: string): string {
  text.charCodeAt(0);
  return text;
}

/**
 * A copy of the string that keeps no other string alive. V8 makes a slice of 13 characters or more a view into the
 * string it was cut from, so a slice of a document kept in a long-lived cache keeps the whole document: 200 slices
 * of 200 characters from 1 MB documents kept 200 MB. The copy goes through a concatenation, which V8 flattens into
 * storage of its own.
 */
export function ownString(text: string): string {
  return text.length < 13 ? text : flatString(`${text}\n`).slice(0, -1);
}

/** Maps offsets to positions. Docker splits lines on "\n" only (a trailing "\r" is dropped), so a lone "\r" is not
 * a line break here either; that keeps our line numbers equal to the ones BuildKit reports. */
export class LineIndex {
  readonly lineStarts: number[];

  constructor(readonly text: string) {
    const starts = [0];
    let i = text.indexOf("\n");
    while (i !== -1) {
      starts.push(i + 1);
      i = text.indexOf("\n", i + 1);
    }
    this.lineStarts = starts;
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  /** 0-based line containing the offset. */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  position(offset: number): Position {
    const clamped = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineAt(clamped);
    return { line, character: clamped - this.lineStarts[line] };
  }

  range(span: Span): Range {
    return { start: this.position(span.start), end: this.position(span.end) };
  }

  offset(position: Position): number {
    if (position.line < 0) return 0;
    if (position.line >= this.lineStarts.length) return this.text.length;
    const lineStart = this.lineStarts[position.line];
    const lineEnd = this.lineEnd(position.line);
    return Math.min(lineStart + Math.max(0, position.character), lineEnd);
  }

  /** Offset of the end of the line's content, before "\r\n" or "\n". */
  lineEnd(line: number): number {
    const next = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] : this.text.length + 1;
    let end = next - 1;
    if (end > this.text.length) end = this.text.length;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13 && end < next) end--;
    return end;
  }

  lineText(line: number): string {
    return this.text.slice(this.lineStarts[line], this.lineEnd(line));
  }
}
