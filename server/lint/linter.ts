import { type DockerfileAst, type Instruction, parse } from "../../grammar/index.js";
import { buildModel, type DockerfileModel } from "../model/model.js";
import { RULES, rulesFor } from "../rules/index.js";
import {
  DEFAULT_SETTINGS,
  type Finding,
  type Rule,
  type RuleContext,
  type RuleSettings,
  type Severity,
} from "../rules/types.js";
import { dockerNames, keptAtInstruction, offInFile, readDockerChecks, turnedOnByCheck } from "./checks.js";
import { readPragmas } from "./pragmas.js";

export interface LintOptions {
  settings?: Partial<RuleSettings>;
  /** Rule codes or aliases to skip. */
  ignored?: readonly string[];
  /** Severity per rule code or alias; `none` turns the rule off. */
  severity?: Readonly<Record<string, Severity | "none">>;
  /** Ignore `# hadolint ignore=` / `# dflint ignore=` pragmas. */
  disableIgnorePragma?: boolean;
  /** Rules to run (default: all). */
  rules?: readonly Rule[];
  /** Run only these rules (codes or aliases). */
  only?: readonly string[];
}

export interface LintResult {
  ast: DockerfileAst;
  model: DockerfileModel;
  findings: Finding[];
}

/** Lints Dockerfile text. Never throws on any input: a rule that fails is reported as an internal error finding. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  const ast = parse(text);
  const model = buildModel(ast);
  return { ast, model, findings: lintModel(model, options) };
}

export function lintModel(model: DockerfileModel, options: LintOptions = {}): Finding[] {
  const ast = model.ast;
  const pragmas = readPragmas(ast);
  const checks = readDockerChecks(ast);
  const settings: RuleSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  if (pragmas.shell) settings.shell = pragmas.shell;
  const ignored = new Set((options.ignored ?? []).flatMap(codesFor));
  const overrides = new Map<string, Severity | "none">();
  for (const [name, sev] of Object.entries(options.severity ?? {}))
    for (const c of codesFor(name)) overrides.set(c, sev);
  const usePragmas = !options.disableIgnorePragma;
  const globalIgnores = usePragmas ? new Set([...pragmas.global].flatMap(codesFor)) : new Set<string>();

  const only = options.only ? new Set(options.only.flatMap(codesFor)) : undefined;
  const namedBy = new Set(
    [...(options.only ?? []), ...Object.keys(options.severity ?? {})].map((n) => n.trim().toLowerCase()),
  );
  const findings: Finding[] = [];
  /** Rules whose findings Docker's `check=` comments above instructions may still drop. */
  const ruleOf = new Map<string, { rule: Rule; enabled: boolean }>();
  for (const rule of options.rules ?? RULES) {
    const code = rule.code;
    if (only && !only.has(code)) continue;
    if (ignored.has(code) || globalIgnores.has(code)) continue;
    if (offInFile(rule, checks)) continue;
    const override = overrides.get(code);
    const enabled = !rule.defaultOff || override !== undefined || only?.has(code) === true;
    if (!enabled && !turnedOnByCheck(rule, checks)) continue;
    ruleOf.set(code, { rule, enabled });
    const severity = override ?? rule.severity;
    if (severity === "none") continue;
    const ctx: RuleContext = {
      ast,
      model,
      settings,
      asDockerCheck:
        !namedBy.has(code.toLowerCase()) && dockerNames(rule).some((n) => namedBy.has(n.toLowerCase())),
      report: (f) => {
        const finding: Finding = { code, severity, message: f.message, span: f.span, fix: f.fix };
        if (f.related?.length) finding.related = f.related;
        if (f.tags?.length) finding.tags = f.tags;
        findings.push(finding);
      },
    };
    try {
      rule.check(ctx);
    } catch (e) {
      findings.push({
        code,
        severity: "error",
        message: `internal error in rule ${code}: ${e instanceof Error ? e.message : String(e)}`,
        span: { start: 0, end: 0 },
      });
    }
  }
  const kept = findings.filter((f) => {
    const entry = ruleOf.get(f.code);
    if (entry && !keptAtInstruction(entry.rule, topInstructionAt(model, f.span.start), checks, entry.enabled))
      return false;
    return !usePragmas || !ignoredByPragma(f, model, pragmas);
  });
  kept.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end || a.code.localeCompare(b.code));
  return kept;
}

/** The rule codes a name stands for: codes compare case-insensitively, and an alias stands for its rules' codes. */
export function codesFor(name: string): string[] {
  const rules = rulesFor(name);
  return rules.length > 0 ? rules.map((r) => r.code) : [name.trim().toUpperCase()];
}

function topInstructionAt(model: DockerfileModel, offset: number): Instruction | undefined {
  let instruction = model.instructionAt(offset);
  while (instruction?.parentOnbuild) instruction = instruction.parentOnbuild;
  return instruction;
}

function ignoredByPragma(
  f: Finding,
  model: DockerfileModel,
  pragmas: ReturnType<typeof readPragmas>,
): boolean {
  const instruction = model.instructionAt(f.span.start);
  if (instruction) {
    const own = pragmas.instruction.get(instruction.span.start);
    if (own && matches(own, f.code)) return true;
  }
  const stage = instruction ? model.stageOf(instruction as Instruction) : undefined;
  if (stage) {
    const set = pragmas.stageFrom.get(stage.from.span.start);
    if (set && matches(set, f.code)) return true;
  }
  return false;
}

function matches(set: Set<string>, code: string): boolean {
  for (const name of set) if (codesFor(name).includes(code)) return true;
  return false;
}
