import { ignorePragmas } from "../../model/pragmas.js";
import { defineRule } from "../types.js";

export const dl1001 = defineRule({
  code: "DL1001",
  aliases: [],
  // hadolint ships this rule switched off; a severity override (`--style DL1001`) turns it on.
  severity: "style",
  defaultOff: true,
  title: "Inline ignore pragma",
  docs: {
    what: "Finds comments that switch rules off for the next instruction or for a stage (`# hadolint ignore=DL3008`).",
    why: "Every inline ignore is an exception that nobody reviews again: the finding it hides may become a real problem after the next change. Teams that want one place for exceptions keep them in the configuration file instead, where they can be seen and audited together.",
    bad: "FROM debian:12\n# hadolint ignore=DL3008\nRUN apt-get install -y curl",
    good: "FROM debian:12\nRUN apt-get install -y curl=7.88.1-10",
  },
  check(ctx) {
    // `# hadolint ignore=...` or `# dflint ignore=...`, for the next instruction or (`stage ignore=`) its stage.
    for (const pragma of ignorePragmas(ctx.ast)) {
      if (pragma.scope === "global") continue;
      const names = pragma.names.map((n) => n.name);
      ctx.report({
        span: pragma.span,
        message: `this comment silences ${names.length > 0 ? names.join(", ") : "rules"} inline; keep exceptions in the configuration instead`,
      });
    }
  },
});
