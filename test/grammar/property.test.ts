// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the inputs are Dockerfile text, not templates.
import { existsSync, readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DockerfileAst, type Instruction, parse, type Span } from "../../grammar/index.js";
import { treeProblems } from "./treeChecks.js";

/** Every part of an instruction lies inside it, instructions come in order, and comments between them. */
function nestingProblems(ast: DockerfileAst): string[] {
  const problems: string[] = [];
  const inside = (what: string, inner: Span | undefined, outer: Span) => {
    if (inner && (inner.start < outer.start || inner.end > outer.end)) {
      problems.push(`${what} ${inner.start}-${inner.end} is outside ${outer.start}-${outer.end}`);
    }
  };
  const visit = (ins: Instruction, where: string) => {
    inside(`${where} span`, ins.span, ins.fullSpan);
    inside(`${where} keyword`, ins.keywordSpan, ins.span);
    inside(`${where} args`, ins.argsSpan, ins.span);
    for (const f of ins.flags) {
      inside(`${where} flag`, f.span, ins.span);
      inside(`${where} flag name`, f.nameSpan, f.span);
      inside(`${where} flag value`, f.valueSpan, f.span);
    }
    for (const w of ins.words) inside(`${where} word`, w.span, ins.span);
    if (ins.form) inside(`${where} form`, ins.form.span, ins.span);
    if (ins.form?.kind === "exec") {
      for (const e of ins.form.elements) inside(`${where} element`, e.span, ins.form.span);
    }
    for (const h of ins.heredocs) {
      inside(`${where} heredoc marker`, h.marker.span, ins.span);
      inside(`${where} heredoc body`, h.body, ins.fullSpan);
      inside(`${where} heredoc terminator`, h.terminator, ins.fullSpan);
    }
    for (const p of ins.pairs ?? []) {
      inside(`${where} pair`, p.span, ins.span);
      inside(`${where} pair key`, p.keySpan, p.span);
      inside(`${where} pair value`, p.valueSpan, p.span);
    }
    for (const d of ins.declarations ?? []) {
      inside(`${where} declaration`, d.span, ins.span);
      inside(`${where} declaration name`, d.nameSpan, d.span);
      inside(`${where} declaration default`, d.defaultSpan, d.span);
    }
    for (const c of ins.comments) inside(`${where} comment`, c.span, ins.span);
    for (const s of ins.emptyContinuationLines) inside(`${where} empty continuation line`, s, ins.span);
    for (const v of ins.variables) {
      // References in heredoc bodies lie after the instruction line, inside its full span.
      inside(`${where} variable`, v.span, ins.fullSpan);
      inside(`${where} variable name`, v.nameSpan, v.span);
      inside(`${where} variable word`, v.wordSpan, v.span);
    }
  };
  let previousEnd = 0;
  ast.instructions.forEach((ins, i) => {
    const where = `instruction ${i + 1} (${ins.keyword})`;
    if (ins.fullSpan.start < previousEnd) problems.push(`${where} starts before the previous one ends`);
    previousEnd = ins.fullSpan.end;
    let path = where;
    for (let part: Instruction | undefined = ins; part; part = part.trigger) {
      visit(part, path);
      if (part.trigger) inside(`${path} trigger`, part.trigger.fullSpan, part.fullSpan);
      path += " trigger";
    }
  });
  for (const c of ast.comments) {
    const holder = ast.instructions.find(
      (i) => c.span.start < i.fullSpan.end && c.span.end > i.fullSpan.start,
    );
    if (holder) problems.push(`comment ${c.span.start}-${c.span.end} is inside ${holder.keyword}`);
  }
  return problems;
}

/** Parses (which must not throw) and checks the tree. */
function expectSoundParse(text: string): DockerfileAst {
  const ast = parse(text);
  expect(treeProblems(ast)).toEqual([]);
  return ast;
}

/** What the tree says about a text, small enough to compare between two parses. */
function summary(ast: DockerfileAst) {
  return {
    tokens: ast.tokens.map((t) => `${t.kind}@${t.start}`),
    errors: ast.errors.map((e) => `${e.code}@${e.span.start}-${e.span.end}`),
    instructions: ast.instructions.map(
      (i) => `${i.keyword}@${i.fullSpan.start}-${i.fullSpan.end}/${i.heredocs.length}`,
    ),
  };
}

/** Characters and words that mean something somewhere in a Dockerfile. */
const FRAGMENTS = [
  "\\",
  "`",
  "\n",
  "\r\n",
  "\r",
  "#",
  " ",
  "\t",
  "\v",
  "\f",
  "<<",
  "<<-",
  "EOF",
  '"',
  "'",
  "[",
  "]",
  ",",
  "$",
  "{",
  "}",
  "${",
  ":-",
  "-",
  "--",
  "=",
  ":",
  "/",
  "a",
  "x",
  "1",
  "RUN",
  "FROM",
  "COPY",
  "ADD",
  "ONBUILD",
  "ENV",
  "ARG",
  "LABEL",
  "HEALTHCHECK",
  "CMD",
  "SHELL",
  "NONE",
  "AS",
  "\\\n",
  "`\n",
  "# escape=`\n",
  "# escape=\\\n",
  "# syntax=docker/dockerfile:1\n",
  '["a", "b"]',
  "--mount=type=cache,target=/x",
  "\uFEFF",
  "é",
  "🐳",
  "\u00a0",
  "\u3000",
  "\u2028",
  "\u0000",
  "\ud83d",
];

const fragment = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: "binary", maxLength: 3 }) },
);

/** Free-form text made of the fragments. */
const anyText = fc.array(fragment, { maxLength: 80 }).map((parts) => parts.join(""));

/** Text shaped like a Dockerfile: lines that mostly start with a keyword. */
const LINE_STARTS = [
  "",
  "  ",
  "\t",
  "# ",
  "FROM ",
  "RUN ",
  "run ",
  "COPY ",
  "ONBUILD RUN ",
  "ENV ",
  "ARG ",
  "CMD ",
];
const dockerfileText = fc
  .array(
    fc
      .tuple(fc.constantFrom(...LINE_STARTS), fc.array(fragment, { maxLength: 12 }))
      .map(([s, p]) => s + p.join("")),
    { maxLength: 15 },
  )
  .chain((lines) => fc.constantFrom("\n", "\r\n").map((eol) => lines.join(eol)));

describe("parse never throws, and its tree always fits the text", () => {
  it("on random text rich in Dockerfile syntax", () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expectSoundParse(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("on random Dockerfile-shaped lines, LF or CRLF", () => {
    fc.assert(
      fc.property(dockerfileText, (text) => {
        expectSoundParse(text);
      }),
      { numRuns: 1000 },
    );
  });

  it("keeps every part of an instruction inside it, and instructions and comments apart", () => {
    fc.assert(
      fc.property(fc.oneof(anyText, dockerfileText), (text) => {
        expect(nestingProblems(parse(text))).toEqual([]);
      }),
      { numRuns: 2000 },
    );
  });

  it("gives the same tree when a text is parsed again after another one", () => {
    // The lexer keeps state between tokens (escape character, open heredocs); none may leak into the next parse.
    fc.assert(
      fc.property(dockerfileText, anyText, (text, other) => {
        const first = summary(parse(text));
        parse(other);
        expect(summary(parse(text))).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });
});

const corpusDir = new URL("../../../shared/corpus/real/", import.meta.url);
const corpusPresent = existsSync(new URL("MANIFEST.tsv", corpusDir));

function corpusTexts(): string[] {
  const manifest = readFileSync(new URL("MANIFEST.tsv", corpusDir), "utf8").split("\n").slice(1);
  return manifest
    .filter((l) => l.trim() !== "")
    .map((l) => readFileSync(new URL(l.split("\t")[0], corpusDir), "utf8"));
}

describe.skipIf(!corpusPresent)("parse on mutated real Dockerfiles (../shared/corpus)", () => {
  const texts = corpusPresent ? corpusTexts() : [""];
  const mutation = fc.record({
    kind: fc.constantFrom("insert", "delete", "duplicate"),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.nat({ max: 300 }),
    text: fc.array(fragment, { minLength: 1, maxLength: 6 }).map((p) => p.join("")),
  });
  type Mutation = typeof mutation extends fc.Arbitrary<infer M> ? M : never;
  const apply = (text: string, m: Mutation): string => {
    const at = Math.floor(m.at * text.length);
    const end = Math.min(text.length, at + m.length);
    if (m.kind === "insert") return text.slice(0, at) + m.text + text.slice(at);
    if (m.kind === "delete") return text.slice(0, at) + text.slice(end);
    return text.slice(0, end) + text.slice(at, end) + text.slice(end);
  };

  it("with slices inserted, deleted and duplicated", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.array(mutation, { minLength: 1, maxLength: 6 }),
        (text, ms) => {
          expectSoundParse(ms.reduce(apply, text));
        },
      ),
      { numRuns: 500 },
    );
  });
});

if (!corpusPresent) {
  describe("parse on mutated real Dockerfiles", () => {
    it.skip("skipped: ../shared/corpus is absent", () => {});
  });
}

// Inputs built to make a parser loop, recurse or backtrack. They only have to finish (the timeout is 60s).
describe("parse finishes on adversarial input", () => {
  const cases: [string, () => string][] = [
    ["200,000 lines of a lone line continuation", () => "\\\n".repeat(200_000)],
    ["a RUN continued over 200,000 lines", () => `RUN a \\\n${" b \\\n".repeat(200_000)}`],
    ["100,000 unterminated heredocs, one RUN <<EOF per line", () => "RUN <<EOF\n".repeat(100_000)],
    ["100,000 unterminated heredoc markers on one line", () => `RUN ${"<<EOF ".repeat(100_000)}\nbody\n`],
    ["50,000 terminated heredocs", () => "RUN <<EOF\nx\nEOF\n".repeat(50_000)],
    ["a 1 MB line of [ after RUN", () => `RUN ${"[".repeat(1_000_000)}`],
    ["a 1 MB line of [ with no keyword", () => "[".repeat(1_000_000)],
    ["a 1 MB JSON-looking CMD", () => `CMD [${'"a",'.repeat(250_000)}"b"]`],
    ["50,000 nested ${ in RUN", () => `RUN echo ${"${".repeat(50_000)}`],
    ["50,000 nested ${ in ENV", () => `ENV a=${"${".repeat(50_000)}`],
    ["50,000 nested ${a:- in FROM", () => `FROM ${"${a:-".repeat(50_000)}`],
    ["a 1 MB line of $", () => `RUN ${"$".repeat(1_000_000)}`],
    ["a 1 MB ARG of double quotes", () => `ARG ${'"'.repeat(1_000_000)}`],
    ["200,000 flags", () => `RUN ${"--a ".repeat(200_000)}x`],
    ["200,000 comment lines inside a continuation", () => `RUN a \\\n${"# c\n".repeat(200_000)}b\n`],
    ["200,000 blank lines inside a continuation", () => `RUN a \\\n${"\n".repeat(200_000)}b\n`],
    ["100,000 backtick continuations", () => `# escape=\`\n${"RUN a `\n".repeat(100_000)}`],
    ["1,000,000 carriage returns", () => `FROM a${"\r".repeat(1_000_000)}`],
    ["100,000 repeated directives", () => `${"# syntax=a\n".repeat(100_000)}FROM a\n`],
    ["100,000 chained ONBUILD", () => `${"ONBUILD ".repeat(100_000)}RUN x`],
  ];
  for (const [name, make] of cases) {
    it(name, () => {
      expectSoundParse(make());
    });
  }
});
