import type { Span } from "../../grammar/index.js";
import { instructionHover } from "./docs/instructions.js";
import type { DocumentSnapshot } from "./snapshot.js";

export interface Hover {
  markdown: string;
  /** The hovered range. */
  span: Span;
}

/** What to show for the text at `offset` (a UTF-16 offset into `doc.text`), or undefined when there is nothing. */
export function hover(doc: DocumentSnapshot, offset: number): Hover | undefined {
  const instruction = doc.model.instructionAt(offset);
  if (!instruction) return undefined;
  const kw = instruction.keywordSpan;
  if (instruction.known && offset >= kw.start && offset <= kw.end) {
    return { markdown: instructionHover(instruction.keyword), span: kw };
  }
  return undefined;
}
