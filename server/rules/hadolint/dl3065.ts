/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax */
import { flagRemovalSpan } from "../helpers/flagEdits.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const REMOVE_PLATFORM: FixKind = {
  title: "Remove the --platform flag",
  safety: "safe",
  reason: "without the flag FROM pulls the image for $TARGETPLATFORM anyway, so the stage is built the same",
};

/**
 * One rule, one definition (decision for this pair): `$TARGETPLATFORM` or `${TARGETPLATFORM}`, quoted or not, as the
 * whole value. Docker's check also fires when a global `ARG TARGETPLATFORM=...` default gives it another value; then
 * the flag is not redundant, so we stay quiet under both names.
 */
export const dl3065 = defineRule({
  code: "DL3065",
  aliases: ["RedundantTargetPlatform"],
  severity: "warning",
  title: "FROM --platform=$TARGETPLATFORM is redundant",
  docs: {
    what: "Finds `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).",
    why: "A stage is built for the target platform anyway; that is what the flag's absence means. Spelling it out adds nothing and suggests to readers that the stage is special.",
    bad: "FROM --platform=$TARGETPLATFORM alpine:3.19",
    good: "FROM alpine:3.19",
  },
  fixes: [REMOVE_PLATFORM],
  check(ctx) {
    // A global `ARG TARGETPLATFORM=...` with a default gives the variable another meaning.
    if (ctx.model.globalArgs.some((d) => d.name === "TARGETPLATFORM" && d.value !== undefined)) return;
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const flag = stage.platform;
      // As written: double quotes change nothing here, single quotes stop the expansion.
      const written = flag?.valueSpan && ctx.ast.text.slice(flag.valueSpan.start, flag.valueSpan.end);
      const value = written?.replace(/^"(.*)"$/, "$1");
      if (!flag || (value !== "$TARGETPLATFORM" && value !== "${TARGETPLATFORM}")) continue;
      ctx.report({
        span: flag.span,
        message: `--platform=${flag.value} asks for what Docker does without the flag; remove it`,
        fixes: [fixOf(REMOVE_PLATFORM, [{ span: flagRemovalSpan(flag, ctx.ast.text), newText: "" }])],
      });
    }
  },
});
