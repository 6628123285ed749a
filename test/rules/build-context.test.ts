/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";
import { type BuildContext, contextOf } from "../../server/model/buildContext.js";
import { findings, fixedUnsafe, ranges } from "./helpers.js";

const APP = ["Dockerfile", "app/main.go", "app/go.mod", "requirements.txt", "config/", "README.md"];

/** A context with the app's files and this .dockerignore. */
function ignoring(ignore: string, origin: BuildContext["origin"] = "explicit"): BuildContext {
  const files: Record<string, string> = Object.fromEntries(APP.map((p) => [p, ""]));
  files[".dockerignore"] = ignore;
  return contextOf(files, { origin });
}

describe("DF116 CopyIgnoredFile", () => {
  const ctx = ignoring("# build output\nREADME.md\nconfig\napp/*.mod\n");
  const msgs = (text: string, buildContext = ctx) =>
    findings(text, "DF116", { buildContext }).map((f) => `${f.range} ${f.message}`);

  it("reports COPY and ADD sources the ignore file excludes, with the pattern's line", () => {
    expect(msgs("FROM alpine\nCOPY README.md /x\nADD config/a.yml app/go.mod /y/\n")).toEqual([
      "1:5-1:14 COPY source 'README.md' is excluded by .dockerignore (line 2: 'README.md'): the builder never receives it",
      "2:4-2:16 ADD source 'config/a.yml' is excluded by .dockerignore (line 3: 'config'): the builder never receives it",
      "2:17-2:27 ADD source 'app/go.mod' is excluded by .dockerignore (line 4: 'app/*.mod'): the builder never receives it",
    ]);
  });
  it("reads ./ and / prefixes as the context root, and expands ARG defaults and --build-arg values", () => {
    const text =
      "FROM alpine\nARG DOC=README.md\nARG DIR\nCOPY ./README.md /README.md ${DOC} /x/\nCOPY ${DIR}/a /y\n";
    expect(ranges(text, "DF116", { buildContext: ctx })).toEqual(["3:5-3:16", "3:17-3:27", "3:28-3:34"]);
    expect(ranges(text, "DF116", { buildContext: ctx, buildArgs: { DIR: "config", DOC: "x" } })).toEqual([
      "3:5-3:16",
      "3:17-3:27",
      "4:5-4:13",
    ]);
  });
  it("stays quiet for COPY --from, heredocs, URLs, ONBUILD triggers and sources it cannot expand", () => {
    const text = [
      "FROM alpine AS base",
      "ARG WHERE",
      "COPY --from=base README.md /x",
      "COPY <<README.md /x\nhello\nREADME.md",
      "ADD https://example.com/README.md /x",
      "ONBUILD COPY README.md /x",
      "COPY $WHERE /x",
      "",
    ].join("\n");
    expect(msgs(text)).toEqual([]);
  });
  it("checks every stage of a multi-stage file", () => {
    expect(
      ranges("FROM alpine AS a\nCOPY app/main.go /\nFROM a\nCOPY config /c\n", "DF116", {
        buildContext: ctx,
      }),
    ).toEqual(["3:5-3:11"]);
  });
  it("reads \\ as a folder separator in a file with the Windows escape character", () => {
    const text =
      "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY config\\app.yml C:\\app\\\n";
    expect(ranges(text, "DF116", { buildContext: ctx })).toEqual(["2:5-2:19"]);
  });
  it("judges the context root only when a pattern takes every root entry", () => {
    expect(ranges("FROM alpine\nCOPY . /src\n", "DF116", { buildContext: ignoring("*\n") })).toEqual([
      "1:5-1:6",
    ]);
    expect(ranges("FROM alpine\nCOPY . /src\n", "DF116", { buildContext: ignoring(".*\n") })).toEqual([]);
  });
  it("is off when the ignore file has an exception or a pattern Docker refuses, and without an ignore file", () => {
    const text = "FROM alpine\nCOPY README.md /x\n";
    expect(ranges(text, "DF116", { buildContext: ignoring("README.md\n!app\n") })).toEqual([]);
    expect(ranges(text, "DF116", { buildContext: ignoring("README.md\n[\n") })).toEqual([]);
    expect(ranges(text, "DF116", { buildContext: contextOf(APP) })).toEqual([]);
    expect(ranges(text, "DF116")).toEqual([]);
  });
  it("also uses a context that is only the Dockerfile's folder (nothing is reported without an ignore file)", () => {
    expect(
      ranges("FROM alpine\nCOPY README.md /x\n", "DF116", { buildContext: ignoring("README.md", "default") }),
    ).toEqual(["1:5-1:14"]);
  });
  it("answers to # check=skip=CopyIgnoredFile", () => {
    expect(
      ranges("# check=skip=CopyIgnoredFile\nFROM alpine\nCOPY README.md /x\n", "DF116", {
        buildContext: ctx,
      }),
    ).toEqual([]);
  });
});

describe("DF220 CopyMissingSource", () => {
  const ctx = contextOf(APP);
  const msgs = (text: string, options: Parameters<typeof findings>[2] = { buildContext: ctx }) =>
    findings(text, "DF220", options).map((f) => `${f.range} ${f.message}`);

  it("reports a source that is not in the context, with the closest name in its folder", () => {
    expect(msgs("FROM python:3.13\nCOPY requirement.txt app/mian.go nothing-like-it /app/\n")).toEqual([
      "1:5-1:20 the build context has no file or folder 'requirement.txt' (did you mean 'requirements.txt'?): the build fails here",
      "1:21-1:32 'app' has no file or folder 'mian.go' (did you mean 'main.go'?): the build fails here",
      "1:33-1:48 the build context has no file or folder 'nothing-like-it': the build fails here",
    ]);
  });
  it("reports a folder on the way that is missing or is a file", () => {
    expect(msgs("FROM alpine\nCOPY ap/main.go README.md/x /\n")).toEqual([
      "1:5-1:15 the build context has no folder 'ap' (did you mean 'app'?): the build fails here",
      "1:16-1:27 'README.md' is a file, not a folder: the build fails here",
    ]);
  });
  it("offers the suggestion as an unsafe fix of just that name", () => {
    expect(fixedUnsafe("FROM alpine\nCOPY ./app/mian.go /\n", "DF220", { buildContext: ctx })).toBe(
      "FROM alpine\nCOPY ./app/main.go /\n",
    );
    expect(
      findings('FROM alpine\nCOPY ["app/mian.go", "/"]\n', "DF220", { buildContext: ctx })[0].fixable,
    ).toBe(false);
  });
  it("finds what exists: files, folders, the root, ./ / and .. prefixes, exec form", () => {
    const text =
      'FROM alpine\nCOPY . ./app /app/main.go ../README.md config /x/\nCOPY ["requirements.txt", "/r"]\n';
    expect(msgs(text)).toEqual([]);
  });
  it("leaves wildcards alone: BuildKit copies nothing for a pattern that matches nothing", () => {
    expect(msgs("FROM alpine\nCOPY *.whl app/*.rs docs/[a-z]* /x/\n")).toEqual([]);
  });
  it("skips variables the build decides, and checks their values once a --build-arg decides them", () => {
    const text = "FROM alpine\nARG SRC\nARG DEF=app\nCOPY ${SRC}/main.go ${DEF}/go.sum /x/\n";
    expect(ranges(text, "DF220", { buildContext: ctx })).toEqual(["3:20-3:33"]);
    expect(ranges(text, "DF220", { buildContext: ctx, buildArgs: { SRC: "src", DEF: "app" } })).toEqual([
      "3:5-3:19",
      "3:20-3:33",
    ]);
  });
  it("stays quiet for COPY --from, heredocs, URLs, git sources and ONBUILD triggers", () => {
    const text = [
      "FROM alpine AS base",
      "COPY --from=base /nothing /x",
      "COPY <<EOF /x\nhello\nEOF",
      "ADD https://example.com/a.tgz git@github.com:moby/buildkit.git /x/",
      "ONBUILD COPY nothing /x",
      "",
    ].join("\n");
    expect(msgs(text)).toEqual([]);
  });
  it("reads \\ as a folder separator with the Windows escape character", () => {
    const text =
      "# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCOPY app\\main.go app\\nope.go C:\\app\\\n";
    expect(ranges(text, "DF220", { buildContext: ctx })).toEqual(["2:17-2:28"]);
    expect(
      ranges("# escape=`\nFROM nanoserver\nCOPY C:\\nope C:\\app\\\n", "DF220", { buildContext: ctx }),
    ).toEqual([]);
  });
  it("checks every stage", () => {
    expect(
      ranges("FROM alpine AS a\nCOPY app /a\nFROM a\nCOPY nope /n\n", "DF220", { buildContext: ctx }),
    ).toEqual(["3:5-3:9"]);
  });
  it("says when the stage is one the build does not reach, for the last stage or the --target", () => {
    const text = "FROM alpine AS tools\nCOPY nope /n\nFROM alpine AS app\nCOPY nada /n\n";
    expect(msgs(text).map((m) => m.slice(m.indexOf(": ") + 2))).toEqual([
      "building stage 'tools' fails here (the last stage does not need it)",
      "the build fails here",
    ]);
    const targeted = msgs(text, { buildContext: ctx, settings: { target: "tools" } });
    expect(targeted.map((m) => m.slice(m.indexOf(": ") + 2))).toEqual([
      "the build fails here",
      "building stage 'app' fails here (the target does not need it)",
    ]);
  });
  it("says nothing when the context folder itself cannot be read", () => {
    const unreadable: BuildContext = {
      origin: "explicit",
      list: () => undefined,
      ignoreFile: () => undefined,
    };
    expect(ranges("FROM alpine\nCOPY nope /n\n", "DF220", { buildContext: unreadable })).toEqual([]);
  });
  it("runs only with a context the user named, never with the Dockerfile's folder as a guess", () => {
    const text = "FROM alpine\nCOPY nope /n\n";
    expect(ranges(text, "DF220", { buildContext: contextOf(APP, { origin: "default" }) })).toEqual([]);
    expect(ranges(text, "DF220")).toEqual([]);
  });
  it("counts a file the ignore file keeps out as missing when exceptions turn DF116 off", () => {
    const files = {
      ...Object.fromEntries(APP.map((p) => [p, ""])),
      ".dockerignore": "*.md\napp\n!app/main.go\n",
    };
    const text = "FROM alpine\nCOPY README.md app app/main.go app/go.mod /x/\n";
    expect(msgs(text, { buildContext: contextOf(files) })).toEqual([
      "1:5-1:14 'README.md' is in the folder but .dockerignore keeps it out of the build context: the build fails here",
      "1:31-1:41 'app/go.mod' is in the folder but .dockerignore keeps it out of the build context: the build fails here",
    ]);
    // Without exceptions the same files are DF116's.
    const plain = contextOf({ ...files, ".dockerignore": "*.md\n" });
    expect(ranges(text, "DF220", { buildContext: plain })).toEqual([]);
    expect(lint(text, { buildContext: plain }).findings.map((f) => f.code)).toContain("DF116");
  });
});

describe("build arguments reach every rule", () => {
  const codes = (text: string, buildArgs?: Record<string, string>) =>
    lint(text, buildArgs ? { buildArgs } : {}).findings.map((f) => f.code);

  it("make a FROM image known (DL3007 sees :latest), while DF109 still judges the defaults, as BuildKit does", () => {
    const text = "ARG TAG\nFROM ubuntu:${TAG}\n";
    expect(codes(text)).toEqual(["DF109"]);
    expect(codes(text, { TAG: "latest" })).toEqual(["DF109", "DL3007"]);
  });
  it("replace the file's # check= directive with BUILDKIT_DOCKERFILE_CHECK", () => {
    const text = "# check=skip=all\nFROM alpine:3.20 as base\n";
    expect(codes(text)).toEqual([]);
    expect(codes(text, { BUILDKIT_DOCKERFILE_CHECK: "skip=StageNameCasing" })).toEqual(["DF102"]);
  });
});
