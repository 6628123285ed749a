import type { Rule } from "../rules/types.js";
import { helpUri } from "./formats/report.js";

/**
 * `--list-rules --format json`: every rule as data, for editors and scripts. `enabled` is false for the opt-in
 * rules, which a severity override (or `only`) turns on.
 */
export function rulesJson(rules: readonly Rule[]): string {
  const list = rules.map((r) => ({
    code: r.code,
    title: r.title,
    aliases: r.aliases,
    severity: r.severity,
    enabled: !r.defaultOff,
    ...(r.securitySeverity === undefined ? {} : { securitySeverity: r.securitySeverity }),
    url: helpUri(r.code),
    docs: r.docs,
    // Each kind of fix with its class: `--fix` applies the safe ones, `--fix --unsafe-fixes` the others too.
    fixes: (r.fixes ?? []).map((f) => ({ title: f.title, safety: f.safety, reason: f.reason })),
  }));
  return `${JSON.stringify(list, null, 2)}\n`;
}

/** How an opt-in rule is turned on, for `--explain` and the rule pages. */
export function howToEnable(rule: Rule): string {
  return `off by default; turn it on with --${rule.severity} ${rule.code}, or '${rule.severity}: [${rule.code}]' under 'override:' in the config`;
}
