import type { DockerfileAst, Instruction, KeyValue, Span } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";
import { astFact, factKey } from "../../model/model.js";
import type { LabelSchema, RuleContext } from "../types.js";

export type LabelType = LabelSchema[string];

export interface Label {
  /** The key as Docker stores it (quotes removed). */
  key: string;
  /** The value as Docker stores it (quotes and escapes removed, variables left as written). */
  value: string;
  pair: KeyValue;
  instruction: Instruction;
  /** The key or the value uses a variable, so what Docker stores is only known at build time. */
  keyHasVariables: boolean;
  valueHasVariables: boolean;
}

const LABELS_BY_INSTRUCTION = factKey<Map<Instruction, readonly Label[]>>("labelsOf");
const LABELS_OF_FILE = factKey<readonly Label[]>("allLabels");
const NO_LABELS: readonly Label[] = [];

/**
 * The labels one LABEL instruction sets, in order; read once per instruction (eleven rules ask) and kept per file
 * (astFact), not in a WeakMap keyed by the instruction, whose entries V8's scavenger promoted.
 */
export function labelsOf(instruction: Instruction, ast: DockerfileAst): readonly Label[] {
  if (instruction.keyword !== "LABEL") return NO_LABELS;
  const known = astFact(ast, LABELS_BY_INSTRUCTION, () => new Map());
  let labels = known.get(instruction);
  if (!labels) {
    labels = readLabels(instruction, ast);
    known.set(instruction, labels);
  }
  return labels;
}

function readLabels(instruction: Instruction, ast: DockerfileAst): Label[] {
  const opts = { escapeChar: ast.escapeChar };
  const refs = instruction.variables.filter((v) => v.expandedBy === "docker");
  let r = 0;
  // Both lists are in document order, so one pass pairs each reference with its key or value.
  const usesVariables = (span: Span): boolean => {
    while (r < refs.length && refs[r].span.start < span.start) r++;
    let found = false;
    for (; r < refs.length && refs[r].span.start < span.end; r++) found = true;
    return found;
  };
  return (instruction.pairs ?? []).map((pair) => {
    const keyHasVariables = usesVariables(pair.keySpan);
    const valueHasVariables = usesVariables(pair.valueSpan);
    return {
      key: unquote(pair.key, opts),
      value: unquote(pair.value, opts),
      pair,
      instruction,
      keyHasVariables,
      valueHasVariables,
    };
  });
}

/** Every label the file's own LABEL instructions set (ONBUILD LABELs belong to later builds and are left out). */
export function allLabels(ast: DockerfileAst): readonly Label[] {
  return astFact(ast, LABELS_OF_FILE, (file) => {
    // A loop, not flatMap over every instruction: most have no label. Indexed: in cold code for-of allocates an
    // iterator result per step (1.0 MB of the corpus's first lint in a fresh process, sampling heap profile).
    const out: Label[] = [];
    const instructions = file.instructions;
    for (let k = 0; k < instructions.length; k++) {
      const i = instructions[k];
      if (i.keyword === "LABEL") for (const l of labelsOf(i, file)) out.push(l);
    }
    return out;
  });
}

/**
 * Reports every label that the schema gives `type` and whose value fails `valid`. Values built from variables are
 * only known at build time and are left alone.
 */
export function checkSchemaLabels(
  ctx: RuleContext,
  type: LabelType,
  valid: (value: string) => boolean,
  expected: string,
): void {
  const schema = ctx.settings.labelSchema;
  // Without a schema entry of this type (the usual case) no label can fail.
  if (!Object.values(schema).includes(type)) return;
  const labels = allLabels(ctx.ast);
  for (let labelIndex = 0; labelIndex < labels.length; labelIndex++) {
    const label = labels[labelIndex];
    if (label.valueHasVariables || !Object.hasOwn(schema, label.key) || schema[label.key] !== type) continue;
    if (valid(label.value)) continue;
    ctx.report({
      span: label.pair.valueSpan,
      message: `label '${label.key}' must be ${expected}, but its value is ${JSON.stringify(label.value)}`,
    });
  }
}

// ---------------------------------------------------------------------------------------------
// Value formats of the label schema
// ---------------------------------------------------------------------------------------------

const URI_CHARS = /^[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]*$/;

/** An absolute URI (RFC 3986): a scheme, then only URI characters, with well-formed `%XX` escapes. */
export function isAbsoluteUri(value: string): boolean {
  const colon = value.indexOf(":");
  if (colon < 1 || !/^[A-Za-z][A-Za-z0-9+.-]*$/.test(value.slice(0, colon))) return false;
  const rest = value.slice(colon + 1);
  if (!URI_CHARS.test(rest)) return false;
  for (let i = rest.indexOf("%"); i >= 0; i = rest.indexOf("%", i + 1)) {
    if (!/^[0-9A-Fa-f]{2}$/.test(rest.slice(i + 1, i + 3))) return false;
  }
  return true;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)?(?:[Zz]|[+-](\d{2}):(\d{2}))$/;

/** An RFC 3339 date-time such as `2024-03-10T10:26:33Z` or `2021-03-10T10:26:33.5+01:00`. */
export function isRfc3339(value: string): boolean {
  const m = RFC3339.exec(value);
  if (!m) return false;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth) return false;
  // Second 60 is a leap second, which RFC 3339 allows.
  if (hour > 23 || minute > 59 || second > 60) return false;
  if (m[7] !== undefined && (Number(m[7]) > 23 || Number(m[8]) > 59)) return false;
  return true;
}

/** A git commit id: lowercase hex, abbreviated (at least 7 digits) or full (40 for SHA-1, 64 for SHA-256). */
export function isGitHash(value: string): boolean {
  return /^[0-9a-f]+$/.test(value) && ((value.length >= 7 && value.length <= 40) || value.length === 64);
}

function isNumericIdentifier(s: string): boolean {
  return /^(?:0|[1-9][0-9]*)$/.test(s);
}

/** A Semantic Versioning 2.0.0 version: `MAJOR.MINOR.PATCH[-pre.release][+build.meta]`, no `v` prefix. */
export function isSemver(value: string): boolean {
  const plus = value.indexOf("+");
  const main = plus < 0 ? value : value.slice(0, plus);
  if (plus >= 0) {
    const build = value.slice(plus + 1).split(".");
    if (!build.every((id) => /^[0-9A-Za-z-]+$/.test(id))) return false;
  }
  const dash = main.indexOf("-");
  const core = (dash < 0 ? main : main.slice(0, dash)).split(".");
  if (core.length !== 3 || !core.every(isNumericIdentifier)) return false;
  if (dash < 0) return true;
  const pre = main.slice(dash + 1).split(".");
  // Numeric pre-release identifiers must not have leading zeros; alphanumeric ones may be anything.
  return pre.every((id) => /^[0-9A-Za-z-]+$/.test(id) && (!/^[0-9]+$/.test(id) || isNumericIdentifier(id)));
}

const ATEXT = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+$/;

function isDotAtom(s: string): boolean {
  return s.split(".").every((atom) => ATEXT.test(atom));
}

/** `local@domain` as RFC 5322 writes an address: dot-atoms or a quoted local part, a domain or `[literal]`. */
export function isEmailAddress(value: string): boolean {
  const at = value.lastIndexOf("@");
  if (at < 1 || at === value.length - 1) return false;
  const local = value.slice(0, at);
  const domain = value.slice(at + 1);
  const localOk = local.startsWith('"') ? /^"(?:[^"\\\r\n]|\\.)*"$/.test(local) : isDotAtom(local);
  const domainOk = domain.startsWith("[") ? /^\[[!-Z^-~]*\]$/.test(domain) : isDotAtom(domain);
  return localOk && domainOk;
}
