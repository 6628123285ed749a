import type { DockerfileAst, Span } from "../../../grammar/index.js";

/** How a keyword is written: Docker accepts `RUN` and `run` alike; its checks want one casing per word and file. */
export type Casing = "upper" | "lower" | "mixed";

export function casingOf(text: string): Casing {
  const upper = text.toUpperCase();
  const lower = text.toLowerCase();
  // A word without letters is both; call it upper, the casing Docker's documentation uses.
  if (text === upper) return "upper";
  if (text === lower) return "lower";
  return "mixed";
}

export function inCasing(text: string, casing: "upper" | "lower"): string {
  return casing === "upper" ? text.toUpperCase() : text.toLowerCase();
}

/** The document text of a span, as written (keywords keep their casing here; `Instruction.keyword` does not). */
export function sourceText(ast: DockerfileAst, span: Span): string {
  return ast.text.slice(span.start, span.end);
}
