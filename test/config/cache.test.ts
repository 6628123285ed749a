import { mkdirSync, mkdtempSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { cacheDir, pruneCache } from "../../server/config/cache.js";

describe("cacheDir", () => {
  it("takes DFLINT_CACHE_DIR, then XDG_CACHE_HOME/dflint, then ~/.cache/dflint", () => {
    expect(cacheDir({ DFLINT_CACHE_DIR: "/c", XDG_CACHE_HOME: "/x" })).toBe("/c");
    expect(cacheDir({ XDG_CACHE_HOME: "/x" })).toBe(join("/x", "dflint"));
    expect(cacheDir({})).toMatch(/[/\\]\.cache[/\\]dflint$/);
  });
});

describe("pruneCache", () => {
  it("removes old entries and old temporary files, in the folder and its two-character shards only", () => {
    const root = mkdtempSync(join(tmpdir(), "dflint-prune-"));
    const now = Date.now();
    const put = (path: string, ageDays: number) => {
      mkdirSync(join(root, path, ".."), { recursive: true });
      writeFileSync(join(root, path), "{}");
      const when = (now - ageDays * 86_400_000) / 1000;
      utimesSync(join(root, path), when, when);
    };
    put("old.json", 31);
    put("new.json", 29);
    put("ab/old.json", 40);
    put("ab/new.json", 1);
    put("ab/left.tmp", 2);
    put("ab/fresh.tmp", 0);
    put("keep.txt", 400);
    put("deeper/old.json", 400);
    pruneCache(root, 30, now);
    expect(readdirSync(root).sort()).toEqual(["ab", "deeper", "keep.txt", "new.json"]);
    expect(readdirSync(join(root, "ab")).sort()).toEqual(["fresh.tmp", "new.json"]);
    expect(readdirSync(join(root, "deeper"))).toEqual(["old.json"]);
  });

  it("does nothing for a folder that does not exist", () => {
    expect(() => pruneCache(join(tmpdir(), "dflint-no-such-folder", "x"), 30)).not.toThrow();
  });
});
