/** Working directories and COPY/ADD destinations as far as the file decides them (shared by the COPY rules). */
import type { Instruction } from "../../../grammar/index.js";
import { scanVariables, unquote } from "../../../grammar/shell.js";
import { cleanPath } from "../../model/dockerignore.js";
import { type DockerfileModel, factKey, type Stage } from "../../model/model.js";
import type { RuleContext } from "../types.js";
import { resolve } from "./expansion.js";
import type { CopySource } from "./sources.js";
import { parentStage } from "./stages.js";

export interface WorkdirState {
  /** The working directory, when the file decides it (`/` in a stage built FROM scratch until a WORKDIR). */
  workdir?: string;
  /** Every directory a WORKDIR created so far (they exist for sure), or the first {@link MAX_CREATED} of them. */
  created: ReadonlySet<string>;
  /** `created` stopped growing at {@link MAX_CREATED}: a directory missing from it may exist. */
  createdPartial: boolean;
  /**
   * The working directory depends on a variable (a WORKDIR with `$` since the last absolute one without, or
   * `FROM $BASE`): `workdir` is then what the file's values give, which a build argument can change.
   */
  viaVariable: boolean;
}

interface StageWorkdirs {
  /** The state in effect at each instruction of the stage (before it runs). */
  at: Map<Instruction, WorkdirState>;
  /** After the stage's last instruction: what a stage built on it, or an ONBUILD trigger, starts with. */
  end: WorkdirState;
}

const NO_CREATED: ReadonlySet<string> = new Set();
/** Directories `created` holds at most. */
const MAX_CREATED = 1000;
const PATH_MAX = 4096;
const BY_STAGE = factKey<Map<Stage, StageWorkdirs>>("stageWorkdirs");

/**
 * The working directory at every instruction of a stage, read once per model and stage (DF207, DF217 and DL3021 ask
 * for it at many instructions; walking the stage chain for each made DF217 quadratic).
 */
function stageWorkdirs(model: DockerfileModel, stage: Stage): StageWorkdirs {
  const stages = model.fact(BY_STAGE, () => new Map<Stage, StageWorkdirs>());
  const done = stages.get(stage);
  if (done) return done;
  // The stages up to the nearest one already read (its ancestors are read too), then those root first: a loop, not
  // recursion, so that a long chain of stages cannot overflow the stack, and no walk of the whole chain per stage.
  const todo: Stage[] = [];
  let state: WorkdirState | undefined;
  for (let s: Stage | undefined = stage; s; s = parentStage(s)) {
    const known = stages.get(s);
    if (known) {
      state = known.end;
      break;
    }
    todo.push(s);
  }
  for (let k = todo.length - 1; k >= 0; k--) {
    const s = todo[k];
    state ??= startOf(s);
    const at = new Map<Instruction, WorkdirState>();
    for (const i of s.instructions) {
      at.set(i, state);
      if (i.keyword === "WORKDIR") state = afterWorkdir(model, i, state);
    }
    stages.set(s, { at, end: state });
  }
  return stages.get(stage) as StageWorkdirs;
}

/** Docker starts a stage built FROM scratch in `/`; an image's own WORKDIR is not known here. */
function startOf(root: Stage): WorkdirState {
  if (root.base.kind !== "scratch") return { created: NO_CREATED, createdPartial: false, viaVariable: false };
  // `FROM $BASE` whose default is scratch: a build argument can name another image.
  const viaVariable = root.from.words[0]?.text.includes("$") ?? false;
  return { workdir: "/", created: NO_CREATED, createdPartial: false, viaVariable };
}

function afterWorkdir(model: DockerfileModel, i: Instruction, before: WorkdirState): WorkdirState {
  const written = i.words.map((w) => w.text).join(" ");
  const r = resolve(model, i, written);
  const value = r.known ? r.values[0] : undefined;
  if (value === undefined || value.includes("\\") || /^[A-Za-z]:/.test(value))
    return {
      workdir: undefined,
      created: before.created,
      createdPartial: before.createdPartial,
      viaVariable: before.viaVariable,
    };
  const absolute = value.startsWith("/");
  const workdir = absolute
    ? normalize(value)
    : before.workdir === undefined
      ? undefined
      : normalize(`${before.workdir}/${value}`);
  const viaVariable = written.includes("$") || (!absolute && before.viaVariable);
  const { created: known, createdPartial } = before;
  // Longer than Linux's PATH_MAX, no build gets there; and each state keeps its path, which relative WORKDIRs nested
  // over thousands of chained stages made quadratic in memory and time (16,000 of them: 15 s).
  if (workdir !== undefined && workdir.length > PATH_MAX)
    return { workdir: undefined, created: known, createdPartial, viaVariable };
  if (workdir === undefined || workdir === "/" || known.has(workdir) || createdPartial)
    return { workdir, created: known, createdPartial, viaVariable };
  // The set holds every parent of what it holds, so the walk up stops at the first folder already in it; and it stops
  // growing at MAX_CREATED, since every state keeps its own copy: relative WORKDIRs nested over 2,000 chained stages
  // took DF207 22 s, and over 16,000 ran out of memory.
  if (known.size >= MAX_CREATED) return { workdir, created: known, createdPartial: true, viaVariable };
  const created = new Set(known);
  for (let d = workdir; d !== "/" && !created.has(d); d = d.slice(0, d.lastIndexOf("/")) || "/")
    created.add(d);
  return { workdir, created, createdPartial: false, viaVariable };
}

/**
 * The working directory at an instruction, when the file decides it, and every directory WORKDIR created so far. An
 * ONBUILD trigger runs right after the FROM of a build on this image, so it sees the whole stage.
 */
export function workdirsBefore(ctx: RuleContext, instruction: Instruction): WorkdirState {
  const stage = ctx.model.stageOf(instruction.parentOnbuild ?? instruction);
  if (!stage) return { created: NO_CREATED, createdPartial: false, viaVariable: false };
  const table = stageWorkdirs(ctx.model, stage);
  return table.at.get(instruction) ?? table.end;
}

/** `/a/./b/../c/` -> `/a/c`: the path read from the root, cleaned as Go's `path.Clean` (BuildKit's) does. */
export function normalize(path: string): string {
  return cleanPath(`/${path}`);
}

/**
 * The destination as Docker reads it, variables substituted; undefined when a variable's value is not known from
 * the file (a build argument, or a name only the base image may set). copySources unquotes with the default escape
 * character, which would eat the backslashes of a Windows Dockerfile (`# escape=\``), so shell-form words are read
 * again with the file's.
 */
export function destinationValue(
  ctx: RuleContext,
  instruction: Instruction,
  destination: CopySource,
): string | undefined {
  if (instruction.form?.kind === "exec") return destination.path;
  const word = instruction.words.find((w) => w.span.start === destination.span.start);
  if (!word) return destination.path;
  if (!word.text.includes("$")) return unquote(word.text, { escapeChar: ctx.ast.escapeChar });
  const names = scanVariables(word.text, { escapeChar: ctx.ast.escapeChar }).map((v) => v.name);
  const scope = ctx.model.scopeAt(instruction);
  if (names.some((n) => !scope.has(n))) return undefined;
  const r = resolve(ctx.model, instruction, word.text);
  return r.known ? r.values[0] : undefined;
}
