import type { Rule } from "./types.js";

export const HOMEPAGE = "https://github.com/dflint/dflint";

/** The rule's page (docs/rules/<CODE>.md), linked from every output that names a rule: SARIF, --explain, editors.
 * ShellCheck's codes (`SC2086`) link to ShellCheck's own wiki page for the code. */
export function helpUri(code: string): string {
  if (isShellCheckCode(code)) return `https://www.shellcheck.net/wiki/${code.toUpperCase()}`;
  return `${HOMEPAGE}/blob/main/docs/rules/${encodeURIComponent(code)}.md`;
}

/** `SC2086`: a finding of ShellCheck, which dflint runs on RUN scripts (server/lint/shellcheck.ts). */
export function isShellCheckCode(code: string): boolean {
  return /^SC\d{4}$/i.test(code.trim());
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
