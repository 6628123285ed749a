import { singleQuotedExecForm } from "../helpers/execForm.js";
import { defineRule } from "../types.js";

export const df014 = defineRule({
  code: "DF014",
  aliases: [],
  severity: "error",
  title: "SHELL is not a JSON array",
  docs: {
    what: "Finds SHELL instructions that are not written as a JSON array of strings, or whose array is empty.",
    why: "Unlike RUN or CMD, SHELL has no shell form: Docker needs the program and its options as a JSON array and fails the build otherwise. An empty array names no shell at all.",
    bad: "FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL powershell -Command",
    good: 'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nSHELL ["powershell", "-Command"]',
  },
  instructions: ["SHELL"],
  visit(ctx, instruction) {
    const form = instruction.form;
    if (instruction.keyword !== "SHELL" || !form) return;
    if (form.kind === "exec") {
      if (form.elements.length === 0) {
        ctx.report({
          span: form.span,
          message: 'SHELL needs at least the program, e.g. ["/bin/sh", "-c"]',
        });
      }
      return;
    }
    // DF201 already explains arrays written with single quotes.
    if (singleQuotedExecForm(instruction)) return;
    const why = form.notJson ? ` (${form.notJson.message})` : "";
    ctx.report({
      span: form.span,
      message: `SHELL must be a JSON array of strings such as ["/bin/bash", "-c"]${why}`,
    });
  },
});
