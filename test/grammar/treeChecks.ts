import type { DockerfileAst, Instruction, Span } from "../../grammar/index.js";

/** Everything that must hold for any parse: lossless tokens, and every span inside the text. */
export function treeProblems(ast: DockerfileAst): string[] {
  const { text } = ast;
  const problems: string[] = [];
  let offset = 0;
  for (const t of ast.tokens) {
    if (t.start !== offset || t.end <= t.start) {
      problems.push(`token ${t.kind} ${t.start}-${t.end} does not continue at offset ${offset}`);
      break;
    }
    offset = t.end;
  }
  if (offset !== text.length) problems.push(`tokens end at ${offset}, the text at ${text.length}`);
  if (ast.tokens.map((t) => text.slice(t.start, t.end)).join("") !== text) {
    problems.push("tokens do not concatenate to the text");
  }
  const inText = (what: string, s: Span | undefined) => {
    if (!s) return;
    const ok = Number.isInteger(s.start) && Number.isInteger(s.end) && s.start >= 0 && s.start <= s.end;
    if (!ok || s.end > text.length) problems.push(`${what} ${s.start}-${s.end} is outside 0-${text.length}`);
  };
  for (const d of ast.directives) {
    inText(`directive ${d.name}`, d.span);
    inText(`directive ${d.name} name`, d.nameSpan);
    inText(`directive ${d.name} value`, d.valueSpan);
  }
  for (const c of ast.comments) inText("comment", c.span);
  for (const e of ast.errors) inText(`error ${e.code}`, e.span);
  const visit = (ins: Instruction, where: string): Instruction | undefined => {
    inText(`${where} span`, ins.span);
    inText(`${where} fullSpan`, ins.fullSpan);
    inText(`${where} keyword`, ins.keywordSpan);
    inText(`${where} args`, ins.argsSpan);
    for (const f of ins.flags) {
      inText(`${where} flag ${f.name}`, f.span);
      inText(`${where} flag ${f.name} name`, f.nameSpan);
      inText(`${where} flag ${f.name} value`, f.valueSpan);
    }
    for (const w of ins.words) {
      inText(`${where} word`, w.span);
      const written = text.slice(w.span.start, w.span.end);
      // A word on one line is written exactly as its logical text; a continuation inside it removes characters.
      if (!written.includes("\n") && written !== w.text) {
        problems.push(`${where} word ${JSON.stringify(w.text)} spans ${JSON.stringify(written)}`);
      }
    }
    if (ins.form) {
      inText(`${where} form`, ins.form.span);
      if (ins.form.kind === "exec")
        for (const e of ins.form.elements) inText(`${where} exec element`, e.span);
      else {
        inText(`${where} notJson`, ins.form.notJson?.span);
        inText(`${where} notJson quote`, ins.form.notJson?.singleQuote);
      }
    }
    for (const h of ins.heredocs) {
      inText(`${where} heredoc ${h.marker.name} marker`, h.marker.span);
      inText(`${where} heredoc ${h.marker.name} body`, h.body);
      inText(`${where} heredoc ${h.marker.name} terminator`, h.terminator);
    }
    for (const p of ins.pairs ?? []) {
      inText(`${where} pair`, p.span);
      inText(`${where} pair key`, p.keySpan);
      inText(`${where} pair value`, p.valueSpan);
    }
    for (const d of ins.declarations ?? []) {
      inText(`${where} declaration`, d.span);
      inText(`${where} declaration name`, d.nameSpan);
      inText(`${where} declaration default`, d.defaultSpan);
    }
    for (const c of ins.comments) inText(`${where} comment`, c.span);
    for (const s of ins.emptyContinuationLines) inText(`${where} empty continuation line`, s);
    for (const v of ins.variables) {
      inText(`${where} variable ${v.name}`, v.span);
      inText(`${where} variable ${v.name} name`, v.nameSpan);
      inText(`${where} variable ${v.name} word`, v.wordSpan);
    }
    return ins.trigger;
  };
  ast.instructions.forEach((ins, i) => {
    // ONBUILD ONBUILD ... nests triggers; walk them in a loop, not by recursion.
    let where = `instruction ${i + 1} (${ins.keyword})`;
    for (let next = visit(ins, where); next; next = visit(next, where)) where += " trigger";
  });
  return problems;
}
