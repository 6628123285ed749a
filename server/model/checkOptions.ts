import type { CommentNode, DockerfileAst, Instruction } from "../../grammar/index.js";
import { precedingComments } from "./comments.js";
import { parseBooleanFlag } from "./values.js";

/** What a `check=` directive or comment asks of Docker's build checks. Rule names as written. */
export interface CheckOptions {
  skipAll: boolean;
  skip: string[];
  experimentalAll: boolean;
  experimental: string[];
  error: boolean;
}

export type CheckOptionsResult = { ok: true; options: CheckOptions } | { ok: false; message: string };

/**
 * BuildKit's reading of a `check` value: up to three `;`-separated `key=value` parts, keys `skip`, `experimental`
 * (each `all` or a comma-separated list of names) and `error` (a Go boolean). Any other part makes the whole value
 * invalid.
 */
export function parseCheckOptions(value: string): CheckOptionsResult {
  const options: CheckOptions = {
    skipAll: false,
    skip: [],
    experimentalAll: false,
    experimental: [],
    error: false,
  };
  const text = value.trim();
  if (text === "") return { ok: true, options };
  // Go's SplitN(s, ";", 3): the third part keeps any further semicolons.
  const parts = text.split(";");
  const limited = parts.length > 3 ? [parts[0], parts[1], parts.slice(2).join(";")] : parts;
  for (const part of limited) {
    const eq = part.indexOf("=");
    if (eq < 0) return { ok: false, message: `invalid check option "${part}"` };
    const key = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (key === "skip" || key === "experimental") {
      const names = v.split(",").map((n) => n.trim());
      if (key === "skip") {
        if (v === "all") options.skipAll = true;
        else options.skip = names;
      } else if (v === "all") options.experimentalAll = true;
      else options.experimental = names;
    } else if (key === "error") {
      const b = parseBooleanFlag(v);
      if (b === undefined) return { ok: false, message: `check option "${part}" needs a boolean` };
      options.error = b;
    } else return { ok: false, message: `invalid check option "${key}"` };
  }
  return { ok: true, options };
}

/** BuildKit's directive pattern, applied to the text after `#`. */
const CHECK_COMMENT = /^\s*([a-zA-Z][a-zA-Z0-9]*)\s*=\s*(.+?)\s*$/;

/** The `check` value of a comment BuildKit reads as one, without what follows a space (`skip=X // why`). */
export function checkCommentValue(comment: CommentNode): string | undefined {
  const m = CHECK_COMMENT.exec(comment.text);
  if (m?.[1].toLowerCase() !== "check") return undefined;
  return m[2].split(" ")[0];
}

export interface InstructionCheckOptions {
  comment: CommentNode;
  options: CheckOptions;
}

/**
 * `# check=...` comments among an instruction's preceding comments apply to that instruction only; BuildKit uses
 * the first such comment and ignores it when its value is invalid.
 */
export function instructionCheckOptions(ast: DockerfileAst): Map<Instruction, InstructionCheckOptions> {
  const out = new Map<Instruction, InstructionCheckOptions>();
  for (const [instruction, comments] of precedingComments(ast)) {
    for (const comment of comments) {
      const value = checkCommentValue(comment);
      if (value === undefined) continue;
      const parsed = parseCheckOptions(value);
      if (parsed.ok) out.set(instruction, { comment, options: parsed.options });
      break;
    }
  }
  return out;
}

/** The names of Docker's build checks (BuildKit's linter rule set). */
export const DOCKER_CHECK_NAMES: ReadonlySet<string> = new Set([
  "StageNameCasing",
  "FromAsCasing",
  "NoEmptyContinuation",
  "ConsistentInstructionCasing",
  "DuplicateStageName",
  "ReservedStageName",
  "JSONArgsRecommended",
  "MaintainerDeprecated",
  "UndefinedArgInFrom",
  "WorkdirRelativePath",
  "UndefinedVar",
  "MultipleInstructionsDisallowed",
  "LegacyKeyValueFormat",
  "InvalidBaseImagePlatform",
  "RedundantTargetPlatform",
  "SecretsUsedInArgOrEnv",
  "InvalidDefaultArgInFrom",
  "FromPlatformFlagConstDisallowed",
  "CopyIgnoredFile",
  "InvalidDefinitionDescription",
  "ExposeProtoCasing",
  "ExposeInvalidFormat",
]);
