import type { Instruction, Span } from "../../grammar/index.js";
import { ignorePragmas } from "../model/pragmas.js";
import type { Finding, Fix, TextEdit } from "../rules/types.js";
import type { DocumentSnapshot } from "./snapshot.js";

/** Commands the language server runs for actions that are not plain edits. */
export type ActionCommand =
  | { name: "showRuleDocs"; code: string }
  /** Fix-all is computed when chosen, not for every lightbulb. */
  | { name: "fixAll" };

/** A quick fix, as plain data: the language server turns it into an LSP CodeAction. */
export interface ActionData {
  title: string;
  /** The findings it addresses (shown as the action's diagnostics). */
  findings: Finding[];
  edits?: TextEdit[];
  command?: ActionCommand;
  isPreferred?: boolean;
}

function fixesOf(f: Finding): Fix[] {
  return f.fixes ?? [];
}

/**
 * Actions for the findings that touch `span`: each fix (an unsafe one says so and is never preferred), ignoring
 * the rule for the instruction or the file, the rule's documentation, and fixing all safe problems of the file.
 */
export function codeActions(doc: DocumentSnapshot, span: Span): ActionData[] {
  const touching = doc.findings.filter((f) => f.span.start <= span.end && span.start <= f.span.end);
  const fixes: ActionData[] = [];
  const others: ActionData[] = [];
  const codes = new Map<string, Finding[]>();
  for (const f of touching) {
    let preferred = false;
    for (const fix of fixesOf(f)) {
      if (fix.edits.length === 0) continue;
      const safe = fix.safety === "safe";
      const title = safe ? fix.title : `${fix.title} (unsafe${fix.reason ? `: ${fix.reason}` : ""})`;
      const action: ActionData = { title, findings: [f], edits: fix.edits };
      if (safe && !preferred) {
        action.isPreferred = true;
        preferred = true;
      }
      fixes.push(action);
    }
    // Added in place: a copy of the list per finding made a request over a whole file of one rule's findings
    // quadratic (27,000 findings: 12.5 s).
    const same = codes.get(f.code);
    if (same) same.push(f);
    else codes.set(f.code, [f]);
  }
  for (const [code, findings] of codes) {
    const instruction = targetInstruction(doc, findings[0]);
    if (instruction) {
      others.push({
        title: `Ignore ${code} for this instruction`,
        findings,
        edits: [ignoreEdit(doc, code, instruction)],
      });
    }
    others.push({
      title: `Ignore ${code} for this file`,
      findings,
      edits: [ignoreEdit(doc, code, undefined)],
    });
    others.push({
      title: `Show documentation of ${code}`,
      findings,
      command: { name: "showRuleDocs", code },
    });
  }
  const safeFixable = doc.findings.filter((f) =>
    fixesOf(f).some((x) => x.safety === "safe" && x.edits.length),
  );
  if (safeFixable.length > 1 || (safeFixable.length === 1 && !touching.includes(safeFixable[0]))) {
    others.push({ title: "Fix all safe dflint problems", findings: [], command: { name: "fixAll" } });
  }
  return [...fixes, ...others];
}

/** The instruction a pragma for the finding goes above: the ONBUILD, for a finding in its trigger. */
function targetInstruction(doc: DocumentSnapshot, f: Finding): Instruction | undefined {
  const i = doc.model.instructionAt(f.span.start);
  return i?.parentOnbuild ?? i;
}

/**
 * The edit that ignores `code` for one instruction (or, without one, for the file): it adds the code to the
 * instruction's own pragma (or the file's first global pragma) if there is one, else writes a new pragma line
 * above the instruction (or below the parser directives, which must stay first).
 */
export function ignoreEdit(
  doc: DocumentSnapshot,
  code: string,
  instruction: Instruction | undefined,
): TextEdit {
  const text = doc.text;
  const pragmas = ignorePragmas(doc.ast);
  const existing = instruction
    ? pragmas.find((p) => p.scope === "instruction" && p.target === instruction && p.names.length > 0)
    : pragmas.find((p) => p.scope === "global" && p.names.length > 0);
  if (existing) {
    const end = existing.names[existing.names.length - 1].span.end;
    return { span: { start: end, end }, newText: `,${code}` };
  }
  const at = instruction
    ? doc.lines.lineStarts[doc.lines.lineAt(instruction.span.start)]
    : afterDirectives(doc);
  const indent = instruction ? text.slice(at, instruction.span.start) : "";
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const pragma = instruction ? `# dflint ignore=${code}` : `# dflint global ignore=${code}`;
  // At the end of a file without a final newline, the pragma goes on a line of its own.
  const lead = at === text.length && at > 0 && text[at - 1] !== "\n" ? eol : "";
  return { span: { start: at, end: at }, newText: `${lead}${indent}${pragma}${eol}` };
}

/** Where a new line may go without turning the parser directives into plain comments: after the last one. */
function afterDirectives(doc: DocumentSnapshot): number {
  const last = doc.ast.directives.at(-1);
  if (!last) return doc.ast.bom ? 1 : 0;
  const line = doc.lines.lineAt(last.span.start);
  return line + 1 < doc.lines.lineCount ? doc.lines.lineStarts[line + 1] : doc.text.length;
}

/** One edit that turns `before` into `after`, spanning only the part that differs. */
export function replacementEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const max = Math.min(before.length, after.length);
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let end = 0;
  while (
    end < max - start &&
    before.charCodeAt(before.length - 1 - end) === after.charCodeAt(after.length - 1 - end)
  )
    end++;
  return { span: { start, end: before.length - end }, newText: after.slice(start, after.length - end) };
}
