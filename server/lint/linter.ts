import { type DockerfileAst, type Instruction, ownString, parse } from "../../grammar/index.js";
import type { BuildContext } from "../model/buildContext.js";
import { buildModel, type DockerfileModel, LARGE_DOCUMENT, topInstructionAt } from "../model/model.js";
import type { IgnorePragma, PragmaName } from "../model/pragmas.js";
import { RULES, rulesFor } from "../rules/index.js";
import {
  DEFAULT_SETTINGS,
  type Finding,
  type Fix,
  type PragmaUse,
  type Rule,
  type RuleContext,
  type RuleSettings,
  type Severity,
} from "../rules/types.js";
import {
  type DockerChecks,
  dockerNames,
  keptAtInstruction,
  offInFile,
  readDockerChecks,
  turnedOnByCheck,
} from "./checks.js";
import { maskSecrets } from "./mask.js";
import { sortFindings } from "./order.js";
import { FindingPool, sharedTags } from "./pool.js";
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
  const model = modelOf(ast, options);
  return { ast, model, findings: lintModel(model, options) };
}

/** The model {@link lint} lints for a tree and these options: for a caller that builds models ahead of lintModel. */
export function modelOf(ast: DockerfileAst, options: LintOptions = {}): DockerfileModel {
  return buildModel(ast, { buildArgs: options.buildArgs });
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
 * Which rules run and who visits which keyword depends on the options only (unless the file has `check=` switches),
 * so it is a plan made once per set of options and reused, RuleRuns and all: the engine's own cost over the corpus
 * (every rule a no-op, CPU time, best of 7) went from 38 to 16-23 ms, with no rules at all from 8 to 4 ms.
 */
export function lintModel(model: DockerfileModel, options: LintOptions = {}): Finding[] {
  const ast = model.ast;
  const pragmas = readPragmas(ast);
  const checks = readDockerChecks(ast, options.buildArgs);
  const baseSettings = settingsOf(options.settings);
  const settings: RuleSettings = pragmas.shell ? { ...baseSettings, shell: pragmas.shell } : baseSettings;
  // A file with Docker `check=` switches decides per file which rules run; the usual file takes the plan of its
  // options, worked out once. A rule that lints another text while it runs gets a plan of its own.
  const fileChecks = checks.file !== undefined || checks.instructions.size > 0;
  let plan = fileChecks ? undefined : cachedPlan(options);
  if (!plan || plan.busy) plan = makePlan(options, fileChecks ? checks : undefined);
  plan.busy = true;
  try {
    return runPlan(plan, model, options, pragmas, checks, settings);
  } finally {
    plan.busy = false;
    plan.file.finish();
    for (let k = 0; k < plan.afterPragmas.length; k++) plan.afterPragmas[k].pragmaUse = undefined;
  }
}

function runPlan(
  plan: Plan,
  model: DockerfileModel,
  options: LintOptions,
  pragmas: Pragmas,
  checks: DockerChecks,
  settings: RuleSettings,
): Finding[] {
  const ast = model.ast;
  const { ignored, overrides, only, ruleOf } = plan;
  const findings: Finding[] = [];
  // The findings' texts are kept once only where the findings are many (LARGE_DOCUMENT): below it, the hashing of
  // every message cost ~3% of linting the corpus (warm, every rule on, builds alternating in one process, medians of
  // 30-40 rounds' ratios: 0.973 and 0.963 without the messages' pool, 0.972 without any), and a message made of
  // template parts is flattened when it is written out.
  const pool = ast.text.length >= LARGE_DOCUMENT ? new FindingPool() : undefined;
  plan.file.start(model, settings, options.buildContext, findings, pool);
  walk(ast, plan.visitors);
  const checkers = plan.checkers;
  for (let k = 0; k < checkers.length; k++) checkers[k].checkFile();
  // Docker's own `check=` comments drop findings outright; ignore pragmas then mark what they silence.
  if (ruleOf.size > 0 && findings.length > 0) {
    let kept = 0;
    for (let k = 0; k < findings.length; k++) {
      const f = findings[k];
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
    for (const r of plan.afterPragmas) r.runAll(use);
  } else if (plan.afterPragmas.length > 0 || anyIgnorePragma(pragmas)) {
    const suppressor = new Suppressor(model, pragmas);
    const anyPragma = anyIgnorePragma(pragmas);
    if (anyPragma) for (let k = 0; k < findings.length; k++) suppressor.mark(findings[k]);
    const use: PragmaUse = { status: (name) => suppressor.status(name, plan.ran, judges) };
    const before = findings.length;
    for (const r of plan.afterPragmas) r.runAll(use);
    if (anyPragma) for (let i = before; i < findings.length; i++) suppressor.mark(findings[i]);
  }
  // A credential one rule found must not reach the output through another rule's message (even when silenced).
  maskSecrets(findings, ast.text);
  if (!options.keepSuppressed) dropSuppressed(findings);
  return sortFindings(findings, ast.text.length);
}

/** Drops the findings a pragma silenced, in place: a filtered copy held a second array of every finding while both
 * lived (8 bytes a finding: 3 MB more at the 10 MB file's peak). */
function dropSuppressed(findings: Finding[]): void {
  let kept = 0;
  for (let k = 0; k < findings.length; k++) {
    const f = findings[k];
    if (!f.suppressed) findings[kept++] = f;
  }
  findings.length = kept;
}

/**
 * What a lint depends on besides the file: which rules run, at which severity, and who visits which instruction
 * kind. Worked out once per set of options (see cachedPlan); its RuleRuns are reused from file to file.
 */
interface Plan {
  /** The file its runs are linting. */
  file: FileRun;
  /** The rules that run before the pragmas are judged, in rule order. */
  runs: RuleRun[];
  /** The rules about pragmas, run last. */
  afterPragmas: RuleRun[];
  visitors: Visitors;
  /** The runs with a `check`. */
  checkers: RuleRun[];
  ran: Set<string>;
  ignored: ReadonlySet<string> | undefined;
  overrides: ReadonlyMap<string, Severity | "none">;
  only: ReadonlySet<string> | undefined;
  /** Rules whose findings Docker's `check=` comments above instructions may still drop. */
  ruleOf: ReadonlyMap<string, { rule: Rule; enabled: boolean }>;
  /** In use by a lint now: a nested lint (a rule that lints another text) makes a plan of its own. */
  busy: boolean;
}

/** The rules each instruction keyword is handed to, and the rules that want every instruction. */
interface Visitors {
  byKeyword: Map<string, RuleRun[]>;
  everywhere: RuleRun[];
}

/** The rules to run and how, for options and (when the file has `check=` switches) the file's Docker checks. */
function makePlan(options: LintOptions, checks: DockerChecks | undefined): Plan {
  const ignored = options.ignored?.length ? new Set(options.ignored.flatMap(codesFor)) : undefined;
  const overrides = new Map<string, Severity | "none">();
  for (const [name, sev] of Object.entries(options.severity ?? {}))
    for (const c of codesFor(name)) overrides.set(c, sev);
  const only = options.only ? onlyCodes(options.only) : undefined;
  const namedBy = options.severity
    ? new Set([...(options.only ?? []), ...Object.keys(options.severity)].map((n) => n.trim().toLowerCase()))
    : namesOf(options.only ?? NO_NAMES);
  const ran = new Set<string>();
  const runs: RuleRun[] = [];
  const afterPragmas: RuleRun[] = [];
  const ruleOf = new Map<string, { rule: Rule; enabled: boolean }>();
  const fileChecks = checks ?? NO_CHECKS;
  const file = new FileRun();
  for (const rule of options.rules ?? RULES) {
    const code = rule.code;
    if (only && !only.has(code)) continue;
    if (ignored?.has(code)) continue;
    const docker = dockerNames(rule).length > 0;
    if (docker && offInFile(rule, fileChecks)) continue;
    const override = overrides.get(code);
    const enabled = !rule.defaultOff || override !== undefined || only?.has(code) === true;
    if (!enabled && !(docker && turnedOnByCheck(rule, fileChecks))) continue;
    if (docker && checks) ruleOf.set(code, { rule, enabled });
    const severity = override ?? rule.severity;
    if (severity === "none") continue;
    const asDockerCheck =
      docker &&
      !namedBy.has(code.toLowerCase()) &&
      dockerNames(rule).some((n) => namedBy.has(n.toLowerCase()));
    const run = new RuleRun(rule, severity, asDockerCheck, file);
    // Rules a `global ignore` names run too: their findings show as suppressed and prove the pragma is used.
    if (rule.afterPragmas) afterPragmas.push(run);
    else runs.push(run);
    ran.add(code);
  }
  return {
    file,
    runs,
    afterPragmas,
    visitors: visitorsOf(runs),
    checkers: runs.filter((r) => r.rule.check),
    ran,
    ignored,
    overrides,
    only,
    ruleOf,
    busy: false,
  };
}

const NO_CHECKS: DockerChecks = { instructions: new Map() };

/** Recent plans, newest first. A run over many files passes the same lists (from one config) with every file,
 * in a fresh options object each time, so plans are found by the lists they were made from, not by the object. */
const plans: { key: PlanKey; plan: Plan }[] = [];
const KEPT_PLANS = 8;

type PlanKey = Pick<LintOptions, "rules" | "only" | "ignored" | "severity">;

function cachedPlan(options: LintOptions): Plan {
  for (const entry of plans) {
    const k = entry.key;
    if (
      k.rules === options.rules &&
      k.only === options.only &&
      k.ignored === options.ignored &&
      k.severity === options.severity
    )
      return entry.plan;
  }
  const plan = makePlan(options, undefined);
  const key: PlanKey = {
    rules: options.rules,
    only: options.only,
    ignored: options.ignored,
    severity: options.severity,
  };
  plans.unshift({ key, plan });
  if (plans.length > KEPT_PLANS) plans.length = KEPT_PLANS;
  return plan;
}

const settingsCache = new WeakMap<Partial<RuleSettings>, RuleSettings>();

/** The defaults with the options' settings over them, once per settings object (rules only read them). */
function settingsOf(given: Partial<RuleSettings> | undefined): RuleSettings {
  if (!given) return DEFAULT_SETTINGS;
  let settings = settingsCache.get(given);
  if (!settings) {
    settings = { ...DEFAULT_SETTINGS, ...given };
    settingsCache.set(given, settings);
  }
  return settings;
}

function anyIgnorePragma(pragmas: Pragmas): boolean {
  return pragmas.global.length > 0 || pragmas.instruction.size > 0 || pragmas.stageFrom.size > 0;
}

/**
 * Hands every instruction (ONBUILD triggers right after their ONBUILD, as `allInstructions`) to the rules registered
 * for its keyword.
 */
function walk(ast: DockerfileAst, visitors: Visitors): void {
  const { byKeyword, everywhere } = visitors;
  if (byKeyword.size === 0 && everywhere.length === 0) return;
  const instructions = ast.instructions;
  for (let n = 0; n < instructions.length; n++) {
    const top = instructions[n];
    for (let i: Instruction | undefined = top; i; i = i === top ? i.trigger : undefined) {
      const list = byKeyword.get(i.keyword);
      if (list) for (let k = 0; k < list.length; k++) list[k].visit(i);
      for (let k = 0; k < everywhere.length; k++) everywhere[k].visit(i);
    }
  }
}

function visitorsOf(runs: readonly RuleRun[]): Visitors {
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
  return { byKeyword, everywhere };
}

/**
 * The file a plan's runs are linting, one object for all of them, instead of pointing each of ~100 runs at every file
 * and away from it again (8 fields each). The corpus with every rule on, 6 processes each, alternating: warm (best of
 * 8 rounds) median 303 -> 297 ms; the one-thread command's CPU median 1.295 -> 1.255 s.
 */
class FileRun {
  ast: DockerfileAst = NO_AST;
  model: DockerfileModel = NO_MODEL;
  settings: RuleSettings = DEFAULT_SETTINGS;
  buildContext: BuildContext | undefined = undefined;
  findings: Finding[] = NO_FINDINGS;
  /** The file's text pool, for a large document only. */
  pool: FindingPool | undefined = undefined;
  /** Counts the files: a run that failed on an earlier one runs again on this one. */
  epoch = 0;

  start(
    model: DockerfileModel,
    settings: RuleSettings,
    buildContext: BuildContext | undefined,
    findings: Finding[],
    pool: FindingPool | undefined,
  ): void {
    this.ast = model.ast;
    this.model = model;
    this.settings = settings;
    this.buildContext = buildContext;
    this.findings = findings;
    this.pool = pool;
    this.epoch++;
  }

  /** Drops the file, so that a plan kept for the next file does not keep this one alive. */
  finish(): void {
    this.ast = NO_AST;
    this.model = NO_MODEL;
    this.buildContext = undefined;
    this.findings = NO_FINDINGS;
    this.pool = undefined;
  }
}

/**
 * One rule of a plan: its context for the file being linted (the `report` that tags findings with the rule's code
 * and severity). Reused from file to file; the file itself is the plan's {@link FileRun}.
 */
class RuleRun implements RuleContext {
  pragmaUse?: PragmaUse;
  /** The file on which the rule had an internal error: it is not called again there (one error finding). */
  private failedIn = -1;
  /** This rule alone, for the walk of a rule that runs after the pragmas. */
  private alone?: Visitors;

  constructor(
    readonly rule: Rule,
    private readonly severity: Severity,
    readonly asDockerCheck: boolean,
    private readonly file: FileRun,
  ) {}

  get ast(): DockerfileAst {
    return this.file.ast;
  }

  get model(): DockerfileModel {
    return this.file.model;
  }

  get settings(): RuleSettings {
    return this.file.settings;
  }

  get buildContext(): BuildContext | undefined {
    return this.file.buildContext;
  }

  report(f: Parameters<RuleContext["report"]>[0]): void {
    const pool = this.file.pool;
    const code = this.rule.code;
    const severity = this.severity;
    const message = pool ? pool.of(f.message) : f.message;
    const span = f.span;
    let fixes: Fix[] | undefined;
    if (f.fixes?.length) {
      const given = f.fixes.includes(undefined) ? f.fixes.filter((x) => x !== undefined) : (f.fixes as Fix[]);
      if (given.length) fixes = pool ? pool.fixes(given) : given;
    }
    const related = f.related?.length ? (pool ? pool.related(f.related) : f.related) : undefined;
    const tags = f.tags?.length ? sharedTags(f.tags) : undefined;
    // One object literal per usual set of fields, in the fields' order: properties added to a literal afterwards go
    // to a separate backing store (40 bytes per finding with a fix or a related location).
    let finding: Finding;
    if (!tags && !f.secret) {
      if (fixes)
        finding = related
          ? { code, severity, message, span, fixes, related }
          : { code, severity, message, span, fixes };
      else finding = related ? { code, severity, message, span, related } : { code, severity, message, span };
    } else if (fixes && tags && !related && !f.secret) {
      finding = { code, severity, message, span, fixes, tags };
    } else {
      finding = { code, severity, message, span };
      if (fixes) finding.fixes = fixes;
      if (related) finding.related = related;
      if (tags) finding.tags = tags;
      if (f.secret) finding.secret = f.secret;
    }
    this.file.findings.push(finding);
  }

  visit(instruction: Instruction): void {
    if (this.failedIn === this.file.epoch) return;
    try {
      this.rule.visit?.(this, instruction);
    } catch (e) {
      this.fail(e);
    }
  }

  checkFile(): void {
    if (this.failedIn === this.file.epoch || !this.rule.check) return;
    try {
      this.rule.check(this);
    } catch (e) {
      this.fail(e);
    }
  }

  /** For the rules that run after the pragmas are judged: the walk and the file check in one go. */
  runAll(use: PragmaUse): void {
    this.pragmaUse = use;
    this.alone ??= visitorsOf([this]);
    walk(this.ast, this.alone);
    this.checkFile();
  }

  private fail(e: unknown): void {
    this.failedIn = this.file.epoch;
    this.file.findings.push({
      code: this.rule.code,
      severity: "error",
      message: `internal error in rule ${this.rule.code}: ${e instanceof Error ? e.message : String(e)}`,
      span: { start: 0, end: 0 },
    });
  }
}

/** What a FileRun holds between files: nothing of the last one. */
const NO_FINDINGS: Finding[] = [];
const NO_AST = undefined as unknown as DockerfileAst;
const NO_MODEL = undefined as unknown as DockerfileModel;

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

const namedCodesCache = new Map<string, readonly string[]>();

/** {@link codesFor}, kept per name (the rule registry does not change); for the pragmas, asked for every finding. */
function namedCodes(name: string): readonly string[] {
  let codes = namedCodesCache.get(name);
  if (!codes) {
    if (namedCodesCache.size > 1000) namedCodesCache.clear();
    codes = codesFor(name);
    // A name is a slice of its document: kept as a copy, so that the cache keeps no document alive.
    namedCodesCache.set(ownString(name), codes);
  }
  return codes;
}

/** Finds the ignore pragma that silences a finding and remembers which pragma names were needed. */
class Suppressor {
  private readonly used = new Set<PragmaName>();

  constructor(
    private readonly model: DockerfileModel,
    private readonly pragmas: Pragmas,
  ) {}

  /** Sets `finding.suppressed` when a pragma silences it: on its instruction, on the other instruction of its
   * pair, on its stage, or for the whole file. Every matching name counts as used, so none is reported unused. */
  mark(finding: Finding): void {
    const instruction = this.model.instructionAt(finding.span.start);
    if (instruction) this.markWith(finding, this.pragmas.instruction.get(instruction.span.start));
    for (const r of finding.related ?? []) {
      const other = r.pair ? this.model.instructionAt(r.span.start) : undefined;
      if (other) this.markWith(finding, this.pragmas.instruction.get(other.span.start));
    }
    const stage = instruction ? this.model.stageOf(instruction as Instruction) : undefined;
    if (stage) this.markWith(finding, this.pragmas.stageFrom.get(stage.from.span.start));
    this.markWith(finding, this.pragmas.global);
  }

  /**
   * Marks the finding with the first of the pragmas that names its code, and counts every name that does as used.
   * Without a list of candidates made per finding, nor a list of codes per name and finding: on the 10k-line file
   * (30 pragmas, 570 findings) marking took 0.9% of a warm lint before, 0.6% now (CPU profiles of 60 lints).
   */
  private markWith(finding: Finding, pragmas: readonly IgnorePragma[] | undefined): void {
    if (!pragmas) return;
    for (const p of pragmas) {
      let named = false;
      for (const n of p.names) {
        if (!namedCodes(n.name).includes(finding.code)) continue;
        this.used.add(n);
        named = true;
      }
      if (named && !finding.suppressed) {
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
