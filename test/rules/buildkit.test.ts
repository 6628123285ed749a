/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { existsSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "../../grammar/index.js";
import { unquote } from "../../grammar/shell.js";
import { lint } from "../../server/lint/index.js";
import { ruleFor } from "../../server/rules/index.js";
import { findings, fixed, fixedUnsafe, ranges } from "./helpers.js";

/** Fixes the text with one rule and checks the result no longer has findings of it. */
function fixedClean(text: string, code: string): string {
  const out = fixed(text, code);
  expect(ranges(out, code)).toEqual([]);
  return out;
}

/** Like fixedClean, for a rule whose fix is unsafe: `--fix` alone leaves the text as it is. */
function fixedCleanUnsafe(text: string, code: string): string {
  expect(fixed(text, code)).toBe(text);
  const out = fixedUnsafe(text, code);
  expect(ranges(out, code)).toEqual([]);
  return out;
}

/** The values Docker stores for the ENV/LABEL pairs of a file, quotes and escapes processed. */
function pairValues(text: string): string[] {
  const ast = parse(text);
  return ast.instructions.flatMap((i) =>
    (i.pairs ?? []).map((p) => `${p.key}=${unquote(p.value, { escapeChar: ast.escapeChar })}`),
  );
}

describe("registration", () => {
  it("finds each rule by Docker's check name, with its code and severity", () => {
    const expected: [string, string, string][] = [
      ["StageNameCasing", "DF101", "style"],
      ["FromAsCasing", "DF102", "style"],
      ["NoEmptyContinuation", "DF103", "warning"],
      ["ConsistentInstructionCasing", "DF104", "style"],
      ["ReservedStageName", "DL3063", "warning"],
      ["UndefinedArgInFrom", "DF106", "warning"],
      ["UndefinedVar", "DF107", "warning"],
      ["LegacyKeyValueFormat", "DF108", "warning"],
      ["InvalidDefaultArgInFrom", "DF109", "warning"],
      ["FromPlatformFlagConstDisallowed", "DL3029", "warning"],
      ["RedundantTargetPlatform", "DL3065", "warning"],
      ["SecretsUsedInArgOrEnv", "DL3064", "warning"],
      ["InvalidDefinitionDescription", "DF113", "info"],
      ["ExposeProtoCasing", "DF114", "style"],
      ["ExposeInvalidFormat", "DF115", "warning"],
      ["CopyIgnoredFile", "DF116", "warning"],
      ["WorkdirRelativePath", "DL3000", "error"],
      ["DuplicateStageName", "DL3024", "error"],
      ["MaintainerDeprecated", "DL4000", "error"],
    ];
    expect(expected.map(([name]) => [name, ruleFor(name)?.code, ruleFor(name)?.severity])).toEqual(expected);
  });
});

describe("DF101 StageNameCasing", () => {
  it("reports a stage name with uppercase letters at the name", () => {
    const f = findings("FROM alpine AS Build\n", "DF101");
    expect(f.map((x) => x.range)).toEqual(["0:15-0:20"]);
    expect(f[0].message).toContain("'build'");
  });
  it("renames the definition and every literal reference: FROM, COPY --from, RUN --mount from=", () => {
    const text = [
      "FROM golang AS Builder",
      "RUN make",
      "FROM alpine",
      "COPY --from=Builder /app /app",
      "RUN --mount=type=bind,from=BUILDER,target=/x ls /x",
      "FROM Builder AS final",
      "",
    ].join("\n");
    expect(fixedClean(text, "DF101")).toBe(
      [
        "FROM golang AS builder",
        "RUN make",
        "FROM alpine",
        "COPY --from=builder /app /app",
        "RUN --mount=type=bind,from=builder,target=/x ls /x",
        "FROM builder AS final",
        "",
      ].join("\n"),
    );
  });
  it("renames references inside ONBUILD triggers too", () => {
    const text = "FROM a AS Tools\nFROM b\nONBUILD COPY --from=Tools /t /t\n";
    expect(fixedClean(text, "DF101")).toBe("FROM a AS tools\nFROM b\nONBUILD COPY --from=tools /t /t\n");
  });
  it("leaves references by stage index alone", () => {
    const text = "FROM a AS Build\nFROM b\nCOPY --from=0 /x /x\nCOPY --from=Build /y /y\n";
    expect(fixedClean(text, "DF101")).toBe(
      "FROM a AS build\nFROM b\nCOPY --from=0 /x /x\nCOPY --from=build /y /y\n",
    );
  });
  it("offers no fix when the lowercase name is taken by another stage", () => {
    const f = findings("FROM a AS Build\nFROM b AS build\n", "DF101");
    expect(f.map((x) => [x.range, x.fixable])).toEqual([["0:10-0:15", false]]);
  });
  it("offers no fix when a reference goes through a variable or quotes", () => {
    expect(findings("ARG S=Build\nFROM a AS Build\nFROM ${S}\n", "DF101")[0].fixable).toBe(false);
    expect(findings('FROM a AS Build\nFROM b\nCOPY --from="Build" /x /x\n', "DF101")[0].fixable).toBe(false);
  });
  it("does not fire on lowercase names or unnamed stages", () => {
    expect(ranges("FROM Alpine\nFROM alpine AS build-1.x_y\n", "DF101")).toEqual([]);
  });
  it("works with lowercase keywords", () => {
    expect(ranges("from alpine as Build\n", "DF101")).toEqual(["0:15-0:20"]);
  });
});

describe("DF102 FromAsCasing", () => {
  it("reports 'as' after an uppercase FROM and fixes it", () => {
    const text = "FROM alpine as build\n";
    expect(ranges(text, "DF102")).toEqual(["0:12-0:14"]);
    expect(findings(text, "DF102")[0].message).toContain("write 'AS'");
    expect(fixedClean(text, "DF102")).toBe("FROM alpine AS build\n");
  });
  it("reports 'AS' after a lowercase from", () => {
    expect(fixedClean("from alpine AS build\n", "DF102")).toBe("from alpine as build\n");
  });
  it("reports a mixed-case As", () => {
    expect(fixedClean("FROM alpine As build\n", "DF102")).toBe("FROM alpine AS build\n");
  });
  it("leaves lines alone whose FROM mixes cases (DF104's business)", () => {
    expect(ranges("From alpine as build\n", "DF102")).toEqual([]);
  });
  it("does not fire on matching casing or FROM without a name", () => {
    expect(ranges("FROM alpine AS build\nfrom b as c\nFROM d\n", "DF102")).toEqual([]);
  });
  it("finds AS on a continuation line", () => {
    expect(ranges("FROM alpine \\\n  as build\n", "DF102")).toEqual(["1:2-1:4"]);
  });
});

describe("DF103 NoEmptyContinuation", () => {
  it("reports once per instruction, on its last line as Docker does, and deletes the blank line", () => {
    const text = "FROM a\nRUN echo a \\\n\n    && echo b\n";
    const f = findings(text, "DF103");
    expect(f.map((x) => x.range)).toEqual(["3:4-3:13"]);
    expect(f[0].message).toContain("a blank line inside this continued RUN");
    expect(fixedClean(text, "DF103")).toBe("FROM a\nRUN echo a \\\n    && echo b\n");
  });
  it("points at each blank line as a related location, whitespace-only lines included", () => {
    const { findings: f, ast } = lint("FROM a\nRUN a \\\n   \n  b\n", { only: ["DF103"] });
    expect(f[0].related?.map((r) => ast.lines.range(r.span))).toEqual([
      { start: { line: 2, character: 0 }, end: { line: 2, character: 3 } },
    ]);
  });
  it("reports several blank lines of one instruction once and removes all of them", () => {
    const text = "FROM a\nRUN a \\\n\n  b \\\n\n\n  c\n";
    const f = findings(text, "DF103");
    expect(f.map((x) => x.range)).toEqual(["6:2-6:3"]);
    expect(f[0].message).toContain("3 blank lines");
    expect(fixedClean(text, "DF103")).toBe("FROM a\nRUN a \\\n  b \\\n  c\n");
  });
  it("keeps CRLF line endings intact", () => {
    expect(fixedClean("FROM a\r\nRUN a \\\r\n\r\n  b\r\n", "DF103")).toBe("FROM a\r\nRUN a \\\r\n  b\r\n");
  });
  it("fires in ONBUILD and with the backtick escape", () => {
    expect(ranges("FROM a\nONBUILD RUN a \\\n\n  b\n", "DF103")).toEqual(["3:2-3:3"]);
    expect(ranges("# escape=`\nFROM a\nRUN a `\n\n  b\n", "DF103")).toEqual(["4:2-4:3"]);
  });
  it("does not treat comment lines, heredoc bodies or blank lines between instructions as empty continuations", () => {
    expect(ranges("FROM a\nRUN a \\\n# note\n  b\n\nRUN <<EOF\n\nEOF\n", "DF103")).toEqual([]);
  });
});

describe("DF104 ConsistentInstructionCasing", () => {
  it("reports the keyword that differs from the uppercase majority and fixes it", () => {
    const text = "FROM alpine\nrun echo hi\nCOPY a b\n";
    const f = findings(text, "DF104");
    expect(f.map((x) => x.range)).toEqual(["1:0-1:3"]);
    expect(f[0].message).toBe("'run' is lowercase while 2 of the 3 instructions are uppercase: write 'RUN'");
    expect(fixedClean(text, "DF104")).toBe("FROM alpine\nRUN echo hi\nCOPY a b\n");
  });
  it("follows a lowercase majority", () => {
    expect(fixedClean("from alpine\nrun x\nCOPY a b\n", "DF104")).toBe("from alpine\nrun x\ncopy a b\n");
  });
  it("treats a tie as uppercase, as Docker does", () => {
    expect(ranges("from a\nRUN x\n", "DF104")).toEqual(["0:0-0:4"]);
  });
  it("reports mixed-case keywords whatever the majority", () => {
    const f = findings("FROM a\nRun x\n", "DF104");
    expect(f.map((x) => x.range)).toEqual(["1:0-1:3"]);
    expect(f[0].message).toContain("mixes upper and lower case");
  });
  it("counts and checks ONBUILD triggers and ARGs before the first FROM", () => {
    expect(ranges("FROM a\nONBUILD run x\n", "DF104")).toEqual(["1:8-1:11"]);
    expect(ranges("arg V=1\nFROM a\nRUN b\n", "DF104")).toEqual(["0:0-0:3"]);
  });
  it("does not fire when every keyword has the same casing", () => {
    expect(ranges("FROM a\nRUN b\nONBUILD RUN c\n", "DF104")).toEqual([]);
    expect(ranges("from a\nrun b\n", "DF104")).toEqual([]);
  });
});

describe("DL3024 DuplicateStageName", () => {
  it("reports the second use of a name, naming the first line", () => {
    const text = "FROM node as foo\nRUN something\nFROM scratch as foo\nRUN something\n";
    const f = findings(text, "DL3024");
    expect(f.map((x) => x.range)).toEqual(["2:16-2:19"]);
    expect(f[0].message).toContain("line 1");
  });
  it("compares names without regard to case", () => {
    expect(ranges("FROM a AS Build\nFROM b AS build\n", "DL3024")).toEqual(["1:10-1:15"]);
  });
  it("reports every later duplicate", () => {
    expect(ranges("FROM a AS x\nFROM b AS x\nFROM c AS x\n", "DL3024")).toEqual(["1:10-1:11", "2:10-2:11"]);
  });
  it("does not fire on unique names", () => {
    expect(ranges("FROM scratch as build\nRUN foo\nFROM node as run\nRUN baz\n", "DL3024")).toEqual([]);
  });
});

describe("DL4000 MaintainerDeprecated", () => {
  it("reports MAINTAINER and replaces it by the OCI authors label", () => {
    const text = "FROM busybox\nMAINTAINER hudu@mail.com\n";
    expect(ranges(text, "DL4000")).toEqual(["1:0-1:10"]);
    expect(fixedCleanUnsafe(text, "DL4000")).toBe(
      'FROM busybox\nLABEL org.opencontainers.image.authors="hudu@mail.com"\n',
    );
  });
  it("keeps a name with spaces and angle brackets in one quoted value", () => {
    const text = "FROM a\nMAINTAINER Jane Doe <jane@example.com>\n";
    const out = fixedCleanUnsafe(text, "DL4000");
    expect(out).toBe('FROM a\nLABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"\n');
    expect(pairValues(out)).toEqual(["org.opencontainers.image.authors=Jane Doe <jane@example.com>"]);
  });
  it("drops quotes around the whole text but keeps inner quotes exactly", () => {
    expect(fixedUnsafe('FROM a\nMAINTAINER "Jane Doe"\n', "DL4000")).toBe(
      'FROM a\nLABEL org.opencontainers.image.authors="Jane Doe"\n',
    );
    const out = fixedUnsafe('FROM a\nMAINTAINER "Jane" <j@x.org>\n', "DL4000");
    expect(out).toBe('FROM a\nLABEL org.opencontainers.image.authors="\\"Jane\\" <j@x.org>"\n');
    expect(pairValues(out)).toEqual(['org.opencontainers.image.authors="Jane" <j@x.org>']);
  });
  it("escapes $ and the escape character so nothing is expanded", () => {
    const out = fixedUnsafe("FROM a\nMAINTAINER $USER \\o/\n", "DL4000");
    expect(out).toBe('FROM a\nLABEL org.opencontainers.image.authors="\\$USER \\\\o/"\n');
    expect(pairValues(out)).toEqual(["org.opencontainers.image.authors=$USER \\o/"]);
  });
  it("escapes with the backtick in Windows files", () => {
    const out = fixedUnsafe('# escape=`\nFROM a\nMAINTAINER a"b\n', "DL4000");
    expect(out).toBe('# escape=`\nFROM a\nLABEL org.opencontainers.image.authors="a`"b"\n');
    expect(pairValues(out)).toEqual(['org.opencontainers.image.authors=a"b']);
  });
  it("keeps lowercase keywords lowercase and works before the first FROM", () => {
    expect(fixedUnsafe("from a\nmaintainer Jo\n", "DL4000")).toBe(
      'from a\nlabel org.opencontainers.image.authors="Jo"\n',
    );
    expect(ranges("MAINTAINER Lukas\nFROM DEBIAN\n", "DL4000")).toEqual(["0:0-0:10"]);
  });
  it("joins a continued MAINTAINER into one label", () => {
    expect(fixedUnsafe("FROM a\nMAINTAINER Jane \\\n  Doe\n", "DL4000")).toBe(
      'FROM a\nLABEL org.opencontainers.image.authors="Jane   Doe"\n',
    );
  });
  it("does not fire without MAINTAINER", () => {
    expect(ranges("FROM debian\nLABEL maintainer=x\n", "DL4000")).toEqual([]);
  });
});

describe("DF106 UndefinedArgInFrom", () => {
  it("reports an undeclared variable in the image", () => {
    const f = findings("FROM node:22${VARIANT} AS build\n", "DF106");
    expect(f.map((x) => x.range)).toEqual(["0:12-0:22"]);
    expect(f[0].message).toBe(
      "'VARIANT' is not declared by an ARG before the first FROM, so it expands to an empty string here",
    );
  });
  it("suggests a close name, including the automatic platform arguments", () => {
    const f = findings("FROM --platform=$BUILDPLATFROM golang\n", "DF106");
    expect(f.map((x) => x.range)).toEqual(["0:16-0:30"]);
    expect(f[0].message).toContain("(did you mean BUILDPLATFORM?)");
    expect(findings("ARG VERSION=1\nFROM a:$VERSON\n", "DF106")[0].message).toContain(
      "(did you mean VERSION?)",
    );
  });
  it("accepts global ARGs with or without default and the automatic arguments", () => {
    const text = [
      "ARG VARIANT=-alpine",
      "ARG TAG",
      "FROM node:22${VARIANT}",
      "FROM alpine:$TAG",
      "FROM --platform=$BUILDPLATFORM golang:${TARGETOS}-${TARGETARCH}",
      "",
    ].join("\n");
    expect(ranges(text, "DF106")).toEqual([]);
  });
  it("does not count ARGs declared inside a stage", () => {
    expect(ranges("FROM a\nARG V=1\nFROM b:$V\n", "DF106")).toEqual(["2:7-2:9"]);
  });
});

describe("DF107 UndefinedVar", () => {
  it("reports an undefined variable in COPY, saying the (known) base image does not set it either", () => {
    const f = findings("FROM alpine AS base\nCOPY $foo .\n", "DF107");
    expect(f.map((x) => x.range)).toEqual(["1:5-1:9"]);
    expect(f[0].message).toBe(
      "'$foo' is not defined by an ARG or ENV before this line, nor by the base image 'alpine', so it expands to an empty string",
    );
  });
  it("suggests the likely misspelt name", () => {
    expect(findings("FROM alpine\nENV PATH=$PAHT:/app/bin\n", "DF107")[0].message).toContain(
      "(did you mean $PATH?)",
    );
    expect(findings("FROM a\nARG VERSION=1\nENV V=$VERSOIN\n", "DF107")[0].message).toContain(
      "(did you mean $VERSION?)",
    );
  });
  it("suggests only names defined in the stage or the stages it builds on", () => {
    expect(
      findings("FROM alpine AS one\nARG VERSION=1\nFROM debian\nENV V=$VERSON\n", "DF107")[0].message,
    ).not.toContain("did you mean");
    expect(findings("FROM a AS one\nARG VERSION=1\nFROM one\nENV V=$VERSON\n", "DF107")[0].message).toContain(
      "(did you mean $VERSION?)",
    );
  });
  it("is turned off by check=skip=UndefinedVar", () => {
    expect(ranges("# check=skip=UndefinedVar\nFROM alpine\nCOPY $foo .\n", "DF107")).toEqual([]);
  });
  it("does not mention a base image for stages built from scratch", () => {
    expect(findings("FROM scratch\nCOPY $SRC /\n", "DF107")[0].message).not.toContain("base image");
  });
  it("accepts ARG and ENV defined earlier, in the stage or a parent stage, and PATH", () => {
    const text = [
      "FROM alpine AS a",
      "ARG foo",
      "ENV HOME_DIR=/srv PATH=$PATH:/x",
      "COPY $foo $HOME_DIR",
      "FROM a",
      "WORKDIR $HOME_DIR/$foo",
      "",
    ].join("\n");
    expect(ranges(text, "DF107")).toEqual([]);
  });
  it("needs a global ARG to be declared again in the stage", () => {
    expect(ranges("ARG V=1\nFROM alpine\nCOPY $V /\n", "DF107")).toEqual(["2:5-2:7"]);
    expect(ranges("ARG V=1\nFROM alpine\nARG V\nCOPY $V /\n", "DF107")).toEqual([]);
  });
  it("expands all values of one ENV with the environment from before it, but ARG one by one", () => {
    expect(ranges("FROM alpine\nENV A=1 B=$A\n", "DF107")).toEqual(["1:10-1:12"]);
    expect(ranges("FROM alpine\nARG A=1 B=$A\n", "DF107")).toEqual([]);
  });
  it("treats proxy and platform arguments as undefined until declared", () => {
    expect(ranges("FROM alpine\nENV P=$HTTP_PROXY A=$TARGETARCH\n", "DF107")).toEqual([
      "1:6-1:17",
      "1:20-1:31",
    ]);
    expect(
      ranges("FROM alpine\nARG HTTP_PROXY\nARG TARGETARCH\nENV P=$HTTP_PROXY A=$TARGETARCH\n", "DF107"),
    ).toEqual([]);
  });
  it("reports a default that only covers the unset case, as Docker does", () => {
    expect(ranges("FROM golang\nARG BRANCH=${BRANCH:-main}\n", "DF107")).toEqual(["1:11-1:26"]);
  });
  it("checks RUN --mount options but not the shell command", () => {
    expect(ranges("FROM alpine\nRUN --mount=type=cache,target=$CACHE_DIR echo $HOME\n", "DF107")).toEqual([
      "1:30-1:40",
    ]);
    expect(ranges('FROM alpine\nRUN echo $HOME\nCMD echo $USER\nENTRYPOINT ["$X"]\n', "DF107")).toEqual([]);
  });
  it("covers LABEL, USER, VOLUME, STOPSIGNAL and COPY --chown", () => {
    const text = "FROM debian\nLABEL v=$A\nUSER $B\nVOLUME $C\nSTOPSIGNAL $D\nCOPY --chown=$E x y\n";
    expect(ranges(text, "DF107")).toEqual(["1:8-1:10", "2:5-2:7", "3:7-3:9", "4:11-4:13", "5:13-5:15"]);
  });
  it("skips what Docker does not check: EXPOSE, COPY --from, ONBUILD triggers, global ARG defaults", () => {
    const text = "ARG G=$UNSET\nFROM a\nEXPOSE $PORT\nCOPY --from=$STAGE a b\nONBUILD COPY $X /\n";
    expect(ranges(text, "DF107")).toEqual([]);
  });
  it("ignores text that is not a reference: single quotes, escaped $, and BuildKit's own SBOM switches", () => {
    expect(ranges("FROM a\nENV A='$X' B=\\$Y C=$BUILDKIT_SBOM_SCAN_STAGE\n", "DF107")).toEqual([]);
  });
});

describe("DF108 LegacyKeyValueFormat", () => {
  it("reports the old form and inserts the = for a one-word value", () => {
    const text = "FROM a\nENV JAVA_HOME /opt/java\n";
    const f = findings(text, "DF108");
    expect(f.map((x) => x.range)).toEqual(["1:4-1:23"]);
    expect(f[0].message).toContain("write JAVA_HOME=<value>");
    expect(fixedClean(text, "DF108")).toBe("FROM a\nENV JAVA_HOME=/opt/java\n");
  });
  it("quotes a value with spaces, keeping them exactly", () => {
    const text = "FROM a\nLABEL description A small   image\n";
    const out = fixedClean(text, "DF108");
    expect(out).toBe('FROM a\nLABEL description="A small   image"\n');
    expect(pairValues(out)).toEqual(pairValues(text));
  });
  it("keeps variables live inside the new quotes", () => {
    const text = "FROM a\nENV OPTS -Xmx${MEM:-1g} -server\n";
    const out = fixedClean(text, "DF108");
    expect(out).toBe('FROM a\nENV OPTS="-Xmx${MEM:-1g} -server"\n');
    expect(pairValues(out)).toEqual(pairValues(text));
  });
  it("merges double-quoted parts into one quoted value", () => {
    const text = 'FROM a\nENV MSG Say "hello world" now\n';
    const out = fixedClean(text, "DF108");
    expect(out).toBe('FROM a\nENV MSG="Say hello world now"\n');
    expect(pairValues(out)).toEqual(pairValues(text));
  });
  it("keeps a single quoted word as it is", () => {
    expect(fixedClean('FROM a\nENV A "x y"\n', "DF108")).toBe('FROM a\nENV A="x y"\n');
  });
  it("offers no fix when quoting could change the value", () => {
    expect(findings("FROM a\nENV A it's here\n", "DF108")[0].fixable).toBe(false);
    expect(findings("FROM a\nENV P C:\\dir x\n", "DF108")[0].fixable).toBe(false);
    expect(findings('FROM a\nENV A "${B:-x y}" z\n', "DF108")[0].fixable).toBe(false);
  });
  it("joins a value continued on the next line", () => {
    expect(fixedClean("FROM a\nENV A \\\n  b\n", "DF108")).toBe("FROM a\nENV A=b\n");
  });
  it("fires in ONBUILD triggers and lowercase instructions", () => {
    expect(ranges("FROM a\nONBUILD ENV A b\nlabel x y\n", "DF108")).toEqual(["1:12-1:15", "2:6-2:9"]);
  });
  it("does not fire on key=value", () => {
    expect(ranges('FROM a\nENV A=1 B="2 3"\nLABEL x=y\n', "DF108")).toEqual([]);
  });
});

describe("DF109 InvalidDefaultArgInFrom", () => {
  it("reports a FROM that is invalid without --build-arg, naming the ARG without default", () => {
    const f = findings("ARG TAG\nFROM busybox:${TAG}\n", "DF109");
    expect(f.map((x) => x.range)).toEqual(["1:5-1:19"]);
    expect(f[0].message).toBe(
      "without --build-arg this FROM resolves to 'busybox:', which is not a valid image reference: tag is empty after ':' (TAG has no default)",
    );
  });
  it("reports an empty image name", () => {
    expect(findings("ARG IMAGE\nFROM $IMAGE\n", "DF109")[0].message).toContain("empty image name");
  });
  it("reports a default that makes the reference invalid", () => {
    expect(ranges("ARG NAME=My_App\nFROM $NAME\n", "DF109")).toEqual(["1:5-1:10"]);
  });
  it("accepts defaults, values that may be empty, fallbacks and platform arguments", () => {
    const text = [
      "ARG TAG=latest",
      "ARG VARIANT",
      "ARG OTHER",
      "FROM busybox:${TAG}",
      "FROM busybox:stable${VARIANT}",
      "FROM alpine:${OTHER:-3.14}",
      "FROM golang:1.22-${TARGETOS}",
      "",
    ].join("\n");
    expect(ranges(text, "DF109")).toEqual([]);
  });
  it("treats a name that resolves to an earlier stage as that stage", () => {
    expect(ranges("ARG BASE=Builder\nFROM alpine AS builder\nFROM $BASE\n", "DF109")).toEqual([]);
  });
  it("ignores FROM lines without variables", () => {
    expect(ranges("FROM Builder\n", "DF109")).toEqual([]);
  });
});

describe("DL3065 RedundantTargetPlatform", () => {
  it("reports --platform=$TARGETPLATFORM and removes the flag", () => {
    const text = "FROM --platform=$TARGETPLATFORM alpine\n";
    expect(ranges(text, "DL3065")).toEqual(["0:5-0:31"]);
    expect(fixedClean(text, "DL3065")).toBe("FROM alpine\n");
  });
  it("recognises braces and quotes", () => {
    expect(fixedClean("FROM --platform=${TARGETPLATFORM} alpine AS x\n", "DL3065")).toBe(
      "FROM alpine AS x\n",
    );
    expect(fixedClean('from --platform="$TARGETPLATFORM" alpine\n', "DL3065")).toBe("from alpine\n");
  });
  it("does not fire on other values", () => {
    const text = [
      "FROM --platform=$BUILDPLATFORM a",
      "FROM --platform=${TARGETPLATFORM}-x b",
      "FROM --platform=$TARGETOS/$TARGETARCH c",
      "FROM --platform=linux/amd64 d",
      "",
    ].join("\n");
    expect(ranges(text, "DL3065")).toEqual([]);
  });
  it("does not fire when a global ARG gives TARGETPLATFORM its own default", () => {
    expect(
      ranges("ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine\n", "DL3065"),
    ).toEqual([]);
  });
});

describe("DF113 InvalidDefinitionDescription", () => {
  it("is off unless turned on, as Docker ships it experimental", () => {
    const text = "# the base\nFROM alpine AS base\n";
    expect(lint(text).findings.map((f) => f.code)).not.toContain("DF113");
    expect(lint(text, { severity: { DF113: "info" } }).findings.map((f) => f.code)).toContain("DF113");
  });
  it("is turned on by Docker's check=experimental directive, and by a check= comment for its instruction only", () => {
    const on = "# check=experimental=InvalidDefinitionDescription\n# the base\nFROM alpine AS base\n";
    expect(lint(on).findings.map((f) => f.code)).toContain("DF113");
    const all = "# check=experimental=all\n# the base\nFROM alpine AS base\n";
    expect(lint(all).findings.map((f) => f.code)).toContain("DF113");
    const local = "# x\n# check=experimental=InvalidDefinitionDescription\nARG A\n\n# y\nARG B\n";
    const ast = parse(local);
    const f = lint(local).findings.filter((x) => x.code === "DF113");
    expect(f.map((x) => ast.lines.lineAt(x.span.start))).toEqual([2]);
    // Docker never skips an experimental check it was asked for.
    const both =
      "# check=skip=all;experimental=InvalidDefinitionDescription\n# the base\nFROM alpine AS base\n";
    expect(lint(both).findings.map((f) => f.code)).toContain("DF113");
  });
  it("is informational (Docker's check is experimental)", () => {
    expect(ruleFor("InvalidDefinitionDescription")?.severity).toBe("info");
  });
  it("reports the instruction Docker reports, pointing at the comment", () => {
    const text =
      "# a non-descriptive comment\nFROM scratch AS base\n# another non-descriptive comment\nARG VERSION=1\n";
    const f = findings(text, "DF113");
    expect(f.map((x) => x.range)).toEqual(["1:0-1:20", "3:0-3:13"]);
    expect(f[1].message).toContain("'# VERSION ...'");
    expect(f[1].message).toContain("line 3");
  });
  it("reads the last comment since the previous instruction, across blank lines, as BuildKit's parser does", () => {
    expect(ranges("FROM a AS b\n# unrelated\n\nARG OTHER\n", "DF113")).toEqual(["3:0-3:9"]);
    expect(ranges("FROM a AS b\n# OTHER is fine\n\nARG OTHER\n", "DF113")).toEqual([]);
  });
  it("ends the comment block with an empty # line, which is what separates it for Docker", () => {
    expect(fixedCleanUnsafe("# hello\nFROM a AS b\n", "DF113")).toBe("# hello\n#\nFROM a AS b\n");
    expect(fixedCleanUnsafe("# hello\r\nARG X\r\n", "DF113")).toBe("# hello\r\n#\r\nARG X\r\n");
  });
  it("accepts descriptions, empty comment lines and pragmas", () => {
    const text = [
      "# base is a stage for compiling source",
      "FROM scratch AS base",
      "# VERSION This is the version number.",
      "ARG VERSION=1",
      "# unrelated",
      "#",
      "ARG THIRD",
      "# hadolint ignore=DL3006",
      "FROM debian AS deb",
      "# B is the second one",
      "ARG A B",
      "# a plain FROM has no name to describe",
      "FROM alpine",
      "",
    ].join("\n");
    expect(ranges(text, "DF113")).toEqual([]);
  });
  it("compares stage names lowercased, as Docker does", () => {
    expect(ranges("# Builder compiles\nFROM a AS Builder\n", "DF113")).toEqual(["1:0-1:17"]);
    expect(ranges("# builder compiles\nFROM a AS Builder\n", "DF113")).toEqual([]);
  });
  it("shows a placeholder for several ARG names and ignores parser directives", () => {
    expect(findings("# C\nARG A B\n", "DF113")[0].message).toContain("'# <name> ...'");
    expect(ranges("# syntax=docker/dockerfile:1\nFROM a AS b\n", "DF113")).toEqual([]);
  });
});

describe("DF114 ExposeProtoCasing", () => {
  it("reports the protocol and lowercases it", () => {
    const text = "FROM a\nEXPOSE 80/TCP 53/Udp 443/tcp\n";
    expect(ranges(text, "DF114")).toEqual(["1:10-1:13", "1:17-1:20"]);
    expect(findings(text, "DF114")[0].message).toBe(
      "protocol 'TCP' in '80/TCP' should be lowercase: write '80/tcp'",
    );
    expect(fixedClean(text, "DF114")).toBe("FROM a\nEXPOSE 80/tcp 53/udp 443/tcp\n");
  });
  it("finds the protocol after a host mapping and in ONBUILD", () => {
    expect(ranges("FROM a\nEXPOSE 8080:80/TCP\nONBUILD EXPOSE 1/SCTP\n", "DF114")).toEqual([
      "1:15-1:18",
      "2:17-2:21",
    ]);
  });
  it("leaves unknown protocols, variables and quoted words alone", () => {
    expect(ranges('FROM a\nEXPOSE 80/FOO $P/TCP "80/TCP" 80\n', "DF114")).toEqual([]);
  });
});

describe("DF115 ExposeInvalidFormat", () => {
  it("reports host ports and addresses", () => {
    const text = "FROM a\nEXPOSE 80:80 127.0.0.1:8080:80/udp [::1]:5000:5000\n";
    expect(ranges(text, "DF115")).toEqual(["1:7-1:12", "1:13-1:34", "1:35-1:50"]);
    const f = findings(text, "DF115");
    expect(f[1].message).toContain("('80/udp')");
    expect(f[0].fixable).toBe(false);
  });
  it("does not fire on ports, ranges and protocols", () => {
    expect(ranges("FROM a\nEXPOSE 80 443/tcp 8000-8010/udp\n", "DF115")).toEqual([]);
  });
});

describe("DL3000 WorkdirRelativePath", () => {
  it("reports a relative WORKDIR at its argument", () => {
    const f = findings("FROM a\nWORKDIR app\n", "DL3000");
    expect(f.map((x) => [x.range, x.fixable])).toEqual([["1:8-1:11", false]]);
    expect(f[0].message).toContain("'app'");
  });
  it("reports only the first WORKDIR of a stage chain, as Docker does", () => {
    expect(ranges("FROM a\nWORKDIR /app\nWORKDIR src\n", "DL3000")).toEqual([]);
    expect(ranges("FROM a\nWORKDIR src\nWORKDIR lib\n", "DL3000")).toEqual(["1:8-1:11"]);
    expect(ranges("FROM a AS base\nWORKDIR /app\nFROM base\nWORKDIR src\n", "DL3000")).toEqual([]);
    expect(ranges("FROM a AS base\nWORKDIR /app\nFROM b\nWORKDIR src\n", "DL3000")).toEqual(["3:8-3:11"]);
  });
  it("uses known variable values and leaves unknown ones alone", () => {
    expect(ranges("FROM a\nARG DIR=/app\nWORKDIR $DIR/src\n", "DL3000")).toEqual([]);
    expect(ranges("FROM a\nARG DIR=app\nWORKDIR $DIR\n", "DL3000")).toEqual(["2:8-2:12"]);
    expect(ranges("FROM a\nARG DIR\nWORKDIR $DIR\n", "DL3000")).toEqual([]);
    expect(ranges("FROM a\nWORKDIR ${HOME}/app\n", "DL3000")).toEqual([]);
    expect(ranges("FROM a\nWORKDIR app/$X\n", "DL3000")).toEqual(["1:8-1:14"]);
  });
  it("treats Windows paths as absolute", () => {
    expect(ranges("# escape=`\nFROM a\nWORKDIR C:\\app\n", "DL3000")).toEqual([]);
    expect(ranges("# escape=`\nFROM a\nWORKDIR \\app\n", "DL3000")).toEqual([]);
    expect(ranges("FROM a\nWORKDIR C:/app\n", "DL3000")).toEqual([]);
  });
  it("reports a relative WORKDIR before the first FROM", () => {
    expect(ranges("WORKDIR relative/dir\nFROM a\n", "DL3000")).toEqual(["0:8-0:20"]);
  });
  it("reads the path the way Docker does: with the default escape, C:\\app is C:app", () => {
    expect(ranges("FROM a\nWORKDIR C:\\app\n", "DL3000")).toEqual(["1:8-1:14"]);
  });
});

describe("hadolint cases for DL3000, DL3024 and DL4000", () => {
  const file = new URL("../../../shared/conformance/hadolint/cases.json", import.meta.url);
  interface Case {
    rule: string;
    dockerfile: string;
    expect: "violation" | "ok";
    note: string;
    count?: number;
  }
  const cases: Case[] = existsSync(file)
    ? (JSON.parse(readFileSync(file, "utf8")) as Case[]).filter((c) =>
        ["DL3000", "DL3024", "DL4000"].includes(c.rule),
      )
    : [];
  it("has cases to check", () => {
    expect(cases.length).toBeGreaterThanOrEqual(18);
  });
  for (const c of cases) {
    it(`${c.rule}: ${c.note}`, () => {
      const n = ranges(`${c.dockerfile}\n`, c.rule).length;
      if (c.expect === "ok") expect(n).toBe(0);
      else expect(n).toBe(c.count ?? Math.max(n, 1));
    });
  }
});
