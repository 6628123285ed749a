import type { Instruction } from "../../../grammar/index.js";
import { singleQuotedExecForm } from "../helpers/execForm.js";
import { allInstructions, defineRule, type Fix } from "../types.js";

/** Words that mean the same in a shell and in an exec form: no quoting, expansion, globbing or operators. */
const PLAIN_WORD = /^[A-Za-z0-9_./:=@%+,-]+$/;

export const dl3025 = defineRule({
  code: "DL3025",
  aliases: ["JSONArgsRecommended"],
  severity: "warning",
  title: "Use the JSON (exec) form for CMD and ENTRYPOINT",
  docs: {
    what: "Finds CMD, ENTRYPOINT and HEALTHCHECK CMD written in shell form.",
    why: "In shell form Docker starts the command through `/bin/sh -c`, so the shell becomes PID 1. The shell does not pass signals on, so `docker stop` waits for the timeout and then kills the process without a clean shutdown. The exec form starts the program directly.",
    bad: "CMD nginx -g daemon-off",
    good: 'CMD ["nginx", "-g", "daemon-off"]',
  },
  check(ctx) {
    for (const instruction of allInstructions(ctx.ast)) {
      const kw = instruction.keyword;
      const isHealthcheckCmd = kw === "HEALTHCHECK" && instruction.words[0]?.text.toUpperCase() === "CMD";
      if (kw !== "CMD" && kw !== "ENTRYPOINT" && !isHealthcheckCmd) continue;
      const form = instruction.form;
      if (form?.kind !== "shell") continue;
      // DF201 already explains single-quoted arrays; one finding per mistake.
      if (singleQuotedExecForm(instruction)) continue;
      ctx.report({
        span: form.span,
        message: `${isHealthcheckCmd ? "HEALTHCHECK CMD" : kw} is in shell form: the command runs under /bin/sh -c, which does not forward signals`,
        fix: execFormFix(instruction),
      });
    }
  },
});

/** Only offered when splitting the text into arguments is unambiguous (the text holds plain words only). */
function execFormFix(instruction: Instruction): Fix | undefined {
  const form = instruction.form;
  if (form?.kind !== "shell" || instruction.heredocs.length > 0) return undefined;
  const words = form.text.split(/[ \t]+/).filter((w) => w.length > 0);
  if (words.length === 0 || !words.every((w) => PLAIN_WORD.test(w))) return undefined;
  return {
    title: "Convert to the exec form",
    edits: [{ span: form.span, newText: `[${words.map((w) => JSON.stringify(w)).join(", ")}]` }],
  };
}
