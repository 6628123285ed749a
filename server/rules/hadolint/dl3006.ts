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
    for (const stage of ctx.model.stages) {
      const base = stage.base;
      if (base.kind !== "image" || !base.ref || base.ref.tag !== undefined || base.ref.digest !== undefined)
        continue;
      if (base.unresolved) {
        // A variable in the last path component (`FROM $IMAGE`, `FROM app$SUFFIX`) can carry the tag itself.
        const lastComponent = base.raw.slice(base.raw.lastIndexOf("/") + 1);
        if (lastComponent.includes("$")) continue;
      }
      const shown = base.text === base.raw ? `'${base.raw}'` : `'${base.raw}' (that is '${base.text}')`;
      ctx.report({
        span: base.span,
        message: `${shown} has no tag, so Docker pulls whatever 'latest' is at build time; pin a version such as '${base.unresolved ? base.raw : base.text}:<version>'`,
      });
    }
  },
});
