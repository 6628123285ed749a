import type { Severity } from "../../rules/types.js";
import { type Formatter, fingerprints, itemList, locate, type PartedFormat } from "./report.js";

const CODECLIMATE_SEVERITY: Record<Severity, string> = {
  error: "critical",
  warning: "major",
  info: "minor",
  style: "info",
};

/**
 * GitLab's Code Quality report: the subset of Code Climate's format that GitLab reads. Written an issue at a time,
 * in the bytes `JSON.stringify(list, null, 2)` gives for the whole list (each item is its own JSON indented one
 * level more; a JSON text holds no raw newline but its layout's), so a report of many findings is never one string.
 */
const list = itemList({
  items(r, _ctx, add) {
    const prints = fingerprints(r);
    for (let i = 0; i < r.findings.length; i++) {
      const f = r.findings[i];
      const at = locate(r, f);
      const issue = {
        description: `${f.code}: ${f.message}`,
        check_name: f.code,
        fingerprint: prints[i],
        severity: CODECLIMATE_SEVERITY[f.severity],
        location: { path: r.file, lines: { begin: at.line, end: at.endLine } },
      };
      add(JSON.stringify(issue, null, 2).replaceAll("\n", "\n  "));
    }
  },
  open: "[\n  ",
  separator: ",\n  ",
  close: "\n]\n",
  empty: "[]\n",
});

export const gitlabCodeclimate: Formatter = list.format;
export const gitlabCodeclimateParts: PartedFormat = list.parts;
