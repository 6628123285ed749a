import type { Instruction } from "../../../grammar/index.js";
import { isAbsolutePath } from "../../model/values.js";
import { knownPrefix, wordValue } from "../../model/wordValues.js";
import { copySources } from "../helpers/sources.js";
import { parentStage } from "../helpers/stages.js";
import { defineRule, type RuleContext } from "../types.js";

/**
 * Drive paths (`C:\app`, `c:/app`) only ever mean Windows, whatever the escape character of the file. They are
 * matched on the text as written, because with the default escape character `\` the unquoted value has lost its
 * backslashes.
 */
const DRIVE_PATH = /^["']?[A-Za-z]:[\\/]/;

function isRelative(path: string, written: string, escapeChar: string): boolean {
  return isAbsolutePath(path, escapeChar) === false && !DRIVE_PATH.test(written);
}

interface StageWorkdirs {
  /** Offset of the first WORKDIR of the stage itself, and of the first `ONBUILD WORKDIR`. */
  first: number;
  firstTrigger: number;
  /** A stage it is built on sets a WORKDIR, which this stage inherits. */
  inherited: boolean;
}

function workdirsByStage(ctx: RuleContext): StageWorkdirs[] {
  const result: StageWorkdirs[] = [];
  for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
    const stage = ctx.model.stages[stageIndex];
    const own = stage.instructions.find((i) => i.keyword === "WORKDIR");
    const trigger = stage.instructions.find((i) => i.trigger?.keyword === "WORKDIR");
    const parent = parentStage(stage);
    const inherited = parent
      ? result[parent.index].inherited || result[parent.index].first < Infinity
      : false;
    result.push({
      first: own?.span.start ?? Infinity,
      firstTrigger: trigger?.span.start ?? Infinity,
      inherited,
    });
  }
  return result;
}

/** Whether a WORKDIR is in effect at `instruction`: earlier in its stage or anywhere in a stage it is built on. */
function workdirSet(ctx: RuleContext, workdirs: StageWorkdirs[], instruction: Instruction): boolean {
  const owner = instruction.parentOnbuild ?? instruction;
  const stage = ctx.model.stageOf(owner);
  if (!stage) return false;
  const w = workdirs[stage.index];
  if (w.inherited) return true;
  // A trigger runs in a later build, after this whole image and the ONBUILDs before it.
  if (instruction.parentOnbuild) return w.first < Infinity || w.firstTrigger < owner.span.start;
  return w.first < instruction.span.start;
}

export const dl3045 = defineRule({
  code: "DL3045",
  aliases: [],
  severity: "warning",
  title: "COPY to a relative path without WORKDIR",
  docs: {
    what: "Finds COPY and ADD instructions with a relative destination in a stage where no WORKDIR has been set yet (in the stage or in a stage it is built on).",
    why: "A relative destination is resolved against the working directory, which then comes from the base image and can be anything, `/` included. Files land in a place the Dockerfile does not show, and move when the base image changes. Set WORKDIR first or use an absolute path.",
    bad: "FROM node:20\nCOPY package.json .",
    good: "FROM node:20\nWORKDIR /app\nCOPY package.json .",
  },
  check(ctx) {
    const escapeChar = ctx.ast.escapeChar;
    const workdirs = workdirsByStage(ctx);
    // Indexed, and the instruction then its trigger without a pair array: in cold code for-of allocates an iterator
    // and a result per step. With the per-instruction loops of 14 rules indexed, the first lint of the corpus in a
    // fresh process allocated 319 MB instead of 349 (sampling heap profile, every rule on).
    const instructions = ctx.ast.instructions;
    for (let ni = 0; ni < instructions.length; ni++) {
      const top = instructions[ni];
      for (let i: Instruction | undefined = top; i; i = i === top ? i.trigger : undefined) {
        if (i.keyword !== "COPY" && i.keyword !== "ADD") continue;
        const { destination } = copySources(ctx.ast, i);
        if (!destination) continue;
        const written = ctx.ast.text.slice(destination.span.start, destination.span.end);
        // Read through known values; a destination that starts with a value known only at build time may be absolute.
        const value = wordValue(ctx.model, i, destination.text, destination.span, {
          undeclaredUnknown: true,
        });
        if (value.parts[0]?.known === false) continue;
        const path = knownPrefix(value);
        if (
          !isRelative(path, path === destination.path ? written : path, escapeChar) ||
          workdirSet(ctx, workdirs, i)
        )
          continue;
        ctx.report({
          span: destination.span,
          message: `'${destination.path}' is relative, but no WORKDIR is set, so it depends on the base image's working directory; set WORKDIR first or use an absolute path`,
        });
      }
    }
  },
});
