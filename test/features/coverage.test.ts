import { describe, expect, it } from "vitest";
import { INSTRUCTIONS, KNOWN_DIRECTIVES } from "../../grammar/index.js";
import { MOUNT_KEY_DOCS } from "../../server/features/docs/flags.js";
import { hover } from "../../server/features/hover.js";
import { FLAGS, MOUNT_KEY_NAMES, MOUNT_TYPE_NAMES } from "../../server/rules/helpers/flags.js";
import { snapshot, textOf } from "./helpers.js";

/** Hovers the first occurrence of `target` in the text, `skip` characters into it. */
function hoverOn(text: string, target: string, skip = 0) {
  const doc = snapshot(text);
  const offset = text.indexOf(target) + skip;
  if (offset < 0) throw new Error(`no ${target} in ${text}`);
  const h = hover(doc, offset);
  return { h, hovered: h ? textOf(doc, h.span) : undefined };
}

/** An instruction line that uses `flag` and is otherwise valid. */
function lineWithFlag(keyword: string, flag: string): string {
  switch (keyword) {
    case "FROM":
      return `FROM --${flag}=linux/amd64 alpine`;
    case "HEALTHCHECK":
      return `FROM alpine\nHEALTHCHECK --${flag}=3 CMD true`;
    case "RUN":
      return `FROM alpine\nRUN --${flag}=x true`;
    default:
      return `FROM alpine\n${keyword} --${flag}=x a /b/`;
  }
}

describe("every instruction, flag, --mount option and directive has a hover", () => {
  it.each(INSTRUCTIONS.map((k) => [k]))("%s", (keyword) => {
    const text = keyword === "FROM" ? "FROM alpine" : `FROM alpine\n${keyword} x`;
    const { h, hovered } = hoverOn(
      text,
      keyword === "FROM" ? "FROM" : `\n${keyword}`,
      keyword === "FROM" ? 0 : 1,
    );
    expect(hovered).toBe(keyword);
    expect(h?.markdown.startsWith(`**${keyword}** — `)).toBe(true);
    expect(h?.markdown).toContain("Example:\n```dockerfile\n");
  });

  const flags = Object.entries(FLAGS).flatMap(([keyword, table]) =>
    Object.keys(table).map((f) => [keyword, f]),
  );
  it.each(flags)("%s --%s", (keyword, flag) => {
    const { h, hovered } = hoverOn(lineWithFlag(keyword, flag), `--${flag}`);
    expect(hovered?.startsWith(`--${flag}=`)).toBe(true);
    expect(h?.markdown.startsWith(`**${keyword} --${flag}`)).toBe(true);
    expect(h?.markdown).toContain("Example: `");
  });

  it.each(MOUNT_KEY_NAMES.map((k) => [k]))("RUN --mount %s", (key) => {
    const doc = MOUNT_KEY_DOCS[key];
    const canonical = "aliasOf" in doc ? doc.aliasOf : key;
    const types = (MOUNT_KEY_DOCS[canonical] as { types: readonly string[] }).types;
    const type = types.includes("cache") ? "cache" : types[0];
    const text = `FROM alpine\nRUN --mount=type=${type},${key}=1 true`;
    const { h, hovered } = hoverOn(text, `,${key}=`, 1);
    expect(hovered).toBe(`${key}=1`);
    expect(h?.markdown.startsWith(`**--mount ${key}`)).toBe(true);
    expect(h?.markdown).toContain("Applies to: ");
  });

  it.each(MOUNT_TYPE_NAMES.map((t) => [t]))("RUN --mount type=%s", (type) => {
    const { h, hovered } = hoverOn(`FROM alpine\nRUN --mount=type=${type},target=/x true`, type);
    expect(hovered).toBe(`type=${type}`);
    expect(h?.markdown.startsWith(`**--mount type=${type}** — `)).toBe(true);
  });

  it.each(KNOWN_DIRECTIVES.map((d) => [d]))("# %s=", (name) => {
    const { h, hovered } = hoverOn(`# ${name}=x\nFROM alpine`, name);
    expect(hovered).toBe(`# ${name}=x`);
    expect(h?.markdown.startsWith(`**# ${name}=** — parser directive. `)).toBe(true);
  });
});
