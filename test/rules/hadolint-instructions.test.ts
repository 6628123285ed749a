/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax */
import { describe, expect, it } from "vitest";
import { type LintOptions, lint } from "../../server/lint/index.js";
import type { LabelSchema } from "../../server/rules/types.js";
import { findings, fixed, ranges } from "./helpers.js";

const DIGEST = "sha256:7959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb";

function trusting(...trustedRegistries: string[]): LintOptions {
  return { settings: { trustedRegistries } };
}

function schema(labelSchema: LabelSchema, strictLabels = false): LintOptions {
  return { settings: { labelSchema, strictLabels } };
}

describe("DL1001 inline ignore pragma", () => {
  it("fires on an ignore for the next instruction and names the silenced rules", () => {
    const text = "FROM alpine:3.19\n# hadolint ignore=DL3018,DL3019 # no pinning here\nRUN apk add curl\n";
    const [f] = findings(text, "DL1001");
    expect(f.range).toBe("1:0-1:49");
    expect(f.message).toContain("silences DL3018, DL3019 inline");
  });

  it("fires on our own spelling and on stage ignores", () => {
    expect(ranges("# dflint stage ignore=DL3006\nFROM alpine\n", "DL1001")).toEqual(["0:0-0:28"]);
    expect(ranges("FROM alpine:3\n#dflint ignore = DL3059\nRUN a\n", "DL1001")).toEqual(["1:0-1:23"]);
  });

  it("does not fire on global ignores, shell pragmas or ordinary comments", () => {
    const text =
      "# hadolint global ignore=DL3006\n# hadolint shell=powershell\n# ignore=DL3006\nFROM alpine\n";
    expect(ranges(text, "DL1001")).toEqual([]);
  });

  it("is off by default, like in hadolint, and a severity override turns it on", () => {
    const text = "# hadolint ignore=DL3006\nFROM alpine\n";
    expect(lint(text).findings.map((f) => f.code)).not.toContain("DL1001");
    expect(
      lint(text, { severity: { DL1001: "warning" } }).findings.find((f) => f.code === "DL1001")?.severity,
    ).toBe("warning");
  });
});

describe("DL3002 last USER is root", () => {
  it("fires on the last USER of a stage when it is root, by name or uid, with or without a group", () => {
    expect(ranges("FROM debian:12\nUSER root\n", "DL3002")).toEqual(["1:5-1:9"]);
    expect(ranges("FROM debian:12\nUSER 0:0\n", "DL3002")).toEqual(["1:5-1:8"]);
    expect(ranges("FROM debian:12\nuser root:staff\n", "DL3002")).toEqual(["1:5-1:15"]);
  });

  it("does not fire when the stage switches to another user afterwards", () => {
    expect(ranges("FROM debian:12\nUSER root\nRUN make\nUSER app\n", "DL3002")).toEqual([]);
    expect(ranges("FROM debian:12\nUSER rooter\n", "DL3002")).toEqual([]);
    expect(ranges("FROM debian:12\nUSER $RUN_AS\n", "DL3002")).toEqual([]);
  });

  it("judges every stage on its own and names it", () => {
    const text = "FROM debian:12 AS build\nUSER root\nRUN make\nFROM debian:12\nUSER app\n";
    const found = findings(text, "DL3002");
    expect(found.map((f) => f.range)).toEqual(["1:5-1:9"]);
    expect(found[0].message).toContain("stage 'build'");
  });

  it("ignores a USER inside ONBUILD, which applies to a later build", () => {
    expect(ranges("FROM debian:12\nUSER app\nONBUILD USER root\n", "DL3002")).toEqual([]);
  });
});

describe("DL3006 base image without a tag", () => {
  it("fires on the image word of an untagged FROM", () => {
    const [f] = findings("FROM debian\n", "DL3006");
    expect(f.range).toBe("0:5-0:11");
    expect(f.message).toContain("'debian' has no tag");
    expect(ranges("FROM gcr.io/distroless/static\n", "DL3006")).toEqual(["0:5-0:29"]);
    expect(findings("FROM gcr.io/distroless/static\n", "DL3006")[0].message).toContain(
      "'gcr.io/distroless/static:<version>'",
    );
    expect(ranges("from node as build\n", "DL3006")).toEqual(["0:5-0:9"]);
  });

  it("does not fire on tags, digests, scratch or stage names", () => {
    const text = `FROM ruby:3.3 AS base\nFROM base\nFROM ruby@${DIGEST}\nFROM scratch\n`;
    expect(ranges(text, "DL3006")).toEqual([]);
  });

  it("leaves images alone whose last part is a variable, which may carry the tag", () => {
    expect(ranges("FROM ${IMAGE}\nFROM node$SUFFIX\n", "DL3006")).toEqual([]);
    expect(ranges("FROM ${REGISTRY}/node\n", "DL3006")).toEqual(["0:5-0:21"]);
  });

  it("judges a FROM that takes its image from a global ARG by the ARG's default", () => {
    const [f] = findings("ARG IMAGE=node\nFROM $IMAGE\n", "DL3006");
    expect(f.range).toBe("1:5-1:11");
    expect(f.message).toContain("(that is 'node')");
    expect(ranges("ARG IMAGE=node:20\nFROM $IMAGE\n", "DL3006")).toEqual([]);
  });
});

describe("DL3007 base image tagged latest", () => {
  it("fires on the tag", () => {
    expect(ranges("FROM debian:latest\n", "DL3007")).toEqual(["0:12-0:18"]);
    expect(ranges("FROM ghcr.io/org/app:latest AS app\n", "DL3007")).toEqual(["0:21-0:27"]);
  });

  it("does not fire on other tags or when a digest pins the image", () => {
    expect(ranges(`FROM debian:12\nFROM debian:latest@${DIGEST}\nFROM debian\n`, "DL3007")).toEqual([]);
  });

  it("points at the whole word when the tag comes from a variable's default", () => {
    expect(ranges("ARG TAG=latest\nFROM debian:$TAG\n", "DL3007")).toEqual(["1:5-1:16"]);
  });
});

describe("DL3011 EXPOSE port out of range", () => {
  it("fires on ports and ranges above 65535", () => {
    const found = findings("EXPOSE 80 80000/udp\nEXPOSE 40000-80000/tcp\n", "DL3011");
    expect(found.map((f) => f.range)).toEqual(["0:10-0:19", "1:7-1:22"]);
    expect(found[0].message).toContain("port 80000");
  });

  it("does not fire on valid ports or on variables", () => {
    expect(ranges("EXPOSE 0 65535 8000-9000/tcp ${PORT} 40000-${END}\n", "DL3011")).toEqual([]);
  });

  it("checks ONBUILD EXPOSE too", () => {
    expect(ranges("FROM alpine:3\nONBUILD EXPOSE 99999\n", "DL3011")).toEqual(["1:15-1:20"]);
  });
});

describe("DL3021 several sources need a destination ending in /", () => {
  it("fires on the destination and adds the slash", () => {
    const text = "FROM node:20\nCOPY package.json package-lock.json /app\n";
    const [f] = findings(text, "DL3021");
    expect(f.range).toBe("1:36-1:40");
    expect(f.message).toContain("COPY has 2 sources");
    expect(f.fixable).toBe(true);
    const out = fixed(text, "DL3021");
    expect(out).toBe("FROM node:20\nCOPY package.json package-lock.json /app/\n");
    expect(ranges(out, "DL3021")).toEqual([]);
  });

  it("puts the slash inside quotes and exec-form strings", () => {
    expect(fixed('COPY a b "my dir"\n', "DL3021")).toBe('COPY a b "my dir/"\n');
    const exec = 'ADD ["a", "b", "dest"]\n';
    expect(ranges(exec, "DL3021")).toEqual(["0:15-0:21"]);
    expect(fixed(exec, "DL3021")).toBe('ADD ["a", "b", "dest/"]\n');
    expect(ranges(fixed(exec, "DL3021"), "DL3021")).toEqual([]);
  });

  it("counts heredocs as sources", () => {
    const text = "FROM alpine:3\nCOPY <<A <<B /etc/app\none\nA\ntwo\nB\n";
    expect(ranges(text, "DL3021")).toEqual(["1:13-1:21"]);
  });

  it("does not fire on one source, a trailing slash, or a variable destination", () => {
    const text = "COPY a /app\nCOPY a b /app/\nCOPY a b $DEST\nCOPY --from=build a b ./\n";
    expect(ranges(text, "DL3021")).toEqual([]);
  });

  it("accepts a trailing backslash, which Windows daemons read as a directory", () => {
    expect(ranges("# escape=`\nFROM servercore\nCOPY a b C:\\app\\\n", "DL3021")).toEqual([]);
    expect(ranges("FROM servercore\nCOPY a b C:\\\\app\\\\\n", "DL3021")).toEqual([]);
  });

  it("offers no fix where escapes make the destination's end unclear", () => {
    const text = "COPY a b \\\n  de\\st\n";
    expect(findings(text, "DL3021").map((f) => f.fixable)).toEqual([false]);
  });
});

describe("DL3022 COPY --from names no earlier stage", () => {
  it("fires on an unknown stage name", () => {
    const [f] = findings("FROM golang:1.22 AS build\nFROM alpine:3\nCOPY --from=biuld /app /app\n", "DL3022");
    expect(f.range).toBe("2:12-2:17");
    expect(f.message).toContain("no stage named 'biuld'");
  });

  it("fires on a stage defined after the COPY and says where", () => {
    const [f] = findings("FROM scratch\nCOPY --from=build foo .\nFROM node:20 AS build\n", "DL3022");
    expect(f.range).toBe("1:12-1:17");
    expect(f.message).toContain("defined on line 3");
  });

  it("fires on a stage index that does not exist before the COPY", () => {
    expect(ranges("FROM alpine:3\nCOPY --from=1 /x /x\n", "DL3022")).toEqual(["1:12-1:13"]);
    expect(ranges("COPY --from=0 /x /x\n", "DL3022")).toEqual(["0:12-0:13"]);
  });

  it("does not fire on earlier stages (by name in any case, or index) or on image references", () => {
    const text =
      "FROM alpine:3 AS Build\nFROM alpine:3\nCOPY --from=build /x /x\nCOPY --from=0 /x /x\n" +
      "COPY --from=nginx:1.25 /etc/nginx /etc/nginx\nCOPY --from=ghcr.io/org/tool /tool /tool\n";
    expect(ranges(text, "DL3022")).toEqual([]);
  });

  it("leaves self references to DL3023 and ONBUILD COPY to the later build", () => {
    expect(
      ranges("FROM alpine:3 AS app\nCOPY --from=app /a /b\nONBUILD COPY --from=gone /a /b\n", "DL3022"),
    ).toEqual([]);
  });
});

describe("DL3023 COPY --from its own stage", () => {
  it("fires on the stage's own name or index", () => {
    expect(ranges("FROM node:20 AS app\nCOPY --from=app /a /b\n", "DL3023")).toEqual(["1:12-1:15"]);
    expect(ranges("FROM node:20\nFROM node:20\ncopy --from=1 /a /b\n", "DL3023")).toEqual(["2:12-2:13"]);
  });

  it("does not fire on an earlier stage", () => {
    expect(ranges("FROM node:20 AS deps\nFROM node:20 AS app\nCOPY --from=deps /a /b\n", "DL3023")).toEqual(
      [],
    );
  });
});

describe("DL3026 image from an untrusted registry", () => {
  it("does nothing without trusted registries", () => {
    expect(ranges("FROM random.com/debian:12\n", "DL3026")).toEqual([]);
  });

  it("fires on the registry of a FROM image, or on the word for Docker Hub images", () => {
    const found = findings(
      "FROM quay.io/org/app:1\nFROM node:20\n",
      "DL3026",
      trusting("registry.example.com"),
    );
    expect(found.map((f) => f.range)).toEqual(["0:5-0:12", "1:5-1:12"]);
    expect(found[1].message).toContain("comes from Docker Hub");
  });

  it("treats every spelling of Docker Hub alike", () => {
    const text = "FROM node:20\nFROM library/node:20\nFROM index.docker.io/library/node:20\n";
    expect(ranges(text, "DL3026", trusting("docker.io"))).toEqual([]);
    expect(ranges(text, "DL3026", trusting("hub.docker.com"))).toEqual([]);
  });

  it("honours * patterns", () => {
    const text = "FROM eu.example.com/app:1\nFROM example.com/app:1\n";
    expect(ranges(text, "DL3026", trusting("*.example.com"))).toEqual(["1:5-1:16"]);
    expect(ranges(text, "DL3026", trusting("*"))).toEqual([]);
    expect(ranges(text, "DL3026", trusting("eu.*"))).toEqual(["1:5-1:16"]);
  });

  it("leaves registries alone that come from a variable without a default", () => {
    const text = "FROM $IMAGE\nFROM ${REGISTRY}/app:1\nARG BASE=node:20\n";
    expect(ranges(text, "DL3026", trusting("example.com"))).toEqual([]);
    expect(ranges("ARG BASE=node:20\nFROM $BASE\n", "DL3026", trusting("example.com"))).toEqual(["1:5-1:10"]);
  });

  it("does not fire on stages of the file or scratch", () => {
    const text = "FROM example.com/base:1 AS base\nFROM base\nFROM scratch\n";
    expect(ranges(text, "DL3026", trusting("example.com"))).toEqual([]);
  });

  it("checks images in COPY --from and RUN --mount=from", () => {
    const text =
      "FROM example.com/base:1 AS base\nCOPY --from=quay.io/org/tool:1 /t /t\nCOPY --from=base /a /a\n" +
      "RUN --mount=type=cache,from=ghcr.io/x/y:1,target=/c true\n";
    expect(ranges(text, "DL3026", trusting("example.com"))).toEqual(["1:12-1:19", "3:28-3:35"]);
  });
});

describe("DL3029 FROM --platform with a fixed value", () => {
  it("fires on the flag", () => {
    const [f] = findings("FROM --platform=linux/amd64 node:20\n", "DL3029");
    expect(f.range).toBe("0:5-0:27");
    expect(f.message).toContain("--platform=linux/amd64");
  });

  it("does not fire on variables or without the flag", () => {
    const text =
      'FROM --platform=$BUILDPLATFORM node:20\nFROM --platform="${BUILDPLATFORM:-}" node:20\nFROM node:20\n';
    expect(ranges(text, "DL3029")).toEqual([]);
  });

  it("accepts a fixed platform in a stage named after it, Docker's multi-platform pattern", () => {
    const text =
      "FROM --platform=linux/arm64 alpine:3 AS build-arm64\nFROM --platform=linux/amd64 alpine:3 AS x86\n";
    expect(ranges(text, "DL3029")).toEqual(["1:5-1:27"]);
  });
});

describe("DL3043 ONBUILD with ONBUILD, FROM or MAINTAINER", () => {
  it("fires on the trigger's keyword", () => {
    const text = "FROM node:20\nONBUILD ONBUILD RUN x\nonbuild from debian:12\nONBUILD MAINTAINER me\n";
    expect(ranges(text, "DL3043")).toEqual(["1:8-1:15", "2:8-2:12", "3:8-3:18"]);
  });

  it("does not fire on allowed triggers or on FROM and MAINTAINER outside ONBUILD", () => {
    const text =
      "FROM node:20\nMAINTAINER me\nONBUILD RUN x\nONBUILD COPY . /app\nONBUILD HEALTHCHECK NONE\n";
    expect(ranges(text, "DL3043")).toEqual([]);
  });
});

describe("DL3044 ENV uses a variable it sets itself", () => {
  it("fires on the reference to a variable set earlier in the same ENV", () => {
    const [f] = findings("ENV A=1 B=$A\n", "DL3044");
    expect(f.range).toBe("0:10-0:12");
    expect(f.message).toContain('not "1"');
    expect(ranges('ENV DIR="/opt/app" BIN="${DIR}/bin"\n', "DL3044")).toEqual(["0:24-0:30"]);
  });

  it("fires on a variable set twice in one ENV, for the second value only", () => {
    expect(ranges("ENV PATH=/a:$PATH PATH=/b:$PATH\n", "DL3044")).toEqual(["0:26-0:31"]);
  });

  it("does not fire on similar names, separate ENVs, self references or later pairs", () => {
    const text =
      'ENV BLA="x" B="$BLAFOO/${FOOBLA}"\nENV C=1\nENV D=$C\nENV PATH=/x:$PATH\nENV E=$F F=1\nENV G=1 H=\\$G\n';
    expect(ranges(text, "DL3044")).toEqual([]);
  });

  it("checks ONBUILD ENV and spans continuation lines", () => {
    expect(ranges("FROM alpine:3\nONBUILD ENV A=1 \\\n    B=$A\n", "DL3044")).toEqual(["2:6-2:8"]);
  });
});

describe("DL3045 COPY to a relative path without WORKDIR", () => {
  it("fires on the relative destination", () => {
    const [f] = findings("FROM node:20\nCOPY package.json .\n", "DL3045");
    expect(f.range).toBe("1:18-1:19");
    expect(f.message).toContain("'.' is relative");
    expect(ranges('COPY a "b"\nADD a b\n', "DL3045")).toEqual(["0:7-0:10", "1:6-1:7"]);
  });

  it("does not fire after a WORKDIR, on absolute paths, drive paths or variables", () => {
    const text =
      'FROM node:20\nCOPY a /abs\nCOPY a c:\\app\\a\nCOPY a "d:/x"\nCOPY a $DEST\nWORKDIR /app\nCOPY a b\n';
    expect(ranges(text, "DL3045")).toEqual([]);
  });

  it("only counts a WORKDIR that comes before the COPY", () => {
    expect(ranges("FROM node:20\nCOPY a b\nWORKDIR /app\n", "DL3045")).toEqual(["1:7-1:8"]);
  });

  it("counts a WORKDIR inherited from a stage the stage is built on, and only that", () => {
    const inherits = "FROM node:20 AS base\nWORKDIR /app\nFROM base AS mid\nFROM mid\nCOPY a b\n";
    expect(ranges(inherits, "DL3045")).toEqual([]);
    const unrelated = "FROM node:20 AS base\nWORKDIR /app\nFROM node:20\nCOPY a b\n";
    expect(ranges(unrelated, "DL3045")).toEqual(["3:7-3:8"]);
  });

  it("lets an ONBUILD COPY rely on the image's WORKDIR or an earlier ONBUILD WORKDIR", () => {
    expect(ranges("FROM node:20\nONBUILD WORKDIR /app\nONBUILD COPY . .\n", "DL3045")).toEqual([]);
    expect(ranges("FROM node:20\nONBUILD COPY . .\nWORKDIR /app\n", "DL3045")).toEqual([]);
    expect(ranges("FROM node:20\nONBUILD COPY . .\n", "DL3045")).toEqual(["1:15-1:16"]);
  });

  it("reads the destination of the exec form and of a Windows Dockerfile", () => {
    expect(ranges('FROM node:20\nCOPY ["a", "b"]\n', "DL3045")).toEqual(["1:11-1:14"]);
    expect(ranges("# escape=`\nFROM servercore\nCOPY a C:\\app\\\n", "DL3045")).toEqual([]);
  });
});

describe("DL3048 invalid label key", () => {
  it("fires on the key and says what is wrong", () => {
    const text =
      'LABEL Maintainer="me"\nLABEL com.docker.version=1\nLABEL .x=1 1x=1 a..b=1 a-=1\nLABEL in$valid="foo"\n';
    const found = findings(text, "DL3048");
    expect(found.map((f) => f.range)).toEqual([
      "0:6-0:16",
      "1:6-1:24",
      "2:6-2:8",
      "2:11-2:13",
      "2:16-2:20",
      "2:23-2:25",
      "3:6-3:14",
    ]);
    expect(found[0].message).toContain("'M' is not allowed");
    expect(found[1].message).toContain("'com.docker' is a namespace Docker reserves");
  });

  it("does not fire on keys in reverse-DNS form, quoted or not", () => {
    const text = 'LABEL org.opencontainers.image.source=x "com.example.team-a"=y version1=z\n';
    expect(ranges(text, "DL3048")).toEqual([]);
  });
});

describe("DL3049 required label missing", () => {
  const source = schema({ "org.opencontainers.image.source": "url" });

  it("fires on the FROM of a stage that lacks a schema label", () => {
    const [f] = findings("FROM alpine:3 AS app\nLABEL team=x\n", "DL3049", source);
    expect(f.range).toBe("0:0-0:20");
    expect(f.message).toContain("label 'org.opencontainers.image.source'");
    expect(f.message).toContain("stage 'app'");
  });

  it("does nothing without a label schema", () => {
    expect(ranges("FROM alpine:3\n", "DL3049")).toEqual([]);
  });

  it("counts labels set in the stage, inherited, or passed on to a stage built on it", () => {
    const label = "LABEL org.opencontainers.image.source=https://x\n";
    expect(ranges(`FROM alpine:3\n${label}`, "DL3049", source)).toEqual([]);
    expect(ranges(`FROM alpine:3 AS base\n${label}FROM base\n`, "DL3049", source)).toEqual([]);
    expect(ranges(`FROM alpine:3 AS base\nFROM base\n${label}`, "DL3049", source)).toEqual([]);
  });

  it("skips stages that others only copy from, and reports each image apart", () => {
    const text = "FROM golang:1 AS build\nFROM alpine:3\nCOPY --from=build /a /a\nFROM alpine:3\n";
    expect(ranges(text, "DL3049", source)).toEqual(["1:0-1:13", "3:0-3:13"]);
  });
});

describe("DL3050 label not in the label schema", () => {
  it("fires on keys the schema does not list when labels are strict", () => {
    const text = "LABEL version=1.0.0 team=x\n";
    expect(ranges(text, "DL3050", schema({ version: "semver" }, true))).toEqual(["0:20-0:24"]);
  });

  it("does not fire unless labels are strict", () => {
    expect(ranges("LABEL team=x\n", "DL3050", schema({ version: "semver" }))).toEqual([]);
  });
});

describe("DL3051 schema label is empty", () => {
  it("fires on an empty value of a schema label", () => {
    expect(ranges('LABEL a="" b=""\n', "DL3051", schema({ a: "text" }))).toEqual(["0:8-0:10"]);
  });

  it("does not fire on filled values or variables", () => {
    expect(ranges('LABEL a="x"\nLABEL a=$EMPTY\n', "DL3051", schema({ a: "text" }))).toEqual([]);
  });
});

describe("label value formats of the schema (DL3052-DL3056, DL3058)", () => {
  const cases: [string, LabelSchema[string], string[], string[]][] = [
    [
      "DL3052",
      "url",
      ["https://example.com/a?b=c#d", "mailto:x@example.com"],
      ["not-url", '"https://x y"', "http://x/%zz"],
    ],
    [
      "DL3053",
      "rfc3339",
      ["2021-03-10T10:26:33.564595127+01:00", "2024-02-29T23:59:60Z", '"2024-05-01 12:00:00z"'],
      ["not-date", "2024-05-01", "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-05-01T24:00:00Z"],
    ],
    [
      "DL3054",
      "spdx",
      [
        "MIT",
        "bsd-3-clause",
        '"(MIT OR Apache-2.0) AND BSD-3-Clause"',
        '"GPL-2.0-only WITH Classpath-exception-2.0"',
        "LicenseRef-acme",
        "GPL-2.0+",
      ],
      ["not-spdx", '"Apache 2"', '"MIT OR"', '"(MIT"', '"MIT WITH nothing"'],
    ],
    [
      "DL3055",
      "hash",
      ["2dbfae9", "43c572f1272b6b3171dd1db9e41b7027128ce080"],
      ["main", "2DBFAE9", "2dbfae", "43c572f1272b6b3171dd1db9e41b7027128ce0801"],
    ],
    [
      "DL3056",
      "semver",
      ["1.0.0", "2.0.1-rc1", "1.0.0-alpha.1+build.5"],
      ["v1.0.0", "1.0", "01.0.0", "1.0.0-01", "1.0.0+"],
    ],
    [
      "DL3058",
      "email",
      ["abcd@google.com", '"\\"a b\\"@example.com"', "x@[192.168.0.1]"],
      ["not-email", "a@", '"a b@c.com"', "a..b@c.com"],
    ],
  ];

  for (const [code, type, good, bad] of cases) {
    describe(`${code} (${type})`, () => {
      it("fires on the value of each bad label", () => {
        for (const value of bad) {
          const found = findings(`LABEL x=${value}\n`, code, schema({ x: type }));
          expect(
            found.map((f) => f.range),
            value,
          ).toEqual([`0:8-0:${8 + value.length}`]);
          expect(found[0].message).toContain("label 'x' must be");
        }
      });

      it("does not fire on good values, other labels or variables", () => {
        for (const value of good)
          expect(ranges(`LABEL x=${value}\n`, code, schema({ x: type })), value).toEqual([]);
        expect(ranges(`LABEL other=${bad[0]} x=$VALUE\n`, code, schema({ x: type }))).toEqual([]);
      });
    });
  }
});

describe("DL3057 HEALTHCHECK missing", () => {
  it("fires on the FROM of an image without a health check", () => {
    const [f] = findings("FROM nginx:1.25\nCOPY site /usr/share/nginx/html\n", "DL3057");
    expect(f.range).toBe("0:0-0:15");
    expect(f.message).toContain("no HEALTHCHECK");
  });

  it("accepts HEALTHCHECK NONE and health checks inherited or passed on", () => {
    expect(ranges("FROM nginx:1.25\nHEALTHCHECK NONE\n", "DL3057")).toEqual([]);
    expect(ranges("FROM nginx:1.25 AS base\nHEALTHCHECK CMD true\nFROM base\n", "DL3057")).toEqual([]);
    expect(ranges("FROM nginx:1.25 AS base\nFROM base\nHEALTHCHECK NONE\n", "DL3057")).toEqual([]);
  });

  it("skips build stages that other stages only copy from", () => {
    const text =
      "FROM golang:1 AS build\nRUN go build\nFROM alpine:3\nCOPY --from=build /a /a\nHEALTHCHECK NONE\n";
    expect(ranges(text, "DL3057")).toEqual([]);
  });

  it("reports the branch that lacks one when stages fork", () => {
    const text =
      "FROM scratch AS base\nFROM base AS a\nFROM base AS b\nFROM a AS end-a\nHEALTHCHECK NONE\nFROM b AS end-b\n";
    expect(ranges(text, "DL3057")).toEqual(["2:0-2:14", "5:0-5:15"]);
  });
});

describe("DL3061 instruction before the first FROM", () => {
  it("fires on each instruction but ARG before the first FROM", () => {
    const found = findings("ARG V=1\nLABEL a=b\nrun true\nFROM alpine:$V\nRUN true\n", "DL3061");
    expect(found.map((f) => f.range)).toEqual(["1:0-1:5", "2:0-2:3"]);
    expect(found[1].message).toContain("RUN comes before the first FROM");
  });

  it("does not fire on ARGs, comments and directives before FROM", () => {
    expect(
      ranges("# syntax=docker/dockerfile:1\n# note\nARG A=B\nFROM alpine:3\nLABEL a=b\n", "DL3061"),
    ).toEqual([]);
  });
});

describe("DL3063 reserved stage name", () => {
  it("fires on the stage name", () => {
    expect(ranges("FROM alpine:3 AS scratch\nFROM alpine:3 as Context\n", "DL3063")).toEqual([
      "0:17-0:24",
      "1:17-1:24",
    ]);
  });

  it("does not fire on other names", () => {
    expect(ranges("FROM alpine:3 AS scratchpad\nFROM scratch\n", "DL3063")).toEqual([]);
  });
});

describe("DL3064 secret in ARG or ENV", () => {
  it("fires on names that look like credentials", () => {
    const text = "ARG NPM_TOKEN\nFROM node:20\nENV db_password=x PORT=1\nONBUILD ARG AWS_ACCESS_KEY_ID\n";
    const found = findings(text, "DL3064");
    expect(found.map((f) => f.range)).toEqual(["0:4-0:13", "2:4-2:15", "3:12-3:29"]);
    expect(found[0].message).toContain("ARG 'NPM_TOKEN' looks like a credential");
  });

  it("does not fire on ordinary names", () => {
    expect(ranges("ARG VERSION=1\nFROM node:20\nENV PATH=/x:$PATH NODE_ENV=production\n", "DL3064")).toEqual(
      [],
    );
  });
});

describe("DL3065 FROM --platform=$TARGETPLATFORM is redundant", () => {
  it("fires on the flag and removes it", () => {
    const text = "FROM --platform=$TARGETPLATFORM alpine:3 AS base\nFROM --platform=${TARGETPLATFORM} base\n";
    const found = findings(text, "DL3065");
    expect(found.map((f) => f.range)).toEqual(["0:5-0:31", "1:5-1:33"]);
    expect(found.every((f) => f.fixable)).toBe(true);
    const out = fixed(text, "DL3065");
    expect(out).toBe("FROM alpine:3 AS base\nFROM base\n");
    expect(ranges(out, "DL3065")).toEqual([]);
  });

  it("does not fire on other platforms or when a global ARG redefines TARGETPLATFORM", () => {
    expect(ranges("FROM --platform=$BUILDPLATFORM alpine:3\n", "DL3065")).toEqual([]);
    expect(
      ranges("ARG TARGETPLATFORM=linux/arm64\nFROM --platform=$TARGETPLATFORM alpine:3\n", "DL3065"),
    ).toEqual([]);
  });
});

describe("DL3066 USER by name instead of numeric id", () => {
  it("stays quiet on Windows images, which have no /etc/passwd and name their users", () => {
    expect(
      ranges("FROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nUSER ContainerUser\n", "DL3066"),
    ).toEqual([]);
    expect(
      ranges("FROM --platform=windows/amd64 base AS b\nFROM b\nUSER ContainerAdministrator\n", "DL3066"),
    ).toEqual([]);
  });
  it("fires on the user name of the final image", () => {
    const [f] = findings("FROM debian:12\nUSER app:app\n", "DL3066");
    expect(f.range).toBe("1:5-1:8");
    expect(f.message).toContain("user 'app'");
  });

  it("does not fire on numeric ids or variables", () => {
    expect(ranges("FROM debian:12\nUSER 1000:1000\n", "DL3066")).toEqual([]);
    expect(ranges("FROM debian:12\nARG UID\nUSER ${UID}\n", "DL3066")).toEqual([]);
  });

  it("only looks at the USER in effect for the last stage, inherited ones included", () => {
    expect(ranges("FROM debian:12 AS build\nUSER builder\nFROM debian:12\nUSER 1000\n", "DL3066")).toEqual(
      [],
    );
    expect(ranges("FROM debian:12\nUSER app\nUSER 1000\n", "DL3066")).toEqual([]);
    expect(ranges("FROM debian:12 AS base\nUSER app\nFROM base\nRUN true\n", "DL3066")).toEqual(["1:5-1:8"]);
  });
});

describe("DL3067 COPY --from copies a whole filesystem", () => {
  it("fires on the root source", () => {
    const text = 'FROM golang:1 AS build\nFROM scratch\nCOPY --from=build / /\nCOPY --from=build "/" "/"\n';
    expect(ranges(text, "DL3067")).toEqual(["2:18-2:19", "3:18-3:21"]);
  });

  it("does not fire without --from or when copying less or elsewhere", () => {
    const text = "FROM scratch\nCOPY / /\nCOPY --from=build /app /\nCOPY --from=build / /app\n";
    expect(ranges(text, "DL3067")).toEqual([]);
  });
});
