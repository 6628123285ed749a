import { defineRule } from "../types.js";

export const df006 = defineRule({
  code: "DF006",
  aliases: [],
  severity: "error",
  title: "JSON array element is not a string",
  docs: {
    what: 'Finds exec-form arrays (`["...", ...]`) that hold numbers, booleans, null, objects or nested arrays.',
    why: 'When the arguments parse as a JSON array, Docker requires every element to be a string and fails the build otherwise; it does not fall back to the shell form. Quote the value: `["sleep", "10"]`, not `["sleep", 10]`.',
    bad: 'FROM alpine\nCMD ["sleep", 10]',
    good: 'FROM alpine\nCMD ["sleep", "10"]',
  },
  check(ctx) {
    for (const e of ctx.ast.errors) {
      if (e.code === "json-not-string") ctx.report({ span: e.span, message: e.message });
    }
  },
});
