import { busyboxShell } from "../../model/baseImages.js";
import type { DockerfileModel } from "../../model/model.js";
import { programName, type RunCommand, type RunScript, runScripts } from "../helpers/runScripts.js";
import { rootStage } from "../helpers/stages.js";
import { defineRule } from "../types.js";

/**
 * Shells whose `-o pipefail` makes a pipeline fail when any of its commands fails. dash, the /bin/sh of Debian and
 * Ubuntu, rejects the option (releases up to 0.5.12); BuildKit's default /bin/sh is only known to have it on images
 * whose sh is BusyBox ash.
 */
const PIPEFAIL_SHELLS = new Set(["bash", "zsh", "ash", "ksh", "mksh"]);

/**
 * Commands whose only way to fail in a pipeline is the reader going away: then pipefail adds nothing, or turns a
 * harmless SIGPIPE into a failed build (`yes | apt-get install`). hadolint reports these pipelines too.
 */
const CANNOT_FAIL = new Set(["echo", "printf", "yes", "true"]);

export const dl4006 = defineRule({
  code: "DL4006",
  aliases: [],
  severity: "warning",
  title: "Set -o pipefail before RUN with a pipe",
  docs: {
    what: "Finds RUN instructions with a pipeline (`a | b`) when neither the SHELL in effect nor the script itself sets `-o pipefail` first. Pipelines fed only by `echo`, `printf`, `yes` or `true` are left alone: those cannot fail, except by the reader exiting early, which pipefail would turn into a failed build.",
    why: 'A pipeline\'s exit status is that of its last command, so in `curl -fsS $URL | tar -x` a failed download goes unnoticed when tar succeeds on empty input, and the build carries on with a broken image. With `set -o pipefail` any failing command fails the RUN. Which shell has the option matters: bash, zsh, ksh, mksh and BusyBox ash (the /bin/sh of Alpine and busybox images) do; dash, the /bin/sh of Debian and Ubuntu, does not. So use `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` where bash is installed, and `SHELL ["/bin/ash", "-eo", "pipefail", "-c"]` (or `set -o pipefail` at the start of the RUN) on Alpine, where there is no bash.',
    bad: "RUN curl -fsSL https://example.com/install.sh | sh",
    good: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsSL https://example.com/install.sh | sh',
  },
  check(ctx) {
    const scriptList = runScripts(ctx);
    for (let scriptIndex = 0; scriptIndex < scriptList.length; scriptIndex++) {
      const script = scriptList[scriptIndex];
      if (script.form === "exec") continue;
      // The pipeline first: most scripts have none, and then the shell is not looked at (nor a map of pipelines made).
      // DL4006's own time over the corpus, cold (a fresh process linting it once, every rule on, medians of 12
      // alternating): 35.9 -> 20.8 ms.
      const pipeline = firstPipelineThatCanFail(script);
      if (!pipeline || shellHasPipefail(ctx.model, script) || setsPipefailBefore(script, pipeline[0]))
        continue;
      const first = pipeline[0];
      const last = pipeline[pipeline.length - 1];
      // `{ ...; } | tee`: the commands before the pipe are a group, which the model does not list as a member.
      const failing = first.pipelineIndex === 0 ? `a failing '${first.name}'` : "a failure before the pipe";
      ctx.report({
        span: { start: first.span.start, end: last.span.end },
        message: `${failing} goes unnoticed here, only the exit status of '${last.name}' counts: set -o pipefail first (${advice(ctx.model, script)})`,
      });
    }
  },
});

/** The simple commands of the first pipeline that has a command before the last that can fail. */
function firstPipelineThatCanFail(script: RunScript): RunCommand[] | undefined {
  const commands = script.commands;
  let k = 0;
  while (k < commands.length && commands[k].pipelineLength < 2) k++;
  if (k === commands.length) return undefined;
  const pipelines = new Map<number, RunCommand[]>();
  for (; k < commands.length; k++) {
    const c = commands[k];
    if (c.pipelineLength < 2) continue;
    const list = pipelines.get(c.pipeline);
    if (list) list.push(c);
    else pipelines.set(c.pipeline, [c]);
  }
  for (const members of pipelines.values()) {
    const feeders = members.filter((c) => c.pipelineIndex < c.pipelineLength - 1);
    // A group or subshell before the pipe is not listed: it may hold anything.
    const allListed = members[0].pipelineIndex === 0 && feeders.length === members[0].pipelineLength - 1;
    if (allListed && feeders.every((c) => CANNOT_FAIL.has(c.name))) continue;
    return members;
  }
  return undefined;
}

function shellHasPipefail(model: DockerfileModel, script: RunScript): boolean {
  const shell = script.shell;
  const name = programName(shell[0] ?? "");
  if (!PIPEFAIL_SHELLS.has(name) && !(name === "sh" && shIsAsh(model, script))) return false;
  return hasPipefailOption(shell.slice(1));
}

/** Whether `sh` here is BusyBox ash: on an Alpine or busybox image, or BusyBox's own `/busybox/sh`. */
function shIsAsh(model: DockerfileModel, script: RunScript): boolean {
  if (script.shell[0]?.startsWith("/busybox/")) return true;
  const stage = script.stage;
  if (!stage) return false;
  const root = rootStage(model, stage);
  return root.base.kind === "image" && root.base.ref !== undefined && busyboxShell(root.base.ref);
}

/** What to write instead, for the shell and image at hand: the advice must not name a shell the image lacks. */
function advice(model: DockerfileModel, script: RunScript): string {
  const shell = script.shell[0] ?? "/bin/sh";
  const name = programName(shell);
  if (PIPEFAIL_SHELLS.has(name) || (name === "sh" && shell.startsWith("/busybox/")))
    return `SHELL ["${shell}", "-o", "pipefail", "-c"]`;
  if (name === "sh" && shIsAsh(model, script))
    return `this image's /bin/sh is BusyBox ash, which has it, and bash may be missing: SHELL ["/bin/ash", "-eo", "pipefail", "-c"], or start the RUN with set -o pipefail`;
  return `SHELL ["/bin/bash", "-o", "pipefail", "-c"]`;
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
