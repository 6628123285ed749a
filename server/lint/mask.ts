/**
 * Keeping credentials out of the output. A finding may carry `secret`, the span of a credential in the source (DF215).
 * Messages never quote it, but other things could: another rule's message that quotes the same word, a source excerpt
 * under a finding, a fingerprint hashed from the source line, the context lines of a `--fix-dry-run` diff. Everything
 * here replaces the credential's characters with `*`, keeping lengths and line breaks so that positions still hold.
 */
import type { Span } from "../../grammar/index.js";
import type { Finding } from "../rules/types.js";

const STAR = "*";

/** The credentials' spans of a file's findings, in order. */
export function secretSpans(findings: readonly Finding[]): Span[] {
  const spans: Span[] = [];
  // By index: in a cold run a for-of allocates an iterator result per step, and this sees every finding.
  for (let k = 0; k < findings.length; k++) {
    const secret = findings[k].secret;
    if (secret) spans.push(secret);
  }
  return spans.sort((a, b) => a.start - b.start);
}

/** The text with every character of the spans (line breaks excepted) replaced by `*`: same length, same lines. */
export function maskSpans(text: string, spans: readonly Span[]): string {
  if (spans.length === 0) return text;
  let out = "";
  let at = 0;
  for (const s of spans) {
    if (s.start < at) continue;
    out += text.slice(at, s.start) + text.slice(s.start, s.end).replace(/[^\r\n]/g, STAR);
    at = s.end;
  }
  return out + text.slice(at);
}

/** The lines of the credentials (a private key spans many), each long enough not to hit ordinary words. */
function pieces(source: string, spans: readonly Span[]): string[] {
  const out = new Set<string>();
  for (const s of spans) {
    for (const line of source.slice(s.start, s.end).split(/\r?\n/)) {
      const piece = line.trim();
      if (piece.length >= 4) out.add(piece);
    }
  }
  // Longest first, so that a piece inside another is not replaced before it.
  return [...out].sort((a, b) => b.length - a.length);
}

/** Any text (a message, a diff) with the credentials of `source` at `spans` replaced by `*` wherever they occur. */
export function maskOccurrences(text: string, source: string, spans: readonly Span[]): string {
  let out = text;
  for (const piece of pieces(source, spans)) {
    if (out.includes(piece)) out = out.split(piece).join(STAR.repeat(piece.length));
  }
  return out;
}

/** Masks the file's credentials in every message, related message and fix title of its findings, in place. */
export function maskSecrets(findings: Finding[], source: string): void {
  const spans = secretSpans(findings);
  if (spans.length === 0) return;
  const mask = (s: string) => maskOccurrences(s, source, spans);
  for (const f of findings) {
    f.message = mask(f.message);
    if (f.related) f.related = f.related.map((r) => ({ ...r, message: mask(r.message) }));
    if (f.fixes) f.fixes = f.fixes.map((x) => ({ ...x, title: mask(x.title) }));
  }
}
