import { type DockerfileAst, type Instruction, parse } from "../../grammar/index.js";
import type { BuildContext } from "../model/buildContext.js";
import { buildModel, type DockerfileModel } from "../model/model.js";
import type { IgnorePragma, PragmaName } from "../model/pragmas.js";
import { RULES, rulesFor } from "../rules/index.js";
import {
  DEFAULT_SETTINGS,
  type Finding,
  type PragmaUse,
  type Rule,
  type RuleContext,
  type RuleSettings,
  type Severity,
} from "../rules/types.js";
import { dockerNames, keptAtInstruction, offInFile, readDockerChecks, turnedOnByCheck } from "./checks.js";
import { maskSecrets } from "./mask.js";
import { type Pragmas, readPragmas } from "./pragmas.js";

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
  /** Return findings that a pragma silences too, with `suppressed` set (for reports that show suppressions). */
  keepSuppressed?: boolean;
  /** `--build-arg` values (and a Compose service's `build.args`): what the real build passes in. */
  buildArgs?: Readonly<Record<string, string>>;
  /**
   * The files the build sends, when known; rules about COPY/ADD sources need it. Their findings change when the
   * context's files do, with the same text and options: a result cache must not reuse them.
   */
  buildContext?: BuildContext;
  /** Findings from outside the rule set (ShellCheck), taken like a rule's: ignore lists, severities and pragmas. */
  sources?: readonly FindingSource[];
}

/** A producer of findings that is not a rule, e.g. a program the linter runs (see lint/shellcheck.ts). */
export interface FindingSource {
  /** Names the source in an internal-error finding, e.g. `ShellCheck`. */
  readonly name: string;
  /** Names everything that decides the source's findings besides the file (its binary and version), for the
   * result cache (server/cli/resultCache.ts); without it, files linted with the source are not cached. */
  readonly cacheKey?: string;
  /** Called with the models of files about to be linted one by one, so the work for all of them is done at once. */
  prepare?(models: readonly DockerfileModel[]): void;
  /** The file's findings at their own severity; undefined when the source did not look at the file. */
  findings(model: DockerfileModel, settings: RuleSettings): SourceFindings | undefined;
}

export interface SourceFindings {
  findings: readonly Finding[];
  /** Whether the source could have reported the code here, so that an ignore pragma naming it can be unused. */
  judges(code: string): boolean;
}

export interface LintResult {
  ast: DockerfileAst;
  model: DockerfileModel;
  findings: Finding[];
}

/** Lints Dockerfile text. Never throws on any input: a rule that fails is reported as an internal error finding. */
export function lint(text: string, options: LintOptions = {}): LintResult {
  const ast = parse(text);
  const model = buildModel(ast, { buildArgs: options.buildArgs });
  return { ast, model, findings: lintModel(model, options) };
}

/**
 * One run of the rules over a file. The engine walks the instructions once and hands each one to the rules that
 * registered for its keyword (`Rule.instructions` + `visit`, as ESLint's and Ruff's visitors do); rules with `check`
 * then run once per file. Findings go into one array; Docker's `check=` comments and ignore pragmas are applied to it
 * afterwards, with fast paths for the usual file that has neither.
 *
 * Measured on 2 loaded cores (CPU time, alternating the two builds in one process, every rule on): the corpus
 * 988 -> 817 ms, the 10k-line file 186 -> 174 ms (best runs); a 10 MB generated file, which overflowed the stack
 * before (findings.push(...all)), lints. What paid was reading shared facts once (RUN commands by program, expansion
 * problems, labels, COPY sources) and arrays instead of generators, not the dispatch itself: a loop over an array of
 * 3,000 instructions costs a rule ~6 us, so `visit` is for rules that read one instruction at a time, and `check`
 * stays for rules that relate instructions (stages, pairs, order). Left as it was measured: parsing is ~17% and the
 * RUN-script parse ~11% of linting the corpus; DF215's secret scan ~4%.
 */
export function lintModel(model: DockerfileModel, options: LintOptions = {}): Finding[] {
  const ast = model.ast;
  const pragmas = readPragmas(ast);
  const checks = readDockerChecks(ast, options.buildArgs);
  const settings: RuleSettings = { ...DEFAULT_SETTINGS, ...options.settings };
  if (pragmas.shell) settings.shell = pragmas.shell;
  const ignored = options.ignored?.length ? new Set(options.ignored.flatMap(codesFor)) : undefined;
  const overrides = new Map<string, Severity | "none">();
  for (const [name, sev] of Object.entries(options.severity ?? {}))
    for (const c of codesFor(name)) overrides.set(c, sev);

  const only = options.only ? onlyCodes(options.only) : undefined;
  const namedBy = options.severity
    ? new Set([...(options.only ?? []), ...Object.keys(options.severity)].map((n) => n.trim().toLowerCase()))
    : namesOf(options.only ?? NO_NAMES);
  const findings: Finding[] = [];
  const ran = new Set<string>();
  const runs: RuleRun[] = [];
  const afterPragmas: RuleRun[] = [];
  /** Rules whose findings Docker's `check=` comments above instructions may still drop. */
  const ruleOf = new Map<string, { rule: Rule; enabled: boolean }>();
  const anyChecks = checks.file !== undefined || checks.instructions.size > 0;
  for (const rule of options.rules ?? RULES) {
    const code = rule.code;
    if (only && !only.has(code)) continue;
    if (ignored?.has(code)) continue;
    const docker = dockerNames(rule).length > 0;
    if (docker && offInFile(rule, checks)) continue;
    const override = overrides.get(code);
    const enabled = !rule.defaultOff || override !== undefined || only?.has(code) === true;
    if (!enabled && !(docker && turnedOnByCheck(rule, checks))) continue;
    if (docker && anyChecks) ruleOf.set(code, { rule, enabled });
    const severity = override ?? rule.severity;
    if (severity === "none") continue;
    const asDockerCheck =
      docker &&
      !namedBy.has(code.toLowerCase()) &&
      dockerNames(rule).some((n) => namedBy.has(n.toLowerCase()));
    const run = new RuleRun(
      rule,
      severity,
      { ast, model, settings, buildContext: options.buildContext, asDockerCheck },
      findings,
    );
    // Rules a `global ignore` names run too: their findings show as suppressed and prove the pragma is used.
    if (rule.afterPragmas) afterPragmas.push(run);
    else runs.push(run);
    ran.add(code);
  }
  walk(ast, runs);
  for (const r of runs) r.checkFile();
  // Docker's own `check=` comments drop findings outright; ignore pragmas then mark what they silence.
  if (ruleOf.size > 0) {
    let kept = 0;
    for (const f of findings) {
      const entry = ruleOf.get(f.code);
      if (
        !entry ||
        keptAtInstruction(entry.rule, topInstructionAt(model, f.span.start), checks, entry.enabled)
      )
        findings[kept++] = f;
    }
    findings.length = kept;
  }
  const judges: ((code: string) => boolean)[] = [];
  for (const source of options.sources ?? []) {
    let got: SourceFindings | undefined;
    try {
      got = source.findings(model, settings);
    } catch (e) {
      const message = `internal error in ${source.name}: ${e instanceof Error ? e.message : String(e)}`;
      findings.push({ code: source.name, severity: "error", message, span: { start: 0, end: 0 } });
    }
    if (!got) continue;
    const wanted = (code: string) => !ignored?.has(code) && (!only || only.has(code));
    judges.push((code) => wanted(code) && overrides.get(code) !== "none" && got.judges(code));
    for (const f of got.findings) {
      const severity = overrides.get(f.code) ?? f.severity;
      if (wanted(f.code) && severity !== "none") findings.push({ ...f, severity });
    }
  }
  if (options.disableIgnorePragma) {
    const use: PragmaUse = { status: () => "unjudged" };
    for (const r of afterPragmas) r.runAll(use);
  } else {
    const suppressor = new Suppressor(model, pragmas);
    const anyPragma = suppressor.any();
    if (anyPragma) for (const f of findings) suppressor.mark(f);
    const use: PragmaUse = { status: (name) => suppressor.status(name, ran, judges) };
    const before = findings.length;
    for (const r of afterPragmas) r.runAll(use);
    if (anyPragma) for (let i = before; i < findings.length; i++) suppressor.mark(findings[i]);
  }
  // A credential one rule found must not reach the output through another rule's message (even when silenced).
  maskSecrets(findings, ast.text);
  const kept = options.keepSuppressed ? findings : findings.filter((f) => !f.suppressed);
  kept.sort(
    (a, b) =>
      a.span.start - b.span.start ||
      a.span.end - b.span.end ||
      (a.code < b.code ? -1 : a.code > b.code ? 1 : 0),
  );
  return kept;
}

/**
 * Hands every instruction (ONBUILD triggers right after their ONBUILD, as `allInstructions`) to the rules registered
 * for its keyword. The table is built per file from the rules that run, so a file pays only for the kinds it has.
 */
function walk(ast: DockerfileAst, runs: readonly RuleRun[]): void {
  const byKeyword = new Map<string, RuleRun[]>();
  const everywhere: RuleRun[] = [];
  for (const r of runs) {
    const kinds = r.rule.visit ? r.rule.instructions : undefined;
    if (!kinds) continue;
    for (const k of kinds) {
      if (k === "*") everywhere.push(r);
      else {
        const list = byKeyword.get(k);
        if (list) list.push(r);
        else byKeyword.set(k, [r]);
      }
    }
  }
  if (byKeyword.size === 0 && everywhere.length === 0) return;
  for (const top of ast.instructions) {
    for (let i: Instruction | undefined = top; i; i = i === top ? i.trigger : undefined) {
      const list = byKeyword.get(i.keyword);
      if (list) for (const r of list) r.visit(i);
      for (const r of everywhere) r.visit(i);
    }
  }
}

/** One rule on one file: its context (the `report` that tags findings with the rule's code and severity). */
class RuleRun implements RuleContext {
  readonly ast: DockerfileAst;
  readonly model: DockerfileModel;
  readonly settings: RuleSettings;
  readonly buildContext?: BuildContext;
  readonly asDockerCheck: boolean;
  pragmaUse?: PragmaUse;
  /** After an internal error the rule is not called again on this file (one error finding per rule and file). */
  private failed = false;

  constructor(
    readonly rule: Rule,
    private readonly severity: Severity,
    base: Pick<RuleContext, "ast" | "model" | "settings" | "buildContext" | "asDockerCheck">,
    private readonly findings: Finding[],
  ) {
    this.ast = base.ast;
    this.model = base.model;
    this.settings = base.settings;
    this.buildContext = base.buildContext;
    this.asDockerCheck = base.asDockerCheck;
  }

  report(f: Parameters<RuleContext["report"]>[0]): void {
    const finding: Finding = {
      code: this.rule.code,
      severity: this.severity,
      message: f.message,
      span: f.span,
    };
    if (f.fixes?.length) {
      const fixes = f.fixes.filter((x) => x !== undefined);
      if (fixes.length) finding.fixes = fixes;
    }
    if (f.related?.length) finding.related = f.related;
    if (f.tags?.length) finding.tags = f.tags;
    if (f.secret) finding.secret = f.secret;
    this.findings.push(finding);
  }

  visit(instruction: Instruction): void {
    if (this.failed) return;
    try {
      this.rule.visit?.(this, instruction);
    } catch (e) {
      this.fail(e);
    }
  }

  checkFile(): void {
    if (this.failed || !this.rule.check) return;
    try {
      this.rule.check(this);
    } catch (e) {
      this.fail(e);
    }
  }

  /** For the rules that run after the pragmas are judged: the walk and the file check in one go. */
  runAll(use: PragmaUse): void {
    this.pragmaUse = use;
    walk(this.ast, [this]);
    this.checkFile();
  }

  private fail(e: unknown): void {
    this.failed = true;
    this.findings.push({
      code: this.rule.code,
      severity: "error",
      message: `internal error in rule ${this.rule.code}: ${e instanceof Error ? e.message : String(e)}`,
      span: { start: 0, end: 0 },
    });
  }
}

const NO_NAMES: readonly string[] = [];
const onlyCache = new WeakMap<readonly string[], ReadonlySet<string>>();
const namesCache = new WeakMap<readonly string[], ReadonlySet<string>>();

/** The codes an `only` list names, worked out once per list: a run over many files passes the same list to each, and
 * resolving 150 names per file took 2% of linting the corpus with every rule on. */
function onlyCodes(names: readonly string[]): ReadonlySet<string> {
  let codes = onlyCache.get(names);
  if (!codes) {
    codes = new Set(names.flatMap(codesFor));
    onlyCache.set(names, codes);
  }
  return codes;
}

function namesOf(names: readonly string[]): ReadonlySet<string> {
  let set = namesCache.get(names);
  if (!set) {
    set = new Set(names.map((n) => n.trim().toLowerCase()));
    namesCache.set(names, set);
  }
  return set;
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

/** Finds the ignore pragma that silences a finding and remembers which pragma names were needed. */
class Suppressor {
  private readonly used = new Set<PragmaName>();

  constructor(
    private readonly model: DockerfileModel,
    private readonly pragmas: Pragmas,
  ) {}

  /** Whether the file has any ignore pragma at all (most files have none, and then nothing is marked). */
  any(): boolean {
    return (
      this.pragmas.global.length > 0 || this.pragmas.instruction.size > 0 || this.pragmas.stageFrom.size > 0
    );
  }

  /** Sets `finding.suppressed` when a pragma silences it: on its instruction, on the other instruction of its
   * pair, on its stage, or for the whole file. Every matching name counts as used, so none is reported unused. */
  mark(finding: Finding): void {
    const candidates: IgnorePragma[] = [];
    const instruction = this.model.instructionAt(finding.span.start);
    if (instruction) candidates.push(...(this.pragmas.instruction.get(instruction.span.start) ?? []));
    for (const r of finding.related ?? []) {
      const other = r.pair ? this.model.instructionAt(r.span.start) : undefined;
      if (other) candidates.push(...(this.pragmas.instruction.get(other.span.start) ?? []));
    }
    const stage = instruction ? this.model.stageOf(instruction as Instruction) : undefined;
    if (stage) candidates.push(...(this.pragmas.stageFrom.get(stage.from.span.start) ?? []));
    candidates.push(...this.pragmas.global);
    for (const p of candidates) {
      const names = p.names.filter((n) => codesFor(n.name).includes(finding.code));
      if (names.length === 0) continue;
      for (const n of names) this.used.add(n);
      if (!finding.suppressed) {
        finding.suppressed = { span: p.span };
        if (p.reason !== undefined) finding.suppressed.reason = p.reason;
      }
    }
  }

  status(
    name: PragmaName,
    ran: ReadonlySet<string>,
    judges: readonly ((code: string) => boolean)[],
  ): ReturnType<PragmaUse["status"]> {
    if (this.used.has(name)) return "used";
    // ShellCheck's codes are judged only when ShellCheck looked at the file.
    if (/^SC\d{4}$/i.test(name.name))
      return judges.some((j) => j(name.name.toUpperCase())) ? "unused" : "unjudged";
    const rules = rulesFor(name.name);
    if (rules.length === 0) return "unknown";
    // The rules about pragmas run last, after every use is known; a pragma that names them is not judged.
    if (rules.some((r) => r.afterPragmas)) return "unjudged";
    return rules.every((r) => ran.has(r.code)) ? "unused" : "unjudged";
  }
}
