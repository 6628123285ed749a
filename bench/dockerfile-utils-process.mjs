// The dockerfile-utils peer as a command, for the whole-process rows of bench/run.mjs: validates every file named
// on the command line in one process and prints the number of problems as JSON (as a linter's report would).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

const { validate } = createRequire(import.meta.url)("dockerfile-utils");
const problems = [];
for (const file of process.argv.slice(2)) {
  try {
    problems.push({ file, problems: validate(readFileSync(file, "utf8")) });
  } catch (e) {
    problems.push({ file, error: String(e) });
  }
}
process.stdout.write(`${JSON.stringify(problems)}\n`);
