import { defineRule } from "../types.js";

export const dl3007 = defineRule({
  code: "DL3007",
  aliases: [],
  severity: "warning",
  title: "Base image tagged latest",
  docs: {
    what: "Finds FROM lines that ask for the `latest` tag of an image without pinning a digest.",
    why: "`latest` is not a version: it moves every time the publisher releases something. Builds stop being repeatable, and an upstream major release can break the image without any change to the Dockerfile. A digest next to the tag (`image:latest@sha256:...`) does pin the image and is not reported.",
    bad: "FROM debian:latest",
    good: "FROM debian:12.5",
  },
  check(ctx) {
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const base = stage.base;
      if (base.kind !== "image" || base.ref?.tag !== "latest" || base.ref.digest !== undefined) continue;
      const tag = base.ref.spans.tag;
      // The tag's offsets are into the word as written only when the reference was parsed from it unexpanded.
      const mapsToSource = base.ref.raw === base.raw && base.span.end - base.span.start === base.raw.length;
      ctx.report({
        span:
          tag && mapsToSource
            ? { start: base.span.start + tag.start, end: base.span.start + tag.end }
            : base.span,
        message: `'${base.ref.raw}' asks for 'latest', which moves with every upstream release; pin a version tag or a digest`,
      });
    }
  },
});
