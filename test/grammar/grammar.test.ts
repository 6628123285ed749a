// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the inputs are Dockerfile text, not templates.
import { describe, expect, it } from "vitest";
import { type DockerfileAst, type Instruction, parse, type Range, type Span } from "../../grammar/index.js";

/** A range as the LSP writes it: 0-based lines, 0-based UTF-16 characters, end exclusive. */
function range(startLine: number, startCharacter: number, endLine: number, endCharacter: number): Range {
  return {
    start: { line: startLine, character: startCharacter },
    end: { line: endLine, character: endCharacter },
  };
}

interface Parsed {
  ast: DockerfileAst;
  /** A span as a range. */
  at: (span: Span | undefined) => Range | undefined;
  /** The errors as [code, range]. */
  errors: [string, Range][];
}

function parsed(text: string): Parsed {
  const ast = parse(text);
  const at = (span: Span | undefined) => (span ? ast.lines.range(span) : undefined);
  return { ast, at, errors: ast.errors.map((e) => [e.code, ast.lines.range(e.span)]) };
}

/** The one instruction of a Dockerfile that has exactly one. */
function only(ast: DockerfileAst): Instruction {
  expect(ast.instructions).toHaveLength(1);
  return ast.instructions[0];
}

function shellText(ins: Instruction): string | undefined {
  return ins.form?.kind === "shell" ? ins.form.text : undefined;
}

describe("parser directives", () => {
  it("reads # syntax, # escape and # check at the top, whatever the case of the name", () => {
    const { ast, at, errors } = parsed(
      "# syntax=docker/dockerfile:1\n# ESCAPE = `\n#check=skip=all\nFROM alpine\n",
    );
    expect(ast.directives.map((d) => [d.name, d.nameRaw, d.value])).toEqual([
      ["syntax", "syntax", "docker/dockerfile:1"],
      ["escape", "ESCAPE", "`"],
      ["check", "check", "skip=all"],
    ]);
    const [syntax, escapeDirective] = ast.directives;
    expect(at(syntax.span)).toEqual(range(0, 0, 0, 28));
    expect(at(syntax.nameSpan)).toEqual(range(0, 2, 0, 8));
    expect(at(syntax.valueSpan)).toEqual(range(0, 9, 0, 28));
    expect(at(escapeDirective.nameSpan)).toEqual(range(1, 2, 1, 8));
    expect(at(escapeDirective.valueSpan)).toEqual(range(1, 11, 1, 12));
    expect(ast.escapeChar).toBe("`");
    expect(ast.comments).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("treats # escape= after an ordinary comment as a comment (BuildKit stops at the first non-directive)", () => {
    const { ast, at } = parsed("# build the app\n# escape=`\nFROM alpine\n");
    expect(ast.directives).toEqual([]);
    expect(ast.escapeChar).toBe("\\");
    expect(ast.comments.map((c) => [c.text, at(c.span)])).toEqual([
      [" build the app", range(0, 0, 0, 15)],
      [" escape=`", range(1, 0, 1, 10)],
    ]);
  });

  it("treats # escape= after a blank line as a comment", () => {
    const { ast } = parsed("\n# escape=`\nFROM alpine\n");
    expect(ast.directives).toEqual([]);
    expect(ast.escapeChar).toBe("\\");
    expect(ast.comments).toHaveLength(1);
  });

  it("ends the directives at an unknown directive name", () => {
    const { ast } = parsed("# foo=bar\n# escape=`\nFROM alpine\n");
    expect(ast.directives).toEqual([]);
    expect(ast.escapeChar).toBe("\\");
  });

  it("reports a repeated directive on the repeated line (BuildKit: only one syntax parser directive can be used)", () => {
    const { ast, errors } = parsed(
      "# syntax=docker/dockerfile:1\n# syntax=docker/dockerfile:1.7\nFROM alpine\n",
    );
    expect(ast.directives.map((d) => d.value)).toEqual(["docker/dockerfile:1"]);
    expect(errors).toEqual([["duplicate-directive", range(1, 0, 1, 30)]]);
  });

  it("reports an escape character other than \\ or ` on its value and keeps \\", () => {
    const { ast, errors } = parsed("# escape=x\nFROM alpine\n");
    expect(ast.escapeChar).toBe("\\");
    expect(errors).toEqual([["invalid-escape", range(0, 9, 0, 10)]]);
  });

  it("reads a directive after a byte order mark", () => {
    const { ast, at } = parsed("\uFEFF# escape=`\nFROM alpine\nRUN echo a `\n  b\n");
    expect(ast.bom).toBe(true);
    expect(ast.escapeChar).toBe("`");
    // The BOM is one UTF-16 code unit, so the directive starts at character 1.
    expect(at(ast.directives[0].span)).toEqual(range(0, 1, 0, 11));
    expect(ast.instructions).toHaveLength(2);
    expect(at(ast.instructions[1].span)).toEqual(range(2, 0, 3, 3));
  });

  it("takes only U+FEFF for a byte order mark, not a character near it such as a variation selector", () => {
    const { ast, errors } = parsed("\uFE0FFROM alpine\n");
    expect(ast.bom).toBe(false);
    expect(ast.tokens.map((t) => t.kind)).toEqual(["Text", "EndOfInstruction"]);
    expect(ast.instructions[0].keyword).toBe("\uFE0FFROM");
    expect(errors).toEqual([["unknown-instruction", range(0, 0, 0, 5)]]);
  });
});

describe("line continuations", () => {
  it("continues lines with ` under escape=`, where a backslash in a Windows path is plain text", () => {
    const { ast, at, errors } = parsed(
      "# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nRUN dir C:\\ `\n    /b\nCOPY app C:\\app\\\nWORKDIR C:\\\n",
    );
    expect(errors).toEqual([]);
    expect(ast.instructions.map((i) => i.keyword)).toEqual(["FROM", "RUN", "COPY", "WORKDIR"]);
    const [, run, copy, workdir] = ast.instructions;
    expect(at(run.span)).toEqual(range(2, 0, 3, 6));
    expect(shellText(run)).toBe("dir C:\\     /b");
    expect(copy.words.map((w) => [w.text, at(w.span)])).toEqual([
      ["app", range(4, 5, 4, 8)],
      ["C:\\app\\", range(4, 9, 4, 16)],
    ]);
    expect(at(workdir.span)).toEqual(range(5, 0, 5, 11));
  });

  it("does not continue a line ending in a doubled backslash (BuildKit's trailing-backslash fixture)", () => {
    const { ast } = parsed("ENV C trailing\\\\\nENV D next\n");
    expect(ast.instructions.map((i) => i.pairs?.map((p) => [p.key, p.value]))).toEqual([
      [["C", "trailing\\\\"]],
      [["D", "next"]],
    ]);
  });

  it("skips comment lines and blank lines inside a continuation, and records where they are", () => {
    const text = [
      "RUN apt-get update \\",
      "    # install curl",
      "    && apt-get install -y curl \\",
      "",
      "   ",
      "    && rm -rf /var/lib/apt/lists/*",
      "",
    ].join("\n");
    const { ast, at } = parsed(text);
    const run = only(ast);
    expect(at(run.span)).toEqual(range(0, 0, 5, 34));
    expect(shellText(run)).toBe(
      "apt-get update     && apt-get install -y curl     && rm -rf /var/lib/apt/lists/*",
    );
    expect(run.comments.map((c) => [c.text, at(c.span)])).toEqual([[" install curl", range(1, 4, 1, 18)]]);
    expect(run.emptyContinuationLines.map(at)).toEqual([range(3, 0, 3, 0), range(4, 0, 4, 3)]);
    expect(ast.comments).toEqual([]);
  });

  it("ends an instruction at a trailing escape at the end of the file (BuildKit's continue-at-eof fixture)", () => {
    const { ast, at, errors } = parsed("FROM alpine\nRUN make \\");
    expect(errors).toEqual([]);
    const run = ast.instructions[1];
    expect(at(run.span)).toEqual(range(1, 0, 1, 10));
    expect(shellText(run)).toBe("make");
  });

  it("spans the comment lines a continuation runs into at the end of the file (BuildKit counts them in the end line)", () => {
    const { ast, at } = parsed("FROM alpine\nRUN make \\\n# nothing follows\n");
    const run = ast.instructions[1];
    expect(at(run.comments[0].span)).toEqual(range(2, 0, 2, 17));
    expect(at(run.span)).toEqual(range(1, 0, 2, 17));
  });

  it("continues a line ending in \\ before \\r\\r\\n (BuildKit trims every trailing \\r and \\n)", () => {
    const { ast, errors } = parsed("FROM alpine\r\r\nRUN echo a \\\r\r\n    b\r\r\n");
    expect(errors).toEqual([]);
    expect(ast.instructions.map((i) => i.keyword)).toEqual(["FROM", "RUN"]);
  });
});

describe("line endings, blanks and characters", () => {
  it("reads CRLF files, with ranges that stop before the \\r", () => {
    const { ast, at, errors } = parsed("FROM alpine\r\nRUN echo a \\\r\n  b\r\n");
    expect(errors).toEqual([]);
    const [from, run] = ast.instructions;
    expect(at(from.span)).toEqual(range(0, 0, 0, 11));
    expect(at(run.span)).toEqual(range(1, 0, 2, 3));
    expect(shellText(run)).toBe("echo a   b");
  });

  it("separates words with tabs as with spaces", () => {
    const { ast, at } = parsed("\tFROM\talpine\tAS\tbuild\n");
    const from = only(ast);
    expect(at(from.keywordSpan)).toEqual(range(0, 1, 0, 5));
    expect(from.words.map((w) => [w.text, at(w.span)])).toEqual([
      ["alpine", range(0, 6, 0, 12)],
      ["AS", range(0, 13, 0, 15)],
      ["build", range(0, 16, 0, 21)],
    ]);
  });

  it("counts characters in UTF-16 code units, as the LSP does (an emoji is two)", () => {
    const { ast, at } = parsed('LABEL note="héllo 🐳" owner=$USER\n');
    const label = only(ast);
    expect(label.pairs?.map((p) => [p.key, at(p.keySpan), at(p.valueSpan)])).toEqual([
      ["note", range(0, 6, 0, 10), range(0, 11, 0, 21)],
      ["owner", range(0, 22, 0, 27), range(0, 28, 0, 33)],
    ]);
    expect(label.variables.map((v) => [v.name, at(v.span)])).toEqual([["USER", range(0, 28, 0, 33)]]);
  });

  it("reads keywords in any case", () => {
    const { ast, at, errors } = parsed("from alpine\nRuN echo hi\n");
    expect(errors).toEqual([]);
    expect(ast.instructions.map((i) => [i.keyword, i.known, at(i.keywordSpan)])).toEqual([
      ["FROM", true, range(0, 0, 0, 4)],
      ["RUN", true, range(1, 0, 1, 3)],
    ]);
  });

  it("reports an unknown instruction on its keyword", () => {
    const { ast, errors } = parsed("FROM alpine\nRUNN echo hi\n");
    expect(ast.instructions[1]).toMatchObject({ keyword: "RUNN", known: false });
    expect(errors).toEqual([["unknown-instruction", range(1, 0, 1, 4)]]);
  });

  it("skips a line holding only a no-break space (BuildKit trims lines with unicode.IsSpace)", () => {
    const { ast, errors } = parsed("FROM alpine\n\u00a0\nRUN echo hi\n");
    expect(errors).toEqual([]);
    expect(ast.instructions.map((i) => i.keyword)).toEqual(["FROM", "RUN"]);
  });

  it("reads an instruction indented with an ideographic space (BuildKit trims it like a blank)", () => {
    const { ast, errors } = parsed("FROM alpine\n\u3000RUN echo hi\n");
    expect(errors).toEqual([]);
    expect(ast.instructions.map((i) => i.keyword)).toEqual(["FROM", "RUN"]);
  });
});

describe("shell form and exec form", () => {
  it("takes a JSON array of strings as the exec form of RUN, CMD, ENTRYPOINT and SHELL", () => {
    const { ast, at, errors } = parsed(
      'RUN ["echo", "hi"]\nCMD ["nginx", "-g", "daemon off;"]\nENTRYPOINT ["/init"]\nSHELL ["pwsh", "-c"]\n',
    );
    expect(errors).toEqual([]);
    const [run, cmd, entrypoint, shell] = ast.instructions;
    expect(run.form).toMatchObject({ kind: "exec" });
    expect(run.form?.kind === "exec" && run.form.elements.map((e) => [e.value, at(e.span)])).toEqual([
      ["echo", range(0, 5, 0, 11)],
      ["hi", range(0, 13, 0, 17)],
    ]);
    expect(at(run.form?.span)).toEqual(range(0, 4, 0, 18));
    expect(cmd.form?.kind === "exec" && cmd.form.elements.map((e) => e.value)).toEqual([
      "nginx",
      "-g",
      "daemon off;",
    ]);
    expect(entrypoint.form?.kind === "exec" && entrypoint.form.elements.map((e) => e.value)).toEqual([
      "/init",
    ]);
    expect(shell.form?.kind === "exec" && shell.form.elements.map((e) => e.value)).toEqual(["pwsh", "-c"]);
  });

  it("takes anything else as the shell form, kept as written", () => {
    const { ast, at } = parsed('RUN echo "hi there"\nCMD nginx -g "daemon off;"\nENTRYPOINT exec /init\n');
    expect(ast.instructions.map((i) => [i.form?.kind, shellText(i), at(i.form?.span)])).toEqual([
      ["shell", 'echo "hi there"', range(0, 4, 0, 19)],
      ["shell", 'nginx -g "daemon off;"', range(1, 4, 1, 26)],
      ["shell", "exec /init", range(2, 11, 2, 21)],
    ]);
  });

  it("reads CMD [] as an exec form with no elements", () => {
    const { ast } = parsed("CMD []\n");
    expect(only(ast).form).toMatchObject({ kind: "exec", elements: [] });
  });

  it("takes the form of HEALTHCHECK CMD from the text after CMD", () => {
    const { ast, at } = parsed(
      'HEALTHCHECK CMD ["curl", "-f", "http://localhost/"]\nHEALTHCHECK CMD curl -f http://localhost/\n',
    );
    const [exec, shell] = ast.instructions;
    expect(exec.words.map((w) => w.text)).toEqual(["CMD"]);
    expect(exec.form?.kind === "exec" && exec.form.elements.map((e) => e.value)).toEqual([
      "curl",
      "-f",
      "http://localhost/",
    ]);
    expect(at(exec.form?.span)).toEqual(range(0, 16, 0, 51));
    expect([shell.form?.kind, shellText(shell), at(shell.form?.span)]).toEqual([
      "shell",
      "curl -f http://localhost/",
      range(1, 16, 1, 41),
    ]);
  });

  it("takes exec-form elements or blank-separated words for COPY, ADD and VOLUME", () => {
    const { ast, at } = parsed(
      'COPY ["my file.txt", "/app/"]\nADD src.tar.gz /opt/\nVOLUME ["/data"]\nVOLUME /a /b\n',
    );
    const [copy, add, volumeExec, volumeShell] = ast.instructions;
    expect(copy.form?.kind === "exec" && copy.form.elements.map((e) => [e.value, at(e.span)])).toEqual([
      ["my file.txt", range(0, 6, 0, 19)],
      ["/app/", range(0, 21, 0, 28)],
    ]);
    expect(copy.words).toEqual([]);
    expect(add.form?.kind).toBe("shell");
    expect(add.words.map((w) => [w.text, at(w.span)])).toEqual([
      ["src.tar.gz", range(1, 4, 1, 14)],
      ["/opt/", range(1, 15, 1, 20)],
    ]);
    expect(volumeExec.form?.kind === "exec" && volumeExec.form.elements.map((e) => e.value)).toEqual([
      "/data",
    ]);
    expect(volumeShell.words.map((w) => w.text)).toEqual(["/a", "/b"]);
  });

  it("runs a single-quoted array in the shell, and points at the first single quote", () => {
    // Docker silently falls back to `/bin/sh -c "['echo', 'hi']"` here.
    const { ast, at, errors } = parsed("CMD ['echo', 'hi']\n");
    const cmd = only(ast);
    expect(errors).toEqual([]);
    expect(cmd.form?.kind).toBe("shell");
    expect(shellText(cmd)).toBe("['echo', 'hi']");
    expect(cmd.form?.kind === "shell" && at(cmd.form.notJson?.singleQuote)).toEqual(range(0, 5, 0, 6));
  });

  it("reports a JSON element that is not a string on that element (BuildKit does not fall back to the shell)", () => {
    const { ast, errors } = parsed('CMD ["sleep", 10]\nENTRYPOINT ["a", ["b"]]\n');
    const [cmd] = ast.instructions;
    expect(cmd.form?.kind === "exec" && cmd.form.elements.map((e) => [e.jsonType, e.value])).toEqual([
      ["string", "sleep"],
      ["number", undefined],
    ]);
    expect(errors).toEqual([
      ["json-not-string", range(0, 14, 0, 16)],
      ["json-not-string", range(1, 17, 1, 22)],
    ]);
  });
});

describe("flags", () => {
  it("splits --mount=type=cache,target=/x into a name and a value at the first =", () => {
    const { ast, at } = parsed("RUN --mount=type=cache,target=/root/.cache pip install .\n");
    const [mount] = only(ast).flags;
    expect(mount).toMatchObject({ name: "mount", value: "type=cache,target=/root/.cache" });
    expect(at(mount.span)).toEqual(range(0, 4, 0, 42));
    expect(at(mount.nameSpan)).toEqual(range(0, 6, 0, 11));
    expect(at(mount.valueSpan)).toEqual(range(0, 12, 0, 42));
    expect(shellText(only(ast))).toBe("pip install .");
  });

  it("reads a bare --link as a flag without a value", () => {
    const { ast, at } = parsed("COPY --link --chown=app:app . /app\n");
    const [link, chown] = only(ast).flags;
    expect(link.name).toBe("link");
    expect(link.value).toBeUndefined();
    expect(link.valueSpan).toBeUndefined();
    expect(at(link.nameSpan)).toEqual(range(0, 7, 0, 11));
    expect([chown.name, chown.value]).toEqual(["chown", "app:app"]);
  });

  it("ends the flags at --, which is not a flag itself", () => {
    const { ast, at } = parsed("COPY --link -- --not-a-flag /dst/\n");
    const copy = only(ast);
    expect(copy.flags.map((f) => f.name)).toEqual(["link"]);
    expect(copy.words.map((w) => [w.text, at(w.span)])).toEqual([
      ["--not-a-flag", range(0, 15, 0, 27)],
      ["/dst/", range(0, 28, 0, 33)],
    ]);
  });

  it("removes quotes from a flag's value, while its range covers them", () => {
    const { ast, at } = parsed('RUN --mount="type=secret,id=npmrc" npm ci\n');
    const [mount] = only(ast).flags;
    expect(mount.value).toBe("type=secret,id=npmrc");
    expect(at(mount.valueSpan)).toEqual(range(0, 12, 0, 34));
  });

  it("places an empty flag value right after its = even when the line continues there", () => {
    const { ast, at } = parsed("RUN --network=\\\n    none echo\n");
    const [network] = only(ast).flags;
    expect(network.value).toBe("");
    expect(at(network.valueSpan)).toEqual(range(0, 14, 0, 14));
  });
});

describe("FROM", () => {
  it("reads --platform, the image, AS and the stage name", () => {
    const { ast, at } = parsed("FROM --platform=$BUILDPLATFORM golang:1.22 AS build\n");
    const from = only(ast);
    const [platform] = from.flags;
    expect([platform.name, platform.value]).toEqual(["platform", "$BUILDPLATFORM"]);
    expect(at(platform.nameSpan)).toEqual(range(0, 7, 0, 15));
    expect(at(platform.valueSpan)).toEqual(range(0, 16, 0, 30));
    expect(from.words.map((w) => [w.text, at(w.span)])).toEqual([
      ["golang:1.22", range(0, 31, 0, 42)],
      ["AS", range(0, 43, 0, 45)],
      ["build", range(0, 46, 0, 51)],
    ]);
  });
});

describe("HEALTHCHECK", () => {
  it("reads HEALTHCHECK NONE as one word and no command", () => {
    const { ast, at } = parsed("HEALTHCHECK NONE\n");
    const healthcheck = only(ast);
    expect(healthcheck.words.map((w) => [w.text, at(w.span)])).toEqual([["NONE", range(0, 12, 0, 16)]]);
    expect(healthcheck.form).toBeUndefined();
  });

  it("reads the options before CMD as flags", () => {
    const { ast, at } = parsed(
      "HEALTHCHECK --interval=30s --timeout=3s --retries=3 CMD curl -f http://localhost/ || exit 1\n",
    );
    const healthcheck = only(ast);
    expect(healthcheck.flags.map((f) => [f.name, f.value, at(f.valueSpan)])).toEqual([
      ["interval", "30s", range(0, 23, 0, 26)],
      ["timeout", "3s", range(0, 37, 0, 39)],
      ["retries", "3", range(0, 50, 0, 51)],
    ]);
    expect(healthcheck.words[0].text).toBe("CMD");
    expect(shellText(healthcheck)).toBe("curl -f http://localhost/ || exit 1");
  });
});

describe("heredocs", () => {
  it("reads a <<EOF body up to the line that reads EOF", () => {
    const { ast, at, errors } = parsed("RUN <<EOF\napk add curl\necho done\nEOF\n");
    const run = only(ast);
    const [heredoc] = run.heredocs;
    expect(heredoc.marker).toMatchObject({ name: "EOF", chomp: false, expand: true });
    expect(at(heredoc.marker.span)).toEqual(range(0, 4, 0, 9));
    expect(heredoc.content).toBe("apk add curl\necho done\n");
    expect(at(heredoc.body)).toEqual(range(1, 0, 3, 0));
    expect(at(heredoc.terminator)).toEqual(range(3, 0, 3, 3));
    expect(at(run.span)).toEqual(range(0, 0, 0, 9));
    expect(at(run.fullSpan)).toEqual(range(0, 0, 3, 3));
    expect(errors).toEqual([]);
  });

  it("ends a <<-EOF body at a tab-indented terminator", () => {
    const { ast, at } = parsed("RUN <<-EOF\n\techo hi\n\tEOF\nRUN echo next\n");
    expect(ast.instructions).toHaveLength(2);
    const [heredoc] = ast.instructions[0].heredocs;
    expect(heredoc.marker.chomp).toBe(true);
    expect(heredoc.content).toBe("\techo hi\n");
    expect(at(heredoc.terminator)).toEqual(range(2, 0, 2, 4));
    expect(at(ast.instructions[1].span)).toEqual(range(3, 0, 3, 13));
  });

  it("does not expand a heredoc whose delimiter is quoted", () => {
    const { ast } = parsed("RUN <<\"EOF\"\necho $HOME\nEOF\nRUN <<'END'\necho $HOME\nEND\n");
    expect(ast.instructions.map((i) => i.heredocs.map((h) => [h.marker.name, h.marker.expand]))).toEqual([
      [["EOF", false]],
      [["END", false]],
    ]);
  });

  it("reads two heredocs of one line one after the other", () => {
    const { ast, at } = parsed("COPY <<FILE1 <<FILE2 /dest/\ncontent 1\nFILE1\ncontent 2\nFILE2\n");
    const copy = only(ast);
    expect(copy.heredocs.map((h) => [h.marker.name, h.content, at(h.terminator)])).toEqual([
      ["FILE1", "content 1\n", range(2, 0, 2, 5)],
      ["FILE2", "content 2\n", range(4, 0, 4, 5)],
    ]);
    expect(at(copy.fullSpan)).toEqual(range(0, 0, 4, 5));
  });

  it("gives a heredoc in ONBUILD RUN to the trigger", () => {
    const { ast, at } = parsed("ONBUILD RUN <<EOF\nmake install\nEOF\n");
    const onbuild = only(ast);
    expect(onbuild.trigger?.heredocs.map((h) => [h.marker.name, h.content])).toEqual([
      ["EOF", "make install\n"],
    ]);
    expect(at(onbuild.fullSpan)).toEqual(range(0, 0, 2, 3));
    expect(at(onbuild.trigger?.fullSpan)).toEqual(range(0, 8, 2, 3));
  });

  it("reads a COPY heredoc and keeps its marker among the words", () => {
    const { ast, at } = parsed("COPY <<EOF /etc/app.conf\nlisten 80\nEOF\n");
    const copy = only(ast);
    expect(copy.words.map((w) => [w.text, at(w.span)])).toEqual([
      ["<<EOF", range(0, 5, 0, 10)],
      ["/etc/app.conf", range(0, 11, 0, 24)],
    ]);
    expect(copy.heredocs.map((h) => h.content)).toEqual(["listen 80\n"]);
  });

  it("reports an unterminated heredoc on its marker; the body runs to the end of the file", () => {
    const { ast, errors } = parsed("RUN <<EOF\necho hi\n");
    const [heredoc] = only(ast).heredocs;
    expect(heredoc.content).toBe("echo hi\n");
    expect(heredoc.terminator).toBeUndefined();
    expect(errors).toEqual([["unterminated-heredoc", range(0, 4, 0, 9)]]);
  });

  it("covers every unterminated body in the full span, even when a later heredoc gets none", () => {
    const { ast, at } = parsed("RUN <<A <<B\nbody\n");
    const run = only(ast);
    expect(at(run.heredocs[0].body)).toEqual(range(1, 0, 2, 0));
    expect(at(run.fullSpan)).toEqual(range(0, 0, 2, 0));
  });

  it("keeps the full span around the span when an unterminated heredoc ends in a continuation", () => {
    const { ast, at } = parsed("RUN <<EOF \\");
    const run = only(ast);
    expect(at(run.span)).toEqual(range(0, 0, 0, 11));
    expect(at(run.fullSpan)).toEqual(range(0, 0, 0, 11));
  });

  it('has no heredoc in the exec form RUN ["<<EOF"]', () => {
    const { ast, errors } = parsed('RUN ["cat", "<<EOF"]\nRUN echo next\n');
    expect(ast.instructions.map((i) => i.heredocs.length)).toEqual([0, 0]);
    expect(errors).toEqual([]);
  });

  it('has no heredoc in a quoted "<<EOF"', () => {
    const { ast } = parsed('RUN echo "<<EOF"\nRUN echo next\n');
    expect(ast.instructions.map((i) => i.heredocs.length)).toEqual([0, 0]);
  });

  it("opens a heredoc with blanks after << (BuildKit's shell lexer keeps them in the word)", () => {
    const { ast, errors } = parsed("RUN cat << EOF\nhello\nEOF\n");
    expect(errors).toEqual([]);
    expect(only(ast).heredocs.map((h) => [h.marker.name, h.content])).toEqual([["EOF", "hello\n"]]);
  });

  it("ends a heredoc at a terminator followed by \\r\\r\\n (BuildKit trims every trailing \\r and \\n)", () => {
    const { ast, errors } = parsed("RUN <<EOF\r\r\necho hi\r\r\nEOF\r\r\n");
    expect(errors).toEqual([]);
    expect(only(ast).heredocs[0].terminator).toBeDefined();
  });
});

describe("ENV and LABEL", () => {
  it("reads key=value pairs, with quotes kept in the value", () => {
    const { ast, at } = parsed('ENV A=1 B="two words"\n');
    expect(only(ast).pairs?.map((p) => [p.key, p.value, p.legacy, at(p.keySpan), at(p.valueSpan)])).toEqual([
      ["A", "1", false, range(0, 4, 0, 5), range(0, 6, 0, 7)],
      ["B", '"two words"', false, range(0, 8, 0, 9), range(0, 10, 0, 21)],
    ]);
  });

  it("reads the legacy ENV key value, where the rest of the line is the value", () => {
    const { ast, at } = parsed("ENV PATH /usr/local/bin:$PATH\n");
    const [pair] = only(ast).pairs ?? [];
    expect([pair.key, pair.value, pair.legacy]).toEqual(["PATH", "/usr/local/bin:$PATH", true]);
    expect(at(pair.keySpan)).toEqual(range(0, 4, 0, 8));
    expect(at(pair.valueSpan)).toEqual(range(0, 9, 0, 29));
  });

  it("reads LABEL pairs with quoted keys, and the legacy LABEL key value", () => {
    const { ast, at } = parsed(
      'LABEL "org.opencontainers.image.title"="My app" version=1.0\nLABEL maintainer someone\n',
    );
    const [pairs, legacy] = ast.instructions;
    expect(pairs.pairs?.map((p) => [p.key, p.value, at(p.span)])).toEqual([
      ['"org.opencontainers.image.title"', '"My app"', range(0, 6, 0, 47)],
      ["version", "1.0", range(0, 48, 0, 59)],
    ]);
    expect(legacy.pairs?.map((p) => [p.key, p.value, p.legacy])).toEqual([["maintainer", "someone", true]]);
  });

  it("reports ENV with a key and no value on the key (BuildKit: ENV must have two arguments)", () => {
    const { ast, errors } = parsed("ENV PATH\n");
    expect(only(ast).pairs).toEqual([]);
    expect(errors).toEqual([["missing-value", range(0, 4, 0, 8)]]);
  });

  it("reports a word without = among key=value pairs", () => {
    const { ast, errors } = parsed("ENV A=1 B\n");
    expect(only(ast).pairs?.map((p) => p.key)).toEqual(["A"]);
    expect(errors).toEqual([["missing-equals", range(0, 8, 0, 9)]]);
  });

  it("places an empty value right after its = even when the line continues there", () => {
    const { ast, at } = parsed("ENV A=\\\n    B=1\n");
    const [a] = only(ast).pairs ?? [];
    expect(a.value).toBe("");
    expect(at(a.span)).toEqual(range(0, 4, 0, 6));
    expect(at(a.valueSpan)).toEqual(range(0, 6, 0, 6));
  });
});

describe("ARG", () => {
  it("reads names with and without defaults, several on a line", () => {
    const { ast, at } = parsed('ARG VERSION\nARG A=1 B C="x y"\n');
    const [single, several] = ast.instructions;
    expect(single.declarations?.map((d) => [d.name, d.defaultValue, at(d.nameSpan)])).toEqual([
      ["VERSION", undefined, range(0, 4, 0, 11)],
    ]);
    expect(
      several.declarations?.map((d) => [d.name, d.defaultValue, at(d.nameSpan), at(d.defaultSpan)]),
    ).toEqual([
      ["A", "1", range(1, 4, 1, 5), range(1, 6, 1, 7)],
      ["B", undefined, range(1, 8, 1, 9), undefined],
      ["C", '"x y"', range(1, 10, 1, 11), range(1, 12, 1, 17)],
    ]);
  });
});

describe("EXPOSE", () => {
  it("splits ports on blanks", () => {
    const { ast, at } = parsed("EXPOSE 80 443/tcp  53/udp\n");
    expect(only(ast).words.map((w) => [w.text, at(w.span)])).toEqual([
      ["80", range(0, 7, 0, 9)],
      ["443/tcp", range(0, 10, 0, 17)],
      ["53/udp", range(0, 19, 0, 25)],
    ]);
  });
});

describe("ONBUILD", () => {
  it("holds its trigger as an instruction, with the trigger's keyword inside the line", () => {
    const { ast, at } = parsed("ONBUILD COPY . /app/src\n");
    const onbuild = only(ast);
    const trigger = onbuild.trigger;
    expect(trigger?.keyword).toBe("COPY");
    expect(trigger?.parentOnbuild).toBe(onbuild);
    expect(at(trigger?.keywordSpan)).toEqual(range(0, 8, 0, 12));
    expect(at(trigger?.span)).toEqual(range(0, 8, 0, 23));
    expect(trigger?.words.map((w) => w.text)).toEqual([".", "/app/src"]);
  });

  it("reports ONBUILD without a trigger on its keyword", () => {
    const { errors } = parsed("ONBUILD\n");
    expect(errors).toEqual([["onbuild-missing-trigger", range(0, 0, 0, 7)]]);
  });
});

describe("variables", () => {
  it("finds $A and ${B:-latest} in FROM, expanded by Docker", () => {
    const { ast, at } = parsed("ARG A B\nFROM $A:${B:-latest}\n");
    const [a, b] = ast.instructions[1].variables;
    expect([a.name, a.expandedBy, at(a.span), at(a.nameSpan)]).toEqual([
      "A",
      "docker",
      range(1, 5, 1, 7),
      range(1, 6, 1, 7),
    ]);
    expect([b.name, b.modifier, at(b.span), at(b.nameSpan), at(b.wordSpan)]).toEqual([
      "B",
      ":-",
      range(1, 8, 1, 20),
      range(1, 10, 1, 11),
      range(1, 13, 1, 19),
    ]);
  });

  it("does not expand the stage name after AS", () => {
    const { ast } = parsed("FROM alpine AS $name\n");
    expect(only(ast).variables).toEqual([]);
  });

  it("finds variables in COPY --from=, expanded by Docker", () => {
    const { ast, at } = parsed("COPY --from=${STAGE} /out /out\n");
    expect(only(ast).variables.map((v) => [v.name, v.expandedBy, at(v.span), at(v.nameSpan)])).toEqual([
      ["STAGE", "docker", range(0, 12, 0, 20), range(0, 14, 0, 19)],
    ]);
  });

  it("leaves the variables of a shell-form RUN to the shell", () => {
    const { ast, at } = parsed('RUN echo "$HOME" ${USER:-root}\n');
    expect(only(ast).variables.map((v) => [v.name, v.expandedBy, at(v.span)])).toEqual([
      ["HOME", "shell", range(0, 10, 0, 15)],
      ["USER", "shell", range(0, 17, 0, 30)],
    ]);
  });

  it("finds none in an exec-form CMD, which no shell runs", () => {
    const { ast } = parsed('CMD ["echo", "$HOME"]\n');
    expect(only(ast).variables).toEqual([]);
  });
});

describe("variables in heredoc bodies", () => {
  it("reports references in a COPY body with an unquoted delimiter (Docker expands it)", () => {
    const ast = parse('FROM a\nCOPY <<EOT /s.sh\necho "${FOO}"\nEOT\n');
    const refs = ast.instructions[1].variables;
    expect(refs.map((v) => [v.name, v.expandedBy, ast.lines.range(v.span)])).toEqual([
      ["FOO", "docker", { start: { line: 2, character: 6 }, end: { line: 2, character: 12 } }],
    ]);
  });
  it("reports RUN body references as shell-expanded, and none when the delimiter is quoted", () => {
    const ast = parse('FROM a\nRUN <<EOF\necho $X\nEOF\nRUN <<"EOF"\necho $Y\nEOF\n');
    expect(ast.instructions[1].variables.map((v) => [v.name, v.expandedBy])).toEqual([["X", "shell"]]);
    expect(ast.instructions[2].variables).toEqual([]);
  });
});
