import { type Instruction, parse } from "../../grammar/index.js";
import { unquote } from "../../grammar/shell.js";
import { buildModel, type DockerfileModel } from "../../server/model/model.js";
import { parseShell } from "../../server/model/shellScript.js";
import { wordValue } from "../../server/model/wordValues.js";
import { copySources } from "../../server/rules/helpers/sources.js";

/**
 * Words a safe fix may insert into a command, each for the reason its rule gives: -y / -n answer a prompt no build
 * can answer (DL3014, DL3030, DL3038, DL3034), -l skips lastlog records (DL3046), --no-cache-dir drops pip's cache
 * (DL3042). Everything else must stay word for word.
 */
const SAFE_INSERTIONS = new Set(["-y", "-n", "-l", "--no-cache-dir"]);

/** Commands after which a chained command would run in a changed shell: two RUNs that are merged (DL3059) run the
 * same only when the first has none of these. */
const CHANGES_SHELL = new Set([
  "cd",
  "pushd",
  "popd",
  "export",
  "unset",
  "source",
  ".",
  "set",
  "umask",
  "ulimit",
]);
for (const c of ["exit", "exec", "eval", "alias", "trap", "declare", "typeset", "local", "readonly", "shopt"])
  CHANGES_SHELL.add(c);

/** Constructs that set a variable or define a function in the shell they run in. */
const LEAKY = new Set(["for", "select", "function"]);

interface Facts {
  text: string;
  /** For a shell-form RUN: what must match for a following RUN to be mergeable, and its commands. */
  run?: { key: string; commands: string[]; stateful: boolean };
}

/** What Docker makes of each instruction, in a form where the differences a safe fix may make disappear. */
export function buildFacts(text: string): string[] {
  const model = buildModel(parse(text));
  const list: Facts[] = [];
  for (const i of model.ast.instructions) {
    const f = facts(model, i);
    // Consecutive RUNs with the same stage and flags run as one `a && b` when the first leaves the shell alone.
    const last = list.at(-1);
    if (f.run && last?.run && last.run.key === f.run.key && !last.run.stateful) {
      const [head, ...rest] = f.run.commands;
      // `a && b`: the && joins b; a nested first command (a for loop's body) shows no separator either way.
      const joined = head.startsWith(" ") ? `&&${head}` : head;
      last.run = { ...f.run, commands: [...last.run.commands, joined, ...rest] };
      last.text = `${last.run.key} | ${last.run.commands.join(" | ")}`;
      continue;
    }
    list.push(f);
    if (i.trigger) list.push({ text: `ONBUILD ${facts(model, i.trigger).text}` });
  }
  return list.map((f) => f.text);
}

/** The first instruction whose facts differ, as a readable line, or undefined when both files build the same. */
export function firstDifference(before: string, after: string): string | undefined {
  const a = buildFacts(before);
  const b = buildFacts(after);
  for (let k = 0; k < Math.max(a.length, b.length); k++) {
    if (a[k] !== b[k]) return `instruction ${k + 1}: ${a[k] ?? "(none)"}  ->  ${b[k] ?? "(none)"}`;
  }
  return undefined;
}

function facts(model: DockerfileModel, i: Instruction): Facts {
  const escapeChar = model.ast.escapeChar;
  const value = (s: string) => {
    try {
      return unquote(s, { escapeChar });
    } catch {
      return s;
    }
  };
  // Keyword casing means nothing to Docker; neither does the case of a stage name (Docker lowercases it).
  let kind = i.keyword.toUpperCase();
  // ADD copies a directory as COPY does (it unpacks only files), so ADD of directories alone is COPY (DL3020).
  if (kind === "ADD" && i.heredocs.length === 0 && i.flags.length === 0) {
    const { sources } = copySources(model.ast, i);
    const dirs = sources.map(
      (src) => wordValue(model, i, src.text, src.span, { undeclaredUnknown: true }).value,
    );
    if (
      sources.length > 0 &&
      dirs.every((v) => v !== undefined && (v === "." || v === ".." || /\/\.?$/.test(v)))
    )
      kind = "COPY";
  }
  const stage = model.stageOf(i);
  const stageIndex = stage ? model.stages.indexOf(stage) : -1;
  const flags = i.flags
    // `FROM --platform=$TARGETPLATFORM` is what FROM does without the flag (DL3065).
    .filter(
      (f) => !(kind === "FROM" && f.name === "platform" && /^\$\{?TARGETPLATFORM\}?$/.test(f.value ?? "")),
    )
    // A flag name in the wrong case is rejected by Docker (DF003): the file did not build before the fix.
    .map((f) => `--${f.name.toLowerCase()}=${f.name === "from" ? (f.value ?? "").toLowerCase() : f.value}`)
    .sort();
  let body: string[];
  switch (kind) {
    case "RUN":
    case "CMD":
    case "ENTRYPOINT":
    case "SHELL":
      body = commands(i);
      break;
    case "ENV":
    case "LABEL":
      body = (i.pairs ?? []).map((p) => `${p.key}=${value(p.value)}`);
      break;
    case "FROM": {
      // Docker looks a stage up by its lowercased name, so `FROM Build` and `FROM build` mean the same stage.
      const names = new Set(model.stages.map((s) => s.name?.toLowerCase()));
      body = i.words.map((w, k) => {
        const v = value(w.text);
        return k > 0 || names.has(v.toLowerCase()) ? v.toLowerCase() : v;
      });
      break;
    }
    case "EXPOSE":
      body = i.words.map((w) => value(w.text).toLowerCase());
      break;
    case "COPY":
    case "ADD": {
      body = i.words.map((w) => value(w.text));
      if (i.form?.kind === "exec") body = i.form.elements.map((e) => e.value ?? "");
      // Several sources go into a directory whether or not the destination says so with a slash (DL3021).
      const last = body.length - 1;
      if (body.length + i.heredocs.length >= 3 && body[last].length > 1)
        body[last] = body[last].replace(/\/$/, "");
      break;
    }
    default:
      body = i.words.map((w) => value(w.text));
  }
  const heredocs = i.heredocs.map((h) => `<<${h.content}`);
  const text = [kind, `stage ${stageIndex}`, ...flags, ...body, ...heredocs].join(" | ");
  if (kind !== "RUN" || i.form?.kind !== "shell" || heredocs.length > 0) return { text };
  const key = [kind, `stage ${stageIndex}`, ...flags].join(" | ");
  // What happens in a subshell, a command substitution or a pipeline stays there; anything else may leak.
  const leaks = parseShell(i.form.text).commands.filter(
    (c) =>
      c.pipelineLength === 1 &&
      !c.context.some((k) => k === "subshell" || k === "cmdsubst" || k === "procsubst"),
  );
  const stateful =
    leaks.some((c) => !c.name || CHANGES_SHELL.has(c.name.value) || c.context.some((k) => LEAKY.has(k))) ||
    /\$\{[^}]*=|\$\(\([^)]*=/.test(i.form.text);
  return { text, run: { key, commands: body, stateful } };
}

/** The commands the shell runs, word by word (for exec form: the argv), with how each is joined to the previous. */
function commands(i: Instruction): string[] {
  const form = i.form;
  if (!form) return [];
  if (form.kind === "exec") {
    const argv = form.elements.map((e) => e.value ?? "");
    return [`exec ${JSON.stringify(argv.filter((a, k) => k === 0 || !SAFE_INSERTIONS.has(a)))}`];
  }
  return parseShell(form.text).commands.map((c) => {
    const args = c.args.map((a) => a.value).filter((a) => !SAFE_INSERTIONS.has(a));
    const words = [...c.assignments.map((a) => a.value), c.name?.value ?? "", ...args];
    const redirects = c.redirects.map((r) => `${r.fd ?? ""}${r.op}${r.target?.value ?? ""}`);
    return `${c.context.join("/")}${c.separator ?? ""} ${JSON.stringify([...words, ...redirects])}`;
  });
}
