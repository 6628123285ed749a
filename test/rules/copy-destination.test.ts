/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { findings, ranges } from "./helpers.js";

/** A Dockerfile from its lines. */
const df = (...lines: string[]) => `${lines.join("\n")}\n`;

describe("DL3021 destinations BuildKit reads as a directory", () => {
  it("accepts ., ./, a trailing /. and the empty string", () => {
    for (const dest of [".", "./", "app/.", "/app/.", '""']) {
      expect(ranges(df("FROM node:22", "WORKDIR /app", `COPY a b ${dest}`), "DL3021"), dest).toEqual([]);
    }
  });
  it("accepts .. and other paths up from the working directory, which always exist", () => {
    for (const dest of ["..", "../..", "./..", "../."]) {
      expect(ranges(df("FROM node:22", `COPY a b ${dest}`), "DL3021"), dest).toEqual([]);
    }
  });
  it("accepts a directory that a WORKDIR created, or a parent of one", () => {
    const text = df("FROM node:22", "WORKDIR /srv/app", "COPY a b /srv/app", "COPY c d /srv", "COPY e f /");
    expect(ranges(text, "DL3021")).toEqual([]);
    const relative = df(
      "FROM node:22",
      "WORKDIR /srv",
      "WORKDIR app",
      "COPY a b /srv/app",
      "COPY c d ../app",
    );
    expect(ranges(relative, "DL3021")).toEqual([]);
  });
  it("reports a directory no WORKDIR created, or one created only later", () => {
    const text = df(
      "FROM node:22",
      "WORKDIR /srv/app",
      "COPY a b /srv/app/lib",
      "COPY a b lib",
      "COPY a b /opt",
      "WORKDIR /opt",
    );
    expect(findings(text, "DL3021").map((f) => [f.range, f.message])).toEqual([
      ["2:9-2:21", "COPY has 2 sources, so '/srv/app/lib' must be a directory written as '/srv/app/lib/'"],
      ["3:9-3:12", "COPY has 2 sources, so 'lib' must be a directory written as 'lib/'"],
      ["4:9-4:13", "COPY has 2 sources, so '/opt' must be a directory written as '/opt/'"],
    ]);
  });
  it("inherits the WORKDIRs of the stage it is built on, not of a stage it copies from", () => {
    const inherited = df("FROM node:22 AS base", "WORKDIR /app", "FROM base", "COPY a b /app");
    expect(ranges(inherited, "DL3021")).toEqual([]);
    const copied = df("FROM node:22 AS base", "WORKDIR /app", "FROM node:22", "COPY --from=base a b /app");
    expect(ranges(copied, "DL3021")).toEqual(["3:21-3:25"]);
  });
  it("lets an ONBUILD COPY see the whole stage, since it runs in a build on this image", () => {
    const text = df("FROM node:22", "ONBUILD COPY a b /app", "WORKDIR /app");
    expect(ranges(text, "DL3021")).toEqual([]);
    expect(ranges(df("FROM node:22", "ONBUILD COPY a b /app"), "DL3021")).toEqual(["1:17-1:21"]);
  });
  it("reads variables with the values the file gives them, and leaves the others alone", () => {
    const text = df(
      "FROM node:22",
      "ARG DIR=/opt/app/",
      "ENV LIB=/opt/lib",
      "COPY a b $DIR",
      "COPY a b ${LIB}",
      "COPY a b $HOME/app",
      "ARG UNSET",
      "COPY a b $UNSET",
    );
    expect(findings(text, "DL3021").map((f) => [f.range, f.message])).toEqual([
      ["4:9-4:15", "COPY has 2 sources, so '/opt/lib' must be a directory written as '/opt/lib/'"],
    ]);
  });
  it("says nothing when a flag lacks its value, where the words are misread (DF004 reports it)", () => {
    expect(ranges(df("FROM alpine:3.22", "COPY --chown 2367:3267 copychown.txt /tmp"), "DL3021")).toEqual([]);
  });
  it("covers ADD, exec form and continuation lines", () => {
    const text = df("FROM alpine:3.22", "ADD a \\", "    b \\", "    /opt", 'COPY ["a", "b", "."]');
    expect(ranges(text, "DL3021")).toEqual(["3:4-3:8"]);
  });
  it("keeps Windows paths to the trailing-separator rule", () => {
    const text = df(
      "# escape=`",
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
      "COPY a b C:\\app",
      "COPY a b .",
    );
    expect(ranges(text, "DL3021")).toEqual(["2:9-2:15"]);
  });
});
