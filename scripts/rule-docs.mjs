// Writes docs/rules/<CODE>.md and docs/rules/README.md from the rule registry (run after `npm run build`).
// `node scripts/rule-docs.mjs --check` exits 1 when the committed pages differ from the registry.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { RULES } from "../dist/server/rules/index.js";
import { fixClasses } from "../dist/server/rules/types.js";

const dir = new URL("../docs/rules/", import.meta.url);
const check = process.argv.includes("--check");

function page(rule) {
  const aliases = rule.aliases.length > 0 ? rule.aliases.map((a) => `\`${a}\``).join(", ") : "none";
  return [
    `# ${rule.code}: ${rule.title}`,
    "",
    `Default severity: **${rule.severity}**. Also known as: ${aliases}.`,
    ...(rule.defaultOff
      ? [
          "",
          `**Off by default.** Turn it on with \`--${rule.severity} ${rule.code}\` or \`${rule.severity}: [${rule.code}]\` under \`override:\` in \`.dflint.yaml\`.`,
        ]
      : []),
    "",
    "## What it does",
    "",
    rule.docs.what,
    "",
    "## Why",
    "",
    rule.docs.why,
    "",
    "## Example",
    "",
    "```dockerfile",
    rule.docs.bad,
    "```",
    "",
    "## Use instead",
    "",
    "```dockerfile",
    rule.docs.good,
    "```",
    "",
    ...fixes(rule),
    `Turn it off with \`--ignore ${rule.code}\`, \`ignored: [${rule.code}]\` in \`.dflint.yaml\`, or \`# dflint ignore=${rule.code}\` above the instruction.`,
    "",
  ].join("\n");
}

/** The rule's fixes with their safety class: `--fix` applies safe ones, `--unsafe-fixes` the others too. */
function fixes(rule) {
  if (!rule.fixes?.length) return [];
  const line = (f) =>
    f.safety === "safe"
      ? `- ${f.title} (**safe**: \`--fix\` applies it): ${f.reason}.`
      : `- ${f.title} (**unsafe**: only \`--fix --unsafe-fixes\` applies it): ${f.reason}.`;
  return ["## Fixes", "", ...rule.fixes.map(line), ""];
}

function index() {
  const lines = ["# Rules", "", "| Code | Severity | Title | Also known as | Fix |", "|---|---|---|---|---|"];
  for (const r of RULES) {
    lines.push(
      `| [${r.code}](${r.code}.md) | ${r.severity}${r.defaultOff ? " (off by default)" : ""} | ${r.title.replaceAll("|", "\\|")} | ${r.aliases.join(", ")} | ${fixClasses(r)} |`,
    );
  }
  return `${lines.join("\n")}\n`;
}

const files = new Map(RULES.map((r) => [`${r.code}.md`, page(r)]));
files.set("README.md", index());
let stale = 0;
mkdirSync(dir, { recursive: true });
for (const [name, content] of files) {
  const url = new URL(name, dir);
  let current = "";
  try {
    current = readFileSync(url, "utf8");
  } catch {}
  if (current === content) continue;
  stale++;
  if (check) console.error(`docs/rules/${name} is out of date`);
  else writeFileSync(url, content);
}
if (check && stale > 0) {
  console.error("run `npm run docs` to regenerate the rule pages");
  process.exit(1);
}
console.log(check ? "rule pages are up to date" : `wrote ${stale} rule page(s)`);
