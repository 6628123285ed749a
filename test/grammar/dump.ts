import type { DockerfileAst, Instruction } from "../../grammar/index.js";

/** Go's strconv.Quote, which BuildKit's AST dump uses. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c === 7) out += "\\a";
    else if (c === 8) out += "\\b";
    else if (c === 12) out += "\\f";
    else if (c === 10) out += "\\n";
    else if (c === 13) out += "\\r";
    else if (c === 9) out += "\\t";
    else if (c === 11) out += "\\v";
    else if (/[\p{L}\p{M}\p{N}\p{P}\p{S} ]/u.test(ch)) out += ch;
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, "0")}`;
    else if (c <= 0xffff) out += `\\u${c.toString(16).padStart(4, "0")}`;
    else out += `\\U${c.toString(16).padStart(8, "0")}`;
  }
  return `${out}"`;
}

/** The `(keyword ["--flag"] "arg" ...)` line BuildKit's parser test prints for one instruction. */
export function dumpInstruction(ins: Instruction): string {
  let out = sourceKeyword(ins).toLowerCase();
  if (ins.flags.length > 0) out += ` [${ins.flags.map((f) => goQuote(f.text)).join(" ")}]`;
  const args: string[] = [];
  switch (ins.keyword) {
    case "ONBUILD":
      if (ins.trigger) return `${out} (${dumpInstruction(ins.trigger)})`;
      return out;
    case "ENV":
    case "LABEL":
      for (const p of ins.pairs ?? []) args.push(p.key, p.value, p.legacy ? "" : "=");
      break;
    case "HEALTHCHECK":
      if (ins.words[0]) args.push(ins.words[0].text);
      if (ins.form?.kind === "exec") for (const e of ins.form.elements) args.push(e.value ?? "");
      else if (ins.words[1]) args.push(ins.words[1].text);
      break;
    default:
      if (!ins.known) args.push("");
      else if (ins.form?.kind === "exec") for (const e of ins.form.elements) args.push(e.value ?? "");
      else for (const w of ins.words) args.push(w.text);
  }
  for (const a of args) out += ` ${goQuote(a)}`;
  return out;
}

function sourceKeyword(ins: Instruction): string {
  const L = ins.logical.text;
  // The keyword as written: find it in the logical line (ONBUILD triggers sit further in).
  const upper = L.toUpperCase();
  const at = ins.parentOnbuild
    ? upper.indexOf(ins.keyword, upper.indexOf("ONBUILD") + 7)
    : upper.indexOf(ins.keyword);
  return L.slice(at, at + ins.keyword.length);
}

export function dump(ast: DockerfileAst): string {
  return ast.instructions.map((i) => `(${dumpInstruction(i)})\n`).join("");
}
