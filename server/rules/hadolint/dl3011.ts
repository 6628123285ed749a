import type { Word } from "../../../grammar/index.js";
import { wordValues } from "../../model/wordValues.js";
import { defineRule, type RuleContext } from "../types.js";

const MAX_PORT = 65535;

export const dl3011 = defineRule({
  code: "DL3011",
  aliases: [],
  severity: "error",
  title: "EXPOSE port out of range",
  docs: {
    what: "Finds EXPOSE ports and port ranges with a number above 65535.",
    why: "TCP and UDP port numbers are 16-bit, so 65535 is the highest port there is. Docker refuses such an EXPOSE, and the number is usually a typo for a real port.",
    bad: "EXPOSE 80800",
    good: "EXPOSE 8080",
  },
  instructions: ["EXPOSE"],
  visit(ctx, instruction) {
    if (instruction.keyword !== "EXPOSE") return;
    for (const word of instruction.words) {
      // Read through known values (`ENV PORT=70000` then `EXPOSE $PORT`); one known only at build time is left alone.
      const values = wordValues(ctx.model, instruction, word.text);
      for (const text of values ?? []) {
        if (text.value !== undefined) reportTooHigh(ctx, word, text.value);
      }
    }
  },
});

function reportTooHigh(ctx: RuleContext, word: Word, text: string): void {
  const ports = text.split("/")[0].split("-");
  const tooHigh = ports.find((p) => /^[0-9]+$/.test(p) && Number(p) > MAX_PORT);
  if (tooHigh === undefined) return;
  const shown = text === word.text ? `'${text}'` : `'${word.text}' (that is '${text}')`;
  ctx.report({
    span: word.span,
    message: `port ${tooHigh.replace(/^0+(?=.)/, "")} in ${shown} is above ${MAX_PORT}, the highest port number there is`,
  });
}
