import { parse } from "../../grammar/index.js";
import type { DocumentSnapshot } from "../../server/features/snapshot.js";
import { lintModel } from "../../server/lint/index.js";
import { buildModel } from "../../server/model/model.js";

/** A snapshot the way the document store builds one: parse, model, lint. */
export function snapshot(text: string): DocumentSnapshot {
  const ast = parse(text);
  const model = buildModel(ast);
  return {
    uri: "file:///Dockerfile",
    version: 1,
    text,
    lines: ast.lines,
    ast,
    model,
    findings: lintModel(model),
  };
}

/**
 * A document with a cursor: `|` marks the offset (removed from the text). Use `cursor(text, "|")` only where the
 * Dockerfile has no `|` of its own; otherwise pass another marker.
 */
export function at(source: string, marker = "|"): { doc: DocumentSnapshot; offset: number } {
  const offset = source.indexOf(marker);
  if (offset < 0) throw new Error(`no ${marker} in the text`);
  return { doc: snapshot(source.slice(0, offset) + source.slice(offset + marker.length)), offset };
}

export function textOf(doc: DocumentSnapshot, span: { start: number; end: number }): string {
  return doc.text.slice(span.start, span.end);
}
