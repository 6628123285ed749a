/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is shell syntax under test */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  commandArgs,
  commandFlags,
  commandName,
  hasFlag,
  MAX_ERRORS,
  parseShell,
  type Redirect,
  type ShellScript,
  type ShellWord,
  type SimpleCommand,
} from "../../server/model/shellScript.js";

function cmds(script: string): SimpleCommand[] {
  return parseShell(script).commands;
}

function one(script: string): SimpleCommand {
  const r = parseShell(script);
  expect(r.errors).toEqual([]);
  expect(r.commands).toHaveLength(1);
  return r.commands[0];
}

function values(words: ShellWord[]): string[] {
  return words.map((w) => w.value);
}

/** A word's fields as plain data, to compare with toEqual. */
interface PlainWord {
  raw: string;
  value: string;
  start: number;
  end: number;
  quoted: boolean;
  hasExpansion: boolean;
  hasGlob: boolean;
}

function plain(w: ShellWord | true | undefined): PlainWord | undefined {
  if (w === undefined || w === true) return undefined;
  const { raw, value, start, end, quoted, hasExpansion, hasGlob } = w;
  return { raw, value, start, end, quoted, hasExpansion, hasGlob };
}

function plainRedirect(r: Redirect): Omit<Redirect, "target"> & { target?: PlainWord } {
  const out: Omit<Redirect, "target"> & { target?: PlainWord } = { ...r, target: plain(r.target) };
  if (r.target === undefined) delete out.target;
  return out;
}

function plainCommand(c: SimpleCommand) {
  return {
    name: plain(c.name),
    args: c.args.map(plain),
    assignments: c.assignments.map(plain),
    redirects: c.redirects.map(plainRedirect),
    start: c.start,
    end: c.end,
    separator: c.separator,
    pipeline: c.pipeline,
    pipelineIndex: c.pipelineIndex,
    pipelineLength: c.pipelineLength,
    depth: c.depth,
    context: c.context,
  };
}

function word(raw: string, start: number, extra: Partial<PlainWord> = {}): PlainWord {
  return {
    raw,
    value: raw,
    start,
    end: start + raw.length,
    quoted: false,
    hasExpansion: false,
    hasGlob: false,
    ...extra,
  };
}

/** Structural invariants every parse must satisfy (plain checks: this runs on huge inputs). */
function checkInvariants(text: string, r: ShellScript): void {
  const fail = (what: string, x: unknown) => {
    throw new Error(`${what}: ${JSON.stringify(x).slice(0, 300)} in ${JSON.stringify(text.slice(0, 200))}`);
  };
  const within = (s: number, e: number) => s >= 0 && e >= s && e <= text.length;
  let prev = -1;
  for (const c of r.commands) {
    if (!within(c.start, c.end) || c.start < prev) fail("command span", c);
    prev = c.start;
    if (c.depth !== c.context.length || c.pipelineIndex >= c.pipelineLength) fail("command fields", c);
    const ws = [...c.assignments, ...(c.name ? [c.name] : []), ...c.args];
    for (const w of ws) {
      if (!within(w.start, w.end) || text.slice(w.start, w.end) !== w.raw) fail("word", w);
      if (w.start < c.start || w.end > c.end) fail("word outside command", c);
    }
    for (const rd of c.redirects) {
      if (!within(rd.start, rd.end) || rd.start < c.start || rd.end > c.end) fail("redirect", rd);
      if (rd.target && !within(rd.target.start, rd.target.end)) fail("redirect target", rd);
      if (rd.heredoc && !within(rd.heredoc.start, rd.heredoc.end)) fail("heredoc", rd);
    }
  }
  for (const e of r.errors) {
    if (!within(e.start, e.end)) fail("error span", e);
    if (e.message.startsWith("internal")) fail("parser threw", e);
  }
  if (r.errors.length > MAX_ERRORS) fail("too many errors", r.errors.length);
}

describe("parseShell: lists and separators", () => {
  it("parses an && chain with exact spans", () => {
    const s = "apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*";
    const r = parseShell(s);
    expect(r.errors).toEqual([]);
    expect(r.topLevelLists).toBe(1);
    expect(r.commands).toHaveLength(3);
    const [a, b, c] = r.commands;
    expect(plainCommand(a)).toEqual({
      name: word("apt-get", 0),
      args: [word("update", 8)],
      assignments: [],
      redirects: [],
      start: 0,
      end: 14,
      pipeline: 0,
      pipelineIndex: 0,
      pipelineLength: 1,
      depth: 0,
      context: [],
    });
    expect(a.separator).toBeUndefined();
    expect(b.separator).toBe("&&");
    expect([b.start, b.end]).toEqual([18, 41]);
    expect(b.args.map(plain)).toEqual([word("install", 26), word("-y", 34), word("curl", 37)]);
    expect(c.separator).toBe("&&");
    expect([c.start, c.end]).toEqual([45, 72]);
    expect(plain(c.name)).toEqual(word("rm", 45));
    expect(plain(c.args[1])).toEqual(word("/var/lib/apt/lists/*", 52, { hasGlob: true }));
    expect(c.args[0].hasGlob).toBe(false);
    expect([a.pipeline, b.pipeline, c.pipeline]).toEqual([0, 1, 2]);
  });

  it("numbers pipelines and positions inside them", () => {
    const r = parseShell("curl -s x | tar xz");
    expect(r.errors).toEqual([]);
    const [curl, tar] = r.commands;
    expect([curl.start, curl.end, tar.start, tar.end]).toEqual([0, 9, 12, 18]);
    expect([curl.pipeline, curl.pipelineIndex, curl.pipelineLength]).toEqual([0, 0, 2]);
    expect([tar.pipeline, tar.pipelineIndex, tar.pipelineLength]).toEqual([0, 1, 2]);
    expect(tar.separator).toBe("|");

    const three = cmds("a | b |& c && d");
    expect(
      three.map((c) => [c.name?.value, c.pipeline, c.pipelineIndex, c.pipelineLength, c.separator]),
    ).toEqual([
      ["a", 0, 0, 3, undefined],
      ["b", 0, 1, 3, "|"],
      ["c", 0, 2, 3, "|"],
      ["d", 1, 0, 1, "&&"],
    ]);
  });

  it("records ; & and newline separators and counts top-level lists", () => {
    const r = parseShell("a; b & c\nd\n\ne;\nf");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.separator])).toEqual([
      ["a", undefined],
      ["b", ";"],
      ["c", "&"],
      ["d", "\n"],
      ["e", "\n"],
      ["f", ";"],
    ]);
    expect(r.topLevelLists).toBe(6);
    expect(parseShell("a && b || c; d").topLevelLists).toBe(2);
    expect(parseShell("\n\n  # only a comment\n").topLevelLists).toBe(0);
  });

  it("parses cd /x || exit 1", () => {
    const [cd, exit] = cmds("cd /x || exit 1");
    expect(cd.name?.value).toBe("cd");
    expect(values(cd.args)).toEqual(["/x"]);
    expect(exit.separator).toBe("||");
    expect(plain(exit.name)).toEqual(word("exit", 9));
    expect(exit.args.map(plain)).toEqual([word("1", 14)]);
  });

  it("handles ! negation and line continuations", () => {
    const r = parseShell("! grep -q x f && \\\n  apt-get \\\n    install -y \\\n    curl");
    expect(r.errors).toEqual([]);
    const [grep, apt] = r.commands;
    expect(grep.start).toBe(2);
    expect(apt.separator).toBe("&&");
    expect(values(apt.args)).toEqual(["install", "-y", "curl"]);
    expect(plain(apt.args[2])).toEqual(word("curl", 52));
    expect(apt.end).toBe(56);
  });

  it("joins a backslash-newline inside a word", () => {
    const c = one("echo ab\\\ncd");
    expect(plain(c.args[0])).toEqual({ ...word("ab\\\ncd", 5), value: "abcd" });
  });
});

describe("parseShell: nesting", () => {
  it("tracks subshell depth and context", () => {
    const r = parseShell("(cd /src && make) | tee log");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.depth, c.context, c.separator])).toEqual([
      ["cd", 1, ["subshell"], undefined],
      ["make", 1, ["subshell"], "&&"],
      ["tee", 0, [], "|"],
    ]);
    const tee = r.commands[2];
    expect([tee.pipelineIndex, tee.pipelineLength]).toEqual([1, 2]);
    expect(r.commands[1]).toMatchObject({ start: 12, end: 16 });
  });

  it("parses commands inside $(...) and backquotes", () => {
    const s = 'echo "v=$(uname -r | cut -d. -f1)" `id -u`';
    const r = parseShell(s);
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.depth, c.context, c.start, c.end])).toEqual([
      ["echo", 0, [], 0, 42],
      ["uname", 1, ["cmdsubst"], 10, 18],
      ["cut", 1, ["cmdsubst"], 21, 32],
      ["id", 1, ["cmdsubst"], 36, 41],
    ]);
    const echo = r.commands[0];
    expect(plain(echo.args[0])).toEqual({
      raw: '"v=$(uname -r | cut -d. -f1)"',
      value: "v=$(uname -r | cut -d. -f1)",
      start: 5,
      end: 34,
      quoted: true,
      hasExpansion: true,
      hasGlob: false,
    });
    expect(plain(echo.args[1])).toEqual(word("`id -u`", 35, { hasExpansion: true }));
  });

  it("nests contexts from the outermost", () => {
    const r = parseShell("if true; then (x=$(a; { b; })); fi");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value ?? c.assignments[0]?.raw, c.context])).toEqual([
      ["true", ["if"]],
      ["x=$(a; { b; })", ["if", "subshell"]],
      ["a", ["if", "subshell", "cmdsubst"]],
      ["b", ["if", "subshell", "cmdsubst", "brace"]],
    ]);
  });

  it("parses if/elif/else bodies", () => {
    const s = "if [ -f x ]; then\n  echo yes\nelif test -d y; then :\nelse echo no; fi && done_ok";
    const r = parseShell(s);
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.depth, c.separator])).toEqual([
      ["[", 1, undefined],
      ["echo", 1, undefined],
      ["test", 1, undefined],
      [":", 1, undefined],
      ["echo", 1, undefined],
      ["done_ok", 0, "&&"],
    ]);
    expect(values(r.commands[0].args)).toEqual(["-f", "x", "]"]);
    expect(r.commands.every((c) => c.depth === 0 || c.context[0] === "if")).toBe(true);
    expect(r.topLevelLists).toBe(1);
  });

  it("parses for, select, while and until loops", () => {
    const r = parseShell(
      "for f in a b $(ls); do rm $f; done; for ((i=0; i<3; i++)); do echo $i; done\n" +
        "while read -r l; do echo $l; done < file; until false; do break; done; for x; do :; done",
    );
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.context.join("/")])).toEqual([
      ["ls", "for/cmdsubst"],
      ["rm", "for"],
      ["echo", "for"],
      ["read", "while"],
      ["echo", "while"],
      ["false", "until"],
      ["break", "until"],
      [":", "for"],
    ]);
    expect(r.topLevelLists).toBe(5);
  });

  it("parses case items with alternative patterns", () => {
    const s =
      'case "$ARCH" in\n  amd64|x86_64) A=x64 ;;\n  (arm*) A=arm; echo $A ;;\n  *) exit 1\nesac; echo done';
    const r = parseShell(s);
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value ?? c.assignments[0].value, c.context, c.separator])).toEqual([
      ["A=x64", ["case"], undefined],
      ["A=arm", ["case"], undefined],
      ["echo", ["case"], ";"],
      ["exit", ["case"], undefined],
      ["echo", [], ";"],
    ]);
    expect(r.commands[0]).toMatchObject({ start: 32, end: 37 });
    expect(cmds("case x in a) b ;& c) d ;;& esac").map((c) => c.name?.value)).toEqual(["b", "d"]);
    expect(parseShell("x=$(case $a in y) echo 1;; esac)").errors).toEqual([]);
  });

  it("parses function definitions", () => {
    const r = parseShell("f() { echo hi; }; function g { :; }; function h() ( ls ); f");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.context])).toEqual([
      ["echo", ["function", "brace"]],
      [":", ["function", "brace"]],
      ["ls", ["function", "subshell"]],
      ["f", []],
    ]);
  });

  it("recognises reserved words only in command position", () => {
    const c = one("echo if then fi { } done");
    expect(values(c.args)).toEqual(["if", "then", "fi", "{", "}", "done"]);
    expect(one("FOO=1 if").name?.value).toBe("if");
  });

  it("parses bash [[ ]], (( )), arithmetic expansions and process substitution", () => {
    const r = parseShell("[[ -f a && $b < c ]] && ((i++)); echo $(( (1+2) * 3 )) $[1]; diff <(ls a) >(cat)");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.context])).toEqual([
      ["[[", []],
      ["echo", []],
      ["diff", []],
      ["ls", ["procsubst"]],
      ["cat", ["procsubst"]],
    ]);
    const dbl = r.commands[0];
    expect(values(dbl.args)).toEqual(["-f", "a", "&&", "$b", "<", "c", "]]"]);
    expect(dbl.redirects).toEqual([]);
    expect([dbl.start, dbl.end]).toEqual([0, 20]);
    expect(r.commands[1].args[0]).toMatchObject({ value: "$(( (1+2) * 3 ))", hasExpansion: true });
    // `$((` that is really a command substitution of a subshell
    expect(cmds("echo $((cd x; ls) )").map((c) => [c.name?.value, c.context])).toEqual([
      ["echo", []],
      ["cd", ["cmdsubst", "subshell"]],
      ["ls", ["cmdsubst", "subshell"]],
    ]);
  });
});

describe("parseShell: redirections", () => {
  it("parses > /dev/null 2>&1", () => {
    const c = one("make > /dev/null 2>&1");
    expect(c.args).toEqual([]);
    expect(c.redirects.map(plainRedirect)).toEqual([
      { op: ">", start: 5, end: 16, target: word("/dev/null", 7) },
      { op: ">&", fd: 2, start: 17, end: 21, target: word("1", 20) },
    ]);
    expect(c.end).toBe(21);
  });

  it("parses the other operators, with and without fd", () => {
    const c = one("2>/dev/null cmd a >>log <in 3<>f 4>&- &>x &>>y >|z <<<str 0<&3 12abc");
    expect(c.name?.value).toBe("cmd");
    expect(values(c.args)).toEqual(["a", "12abc"]);
    expect(c.redirects.map((r) => [r.op, r.fd, r.target?.value])).toEqual([
      [">", 2, "/dev/null"],
      [">>", undefined, "log"],
      ["<", undefined, "in"],
      ["<>", 3, "f"],
      [">&", 4, "-"],
      ["&>", undefined, "x"],
      ["&>>", undefined, "y"],
      [">|", undefined, "z"],
      ["<<<", undefined, "str"],
      ["<&", 0, "3"],
    ]);
    expect(c.start).toBe(0);
  });

  it("consumes here-document bodies", () => {
    const s = "cat <<EOF > /etc/x.conf\nkey=$(not a command) ; rm -rf /\nEOF\napt-get update";
    const r = parseShell(s);
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => c.name?.value)).toEqual(["cat", "apt-get"]);
    const [cat, apt] = r.commands;
    expect(plainRedirect(cat.redirects[0])).toEqual({
      op: "<<",
      start: 4,
      end: 9,
      target: word("EOF", 6),
      heredoc: { start: 24, end: 56, quoted: false },
    });
    expect(s.slice(24, 56)).toBe("key=$(not a command) ; rm -rf /\n");
    expect(cat.redirects[1].target?.value).toBe("/etc/x.conf");
    expect([cat.start, cat.end]).toEqual([0, 23]);
    expect(apt).toMatchObject({ start: 60, separator: "\n" });
  });

  it("handles <<- (tab stripping), quoted delimiters and heredocs inside $(...)", () => {
    const r = parseShell("cat <<-'E' | sh\n\tbody $x\n\tE\nnext");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => c.name?.value)).toEqual(["cat", "sh", "next"]);
    expect(r.commands[0].redirects[0]).toMatchObject({ op: "<<-", heredoc: { quoted: true } });
    expect(r.commands[0].redirects[0].target?.value).toBe("E");

    const sub = parseShell("x=$(cat <<EOF\nhi )\nEOF\n)\necho $x");
    expect(sub.errors).toEqual([]);
    expect(sub.commands.map((c) => c.name?.value)).toEqual([undefined, "cat", "echo"]);
  });

  it("reports an unterminated here-document", () => {
    const r = parseShell("cat <<EOF\nbody");
    expect(r.errors).toHaveLength(1);
    expect(r.errors[0].message).toMatch(/here-document/);
    expect(parseShell("cat <<EOF").errors).toHaveLength(1);
  });

  it("applies redirects of compound commands without losing the command", () => {
    const r = parseShell("{ a; b; } > f 2>&1; while read l; do :; done < <(find .)");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.context])).toEqual([
      ["a", ["brace"]],
      ["b", ["brace"]],
      ["read", ["while"]],
      [":", ["while"]],
      ["find", ["procsubst"]],
    ]);
  });
});

describe("parseShell: words", () => {
  it("removes quotes and processes escapes", () => {
    const c = one('echo "a b" \'c d\' $\'e\\nf\' a\\ b "x\\"y\\$z\\q" $"loc"');
    expect(values(c.args)).toEqual(["a b", "c d", "e\nf", "a b", 'x"y$z\\q', "loc"]);
    expect(plain(c.args[0])).toEqual({ ...word('"a b"', 5, { quoted: true }), value: "a b" });
    expect(plain(c.args[1])).toEqual({ ...word("'c d'", 11, { quoted: true }), value: "c d" });
    expect(plain(c.args[2])).toEqual({ ...word("$'e\\nf'", 17, { quoted: true }), value: "e\nf" });
    expect(c.args.every((w) => w.quoted && !w.hasExpansion)).toBe(true);
  });

  it("decodes $'..' escapes", () => {
    const c = one("printf $'\\t\\x41\\101\\u00e9\\cA\\\\\\'\\z'");
    expect(c.args[0].value).toBe("\tAAé\x01\\'\\z");
  });

  it("keeps expansions as written and flags them", () => {
    const c = one('echo "$HOME/x" ${A:-"b c"} $1 $@ ${#x} \'$NOT\' a$ $(( 1 + 2 ))');
    expect(values(c.args)).toEqual([
      "$HOME/x",
      '${A:-"b c"}',
      "$1",
      "$@",
      "${#x}",
      "$NOT",
      "a$",
      "$(( 1 + 2 ))",
    ]);
    expect(c.args.map((w) => w.hasExpansion)).toEqual([true, true, true, true, true, false, false, true]);
    expect(c.args.map((w) => w.quoted)).toEqual([true, false, false, false, false, true, false, false]);
  });

  it("finds commands inside ${..} defaults", () => {
    const r = parseShell('v=${X:-$(echo "}")} cmd');
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.depth])).toEqual([
      ["cmd", 0],
      ["echo", 1],
    ]);
    expect(r.commands[0].assignments[0].value).toBe('v=${X:-$(echo "}")}');
  });

  it("detects unquoted globs only", () => {
    const c = one("ls *.txt a?b [ab]c \\* '*' \"x*\" [ ] x=[");
    expect(c.args.map((w) => w.hasGlob)).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
      false,
      false,
      false,
    ]);
  });

  it("separates assignments from the command", () => {
    const c = one("FOO=bar A+=1 B[2]=x make FOO=arg");
    expect(values(c.assignments)).toEqual(["FOO=bar", "A+=1", "B[2]=x"]);
    expect(plain(c.name)).toEqual(word("make", 20));
    expect(values(c.args)).toEqual(["FOO=arg"]);
    const pure = one('A=1 B="x y"');
    expect(pure.name).toBeUndefined();
    expect(values(pure.assignments)).toEqual(["A=1", "B=x y"]);
    expect(one('"A"=1').name?.value).toBe("A=1");
    const arr = cmds('A=(1 "2 3" $(x)) make')[0];
    expect(arr.assignments[0].raw).toBe('A=(1 "2 3" $(x))');
    expect(parseShell('A=(1 "2 3" $(x)) make').commands.map((x) => x.name?.value)).toEqual(["make", "x"]);
  });

  it("treats # as a comment only at the start of a word", () => {
    const r = parseShell("echo a#b # comment ; rm -rf /\n# full line\necho c;#x\necho d");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, values(c.args)])).toEqual([
      ["echo", ["a#b"]],
      ["echo", ["c"]],
      ["echo", ["d"]],
    ]);
    expect(r.commands[0].end).toBe(8);
  });

  it("treats CRLF line endings as newlines", () => {
    const r = parseShell("a \\\r\n  && b\r\nc");
    expect(r.errors).toEqual([]);
    expect(r.commands.map((c) => [c.name?.value, c.separator])).toEqual([
      ["a", undefined],
      ["b", "&&"],
      ["c", "\n"],
    ]);
  });
});

describe("parseShell: errors", () => {
  it("reports unterminated quotes without throwing", () => {
    const r = parseShell('echo "abc; ls');
    expect(r.errors).toEqual([{ message: "unterminated double quote", start: 5, end: 13 }]);
    expect(r.commands).toHaveLength(1);
    expect(r.commands[0].args[0]).toMatchObject({ value: "abc; ls", start: 5, end: 13 });
    expect(parseShell("echo 'x").errors[0]).toEqual({
      message: "unterminated single quote",
      start: 5,
      end: 7,
    });
    expect(parseShell("echo `x").errors[0].message).toMatch(/backquote/);
    expect(parseShell("echo ${x").errors[0].message).toMatch(/\$\{/);
    expect(parseShell("echo $(ls").errors[0]).toMatchObject({ start: 5, end: 9 });
  });

  it("reports unbalanced constructs and continues", () => {
    const r = parseShell("a ) b; fi; (c; if x; then y");
    expect(r.errors.map((e) => e.message)).toEqual([
      "unexpected ')'",
      "unexpected 'fi'",
      "'if' without 'fi'",
      "unterminated subshell: expected ')'",
    ]);
    expect(r.commands.map((c) => c.name?.value)).toEqual(["a", "b", "c", "x", "y"]);
    expect(parseShell("a && || b").errors[0].message).toBe("expected a command after '&&'");
    expect(parseShell("a |").errors[0].message).toBe("expected a command after '|'");
    expect(parseShell("cat >").errors[0]).toEqual({
      message: "missing target for redirection '>'",
      start: 4,
      end: 5,
    });
    expect(parseShell("{ echo }").errors[0].message).toMatch(/expected '\}'/);
  });

  it("survives pathological input", () => {
    for (const s of [
      "(".repeat(200_000),
      "$(".repeat(100_000),
      '"'.repeat(1_000_000),
      "'".repeat(1_000_001),
      "\"'".repeat(500_000),
      "${".repeat(100_000),
      "`".repeat(100_001),
      "((a) && ".repeat(50_000),
      "echo $((a) ".repeat(50_000),
      ")".repeat(100_000),
      "\\".repeat(100_001),
      "f() ".repeat(100_000),
      "cat <<E".repeat(20_000) + "\n",
    ]) {
      const r = parseShell(s);
      checkInvariants(s, r);
    }
    const deep = parseShell("(".repeat(200_000));
    expect(deep.errors[0].message).toMatch(/nesting deeper/);
    expect(parseShell("$(".repeat(100_000)).commands.length).toBeLessThanOrEqual(201);
  });

  it("never throws and keeps every span inside the text (property)", () => {
    const unit = fc.constantFrom(
      ..."abc =$'\"`\\(){}[]*?;&|<>!#\n\t-0123".split(""),
      "if ",
      "then ",
      "fi",
      "do ",
      "done",
      "case ",
      " in ",
      "esac",
      ";;",
      "<<E\n",
      "\nE\n",
      "$((",
      "))",
      "${",
      "$(",
      "[[ ",
      " ]]",
      "f() ",
      "for ",
      "while ",
    );
    fc.assert(
      fc.property(fc.array(unit, { maxLength: 60 }), (parts) => {
        const text = parts.join("");
        checkInvariants(text, parseShell(text));
      }),
      { numRuns: 1000 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        checkInvariants(text, parseShell(text));
      }),
      { numRuns: 500 },
    );
  });
});

describe("parseShell: shareWords", () => {
  /** Every word of every command as the rules read it: value, raw text, offsets and flags. */
  const read = (script: ShellScript) =>
    script.commands.map((c) => ({
      words: c.words.map((w) => [w.value, w.raw, w.start, w.end, w.flags]),
      redirects: c.redirects.map((r) => [r.op, r.fd, r.target?.value, r.start, r.end]),
    }));

  it("gives the same words with shared strings as without", () => {
    const scripts = [
      "apt-get update && apt-get install -y curl wget ca-certificates",
      "apt-get install -y curl && apt-get install -y curl wget\
  && rm -rf /var/lib/apt/lists/*",
      "FOO=bar x=1 env A=1 sudo -u app make install >/dev/null 2>&1",
      "echo 'a b' \"c $d\" $'e\\n' e\\ f g* [h] {i,j} $(k l) `m` ${n:-o}",
      "for x in a b a b; do echo $x; done; case $y in a) b;; esac",
      "cat <<EOF > f\nline one\nEOF\ncat <<-'X'\n\tx\nX",
    ];
    for (let k = 0; k < 2; k++)
      for (const text of scripts) {
        const shared = read(parseShell(text, { shareWords: true }));
        expect(shared).toEqual(read(parseShell(text)));
        expect(shared).toEqual(read(parseShell(text, { shareWords: false })));
      }
  });

  it("gives the same words on any input", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        expect(read(parseShell(text, { shareWords: true }))).toEqual(read(parseShell(text)));
      }),
      { numRuns: 300 },
    );
  });
});

describe("commandName / commandFlags / hasFlag", () => {
  it("takes the basename and skips wrappers", () => {
    const name = (s: string) => commandName(cmds(s)[0]);
    expect(name("/usr/bin/apt-get install")).toBe("apt-get");
    expect(name("sudo -u x apt-get install")).toBe("apt-get");
    expect(name("sudo -E -uroot apt-get")).toBe("apt-get");
    expect(name("sudo --user x DEBIAN_FRONTEND=noninteractive apt-get")).toBe("apt-get");
    expect(name("env A=1 pip install")).toBe("pip");
    expect(name("env -i -u X - B=2 -- pip")).toBe("pip");
    expect(name("nice -n 10 time -f %e command -p exec -a x /usr/bin/apt-get")).toBe("apt-get");
    expect(name("doas -u root apk add x")).toBe("apk");
    expect(name("xargs rm")).toBe("xargs");
    expect(name("sudo")).toBe("sudo");
    expect(name("A=1")).toBeUndefined();
    expect(name("> file")).toBeUndefined();
  });

  it("returns the effective command's args", () => {
    expect(values(commandArgs(cmds("sudo -u x apt-get install -y")[0]))).toEqual(["install", "-y"]);
    expect(commandArgs(cmds("A=1")[0])).toEqual([]);
  });

  it("splits flags and operands", () => {
    const c = cmds("apt-get install -qy --no-install-recommends --opt=val --x foo - -- -z bar")[0];
    const { flags, operands } = commandFlags(c);
    expect([...flags.keys()]).toEqual(["-q", "-y", "--no-install-recommends", "--opt", "--x"]);
    expect(flags.get("-q")).toBe(true);
    expect(plain(flags.get("--opt"))).toEqual(word("val", 50));
    expect(values(operands)).toEqual(["install", "foo", "-", "-z", "bar"]);
    const quoted = commandFlags(cmds('pip install --index-url="https://x y"')[0]).flags.get("--index-url");
    expect(quoted).toMatchObject({ value: "https://x y", raw: '"https://x y"', start: 24, end: 37 });
  });

  it("checks flags, including inside combined short groups", () => {
    const c = cmds("sudo apt-get -qy install --no-install-recommends curl")[0];
    expect(hasFlag(c, "-y")).toBe(true);
    expect(hasFlag(c, "-q")).toBe(true);
    expect(hasFlag(c, "--yes", "-y")).toBe(true);
    expect(hasFlag(c, "--yes")).toBe(false);
    expect(hasFlag(c, "--no-install-recommends")).toBe(true);
    expect(hasFlag(cmds("pip install --no-cache-dir x")[0], "--no-cache-dir")).toBe(true);
    expect(hasFlag(cmds("pip install x")[0], "--no-cache-dir")).toBe(false);
  });
});
