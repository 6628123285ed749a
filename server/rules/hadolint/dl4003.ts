import { defineRule } from "../types.js";
import { reportRepeats } from "./multiple.js";

export const dl4003 = defineRule({
  code: "DL4003",
  aliases: ["MultipleInstructionsDisallowed"],
  severity: "warning",
  title: "Only the last CMD of a stage takes effect",
  docs: {
    what: "Finds stages with more than one CMD instruction and points at each repeat after the first, as hadolint does; run as Docker's MultipleInstructionsDisallowed check it points at the ones that will be ignored instead.",
    why: "A stage has a single default command. When CMD appears twice, Docker silently keeps the last one, so an earlier CMD is dead text that misleads whoever reads the file.",
    bad: 'FROM debian\nCMD ["bash"]\nRUN make\nCMD ["./server"]',
    good: 'FROM debian\nRUN make\nCMD ["./server"]',
  },
  check: (ctx) => reportRepeats(ctx, "CMD"),
});
