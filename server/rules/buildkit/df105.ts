import { defineRule } from "../types.js";

const RESERVED: ReadonlyMap<string, string> = new Map([
  ["scratch", "FROM scratch already means the empty base image"],
  ["context", "'context' already names the build context (for instance in named build contexts)"],
]);

export const df105 = defineRule({
  code: "DF105",
  aliases: ["ReservedStageName"],
  severity: "warning",
  title: "Stage name is a reserved word",
  docs: {
    what: "Finds stages named `scratch` or `context` (in any casing).",
    why: "Both names already mean something to Docker: `scratch` is the empty base image and `context` is the build context. A stage with one of these names makes every reference to it ambiguous for the reader, and which meaning wins depends on where the name is used.",
    bad: "FROM alpine AS scratch\nFROM scratch\nCOPY --from=scratch /etc/ssl /etc/ssl",
    good: "FROM alpine AS certs\nFROM scratch\nCOPY --from=certs /etc/ssl /etc/ssl",
  },
  check(ctx) {
    for (const stage of ctx.model.stages) {
      if (!stage.name || !stage.nameSpan) continue;
      const why = RESERVED.get(stage.name.toLowerCase());
      if (!why) continue;
      ctx.report({
        span: stage.nameSpan,
        message: `'${stage.name}' is reserved as a stage name: ${why}, so references to this stage are ambiguous`,
      });
    }
  },
});
