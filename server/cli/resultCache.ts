import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pruneCache } from "../config/cache.js";
import type { LintOptions } from "../lint/index.js";
import type { BuildContext, ContextEntry } from "../model/buildContext.js";
import type { Finding } from "../rules/types.js";

/**
 * The opt-in result cache (`--cache`, `--cache-location DIR`): a file's findings, kept by a key made of everything
 * that decides them, so a re-run (pre-commit, CI) lints only what changed. The key holds:
 * - the run key: the cache format, dflint's version and the linter's build (the bundle's hash, so a rule changed
 *   without a new version misses too) and the rule set (every rule code with its default severity);
 * - the lint options as JSON (configuration, rule selection and severities, settings, build args, whether
 *   suppressed findings are kept); an option that is not plain data makes the file uncacheable, unless it says
 *   how to key it: a findings source (ShellCheck) with a `cacheKey` (its binary and version), the build context
 *   by what the rules read of it (below);
 * - the file's text.
 * The build context is not part of the key: the rules ask it for folder listings and the ignore file, and the
 * entry records each answer; a hit asks again and must get the same answers (a new or removed source file, an
 * edited .dockerignore then miss). Anything else that changes findings must be added here.
 *
 * One JSON file per entry (`<key>.json`, written to a temporary file and renamed), so runs and worker threads can
 * share the folder. A missing, corrupt or foreign entry is a miss; a folder that cannot be written is no cache.
 * Entries are never removed by dflint: delete the folder to empty it.
 */
export const CACHE_FORMAT = 1;

interface Entry {
  key: string;
  /** What the rules asked the build context, and its answers (JSON). */
  reads: [question: string, answer: string][];
  findings: Finding[];
}

function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/** JSON with sorted keys, of plain data only; undefined when something is not (a function, a class instance). */
function stableJson(value: unknown): string | undefined {
  if (value === null || typeof value === "number" || typeof value === "boolean" || typeof value === "string")
    return JSON.stringify(value);
  if (value === undefined) return "null";
  if (Array.isArray(value)) {
    const parts = value.map(stableJson);
    return parts.includes(undefined) ? undefined : `[${parts.join(",")}]`;
  }
  if (typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype) {
    const parts: string[] = [];
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v === undefined) continue;
      const s = stableJson(v);
      if (s === undefined) return undefined;
      parts.push(`${JSON.stringify(k)}:${s}`);
    }
    return `{${parts.join(",")}}`;
  }
  return undefined;
}

/** The part of the key that every file of a run shares. */
export function runKey(version: string, build: string, rules: readonly { code: string; severity: string }[]) {
  return sha(
    JSON.stringify({
      format: CACHE_FORMAT,
      version,
      build,
      rules: rules.map((r) => `${r.code}:${r.severity}`),
    }),
  );
}

/** The options' part of the key, or undefined when they cannot be keyed (then the file is not cached). */
function optionsKey(options: LintOptions): string | undefined {
  const { buildContext, sources, ...plain } = options;
  const sourceKeys: string[] = [];
  for (const s of sources ?? []) {
    if (typeof s.cacheKey !== "string") return undefined;
    sourceKeys.push(s.cacheKey);
  }
  const json = stableJson(plain);
  if (json === undefined) return undefined;
  const context = buildContext ? `${buildContext.origin}\u0000${buildContext.name ?? ""}` : "";
  return `${json}\u0000${sourceKeys.join("\u0000")}\u0000${context}`;
}

/** A build context that writes down what is asked of it. */
function recording(context: BuildContext, reads: [string, string][]): BuildContext {
  return {
    origin: context.origin,
    name: context.name,
    list(dir: string): readonly ContextEntry[] | undefined {
      const answer = context.list(dir);
      reads.push([`list\u0000${dir}`, JSON.stringify(answer ?? null)]);
      return answer;
    },
    ignoreFile() {
      const answer = context.ignoreFile();
      reads.push(["ignore", JSON.stringify(answer ?? null)]);
      return answer;
    },
  };
}

function ask(context: BuildContext | undefined, question: string): string {
  if (!context) return "";
  if (question === "ignore") return JSON.stringify(context.ignoreFile() ?? null);
  return JSON.stringify(context.list(question.slice("list\u0000".length)) ?? null);
}

/** Entries not written for this many days are removed when a run writes (see pruneCache). */
const ENTRY_DAYS = 30;

export class ResultCache {
  hits = 0;
  misses = 0;
  private writable = true;
  private made = false;

  constructor(
    readonly dir: string,
    private readonly run: string,
  ) {}

  /** The findings of `text` under `options`: from the cache when it has them, else from `lint` (then kept). */
  findings(text: string, options: LintOptions, lint: (options: LintOptions) => Finding[]): Finding[] {
    const keyed = optionsKey(options);
    if (keyed === undefined) return lint(options);
    const key = sha(`${this.run}\u0000${keyed}\u0000${text}`);
    const file = join(this.dir, `${key}.json`);
    const found = this.read(file, key);
    if (found?.reads.every(([q, a]) => ask(options.buildContext, q) === a)) {
      this.hits++;
      return found.findings;
    }
    this.misses++;
    const reads: [string, string][] = [];
    const findings = lint(
      options.buildContext ? { ...options, buildContext: recording(options.buildContext, reads) } : options,
    );
    this.write(file, { key, reads, findings });
    return findings;
  }

  private read(file: string, key: string): Entry | undefined {
    try {
      const entry = JSON.parse(readFileSync(file, "utf8")) as Partial<Entry>;
      if (entry.key !== key || !Array.isArray(entry.findings) || !Array.isArray(entry.reads))
        return undefined;
      return entry as Entry;
    } catch {
      return undefined;
    }
  }

  private write(file: string, entry: Entry): void {
    if (!this.writable) return;
    try {
      if (!this.made) {
        mkdirSync(this.dir, { recursive: true });
        this.made = true;
        pruneCache(this.dir, ENTRY_DAYS);
      }
      const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      writeFileSync(tmp, JSON.stringify(entry));
      renameSync(tmp, file);
    } catch {
      this.writable = false; // An unwritable cache is no cache; the run goes on.
    }
  }
}
