import { readdirSync, rmSync, statSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/**
 * The folder dflint keeps caches in (ShellCheck results, the opt-in result cache): `$DFLINT_CACHE_DIR`, else
 * `$XDG_CACHE_HOME/dflint`, else `~/.cache/dflint` (`%LOCALAPPDATA%\dflint` on Windows). Nothing is created here:
 * writers create what they need and treat a folder they cannot write as no cache.
 */
export function cacheDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.DFLINT_CACHE_DIR) return env.DFLINT_CACHE_DIR;
  if (env.XDG_CACHE_HOME) return join(env.XDG_CACHE_HOME, "dflint");
  if (process.platform === "win32" && env.LOCALAPPDATA) return join(env.LOCALAPPDATA, "dflint");
  return join(homedir(), ".cache", "dflint");
}

const DAY_MS = 86_400_000;

/**
 * Removes cache entries (`*.json`) not written for `days` days and leftovers of interrupted writes (`*.tmp`) after a
 * day, in `folder` and in its direct subfolders (for caches sharded by the key's first characters). A hit does not
 * rewrite its entry, so an entry in use costs one miss per `days`. Callers run it once per process, when they write.
 */
export function pruneCache(folder: string, days: number, now: number = Date.now()): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    const limit = name.endsWith(".json") ? days : name.endsWith(".tmp") ? 1 : undefined;
    try {
      if (limit === undefined) {
        if (name.length <= 2 && statSync(path).isDirectory()) pruneCache(path, days, now);
      } else if (now - statSync(path).mtimeMs > limit * DAY_MS) rmSync(path, { force: true });
    } catch {
      // Another process removed it first.
    }
  }
}
