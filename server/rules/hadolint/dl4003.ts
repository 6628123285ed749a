import { defineRule } from "../types.js";
import { reportAllButLast } from "./multiple.js";

export const dl4003 = defineRule({
  code: "DL4003",
  aliases: ["MultipleInstructionsDisallowed"],
  severity: "warning",
  title: "Only the last CMD of a stage takes effect",
  docs: {
    what: "Finds stages with more than one CMD instruction and points at the ones that will be ignored.",
    why: "A stage has a single default command. When CMD appears twice, Docker silently keeps the last one, so an earlier CMD is dead text that misleads whoever reads the file.",
    bad: 'FROM debian\nCMD ["bash"]\nRUN make\nCMD ["./server"]',
    good: 'FROM debian\nRUN make\nCMD ["./server"]',
  },
  check: (ctx) => reportAllButLast(ctx, "CMD"),
});
