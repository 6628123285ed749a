import {
  type Diagnostic,
  DiagnosticSeverity,
  DiagnosticTag,
  type Range,
  type TextEdit,
} from "vscode-languageserver/node.js";
import type { TextDocument } from "vscode-languageserver-textdocument";
import type { Span } from "../../grammar/index.js";
import { helpUri } from "../rules/docs.js";
import type { TextEdit as DfTextEdit, Finding, Severity } from "../rules/types.js";

// hadolint's `style` findings are suggestions, but Hint would hide them from VS Code's Problems panel, where people
// look for them; they share Information with `info`.
const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
  style: DiagnosticSeverity.Information,
};

/** Offsets are UTF-16 code units into the text, which is what LSP characters count by default. */
export function toRange(doc: TextDocument, span: Span): Range {
  return { start: doc.positionAt(span.start), end: doc.positionAt(span.end) };
}

export function toSpan(doc: TextDocument, range: Range): Span {
  const a = doc.offsetAt(range.start);
  const b = doc.offsetAt(range.end);
  return a <= b ? { start: a, end: b } : { start: b, end: a };
}

export function toTextEdit(doc: TextDocument, e: DfTextEdit): TextEdit {
  return { range: toRange(doc, e.span), newText: e.newText };
}

export function toDiagnostic(doc: TextDocument, f: Finding): Diagnostic {
  const d: Diagnostic = {
    range: toRange(doc, f.span),
    severity: SEVERITY[f.severity],
    code: f.code,
    codeDescription: { href: helpUri(f.code) },
    source: "dflint",
    message: f.message,
  };
  if (f.tags?.length) {
    d.tags = f.tags.map((t) => (t === "deprecated" ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  }
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => ({
      location: { uri: doc.uri, range: toRange(doc, r.span) },
      message: r.message,
    }));
  }
  return d;
}
