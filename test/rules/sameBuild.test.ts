import { describe, expect, it } from "vitest";
import { fixed, fixedUnsafe } from "./helpers.js";
import { firstDifference } from "./sameBuild.js";

// The corpus test relies on this checker; these cases show it sees what an unsafe fix changes and lets through what
// a safe fix may change.
describe("the same-build checker the corpus --fix test uses", () => {
  it("sees what unsafe fixes change: packages, commands, instructions", () => {
    const apt = "FROM debian:12\nRUN apt-get install -y curl\n";
    expect(firstDifference(apt, fixedUnsafe(apt, "DL3015"))).toContain("--no-install-recommends");
    const runs = "FROM alpine:3.20\nRUN cd /tmp\nRUN make\n";
    expect(firstDifference(runs, fixedUnsafe(runs, "DL3059"))).toBe(
      'instruction 2: RUN | stage 0 |  ["cd","/tmp"]  ->  RUN | stage 0 |  ["cd","/tmp"] | && ["make"]',
    );
    const typo = "FROM alpine:3.20\nRUNN make\n";
    expect(firstDifference(typo, fixedUnsafe(typo, "DF001"))).toBe(
      // An unknown instruction has no words: Docker rejects it.
      'instruction 2: RUNN | stage 0  ->  RUN | stage 0 |  ["make"]',
    );
    const cmd = "FROM alpine:3.20\nCMD ['sh', '-c', 'x']\n";
    expect(firstDifference(cmd, fixedUnsafe(cmd, "DF201"))).toBeDefined();
  });

  it("lets through casing, equivalent spellings and the insertions classed safe", () => {
    const text = [
      "FROM golang:1.22 as Build",
      "run apt-get install curl && pip install flask==3.0.3",
      "env GOFLAGS -mod=vendor",
      "expose 80/TCP",
      "from alpine:3.20",
      "copy --from=Build /a /b /dst",
      "",
    ].join("\n");
    const runs = "FROM alpine:3.20\nRUN make\nRUN make install\n";
    expect(fixed(runs, "DL3059")).toBe("FROM alpine:3.20\nRUN make \\\n    && make install\n");
    expect(firstDifference(runs, fixed(runs, "DL3059"))).toBeUndefined();
    let out = text;
    for (const code of ["DF104", "DF102", "DF101", "DL3014", "DL3042", "DF108", "DF114", "DL3021"])
      out = fixed(out, code);
    expect(out).toBe(
      [
        "from golang:1.22 as build",
        "run apt-get install -y curl && pip install --no-cache-dir flask==3.0.3",
        "env GOFLAGS=-mod=vendor",
        "expose 80/tcp",
        "from alpine:3.20",
        "copy --from=build /a /b /dst/",
        "",
      ].join("\n"),
    );
    expect(firstDifference(text, out)).toBeUndefined();
  });
});
