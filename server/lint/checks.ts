/**
 * Docker's own switches for its build checks: the `# check=` parser directive for the file, and a `# check=` comment
 * among an instruction's preceding comments for that instruction alone. They act on the rules that carry a Docker
 * check name, matched exactly as BuildKit does (names are case-sensitive there).
 */
import type { DockerfileAst, Instruction } from "../../grammar/index.js";
import {
  type CheckOptions,
  checkCommentValue,
  DOCKER_CHECK_NAMES,
  type InstructionCheckOptions,
  instructionCheckOptions,
  parseCheckOptions,
} from "../model/checkOptions.js";
import type { Rule } from "../rules/types.js";

export interface DockerChecks {
  file?: CheckOptions;
  instructions: Map<Instruction, InstructionCheckOptions>;
}

/** The build argument BUILDKIT_DOCKERFILE_CHECK, when given, replaces the file's `# check=` directive entirely. */
export function readDockerChecks(
  ast: DockerfileAst,
  buildArgs?: Readonly<Record<string, string>>,
): DockerChecks {
  const fromBuild = buildArgs?.BUILDKIT_DOCKERFILE_CHECK;
  const value = fromBuild ?? ast.directives.find((d) => d.name === "check")?.value;
  const parsed = value === undefined ? undefined : parseCheckOptions(value);
  // Most files have no `check=` comment at all: then no instruction has one either.
  const anyComment = ast.comments.some((c) => checkCommentValue(c) !== undefined);
  return {
    file: parsed?.ok ? parsed.options : undefined,
    instructions: anyComment ? instructionCheckOptions(ast) : new Map(),
  };
}

const namesByRule = new WeakMap<Rule, string[]>();

/** The rule's Docker check names (worked out once per rule: the linter asks for every rule on every file). */
export function dockerNames(rule: Rule): string[] {
  let names = namesByRule.get(rule);
  if (!names) {
    names = rule.aliases.filter((a) => DOCKER_CHECK_NAMES.has(a));
    namesByRule.set(rule, names);
  }
  return names;
}

/** Docker ships some checks as experimental: off unless `experimental=` names them, and never affected by `skip=`. */
function experimental(rule: Rule): boolean {
  return rule.defaultOff === true;
}

function names(options: CheckOptions, list: "skip" | "experimental", rule: Rule): boolean {
  const all = list === "skip" ? options.skipAll : options.experimentalAll;
  return all || dockerNames(rule).some((n) => options[list].includes(n));
}

/** Whether the rule is off for the whole file; an experimental rule is on when any `check=` switches it on. */
export function offInFile(rule: Rule, checks: DockerChecks): boolean {
  if (dockerNames(rule).length === 0 || experimental(rule)) return false;
  return checks.file !== undefined && names(checks.file, "skip", rule);
}

/** An experimental Docker check that a `check=experimental=` directive or comment turns on. */
export function turnedOnByCheck(rule: Rule, checks: DockerChecks): boolean {
  if (dockerNames(rule).length === 0 || !experimental(rule)) return false;
  if (checks.file && names(checks.file, "experimental", rule)) return true;
  for (const { options } of checks.instructions.values())
    if (names(options, "experimental", rule)) return true;
  return false;
}

/** Whether a finding of the rule on this (top-level) instruction stays, given the `check=` comment above it. */
export function keptAtInstruction(
  rule: Rule,
  instruction: Instruction | undefined,
  checks: DockerChecks,
  enabledOtherwise: boolean,
): boolean {
  if (dockerNames(rule).length === 0) return true;
  const own = instruction ? checks.instructions.get(instruction)?.options : undefined;
  if (experimental(rule)) {
    if (enabledOtherwise || (checks.file && names(checks.file, "experimental", rule))) return true;
    return own !== undefined && names(own, "experimental", rule);
  }
  return !(own && names(own, "skip", rule));
}
