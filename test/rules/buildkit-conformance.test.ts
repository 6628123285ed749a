import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type LintOptions, lint } from "../../server/lint/index.js";
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
  buildArgs: Record<string, string>;
  warnings: Warning[];
  needsImageMetadata: boolean;
}

interface Difference {
  /** What we report instead, as sorted `Name@line`. */
  got: string[];
  reason: string;
}

/** Cases we cannot match yet, keyed by source; each says what we report and why. */
const DIFFERENCES: Record<string, Difference> = {
  "TestCopyIgnoredFiles#1": {
    got: [],
    reason: "CopyIgnoredFile needs the build context's .dockerignore; we have no such rule yet",
  },
  "TestCopyIgnoredFiles#2": {
    got: [],
    reason: "CopyIgnoredFile needs the build context's .dockerignore; we have no such rule yet",
  },
  "TestCopyIgnoredFileContextRoot#2": {
    got: [],
    reason: "CopyIgnoredFile needs the build context's .dockerignore; we have no such rule yet",
  },
  "TestRuleCheckOption#7": {
    got: [],
    reason:
      "the build argument BUILDKIT_DOCKERFILE_CHECK replaces the file's check directive; we take no build arguments",
  },
  "TestRuleCheckOption#8": {
    got: ["ConsistentInstructionCasing@3", "FromAsCasing@2"],
    reason:
      "the build argument BUILDKIT_DOCKERFILE_CHECK replaces the file's check directive; we take no build arguments",
  },
};

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
  const { ast, findings } = lint(c.dockerfile, options);
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

  it("agrees on at least 98% of the cases it can score (all but the listed differences)", () => {
    const agreeing = cases.filter((c) => JSON.stringify(reported(c)) === JSON.stringify(expected(c)));
    const scorable = cases.length - Object.keys(DIFFERENCES).length;
    expect(cases.length).toBe(88);
    expect(agreeing.length / scorable).toBeGreaterThanOrEqual(0.98);
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
