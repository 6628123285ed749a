import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type LintOptions, lint } from "../../server/lint/index.js";
import { findShellCheck, ShellCheck } from "../../server/lint/shellcheck.js";
import { ruleFor } from "../../server/rules/index.js";
import type { LabelSchema, RuleSettings } from "../../server/rules/types.js";
import { findings } from "./helpers.js";

/**
 * hadolint's own rule specifications, replayed (../shared/conformance/hadolint, see its README): for every case of a
 * rule we implement, `violation` means at least one finding of that code (exactly `count` when given) and `ok` means
 * none. Cases of rules we do not have yet are skipped and switch on by themselves once the rule is registered.
 */

interface Case {
  rule: string;
  dockerfile: string;
  expect: "violation" | "ok";
  count?: number;
  config?: {
    trustedRegistries?: string[];
    "label-schema"?: LabelSchema;
    "strict-labels"?: boolean;
    ignored?: string[];
  };
  variant?: "onbuild";
  note: string;
  source: string;
}

interface Difference {
  /** What we do instead of what hadolint's case expects. */
  expect: "violation" | "ok";
  count?: number;
  reason: string;
}

/** Cases where we deliberately behave otherwise, keyed by `<rule> <source>`. */
const DIFFERENCES: Record<string, Difference> = {
  "DL3038 test/Hadolint/Rule/DL3038Spec.hs:15": {
    expect: "ok",
    reason: "microdnf never asks for confirmation (its -y is accepted for compatibility and does nothing)",
  },
  "DL3038 test/Hadolint/Rule/DL3038Spec.hs:17": {
    expect: "ok",
    reason: "microdnf never asks for confirmation (its -y is accepted for compatibility and does nothing)",
  },
  "DL4006 test/Hadolint/RegressionSpec.hs:26": {
    expect: "ok",
    reason:
      'FROM alpine with SHELL ["/bin/sh", "-o", "pipefail", "-c"]: Alpine\'s /bin/sh is BusyBox ash, which has pipefail ' +
      "(and the pipeline is fed by echo, which cannot fail)",
  },
  "ShellCheck test/Hadolint/Rule/ShellcheckSpec.hs:99": {
    expect: "ok",
    reason:
      "SHELL bash, then ONBUILD RUN echo $RANDOM: SHELL is kept in the image config, so the trigger runs with bash in " +
      "the child build, where $RANDOM is defined (hadolint's ONBUILD pass does not see SHELL)",
  },
  "DL3002 test/Hadolint/PragmaSpec.hs:53": {
    expect: "ok",
    reason:
      "`# hadolint ignore=crazy,DL3002`: hadolint drops a whole pragma that names an unknown rule; our pragma reader " +
      "ignores the unknown name and still honours DL3002",
  },
};

const shellcheckPath = findShellCheck(undefined);
const shellcheck = shellcheckPath ? new ShellCheck({ path: shellcheckPath, cache: false }) : undefined;

/**
 * hadolint's ShellCheck cases ask for any SC finding or none (the case notes say so; a `count` there comes from the
 * harness's ONBUILD wrapper, which ShellCheck's spec does not use). Only ShellCheck's findings are looked at.
 */
function expectShellCheck(c: Case, outcome: { expect: "violation" | "ok" }): void {
  if (!shellcheck) throw new Error("unreachable: the case is skipped without ShellCheck");
  const { findings } = lint(`${c.dockerfile}\n`, { ...optionsFor(c), sources: [shellcheck] });
  const sc = findings.filter((f) => /^SC\d{4}$/.test(f.code)).map((f) => `${f.code} ${f.message}`);
  if (outcome.expect === "violation") expect(sc.length).toBeGreaterThan(0);
  else expect(sc).toEqual([]);
}

const file = new URL("../../../shared/conformance/hadolint/cases.json", import.meta.url);
const present = existsSync(file);

function optionsFor(c: Case): LintOptions {
  const config = c.config ?? {};
  const settings: Partial<RuleSettings> = {};
  if (config.trustedRegistries) settings.trustedRegistries = config.trustedRegistries;
  if (config["label-schema"]) settings.labelSchema = config["label-schema"];
  if (config["strict-labels"] !== undefined) settings.strictLabels = config["strict-labels"];
  // hadolint's spec harness runs its opt-in rules (DL1001, DL3057) too.
  return { settings, ignored: config.ignored ?? [], severity: { DL1001: "style", DL3057: "style" } };
}

function title(c: Case, index: number): string {
  const count = c.count !== undefined ? ` x${c.count}` : "";
  return `#${index} ${c.expect}${count}: ${c.note} (${c.source})`;
}

function expectOutcome(c: Case, outcome: { expect: "violation" | "ok"; count?: number }): void {
  // hadolint's harness appends a newline before parsing.
  const found = findings(`${c.dockerfile}\n`, c.rule, optionsFor(c));
  if (outcome.count !== undefined) expect(found.length).toBe(outcome.count);
  else if (outcome.expect === "violation") expect(found.length).toBeGreaterThan(0);
  else expect(found).toEqual([]);
}

describe.skipIf(!present)("hadolint parity (../shared/conformance/hadolint)", () => {
  if (!present) return;
  const cases = JSON.parse(readFileSync(file, "utf8")) as Case[];
  const byRule = new Map<string, { c: Case; index: number }[]>();
  cases.forEach((c, index) => {
    const list = byRule.get(c.rule) ?? [];
    list.push({ c, index });
    byRule.set(c.rule, list);
  });

  it("every listed difference names an existing case whose expectation it changes", () => {
    for (const [key, difference] of Object.entries(DIFFERENCES)) {
      const c = cases.find((x) => `${x.rule} ${x.source}` === key);
      expect(c, key).toBeDefined();
      if (!c) continue;
      expect(difference.expect !== c.expect || difference.count !== c.count, key).toBe(true);
    }
  });

  for (const [rule, list] of [...byRule].sort(([a], [b]) => a.localeCompare(b))) {
    describe(rule, () => {
      for (const { c, index } of list) {
        const name = title(c, index);
        if (rule === "ShellCheck") {
          const difference = DIFFERENCES[`${rule} ${c.source}`];
          if (shellcheck && difference)
            it(`${name}: we differ, ${difference.reason}`, () => expectShellCheck(c, difference));
          else if (shellcheck) it(name, () => expectShellCheck(c, c));
          else it.skip(`${name}: no shellcheck binary on PATH`, () => {});
        } else if (rule === "ALL") {
          it(name, () => {
            const found = findings(`${c.dockerfile}\n`, undefined, optionsFor(c));
            expect(found.filter((f) => /^DL\d{4}$/.test(f.code))).toEqual([]);
          });
        } else if (!ruleFor(rule)) {
          it.skip(`${name}: rule not implemented`, () => {});
        } else {
          const difference = DIFFERENCES[`${rule} ${c.source}`];
          if (difference) {
            it(`${name}: we differ, ${difference.reason}`, () => expectOutcome(c, difference));
          } else {
            it(name, () => expectOutcome(c, c));
          }
        }
      }
    });
  }
});

if (!present) {
  describe("hadolint parity", () => {
    it.skip("skipped: ../shared/conformance/hadolint is absent", () => {});
  });
}
