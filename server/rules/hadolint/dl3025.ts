import type { Instruction } from "../../../grammar/index.js";
import { shellInEffect } from "../../model/shell.js";
import { brokenExecForm, EXEC_FORM, execFormFix, singleQuotedExecForm } from "../helpers/execForm.js";
import { defineRule, type RuleContext } from "../types.js";

/**
 * One rule with two definitions (decision for this pair): under its code it is hadolint's DL3025 (CMD, ENTRYPOINT and
 * HEALTHCHECK CMD in shell form, whatever the SHELL); turned on by the name JSONArgsRecommended it is Docker's check
 * (CMD and ENTRYPOINT only, silent once a SHELL of the stage or of a stage it builds on is in effect). The two are
 * one idea, so one finding per instruction; `# check=skip=JSONArgsRecommended` silences both.
 */
export const dl3025 = defineRule({
  code: "DL3025",
  aliases: ["JSONArgsRecommended"],
  severity: "warning",
  title: "Use the JSON (exec) form for CMD and ENTRYPOINT",
  docs: {
    what: "Finds CMD, ENTRYPOINT and HEALTHCHECK CMD written in shell form, as hadolint does. Run as Docker's JSONArgsRecommended check (`--only JSONArgsRecommended`), it follows Docker's definition instead: CMD and ENTRYPOINT only, and nothing once a SHELL instruction of the stage, or of a stage it is built from, is in effect.",
    why: "In shell form Docker starts the command through `/bin/sh -c`, so the shell becomes PID 1. The shell does not pass signals on, so `docker stop` waits for the timeout and then kills the process without a clean shutdown. The exec form starts the program directly.",
    bad: "CMD nginx -g daemon-off",
    good: 'CMD ["nginx", "-g", "daemon-off"]',
  },
  fixes: [EXEC_FORM],
  check(ctx) {
    // Neither hadolint nor Docker looks at ONBUILD triggers here: they are dispatched in another build.
    for (let instructionIndex = 0; instructionIndex < ctx.ast.instructions.length; instructionIndex++) {
      const instruction = ctx.ast.instructions[instructionIndex];
      const kw = instruction.keyword;
      const isHealthcheckCmd = kw === "HEALTHCHECK" && instruction.words[0]?.text.toUpperCase() === "CMD";
      if (kw !== "CMD" && kw !== "ENTRYPOINT" && !(isHealthcheckCmd && !ctx.asDockerCheck)) continue;
      const form = instruction.form;
      if (form?.kind !== "shell") continue;
      // DF201 and DF214 already explain arrays that are not JSON; one finding per mistake.
      if (singleQuotedExecForm(instruction) || brokenExecForm(instruction)) continue;
      const shell = shellInEffect(ctx.model, instruction);
      if (shell && ctx.asDockerCheck) continue;
      ctx.report({
        span: form.span,
        message: message(ctx, kw, isHealthcheckCmd, shell),
        // Neither hadolint nor Docker converts HEALTHCHECK CMD; the probe's shell form is common and meant.
        fixes: isHealthcheckCmd ? [] : [execFormFix(instruction)],
      });
    }
  },
});

function message(ctx: RuleContext, kw: string, healthcheck: boolean, shell: Instruction | undefined): string {
  const through = shell
    ? `the shell set by SHELL on line ${ctx.ast.lines.lineAt(shell.span.start) + 1}`
    : "/bin/sh -c";
  if (healthcheck)
    return `HEALTHCHECK CMD is in shell form: every probe starts ${through} first; the JSON form runs the probe directly and works in images without a shell`;
  if (shell)
    return `${kw} is in shell form: it runs through ${through}, which stays the main process in place of your program; the JSON form starts the program directly`;
  return `${kw} is in shell form: the command runs under /bin/sh -c, which does not forward signals`;
}
