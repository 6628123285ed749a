/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax */
import type { DockerfileAst, Flag, Span } from "../../../grammar/index.js";
import { scanVariables } from "../../../grammar/shell.js";
import { defineRule } from "../types.js";

export const df111 = defineRule({
  code: "DF111",
  aliases: ["RedundantTargetPlatform"],
  severity: "warning",
  title: "FROM --platform=$TARGETPLATFORM is redundant",
  docs: {
    what: "Finds `FROM --platform=$TARGETPLATFORM` (or `${TARGETPLATFORM}`).",
    why: "A stage is built for the target platform unless told otherwise, so the flag repeats the default. It also suggests the author meant something else, typically `$BUILDPLATFORM` for a stage that cross-compiles on the build machine.",
    bad: "FROM --platform=$TARGETPLATFORM alpine",
    good: "FROM alpine",
  },
  check(ctx) {
    // A global ARG that gives TARGETPLATFORM its own default makes the flag mean something.
    const redefined = ctx.model.globalArgs.some(
      (d) =>
        d.name === "TARGETPLATFORM" &&
        d.instruction?.declarations?.some((a) => a.name === d.name && a.defaultValue !== undefined),
    );
    if (redefined) return;
    for (const stage of ctx.model.stages) {
      const flag = stage.platform;
      if (!flag?.value || !isTargetPlatform(flag.value, ctx.ast.escapeChar)) continue;
      ctx.report({
        span: flag.span,
        message: `--platform=${flag.value} sets the platform the stage gets anyway; remove it (or did you mean $BUILDPLATFORM?)`,
        fix: {
          title: "Remove --platform",
          edits: [{ span: withTrailingBlanks(ctx.ast, flag), newText: "" }],
        },
      });
    }
  },
});

/** The whole value is one reference to TARGETPLATFORM; a default (`${TARGETPLATFORM:-x}`) never applies. */
function isTargetPlatform(value: string, escapeChar: "\\" | "`"): boolean {
  const refs = scanVariables(value, { escapeChar });
  if (refs.length !== 1) return false;
  const ref = refs[0];
  const plain = ref.modifier === undefined || ref.modifier === "-" || ref.modifier === ":-";
  return ref.name === "TARGETPLATFORM" && plain && ref.start === 0 && ref.end === value.length;
}

function withTrailingBlanks(ast: DockerfileAst, flag: Flag): Span {
  let end = flag.span.end;
  while (ast.text[end] === " " || ast.text[end] === "\t") end++;
  return { start: flag.span.start, end };
}
