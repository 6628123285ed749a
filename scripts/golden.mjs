// Rewrites the corpus-findings golden files (test/rules/golden/<CODE>.tsv) from the current linter:
//   node scripts/golden.mjs
// It runs test/rules/golden.test.ts with DFLINT_UPDATE_GOLDEN=1 (the test is the one place that formats them).
// Run it when a change alters findings on purpose, read `git diff test/rules/golden`, and say why in the commit.
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const result = spawnSync("npx", ["vitest", "run", "test/rules/golden.test.ts"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, DFLINT_UPDATE_GOLDEN: "1" },
});
process.exit(result.status ?? 1);
