import { isKnownSignal } from "../../model/values.js";
import { resolve } from "../helpers/expansion.js";
import { defineRule } from "../types.js";

export const df012 = defineRule({
  code: "DF012",
  aliases: [],
  severity: "error",
  title: "Unknown STOPSIGNAL",
  docs: {
    what: "Checks that STOPSIGNAL names a Linux signal (`SIGTERM`, `TERM`, `SIGRTMIN+3`, any case) or is a non-zero number. A variable is checked through its ARG default or ENV value when the file decides it.",
    why: "Docker looks the signal up while it builds the image and fails on a name it does not know, such as a misspelled `SIGQUITT` or an empty value from a variable.",
    bad: "FROM nginx\nSTOPSIGNAL SIGQUITT",
    good: "FROM nginx\nSTOPSIGNAL SIGQUIT",
  },
  instructions: ["STOPSIGNAL"],
  visit(ctx, instruction) {
    const word = instruction.keyword === "STOPSIGNAL" ? instruction.words[0] : undefined;
    // Extra words are reported as extra arguments.
    if (!word || /[ \t]/.test(word.text)) return;
    const r = resolve(ctx.model, instruction, word.text);
    if (!r.known) return;
    const signal = r.values[0];
    // BuildKit takes any non-zero number (Go's strconv.Atoi) and the names of its signal table.
    if (/^[+-]?[0-9]+$/.test(signal) ? !/^[+-]?0+$/.test(signal) : isKnownSignal(signal)) return;
    const shown = signal === word.text ? `'${signal}'` : `'${word.text}' (which is '${signal}')`;
    ctx.report({
      span: word.span,
      message: `${shown} is not a known signal; use a name such as SIGTERM or SIGQUIT, or a signal number`,
    });
  },
});
