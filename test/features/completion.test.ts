/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile and snippet syntax */
import { describe, expect, it } from "vitest";
import { type CompletionItemData, complete } from "../../server/features/completion.js";
import { at, textOf } from "./helpers.js";

/** Completion at the `|` of the text. */
function completeAt(source: string, snippets = false) {
  const { doc, offset } = at(source);
  const items = complete(doc, offset, { snippets });
  return {
    items,
    labels: items.map((i) => i.label),
    /** The text every item replaces (they all replace the same word). */
    replaced: [...new Set(items.map((i) => textOf(doc, i.replace)))],
    replace: items[0]?.replace,
  };
}

const item = (items: CompletionItemData[], label: string) => items.find((i) => i.label === label);

describe("completion of instructions", () => {
  it("at the start of a line, most used first; the typed word is replaced", () => {
    const { labels, replace, replaced, items } = completeAt("FROM alpine\nRU|\n");
    expect(labels).toEqual([
      "FROM",
      "RUN",
      "COPY",
      "WORKDIR",
      "ENV",
      "ARG",
      "CMD",
      "ENTRYPOINT",
      "EXPOSE",
      "USER",
      "LABEL",
      "ADD",
      "HEALTHCHECK",
      "VOLUME",
      "SHELL",
      "STOPSIGNAL",
      "ONBUILD",
    ]);
    expect(replace).toEqual({ start: 12, end: 14 });
    expect(replaced).toEqual(["RU"]);
    expect(item(items, "RUN")).toMatchObject({
      kind: "instruction",
      insertText: "RUN ",
      detail: "Runs a command while the image is built and records its result as a new layer.",
    });
    expect(item(items, "RUN")?.documentation).toMatch(/^\*\*RUN\*\* — /);
  });

  it("the replace range covers the whole word under the cursor", () => {
    expect(completeAt("FROM alpine\nCO|PY\n").replace).toEqual({ start: 12, end: 16 });
  });

  it("no second space when a blank follows the word", () => {
    const { items, replaced } = completeAt("FROM alpine\nR|UN echo hi\n");
    expect(replaced).toEqual(["RUN"]);
    expect(item(items, "RUN")?.insertText).toBe("RUN");
  });

  it("only FROM and ARG before the first FROM", () => {
    expect(completeAt("|").labels).toEqual(["FROM", "ARG"]);
    expect(completeAt("ARG V=1\n|\nFROM alpine\n").labels).toEqual(["FROM", "ARG"]);
  });

  it("with snippets, one per form, filtered by the keyword", () => {
    const { items } = completeAt("FROM alpine\nCM|\n", true);
    const cmd = items.filter((i) => i.filterText === "CMD");
    expect(cmd.map((i) => [i.label, i.insertText])).toEqual([
      ['CMD ["executable", "arg"]', 'CMD ["${1:executable}", "${2:arg}"]'],
      ["CMD command", "CMD ${1:command}"],
    ]);
    expect(cmd.every((i) => i.isSnippet)).toBe(true);
    expect(completeAt("FROM alpine\nCM|\n", false).items.some((i) => i.isSnippet)).toBe(false);
  });

  it("after ONBUILD, the instructions a trigger may be", () => {
    const { labels, replaced } = completeAt("FROM alpine\nONBUILD C|\n");
    expect(labels).not.toContain("FROM");
    expect(labels).not.toContain("ONBUILD");
    expect(labels).toContain("COPY");
    expect(replaced).toEqual(["C"]);
  });
});

describe("completion of flags", () => {
  it("the flags of the instruction", () => {
    const { labels, items, replaced } = completeAt("FROM alpine\nCOPY --|\n");
    expect(labels).toEqual(["--from", "--chown", "--chmod", "--link", "--parents", "--exclude"]);
    expect(replaced).toEqual(["--"]);
    expect(item(items, "--from")?.insertText).toBe("--from=");
    expect(item(items, "--link")?.insertText).toBe("--link");
    expect(item(items, "--from")?.documentation).toMatch(
      /^\*\*COPY --from=<stage\|index\|image\|context>\*\* — /,
    );
  });

  it("renaming a flag that has a value keeps the value", () => {
    const { items, replaced } = completeAt("FROM alpine AS b\nFROM alpine\nCOPY --fr|om=b /x /y\n");
    expect(replaced).toEqual(["--from"]);
    expect(item(items, "--from")?.insertText).toBe("--from");
  });

  it("not a flag given already, unless it may repeat", () => {
    const { labels } = completeAt("FROM alpine\nRUN --network=none --mount=type=cache,target=/x --|\n");
    expect(labels).toEqual(["--mount", "--security", "--device"]);
  });

  it("on a continuation line, with \\ or with escape=`", () => {
    const plain = completeAt("FROM alpine\nRUN \\\n  --net|\n");
    expect(plain.labels).toEqual(["--mount", "--network", "--security", "--device"]);
    expect(plain.replaced).toEqual(["--net"]);
    expect(completeAt("# escape=`\nFROM alpine\nCOPY `\n  --ch|\n").labels).toEqual([
      "--from",
      "--chown",
      "--chmod",
      "--link",
      "--parents",
      "--exclude",
    ]);
  });

  it("with CRLF line ends", () => {
    const { labels, replace } = completeAt("FROM alpine AS a\r\nFROM alpine\r\nCOPY --from=|\r\n");
    expect(labels).toEqual(["a"]);
    expect(replace).toEqual({ start: 43, end: 43 });
    expect(completeAt("FROM alpine\r\nWO|\r\n").replace).toEqual({ start: 13, end: 15 });
  });

  it("no flags after the first argument", () => {
    expect(completeAt("FROM alpine\nRUN apt-get \\\n  --|\n").labels).toEqual([]);
  });

  it("flag values", () => {
    expect(completeAt("FROM alpine\nRUN --network=|\n").labels).toEqual(["default", "none", "host"]);
    const platform = completeAt("FROM --platform=$B| alpine\n");
    expect(platform.labels.slice(0, 2)).toEqual(["BUILDARCH", "BUILDOS"]);
    expect(platform.labels).toContain("HTTP_PROXY");
    expect(platform.replaced).toEqual(["B"]);
    expect(completeAt("FROM --platform=l| alpine\n").labels).toEqual([
      "$BUILDPLATFORM",
      "$TARGETPLATFORM",
      "linux/amd64",
      "linux/arm64",
      "linux/arm/v7",
    ]);
  });

  it("HEALTHCHECK: its options, CMD and NONE", () => {
    expect(completeAt("FROM alpine\nHEALTHCHECK |\n").labels).toEqual([
      "CMD",
      "NONE",
      "--interval",
      "--timeout",
      "--start-period",
      "--start-interval",
      "--retries",
    ]);
    expect(completeAt("FROM alpine\nHEALTHCHECK --interval=5s --|\n").labels).toEqual([
      "--timeout",
      "--start-period",
      "--start-interval",
      "--retries",
    ]);
  });
});

describe("completion of --mount", () => {
  it("type first, then the keys of the type", () => {
    expect(completeAt("FROM alpine\nRUN --mount=|\n").labels).toEqual([
      "type=",
      "from=",
      "source=",
      "target=",
      "ro",
      "rw",
    ]);
    const cache = completeAt("FROM alpine\nRUN --mount=type=cache,t|\n");
    expect(cache.labels).toEqual([
      "from=",
      "source=",
      "target=",
      "id=",
      "sharing=",
      "mode=",
      "uid=",
      "gid=",
      "ro",
      "rw",
    ]);
    expect(cache.replaced).toEqual(["t"]);
    expect(completeAt("FROM alpine\nRUN --mount=type=secret,id=x,|\n").labels).toEqual([
      "source=",
      "target=",
      "required",
      "mode=",
      "uid=",
      "gid=",
      "ro",
      "rw",
      "env=",
    ]);
  });

  it("values of type and sharing", () => {
    const types = completeAt("FROM alpine\nRUN --mount=type=ca|che,target=/x\n");
    expect(types.labels).toEqual(["bind", "cache", "tmpfs", "secret", "ssh"]);
    expect(types.replaced).toEqual(["cache"]);
    expect(completeAt("FROM alpine\nRUN --mount=type=cache,sharing=|\n").labels).toEqual([
      "shared",
      "private",
      "locked",
    ]);
  });

  it("from= names earlier stages", () => {
    const { labels, items } = completeAt(
      "FROM alpine AS deps\nFROM alpine AS app\nRUN --mount=type=bind,from=|\n",
    );
    expect(labels).toEqual(["deps"]);
    expect(item(items, "deps")).toMatchObject({ kind: "stage", detail: "stage 0: FROM alpine" });
  });
});

describe("completion of stages, AS and signals", () => {
  const stages = "FROM golang AS build\nFROM alpine\nFROM node AS web\n";

  it("COPY --from: earlier stages, by name or by index when unnamed", () => {
    const { labels, replaced } = completeAt(`${stages}COPY --from=b| /a /b\n`);
    expect(labels).toEqual(["build", "1"]);
    expect(replaced).toEqual(["b"]);
  });

  it("FROM: earlier stages and scratch, then AS", () => {
    expect(completeAt(`${stages}FROM |\n`).labels).toEqual(["build", "web", "scratch"]);
    const as = completeAt("FROM alpine |\n");
    expect(as.labels).toEqual(["AS"]);
    expect(as.items[0].insertText).toBe("AS ");
    expect(completeAt("FROM alpine AS |\n").labels).toEqual([]);
  });

  it("STOPSIGNAL: signal names", () => {
    const { labels, items } = completeAt("FROM alpine\nSTOPSIGNAL SIGQ|\n");
    expect(labels.slice(0, 3)).toEqual(["SIGTERM", "SIGINT", "SIGQUIT"]);
    expect(item(items, "SIGQUIT")).toMatchObject({
      kind: "signal",
      detail: "3: quit; nginx and others shut down gracefully on it",
    });
    expect(completeAt("FROM alpine\nSTOPSIGNAL SIGQUIT |\n").labels).toEqual([]);
  });
});

describe("completion of variables", () => {
  const file = "ARG VERSION=1.0\nFROM alpine\nARG VERSION\nENV APP=/opt/app\n";

  it("after $: the variables in scope here, this file's first, with their values", () => {
    const { labels, items, replaced } = completeAt(`${file}RUN echo $A|\n`);
    expect(labels.slice(0, 2)).toEqual(["APP", "VERSION"]);
    expect(labels).toContain("HTTP_PROXY");
    expect(labels).not.toContain("TARGETARCH");
    expect(replaced).toEqual(["A"]);
    expect(item(items, "APP")).toMatchObject({ kind: "variable", detail: "ENV = /opt/app" });
    expect(item(items, "VERSION")?.documentation).toContain(
      "Value: `1.0` (the default of the global ARG on line 1)",
    );
  });

  it("after ${: the closing brace is inserted unless it is there", () => {
    expect(item(completeAt(`${file}WORKDIR \${|\n`).items, "APP")?.insertText).toBe("APP}");
    expect(item(completeAt(`${file}WORKDIR \${A|}\n`).items, "APP")?.insertText).toBeUndefined();
  });

  it("not before the definition", () => {
    const { labels } = completeAt("FROM alpine\nRUN echo $|\nENV LATER=1\n");
    expect(labels).not.toContain("LATER");
  });

  it("in FROM: the global ARGs and the platform ARGs", () => {
    const { labels } = completeAt("ARG BASE=alpine\nFROM $|\n");
    expect(labels).toContain("BASE");
    expect(labels).toContain("TARGETPLATFORM");
  });

  it("ARG names: global ARGs this stage has not declared, and predefined ARGs", () => {
    const { labels } = completeAt("ARG VERSION=1\nARG OTHER\nFROM alpine\nARG OTHER\nARG |\n");
    expect(labels[0]).toBe("VERSION");
    expect(labels).not.toContain("OTHER");
    expect(labels).toContain("TARGETARCH");
  });

  it("in a heredoc body that is expanded, and nowhere else in it", () => {
    expect(completeAt("FROM alpine\nENV A=1\nRUN <<EOF\necho $|\nEOF\n").labels).toContain("A");
    expect(completeAt("FROM alpine\nENV A=1\nRUN <<'EOF'\necho $|\nEOF\n").labels).toEqual([]);
    expect(completeAt("FROM alpine\nRUN <<EOF\nR|\nEOF\n").labels).toEqual([]);
  });

  it("not after $$ or an escaped $", () => {
    expect(completeAt("FROM alpine\nENV A=1\nRUN echo $$|\n").labels).toEqual([]);
    expect(completeAt("FROM alpine\nENV A=1\nRUN echo \\$|\n").labels).toEqual([]);
  });
});

describe("completion in comments", () => {
  it("directive names at the top of the file, then their values", () => {
    const names = completeAt("# |\nFROM alpine\n");
    expect(names.labels).toEqual(["syntax=", "escape=", "check="]);
    expect(completeAt("# syntax=docker/dockerfile:1\n# |\nFROM alpine\n").labels).toEqual([
      "escape=",
      "check=",
    ]);
    const values = completeAt("# escape=|\nFROM alpine\n");
    expect(values.labels).toEqual(["\\", "`"]);
    const syntax = completeAt("# syntax=doc|\nFROM alpine\n");
    expect(syntax.labels[0]).toBe("docker/dockerfile:1");
    expect(syntax.replaced).toEqual(["doc"]);
  });

  it("# check=: its settings, then Docker's check names", () => {
    expect(completeAt("# check=error=true;|\nFROM alpine\n").labels).toEqual([
      "skip=",
      "error=true",
      "experimental=all",
    ]);
    const names = completeAt("# check=skip=StageNameCasing,Fro|\nFROM alpine\n");
    expect(names.replaced).toEqual(["Fro"]);
    expect(names.labels[0]).toBe("all");
    expect(names.labels).toContain("FromAsCasing");
    expect(names.labels).not.toContain("StageNameCasing");
  });

  it("no directives below the top", () => {
    expect(completeAt("FROM alpine\n# |\n").labels).toEqual([]);
    expect(completeAt("# a comment\n# |\nFROM alpine\n").labels).toEqual([]);
  });

  it("pragmas: their keys and rule codes", () => {
    expect(completeAt("FROM alpine\n# dflint |\nRUN x\n").labels).toEqual([
      "ignore=",
      "global ignore=",
      "stage ignore=",
      "shell=",
    ]);
    const codes = completeAt("FROM alpine\n# hadolint ignore=DL3008,DL300|\nRUN x\n");
    expect(codes.replaced).toEqual(["DL300"]);
    expect(codes.labels).toContain("DL3009");
    expect(codes.labels).not.toContain("DL3008");
    expect(completeAt("FROM alpine\n# hado|\nRUN x\n").labels).toEqual(["hadolint ignore="]);
    const reason = completeAt("FROM alpine\n# dflint ignore=DL3008 r|\nRUN x\n");
    expect(reason.labels[0]).toBe("reason=");
    expect(reason.replaced).toEqual(["r"]);
    expect(completeAt("FROM alpine\n# dflint ignore=DL3008 reason=pinned |\nRUN x\n").labels).toEqual([]);
    expect(completeAt("FROM alpine\n# h|ttps://example.com\nRUN x\n").labels).toEqual([]);
  });

  it("nothing in ordinary comments", () => {
    expect(completeAt("FROM alpine\n# install the |\nRUN x\n").labels).toEqual([]);
    expect(completeAt("FROM alpine\nRUN a \\\n# note |\n  && b\n").labels).toEqual([]);
  });
});

describe("nothing fits", () => {
  it.each([
    ["inside a RUN command", "FROM alpine\nRUN apt-get ins|\n"],
    ["after MAINTAINER", "FROM alpine\nMAINTAINER me|\n"],
    ["in the JSON of an exec form", 'FROM alpine\nCMD ["ec|"]\n'],
    ["a COPY source", "FROM alpine\nCOPY sr| /dst\n"],
    ["after a full flag value", "FROM alpine\nRUN --network=none |x\n"],
  ])("%s", (_name, source) => {
    expect(completeAt(source).labels).toEqual([]);
  });
});
