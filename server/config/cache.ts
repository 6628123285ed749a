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
