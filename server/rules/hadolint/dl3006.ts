import { parseImageRef } from "../../model/imageRef.js";
import { type WordValue, wordValue } from "../../model/wordValues.js";
import { defineRule } from "../types.js";

export const dl3006 = defineRule({
  code: "DL3006",
  aliases: [],
  severity: "warning",
  title: "Base image without a tag",
  docs: {
    what: "Finds FROM lines whose image has neither a tag nor a digest. Stages of the same file, `scratch` and images whose tag may come from a build argument are not reported.",
    why: "Without a tag Docker pulls `latest`, which points at whatever the image's publisher released last. The same Dockerfile then builds different images on different days, and an unrelated upstream release can break the build or the application.",
    bad: "FROM node\nRUN npm ci",
    good: "FROM node:20.11-bookworm\nRUN npm ci",
  },
  check(ctx) {
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const base = stage.base;
      if (base.kind !== "image" || !base.ref) continue;
      const word = stage.from.words[0];
      // A name nobody declared is reported by UndefinedArgInFrom (DF106); here it counts as unknown, not as empty.
      const value = wordValue(ctx.model, stage.from, word.text, word.span, { undeclaredUnknown: true });
      if (!untagged(value)) continue;
      const shown =
        value.value === undefined || value.value === word.text
          ? `'${word.text}'`
          : `'${word.text}' (that is '${value.value}')`;
      ctx.report({
        span: base.span,
        message: `${shown} has no tag, so Docker pulls whatever 'latest' is at build time; pin a version such as '${value.value ?? word.text}:<version>'`,
      });
    }
  },
});

/**
 * Known to have neither tag nor digest. An unknown part in the last path component (`$IMAGE`, `app$SUFFIX`,
 * `${B:-ns/img:3.20}` with B declared without a default) can carry the tag itself.
 */
function untagged(value: WordValue): boolean {
  if (value.value !== undefined) {
    const parsed = parseImageRef(value.value);
    return parsed.ok && parsed.ref.tag === undefined && parsed.ref.digest === undefined;
  }
  const template = value.parts.map((p) => (p.known ? p.text : "$")).join("");
  const last = template.slice(template.lastIndexOf("/") + 1);
  return !/[$:@]/.test(last);
}
