import { describe, expect, it } from "vitest";
import { findings, ranges, related, relatedRanges } from "./helpers.js";

/** A Dockerfile from its lines. */
const df = (...lines: string[]) => `${lines.join("\n")}\n`;

describe("pinning rules report once per RUN (DL3008 and the others)", () => {
  it("gathers the packages of several install commands of one RUN into one finding at the first", () => {
    const text = df(
      "FROM debian:13",
      "RUN apt-get update && apt-get install -y curl=8.1 git \\",
      "    && apt-get install -y --no-install-recommends wget",
    );
    expect(findings(text, "DL3008")).toEqual([
      {
        code: "DL3008",
        range: "1:22-1:37",
        message: "2 packages are installed without a version (git and wget): pin each as <name>=<version>",
        fixable: false,
      },
    ]);
    expect(relatedRanges(text, "DL3008")).toEqual(["1:50-1:53", "2:50-2:54"]);
  });
  it("points at the first command that has an unpinned package", () => {
    const text = df("FROM debian:13", "RUN apt-get install -y curl=8.1 && apt-get install -y git");
    expect(ranges(text, "DL3008")).toEqual(["1:35-1:50"]);
  });
  it("reports each RUN, and an ONBUILD trigger, on its own", () => {
    const text = df(
      "FROM alpine:3.22",
      "RUN apk add --no-cache curl",
      "RUN apk add --no-cache git",
      "ONBUILD RUN apk add --no-cache jq",
    );
    expect(ranges(text, "DL3018")).toEqual(["1:4-1:11", "2:4-2:11", "3:12-3:19"]);
  });
  it("names at most five packages and counts the rest", () => {
    const text = df("FROM alpine:3.22", "RUN apk add --no-cache a b c d e f g");
    expect(findings(text, "DL3018")[0].message).toBe(
      "7 packages are installed without a version (a, b, c, d, e and 2 more): pin each as <name>=<version>",
    );
    expect(relatedRanges(text, "DL3018")).toHaveLength(7);
  });
  it("cuts long names in the message and keeps them whole in the related locations", () => {
    const url = `git+https://example.com/${"x".repeat(40)}/tool.git`;
    const text = df("FROM python:3.13", `RUN pip install flask ${url}`);
    const [f] = findings(text, "DL3013");
    expect(f.message).toBe(
      `2 packages are installed without a version (flask and ${url.slice(0, 39)}…): pin each as <name>==<version> (a repository as <url>@<tag or commit>)`,
    );
    expect(related(text, "DL3013")[1]).toBe(
      `1:22-1:${22 + url.length} '${url}' installs whatever the repository's default branch holds: add @<tag or commit>`,
    );
  });
  it("keeps hadolint's pragmas working: one ignore above the RUN silences all its packages", () => {
    const text = df(
      "FROM debian:13",
      "# hadolint ignore=DL3008",
      "RUN apt-get install -y curl \\",
      "    git",
      "RUN apt-get install -y wget",
    );
    expect(ranges(text, "DL3008")).toEqual(["4:4-4:19"]);
  });
  it("maps the related ranges through heredocs and the backtick escape", () => {
    const heredoc = df("FROM debian:13", "RUN <<EOF", "apt-get install -y \\", "  curl git", "EOF");
    expect(ranges(heredoc, "DL3008")).toEqual(["2:0-2:15"]);
    expect(relatedRanges(heredoc, "DL3008")).toEqual(["3:2-3:6", "3:7-3:10"]);
    const windows = df("# escape=`", "FROM debian:13", "RUN apt-get install -y `", "    curl");
    expect(relatedRanges(windows, "DL3008")).toEqual(["3:4-3:8"]);
  });
  it("keeps stages apart", () => {
    const text = df(
      "FROM debian:13 AS a",
      "RUN apt-get install -y curl",
      "FROM a",
      "RUN apt-get install -y git",
    );
    expect(ranges(text, "DL3008")).toEqual(["1:4-1:19", "3:4-3:19"]);
  });
  it("words the summary for each package manager", () => {
    const cases: [string, string, string][] = [
      [
        "DL3016",
        "RUN npm install -g a b",
        "pin each as <name>@<version> (a repository as <url>#<tag or commit>)",
      ],
      ["DL3028", "RUN gem install a b", "pin each as <name>:<version>"],
      ["DL3033", "RUN yum install -y a b", "pin each as <name>-<version> (a module as <name>:<stream>)"],
      ["DL3037", "RUN zypper -n install a b", "pin each as <name>=<version>"],
      ["DL3041", "RUN dnf install -y a b", "pin each as <name>-<version> (a module as <name>:<stream>)"],
    ];
    for (const [code, run, advice] of cases) {
      const noun = code === "DL3028" ? "gems" : "packages";
      expect(findings(df("FROM x", run), code).map((f) => f.message)).toEqual([
        `2 ${noun} are installed without a version (a and b): ${advice}`,
      ]);
    }
  });
});

describe("pinning rules read a variable that holds several packages as the shell does", () => {
  it("splits an unquoted variable into its packages, and keeps a quoted one whole", () => {
    const text = df("FROM debian:13", 'ENV DEPS="autoconf  make"', "RUN apt-get install -y $DEPS curl=1");
    expect(findings(text, "DL3008").map((f) => f.message)).toEqual([
      "2 packages are installed without a version (autoconf and make): pin each as <name>=<version>",
    ]);
    expect(relatedRanges(text, "DL3008")).toEqual(["2:23-2:28", "2:23-2:28"]);
  });
});

describe("DL3001 and DL3038 leave legitimate uses alone", () => {
  it("does not report kill of a job the RUN started itself", () => {
    const text = df("FROM debian:13", "RUN server & pid=$!; sleep 5; kill $pid", "RUN kill 1");
    expect(ranges(text, "DL3001")).toEqual(["2:4-2:8"]);
  });
  it("does not ask microdnf for -y, which it never needs", () => {
    expect(ranges(df("FROM ubi9-minimal", "RUN microdnf install tar"), "DL3038")).toEqual([]);
  });
});
