import { flatString } from "../../grammar/index.js";
import type { Finding, FindingTag, Fix, RelatedLocation } from "../rules/types.js";

/**
 * The texts of one lint's findings, one copy of each, for a large document (LARGE_DOCUMENT; RuleRun.report): a
 * message is built from template parts (a cons string of ~4.5 nodes of 32 bytes), and findings live as long as the
 * report, so each message is flattened once and the same text reported again (the same packages missing a version in
 * every stage, the same advice) is the first copy.
 * Lookups hash the text, which V8 does over a flat copy it makes anyway. With the finding built as one literal (see
 * RuleRun.report) and shared tags: the findings of the generated 1 MB file retained 14.2 -> 8.6 MB (heap snapshot;
 * messages 4.6 -> 0.8 MB, fixes' replacement texts 1.0 -> 0.05 MB), the 10 MB file's peak RSS 678 -> 641 MB (three
 * fresh processes each); a warm lint of the 1 MB file costs the same CPU time (1003 vs 1027 ms, medians of 8).
 * Spans are not pooled: a map of every finding's start, to share the span objects several rules make for one range
 * (apt-get install's action for DL3008, DL3014 and DL3015), saved 4 MB of the 10 MB file's findings but was itself
 * live at the lint's peak; without it the peak RSS went 491-494 -> 455-467 MB and the lint 3.7-4.0 -> 3.5-3.7 s
 * (3 fresh processes each, alternating).
 * What the findings cost the 10 MB file as a whole (2026-12-03, `report` made a no-op, 2 fresh processes each): the
 * lint 3.49-3.84 -> 2.83-2.96 s and the peak RSS 454 -> 340 MB, though the rules still built every message, span and
 * fix. `of` is ~200 ms of it (CPU profile). V8 flattens a text to hash it and to compare it, and that is most of the
 * cost: in a loop over 70k template messages, flattening alone took 185 ns a message, flattening and the lookup 430;
 * a cache of the last text of each length in front of the map took 10% off.
 */
export class FindingPool {
  private readonly seen = new Map<string, string>();

  of(text: string): string {
    const known = this.seen.get(text);
    if (known !== undefined) return known;
    const own = flatString(text);
    this.seen.set(own, own);
    return own;
  }

  /** The rule's related locations, their messages shared (the objects are the report call's own). */
  related(list: RelatedLocation[]): RelatedLocation[] {
    for (let k = 0; k < list.length; k++) {
      const r = list[k];
      r.message = this.of(r.message);
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
