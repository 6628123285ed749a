import { copySources } from "../helpers/sources.js";
import { defineRule } from "../types.js";

export const dl3067 = defineRule({
  code: "DL3067",
  aliases: [],
  severity: "warning",
  title: "COPY --from copies a whole filesystem",
  docs: {
    what: "Finds `COPY --from=<stage or image> / /`, which copies the complete root filesystem of another stage or image over this one.",
    why: "Copying everything brings along package databases, caches, shells and tools the final image was meant to leave behind, and silently overwrites this stage's own files. Copy the directories the application needs instead.",
    bad: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static\nCOPY --from=build / /",
    good: "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/static\nCOPY --from=build /out/app /app",
  },
  check(ctx) {
    for (let instructionIndex = 0; instructionIndex < ctx.ast.instructions.length; instructionIndex++) {
      const instruction = ctx.ast.instructions[instructionIndex];
      if (instruction.keyword !== "COPY" || !instruction.flags.some((f) => f.name === "from")) continue;
      const { sources, destination } = copySources(ctx.ast, instruction);
      const root = sources.find((s) => s.path === "/");
      if (!root || destination?.path !== "/") continue;
      ctx.report({
        span: root.span,
        message:
          "this copies the entire filesystem of the --from source over this stage's root; copy only the directories you need",
      });
    }
  },
});
