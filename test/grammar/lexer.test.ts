import { existsSync, readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { LEX_PIECE, tokenize } from "../../grammar/lexer.js";

// A long document is lexed in pieces (grammar/lexer.ts, LEX_PIECE). The pieces must give exactly the token run of
// the whole text: here short texts are lexed in pieces as small as one line, and compared with one lex of the whole.

const shared = new URL("../../../shared/", import.meta.url);
const real = new URL("corpus/real/", shared);
const fixtures = new URL("conformance/buildkit-parser/", shared);

function run(
  text: string,
  escapeChar: "\\" | "`",
  piece: number,
): { kinds: number[]; starts: number[]; end: number } {
  const r = tokenize(text, escapeChar, piece);
  return { kinds: Array.from(r.kinds), starts: Array.from(r.starts), end: r.end };
}

/** Every text lexed whole and in pieces of 1, 16 and 200 characters, with both escape characters. */
function samePieces(texts: readonly string[]): string[] {
  const differ: string[] = [];
  for (const text of texts) {
    for (const escapeChar of ["\\", "`"] as const) {
      const whole = run(text, escapeChar, Number.POSITIVE_INFINITY);
      for (const piece of [1, 16, 200]) {
        const cut = run(text, escapeChar, piece);
        if (JSON.stringify(cut) !== JSON.stringify(whole))
          differ.push(`${JSON.stringify(text.slice(0, 60))} (escape ${escapeChar}, pieces of ${piece})`);
      }
    }
  }
  return differ;
}

const TRICKY = [
  "FROM a\nRUN b\n",
  "\n\n\n# c\n\nFROM a\n",
  "RUN a \\\n  b \\\n\n  c\nRUN d\n",
  "RUN a \\\n# inside\n  b\n\nRUN c\n",
  // A heredoc opened before a continuation, which a blank or comment line interrupts before the instruction ends:
  // cut at that line, the rest would lose the marker.
  "RUN cat <<EOF \\\n\n  >f\nbody\nEOF\nRUN x\n",
  "RUN cat <<EOF \\\n# c\n  >f\nbody\nEOF\nRUN x\n",
  "RUN a `\n  b\nRUN c\n",
  "RUN <<EOF\nbody\nRUN not an instruction\nEOF\nRUN after\n",
  "RUN <<A cat <<B\nx\nA\ny\nB\nCMD z\n",
  "RUN <<EOF\nnever ends\nRUN x\nRUN y\n",
  // A `<<` in a heredoc body is before the next instruction, in the text since the last end of an instruction.
  "RUN <<EOF\na << b\nEOF\nRUN c\nRUN d\n",
  "RUN a\r\nRUN b \\\r\n  c\r\n\r\n# d\r\n",
  "FROM a\n\uFEFFRUN b\nRUN c\n",
  "\uFEFFFROM a\n\uFEFF\n\uFEFF",
  "RUN a\rb\nRUN \\\\\nRUN c \\  \n  d\n",
  "ONBUILD RUN <<X\nq\nX\nRUN w\n",
  "COPY <<-EOT /f\n\tline\n\tEOT\nRUN v\n",
  'RUN ["a", "<<EOF"]\nRUN b\n',
  "RUN a \\",
  "RUN a \\\n",
  "# only a comment",
  "",
  "\n",
];

describe("lexing in pieces", () => {
  it("gives the token run of the whole text on texts made to cross a piece's end badly", () => {
    expect(samePieces(TRICKY)).toEqual([]);
  });

  it("gives the same run on random mixes of lines", () => {
    const lines = [
      "RUN a \\",
      "  b",
      "",
      "# c",
      "RUN <<E",
      "E",
      "CMD d",
      "\\",
      "`",
      "RUN x <<-F y",
      "\tF",
      "\uFEFFz",
      " ",
      "\r",
    ];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed;
    };
    const texts: string[] = [];
    for (let t = 0; t < 300; t++) {
      const parts: string[] = [];
      const n = 1 + (next() % 30);
      for (let i = 0; i < n; i++) parts.push(lines[next() % lines.length]);
      texts.push(parts.join(next() % 3 === 0 ? "\r\n" : "\n") + (next() % 2 === 0 ? "\n" : ""));
    }
    expect(samePieces(texts)).toEqual([]);
  });

  it("parses a document of several pieces to the instructions of its blocks, each at its exact place", () => {
    const block = "FROM a AS b\nRUN c \\\n  d\n# e\n\nRUN <<F\ng\nF\n\n";
    const one = parse(block).instructions.map((i) => [i.keyword, i.span.start, i.span.end, i.args]);
    const copies = Math.ceil((2.5 * LEX_PIECE) / block.length);
    const ast = parse(block.repeat(copies));
    expect(ast.errors).toEqual([]);
    const wrong: string[] = [];
    ast.instructions.forEach((ins, k) => {
      const [keyword, start, end, args] = one[k % one.length];
      const base = Math.floor(k / one.length) * block.length;
      if (
        ins.keyword !== keyword ||
        ins.span.start !== base + Number(start) ||
        ins.span.end !== base + Number(end) ||
        ins.args !== args
      )
        wrong.push(`${k}: ${ins.keyword} ${ins.span.start}-${ins.span.end}`);
    });
    expect(ast.instructions.length).toBe(copies * one.length);
    expect(wrong).toEqual([]);
  });

  it.skipIf(!existsSync(real))("gives the same run on every corpus file and BuildKit parser fixture", () => {
    const texts: string[] = [];
    const manifest = readFileSync(new URL("MANIFEST.tsv", real), "utf8").trim().split("\n").slice(1);
    for (const line of manifest) texts.push(readFileSync(new URL(line.split("\t")[0], real), "utf8"));
    for (const dir of ["testfiles", "testfiles-negative"]) {
      const folder = new URL(`${dir}/`, fixtures);
      if (!existsSync(folder)) continue;
      for (const name of readdirSync(folder)) {
        const file = new URL(`${name}/Dockerfile`, folder);
        if (existsSync(file)) texts.push(readFileSync(file, "utf8"));
      }
    }
    expect(texts.length).toBeGreaterThan(1468);
    expect(samePieces(texts)).toEqual([]);
  });
});
