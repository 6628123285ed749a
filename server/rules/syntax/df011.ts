import { parseImageRef } from "../../model/imageRef.js";
import { logicalWord, resolve, spanInWord } from "../helpers/expansion.js";
import { defineRule } from "../types.js";

export const df011 = defineRule({
  code: "DF011",
  aliases: [],
  severity: "error",
  title: "Invalid base image reference",
  docs: {
    what: "Checks the image of each FROM line, after expanding variables with the defaults of the ARGs declared before the first FROM: it must be a valid reference (`name[:tag][@digest]`, lowercase repository, a well-formed tag and digest) and must not expand to nothing. Images that depend on build arguments without a default are skipped.",
    why: "Docker fails the build on a reference it cannot parse, before pulling anything. Typical causes are an empty tag (`alpine:`), an uppercase repository, a truncated digest, or an ARG whose default leaves the image name empty.",
    bad: `ARG VARIANT\nFROM node:\${VARIANT:-}`,
    good: `ARG VARIANT=20-alpine\nFROM node:\${VARIANT}`,
  },
  check(ctx) {
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const word = stage.from.words[0];
      if (stage.base.kind !== "image" || !word) continue;
      const r = resolve(ctx.model, stage.from, word.text);
      if (!r.known) continue;
      const image = r.values[0];
      const expanded = image !== word.text;
      if (image === "") {
        ctx.report({ span: word.span, message: `the base image '${word.text}' expands to an empty name` });
        continue;
      }
      // FROM scratch, and stages named by a variable, are resolved by the model.
      if (expanded && (image === "scratch" || ctx.model.stageByName(image))) continue;
      const ref = parseImageRef(image);
      if (ref.ok) continue;

      // A missing tag or digest (`alpine:`, `alpine@`) is the whole reference's problem, not its separator's.
      const part =
        ref.span.end - ref.span.start <= 1 && /^[:@]$/.test(image.slice(ref.span.start, ref.span.end));
      const span =
        !expanded && !part
          ? spanInWord(logicalWord(stage.from, word), ref.span.start, ref.span.end)
          : word.span;
      const prefix = expanded
        ? `'${word.text}' expands to '${image}', which is not a valid image reference: `
        : "";
      ctx.report({ span, message: `${prefix}${ref.error}` });
    }
  },
});
