import { resolve } from "../helpers/expansion.js";
import { defineRule } from "../types.js";

/**
 * The two signals a process can neither catch nor ignore, by name and by number. The numbers are those of Linux on
 * x86 and Arm, the platforms containers run on (MIPS, Alpha and SPARC number SIGSTOP differently).
 */
const UNCATCHABLE: Readonly<Record<string, { number: number; effect: string }>> = {
  KILL: {
    number: 9,
    effect:
      "the process is killed at once, with no chance to finish requests, flush data or remove lock files",
  },
  STOP: {
    number: 19,
    effect:
      "the process is only paused, so `docker stop` waits for its whole timeout and then kills it anyway",
  },
};

/** KILL or STOP for the ways Docker accepts the signal (any case, with or without SIG, or its number). */
function uncatchable(signal: string): string | undefined {
  if (/^\+?[0-9]+$/.test(signal)) {
    const n = Number(signal);
    return Object.keys(UNCATCHABLE).find((name) => UNCATCHABLE[name].number === n);
  }
  const upper = signal.toUpperCase();
  const name = upper.startsWith("SIG") ? upper.slice(3) : upper;
  return name in UNCATCHABLE ? name : undefined;
}

export const df213 = defineRule({
  code: "DF213",
  aliases: [],
  severity: "warning",
  title: "STOPSIGNAL that the process cannot handle",
  docs: {
    what: "Finds STOPSIGNAL set to SIGKILL or SIGSTOP, by name (any case, with or without `SIG`) or by number (9, 19), also through an ARG default or ENV value the file gives.",
    why: "STOPSIGNAL is the signal `docker stop` (and Kubernetes, and Compose) sends to ask the main process to shut down. SIGKILL and SIGSTOP are the two signals no program can catch: with SIGKILL the process dies on the spot without cleaning up, which is what the stop timeout does anyway as a last resort; with SIGSTOP it is frozen rather than stopped, so every stop waits the whole timeout before the process is killed.",
    bad: "FROM nginx:1.27\nSTOPSIGNAL SIGKILL",
    good: "FROM nginx:1.27\nSTOPSIGNAL SIGQUIT",
  },
  instructions: ["STOPSIGNAL"],
  visit(ctx, instruction) {
    const word = instruction.words[0];
    if (!word || /[ \t]/.test(word.text)) return;
    const r = resolve(ctx.model, instruction, word.text);
    if (!r.known) return;
    const name = uncatchable(r.values[0]);
    if (!name) return;
    const value = r.values[0];
    const signal = value.toUpperCase() === `SIG${name}` ? value : `${value}, SIG${name},`;
    const shown = value === word.text ? signal : `${word.text} (${signal.replace(/,$/, "")})`;
    ctx.report({
      span: word.span,
      message: `STOPSIGNAL ${shown} cannot be caught by any process: ${UNCATCHABLE[name].effect}; use the signal the program shuts down on (usually SIGTERM, the default)`,
    });
  },
});
