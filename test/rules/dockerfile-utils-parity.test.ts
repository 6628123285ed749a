/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
/**
 * Parity with the dockerfile-utils validator (../shared/conformance/dockerfile-utils/cases.json, see its README):
 * every case is linted with the DF0xx rules, and their problems (mapped to our codes) are compared with ours by
 * code and exact range. Where we knowingly differ, the case is listed in KNOWN_DIFFERENCES with the reason, and the
 * test asserts that the difference is still there, so the table cannot go stale.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { LineIndex } from "../../grammar/index.js";
import { lint } from "../../server/lint/index.js";
import { SYNTAX_RULES } from "../../server/rules/syntax/index.js";

interface Pos {
  line: number;
  character: number;
}
interface Case {
  name: string;
  dockerfile: string;
  settings: Record<string, string> | null;
  expect: { code: string; severity: "error" | "warning"; range: { start: Pos; end: Pos }; message: string }[];
}

const cases: Case[] = JSON.parse(
  readFileSync(new URL("../../../shared/conformance/dockerfile-utils/cases.json", import.meta.url), "utf8"),
);

/** Their code -> ours; null where no DF0xx rule is the counterpart (the reason is in UNMAPPED). */
const CODE_MAP: Readonly<Record<string, string | null>> = {
  UNKNOWN_INSTRUCTION: "DF001",
  ARGUMENT_MISSING: "DF002",
  ARGUMENT_EXTRA: "DF002",
  ARGUMENT_REQUIRES_ONE: "DF002",
  ARGUMENT_REQUIRES_AT_LEAST_ONE: "DF002",
  ARGUMENT_REQUIRES_TWO: "DF002",
  ARGUMENT_REQUIRES_AT_LEAST_TWO: "DF002",
  ARGUMENT_REQUIRES_ONE_OR_THREE: "DF002",
  HEALTHCHECK_CMD_ARGUMENT_MISSING: "DF002",
  SYNTAX_MISSING_EQUALS: "DF002",
  SYNTAX_MISSING_NAMES: "DF002",
  SYNTAX_MISSING_SINGLE_QUOTE: "DF002",
  SYNTAX_MISSING_DOUBLE_QUOTE: "DF002",
  FLAG_DUPLICATE: "DF003",
  UNKNOWN_ADD_FLAG: "DF003",
  UNKNOWN_COPY_FLAG: "DF003",
  UNKNOWN_FROM_FLAG: "DF003",
  UNKNOWN_HEALTHCHECK_FLAG: "DF003",
  FLAG_AT_LEAST_ONE: "DF004",
  FLAG_EXPECTED_BOOLEAN_VALUE: "DF004",
  FLAG_INVALID_DURATION: "DF004",
  FLAG_INVALID_FROM_VALUE: "DF004",
  FLAG_LESS_THAN_1MS: "DF004",
  FLAG_MISSING_DURATION: "DF004",
  FLAG_MISSING_VALUE: "DF004",
  FLAG_UNKNOWN_UNIT: "DF004",
  INVALID_SYNTAX: "DF004",
  INVALID_ESCAPE_DIRECTIVE: "DF007",
  DUPLICATED_ESCAPE_DIRECTIVE: "DF007",
  NO_SOURCE_IMAGE: "DF008",
  INVALID_AS: "DF009",
  INVALID_BUILD_STAGE_NAME: "DF009",
  INVALID_PORT: "DF010",
  INVALID_PROTO: "DF010",
  INVALID_REFERENCE_FORMAT: "DF011",
  BASE_NAME_EMPTY: "DF011",
  INVALID_SIGNAL: "DF012",
  ONBUILD_CHAINING_DISALLOWED: "DF013",
  ONBUILD_TRIGGER_DISALLOWED: "DF013",
  SHELL_JSON_FORM: "DF014",
  SHELL_REQUIRES_ONE: "DF014",
  UNSUPPORTED_MODIFIER: "DF016",
  ARGUMENT_UNNECESSARY: "DF017",
  UNKNOWN_TYPE: "DF017",
  CASING_INSTRUCTION: null,
  CASING_DIRECTIVE: null,
  DEPRECATED_MAINTAINER: null,
  DUPLICATE_BUILD_STAGE_NAME: null,
  EMPTY_CONTINUATION_LINE: null,
  INVALID_DESTINATION: null,
  JSON_IN_SINGLE_QUOTES: null,
  MULTIPLE_INSTRUCTIONS: null,
  WORKDIR_IS_NOT_ABSOLUTE: null,
};

/** Why their code has no DF0xx counterpart; these expectations are left out of the comparison. */
const UNMAPPED: Readonly<Record<string, string>> = {
  CASING_INSTRUCTION: "keyword casing is style; Docker accepts any case (a build check, not a DF0xx error)",
  CASING_DIRECTIVE: "directive names are case-insensitive for Docker: style, not a build error",
  DEPRECATED_MAINTAINER: "a deprecation warning (MaintainerDeprecated), not a build error",
  DUPLICATE_BUILD_STAGE_NAME:
    "stage names across the file are the build-check rules' job (DuplicateStageName)",
  EMPTY_CONTINUATION_LINE: "a warning in Docker (NoEmptyContinuation), not a build error",
  INVALID_DESTINATION:
    "DF015 is not implemented: hadolint's DL3021 covers several sources into a non-directory",
  JSON_IN_SINGLE_QUOTES: "DF201 (JsonInSingleQuotes), an own rule outside DF0xx",
  MULTIPLE_INSTRUCTIONS:
    "DL4003/DL4004/DL3012 (MultipleInstructionsDisallowed): a warning, not a build error",
  WORKDIR_IS_NOT_ABSOLUTE: "a recommendation (hadolint DL3000), not a build error",
};

/** DF018 warns about directive-looking comments, which dockerfile-utils has no notion of. */
const COMPARED = new Set(SYNTAX_RULES.map((r) => r.code).filter((c) => c !== "DF018"));

const REASON = {
  entrypointEmpty:
    "ENTRYPOINT without arguments: BuildKit accepts it (an empty ENTRYPOINT clears the inherited one); dockerfile-utils requires an argument",
  loneCr:
    "a lone CR (not followed by LF) is no line break for BuildKit: a backslash before it does not continue the line and the CR is a blank inside the line (so `ADD\\` + CR is the unknown instruction `ADD\\`); dockerfile-utils treats it as a line break",
  continuationJoin:
    "a continuation joins the lines without a blank, so EXPOSE 8080 continued by 8081 is the port 80808081, which BuildKit refuses; dockerfile-utils reads two ports",
  protocolSlash:
    "BuildKit takes everything after the first / as the protocol, so `8080/tcp/x` has the protocol `tcp/x` and fails; dockerfile-utils accepts it",
  expandedValue:
    "the value after expanding the file's ENV values is invalid (`${bbb:+x}` is `x`) and BuildKit fails; dockerfile-utils does not check it",
  zeroAllowed:
    "current BuildKit accepts 0 for HEALTHCHECK durations (it keeps the default) and --retries=0; dockerfile-utils follows older Docker, which refused them",
  below1msSpan: "a HEALTHCHECK duration below 1ms: we point at the value, dockerfile-utils at the flag name",
  duplicateFlag:
    "a repeated flag is one problem, reported at the repetition (`--name`) where BuildKit fails; dockerfile-utils marks both occurrences",
  doubleDash:
    "a bare -- ends the flags in BuildKit (the POSIX convention) and is no flag; dockerfile-utils reports it as an unknown flag",
  runFlags: "dockerfile-utils does not check RUN flags; BuildKit refuses unknown ones",
  notExpanded:
    "Docker does not expand variables in HEALTHCHECK, SHELL, MAINTAINER or CMD, so a bad `${...}` there is no build error; dockerfile-utils checks them anyway",
  unclosedRef: "a `${` that is never closed fails the build in BuildKit; dockerfile-utils does not report it",
  signalUnclosedRef: "`STOPSIGNAL ${a` is a broken variable reference (DF016) rather than an unknown signal",
  escapeAtEnd:
    "BuildKit drops an escape character at the very end of the line, so the unclosed quoted value ends before it; dockerfile-utils includes it",
  jsonTrailing:
    "current BuildKit reads exec-form JSON with json.Unmarshal, so text after the closing ] makes SHELL non-JSON and fails; dockerfile-utils ignores it like older Docker",
  escapeBlank:
    "grammar gap: grammar/directives.ts does not read a whitespace-only `# escape=` value as a directive, while BuildKit does and fails",
  utilsPragma:
    "`# dockerfile-utils: ignore` is dockerfile-utils' own suppression comment; dflint reads `# dflint ignore=` and `# hadolint ignore=`",
} as const;

const KNOWN_DIFFERENCES: Readonly<Record<string, string>> = {
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #1": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #2": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #4": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #5": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #7": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #8": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #9": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #10": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #11": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #12": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #13": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #14": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #15": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #16": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #17": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #18": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #19": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #20": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #21": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #22": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #23": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #24": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #25": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #26": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #27": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #28": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #29": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #31": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #32": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #34": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #35": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #36": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #37": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #38": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #39": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #40": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #41": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #42": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #43": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #44": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #45": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #46": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #47": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #48": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #49": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #50": REASON.entrypointEmpty,
  "Docker Validator Tests > instruction > missing argument > ADD #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ADD #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ADD #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ADD #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ARG #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ARG #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > CMD #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > CMD #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > COPY #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > COPY #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > COPY #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > COPY #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ENTRYPOINT #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ENV #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ENV #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > EXPOSE #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > EXPOSE #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > EXPOSE #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > EXPOSE #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > FROM #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > FROM #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > FROM #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > FROM #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > HEALTHCHECK #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > HEALTHCHECK #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > HEALTHCHECK #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > HEALTHCHECK #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > LABEL #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > LABEL #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > MAINTAINER #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > MAINTAINER #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > MAINTAINER #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > MAINTAINER #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ONBUILD #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ONBUILD #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ONBUILD #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > ONBUILD #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > RUN #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > RUN #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > SHELL #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > SHELL #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > SHELL #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > SHELL #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > STOPSIGNAL #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > STOPSIGNAL #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > STOPSIGNAL #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > STOPSIGNAL #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > USER #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > USER #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > USER #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > USER #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > VOLUME #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > VOLUME #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > VOLUME #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > VOLUME #35": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > WORKDIR #30": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > WORKDIR #32": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > WORKDIR #33": REASON.loneCr,
  "Docker Validator Tests > instruction > missing argument > WORKDIR #35": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #289": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #290": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #291": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #292": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #293": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #294": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #295": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #296": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #297": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #298": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #299": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #300": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #301": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #302": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #303": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #304": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #305": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #306": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #307": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #308": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #309": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #310": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #311": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #312": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #313": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #314": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #315": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #316": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #317": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #318": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #319": REASON.loneCr,
  "Docker Validator Tests > ENV > single > escape #320": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #289": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #290": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #291": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #292": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #293": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #294": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #295": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #296": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #297": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #298": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #299": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #300": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #301": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #302": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #303": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #304": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #305": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #306": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #307": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #308": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #309": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #310": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #311": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #312": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #313": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #314": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #315": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #316": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #317": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #318": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #319": REASON.loneCr,
  "Docker Validator Tests > LABEL > single > escape #320": REASON.loneCr,
  "Docker Validator Tests > RUN > empty newline escape #2": REASON.loneCr,
  "Docker Validator Tests > RUN > whitespace newline escape #2": REASON.loneCr,
  "Docker Validator Tests > SHELL > ok #7": REASON.loneCr,
  "Docker Validator Tests > SHELL > ok #15": REASON.loneCr,
  "Docker Validator Tests > STOPSIGNAL > standard > escape #17": REASON.loneCr,
  "Docker Validator Tests > STOPSIGNAL > standard > escape #18": REASON.loneCr,
  "Docker Validator Tests > STOPSIGNAL > standard > escape #19": REASON.loneCr,
  "Docker Validator Tests > EXPOSE > standard > escape #1": REASON.continuationJoin,
  "Docker Validator Tests > EXPOSE > standard > escape #2": REASON.continuationJoin,
  "Docker Validator Tests > EXPOSE > standard > ok #385": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #386": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #387": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #388": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #389": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #390": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #391": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #392": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #393": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #394": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #395": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #396": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #397": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #398": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #399": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #400": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #401": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #402": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #403": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #404": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #405": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #406": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #407": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #408": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #409": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #410": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #411": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #412": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #413": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #414": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #415": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #416": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #417": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #418": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #419": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #420": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #421": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #422": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #423": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #424": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #425": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #426": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #427": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #428": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #429": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #430": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #431": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #432": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #433": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #434": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #435": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #436": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #437": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #438": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #439": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #440": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #441": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #442": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #443": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #444": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #445": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #446": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #447": REASON.protocolSlash,
  "Docker Validator Tests > EXPOSE > standard > ok #448": REASON.protocolSlash,
  "Docker Validator Tests > variables > EXPOSE > ok #3": REASON.expandedValue,
  "Docker Validator Tests > variables > STOPSIGNAL > ok #3": REASON.expandedValue,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > --retries at least one #1": REASON.zeroAllowed,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #8": REASON.zeroAllowed,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #14": REASON.zeroAllowed,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #8": REASON.zeroAllowed,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #14": REASON.zeroAllowed,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #8": REASON.zeroAllowed,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #14": REASON.zeroAllowed,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #9": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #10": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #11": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #12": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #13": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #15": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > interval #16": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #9": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #10": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #11": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #12": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #13": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #15": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > start-period #16": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #9": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #10": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #11": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #12": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #13": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #15": REASON.below1msSpan,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > too short > timeout #16": REASON.below1msSpan,
  "Docker Validator Tests > ADD > flags > chmod > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > ADD > flags > chown > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > ADD > flags > link > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > ADD > flags > checksum > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > ADD > flags > keep-git-dir > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > COPY > flags > chmod > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > COPY > flags > chown > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > COPY > flags > from > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > COPY > flags > link > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > COPY > flags > parents > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > duplicate flag": REASON.duplicateFlag,
  "Docker Validator Tests > ADD > flags > unknown flag #4": REASON.doubleDash,
  "Docker Validator Tests > COPY > flags > unknown flag #4": REASON.doubleDash,
  "Docker Validator Tests > FROM > source image > unknown flag #3": REASON.doubleDash,
  "Docker Validator Tests > HEALTHCHECK > CMD > flags > unknown flag #2": REASON.doubleDash,
  "Docker Validator Tests > RUN > flags only with no argument #1": REASON.runFlags,
  "Docker Validator Tests > RUN > flags only with no argument #2": REASON.runFlags,
  "Docker Validator Tests > RUN > flags only with no argument #3": REASON.runFlags,
  "Docker Validator Tests > variables > HEALTHCHECK > unsupported modifier #1": REASON.notExpanded,
  "Docker Validator Tests > variables > HEALTHCHECK > unsupported modifier #2": REASON.notExpanded,
  "Docker Validator Tests > variables > HEALTHCHECK > no modifier": REASON.notExpanded,
  "Docker Validator Tests > variables > MAINTAINER > unsupported modifier #1": REASON.notExpanded,
  "Docker Validator Tests > variables > MAINTAINER > unsupported modifier #2": REASON.notExpanded,
  "Docker Validator Tests > variables > MAINTAINER > no modifier": REASON.notExpanded,
  "Docker Validator Tests > variables > ONBUILD > unsupported modifier #1": REASON.notExpanded,
  "Docker Validator Tests > variables > ONBUILD > unsupported modifier #2": REASON.notExpanded,
  "Docker Validator Tests > variables > ONBUILD > no modifier": REASON.notExpanded,
  "Docker Validator Tests > variables > SHELL > unsupported modifier #1": REASON.notExpanded,
  "Docker Validator Tests > variables > SHELL > unsupported modifier #2": REASON.notExpanded,
  "Docker Validator Tests > variables > SHELL > no modifier": REASON.notExpanded,
  "Docker Validator Tests > ARG > ok #331": REASON.unclosedRef,
  "Docker Validator Tests > ENV > single > ok #331": REASON.unclosedRef,
  "Docker Validator Tests > LABEL > single > ok #331": REASON.unclosedRef,
  "Docker Validator Tests > STOPSIGNAL > environment variables > invalid stop signal #3":
    REASON.signalUnclosedRef,
  "Docker Validator Tests > ARG > syntax missing double quote #2": REASON.escapeAtEnd,
  "Docker Validator Tests > ARG > syntax missing double quote #4": REASON.escapeAtEnd,
  "Docker Validator Tests > ENV > single > syntax missing double quote #2": REASON.escapeAtEnd,
  "Docker Validator Tests > ENV > single > syntax missing double quote #4": REASON.escapeAtEnd,
  "Docker Validator Tests > LABEL > single > syntax missing double quote #2": REASON.escapeAtEnd,
  "Docker Validator Tests > LABEL > single > syntax missing double quote #4": REASON.escapeAtEnd,
  "Docker Validator Tests > SHELL > ok #19": REASON.jsonTrailing,
  "Docker Validator Tests > SHELL > ok #20": REASON.jsonTrailing,
  "Docker Validator Tests > SHELL > ok #21": REASON.jsonTrailing,
  "Docker Validator Tests > SHELL > ok #22": REASON.jsonTrailing,
  "Docker Validator Tests > directives > escape validation > value cannot be whitespace #1":
    REASON.escapeBlank,
  "Docker Validator Tests > directives > escape validation > value cannot be whitespace #2":
    REASON.escapeBlank,
  "Docker Validator Tests > embedded ignore rules > can ignore following diagnostic": REASON.utilsPragma,
  "Docker Validator Tests > embedded ignore rules > can ignore multiple diagnostics": REASON.utilsPragma,
};

const key = (code: string, r: { start: Pos; end: Pos }) =>
  `${code}@${r.start.line}:${r.start.character}-${r.end.line}:${r.end.character}`;

function ours(text: string): string[] {
  const { findings } = lint(text, { rules: SYNTAX_RULES });
  const lines = new LineIndex(text);
  return findings
    .filter((f) => COMPARED.has(f.code))
    .map((f) => key(f.code, lines.range(f.span)))
    .sort();
}

function theirs(c: Case): string[] {
  return c.expect
    .flatMap((e) => {
      const code = CODE_MAP[e.code];
      return code ? [key(code, e.range)] : [];
    })
    .sort();
}

describe("dockerfile-utils validator parity (DF0xx)", () => {
  for (const c of cases) {
    const reason = KNOWN_DIFFERENCES[c.name];
    it(c.name, () => {
      if (reason) expect(ours(c.dockerfile), reason).not.toEqual(theirs(c));
      else expect(ours(c.dockerfile)).toEqual(theirs(c));
    });
  }

  it("maps or explains every code the cases use, and every listed difference is a real case", () => {
    const codes = new Set(cases.flatMap((c) => c.expect.map((e) => e.code)));
    for (const code of codes) expect(code in CODE_MAP, code).toBe(true);
    for (const [code, ourCode] of Object.entries(CODE_MAP)) {
      if (ourCode === null) expect(UNMAPPED[code], code).toBeDefined();
    }
    const names = new Set(cases.map((c) => c.name));
    for (const name of Object.keys(KNOWN_DIFFERENCES)) expect(names.has(name), name).toBe(true);
  });

  it("has these counts", () => {
    const problems = cases.flatMap((c) => c.expect);
    expect({
      cases: cases.length,
      matched: cases.filter((c) => !(c.name in KNOWN_DIFFERENCES)).length,
      knownDifferences: Object.keys(KNOWN_DIFFERENCES).length,
      unmappedProblemsLeftOut: problems.filter((e) => CODE_MAP[e.code] === null).length,
      casesWithOnlyUnmappedProblems: cases.filter(
        (c) => c.expect.length > 0 && c.expect.every((e) => CODE_MAP[e.code] === null),
      ).length,
    }).toEqual({
      cases: 5581,
      matched: 5260,
      knownDifferences: 321,
      unmappedProblemsLeftOut: 210,
      casesWithOnlyUnmappedProblems: 184,
    });
  });
});
