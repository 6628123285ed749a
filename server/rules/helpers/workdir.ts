/** Working directories and COPY/ADD destinations as far as the file decides them (shared by the COPY rules). */
import type { Instruction } from "../../../grammar/index.js";
import { scanVariables, unquote } from "../../../grammar/shell.js";
import { cleanPath } from "../../model/dockerignore.js";
import type { RuleContext } from "../types.js";
import { resolve } from "./expansion.js";
import type { CopySource } from "./sources.js";
import { stageChain } from "./stages.js";

/**
 * The working directory at an instruction, when the file decides it, and every directory WORKDIR created so far. An
 * ONBUILD trigger runs right after the FROM of a build on this image, so it sees the whole stage.
 */
export function workdirsBefore(
  ctx: RuleContext,
  instruction: Instruction,
): { workdir?: string; created: Set<string> } {
  const created = new Set<string>();
  let workdir: string | undefined;
  const stage = ctx.model.stageOf(instruction.parentOnbuild ?? instruction);
  if (!stage) return { created };
  for (const s of stageChain(stage).reverse()) {
    for (const i of s.instructions) {
      if (i === instruction) return { workdir, created };
      if (i.keyword !== "WORKDIR") continue;
      const written = i.words.map((w) => w.text).join(" ");
      const r = resolve(ctx.model, i, written);
      const value = r.known ? r.values[0] : undefined;
      if (value === undefined || value.includes("\\") || /^[A-Za-z]:/.test(value)) {
        workdir = undefined;
        continue;
      }
      workdir = value.startsWith("/")
        ? normalize(value)
        : workdir === undefined
          ? undefined
          : normalize(`${workdir}/${value}`);
      for (let d = workdir; d !== undefined && d !== "/"; d = d.slice(0, d.lastIndexOf("/")) || "/")
        created.add(d);
    }
  }
  return { workdir, created };
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
