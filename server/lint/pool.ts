import { flatString, type Span } from "../../grammar/index.js";
import type { Finding, FindingTag, Fix, RelatedLocation } from "../rules/types.js";

/**
 * The texts of one lint's findings, one copy of each: a message is built from template parts (a cons string of
 * ~4.5 nodes of 32 bytes), and findings live as long as the report, so each message is flattened once and the same
 * text reported again (the same packages missing a version in every stage, the same advice) is the first copy.
 * Lookups hash the text, which V8 does over a flat copy it makes anyway. With the finding built as one literal (see
 * RuleRun.report) and shared tags: the findings of the generated 1 MB file retained 14.2 -> 8.6 MB (heap snapshot;
 * messages 4.6 -> 0.8 MB, fixes' replacement texts 1.0 -> 0.05 MB), the 10 MB file's peak RSS 678 -> 641 MB (three
 * fresh processes each); a warm lint of the 1 MB file costs the same CPU time (1003 vs 1027 ms, medians of 8).
 */
export class FindingPool {
  private readonly seen = new Map<string, string>();
  /** The spans by start: one span, or the spans of several ends. */
  private readonly spans = new Map<number, Span | Span[]>();

  of(text: string): string {
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    const own = flatString(text);
    this.seen.set(own, own);
    return own;
  }

  /**
   * The first span given of the same range. Rules make a span per call from words and offsets, and several rules
   * point at the same words: apt-get install's action for DL3008, DL3014 and DL3015, `-y` and
   * `--no-install-recommends` both inserted after it. Findings only read a span's start and end. Generated 1 MB
   * file, findings retained 8.6 -> 8.2 MB (heap snapshot); warm CPU of its lint within the noise (877 vs 877 ms
   * against the build before the pool, medians of 8).
   */
  span(span: Span): Span {
    const start = span.start;
    const end = span.end;
    const known = this.spans.get(start);
    if (known === undefined) {
      this.spans.set(start, span);
      return span;
    }
    if (!Array.isArray(known)) {
      if (known.end === end) return known;
      this.spans.set(start, [known, span]);
      return span;
    }
    for (let k = 0; k < known.length; k++) if (known[k].end === end) return known[k];
    known.push(span);
    return span;
  }

  /** The rule's related locations, their messages shared (the objects are the report call's own). */
  related(list: RelatedLocation[]): RelatedLocation[] {
    for (let k = 0; k < list.length; k++) {
      const r = list[k];
      r.message = this.of(r.message);
      r.span = this.span(r.span);
    }
    return list;
  }

  /**
   * The fixes with their titles flat and their replacement texts shared (a LABEL built from parts was a chain of 13
   * nodes; ` -y` after each apt-get install a string of its own). The edits are the report call's own.
   */
  fixes(list: Fix[]): Fix[] {
    for (let k = 0; k < list.length; k++) {
      const fix = list[k];
      flatString(fix.title);
      const edits = fix.edits;
      for (let e = 0; e < edits.length; e++) {
        const edit = edits[e];
        edit.newText = this.of(edit.newText);
        edit.span = this.span(edit.span);
      }
    }
    return list;
  }
}

const UNNECESSARY: FindingTag[] = ["unnecessary"];
const DEPRECATED: FindingTag[] = ["deprecated"];

/** A finding's tags: the usual single tag as one array for all findings. */
export function sharedTags(tags: FindingTag[]): Finding["tags"] {
  if (tags.length !== 1) return tags;
  return tags[0] === "deprecated" ? DEPRECATED : tags[0] === "unnecessary" ? UNNECESSARY : tags;
}
