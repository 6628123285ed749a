import { defineRule } from "../types.js";
import { reportRepeats } from "./multiple.js";

export const dl4004 = defineRule({
  code: "DL4004",
  aliases: ["MultipleInstructionsDisallowed"],
  severity: "error",
  title: "Only the last ENTRYPOINT of a stage takes effect",
  docs: {
    what: "Finds stages with more than one ENTRYPOINT instruction and points at each repeat after the first, as hadolint does; run as Docker's MultipleInstructionsDisallowed check it points at the ones that will be ignored instead.",
    why: "A container has one entry point. Docker keeps the last ENTRYPOINT of the stage, so the earlier ones never run, and readers may believe they do.",
    bad: 'FROM alpine\nENTRYPOINT ["/init"]\nENTRYPOINT ["/app"]',
    good: 'FROM alpine\nENTRYPOINT ["/app"]',
  },
  check: (ctx) => reportRepeats(ctx, "ENTRYPOINT"),
});
