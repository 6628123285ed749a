import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";
import { LARGE_DOCUMENT } from "../../server/model/model.js";
import { RULES } from "../../server/rules/index.js";
import { defineRule, type Finding, type Rule } from "../../server/rules/types.js";

const docs = { what: "", why: "", bad: "", good: "" };

/** A rule that reports every instruction it is handed, by keyword and start offset. */
function recorder(kinds: Rule["instructions"], seen: string[]): Rule {
  return defineRule({
    code: "DF999",
    aliases: [],
    severity: "info",
    title: "test",
    docs,
    instructions: kinds,
    visit(ctx, instruction) {
      seen.push(`${instruction.keyword}@${instruction.span.start}`);
      ctx.report({ span: instruction.keywordSpan, message: instruction.keyword });
    },
  });
}

describe("the one walk of the file (Rule.instructions + visit)", () => {
  it("every rule has check, or visit with the kinds it wants", () => {
    const without = RULES.filter((r) => !r.check && !(r.visit && r.instructions?.length)).map((r) => r.code);
    expect(without).toEqual([]);
  });

  it("hands a rule only the kinds it registered, ONBUILD triggers right after their ONBUILD", () => {
    const seen: string[] = [];
    const text = "FROM alpine\nRUN a\nONBUILD RUN b\nCOPY x /y\nRUN c\n";
    lint(text, { rules: [recorder(["RUN", "ONBUILD"], seen)] });
    expect(seen).toEqual(["RUN@12", "ONBUILD@18", "RUN@26", "RUN@42"]);
  });

  it("hands `*` rules every instruction, unknown keywords too", () => {
    const seen: string[] = [];
    lint("FROM alpine\nFOO bar\n", { rules: [recorder(["*"], seen)] });
    expect(seen).toEqual(["FROM@0", "FOO@12"]);
  });

  it("reports a rule that throws once per file, keeps its earlier findings and stops calling it", () => {
    let calls = 0;
    const broken = defineRule({
      code: "DF998",
      aliases: [],
      severity: "info",
      title: "test",
      docs,
      instructions: ["RUN"],
      visit(ctx, instruction) {
        calls++;
        if (calls === 2) throw new Error("boom");
        ctx.report({ span: instruction.keywordSpan, message: "seen" });
      },
    });
    const { findings } = lint("FROM alpine\nRUN a\nRUN b\nRUN c\n", { rules: [broken] });
    expect(calls).toBe(2);
    expect(findings.map((f) => `${f.code} ${f.severity} ${f.message}`)).toEqual([
      "DF998 error internal error in rule DF998: boom",
      "DF998 info seen",
    ]);
    // The next file, linted with the same plan (the same rule list), gets the rule again from its first RUN on.
    const rules = [broken];
    lint("FROM alpine\nRUN a\n", { rules });
    calls = 1;
    const next = lint("FROM alpine\nRUN a\nRUN b\n", { rules }).findings;
    expect(next.map((f) => f.message)).toEqual(["internal error in rule DF998: boom"]);
    const after = lint("FROM alpine\nRUN a\nRUN b\n", { rules }).findings;
    expect(after.map((f) => f.message)).toEqual(["seen", "seen"]);
  });

  it("lints a file with hundreds of thousands of findings (no spread of them onto the stack)", () => {
    const text = `FROM alpine\n${"MAINTAINER x\n".repeat(200_000)}`;
    const { findings } = lint(text, { only: ["DL4000"] });
    expect(findings.length).toBe(200_000);
  });
});

describe("large documents (LARGE_DOCUMENT: pooled texts, shared RUN words)", () => {
  it("give the same findings, fixes and related locations as a small one", () => {
    const small = [
      "FROM debian:latest AS build",
      "MAINTAINER team@example.com",
      "RUN sudo apt-get update && apt-get install curl wget && apt-get install curl",
      "RUN cd /tmp && pip install requests && npm install -g yarn",
      "WORKDIR opt/app",
      "ADD app.tar.gz /opt/",
      "FROM build",
      "RUN apt-get install curl && pip install requests",
      "CMD echo $HOME",
      "",
    ].join("\n");
    // Comments after the last instruction change nothing but the size.
    const large = small + `# ${"x".repeat(78)}\n`.repeat(Math.ceil(LARGE_DOCUMENT / 80));
    expect(large.length).toBeGreaterThanOrEqual(LARGE_DOCUMENT);
    const every = { only: RULES.map((r) => r.code) };
    const plain = (f: Finding) => JSON.parse(JSON.stringify(f));
    const want = lint(small, every).findings.map(plain);
    expect(want.length).toBeGreaterThan(20);
    expect(want.some((f) => f.fixes) && want.some((f) => f.related)).toBe(true);
    expect(lint(large, every).findings.map(plain)).toEqual(want);
  });
});
