import type { Flag, Span } from "../../../grammar/index.js";

/** The span that removes a flag cleanly: the flag and the blanks after it. */
export function flagRemovalSpan(flag: Flag, text: string): Span {
  let end = flag.span.end;
  while (text[end] === " " || text[end] === "\t") end++;
  return { start: flag.span.start, end };
}
