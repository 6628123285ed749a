import { INSTRUCTIONS, type Span } from "../../grammar/index.js";
import { INSTRUCTION_DOCS } from "./docs/instructions.js";
import type { DocumentSnapshot } from "./snapshot.js";

export type CompletionKind =
  | "instruction"
  | "flag"
  | "value"
  | "stage"
  | "variable"
  | "directive"
  | "keyword"
  | "signal"
  | "option"
  | "rule";

/** One completion proposal, as plain data; the language server turns it into an LSP CompletionItem. */
export interface CompletionItemData {
  label: string;
  kind: CompletionKind;
  detail?: string;
  /** Markdown. */
  documentation?: string;
  /** Text to insert instead of the label; a snippet (`${1:name}`) when `isSnippet`. */
  insertText?: string;
  isSnippet?: boolean;
  /** The range the item replaces: the word being typed, so that the client's prefix filtering works. */
  replace: Span;
  sortText?: string;
  filterText?: string;
}

export interface CompletionOptions {
  /** The client supports snippets. */
  snippets: boolean;
}

/** Proposals for the text at `offset` (a UTF-16 offset into `doc.text`). */
export function complete(
  doc: DocumentSnapshot,
  offset: number,
  _options: CompletionOptions,
): CompletionItemData[] {
  const text = doc.text;
  let start = offset;
  while (start > 0 && /[A-Za-z]/.test(text[start - 1])) start--;
  let lineStart = start;
  while (lineStart > 0 && (text[lineStart - 1] === " " || text[lineStart - 1] === "\t")) lineStart--;
  if (lineStart > 0 && text[lineStart - 1] !== "\n") return [];
  const replace = { start, end: offset };
  return INSTRUCTIONS.map((keyword, i) => ({
    label: keyword,
    kind: "instruction" as const,
    documentation: INSTRUCTION_DOCS[keyword].summary,
    replace,
    sortText: String(i).padStart(2, "0"),
  }));
}
