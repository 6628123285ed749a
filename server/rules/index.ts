import { BUILDKIT_RULES } from "./buildkit/index.js";
import { HADOLINT_RULES } from "./hadolint/index.js";
import { OWN_RULES } from "./own/index.js";
import { SYNTAX_RULES } from "./syntax/index.js";
import type { Rule } from "./types.js";

export const RULES: readonly Rule[] = [
  ...SYNTAX_RULES,
  ...BUILDKIT_RULES,
  ...HADOLINT_RULES,
  ...OWN_RULES,
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)); // localeCompare costs ~10 ms of start-up (ICU)

const byName = new Map<string, Rule[]>();
function add(name: string, rule: Rule): void {
  const key = name.toLowerCase();
  const list = byName.get(key);
  if (list) list.push(rule);
  else byName.set(key, [rule]);
}
for (const rule of RULES) {
  add(rule.code, rule);
  for (const alias of rule.aliases) add(alias, rule);
}

/** The rules a code or alias names, case-insensitively. A Docker check name can stand for several of our rules
 * (MultipleInstructionsDisallowed covers CMD, ENTRYPOINT and HEALTHCHECK). */
export function rulesFor(name: string): Rule[] {
  return byName.get(name.trim().toLowerCase()) ?? [];
}

export function ruleFor(name: string): Rule | undefined {
  return rulesFor(name)[0];
}
