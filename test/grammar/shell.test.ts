// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the inputs are Dockerfile shell words, not templates.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Env,
  expandWord,
  expandWords,
  ShellError,
  type ShellOptions,
  scanVariables,
  unquote,
  type VariableRef,
} from "../../grammar/shell.js";

const fixtureDir = fileURLToPath(new URL("../../../shared/conformance/buildkit-shell/", import.meta.url));
const haveFixtures = existsSync(`${fixtureDir}envVarTest`) && existsSync(`${fixtureDir}wordsTest`);

function env(entries: Record<string, string>): Env {
  return new Map(Object.entries(entries));
}

function tryExpand(input: string, e: Env, opts?: ShellOptions): string | ShellError {
  try {
    return expandWord(input, e, opts).value;
  } catch (err) {
    if (err instanceof ShellError) return err;
    throw err;
  }
}

function fileLines(name: string): string[] {
  const lines = readFileSync(`${fixtureDir}${name}`, "utf8").split("\n");
  // Like Go's bufio.Scanner: a final newline does not make one more (empty) line.
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

// Every case in both files is expected to pass; there are no known exceptions.
(haveFixtures ? describe : describe.skip)(
  haveFixtures ? "BuildKit conformance" : `BuildKit conformance (skipped: no fixtures in ${fixtureDir})`,
  () => {
    describe("envVarTest", () => {
      const fixtureEnv = env({ PWD: "/home", SHELL: "bash", KOREAN: "한국어", NULL: "" });
      const counts = { A: 0, U: 0, W: 0, error: 0 };
      const lines = haveFixtures ? fileLines("envVarTest") : [];
      lines.forEach((line, index) => {
        if (line.startsWith("#") || line.trim() === "") return;
        const fields = line.split("|").map((f) => f.trim());
        const [tag, input, expected] = fields;
        if (fields.length !== 3 || (tag !== "A" && tag !== "U" && tag !== "W")) {
          it(`line ${index + 1} is well formed`, () =>
            expect.fail(`bad fixture line: ${JSON.stringify(line)}`));
          return;
        }
        counts[tag]++;
        if (expected === "error") counts.error++;
        // The only Windows difference is case-insensitive names; the escape character stays `\`.
        const opts: ShellOptions = tag === "W" ? { caseInsensitive: true } : {};
        it(`${tag} line ${index + 1}: ${input}`, () => {
          const got = tryExpand(input, fixtureEnv, opts);
          if (expected === "error") expect(got).toBeInstanceOf(ShellError);
          else expect(got).toBe(expected);
        });
      });
      it("has the documented number of cases", () => {
        // The README says 24 error lines, but the file holds 36 (16 in the ASCII block, 12 in the Korean block,
        // 8 in the brace block); we pin what the file contains.
        expect(counts).toEqual({ A: 226, U: 2, W: 2, error: 36 });
      });
    });

    describe("wordsTest", () => {
      const current = new Map<string, string>();
      let cases = 0;
      let envLines = 0;
      const lines = haveFixtures ? fileLines("wordsTest") : [];
      lines.forEach((line, index) => {
        if (line.startsWith("#")) return;
        if (line.startsWith("ENV ")) {
          const entry = line.slice(3).replace(/^ +/, "");
          const eq = entry.indexOf("=");
          current.set(entry.slice(0, eq), entry.slice(eq + 1));
          envLines++;
          return;
        }
        const parts = line.split("|");
        if (parts.length !== 2) {
          it(`line ${index + 1} is well formed`, () =>
            expect.fail(`bad fixture line: ${JSON.stringify(line)}`));
          return;
        }
        cases++;
        const input = parts[0].trim();
        const expected = parts[1].replace(/^ +/, "").split(",");
        const snapshot: Env = new Map(current);
        it(`line ${index + 1}: ${input}`, () => {
          if (expected.length === 1 && expected[0] === "error") {
            expect(() => expandWords(input, snapshot)).toThrow(ShellError);
          } else {
            expect(expandWords(input, snapshot).words).toEqual(expected);
          }
        });
      });
      it("has the documented number of cases", () => {
        expect({ cases, envLines }).toEqual({ cases: 24, envLines: 4 });
        expect(current.get("trailing")).toBe("ab c   ");
      });
    });
  },
);

function ref(
  name: string,
  start: number,
  end: number,
  nameStart: number,
  nameEnd: number,
  extra: Partial<VariableRef> = {},
): VariableRef {
  const braced = extra.braced ?? nameStart === start + 2;
  return { name, start, end, nameStart, nameEnd, braced, inSingleQuotes: false, ...extra };
}

describe("scanVariables", () => {
  it("finds plain references", () => {
    expect(scanVariables("a $foo b")).toEqual([ref("foo", 2, 6, 3, 6, { braced: false })]);
    expect(scanVariables("$1x $@@")).toEqual([
      ref("1", 0, 2, 1, 2, { braced: false }),
      ref("@", 4, 6, 5, 6, { braced: false }),
    ]);
  });

  it("finds braced references", () => {
    expect(scanVariables("x${ab}y")).toEqual([ref("ab", 1, 6, 3, 5)]);
  });

  it("finds nested references in modifier words", () => {
    expect(scanVariables("${a:-$b}")).toEqual([
      ref("a", 0, 8, 2, 3, { modifier: ":-", word: { start: 5, end: 7 } }),
      ref("b", 5, 7, 6, 7, { braced: false }),
    ]);
    expect(scanVariables("${a:+${b-x}}")).toEqual([
      ref("a", 0, 12, 2, 3, { modifier: ":+", word: { start: 5, end: 11 } }),
      ref("b", 5, 11, 7, 8, { modifier: "-", word: { start: 9, end: 10 } }),
    ]);
  });

  it("reports modifiers and their words", () => {
    expect(scanVariables("${v##*/}")).toEqual([
      ref("v", 0, 8, 2, 3, { modifier: "##", word: { start: 5, end: 7 } }),
    ]);
    expect(scanVariables("${v%.*}")).toEqual([
      ref("v", 0, 7, 2, 3, { modifier: "%", word: { start: 4, end: 6 } }),
    ]);
    expect(scanVariables("${v?}")).toEqual([
      ref("v", 0, 5, 2, 3, { modifier: "?", word: { start: 4, end: 4 } }),
    ]);
    expect(scanVariables("${v//a/$b}")).toEqual([
      ref("v", 0, 10, 2, 3, {
        modifier: "//",
        word: { start: 5, end: 6 },
        replacement: { start: 7, end: 9 },
      }),
      ref("b", 7, 9, 8, 9, { braced: false }),
    ]);
  });

  it("finds references inside double quotes but not single quotes", () => {
    expect(scanVariables('"a $b"')).toEqual([ref("b", 3, 5, 4, 5, { braced: false })]);
    expect(scanVariables("'$b' \"'$c'\"")).toEqual([ref("c", 7, 9, 8, 9, { braced: false })]);
    expect(scanVariables("${a:-'$b'}")).toEqual([
      ref("a", 0, 10, 2, 3, { modifier: ":-", word: { start: 5, end: 9 } }),
    ]);
  });

  it("skips escaped dollars", () => {
    expect(scanVariables("\\$x")).toEqual([]);
    expect(scanVariables('"\\$x"')).toEqual([]);
    expect(scanVariables("\\\\$x")).toEqual([ref("x", 2, 4, 3, 4, { braced: false })]);
  });

  it("honours the backtick escape character", () => {
    const opts: ShellOptions = { escapeChar: "`" };
    expect(scanVariables("`$x", opts)).toEqual([]);
    expect(scanVariables("\\$x", opts)).toEqual([ref("x", 1, 3, 2, 3, { braced: false })]);
    expect(scanVariables('"`$x"', opts)).toEqual([]);
  });

  it("does not treat a lone $ as a reference", () => {
    expect(scanVariables("$. $ ${} ${:-x} ${.x}")).toEqual([]);
  });

  it("never throws on malformed input and keeps what it can", () => {
    expect(scanVariables("${a:-x")).toEqual([
      ref("a", 0, 6, 2, 3, { modifier: ":-", word: { start: 5, end: 6 } }),
    ]);
    expect(scanVariables("${abc")).toEqual([ref("abc", 0, 5, 2, 5)]);
    expect(scanVariables("${a:=$b}")).toEqual([
      ref("a", 0, 8, 2, 3, { modifier: ":=", word: { start: 5, end: 7 } }),
      ref("b", 5, 7, 6, 7, { braced: false }),
    ]);
    expect(scanVariables('"$a ${b')).toEqual([ref("a", 1, 3, 2, 3, { braced: false }), ref("b", 4, 7, 6, 7)]);
  });

  it("uses UTF-16 offsets", () => {
    expect(scanVariables("한국$어 😀$x")).toEqual([
      ref("어", 2, 4, 3, 4, { braced: false }),
      ref("x", 7, 9, 8, 9, { braced: false }),
    ]);
  });
});

describe("expandWord", () => {
  const e = env({ v: "/usr/local/lib.tar.gz", w: "banana", EMPTY: "" });

  it("applies the pattern operators", () => {
    expect(expandWord("${v#*/}", e).value).toBe("usr/local/lib.tar.gz");
    expect(expandWord("${v##*/}", e).value).toBe("lib.tar.gz");
    expect(expandWord("${v%.*}", e).value).toBe("/usr/local/lib.tar");
    expect(expandWord("${v%%.*}", e).value).toBe("/usr/local/lib");
    expect(expandWord("${w/a/b}", e).value).toBe("bbnana");
    expect(expandWord("${w//a/b}", e).value).toBe("bbnbnb");
    expect(expandWord("${w/a*/X}", e).value).toBe("bX");
    expect(expandWord("${w//?a/X}", e).value).toBe("XXX");
    expect(expandWord("${w#nope}", e).value).toBe("banana");
    expect(expandWord("${nope#*}", e).value).toBe("");
  });

  // Hand-written from the vectors in BuildKit's lex_test.go (TestProcessWithMatches and friends).
  const table: [string, Record<string, string>, string | "error", string[]?][] = [
    ["x ${UNUSED}", { DUMMY: "dummy" }, "x ", ["UNUSED"]],
    ["${FOO-aaa} ${BAR-bbb} ${BAZ-ccc}", { FOO: "xxx", BAR: "" }, "xxx  ccc", ["BAZ"]],
    ["${FOO:-aaa} ${BAR:-bbb} ${BAZ:-ccc}", { FOO: "xxx", BAR: "" }, "xxx bbb ccc", ["BAZ"]],
    ["${FOO+aaa} ${BAR+bbb} ${BAZ+ccc}", { FOO: "xxx", BAR: "" }, "aaa bbb ", ["BAZ"]],
    ["${FOO:+aaa} ${BAR:+bbb} ${BAZ:+ccc}", { FOO: "xxx", BAR: "" }, "aaa  ", ["BAZ"]],
    ["${FOO?aaa}", { FOO: "xxx" }, "xxx"],
    ["${BAR?bbb}", { BAR: "" }, ""],
    ["${BAZ?ccc}", {}, "error"],
    ["${BAR:?bbb}", { BAR: "" }, "error"],
    ["${BAZ:?}", {}, "error"],
    ["${FOO=aaa}", { FOO: "xxx" }, "error"],
    ["${FOO=:aaa}", { FOO: "xxx" }, "error"],
    ["${FOO:#x}", { FOO: "xxx" }, "error"],
    ["${FOO:%x}", { FOO: "xxx" }, "error"],
    ["${FOO#()[]{\\}^$.\\*\\?|\\\\}", { FOO: "()[]{}^$.*?|\\x" }, "x"],
    ["${FOO%%\\**}", { FOO: "xx**" }, "xx"],
    ["${FOO#*x*y}", { FOO: "xxyy" }, "y"],
    ["${FOO#*}", { FOO: "xxyy" }, "xxyy"],
    ["${FOO#$BAR}", { FOO: "xxyy", BAR: "x" }, "xyy"],
    ["${FOO#$BAR}", { FOO: "xxyy", BAR: "" }, "xxyy"],
    ["${FOO#}", { FOO: "xxyy" }, "xxyy"],
    ["${FOO##*x}", { FOO: "xxyy" }, "yy"],
    ["${FOO##}", { FOO: "xxyy" }, "xxyy"],
    ["${FOO#?\\?}", { FOO: "???y" }, "?y"],
    ["${ABC:-.}${FOO%x}${ABC:-.}", { FOO: "xxyy" }, ".xxyy.", ["ABC"]],
    ["${FOO%%\\**\\*}", { FOO: "a***yy*" }, "a"],
    ["${FOO%}", { FOO: "xxyy" }, "xxyy"],
    ["${FOO%%$BAR}", { FOO: "xxyy", BAR: "" }, "xxyy"],
    [
      "${FOO/$NEEDLE/.} - ${FOO//$NEEDLE/.}",
      { FOO: "/foo*/*/*.txt", NEEDLE: "\\*/" },
      "/foo.*/*.txt - /foo..*.txt",
    ],
    [
      "${FOO/$NEEDLE/} - ${FOO//$NEEDLE/}",
      { FOO: "/tmp/tmp/bar.txt", NEEDLE: "/tmp" },
      "/tmp/bar.txt - /bar.txt",
    ],
    [
      "${FOO/$NEEDLE/$REPLACEMENT} - ${FOO//$NEEDLE/$REPLACEMENT}",
      { FOO: "/a/foo/b/c.txt", NEEDLE: "/?/", REPLACEMENT: "/" },
      "/foo/b/c.txt - /foo/c.txt",
    ],
    [
      "${FOO/$NEEDLE/$REPLACEMENT}",
      { FOO: "http://google.de", NEEDLE: "http://", REPLACEMENT: "https://" },
      "https://google.de",
    ],
    ["${FOO//\\//\\/}", { FOO: "/tmp/foo.txt" }, "\\/tmp\\/foo.txt"],
    ["${FOO/$BAR/ww}", { FOO: "xxyy", BAR: "" }, "wwxxyy"],
    ["${FOO//ww}", { FOO: "xxyy" }, "error"],
    ["${FOO//}", { FOO: "xxyy" }, "error"],
    ["${FOO///}", { FOO: "xxyy" }, "xxyy"],
    ["${FOO///}", {}, "", ["FOO"]],
    ["${FOO#\\x}", { FOO: "xx" }, "error"],
    ["${FOO#x\\}", { FOO: "xx" }, "error"],
    ["${VAR:?message here$ARG}", { VAR: "plain", ARG: "x" }, "plain"],
    [
      "something-${VERSION}.${TARGETOS}-${TARGETARCH}${TARGETVARIANT:+-${TARGETVARIANT}}.tar.gz",
      { VERSION: "v1.2.3", TARGETOS: "linux", TARGETARCH: "arm", TARGETVARIANT: "v7" },
      "something-v1.2.3.linux-arm-v7.tar.gz",
    ],
  ];
  for (const [input, vars, expected, unset] of table) {
    it(`${input} with ${JSON.stringify(vars)}`, () => {
      const got = tryExpand(input, env(vars));
      if (expected === "error") {
        expect(got).toBeInstanceOf(ShellError);
        return;
      }
      expect(got).toBe(expected);
      expect(expandWord(input, env(vars)).unset).toEqual(unset ?? []);
    });
  }

  it("puts the ? message in the error", () => {
    expect(() => expandWord("${VAR:?message here$ARG}", env({ VAR: "", ARG: "x" }))).toThrow(
      "VAR: message herex",
    );
    expect(() => expandWord("${VAR?}", env({}))).toThrow("VAR: is not allowed to be unset");
    expect(() => expandWord("${VAR:?}", env({ VAR: "" }))).toThrow("VAR: is not allowed to be empty");
  });

  it("reports error offsets", () => {
    const offset = (input: string): number => {
      const got = tryExpand(input, env({}));
      if (!(got instanceof ShellError)) throw new Error(`no error for ${input}`);
      return got.offset;
    };
    expect(offset('ab"cd')).toBe(2);
    expect(offset("ab'cd")).toBe(2);
    expect(offset("ab${}")).toBe(2);
    expect(offset("ab${cd")).toBe(2);
    expect(offset("ab${c=d}")).toBe(5);
    expect(offset("x ${c?}")).toBe(2);
  });

  it("returns references and unset names in order of appearance", () => {
    const r = expandWord("$b ${a:-$c} $b $PWD", env({ PWD: "/" }));
    expect(r.value).toBe("   /");
    expect(r.refs.map((x) => [x.name, x.start])).toEqual([
      ["b", 0],
      ["a", 3],
      ["c", 8],
      ["b", 12],
      ["PWD", 15],
    ]);
    expect(r.unset).toEqual(["b", "a", "c"]);
  });

  it("looks names up case-insensitively only when asked", () => {
    expect(expandWord("$path", env({ PATH: "/bin" })).value).toBe("");
    expect(expandWord("$path", env({ PATH: "/bin" }), { caseInsensitive: true }).value).toBe("/bin");
    expect(expandWord("$path", env({ PATH: "/bin" }), { caseInsensitive: true }).unset).toEqual([]);
  });

  it("uses the backtick escape character", () => {
    const e2 = env({ x: "X" });
    const opts: ShellOptions = { escapeChar: "`" };
    expect(expandWord("`$x \\$x", e2, opts).value).toBe("$x \\X");
    expect(expandWord('"a`"b``c`d"', e2, opts).value).toBe('a"b`c`d');
    expect(expandWord("C:\\dir\\$x", e2, opts).value).toBe("C:\\dir\\X");
  });

  // Quirks of BuildKit that a POSIX shell would not share; pinned so they are not "fixed" by accident.
  it("keeps BuildKit's quirks", () => {
    // Wildcards are Go regexp dots, which do not match a newline.
    expect(expandWord("${v#*/}", env({ v: "a\nb/c" })).value).toBe("a\nb/c");
    expect(expandWord("${v#*}", env({ v: "a\nb" })).value).toBe("a\nb");
    expect(expandWord("${v##*}", env({ v: "ab\ncd" })).value).toBe("\ncd");
    // `//` runs the replacement through Go's regexp template: `$0` is the match, `$$` a dollar.
    expect(expandWord("${v//b/<'$0'>}", env({ v: "abc" })).value).toBe("a<b>c");
    expect(expandWord("${v//b/'$$'}", env({ v: "abc" })).value).toBe("a$c");
    expect(expandWord("${v/b/'$0'}", env({ v: "abc" })).value).toBe("a$0c");
    // An empty pattern matches everywhere, but never right after a previous match.
    expect(expandWord("${v///-}", env({ v: "ab" })).value).toBe("-a-b-");
    expect(expandWord("${v//*/-}", env({ v: "ab\ncd" })).value).toBe("-\n-");
    // Greediness is decided after quote removal.
    expect(expandWord("${v#'#'*a}", env({ v: "aXa" })).value).toBe("");
    expect(expandWord("${v#*a}", env({ v: "aXa" })).value).toBe("Xa");
    // An empty name with `+`, `%` or `/` is accepted and is simply unset.
    expect(expandWord("a${+x}b${%x}${/a/b}", env({})).value).toBe("ab");
    // Reversing the pattern for `%` changes which escapes are valid.
    expect(expandWord("${v%$p}", env({ v: "a/", p: "/\\" })).value).toBe("a");
    expect(tryExpand("${v#$p}", env({ v: "/a", p: "/\\" }))).toBeInstanceOf(ShellError);
    // Quotes inside a pattern are removed, so a quoted `*` is still a wildcard.
    expect(expandWord('${v#"*"b}', env({ v: "aab" })).value).toBe("");
    // A byte-order mark at the very start is dropped, like Go's text/scanner does.
    expect(expandWord("\uFEFFa", env({})).value).toBe("a");
  });

  it("handles astral characters as single pattern characters", () => {
    expect(expandWord("${v#?}", env({ v: "😀x" })).value).toBe("x");
    expect(expandWord("${v%?}", env({ v: "x😀" })).value).toBe("x");
    expect(expandWord("${v//?/.}", env({ v: "😀😀" })).value).toBe("..");
  });
});

describe("expandWords", () => {
  it("splits unquoted values but not quoted ones", () => {
    const e = env({ a: " x  y ", b: "" });
    expect(expandWords("$a", e).words).toEqual(["x", "y"]);
    expect(expandWords('"$a"', e).words).toEqual([" x  y "]);
    expect(expandWords("p${a}q", e).words).toEqual(["p", "x", "y", "q"]);
    expect(expandWords("a\\ b 'c d'", e).words).toEqual(["a b", "c d"]);
    expect(expandWords("${a:-$b} z", e).words).toEqual(["x", "y", "z"]);
  });

  it("never produces an empty word, even for a quoted empty string (as BuildKit)", () => {
    expect(expandWords('""', env({})).words).toEqual([]);
    expect(expandWords("a '' b", env({})).words).toEqual(["a", "b"]);
    expect(expandWords('  "$b"  ', env({ b: "" })).words).toEqual([]);
  });

  it("returns refs and unset names", () => {
    const r = expandWords("$a $b", env({ a: "1" }));
    expect(r.words).toEqual(["1"]);
    expect(r.refs.map((x) => x.name)).toEqual(["a", "b"]);
    expect(r.unset).toEqual(["b"]);
  });
});

describe("unquote", () => {
  it("removes quotes and escapes", () => {
    expect(unquote('a "b\\"c" \'d\\e\'')).toBe('a b"c d\\e');
    expect(unquote('\\$x "$y" $')).toBe("$x $y $");
    expect(unquote('"a\\b"')).toBe("a\\b");
    expect(unquote("abc\\")).toBe("abc");
    expect(unquote("a\\ b")).toBe("a b");
  });

  it("keeps references as written", () => {
    expect(unquote('${x:-"y"}z')).toBe('${x:-"y"}z');
    expect(unquote("'${x}'$y")).toBe("${x}$y");
    expect(unquote("${}")).toBe("${}");
  });

  it("takes the rest literally after an unterminated quote or reference", () => {
    expect(unquote('a"bc')).toBe("abc");
    expect(unquote('a"b\\"c')).toBe('ab"c');
    expect(unquote("a'b\\c")).toBe("ab\\c");
    expect(unquote("a${b:-c")).toBe("a${b:-c");
  });

  it("honours the backtick escape character", () => {
    expect(unquote('a`"b "c`"d" C:\\x', { escapeChar: "`" })).toBe('a"b c"d C:\\x');
  });
});

describe("robustness", () => {
  const alphabet = [
    "$",
    "{",
    "}",
    ":",
    "-",
    "+",
    "?",
    "#",
    "%",
    "/",
    "*",
    "'",
    '"',
    "\\",
    "`",
    " ",
    "a",
    "b",
    "1",
    "@",
    "\n",
    "é",
    "😀",
  ];
  const shellish = fc.string({ unit: fc.constantFrom(...alphabet), maxLength: 40 });
  const e = env({ a: "x*y z", b: "", "1": "one" });

  it("never throws from scanVariables or unquote, and refs are well formed", () => {
    fc.assert(
      fc.property(
        fc.oneof(shellish, fc.string({ unit: "binary", maxLength: 30 })),
        fc.boolean(),
        (s, backtick) => {
          const opts: ShellOptions = backtick ? { escapeChar: "`" } : {};
          unquote(s, opts);
          for (const r of scanVariables(s, opts)) {
            expect(s[r.start]).toBe("$");
            expect(r.name).not.toBe("");
            expect(
              r.start < r.nameStart && r.nameStart < r.nameEnd && r.nameEnd <= r.end && r.end <= s.length,
            ).toBe(true);
            expect(s.slice(r.nameStart, r.nameEnd)).toBe(r.name);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("throws only ShellError from expandWord/expandWords, and agrees with scanVariables", () => {
    fc.assert(
      fc.property(shellish, fc.boolean(), (s, backtick) => {
        const opts: ShellOptions = backtick ? { escapeChar: "`" } : {};
        let result: ReturnType<typeof expandWord> | undefined;
        try {
          result = expandWord(s, e, opts);
        } catch (err) {
          expect(err).toBeInstanceOf(ShellError);
          expect((err as ShellError).offset).toBeGreaterThanOrEqual(0);
          expect((err as ShellError).offset).toBeLessThanOrEqual(s.length);
        }
        try {
          expandWords(s, e, opts);
        } catch (err) {
          expect(err).toBeInstanceOf(ShellError);
        }
        if (result) {
          expect(result.refs).toEqual(scanVariables(s, opts));
          if (!s.includes("$")) expect(unquote(s, opts)).toBe(result.value);
        }
      }),
      { numRuns: 2000 },
    );
  });

  // The patterns here come from a four-letter alphabet, so building a RegExp from them is safe; it gives an
  // independent leftmost-first (Perl/Go) oracle for the Pike VM. `[^\n]` stands in for Go's `.`.
  it("matches patterns exactly like a leftmost-first regexp would", () => {
    const toRegex = (pattern: string, greedy: boolean, anchored: boolean): RegExp => {
      let src = anchored ? "^" : "";
      for (const c of pattern)
        src += c === "*" ? (greedy ? "[^\\n]*" : "[^\\n]*?") : c === "?" ? "[^\\n]" : c;
      return new RegExp(src, "g");
    };
    const reverse = (x: string): string => [...x].reverse().join("");
    const goReplaceAll = (re: RegExp, value: string, repl: string): string => {
      let out = "";
      let last = 0;
      let search = 0;
      while (search <= value.length) {
        re.lastIndex = search;
        const m = re.exec(value);
        if (!m) break;
        const end = m.index + m[0].length;
        out += value.slice(last, m.index);
        if (end > last || m.index === 0) out += repl;
        last = end;
        const width = search < value.length ? 1 : 0;
        if (search + width > end) search += width;
        else if (search + 1 > end) search++;
        else search = end;
      }
      return out + value.slice(last);
    };
    const pat = fc.string({ unit: fc.constantFrom("a", "b", "*", "?"), maxLength: 6 });
    const val = fc.string({ unit: fc.constantFrom("a", "b", "\n"), maxLength: 12 });
    fc.assert(
      fc.property(pat, val, (p, v) => {
        const e2 = env({ v, P: p });
        const prefix = (greedy: boolean): string => {
          const m = toRegex(p, greedy, true).exec(v);
          return m ? v.slice(m[0].length) : v;
        };
        const suffix = (greedy: boolean): string => {
          const m = toRegex(reverse(p), greedy, true).exec(reverse(v));
          return m ? v.slice(0, v.length - m[0].length) : v;
        };
        const first = (): string => {
          const m = toRegex(p, true, false).exec(v);
          return m ? v.slice(0, m.index) + "X" + v.slice(m.index + m[0].length) : v;
        };
        expect(expandWord("${v#$P}", e2).value).toBe(prefix(false));
        expect(expandWord("${v##$P}", e2).value).toBe(prefix(true));
        expect(expandWord("${v%$P}", e2).value).toBe(suffix(false));
        expect(expandWord("${v%%$P}", e2).value).toBe(suffix(true));
        expect(expandWord("${v/$P/X}", e2).value).toBe(first());
        expect(expandWord("${v//$P/X}", e2).value).toBe(goReplaceAll(toRegex(p, true, false), v, "X"));
      }),
      { numRuns: 3000 },
    );
  });

  // A hang guard, not a timing: backtracking blow-ups on these inputs would run far past the test's timeout.
  it("does not hang on pathological patterns and input", { timeout: 10_000 }, () => {
    const value = "a".repeat(20_000);
    const big = env({ v: value, p: `${"*a".repeat(50)}b`, q: "a".repeat(2_000) });
    expect(expandWord("${v#$p}", big).value).toBe(value);
    expect(expandWord("${v%%$p}", big).value).toBe(value);
    expect(expandWord("${v/$p/x}", big).value).toBe(value);
    expect(expandWord("${v//$q/x}", big).value).toBe("x".repeat(10));
    expect(expandWord("${v//?/}", big).value).toBe("");
    expect(expandWord("${v//*a/x}", big).value).toBe("x");
    expect(expandWords("$w ".repeat(2_000), env({ w: " x\ty " })).words).toHaveLength(4_000);
    const deep = "${a:-".repeat(5_000) + "x" + "}".repeat(5_000);
    expect(() => scanVariables(deep)).not.toThrow();
    expect(() => unquote(deep)).not.toThrow();
    expect(tryExpand(deep, env({}))).toBeInstanceOf(ShellError);
    expect(expandWord("${a:-".repeat(100) + '"x"' + "}".repeat(100), env({})).value).toBe("x");
  });
});
