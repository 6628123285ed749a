import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { fixText, lint } from "../../server/lint/index.js";
import { RULES } from "../../server/rules/index.js";
import { firstDifference } from "./sameBuild.js";

const declared = new Map(RULES.map((r) => [r.code, r.fixes ?? []]));

const root = new URL("../../../shared/corpus/", import.meta.url);
const present = existsSync(root);

function corpus(): { name: string; text: string }[] {
  const manifest = readFileSync(new URL("real/MANIFEST.tsv", root), "utf8").trim().split("\n").slice(1);
  const files = manifest.map((line) => line.split("\t")[0]);
  return [
    ...files.map((name) => ({ name, text: readFileSync(new URL(`real/${name}`, root), "utf8") })),
    {
      name: "large/monorepo-large.Dockerfile",
      text: readFileSync(new URL("large/monorepo-large.Dockerfile", root), "utf8"),
    },
  ];
}

describe.skipIf(!present)("linting the real-world corpus (../shared/corpus)", () => {
  if (!present) return;
  const files = corpus();

  it("lints every file without an internal rule error, with every finding inside its file", () => {
    const problems: string[] = [];
    for (const { name, text } of files) {
      for (const f of lint(text).findings) {
        if (f.message.startsWith("internal error")) problems.push(`${name}: ${f.code} ${f.message}`);
        if (f.span.start < 0 || f.span.end > text.length || f.span.start > f.span.end) {
          problems.push(`${name}: ${f.code} span ${f.span.start}-${f.span.end} outside 0-${text.length}`);
        }
        for (const fix of f.fixes ?? []) {
          // The rule's metadata is the one statement of its fixes' classes (docs and --list-rules read it).
          if (!declared.get(f.code)?.some((k) => k.safety === fix.safety && k.reason === fix.reason))
            problems.push(`${name}: ${f.code} fix '${fix.title}' is not among the rule's declared fixes`);
        }
        for (const e of (f.fixes ?? []).flatMap((x) => x.edits)) {
          if (e.span.start < 0 || e.span.end > text.length || e.span.start > e.span.end) {
            problems.push(`${name}: ${f.code} fix edit outside the file`);
          }
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("fixes every file (safe fixes, as --fix) without making it parse worse, running the same commands, and a second --fix finds nothing more to do", () => {
    const problems: string[] = [];
    let changed = 0;
    for (const { name, text } of files) {
      const first = fixText(text);
      if (parse(first.text).errors.length > parse(text).errors.length)
        problems.push(`${name}: parses worse after fixing`);
      if (first.text !== text) changed++;
      // Same instructions, flags, stages and shell commands, word for word, up to what the safe fixes may change.
      const difference = first.text === text ? undefined : firstDifference(text, first.text);
      if (difference) problems.push(`${name}: builds differently after --fix: ${difference}`);
      const second = fixText(first.text);
      if (second.applied.length > 0) {
        problems.push(
          `${name}: fixes did not settle: ${second.applied.map((c) => c.finding.code).join(", ")} still apply`,
        );
      }
    }
    expect(problems).toEqual([]);
    // The check above must have had something to check.
    expect(changed).toBeGreaterThan(100);
  });
});

if (!present) {
  describe("linting the real-world corpus", () => {
    it.skip("skipped: ../shared/corpus is absent", () => {});
  });
}
