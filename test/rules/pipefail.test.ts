import { describe, expect, it } from "vitest";
import { findings, ranges } from "./helpers.js";

/** A Dockerfile from its lines. */
const df = (...lines: string[]) => `${lines.join("\n")}\n`;

const BASH = 'set -o pipefail first (SHELL ["/bin/bash", "-o", "pipefail", "-c"])';
const ASH =
  'set -o pipefail first (this image\'s /bin/sh is BusyBox ash, which has it, and bash may be missing: SHELL ["/bin/ash", "-eo", "pipefail", "-c"], or start the RUN with set -o pipefail)';

describe("DL4006 advice that works on the image", () => {
  it("suggests bash on Debian and images we cannot tell", () => {
    const [f] = findings(df("FROM debian:13", "RUN curl -fsS https://x | tar -x"), "DL4006");
    expect(f.message).toBe(
      `a failing 'curl' goes unnoticed here, only the exit status of 'tar' counts: ${BASH}`,
    );
  });
  it("suggests ash or set -o pipefail on Alpine and busybox, through FROM <stage>", () => {
    for (const from of ["alpine:3.22", "node:22-alpine", "busybox:1.37"]) {
      const [f] = findings(df(`FROM ${from}`, "RUN wget -qO- https://x | tar -x"), "DL4006");
      expect(f.message, from).toBe(
        `a failing 'wget' goes unnoticed here, only the exit status of 'tar' counts: ${ASH}`,
      );
    }
    const chained = df("FROM python:3.13-alpine AS base", "FROM base", "RUN wget -qO- https://x | tar -x");
    expect(findings(chained, "DL4006")[0].message).toContain("BusyBox ash");
  });
  it("keeps the SHELL's own program when it has pipefail but lacks the option", () => {
    const text = df("FROM alpine:3.22", 'SHELL ["/bin/ash", "-c"]', "RUN a | b");
    expect(findings(text, "DL4006")[0].message).toContain('(SHELL ["/bin/ash", "-o", "pipefail", "-c"])');
    const distroless = df("FROM gcr.io/distroless/base:debug", 'SHELL ["/busybox/sh", "-c"]', "RUN a | b");
    expect(findings(distroless, "DL4006")[0].message).toContain(
      '(SHELL ["/busybox/sh", "-o", "pipefail", "-c"])',
    );
  });
  it("accepts sh -o pipefail where sh is BusyBox ash, not where it may be dash", () => {
    const shell = 'SHELL ["/bin/sh", "-o", "pipefail", "-c"]';
    expect(ranges(df("FROM alpine:3.22", shell, "RUN a | b"), "DL4006")).toEqual([]);
    expect(
      ranges(
        df("FROM gcr.io/distroless/base:debug", 'SHELL ["/busybox/sh", "-o", "pipefail", "-c"]', "RUN a | b"),
        "DL4006",
      ),
    ).toEqual([]);
    expect(ranges(df("FROM debian:13", shell, "RUN a | b"), "DL4006")).toEqual(["2:4-2:9"]);
  });
  it("accepts set -o pipefail at the start of the RUN on Alpine, across continuation lines", () => {
    const text = df("FROM alpine:3.22", "RUN set -eo pipefail; \\", "    wget -qO- https://x | tar -x");
    expect(ranges(text, "DL4006")).toEqual([]);
  });
});

describe("DL4006 pipelines that cannot hide a failure", () => {
  it("leaves pipelines fed only by echo, printf, yes or true alone", () => {
    const text = df(
      "FROM debian:13",
      'RUN echo "$SHA *f.tgz" | sha256sum -c - && printf "%s\\n" a b | sort && yes | unminimize',
    );
    expect(ranges(text, "DL4006")).toEqual([]);
  });
  it("reports the first pipeline that can fail, skipping the echo ones before it", () => {
    const text = df("FROM debian:13", "RUN echo x | sha256sum -c - && curl -fsS https://x | tar -x");
    expect(ranges(text, "DL4006")).toEqual(["1:31-1:59"]);
  });
  it("reports echo when it is not the only thing before the last command", () => {
    expect(ranges(df("FROM debian:13", "RUN echo x | gzip | base64"), "DL4006")).toEqual(["1:4-1:26"]);
  });
  it("names the group, not the last command, when a { ... } feeds the pipe", () => {
    const text = df("FROM debian:13", "RUN { echo a; echo b; } | debconf-set-selections");
    expect(findings(text, "DL4006").map((f) => [f.range, f.message])).toEqual([
      [
        "1:26-1:48",
        `a failure before the pipe goes unnoticed here, only the exit status of 'debconf-set-selections' counts: ${BASH}`,
      ],
    ]);
  });
  it("reads heredoc scripts", () => {
    const text = df("FROM debian:13", "RUN <<EOF", "curl -fsS https://x | tar -x", "EOF");
    expect(ranges(text, "DL4006")).toEqual(["2:0-2:28"]);
  });
});
