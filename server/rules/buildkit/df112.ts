import type { Span } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";
import { allInstructions, defineRule } from "../types.js";

/** Docker's list: a name is suspect when one of its `_`-separated parts is one of these words (any case)... */
const SECRET_WORDS = new Set([
  "apikey",
  "auth",
  "credential",
  "credentials",
  "key",
  "password",
  "pword",
  "passwd",
  "secret",
  "token",
]);
/** ...and none of its parts is one of these, which mark names about secrets rather than secrets themselves. */
const HARMLESS_WORDS = new Set(["public", "file", "version"]);

export const df112 = defineRule({
  code: "DF112",
  aliases: ["SecretsUsedInArgOrEnv"],
  severity: "warning",
  title: "ARG or ENV name suggests a secret",
  docs: {
    what: "Finds ARG and ENV names in a stage whose `_`-separated parts include a word such as TOKEN, PASSWORD, SECRET, KEY, AUTH or CREDENTIALS, unless a part is PUBLIC, FILE or VERSION (as in `GPG_KEY_FILE` or `PUBLIC_KEY`). The word list and matching follow Docker's check.",
    why: "Values given to ARG and ENV end up in the image: ENV in its configuration for anyone who pulls it, ARG in the build history and provenance. A password passed this way is readable long after the build. Secret mounts (`RUN --mount=type=secret`) hand the value to one command and leave no trace.",
    bad: "FROM alpine\nARG GITHUB_TOKEN\nRUN git clone https://$GITHUB_TOKEN@github.com/org/repo",
    good: "FROM alpine\nRUN --mount=type=secret,id=github_token,env=GITHUB_TOKEN \\\n    git clone https://$GITHUB_TOKEN@github.com/org/repo",
  },
  check(ctx) {
    for (const instruction of allInstructions(ctx.ast)) {
      // Global ARGs only reach FROM lines, so Docker does not check them; a stage must declare them again.
      if (!ctx.model.stageOf(instruction)) continue;
      const names: { name: string; span: Span }[] = [];
      if (instruction.keyword === "ARG") {
        for (const d of instruction.declarations ?? []) names.push({ name: d.name, span: d.nameSpan });
      } else if (instruction.keyword === "ENV") {
        for (const p of instruction.pairs ?? []) {
          if (p.key.includes("$")) continue; // the name is only known at build time
          names.push({ name: unquote(p.key, { escapeChar: ctx.ast.escapeChar }), span: p.keySpan });
        }
      } else continue;
      for (const { name, span } of names) {
        if (!looksSecret(name)) continue;
        ctx.report({
          span,
          message: `${instruction.keyword} ${name} looks like it holds a secret, and its value stays readable in the image; pass it with RUN --mount=type=secret instead`,
        });
      }
    }
  },
});

function looksSecret(name: string): boolean {
  const parts = name.toLowerCase().split("_");
  return parts.some((p) => SECRET_WORDS.has(p)) && !parts.some((p) => HARMLESS_WORDS.has(p));
}
