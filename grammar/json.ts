import type { Span } from "./text.js";

export type JsonType = "string" | "number" | "boolean" | "null" | "array" | "object";

export interface JsonElement {
  type: JsonType;
  span: Span;
  /** The decoded string, for string elements. */
  value?: string;
}

export type JsonArrayResult =
  | { ok: true; elements: JsonElement[]; span: Span }
  | {
      ok: false;
      message: string;
      offset: number /** The quote character when a `'` stood where JSON needs `"`. */;
      singleQuote?: number;
    };

const MAX_DEPTH = 512;

class JsonFail {
  constructor(
    readonly message: string,
    readonly offset: number,
    readonly singleQuote?: number,
  ) {}
}

/**
 * Parses `text[start:end]` as one JSON array (after optional JSON whitespace) with nothing but whitespace after it,
 * accepting exactly what a standard JSON decoder accepts, and records the span of every element so tools can
 * point at it. Docker falls back to the shell form when this fails, so the failure is data, not an exception.
 */
export function parseJsonArray(text: string, start: number, end: number): JsonArrayResult {
  const p = new JsonScanner(text, end);
  try {
    let pos = p.ws(start);
    if (text.charCodeAt(pos) !== 91 || pos >= end) throw new JsonFail("expected '['", pos);
    const arrayStart = pos;
    const elements: JsonElement[] = [];
    pos = p.array(pos, 0, elements);
    const arrayEnd = pos;
    pos = p.ws(pos);
    if (pos < end) throw new JsonFail("unexpected text after the closing ']'", pos);
    return { ok: true, elements, span: { start: arrayStart, end: arrayEnd } };
  } catch (e) {
    if (e instanceof JsonFail)
      return { ok: false, message: e.message, offset: e.offset, singleQuote: e.singleQuote };
    throw e;
  }
}

class JsonScanner {
  constructor(
    readonly text: string,
    readonly end: number,
  ) {}

  ws(pos: number): number {
    const t = this.text;
    while (pos < this.end) {
      const c = t.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else break;
    }
    return pos;
  }

  /** Parses an array starting at `[`; pushes top-level elements into `out` when given. Returns the end offset. */
  array(pos: number, depth: number, out?: JsonElement[]): number {
    if (depth > MAX_DEPTH) throw new JsonFail("JSON nested too deeply", pos);
    pos = this.ws(pos + 1);
    if (this.text.charCodeAt(pos) === 93 && pos < this.end) return pos + 1;
    for (;;) {
      pos = this.value(pos, depth, out);
      pos = this.ws(pos);
      const c = pos < this.end ? this.text.charCodeAt(pos) : -1;
      if (c === 44) {
        pos = this.ws(pos + 1);
        continue;
      }
      if (c === 93) return pos + 1;
      throw new JsonFail(c === -1 ? "missing ']' at the end of the array" : "expected ',' or ']'", pos);
    }
  }

  value(pos: number, depth: number, out?: JsonElement[]): number {
    const t = this.text;
    const c = pos < this.end ? t.charCodeAt(pos) : -1;
    const start = pos;
    let type: JsonType;
    let value: string | undefined;
    if (c === 34) {
      const r = this.string(pos);
      pos = r.end;
      value = r.value;
      type = "string";
    } else if (c === 91) {
      pos = this.array(pos, depth + 1);
      type = "array";
    } else if (c === 123) {
      pos = this.object(pos, depth + 1);
      type = "object";
    } else if (c === 45 || (c >= 48 && c <= 57)) {
      pos = this.number(pos);
      type = "number";
    } else if (t.startsWith("true", pos) && pos + 4 <= this.end) {
      pos += 4;
      type = "boolean";
    } else if (t.startsWith("false", pos) && pos + 5 <= this.end) {
      pos += 5;
      type = "boolean";
    } else if (t.startsWith("null", pos) && pos + 4 <= this.end) {
      pos += 4;
      type = "null";
    } else if (c === 39) {
      throw new JsonFail("strings must use double quotes, not single quotes", pos, pos);
    } else if (c === 0x2018 || c === 0x2019 || c === 0x201c || c === 0x201d) {
      throw new JsonFail("typographic quote where JSON needs a plain double quote", pos, pos);
    } else {
      throw new JsonFail(c === -1 ? "missing value" : "expected a value", pos);
    }
    out?.push({ type, span: { start, end: pos }, value });
    return pos;
  }

  object(pos: number, depth: number): number {
    if (depth > MAX_DEPTH) throw new JsonFail("JSON nested too deeply", pos);
    pos = this.ws(pos + 1);
    if (this.text.charCodeAt(pos) === 125 && pos < this.end) return pos + 1;
    for (;;) {
      if (this.text.charCodeAt(pos) !== 34 || pos >= this.end)
        throw new JsonFail("expected a string key", pos);
      pos = this.ws(this.string(pos).end);
      if (this.text.charCodeAt(pos) !== 58 || pos >= this.end) throw new JsonFail("expected ':'", pos);
      pos = this.ws(this.value(this.ws(pos + 1), depth));
      const c = pos < this.end ? this.text.charCodeAt(pos) : -1;
      if (c === 44) {
        pos = this.ws(pos + 1);
        continue;
      }
      if (c === 125) return pos + 1;
      throw new JsonFail("expected ',' or '}'", pos);
    }
  }

  string(pos: number): { end: number; value: string } {
    const t = this.text;
    const open = pos;
    pos++;
    let value = "";
    let chunk = pos;
    while (pos < this.end) {
      const c = t.charCodeAt(pos);
      if (c === 34) {
        value += t.slice(chunk, pos);
        return { end: pos + 1, value };
      }
      if (c < 32) throw new JsonFail("control character inside a string", pos);
      if (c === 92) {
        value += t.slice(chunk, pos);
        const e = pos + 1 < this.end ? t.charCodeAt(pos + 1) : -1;
        switch (e) {
          case 34:
            value += '"';
            break;
          case 92:
            value += "\\";
            break;
          case 47:
            value += "/";
            break;
          case 98:
            value += "\b";
            break;
          case 102:
            value += "\f";
            break;
          case 110:
            value += "\n";
            break;
          case 114:
            value += "\r";
            break;
          case 116:
            value += "\t";
            break;
          case 117: {
            const hex = t.slice(pos + 2, pos + 6);
            if (pos + 6 > this.end || !/^[0-9a-fA-F]{4}$/.test(hex))
              throw new JsonFail("bad \\u escape", pos);
            value += String.fromCharCode(Number.parseInt(hex, 16));
            pos += 4;
            break;
          }
          default:
            throw new JsonFail("invalid escape in string", pos);
        }
        pos += 2;
        chunk = pos;
        continue;
      }
      pos++;
    }
    throw new JsonFail("unterminated string", open);
  }

  number(pos: number): number {
    const m = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
    m.lastIndex = pos;
    const r = m.exec(this.text);
    if (!r || pos + r[0].length > this.end) throw new JsonFail("invalid number", pos);
    return pos + r[0].length;
  }
}
