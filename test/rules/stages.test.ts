/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { findings, fixedUnsafe, ranges, related } from "./helpers.js";

const lines = (...l: string[]) => `${l.join("\n")}\n`;

describe("DF203 unnamed stage that nothing uses", () => {
  it("fires on an unnamed stage before the last one that nothing copies from", () => {
    const text = lines("FROM golang:1.22", "RUN go build -o /app .", "FROM alpine:3.19", "COPY app /app");
    const [f] = findings(text, "DF203");
    expect(f.range).toBe("0:0-0:16");
    expect(f.message).toBe(
      "stage 0 has no name and no COPY --from=0 reads it: no build needs it, and BuildKit skips it",
    );
  });

  it("fires on every unused unnamed stage, with FROM flags and a continuation in the range", () => {
    const text = lines("FROM --platform=linux/amd64 \\", "  debian:12", "FROM alpine:3.19 AS a", "FROM a");
    expect(ranges(text, "DF203")).toEqual(["0:0-1:11"]);
  });

  it("fires under a Windows escape line", () => {
    const text = lines(
      "# escape=`",
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
      "RUN dir",
      "FROM `",
      "  mcr.microsoft.com/windows/nanoserver:ltsc2022",
    );
    expect(ranges(text, "DF203")).toEqual(["1:0-1:50"]);
  });

  it("does not fire on a stage read by index (in ONBUILD too), on the last stage, or on named stages", () => {
    expect(
      ranges(lines("FROM alpine:3 AS x", "FROM alpine:3", "FROM alpine:3", "COPY --from=1 /a /a"), "DF203"),
    ).toEqual([]);
    expect(ranges(lines("FROM alpine:3", "FROM alpine:3", "ONBUILD COPY --from=0 /a /a"), "DF203")).toEqual(
      [],
    );
    expect(ranges(lines("FROM alpine:3"), "DF203")).toEqual([]);
    expect(ranges(lines("FROM alpine:3 AS test", "FROM alpine:3"), "DF203")).toEqual([]);
  });

  it("does not fire when a COPY --from has a variable, which could be any index", () => {
    const text = lines(
      "ARG SRC=0",
      "FROM alpine:3",
      "FROM alpine:3",
      "FROM alpine:3",
      "COPY --from=$SRC /a /a",
    );
    expect(ranges(text, "DF203")).toEqual([]);
  });

  it("counts a stage that only reads itself as unused", () => {
    expect(ranges(lines("FROM alpine:3", "COPY --from=0 /a /b", "FROM alpine:3"), "DF203")).toEqual([
      "0:0-0:13",
    ]);
  });
});

describe("DF204 named stage that the build never reaches", () => {
  it("fires on a named stage the last stage does not need, at its name", () => {
    const text = lines("FROM node:20 AS deps", "RUN npm ci", "FROM node:20 AS app", "COPY . .");
    const [f] = findings(text, "DF204");
    expect(f.range).toBe("0:16-0:20");
    expect(f.message).toBe(
      "the build of the last stage never needs stage 'deps', so BuildKit skips it; build it with --target deps or remove it",
    );
  });

  it("follows FROM, COPY --from, RUN --mount=from and ONBUILD to the stages the target needs", () => {
    const text = lines(
      "FROM alpine:3 AS a",
      "FROM alpine:3 AS b",
      "FROM alpine:3 AS c",
      "FROM alpine:3 AS d",
      "ONBUILD COPY --from=d /x /x",
      "FROM a AS e",
      "COPY --from=b /x /x",
      "RUN --mount=type=bind,from=c,target=/c \\",
      "    --mount=type=bind,from=d,target=/d true",
      "FROM e",
    );
    expect(ranges(text, "DF204")).toEqual([]);
  });

  it("reports a stage that only an unreached stage uses", () => {
    const text = lines("FROM alpine:3 AS tools", "FROM tools AS test", "FROM alpine:3 AS final");
    expect(ranges(text, "DF204")).toEqual(["0:17-0:22", "1:14-1:18"]);
  });

  it("measures against a named target instead of the last stage", () => {
    const text = lines("FROM alpine:3 AS base", "FROM base AS prod", "FROM alpine:3 AS test");
    expect(ranges(text, "DF204", { settings: { target: "PROD" } })).toEqual(["2:17-2:21"]);
    expect(findings(text, "DF204", { settings: { target: "prod" } })[0].message).toContain(
      "the target 'prod'",
    );
    expect(ranges(text, "DF204", { settings: { target: "nope" } })).toEqual([]);
  });

  it("counts every stage a variable could name", () => {
    const text = lines(
      "ARG TARGETOS",
      "FROM scratch AS binary-linux",
      "FROM scratch AS binary-windows",
      "FROM scratch AS other",
      "FROM alpine:3 AS tool-bin",
      "FROM binary-${TARGETOS} AS binary",
      "ARG TOOL=tool",
      "RUN --mount=from=${TOOL}-bin,target=/t true",
    );
    expect(ranges(text, "DF204")).toEqual(["3:16-3:21"]);
  });

  it("stays quiet when a COPY --from or a whole mount source is a variable", () => {
    expect(ranges(lines("FROM alpine:3 AS a", "FROM alpine:3", "COPY --from=${X} /a /a"), "DF204")).toEqual(
      [],
    );
    expect(
      ranges(lines("FROM alpine:3 AS a", "FROM alpine:3", "RUN --mount=from=$X,target=/x true"), "DF204"),
    ).toEqual([]);
  });

  it("is off by default", () => {
    const text = lines("FROM node:20 AS deps", "FROM node:20 AS app");
    expect(findings(text).filter((f) => f.code === "DF204")).toEqual([]);
  });
});

describe("DF205 FROM or RUN --mount names a later or misspelt stage", () => {
  it("fires on FROM the name of a later stage, which FROM takes as an image", () => {
    const text = lines("FROM base AS app", "RUN make", "FROM debian:12 AS base");
    const [f] = findings(text, "DF205");
    expect(f.range).toBe("0:5-0:9");
    expect(f.message).toBe(
      "'base' is the name of the stage on line 3, after this FROM; FROM only sees earlier stages, so this pulls an image called 'base'",
    );
    expect(related(text, "DF205")).toEqual(["2:18-2:22 the stage defined later"]);
  });

  it("fires on a RUN --mount=from of a later stage, also through a continuation", () => {
    const text = lines(
      "FROM alpine:3",
      "RUN --mount=type=bind,\\",
      "from=tools,target=/t /t/run",
      "FROM alpine:3 AS tools",
    );
    expect(findings(text, "DF205").map((f) => `${f.range} ${f.message}`)).toEqual([
      "1:12-2:20 stage 'tools' is defined on line 4, after this RUN; BuildKit can only mount a stage built before it and stops here",
    ]);
  });

  it("fires on a misspelt stage name in FROM and in a mount, with an unsafe fix", () => {
    const text = lines(
      "FROM golang:1.22 AS builder",
      "FROM biulder AS test",
      "RUN --mount=from=buidler,source=/out,target=/out /out/app",
    );
    expect(findings(text, "DF205").map((f) => `${f.range} ${f.message}`)).toEqual([
      "1:5-1:12 no stage is named 'biulder', so this pulls an image called 'biulder' (did you mean 'builder'?)",
      "2:17-2:24 no stage is named 'buidler', so this mounts an image called 'buidler' (did you mean 'builder'?)",
    ]);
    expect(fixedUnsafe(text, "DF205")).toBe(
      lines(
        "FROM golang:1.22 AS builder",
        "FROM builder AS test",
        "RUN --mount=from=builder,source=/out,target=/out /out/app",
      ),
    );
  });

  it("suggests the stage whose last part the word is", () => {
    const text = lines(
      "FROM alpine:3 AS license-set",
      "FROM alpine:3",
      "RUN --mount=from=set,target=/s true",
    );
    expect(findings(text, "DF205")[0].message).toContain("(did you mean 'license-set'?)");
  });

  it("does not fire on images: official names, references with a tag or path, far names", () => {
    const text = lines(
      "FROM alpine:3 AS nodes",
      "FROM node",
      "RUN --mount=from=busybox,target=/b true",
      "RUN --mount=from=nodes:1,target=/n true",
      "RUN --mount=from=ghcr.io/org/nodes,target=/n true",
      "RUN --mount=from=something-else,target=/n true",
      "FROM nginx AS nginx",
    );
    expect(ranges(text, "DF205")).toEqual([]);
  });

  it("does not fire on variables, earlier stages, ONBUILD triggers or an official image named like a later stage", () => {
    const text = lines(
      "ARG BASE=biulder",
      "FROM golang:1.22 AS builder",
      "FROM $BASE",
      "RUN --mount=from=builder,target=/b true",
      "ONBUILD RUN --mount=from=later,target=/l true",
      "FROM node AS x",
      "FROM alpine:3 AS node",
      "FROM alpine:3 AS later",
    );
    expect(ranges(text, "DF205")).toEqual([]);
  });

  it("fires under a Windows escape line", () => {
    const text = lines(
      "# escape=`",
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022 AS build",
      "FROM biuld",
    );
    expect(ranges(text, "DF205")).toEqual(["2:5-2:10"]);
  });
});

describe("DL3022 did-you-mean", () => {
  it("names the closest earlier stage and offers an unsafe fix", () => {
    const text = lines("FROM golang:1.22 AS build", "FROM alpine:3", "COPY --from=biuld /app /app");
    expect(findings(text, "DL3022")[0].message).toBe(
      "no stage named 'biuld' is defined before this COPY; Docker would pull an image called 'biuld' instead (did you mean 'build'?)",
    );
    expect(fixedUnsafe(text, "DL3022")).toBe(
      lines("FROM golang:1.22 AS build", "FROM alpine:3", "COPY --from=build /app /app"),
    );
  });

  it("offers no fix for a quoted value or without a close name", () => {
    expect(
      findings(lines("FROM alpine:3 AS build", "FROM alpine:3", 'COPY --from="biuld" /a /a'), "DL3022")[0]
        .fixable,
    ).toBe(false);
    expect(
      findings(lines("FROM alpine:3 AS build", "FROM alpine:3", "COPY --from=other /a /a"), "DL3022")[0]
        .fixable,
    ).toBe(false);
  });
});

describe("DF206 stages that depend on each other", () => {
  it("fires on a COPY from a later stage that is built FROM the copying one", () => {
    const text = lines(
      "FROM alpine:3.19 AS base",
      "COPY --from=tools /bin/tool /bin/tool",
      "FROM base AS tools",
      "RUN make-tool",
    );
    const [f] = findings(text, "DF206");
    expect(f.range).toBe("1:12-1:17");
    expect(f.message).toBe(
      "circular dependency: 'base' → 'tools' → 'base'; BuildKit stops before building anything",
    );
    expect(related(text, "DF206")).toEqual(["2:5-2:9 stage 'tools' is built FROM 'base' (line 3)"]);
  });

  it("follows copies and mounts round three stages, by index too", () => {
    const text = lines(
      "FROM busybox AS stage0",
      "COPY --from=2 f1 /sub/",
      "FROM busybox AS stage1",
      "COPY --from=stage0 f2 /sub/",
      "FROM busybox AS stage2",
      "RUN --mount=from=stage1,target=/s \\",
      "  cp /s/f2 /f1",
    );
    expect(findings(text, "DF206").map((f) => `${f.range} ${f.message}`)).toEqual([
      "1:12-1:13 circular dependency: 'stage0' → 'stage2' → 'stage1' → 'stage0'; BuildKit stops before building anything",
    ]);
    expect(related(text, "DF206")).toEqual([
      "5:17-5:23 stage 'stage2' mounts 'stage1' (line 6)",
      "3:12-3:18 stage 'stage1' copies from 'stage0' (line 4)",
    ]);
  });

  it("fires on a stage that mounts itself", () => {
    expect(
      findings(lines("FROM alpine:3 AS app", "RUN --mount=from=app,target=/a true"), "DF206")[0].message,
    ).toBe("stage 'app' mounts itself on line 2: BuildKit stops with a circular dependency");
  });

  it("does not fire on FROM a later name (an image), a plain later reference, a self COPY, or ONBUILD", () => {
    expect(ranges(lines("FROM b AS a", "FROM alpine:3 AS b", "COPY --from=a /x /x"), "DF206")).toEqual([]);
    expect(ranges(lines("FROM alpine:3 AS a", "COPY --from=b /x /x", "FROM alpine:3 AS b"), "DF206")).toEqual(
      [],
    );
    expect(ranges(lines("FROM alpine:3 AS a", "COPY --from=a /x /x"), "DF206")).toEqual([]);
    expect(
      ranges(lines("FROM alpine:3 AS a", "ONBUILD COPY --from=b /x /x", "FROM a AS b"), "DF206"),
    ).toEqual([]);
  });

  it("fires under a Windows escape line", () => {
    const text = lines(
      "# escape=`",
      "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022 AS a",
      "COPY --from=b `",
      "  C:/x C:/x",
      "FROM a AS b",
    );
    expect(ranges(text, "DF206")).toEqual(["2:12-2:13"]);
  });
});

describe("DF207 shell form in a stage built FROM scratch", () => {
  it("fires on RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD in shell form", () => {
    const text = lines(
      "FROM scratch AS app",
      "COPY --from=build /out/app /app",
      "RUN /app --init",
      "HEALTHCHECK --interval=5s CMD /app --ping",
      "ENTRYPOINT /app --serve",
      "FROM scratch AS other",
      "CMD /app --port 80",
    );
    expect(findings(text, "DF207").map((f) => `${f.range} ${f.message}`)).toEqual([
      "2:4-2:15 shell-form RUN runs /bin/sh -c, but stage 'app' is built FROM scratch and nothing copies a shell into it: the build fails here; use the JSON form",
      "3:30-3:41 shell-form HEALTHCHECK runs /bin/sh -c, but stage 'app' is built FROM scratch and nothing copies a shell into it: every probe fails and the container is never healthy; use the JSON form",
      "4:11-4:23 shell-form ENTRYPOINT runs /bin/sh -c, but stage 'app' is built FROM scratch and nothing copies a shell into it: the container cannot start; use the JSON form",
      "6:4-6:18 shell-form CMD runs /bin/sh -c, but stage 'other' is built FROM scratch and nothing copies a shell into it: the container cannot start; use the JSON form",
    ]);
    expect(fixedUnsafe(lines("FROM scratch", "ENTRYPOINT /app --serve"), "DF207")).toBe(
      lines("FROM scratch", 'ENTRYPOINT ["/app", "--serve"]'),
    );
  });

  it("follows FROM chains of stages, heredocs and continuations, and ONBUILD RUN", () => {
    const text = lines(
      "FROM scratch AS base",
      "COPY app /app",
      "FROM base",
      "RUN <<EOF",
      "/app --init",
      "EOF",
      "RUN /app \\",
      "  --check",
      "ONBUILD RUN /app --again",
    );
    expect(ranges(text, "DF207")).toEqual(["3:4-3:9", "6:4-7:9", "8:12-8:24"]);
  });

  it("fires under a Windows escape line", () => {
    const text = lines("# escape=`", "FROM scratch", "COPY app /app", "RUN /app `", "  --init");
    expect(ranges(text, "DF207")).toEqual(["3:4-4:8"]);
  });

  it("does not fire once something could have put a shell at /bin/sh", () => {
    const quiet = [
      ["ADD rootfs.tar.gz /", "RUN true"],
      ["COPY --from=busybox:1.36 /bin/busybox /bin/", "RUN true"],
      ["COPY --from=busybox:1.36 /bin /usr/bin", "RUN true"],
      ["COPY --from=tools / /", "RUN true"],
      ["COPY busybox /busybox", 'SHELL ["/busybox", "sh", "-c"]', "RUN true"],
      ["COPY --from=tools /bin/sh /bin/sh", "RUN true"],
      ["COPY . .", "RUN true"],
      ["WORKDIR /usr", "COPY bin bin", "RUN true"],
      ["WORKDIR $DIR", "COPY x x", "RUN true"],
      ["ARG DIR=/srv", "WORKDIR $DIR", "WORKDIR ../bin", "COPY x .", "RUN true"],
      ["COPY $SRC /x", "RUN true"],
      ["COPY tool /tool", 'RUN ["/tool", "--install-shell"]', "RUN true"],
      ["RUN --mount=from=busybox:1.36,target=/bin sh -c true"],
      ["RUN <<EOF", "#!/tool", "run", "EOF"],
      ["CMD /app", "COPY --from=busybox:1.36 /bin /bin"],
      ['RUN ["/app"]', 'CMD ["/app"]', "HEALTHCHECK NONE"],
      ['ENTRYPOINT ["/app"]', "CMD serve --port 80"],
    ];
    for (const body of quiet)
      expect(ranges(lines("FROM scratch", ...body), "DF207"), body.join("; ")).toEqual([]);
  });

  it("does not fire on a CMD that a stage built on this one gets a shell for, or on a base that is not scratch", () => {
    const text = lines(
      "FROM scratch AS base",
      "CMD /app",
      "FROM base",
      "COPY --from=busybox:1.36 /bin/sh /bin/sh",
    );
    expect(ranges(text, "DF207")).toEqual([]);
    expect(ranges(lines("ARG BASE=scratch", "FROM $BASE", "RUN true"), "DF207")).toEqual([]);
    expect(ranges(lines("FROM alpine:3", "RUN true"), "DF207")).toEqual([]);
  });

  it("reads the working directory of a stage built on this one with that stage's WORKDIRs", () => {
    const text = lines("FROM scratch AS base", "CMD /app", "FROM base", "WORKDIR /srv", "COPY tool .");
    expect(ranges(text, "DF207")).toEqual(["1:4-1:8"]);
    expect(
      ranges(
        lines("FROM scratch AS base", "CMD /app", "FROM base", "WORKDIR /usr", "COPY tool bin/"),
        "DF207",
      ),
    ).toEqual([]);
  });

  it("still fires on a RUN before the shell is copied in", () => {
    expect(ranges(lines("FROM scratch", "RUN true", "COPY --from=busybox:1.36 /bin /bin"), "DF207")).toEqual([
      "1:4-1:8",
    ]);
  });
});

describe("stage suggestions", () => {
  it("give short words one edit only, then try the stage whose last part the word is", () => {
    const text = lines(
      "FROM alpine:3 AS test",
      "FROM alpine:3 AS license-set",
      "FROM scratch",
      "COPY --from=set /out /",
    );
    expect(findings(text, "DL3022")[0].message).toContain("(did you mean 'license-set'?)");
  });
});
