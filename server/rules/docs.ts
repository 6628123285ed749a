import type { Rule } from "./types.js";

export const HOMEPAGE = "https://github.com/dflint/dflint";

/** The rule's page (docs/rules/<CODE>.md), linked from every output that names a rule: SARIF, --explain, editors. */
export function helpUri(code: string): string {
  return `${HOMEPAGE}/blob/main/docs/rules/${encodeURIComponent(code)}.md`;
}

/** Markdown help for a rule, from its docs. */
export function ruleMarkdown(rule: Rule): string {
  return [
    `**${rule.code}**: ${rule.title}`,
    "",
    rule.docs.what,
    "",
    "### Why is this bad?",
    "",
    rule.docs.why,
    "",
    "### Example",
    "",
    "```dockerfile",
    rule.docs.bad,
    "```",
    "",
    "### Use instead",
    "",
    "```dockerfile",
    rule.docs.good,
    "```",
  ].join("\n");
}
