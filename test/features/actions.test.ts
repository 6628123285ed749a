import { describe, expect, it } from "vitest";
import { codeActions } from "../../server/features/actions.js";
import { snapshot } from "./helpers.js";

describe("code actions", () => {
  it("answers a request over a whole file of 100,000 findings of one rule", () => {
    // The findings of each code were gathered by copying the list for every finding: 27,000 took 12.5 s.
    const doc = snapshot(
      `FROM alpine\n${Array.from({ length: 100000 }, (_, i) => `CMD echo ${i}\n`).join("")}`,
    );
    const actions = codeActions(doc, { start: 0, end: doc.text.length });
    const ignoreFile = actions.find((a) => a.title === "Ignore DL3025 for this file");
    expect(ignoreFile?.findings).toHaveLength(100000);
    expect(ignoreFile?.edits).toEqual([
      { span: { start: 0, end: 0 }, newText: "# dflint global ignore=DL3025\n" },
    ]);
    const execForm = actions.filter(
      (a) => a.findings[0]?.code === "DL3025" && a.edits && !a.title.startsWith("Ignore"),
    );
    expect(execForm).toHaveLength(100000);
    expect(execForm[99999].edits?.[0].newText).toBe('["echo", "99999"]');
  });
});
