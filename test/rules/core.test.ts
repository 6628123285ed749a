import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";
import { findings, fixed, fixedUnsafe, ranges } from "./helpers.js";

describe("DL4003 / DL4004 / DL3012: only the last CMD, ENTRYPOINT, HEALTHCHECK of a stage counts", () => {
  it("reports every CMD after the first, as hadolint does, naming the one it replaces", () => {
    const text = "FROM debian\nCMD bash\nRUN foo\nCMD another\n";
    const f = findings(text, "DL4003");
    expect(f.map((x) => x.range)).toEqual(["3:0-3:11"]);
    expect(f[0].message).toContain("replaces the CMD on line 2");
  });
  it("as MultipleInstructionsDisallowed reports every CMD but the last, as Docker does", () => {
    const { findings: f, ast } = lint("FROM debian\nCMD bash\nRUN foo\nCMD another\n", {
      only: ["MultipleInstructionsDisallowed"],
    });
    expect(f.map((x) => `${x.code}@${ast.lines.lineAt(x.span.start)}`)).toEqual(["DL4003@1"]);
    expect(f[0].message).toContain("the CMD on line 4 replaces it");
  });
  it("does not count CMDs of other stages", () => {
    expect(ranges("FROM debian AS a\nCMD bash\nFROM debian AS b\nCMD x\n", "DL4003")).toEqual([]);
  });
  it("reports in each stage separately, the same number under both names", () => {
    const text = "FROM a AS one\nCMD 1\nCMD 2\nFROM b\nCMD 3\nCMD 4\nCMD 5\n";
    expect(ranges(text, "DL4003")).toEqual(["2:0-2:5", "5:0-5:5", "6:0-6:5"]);
    const docker = lint(text, { only: ["MultipleInstructionsDisallowed"] });
    expect(docker.findings.map((x) => docker.ast.lines.lineAt(x.span.start))).toEqual([1, 4, 5]);
  });
  it("ignores ONBUILD CMD triggers", () => {
    expect(ranges("FROM a\nONBUILD CMD x\nCMD y\n", "DL4003")).toEqual([]);
  });
  it("covers a CMD continued over several lines with its whole range", () => {
    expect(ranges("FROM a\nCMD b\nCMD echo \\\n  hi\n", "DL4003")).toEqual(["2:0-3:4"]);
  });
  it("matches lowercase keywords", () => {
    expect(ranges("from a\nentrypoint x\nentrypoint y\n", "DL4004")).toEqual(["2:0-2:12"]);
  });
  it("reports HEALTHCHECK twice in a stage", () => {
    expect(ranges("FROM a\nHEALTHCHECK CMD a\nHEALTHCHECK NONE\n", "DL3012")).toEqual(["2:0-2:16"]);
  });
  it("is silenced by a hadolint pragma above the repeat", () => {
    expect(ranges("FROM a\nCMD x\n# hadolint ignore=DL4003\nCMD y\n", "DL4003")).toEqual([]);
  });
  it("is skipped with check=skip=MultipleInstructionsDisallowed", () => {
    const text = "# check=skip=MultipleInstructionsDisallowed\nFROM a\nCMD x\nCMD y\n";
    expect(ranges(text, "DL4003")).toEqual([]);
  });
  it("has no fix", () => {
    expect(findings("FROM a\nCMD x\nCMD y\n", "DL4003")[0].fixable).toBe(false);
  });
});

describe("DF201: exec form written with single quotes", () => {
  it("fires on CMD with single quotes and fixes to JSON", () => {
    const text = "FROM nginx\nCMD ['nginx', '-g', 'daemon off;']\n";
    expect(ranges(text, "DF201")).toEqual(["1:4-1:34"]);
    // Unsafe: Docker runs the text as a shell command today, so --fix alone leaves it.
    expect(fixed(text, "DF201")).toBe(text);
    expect(fixedUnsafe(text, "DF201")).toBe('FROM nginx\nCMD ["nginx", "-g", "daemon off;"]\n');
  });
  it("fires on RUN, ENTRYPOINT, SHELL, HEALTHCHECK CMD, COPY, ADD and VOLUME", () => {
    const text = [
      "FROM a",
      "RUN ['make']",
      "ENTRYPOINT ['/init']",
      "SHELL ['/bin/bash', '-c']",
      "HEALTHCHECK CMD ['true']",
      "COPY ['a', '/b/']",
      "ADD ['a', '/b/']",
      "VOLUME ['/data']",
      "",
    ].join("\n");
    expect(findings(text, "DF201").map((f) => f.range.split(":")[0])).toEqual([
      "1",
      "2",
      "3",
      "4",
      "5",
      "6",
      "7",
    ]);
  });
  it("keeps double-quoted elements and escapes what JSON needs", () => {
    const text = "FROM a\nCMD [\"sh\", '-c', 'echo \"hi\" \\\\ there']\n";
    expect(fixedUnsafe(text, "DF201")).toBe('FROM a\nCMD ["sh", "-c", "echo \\"hi\\" \\\\ there"]\n');
  });
  it("re-lints clean after the fix", () => {
    const once = fixedUnsafe("FROM a\nCMD ['a', 'b']\n", "DF201");
    expect(ranges(once, "DF201")).toEqual([]);
  });
  it("does not fire on valid JSON or on shell text that merely starts with [", () => {
    expect(ranges("FROM a\nCMD [\"a\"]\nRUN [ -f x ] && echo 'y'\n", "DF201")).toEqual([]);
  });
  it("handles an array continued over lines", () => {
    const text = "FROM a\nCMD ['a', \\\n     'b']\n";
    expect(ranges(text, "DF201")).toEqual(["1:4-2:9"]);
    expect(fixedUnsafe(text, "DF201")).toBe('FROM a\nCMD ["a", \\\n     "b"]\n');
  });
  it("works in a Windows Dockerfile (escape=`)", () => {
    const text = "# escape=`\nFROM a\nCMD ['C:\\app.exe', `\n  '-v']\n";
    expect(ranges(text, "DF201")).toEqual(["2:4-3:7"]);
    expect(fixedUnsafe(text, "DF201")).toBe('# escape=`\nFROM a\nCMD ["C:\\\\app.exe", `\n  "-v"]\n');
  });
  it("checks ONBUILD triggers", () => {
    expect(ranges("FROM a\nONBUILD CMD ['x']\n", "DF201")).toEqual(["1:12-1:17"]);
  });
  it("suppresses DL3025 on the same instruction", () => {
    const f = findings("FROM a\nCMD ['a']\n");
    expect(f.map((x) => x.code)).toContain("DF201");
    expect(f.map((x) => x.code)).not.toContain("DL3025");
  });
});

describe("DL3025: shell-form CMD and ENTRYPOINT", () => {
  it("fires on CMD, ENTRYPOINT and HEALTHCHECK CMD in shell form", () => {
    const text = "FROM a\nCMD something\nENTRYPOINT run me\nHEALTHCHECK CMD foobar\n";
    expect(ranges(text, "DL3025")).toEqual(["1:4-1:13", "2:11-2:17", "3:16-3:22"]);
  });
  it("does not fire on the exec form, also split over lines", () => {
    expect(
      ranges('FROM a\nCMD [ "/bin/sh", "-c", \\\n  "echo foo" \\\n ]\nHEALTHCHECK NONE\n', "DL3025"),
    ).toEqual([]);
  });
  it("fixes plain words to a JSON array", () => {
    expect(fixedUnsafe("FROM a\nCMD nginx -g daemon-off\n", "DL3025")).toBe(
      'FROM a\nCMD ["nginx", "-g", "daemon-off"]\n',
    );
  });
  it("offers no fix when the shell would do something (variables, quotes, operators, globs)", () => {
    for (const cmd of ["echo $HOME", "a && b", "echo 'x y'", "ls *.txt", "a > b"]) {
      expect(findings(`FROM a\nCMD ${cmd}\n`, "DL3025")[0].fixable).toBe(false);
    }
  });
  it("is skipped by check=skip=JSONArgsRecommended", () => {
    expect(ranges("# check=skip=JSONArgsRecommended\nFROM a\nCMD x\n", "DL3025")).toEqual([]);
  });
  it("re-lints clean after the fix", () => {
    expect(ranges(fixedUnsafe("FROM a\nENTRYPOINT /app --serve\n", "DL3025"), "DL3025")).toEqual([]);
  });
});

describe("DL3020: ADD where COPY fits", () => {
  it("fires on local files and fixes ADD to COPY", () => {
    const text = "FROM a\nADD file /usr/src/app/\n";
    expect(ranges(text, "DL3020")).toEqual(["1:0-1:3"]);
    // Unsafe: `file` could be a tar archive, which ADD unpacks whatever its name.
    expect(fixed(text, "DL3020")).toBe(text);
    expect(fixedUnsafe(text, "DL3020")).toBe("FROM a\nCOPY file /usr/src/app/\n");
  });
  it("fixes safely when every source is a directory, which ADD never unpacks", () => {
    expect(fixed("FROM a\nADD . /app/\n", "DL3020")).toBe("FROM a\nCOPY . /app/\n");
    expect(fixed("FROM a\nADD src/ conf/. /app/\n", "DL3020")).toBe("FROM a\nCOPY src/ conf/. /app/\n");
    // One plain file among them makes it unsafe again.
    expect(fixed("FROM a\nADD src/ run.sh /app/\n", "DL3020")).toBe("FROM a\nADD src/ run.sh /app/\n");
  });
  it("fires on .zip (ADD does not unpack zip) and quoted names", () => {
    expect(ranges('FROM a\nADD file.zip /x/\nADD "file.zip" /x/\n', "DL3020")).toEqual([
      "1:0-1:3",
      "2:0-2:3",
    ]);
  });
  it("stays quiet for archives ADD unpacks, URLs, git sources and --checksum", () => {
    const text = [
      "FROM a",
      "ADD file.tar.gz /x/",
      'ADD "file.tgz" /x/',
      "ADD file.xz /x/",
      "ADD https://example.com/a /x/",
      "ADD git@github.com:moby/buildkit.git /src",
      "ADD https://github.com/moby/buildkit.git#v0.10 /src",
      "ADD --checksum=sha256:0000000000000000000000000000000000000000000000000000000000000000 a /x",
      "ADD $SRC /x/",
      "",
    ].join("\n");
    expect(ranges(text, "DL3020")).toEqual([]);
  });
  it("keeps flags COPY takes and lowercase style", () => {
    expect(fixedUnsafe("FROM a\nadd --chown=1:1 --link a b /dst/\n", "DL3020")).toBe(
      "FROM a\ncopy --chown=1:1 --link a b /dst/\n",
    );
  });
  it("drops --keep-git-dir and --unpack=false, which mean nothing for local files", () => {
    expect(fixedUnsafe("FROM a\nADD --keep-git-dir=true --unpack=false a /b\n", "DL3020")).toBe(
      "FROM a\nCOPY a /b\n",
    );
  });
  it("handles the exec form and continuations", () => {
    expect(ranges('FROM a\nADD ["a b", \\\n  "/dst/"]\n', "DL3020")).toEqual(["1:0-1:3"]);
  });
  it("fires on a heredoc source and on ONBUILD ADD", () => {
    expect(ranges("FROM a\nADD <<EOF /x\nhi\nEOF\nONBUILD ADD a /b\n", "DL3020")).toEqual([
      "1:0-1:3",
      "4:8-4:11",
    ]);
  });
  it("re-lints clean after the fix", () => {
    expect(ranges(fixedUnsafe("FROM a\nADD a /b\n", "DL3020"), "DL3020")).toEqual([]);
  });
});

describe("DL3059: consecutive RUN instructions", () => {
  it("fires on two consecutive one-command RUNs, at the second", () => {
    expect(ranges("FROM a\nRUN /foo.sh\nRUN /bar.sh\n", "DL3059")).toEqual(["2:0-2:11"]);
  });
  it("allows comments between them and keeps the comments above the merged RUN", () => {
    const text = "FROM a\nRUN /foo.sh\n# build it\nRUN /bar.sh\n";
    expect(ranges(text, "DL3059")).toEqual(["3:0-3:11"]);
    expect(fixed(text, "DL3059")).toBe("FROM a\n# build it\nRUN /foo.sh \\\n    && /bar.sh\n");
  });
  it("does not fire when another instruction sits between, or flags differ, or a RUN chains commands", () => {
    expect(ranges("FROM a\nRUN a\nWORKDIR /\nRUN b\n", "DL3059")).toEqual([]);
    expect(ranges("FROM a\nRUN --mount=type=secret,id=foo a\nRUN b\n", "DL3059")).toEqual([]);
    expect(ranges("FROM a\nRUN a && b\nRUN c\n", "DL3059")).toEqual([]);
    expect(ranges("FROM a\nRUN a; b\nRUN c\n", "DL3059")).toEqual([]);
  });
  it("fires when the flags are the same", () => {
    const text = "FROM a\nRUN --mount=type=cache,target=/c a\nRUN --mount=type=cache,target=/c b\n";
    expect(ranges(text, "DL3059")).toEqual(["2:0-2:34"]);
    expect(fixed(text, "DL3059")).toBe("FROM a\nRUN --mount=type=cache,target=/c a \\\n    && b\n");
  });
  it("uses the file's escape character in the merged RUN", () => {
    expect(fixed("# escape=`\nFROM a\nRUN a\nRUN b\n", "DL3059")).toBe(
      "# escape=`\nFROM a\nRUN a `\n    && b\n",
    );
  });
  it("does not merge heredoc or exec-form RUNs", () => {
    expect(ranges('FROM a\nRUN <<EOF\na\nEOF\nRUN b\nRUN ["c"]\n', "DL3059")).toEqual([]);
  });
  it("re-lints clean after the fix", () => {
    expect(ranges(fixed("FROM a\nRUN a\nRUN b\n", "DL3059"), "DL3059")).toEqual([]);
  });
  it("merges only as an unsafe fix after a command that changes the shell (cd, export, set, umask, ...)", () => {
    for (const first of ["cd /src", "export A=1", ". ./env.sh", "set -e", "umask 077", "exit 0", "$CMD"]) {
      const text = `FROM a\nRUN ${first}\nRUN make\n`;
      expect(fixed(text, "DL3059")).toBe(text);
      expect(fixedUnsafe(text, "DL3059")).toBe(`FROM a\nRUN ${first} \\\n    && make\n`);
    }
    // A for loop leaves its variable set for the next command.
    const loop = "FROM a\nRUN for p in a b; do make $p; done\nRUN echo $p\n";
    expect(fixed(loop, "DL3059")).toBe(loop);
    expect(fixedUnsafe(loop, "DL3059")).toBe(
      "FROM a\nRUN for p in a b; do make $p; done \\\n    && echo $p\n",
    );
    // The second command may change what it likes: nothing runs after it.
    expect(fixed("FROM a\nRUN make\nRUN cd /src\n", "DL3059")).toBe("FROM a\nRUN make \\\n    && cd /src\n");
  });
  it("offers no merge after a # in the first RUN (a trailing comment would swallow the second command) or a trailing ;", () => {
    const comment = findings("FROM a\nRUN make # build\nRUN make install\n", "DL3059");
    expect(comment.map((f) => [f.range, f.fixable])).toEqual([["2:0-2:16", false]]);
    expect(findings("FROM a\nRUN make;\nRUN b\n", "DL3059").map((f) => f.fixable)).toEqual([false]);
  });
});
