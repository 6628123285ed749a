/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { busyboxShell, imageEnvironment } from "../../server/model/baseImages.js";
import { parseImageRef } from "../../server/model/imageRef.js";
import { findings, ranges } from "./helpers.js";

/** A Dockerfile from its lines. */
const df = (...lines: string[]) => `${lines.join("\n")}\n`;

function ref(text: string) {
  const r = parseImageRef(text);
  if (!r.ok) throw new Error(r.error);
  return r.ref;
}

describe("base image environment table", () => {
  it("knows official images under every spelling Docker accepts", () => {
    for (const name of ["golang", "golang:1.25-alpine", "library/golang", "docker.io/library/golang:1.25"]) {
      expect(imageEnvironment(ref(name))?.has("GOPATH"), name).toBe(true);
    }
    expect(imageEnvironment(ref("arm64v8/golang:1.25"))?.has("GOPATH")).toBe(true);
    expect(imageEnvironment(ref("mirror.gcr.io/library/golang"))?.has("GOPATH")).toBe(true);
    expect(imageEnvironment(ref("public.ecr.aws/docker/library/golang:1.25"))?.has("GOPATH")).toBe(true);
  });
  it("carries the names of the images an image is built on", () => {
    expect(imageEnvironment(ref("tomcat:10"))?.has("JAVA_HOME")).toBe(true);
    expect(imageEnvironment(ref("maven:3-eclipse-temurin-21"))?.has("JAVA_HOME")).toBe(true);
    expect(imageEnvironment(ref("elixir:1.19"))?.has("OTP_VERSION")).toBe(true);
    expect(imageEnvironment(ref("mcr.microsoft.com/dotnet/sdk:10.0"))?.has("APP_UID")).toBe(true);
    expect(imageEnvironment(ref("jupyter/scipy-notebook"))?.has("NB_UID")).toBe(true);
  });
  it("says nothing about images it does not know, and knows the bare OS images set nothing", () => {
    expect(imageEnvironment(ref("myorg/app:1"))).toBeUndefined();
    expect(imageEnvironment(ref("golang/tools"))).toBeUndefined();
    expect(imageEnvironment(ref("debian:13"))?.size).toBe(0);
  });
  it("tells BusyBox-shell images by name and tag", () => {
    for (const name of [
      "alpine:3.22",
      "node:22-alpine3.21",
      "golang:alpine",
      "busybox",
      "python:3.13-alpine",
    ]) {
      expect(busyboxShell(ref(name)), name).toBe(true);
    }
    for (const name of ["debian:13", "node:22-bookworm", "ubuntu", "gcr.io/distroless/static"]) {
      expect(busyboxShell(ref(name)), name).toBe(false);
    }
  });
});

describe("DF107 and the base image's environment", () => {
  it("does not report what a known base image sets, through FROM <stage> chains", () => {
    const text = df(
      "FROM golang:1.25 AS build",
      "ENV PATH=$GOPATH/bin:$PATH",
      "FROM build AS test",
      "WORKDIR $GOPATH/src/app",
    );
    expect(ranges(text, "DF107")).toEqual([]);
  });
  it("reports what a known base image does not set, and says so", () => {
    const [f] = findings(df("FROM node:22", "ENV X=$GOBIN"), "DF107");
    expect(f).toEqual({
      code: "DF107",
      range: "1:6-1:12",
      message:
        "'$GOBIN' is not defined by an ARG or ENV before this line, nor by the base image 'node:22', so it expands to an empty string",
      fixable: false,
    });
  });
  it("on an unknown base image reports only where the file points at a mistake", () => {
    // The image may well set SEL_UID: nothing is said.
    expect(ranges(df("FROM ${NS}/base:1", "USER ${SEL_UID}"), "DF107")).toEqual([]);
    expect(ranges(df("FROM myorg/app:1", "ENV P=$HOME/bin"), "DF107")).toEqual([]);
    // A misspelling of a name the stage defines.
    const typo = findings(df("FROM myorg/app:1", "ARG VERSION=1", "ENV V=$VERSOIN"), "DF107");
    expect(typo.map((f) => f.message)).toEqual([
      "'$VERSOIN' is not defined by an ARG or ENV before this line, so it expands to an empty string unless the base image 'myorg/app:1' sets it (did you mean $VERSION?)",
    ]);
    // A global ARG that the stage did not declare again.
    const global = findings(df("ARG VERSION=1", "FROM myorg/app:1", "LABEL v=$VERSION"), "DF107");
    expect(global.map((f) => [f.range, f.message])).toEqual([
      [
        "2:8-2:16",
        "'$VERSION' is not defined by an ARG or ENV before this line, so it expands to an empty string unless the base image 'myorg/app:1' sets it (an ARG before the first FROM is only seen by FROM lines: declare ARG VERSION again in this stage)",
      ],
    ]);
    // A name another stage defines, used where it is not in scope.
    const elsewhere = df("FROM myorg/a AS a", "ENV ROOT=/srv", "FROM myorg/b", "WORKDIR $ROOT");
    expect(ranges(elsewhere, "DF107")).toEqual(["3:8-3:13"]);
  });
  it("keeps scratch strict: it sets nothing", () => {
    expect(findings(df("FROM scratch", "COPY $SRC /"), "DF107").map((f) => f.message)).toEqual([
      "'$SRC' is not defined by an ARG or ENV before this line, so it expands to an empty string",
    ]);
  });
  it("reads the base image from a global ARG default", () => {
    expect(ranges(df("ARG GO=golang:1.25", "FROM $GO", "WORKDIR $GOPATH"), "DF107")).toEqual([]);
  });
});

describe("DF107 evidence on unknown images", () => {
  it("does not take the always-defined PATH as a sign of a misspelling of a long name", () => {
    expect(ranges(df("FROM myorg/app", "ENV L=/x:$LD_LIBRARY_PATH"), "DF107")).toEqual([]);
    expect(findings(df("FROM myorg/app", "ENV P=$PAHT:/x"), "DF107").map((f) => f.range)).toEqual([
      "1:6-1:11",
    ]);
  });
});
