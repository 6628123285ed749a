import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The built command; `npm test` builds before running the tests. */
export const BIN = fileURLToPath(new URL("../../dist/dflint.cjs", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** A complete little Dockerfile without findings (so rules added later are unlikely to flag it), and the same with
 * exactly one finding: DL3020 on line 2, columns 1-4, which --fix turns back into CLEAN. */
export const CLEAN = 'FROM scratch\nCOPY app /app\nUSER 1000\nHEALTHCHECK NONE\nENTRYPOINT ["/app"]\n';
export const BAD = CLEAN.replace("COPY", "ADD");
/** CLEAN with one finding that has a safe fix: DF104, `user` in a file of uppercase keywords (line 3). */
export const BAD_SAFE = CLEAN.replace("USER", "user");

export interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: Record<string, string>;
  input?: string | Buffer;
  /** Another build of the command to run (default: BIN). */
  bin?: string;
}

/** A fresh home and config directory per call, so the machine's own config files never leak into a test. */
export function dflint(args: readonly string[], options: RunOptions): Result {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) {
    if (v === undefined || /^(DFLINT_|HADOLINT_)/.test(k) || ["NO_COLOR", "FORCE_COLOR"].includes(k))
      continue;
    env[k] = v;
  }
  const home = mkdtempSync(join(tmpdir(), "dflint-home-"));
  Object.assign(env, { HOME: home, XDG_CONFIG_HOME: join(home, ".config") }, options.env);
  const r = spawnSync(process.execPath, [options.bin ?? BIN, ...args], {
    cwd: options.cwd,
    env,
    input: options.input ?? "",
    encoding: "utf8",
    timeout: 60_000,
  });
  // A crash or an internal error is shown in the test log whatever the test asserts (a CI run once saw status 2
  // from test/cli/pragmas.test.ts that no rerun reproduced, with nothing to say why).
  if (r.status === null || r.stderr.includes("internal error"))
    process.stderr.write(
      `dflint ${args.join(" ")}: status ${r.status} (${r.signal ?? r.error?.message ?? ""})\n${r.stderr}\n`,
    );
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Creates a temporary directory holding `files` (paths with `/`; a value of null makes a directory). It gets a
 * `.git` directory so config and .gitignore searches stop there, unless `git: false`; `root` names the directory. */
export function project(
  files: Record<string, string | Buffer | null>,
  opts: { git?: boolean; root?: string } = {},
): string {
  const root = opts.root ?? mkdtempSync(join(tmpdir(), "dflint-cli-"));
  mkdirSync(root, { recursive: true });
  if (opts.git !== false) mkdirSync(join(root, ".git"));
  for (const [path, content] of Object.entries(files)) {
    const full = join(root, ...path.split("/"));
    if (content === null) {
      mkdirSync(full, { recursive: true });
      continue;
    }
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, content);
  }
  return root;
}

export interface JsonFinding {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  level: string;
  code: string;
  message: string;
  fixable: boolean;
  unsafeFixable: boolean;
  /** Set on findings an ignore pragma silenced: where the pragma is and its reason. */
  suppressed?: { line: number; column: number; endLine: number; endColumn: number; reason: string | null };
}

export function parseJson(stdout: string): JsonFinding[] {
  return JSON.parse(stdout) as JsonFinding[];
}

/** `file code level` of each JSON finding a pragma does not silence, sorted, for compact expectations. */
export function summary(stdout: string, codes?: readonly string[]): string[] {
  return parseJson(stdout)
    .filter((f) => !f.suppressed && (!codes || codes.includes(f.code)))
    .map((f) => `${f.file} ${f.code} ${f.level}`)
    .sort();
}
