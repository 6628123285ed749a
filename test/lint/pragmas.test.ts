import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { type LintOptions, lint } from "../../server/lint/index.js";
import { ignorePragmas } from "../../server/model/pragmas.js";

/** `CODE line` (1-based) of each finding, `CODE line suppressed-by-line "reason"` for silenced ones. */
function seen(text: string, options: LintOptions = {}): string[] {
  const { ast, findings } = lint(text, { keepSuppressed: true, ...options });
  const line = (offset: number) => ast.lines.position(offset).line + 1;
  return findings
    .filter((f) => !options.only || options.only.includes(f.code))
    .map((f) => {
      if (!f.suppressed) return `${f.code} ${line(f.span.start)}`;
      const reason = f.suppressed.reason === undefined ? "" : ` "${f.suppressed.reason}"`;
      return `${f.code} ${line(f.span.start)} by ${line(f.suppressed.span.start)}${reason}`;
    });
}

describe("ignore pragmas: reading them", () => {
  it("reads names with their exact ranges, the scope, the target and a reason=", () => {
    const text = "FROM a\n  # dflint ignore=DL3008, DL3009 reason=pinned by the snapshot\nRUN x\n";
    const [p] = ignorePragmas(parse(text));
    expect(p.scope).toBe("instruction");
    expect(p.names.map((n) => [n.name, text.slice(n.span.start, n.span.end), n.span.start])).toEqual([
      ["DL3008", "DL3008", 25],
      ["DL3009", "DL3009", 33],
    ]);
    expect(p.reason).toBe("pinned by the snapshot");
    expect(text.slice(p.target?.span.start, p.target?.span.end)).toBe("RUN x");
    expect(text.slice(p.span.start, p.span.end)).toBe(
      "# dflint ignore=DL3008, DL3009 reason=pinned by the snapshot",
    );
  });

  it("takes hadolint's trailing comment as the reason, and a quoted reason without its quotes", () => {
    const [a, b] = ignorePragmas(
      parse(
        '# hadolint ignore=DL3006 # base is pinned by digest\nFROM a\n# dflint ignore=DL3059 reason="two layers"\nRUN b\n',
      ),
    );
    expect(a.names.map((n) => n.name)).toEqual(["DL3006"]);
    expect(a.reason).toBe("base is pinned by digest");
    expect(b.reason).toBe("two layers");
  });

  it("reads global and stage scopes, and a pragma with no names", () => {
    const pragmas = ignorePragmas(parse("# hadolint global ignore=DL3059\n# dflint stage ignore=\nFROM a\n"));
    expect(pragmas.map((p) => [p.scope, p.names.length, p.target?.keyword])).toEqual([
      ["global", 1, undefined],
      ["stage", 0, "FROM"],
    ]);
  });
});

describe("ignore pragmas: what they silence", () => {
  it("keeps a silenced finding with the pragma and its reason when asked, and drops it otherwise", () => {
    const text = "FROM scratch\n# dflint ignore=DL3020 reason=an archive, unpacked on purpose\nADD a /a/\n";
    expect(seen(text, { only: ["DL3020"] })).toEqual(['DL3020 3 by 2 "an archive, unpacked on purpose"']);
    expect(lint(text, { only: ["DL3020"] }).findings).toEqual([]);
  });

  it("silences through a continued instruction and with the Windows escape character", () => {
    const text = "# escape=`\nFROM scratch\n# hadolint ignore=DL3020\nADD `\n  a `\n  /a/\nADD b /b/\n";
    expect(seen(text, { only: ["DL3020"] })).toEqual(["DL3020 4 by 3", "DL3020 7"]);
  });

  it("a global ignore runs the rule and marks its findings as silenced by the global pragma", () => {
    const text = "FROM scratch\nADD a /a/\n# hadolint global ignore=DL3020\nADD b /b/\n";
    expect(seen(text, { only: ["DL3020"] })).toEqual(["DL3020 2 by 3", "DL3020 4 by 3"]);
  });

  it("a stage ignore covers its stage only", () => {
    const text = "# dflint stage ignore=DL3020\nFROM scratch AS a\nADD a /a/\nFROM scratch\nADD b /b/\n";
    expect(seen(text, { only: ["DL3020"] })).toEqual(["DL3020 3 by 1", "DL3020 5"]);
  });

  it("--disable-ignore-pragma keeps every finding unsilenced", () => {
    const text = "FROM scratch\n# hadolint ignore=DL3020\nADD a /a/\n";
    expect(seen(text, { only: ["DL3020"], disableIgnorePragma: true })).toEqual(["DL3020 3"]);
  });
});

/**
 * Rules about a pair of instructions: hadolint reports DL4003/DL4004/DL3012 on the repeat, BuildKit's
 * MultipleInstructionsDisallowed on the instruction without effect. A pragma on either instruction silences the
 * finding, under either name.
 */
describe("ignore pragmas on rules about a pair of instructions", () => {
  const pairs: [code: string, first: string, second: string][] = [
    ["DL4003", "CMD a", "CMD b"],
    ["DL4004", "ENTRYPOINT a", "ENTRYPOINT b"],
    ["DL3012", "HEALTHCHECK CMD a", "HEALTHCHECK CMD b"],
  ];
  for (const [code, first, second] of pairs) {
    it(`${code}: reported on the repeat, silenced on either`, () => {
      expect(seen(`FROM a\n${first}\n${second}\n`, { only: [code] })).toEqual([`${code} 3`]);
      expect(seen(`FROM a\n${first}\n# hadolint ignore=${code}\n${second}\n`, { only: [code] })).toEqual([
        `${code} 4 by 3`,
      ]);
      expect(seen(`FROM a\n# hadolint ignore=${code}\n${first}\n${second}\n`, { only: [code] })).toEqual([
        `${code} 4 by 2`,
      ]);
    });
  }

  it("run as MultipleInstructionsDisallowed (on the one without effect), a pragma on the one that counts silences it", () => {
    const text = "FROM a\nCMD a\n# dflint ignore=DL4003\nCMD b\n";
    const { ast, findings } = lint(text, { only: ["MultipleInstructionsDisallowed"], keepSuppressed: true });
    expect(
      findings.map((f) => [f.code, ast.lines.lineAt(f.span.start) + 1, f.suppressed !== undefined]),
    ).toEqual([["DL4003", 2, true]]);
  });

  it("an alias in the pragma silences the rules it stands for", () => {
    const text = "FROM a\nCMD a\n# hadolint ignore=MultipleInstructionsDisallowed\nCMD b\n";
    expect(seen(text, { only: ["DL4003"] })).toEqual(["DL4003 4 by 3"]);
  });

  it("with three CMDs each repeat pairs with the CMD before it", () => {
    const text = "FROM a\n# hadolint ignore=DL4003\nCMD a\nCMD b\nCMD c\n";
    expect(seen(text, { only: ["DL4003"] })).toEqual(["DL4003 4 by 2", "DL4003 5"]);
  });

  it("a pragma on an instruction of another stage does not reach the pair", () => {
    const text = "FROM a\nCMD a\nCMD b\nFROM b\n# hadolint ignore=DL4003\nCMD c\n";
    expect(seen(text, { only: ["DL4003"] })).toEqual(["DL4003 3"]);
  });

  it("DL3024: a pragma on the first stage of the name or on the repeated one", () => {
    const text = "FROM a AS x\nFROM b AS x\n";
    expect(seen(text, { only: ["DL3024"] })).toEqual(["DL3024 2"]);
    expect(seen(`# hadolint ignore=DL3024\n${text}`, { only: ["DL3024"] })).toEqual(["DL3024 3 by 1"]);
    expect(seen("FROM a AS x\n# hadolint ignore=DL3024\nFROM b AS x\n", { only: ["DL3024"] })).toEqual([
      "DL3024 3 by 2",
    ]);
  });

  it("DL4001: a pragma on the RUN with the first tool or on the one with the second", () => {
    const text = "FROM a\nRUN curl -o a http://x\nRUN wget http://y\n";
    expect(seen(text, { only: ["DL4001"] })).toEqual(["DL4001 3"]);
    expect(
      seen(text.replace("RUN curl", "# hadolint ignore=DL4001\nRUN curl"), { only: ["DL4001"] }),
    ).toEqual(["DL4001 4 by 2"]);
  });
});

describe("ignore pragmas on DL3010 (COPY of an archive, then a RUN that extracts it)", () => {
  it("hadolint reports the COPY; a pragma on the COPY or on the extracting RUN silences it", () => {
    const text = "FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz\n";
    expect(seen(text, { only: ["DL3010"] })).toEqual(["DL3010 2"]);
    expect(seen(text.replace("RUN tar", "# hadolint ignore=DL3010\nRUN tar"), { only: ["DL3010"] })).toEqual([
      "DL3010 2 by 3",
    ]);
    expect(seen(text.replace("COPY", "# hadolint ignore=DL3010\nCOPY"), { only: ["DL3010"] })).toEqual([
      "DL3010 3 by 2",
    ]);
  });
});
