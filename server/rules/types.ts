import type { DockerfileAst, Instruction, InstructionKeyword, Span } from "../../grammar/index.js";
import type { BuildContext } from "../model/buildContext.js";
import { astFact, type DockerfileModel, factKey } from "../model/model.js";
import type { PragmaName } from "../model/pragmas.js";

export type Severity = "error" | "warning" | "info" | "style";

export const SEVERITIES: readonly Severity[] = ["error", "warning", "info", "style"];

/** Lower is more severe. */
export function severityRank(s: Severity | "none"): number {
  return s === "none" ? 4 : SEVERITIES.indexOf(s);
}

export interface TextEdit {
  span: Span;
  newText: string;
}

/**
 * `safe`: the built image and the build's behaviour stay exactly as they were (same commands, order, working
 * directory, shell, environment, user, packages, entrypoint arguments), so `--fix` and fix-all apply it.
 * `unsafe`: it may be what the user wants, but a person must choose it (`--unsafe-fixes`, or one quick fix).
 */
export type FixSafety = "safe" | "unsafe";

/** A kind of fix a rule offers, declared once in the rule's `fixes` (docs and `--list-rules` read it there). */
export interface FixKind {
  /** Imperative, e.g. "Use COPY instead of ADD"; a fix may word it more precisely for its finding. */
  title: string;
  safety: FixSafety;
  /** One line: why this class — for unsafe, what it could change in the image or build. */
  reason: string;
}

export interface Fix {
  /** Imperative, shown in editors and `--fix-dry-run`, e.g. "Use COPY instead of ADD". */
  title: string;
  edits: TextEdit[];
  safety: FixSafety;
  /** One line: why this class — for unsafe, what it could change in the image or build. */
  reason: string;
}

/** A fix of one of the rule's declared kinds, with its edits (and, if given, a title for this finding). */
export function fixOf(kind: FixKind, edits: TextEdit[], title: string = kind.title): Fix {
  return { title, edits, safety: kind.safety, reason: kind.reason };
}

/** Another place that explains a finding: the CMD that wins, the first stage with the same name, an unpinned package. */
export interface RelatedLocation {
  span: Span;
  message: string;
  /** The other instruction of a pair the finding is about (the CMD that replaces this one, the first stage of a
   * name): hadolint reports some pair rules there, so an ignore pragma on that instruction silences the finding too. */
  pair?: boolean;
}

/** The ignore pragma that silences a finding (kept only for output formats that show suppressions). */
export interface Suppression {
  /** The pragma comment. */
  span: Span;
  reason?: string;
}

/** How an editor may render a finding: `unnecessary` (the code has no effect), `deprecated` (MAINTAINER, …). */
export type FindingTag = "unnecessary" | "deprecated";

export interface Finding {
  code: string;
  severity: Severity;
  message: string;
  span: Span;
  /** In order of preference; a rule may offer a safe and an unsafe fix. */
  fixes?: Fix[];
  related?: RelatedLocation[];
  tags?: FindingTag[];
  suppressed?: Suppression;
  /** A credential the finding is about: no output shows its text (source excerpts print `*` there). */
  secret?: Span;
}

/** Documentation of a rule, in our own words: what it checks, why, and a bad and a good example. */
export interface RuleDocs {
  what: string;
  why: string;
  bad: string;
  good: string;
}

export interface LabelSchema {
  [label: string]: "text" | "url" | "semver" | "hash" | "rfc3339" | "spdx" | "email";
}

/** Settings rules may read (from the config file, the environment and the command line). */
export interface RuleSettings {
  trustedRegistries: string[];
  labelSchema: LabelSchema;
  strictLabels: boolean;
  /** Shell given by a `# hadolint shell=` / `# dflint shell=` pragma or a SHELL instruction is in the model. */
  shell?: string;
  /**
   * The stage the build stops at (`--target`, a Compose service's `build.target`), as given; undefined: the last
   * stage, as `docker build` without `--target`.
   */
  target?: string;
}

export const DEFAULT_SETTINGS: RuleSettings = { trustedRegistries: [], labelSchema: {}, strictLabels: false };

export interface RuleContext {
  readonly ast: DockerfileAst;
  readonly model: DockerfileModel;
  readonly settings: RuleSettings;
  /** The files the build sends, when the linter was told (see BuildContext.origin for how sure that is). */
  readonly buildContext?: BuildContext;
  /**
   * The rule was turned on or configured by its Docker check name (`--only JSONArgsRecommended`), not by its code.
   * A hadolint rule that shares an idea with a Docker check then follows Docker's definition; see the rule.
   */
  readonly asDockerCheck: boolean;
  /** For rules with `afterPragmas`: which ignore-pragma names silenced a finding and which were not judged. */
  readonly pragmaUse?: PragmaUse;
  /**
   * Report a finding of this rule. The message should say what is wrong here, not repeat the title. The finding
   * keeps the related locations and fixes given, and may swap their texts for equal ones (one copy per lint).
   */
  report(finding: {
    span: Span;
    message: string;
    /** In order of preference; `undefined` entries (a fix that does not apply here) are dropped. */
    fixes?: (Fix | undefined)[];
    related?: RelatedLocation[];
    tags?: FindingTag[];
    /** The credential in the source that no output may show (see `Finding.secret`). */
    secret?: Span;
  }): void;
}

export interface Rule {
  /** `DL3020` for rules hadolint has (so ignore lists carry over), `DFnnn` for ours. */
  code: string;
  /** Other names: Docker's build-check name (`NoEmptyContinuation`) and the like. */
  aliases: readonly string[];
  severity: Severity;
  /** For rules about security: how bad, 0.1 to 10 (as CVSS scores; SARIF's `security-severity` for code scanning). */
  securitySeverity?: number;
  /** Off unless a configuration names it (a severity override or `only`), like hadolint's opt-in rules. */
  defaultOff?: boolean;
  title: string;
  docs: RuleDocs;
  /** Runs after every other rule, with `ctx.pragmaUse` (the rules about pragmas themselves). */
  afterPragmas?: boolean;
  /** Every kind of fix the rule can offer, with its safety class: the one place both are stated. */
  fixes?: readonly FixKind[];
  /**
   * Once per file, after the walk of `visit` (if any). Hadolint runs most RUN checks on `ONBUILD RUN` too; rules see
   * triggers through `allInstructions(ctx.ast)`. A rule has `check`, or `instructions` with `visit`, or both.
   */
  check?(ctx: RuleContext): void;
  /**
   * The instruction kinds `visit` looks at (upper-case keywords, `*` for every instruction, unknown ones too). The
   * engine walks the file once and hands each instruction, ONBUILD triggers right after their ONBUILD, to the rules
   * registered for its keyword (see server/lint/linter.ts for why).
   */
  instructions?: readonly (InstructionKeyword | "*")[];
  visit?(ctx: RuleContext, instruction: Instruction): void;
}

/** What the engine learnt about the file's ignore pragmas while it filtered the other rules' findings. */
export interface PragmaUse {
  /**
   * `used`: it silenced a finding; `unused`: every rule it names ran and it silenced nothing; `unknown`: it names no
   * rule; `unjudged`: a rule it names did not run (turned off, not selected) or is not ours (ShellCheck's SCnnnn).
   */
  status(name: PragmaName): "used" | "unused" | "unknown" | "unjudged";
}

const EVERY_INSTRUCTION = factKey<readonly Instruction[]>("allInstructions");

/**
 * Every instruction of the file, with ONBUILD triggers listed right after their ONBUILD. One array per file, made on
 * first use: as a generator it cost ~30 ns per instruction and caller, warm (an array: 2 ns), so ~2 ms per lint of the
 * 3,000-instruction monorepo file for its twenty callers, and more while the JIT is cold.
 */
export function allInstructions(ast: DockerfileAst): readonly Instruction[] {
  return astFact(ast, EVERY_INSTRUCTION, (file) => {
    // Indexed: in cold code every step of a for-of allocates an iterator result (this module allocated 1.48 MB in
    // the first lint of the corpus in a fresh process, now 1.15).
    const out: Instruction[] = [];
    const list = file.instructions;
    for (let k = 0; k < list.length; k++) {
      const i = list[k];
      out.push(i);
      if (i.trigger) out.push(i.trigger);
    }
    return out;
  });
}

/** How a rule's fixes are classed, in one word for tables: `safe`, `unsafe`, `safe+unsafe`, or `-` (no fix). */
export function fixClasses(rule: Rule): string {
  const classes = new Set((rule.fixes ?? []).map((f) => f.safety));
  return classes.size === 0 ? "-" : ["safe", "unsafe"].filter((c) => classes.has(c as FixSafety)).join("+");
}

export function defineRule(rule: Rule): Rule {
  return rule;
}
