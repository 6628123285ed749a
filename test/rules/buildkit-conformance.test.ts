import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type LintOptions, lint } from "../../server/lint/index.js";
import { contextOf } from "../../server/model/buildContext.js";
import { DOCKER_CHECK_NAMES } from "../../server/model/checkOptions.js";
import { RULES } from "../../server/rules/index.js";

/**
 * BuildKit's own build-check cases (../shared/conformance/buildkit-lint, see its README), replayed: for every case,
 * the multiset of (Docker check name, line) our Docker-named rules report must equal what BuildKit reports.
 */

interface Warning {
  rule: string;
  line: number;
}

interface Case {
  source: string;
  rules: string[];
  dockerfile: string;
  /** Files of the build context besides the Dockerfile (`.dockerignore`), by path. */
  context: Record<string, string>;
  buildArgs: Record<string, string>;
  warnings: Warning[];
  needsImageMetadata: boolean;
}

interface Difference {
  /** What we report instead, as sorted `Name@line`. */
  got: string[];
  reason: string;
}

/** Cases we cannot match yet, keyed by source; each says what we report and why. None today. */
const DIFFERENCES: Record<string, Difference> = {};

const file = new URL("../../../shared/conformance/buildkit-lint/cases.json", import.meta.url);
const present = existsSync(file);

/** Our codes by the Docker check name they answer to (several for MultipleInstructionsDisallowed). */
const dockerNameOf = new Map<string, string>();
for (const rule of RULES)
  for (const a of rule.aliases) if (DOCKER_CHECK_NAMES.has(a)) dockerNameOf.set(rule.code, a);

/**
 * Each Docker-named rule is configured by its Docker name, so rules that also carry a hadolint code follow Docker's
 * definition. Experimental checks are left for the file's own `check=experimental=` to turn on, as in Docker.
 */
const options: LintOptions = {
  severity: Object.fromEntries(
    RULES.filter((r) => dockerNameOf.has(r.code) && !r.defaultOff).map((r) => [
      dockerNameOf.get(r.code),
      r.severity,
    ]),
  ),
};

function reported(c: Case): string[] {
  // The upstream test builds with a context holding the case's files and the Dockerfile itself.
  const buildContext = contextOf({ ...c.context, Dockerfile: c.dockerfile });
  const { ast, findings } = lint(c.dockerfile, { ...options, buildContext, buildArgs: c.buildArgs });
  return findings
    .filter((f) => dockerNameOf.has(f.code))
    .map((f) => `${dockerNameOf.get(f.code)}@${ast.lines.lineAt(f.span.start) + 1}`)
    .sort();
}

function expected(c: Case): string[] {
  return c.warnings.map((w) => `${w.rule}@${w.line}`).sort();
}

describe.skipIf(!present)("BuildKit build-check parity (../shared/conformance/buildkit-lint)", () => {
  if (!present) return;
  const cases = (JSON.parse(readFileSync(file, "utf8")) as Case[]).filter((c) => !c.needsImageMetadata);

  it("agrees on every case but the listed differences (88 of 88 today)", () => {
    const agreeing = cases.filter((c) => JSON.stringify(reported(c)) === JSON.stringify(expected(c)));
    expect(cases.length).toBe(88);
    expect(agreeing.length).toBe(cases.length - Object.keys(DIFFERENCES).length);
  });

  it("lists only differences that exist", () => {
    for (const source of Object.keys(DIFFERENCES)) {
      const c = cases.find((x) => x.source === source);
      expect(c, source).toBeDefined();
      if (c) expect(DIFFERENCES[source].got, source).not.toEqual(expected(c));
    }
  });

  for (const c of cases) {
    const difference = DIFFERENCES[c.source];
    if (difference) {
      it(`${c.source}: we differ, ${difference.reason}`, () => expect(reported(c)).toEqual(difference.got));
    } else {
      it(`${c.source} (${c.rules.join(", ")})`, () => expect(reported(c)).toEqual(expected(c)));
    }
  }
});

if (!present) {
  describe("BuildKit build-check parity", () => {
    it.skip("skipped: ../shared/conformance/buildkit-lint is absent", () => {});
  });
}
