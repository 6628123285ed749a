// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the inputs are Dockerfile text, not templates.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { complete } from "../../server/features/completion.js";
import { hover } from "../../server/features/hover.js";
import { snapshot } from "./helpers.js";

/** Pieces that make half-typed Dockerfiles: keywords, flags, variables, quotes, continuations, heredocs, CRLF. */
const piece = fc.constantFrom(
  "FROM ",
  "alpine",
  " AS ",
  "build",
  "RUN ",
  "COPY ",
  "--from=",
  "--mount=",
  "type=cache,",
  "target=/x",
  ",from=",
  "--platform=",
  "$",
  "${",
  "}",
  "ARG ",
  "ENV ",
  "A=1",
  "ONBUILD ",
  "HEALTHCHECK ",
  "CMD ",
  "STOPSIGNAL ",
  "\n",
  "\r\n",
  " \\\n",
  " `\n",
  "# ",
  "escape=`",
  "syntax=",
  "check=skip=",
  "hadolint ignore=",
  "DL3008,",
  "<<EOF",
  "<<-'EOF'",
  "\nEOF",
  '["sh", "-c"]',
  "'",
  '"',
  " ",
  "\t",
  "\uFEFF",
  "é",
  "😀",
  "=",
  ",",
);
const dockerfile = fc.array(piece, { maxLength: 30 }).map((parts) => parts.join(""));

describe("hover and completion on any text", () => {
  it("never throw; a hover's span and a completion's replace range contain the offset, on one line", () => {
    fc.assert(
      fc.property(dockerfile, (text) => {
        const doc = snapshot(text);
        for (let offset = 0; offset <= text.length; offset++) {
          const h = hover(doc, offset);
          if (h) {
            expect(h.span.start).toBeLessThanOrEqual(offset);
            expect(h.span.end).toBeGreaterThanOrEqual(offset);
          }
          for (const item of complete(doc, offset, { snippets: true })) {
            expect(item.replace.start).toBeLessThanOrEqual(offset);
            expect(item.replace.end).toBeGreaterThanOrEqual(offset);
            expect(doc.lines.lineAt(item.replace.start)).toBe(doc.lines.lineAt(item.replace.end));
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
