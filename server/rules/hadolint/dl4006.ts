import { programName, type RunCommand, type RunScript, runScripts } from "../helpers/runScripts.js";
import { defineRule } from "../types.js";

/** Shells whose `-o pipefail` makes a pipeline fail when any of its commands fails. */
const PIPEFAIL_SHELLS = new Set(["bash", "zsh", "ash", "ksh", "mksh"]);

export const dl4006 = defineRule({
  code: "DL4006",
  aliases: [],
  severity: "warning",
  title: "Set -o pipefail before RUN with a pipe",
  docs: {
    what: "Finds RUN instructions with a pipeline (`a | b`) when neither the SHELL in effect nor the script itself sets `-o pipefail` first.",
    why: 'A pipeline\'s exit status is that of its last command, so in `curl -fsS $URL | tar -x` a failed download goes unnoticed when tar succeeds on empty input, and the build carries on with a broken image. With `set -o pipefail` any failing command fails the RUN. POSIX sh on many images (dash, older busybox) lacks the option, so set it through `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`.',
    bad: "RUN curl -fsSL https://example.com/install.sh | sh",
    good: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh',
  },
  check(ctx) {
    for (const script of runScripts(ctx)) {
      if (script.form === "exec" || shellHasPipefail(script.shell)) continue;
      const piped = script.commands.find((c) => c.pipelineLength > 1);
      if (!piped || setsPipefailBefore(script, piped)) continue;
      const pipeline = script.commands.filter((c) => c.pipeline === piped.pipeline);
      const last = pipeline[pipeline.length - 1];
      ctx.report({
        span: { start: piped.span.start, end: last.span.end },
        message: `a failing '${piped.name}' goes unnoticed here, only the exit status of '${last.name}' counts: set -o pipefail first (SHELL ["/bin/bash", "-o", "pipefail", "-c"])`,
      });
    }
  },
});

function shellHasPipefail(shell: readonly string[]): boolean {
  if (!PIPEFAIL_SHELLS.has(programName(shell[0] ?? ""))) return false;
  return hasPipefailOption(shell.slice(1));
}

/** `-o pipefail`, also inside a group such as `-eo pipefail` or `-euxo pipefail`. */
function hasPipefailOption(args: readonly string[]): boolean {
  for (let i = 0; i + 1 < args.length; i++) {
    const a = args[i];
    if (/^-[a-zA-Z]*o$/.test(a) && args[i + 1] === "pipefail") return true;
  }
  return false;
}

function setsPipefailBefore(script: RunScript, piped: RunCommand): boolean {
  return script.commands.some(
    (c) => c.order < piped.order && c.name === "set" && hasPipefailOption(c.args.map((a) => a.value)),
  );
}
