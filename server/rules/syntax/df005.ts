import { defineRule } from "../types.js";

export const df005 = defineRule({
  code: "DF005",
  aliases: [],
  severity: "error",
  title: "Heredoc is never closed",
  docs: {
    what: "Finds heredocs (`<<EOF`) in RUN, COPY and ADD whose closing line never comes.",
    why: "Without its terminator a heredoc swallows every line up to the end of the file: the instructions after it become part of the script or file content and never run. The terminator must be alone on its line, spelled exactly like the marker (leading tabs are allowed only with `<<-`).",
    bad: 'FROM alpine\nRUN <<EOF\napk add curl\nEOF \nCMD ["sh"]',
    good: 'FROM alpine\nRUN <<EOF\napk add curl\nEOF\nCMD ["sh"]',
  },
  check(ctx) {
    for (const e of ctx.ast.errors) {
      if (e.code === "unterminated-heredoc") ctx.report({ span: e.span, message: e.message });
    }
  },
});
