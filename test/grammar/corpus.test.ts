import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { type DockerfileAst, type Instruction, parse, type Span } from "../../grammar/index.js";

const corpus = new URL("../../../shared/corpus/", import.meta.url);
const realDir = new URL("real/", corpus);
const largeDir = new URL("large/", corpus);
const present = existsSync(new URL("MANIFEST.tsv", realDir));

/**
 * The only corpus files whose parse may report errors, each with the reason. Every other file must parse cleanly:
 * the corpus was filtered to files a structural check accepts (see ../shared/corpus/README.md).
 */
const EXPECTED_ERRORS: Record<string, string> = {
  "moby__buildkit/frontend__dockerfile__parser__testfiles-negative__env_no_value__Dockerfile":
    "copy of BuildKit's negative fixture: `ENV PATH` has no value (missing-value)",
};

interface CorpusFile {
  /** Name under corpus/, e.g. `real/docker-library__python/3.10__alpine3.23__Dockerfile`. */
  name: string;
  url: URL;
  repo: string;
  bytes: number;
}

interface Examined {
  problems: string[];
  errors: string[];
}

/** Everything that must hold for any parse: lossless tokens, and every span inside the text. */
function treeProblems(ast: DockerfileAst): string[] {
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

function listCorpus(): CorpusFile[] {
  const manifest = readFileSync(new URL("MANIFEST.tsv", realDir), "utf8").split("\n");
  const header = manifest[0].split("\t");
  const fileColumn = header.indexOf("file");
  const repoColumn = header.indexOf("repo");
  const bytesColumn = header.indexOf("bytes");
  const files: CorpusFile[] = [];
  for (const line of manifest.slice(1)) {
    if (line.trim() === "") continue;
    const columns = line.split("\t");
    const name = columns[fileColumn];
    files.push({
      name: `real/${name}`,
      url: new URL(name, realDir),
      repo: columns[repoColumn],
      bytes: Number(columns[bytesColumn]),
    });
  }
  for (const name of readdirSync(largeDir).sort()) {
    if (!name.endsWith(".Dockerfile")) continue;
    const url = new URL(name, largeDir);
    files.push({ name: `large/${name}`, url, repo: "large (synthetic)", bytes: readFileSync(url).length });
  }
  return files;
}

const files = present ? listCorpus() : [];
const examined = new Map<string, Examined>();

/** Parses a file once; the per-project cases and the error-list case share the result. */
function examine(file: CorpusFile): Examined {
  let result = examined.get(file.name);
  if (!result) {
    const text = readFileSync(file.url, "utf8");
    try {
      const ast = parse(text);
      result = { problems: treeProblems(ast).slice(0, 5), errors: ast.errors.map((e) => e.code) };
    } catch (e) {
      result = { problems: [`parse threw: ${e instanceof Error ? e.message : String(e)}`], errors: [] };
    }
    examined.set(file.name, result);
  }
  return result;
}

describe.skipIf(!present)("real Dockerfiles (../shared/corpus)", () => {
  const byRepo = new Map<string, CorpusFile[]>();
  for (const f of files) byRepo.set(f.repo, [...(byRepo.get(f.repo) ?? []), f]);

  it("holds the 1,468 manifest files (97 projects) with the recorded sizes, plus the large file", () => {
    const real = files.filter((f) => f.name.startsWith("real/"));
    expect(real.length).toBe(1468);
    expect(new Set(real.map((f) => f.repo)).size).toBe(97);
    const wrongSize = real.filter((f) => !existsSync(f.url) || readFileSync(f.url).length !== f.bytes);
    expect(wrongSize.map((f) => f.name)).toEqual([]);
    expect(files.filter((f) => f.name.startsWith("large/")).map((f) => f.name)).toEqual([
      "large/monorepo-large.Dockerfile",
    ]);
  });

  for (const [repo, group] of [...byRepo].sort(([a], [b]) => a.localeCompare(b))) {
    it(`parses ${repo} (${group.length} files) losslessly, with every span inside the text`, () => {
      const failures = group.flatMap((f) => examine(f).problems.map((p) => `${f.name}: ${p}`));
      expect(failures).toEqual([]);
    });
  }

  it("reports errors only for the files expected to have them", () => {
    const withErrors = files
      .map((f) => ({ name: f.name.replace(/^real\//, ""), codes: examine(f).errors }))
      .filter((f) => f.codes.length > 0);
    const details = withErrors.map((f) => `${f.name}: ${f.codes.join(", ")}`).join("\n");
    expect(withErrors.map((f) => f.name).sort(), details).toEqual(Object.keys(EXPECTED_ERRORS).sort());
  });
});

if (!present) {
  describe("real Dockerfiles", () => {
    it.skip("skipped: ../shared/corpus is absent", () => {});
  });
}
