import type { Flag, Instruction } from "../../../grammar/index.js";
import { parseImageRef } from "../../model/imageRef.js";
import { parseChmod, parseGoDuration, parsePlatform } from "../../model/values.js";
import { declaredFlags, flagIssues, flagValueSpan, mountProblems } from "../helpers/flags.js";
import { closestName, didYouMean } from "../helpers/suggest.js";
import { allInstructions, defineRule, type RuleContext } from "../types.js";

const NETWORK_MODES = ["default", "none", "host"];
const SECURITY_MODES = ["sandbox", "insecure"];

export const df004 = defineRule({
  code: "DF004",
  aliases: [],
  severity: "error",
  title: "Invalid flag value",
  docs: {
    what: "Checks flag values the way Docker reads them: a value where one is required, `true`/`false` for switches such as `--link`, HEALTHCHECK durations and retries, `--chmod` modes, `--platform`, `COPY --from`, `RUN --network` and `--security`, and every option of `RUN --mount` (type, keys per type, sharing, mode, uid/gid, the rules for secret mounts). Values with variables are skipped where Docker expands them first.",
    why: "A bad flag value fails the build, and for `--mount` the error names the option but not where it is. `--interval=30` (no unit) or `--mount=type=cache,sharing=shared-locked` look plausible and are easy to miss in review.",
    bad: "FROM alpine\nHEALTHCHECK --interval=30 CMD wget -q http://localhost/\nRUN --mount=type=cache,sharing=exclusive,target=/root/.cache pip install -r requirements.txt",
    good: "FROM alpine\nHEALTHCHECK --interval=30s CMD wget -q http://localhost/\nRUN --mount=type=cache,sharing=locked,target=/root/.cache pip install -r requirements.txt",
  },
  check(ctx) {
    const instructions = allInstructions(ctx.ast);
    for (let ni = 0; ni < instructions.length; ni++) {
      const instruction = instructions[ni];
      if (instruction.flags.length === 0) continue;
      const declared = declaredFlags(instruction);
      if (!declared) continue;
      const issues = flagIssues(instruction);
      // Most instructions have no issue: no set for them.
      const broken = issues.length > 0 ? new Set<Flag>() : undefined;
      for (let qi = 0; qi < issues.length; qi++) {
        const issue = issues[qi];
        const flag = issue.flag;
        if (issue.kind === "unknown") broken?.add(flag);
        if (issue.kind === "missing-value") {
          broken?.add(flag);
          ctx.report({ span: flag.nameSpan, message: missingValue(flag, declared[flag.name] === "bool") });
        } else if (issue.kind === "not-boolean") {
          broken?.add(flag);
          ctx.report({
            span: flagValueSpan(ctx.ast, flag),
            message: `--${flag.name} takes true or false, not '${flag.value}'`,
          });
        }
      }
      for (let qi = 0; qi < instruction.flags.length; qi++) {
        const flag = instruction.flags[qi];
        if (!broken?.has(flag) && flag.value !== undefined) checkValue(ctx, instruction, flag, flag.value);
      }
    }
  },
});

function missingValue(flag: Flag, isSwitch: boolean): string {
  return isSwitch
    ? `--${flag.name}= has no value: write --${flag.name}, --${flag.name}=true or --${flag.name}=false`
    : `--${flag.name} needs a value: write --${flag.name}=<value>`;
}

function checkValue(ctx: RuleContext, instruction: Instruction, flag: Flag, value: string): void {
  const kw = instruction.keyword;
  const whole = flagValueSpan(ctx.ast, flag);
  const report = (message: string, span = whole) => ctx.report({ span, message });
  const hasVariable = value.includes("$");
  switch (`${kw} ${flag.name}`) {
    case "HEALTHCHECK interval":
    case "HEALTHCHECK timeout":
    case "HEALTHCHECK start-period":
    case "HEALTHCHECK start-interval":
      checkDuration(flag, value, report);
      return;
    case "HEALTHCHECK retries":
      checkRetries(value, report);
      return;
    case "COPY from":
      checkCopyFrom(ctx, flag, value, report);
      return;
    case "COPY chmod":
    case "ADD chmod": {
      if (value === "" || hasVariable) return;
      const mode = parseChmod(value);
      if (!mode.ok) report(mode.message);
      return;
    }
    case "FROM platform": {
      if (value === "" || hasVariable) return;
      const platform = parsePlatform(value);
      // Docker lower-cases platforms, so only malformed ones fail.
      if (!platform.ok && platform.error === "format") {
        const span = platform.span
          ? flagValueSpan(ctx.ast, flag, platform.span.start, platform.span.end)
          : whole;
        report(`invalid --platform: ${platform.message}`, span.end > span.start ? span : whole);
      }
      return;
    }
    // BuildKit checks these before it expands anything, so a variable is an error too.
    case "RUN network":
      if (!NETWORK_MODES.includes(value)) {
        report(
          `unknown --network mode '${value}'${didYouMean(closestName(value, NETWORK_MODES, { caseSensitive: true }))}; use default, none or host`,
          value === "" ? flag.span : whole,
        );
      }
      return;
    case "RUN security":
      if (!SECURITY_MODES.includes(value)) {
        report(
          `unknown --security mode '${value}'${didYouMean(closestName(value, SECURITY_MODES, { caseSensitive: true }))}; use sandbox or insecure`,
          value === "" ? flag.span : whole,
        );
      }
      return;
    case "RUN mount":
      for (const p of mountProblems(ctx.ast, flag)) ctx.report(p);
      return;
  }
}

function checkDuration(flag: Flag, value: string, report: (message: string) => void): void {
  // An empty value means "the default"; HEALTHCHECK options are not expanded, so `$X` is simply not a duration.
  if (value === "") return;
  const d = parseGoDuration(value);
  if (!d.ok) {
    const why = value.includes("$") ? " (Docker does not expand variables in HEALTHCHECK options)" : "";
    report(`--${flag.name}: ${d.message}${why}`);
    return;
  }
  // 0 keeps Docker's default; anything else below a millisecond is refused.
  if (d.ms !== 0 && d.ms < 1)
    report(`--${flag.name}=${value} is below the minimum of 1ms (0 keeps the default)`);
}

const INT32_MAX = 2 ** 31 - 1;

function checkRetries(value: string, report: (message: string) => void): void {
  if (value === "") return;
  // strconv.ParseInt(value, 10, 32)
  if (!/^[+-]?[0-9]+$/.test(value)) {
    report(`--retries takes a whole number, not '${value}'`);
    return;
  }
  const n = Number(value);
  if (n > INT32_MAX || n < -INT32_MAX - 1) report(`--retries=${value} is out of range`);
  else if (n < 0) report(`--retries cannot be negative (${value})`);
}

function checkCopyFrom(
  ctx: RuleContext,
  flag: Flag,
  value: string,
  report: (message: string, span?: typeof flag.span) => void,
): void {
  if (value === "") {
    report(
      "--from= is empty: name a stage, a stage index or an image (BuildKit would copy from the build context)",
      flag.span,
    );
    return;
  }
  // Stage names and indexes are checked by the stage rules; anything else must be an image reference.
  if (value.includes("$") || /^[0-9]+$/.test(value) || ctx.model.stageByName(value)) return;
  const ref = parseImageRef(value);
  if (!ref.ok)
    report(`--from=${value} is neither a stage of this file nor a valid image reference: ${ref.error}`);
}
