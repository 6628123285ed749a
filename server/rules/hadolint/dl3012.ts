import { defineRule } from "../types.js";
import { reportRepeats } from "./multiple.js";

export const dl3012 = defineRule({
  code: "DL3012",
  aliases: ["MultipleInstructionsDisallowed"],
  severity: "error",
  title: "Only the last HEALTHCHECK of a stage takes effect",
  docs: {
    what: "Finds stages with more than one HEALTHCHECK instruction and points at each repeat after the first, as hadolint does; run as Docker's MultipleInstructionsDisallowed check it points at the ones that will be ignored instead.",
    why: "An image carries a single health check. Docker keeps the last HEALTHCHECK of the stage, so earlier ones are silently dropped.",
    bad: "FROM nginx\nHEALTHCHECK CMD curl -f http://localhost/\nHEALTHCHECK CMD wget -q -O- http://localhost/",
    good: "FROM nginx\nHEALTHCHECK CMD curl -f http://localhost/",
  },
  check: (ctx) => reportRepeats(ctx, "HEALTHCHECK"),
});
