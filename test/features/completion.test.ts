import { describe, expect, it } from "vitest";
import { complete } from "../../server/features/completion.js";
import { at } from "./helpers.js";

describe("completion", () => {
  it("offers instructions at the start of a line, replacing the word typed", () => {
    const { doc, offset } = at("FROM alpine\nRU|\n");
    const items = complete(doc, offset, { snippets: false });
    expect(items.map((i) => i.label)).toContain("RUN");
    expect(items[0].replace).toEqual({ start: 12, end: 14 });
  });
});
