import { describe, expect, it } from "vitest";
import { hover } from "../../server/features/hover.js";
import { at, textOf } from "./helpers.js";

describe("hover", () => {
  it("explains the instruction under the cursor", () => {
    const { doc, offset } = at("FROM alpine\nR|UN echo hi\n");
    const h = hover(doc, offset);
    expect(h && textOf(doc, h.span)).toBe("RUN");
    expect(h?.markdown).toMatch(/^\*\*RUN\*\* — /);
  });
});
