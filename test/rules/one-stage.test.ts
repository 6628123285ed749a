import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";

// Facts about many instructions of one stage are looked up, not found by reading the stage or the file's comments
// again for each instruction: that made these files take minutes. The tests' own time limit is what fails when that
// comes back.
describe("many instructions in one stage", () => {
  it("DL3025 names the SHELL in effect for 150,000 shell-form CMDs in one stage", () => {
    // shellInEffect read the stage from its start for each CMD: 60,000 CMDs took 15 s, and these over a minute.
    const cmds = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, k) => `CMD echo ${from + k}\n`).join("");
    const text = `FROM alpine AS base\n${cmds(0, 75000)}SHELL ["/bin/bash", "-c"]\n${cmds(75000, 150000)}FROM base\nCMD echo child\n`;
    const got = lint(text, { only: ["DL3025"] }).findings;
    expect(got).toHaveLength(150001);
    expect(got[74999].message).toBe(
      "CMD is in shell form: the command runs under /bin/sh -c, which does not forward signals",
    );
    const bash =
      "CMD is in shell form: it runs through the shell set by SHELL on line 75002, which stays the main process in place of your program; the JSON form starts the program directly";
    expect(got[75000].message).toBe(bash);
    expect(got[149999].message).toBe(bash);
    // The child stage inherits the SHELL its base stage ends with.
    expect(got[150000].message).toBe(bash);
    // As Docker's check, a SHELL in effect silences it.
    expect(lint(text, { only: ["JSONArgsRecommended"] }).findings).toHaveLength(75000);
  });

  it("DL3059 moves the comments between 100,000 RUN pairs into its fixes", () => {
    // The fix filtered every comment of the file for each pair: 70,000 commented RUNs took 58 s, these would take two minutes.
    const text = `FROM alpine\n${Array.from({ length: 100000 }, (_, i) => `# step ${i}\nRUN echo ${i}\n`).join("")}`;
    const result = lint(text, { only: ["DL3059"] });
    const got = result.findings;
    expect(got).toHaveLength(99999);
    const last = got[99998];
    expect(last.fixes?.[0].edits).toEqual([
      {
        span: { start: text.lastIndexOf("RUN echo 99998"), end: text.length - 1 },
        newText: "# step 99999\nRUN echo 99998 \\\n    && echo 99999",
      },
    ]);
  });
});
