import { describe, expect, it } from "vitest";
import { findings, ranges } from "./helpers.js";

/** A Dockerfile from its lines. */
const df = (...lines: string[]) => `${lines.join("\n")}\n`;

describe("DL3009 apt lists: the ways a RUN removes them", () => {
  const update = (...rest: string[]) => df("FROM debian:13", `RUN apt-get update && ${rest.join(" && ")}`);

  it("accepts apt-get dist-clean and apt dist-clean after the update", () => {
    expect(ranges(update("apt-get install -y x=1", "apt-get dist-clean"), "DL3009")).toEqual([]);
    expect(ranges(update("apt-get install -y x=1", "apt dist-clean"), "DL3009")).toEqual([]);
  });
  it("does not take apt-get clean, which leaves the lists", () => {
    expect(ranges(update("apt-get install -y x=1", "apt-get clean"), "DL3009")).toEqual(["1:4-1:18"]);
  });
  it("does not take a dist-clean that comes before the update", () => {
    const text = df("FROM debian:13", "RUN apt-get dist-clean && apt-get update");
    expect(ranges(text, "DL3009")).toEqual(["1:26-1:40"]);
  });
  it("accepts rm of the directory, a parent, its contents, or a glob that matches it", () => {
    for (const path of [
      "/var/lib/apt/lists",
      "/var/lib/apt/lists/",
      "/var/lib/apt/lists/*",
      "/var/lib/apt/lists*",
      "/var/lib/apt/*",
      "/var/lib/apt",
      "/var/lib/ap?/list[s]",
    ]) {
      expect(ranges(update(`rm -rf ${path}`), "DL3009"), path).toEqual([]);
    }
    expect(ranges(update("rm -r -f /tmp/x /var/lib/apt/lists/*"), "DL3009")).toEqual([]);
  });
  it("does not take rm of one file in the lists, a quoted glob, a relative path or a variable", () => {
    for (const path of [
      "/var/lib/apt/lists/partial",
      '"/var/lib/apt/lists/*"',
      "lists/*",
      "$LISTS/*",
      "/var/lib/apt/lists.d",
    ]) {
      expect(ranges(update(`rm -rf ${path}`), "DL3009"), path).toEqual(["1:4-1:18"]);
    }
  });
  it("accepts find ... -delete (or -exec rm) over the lists, exclusions allowed", () => {
    expect(ranges(update("find /var/lib/apt/lists -type f -delete"), "DL3009")).toEqual([]);
    const llama = "find /var/cache/apt/archives /var/lib/apt/lists -not -name lock -type f -delete";
    expect(ranges(update(llama), "DL3009")).toEqual([]);
    expect(ranges(update("find /var/lib/apt/lists/ -mindepth 1 -exec rm -rf {} +"), "DL3009")).toEqual([]);
  });
  it("does not take a find that only deletes some files, or prints them", () => {
    expect(ranges(update("find /var/lib/apt/lists -name '*.gz' -delete"), "DL3009")).toEqual(["1:4-1:18"]);
    expect(ranges(update("find /var/lib/apt/lists -type f"), "DL3009")).toEqual(["1:4-1:18"]);
    expect(ranges(update("find /var/cache -type f -delete"), "DL3009")).toEqual(["1:4-1:18"]);
  });
  it("reads the cleanup across continuation lines, comments and a heredoc", () => {
    const continued = df(
      "FROM debian:13",
      "RUN set -eux; \\",
      "    apt-get update; \\",
      "# the lists are not needed at run time",
      "    apt-get install -y x=1; \\",
      "    apt-get dist-clean",
    );
    expect(ranges(continued, "DL3009")).toEqual([]);
    const heredoc = df("FROM debian:13", "RUN <<EOF", "apt-get update", "rm -rf /var/lib/apt/lists*", "EOF");
    expect(ranges(heredoc, "DL3009")).toEqual([]);
    const heredocLeft = df("FROM debian:13", "RUN <<EOF", "apt-get update", "apt-get clean", "EOF");
    expect(ranges(heredocLeft, "DL3009")).toEqual(["2:0-2:14"]);
  });
  it("only reports stages whose layers reach the image, through FROM chains", () => {
    // base -> builder is only copied from: the lists never reach the image.
    const copied = df(
      "FROM debian:13 AS base",
      "RUN apt-get update",
      "FROM base AS builder",
      "RUN make",
      "FROM debian:13",
      "COPY --from=builder /out /out",
    );
    expect(ranges(copied, "DL3009")).toEqual([]);
    const shipped = df("FROM debian:13 AS base", "RUN apt-get update", "FROM base AS mid", "FROM mid");
    expect(ranges(shipped, "DL3009")).toEqual(["1:4-1:18"]);
  });
  it("keeps hadolint's cache mount rule: the lists, or /var/lib/apt together with /var/cache/apt", () => {
    const libOnly = df("FROM debian:13", "RUN --mount=type=cache,target=/var/lib/apt apt-get update");
    expect(ranges(libOnly, "DL3009")).toEqual(["1:43-1:57"]);
  });
  it("works in a Windows-escape file too", () => {
    const text = df("# escape=`", "FROM debian:13", "RUN apt-get update && `", "    apt-get dist-clean");
    expect(ranges(text, "DL3009")).toEqual([]);
  });
});

describe("DL3019 apk cache: the ways a RUN keeps the index out of the layer", () => {
  it("accepts --no-network, which fetches no index", () => {
    const text = df(
      "FROM alpine:3.22",
      "RUN apk add --no-cache --virtual .build-deps gcc=1; \\",
      "    apk add --no-network --virtual .rundeps $runDeps; \\",
      "    apk del --no-network .build-deps",
    );
    expect(ranges(text, "DL3019")).toEqual([]);
  });
  it("accepts removing /var/cache/apk after the add, and not before", () => {
    expect(
      ranges(df("FROM alpine:3.22", "RUN apk add -U ferm && rm -rf /var/cache/apk/*"), "DL3019"),
    ).toEqual([]);
    expect(
      ranges(df("FROM alpine:3.22", "RUN apk add x && find /var/cache -type f -delete"), "DL3019"),
    ).toEqual([]);
    const early = df("FROM alpine:3.22", "RUN rm -rf /var/cache/apk/* && apk add x");
    expect(findings(early, "DL3019")).toEqual([
      {
        code: "DL3019",
        range: "1:31-1:38",
        message: "apk add without --no-cache leaves the package index in /var/cache/apk in this layer",
        fixable: true,
      },
    ]);
  });
  it("accepts /etc/apk/cache linked to a cache mount", () => {
    const text = df(
      "FROM alpine:3.22",
      "RUN --mount=type=cache,target=/pkg-cache \\",
      "    ln -s /pkg-cache /etc/apk/cache && \\",
      "    apk add bash",
    );
    expect(ranges(text, "DL3019")).toEqual([]);
    const noMount = df("FROM alpine:3.22", "RUN ln -s /pkg-cache /etc/apk/cache && apk add bash");
    expect(ranges(noMount, "DL3019")).toEqual(["1:39-1:46"]);
  });
  it("skips stages that are only copied from, like DL3009", () => {
    const text = df(
      "FROM alpine:3.22 AS build",
      "RUN apk add gcc",
      "FROM scratch",
      "COPY --from=build /x /x",
    );
    expect(ranges(text, "DL3019")).toEqual([]);
    const onbuild = df("FROM alpine:3.22 AS build", "ONBUILD RUN apk add gcc", "FROM scratch");
    expect(ranges(onbuild, "DL3019")).toEqual(["1:12-1:19"]);
  });
  it("still reports apk add after apk update in a heredoc", () => {
    const text = df("FROM alpine:3.22", "RUN <<EOF", "apk update", "apk add git", "EOF");
    expect(ranges(text, "DL3019")).toEqual(["3:0-3:7"]);
  });
});
