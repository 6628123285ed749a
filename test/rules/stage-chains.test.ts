import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";
import { RULES } from "../../server/rules/index.js";
import { findings } from "./helpers.js";

const EVERY_RULE = { only: RULES.map((r) => r.code) };

/** `n` stages, each built FROM the one before, the first FROM scratch; each has a shell-form CMD and a relative
 * WORKDIR nested in the one before it. */
function scratchChain(n: number): string {
  let text = "FROM scratch AS s0\n";
  for (let i = 0; i < n; i++)
    text += `FROM s${i} AS s${i + 1}\nCMD echo ${i}\nCOPY --from=s0 /a /b\nWORKDIR w${i}\n`;
  return text;
}

// Facts along long chains of stages are worked out once per stage (DF207, the working directory, the SHELL in
// effect, a stage's descendants): walking every chain again for each stage or instruction made these files take
// minutes or run out of memory. The tests' own time limit is what fails when that comes back.
describe("long chains of stages", () => {
  it("DF207 reports every CMD of 1,000 chained stages built FROM scratch", () => {
    const got = findings(scratchChain(1000), "DF207");
    expect(got).toHaveLength(1000);
    expect(got[999].message).toBe(
      "shell-form CMD runs /bin/sh -c, but stage 's1000' is built FROM scratch and nothing copies a shell into it: the container cannot start; use the JSON form",
    );
  });

  it("a stage below that copies a shell keeps DF207 quiet for the CMDs above it, over 1,000 stages", () => {
    const text = `${scratchChain(1000)}COPY --from=busybox:1.36 /bin/sh /bin/sh\n`;
    expect(findings(text, "DF207")).toHaveLength(0);
  });

  it("lints 4,000 chained stages with every rule on", () => {
    const result = lint(scratchChain(4000), EVERY_RULE);
    expect(result.findings.filter((f) => f.code === "DF207")).toHaveLength(4000);
    expect(result.findings.some((f) => f.message.startsWith("internal error"))).toBe(false);
  });

  it("lints 4,000 stages built FROM one base that each create a user", () => {
    let text = "FROM alpine:3.19 AS base\n";
    for (let i = 0; i < 4000; i++) text += `FROM base AS s${i}\nRUN adduser -D u${i}\n`;
    const result = lint(text, EVERY_RULE);
    expect(result.findings.filter((f) => f.code === "DF216")).toHaveLength(4000);
  });

  it("lints 16,000 users in one stage that each get a COPY into their home, a chown elsewhere and a USER", () => {
    // DF217 read every instruction after each user's command, and every chown for each COPY into a home: 4,000
    // useradd + COPY + USER triples took 15 s, 8,000 took 53 s, and 4,000 with a chown each 5.7 s; these would take
    // minutes. Now the file's COPY destinations and chown targets are indexed once.
    let text = "FROM debian:12\n";
    for (let i = 0; i < 16000; i++)
      text += `RUN useradd -m u${i}\nCOPY x /home/u${i}/x\nRUN chown u${i} /srv/${i}\nUSER u${i}\n`;
    const got = lint(text, EVERY_RULE).findings.filter((f) => f.code === "DF217");
    expect(got).toHaveLength(16000);
    expect(got[15999].message).toBe(
      "COPY puts files into /home/u15999/x, in the home of 'u15999', owned by root: 'u15999' (USER on line 64001) cannot change or delete them; add --chown=u15999",
    );
  });

  it("lints 32,000 users in one stage that each get a COPY and a chown, and one USER at the end, every rule on", () => {
    // For every user that no USER names, DF216 listed and read every later instruction, and DF216 and DF217 worked out
    // every later USER's value: 16,000 such users took more than 19 s, these would take over a minute.
    let text = "FROM debian:12\n";
    for (let i = 0; i < 32000; i++)
      text += `RUN useradd -m u${i}\nCOPY x /home/u${i}/x\nRUN chown u${i} /srv/${i}\n`;
    text += "USER u0\n";
    const found = lint(text, EVERY_RULE).findings;
    expect(found.filter((f) => f.code === "DF216")).toEqual([]);
    expect(found.filter((f) => f.code === "DF217").map((f) => f.message)).toEqual([
      "COPY puts files into /home/u0/x, in the home of 'u0', owned by root: 'u0' (USER on line 96002) cannot change or delete them; add --chown=u0",
    ]);
  });

  it("reports 48,000 users that nothing uses, every rule on", () => {
    // DF216 tested each user's name on every later instruction: 16,000 such users took 12.5 s, these would take
    // minutes. Now the words of the file's instructions are indexed once.
    const text = `FROM debian:12\n${Array.from({ length: 48000 }, (_, i) => `RUN useradd -m u${i}\n`).join("")}`;
    const got = lint(text, EVERY_RULE).findings.filter((f) => f.code === "DF216");
    expect(got).toHaveLength(48000);
    expect(got[47999].message).toContain("user 'u47999' is created but nothing uses it");
  });

  it("suggests a stage name after 64,000 stages built FROM an image with a bare name", () => {
    // DF205 and DL3022 collected the names of every earlier stage for each such FROM: 4,000 stages took 576 ms, these
    // would take minutes. Now each word's candidates are worked out once per file.
    const text = `${Array.from({ length: 64000 }, (_, i) => `FROM alpine AS s${i}\n`).join("")}FROM s63999x\n`;
    expect(
      lint(text, EVERY_RULE)
        .findings.filter((f) => f.code === "DF205")
        .map((f) => f.message),
    ).toEqual([
      "no stage is named 's63999x', so this pulls an image called 's63999x' (did you mean 's63999'?)",
    ]);
  });

  it("lints 8,000 users created and switched to in one stage", () => {
    let text = "FROM debian:12\n";
    for (let i = 0; i < 8000; i++) text += `RUN useradd -m u${i}\nUSER u${i}\n`;
    const result = lint(text, EVERY_RULE);
    expect(result.findings.filter((f) => f.code === "DF216" || f.code === "DF217")).toHaveLength(0);
  });
});
