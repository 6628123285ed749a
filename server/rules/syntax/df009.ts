import { isValidStageName } from "../../model/values.js";
import { defineRule } from "../types.js";

export const df009 = defineRule({
  code: "DF009",
  aliases: [],
  severity: "error",
  title: "Invalid stage name",
  docs: {
    what: "Finds `FROM image AS name` lines whose middle word is not AS, and stage names Docker does not accept: a name must start with a letter and may only contain letters, digits, `-`, `_` and `.`.",
    why: "Docker rejects the FROM line, so the build fails before the first stage. Names such as `1st`, `_base` or `build:dev` look reasonable but are refused; a mistyped `AS` (`AD`, `A$`) makes the line three words that mean nothing.",
    bad: "FROM golang:1.22 AS 1-build",
    good: "FROM golang:1.22 AS build-1",
  },
  check(ctx) {
    for (let ni = 0; ni < ctx.ast.instructions.length; ni++) {
      const instruction = ctx.ast.instructions[ni];
      if (instruction.keyword !== "FROM" || instruction.words.length !== 3) continue;
      const [, as, name] = instruction.words;
      if (as.text.toUpperCase() !== "AS") {
        ctx.report({
          span: as.span,
          message: `expected AS between the image and the stage name, found '${as.text}'`,
        });
      } else if (!isValidStageName(name.text)) {
        ctx.report({
          span: name.span,
          message: `'${name.text}' is not a valid stage name: start with a letter and use only letters, digits, '-', '_' and '.'`,
        });
      }
    }
  },
});
