/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { fixText } from "../../server/lint/index.js";
import { SHELL_RULES } from "../../server/rules/hadolint/shell.js";
import { findings, fixed, fixedUnsafe, ranges, related, relatedRanges } from "./helpers.js";

const SHELL_CODES = new Set(SHELL_RULES.map((r) => r.code));

/** A Dockerfile from its lines. */
const df = (...lines: string[]) => `${lines.join("\n")}\n`;

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

function messages(text: string, code: string): string[] {
  return findings(text, code).map((f) => f.message);
}

describe("RUN scripts (shared by the shell rules)", () => {
  it("reads shell form across continuation lines and maps spans to the physical lines", () => {
    const text = df("FROM debian:12", "RUN apt-get update \\", "  && apt-get install -y \\", "     curl");
    expect(relatedRanges(text, "DL3008")).toEqual(["3:5-3:9"]);
  });
  it("reads a heredoc that is the whole script", () => {
    const text = df("FROM debian:12", "RUN <<EOF", "set -e", "apt-get install -y curl", "EOF");
    expect(relatedRanges(text, "DL3008")).toEqual(["3:19-3:23"]);
  });
  it("ignores a heredoc script for another interpreter", () => {
    const text = df(
      "FROM debian:12",
      "RUN <<EOF",
      "#!/usr/bin/env python3",
      "print('apt-get install curl')",
      "EOF",
    );
    expect(relatedRanges(text, "DL3008")).toEqual([]);
  });
  it("reads a heredoc script whose #! line runs a shell through env and its options", () => {
    const body = ["apt-get install curl", "EOF"];
    expect(
      relatedRanges(df("FROM debian:12", "RUN <<EOF", "#!/usr/bin/env -S bash -e", ...body), "DL3008"),
    ).toEqual(["3:16-3:20"]);
    expect(
      relatedRanges(df("FROM debian:12", "RUN <<EOF", "#!/usr/bin/env -S python3", ...body), "DL3008"),
    ).toEqual([]);
    expect(relatedRanges(df("FROM debian:12", "RUN <<EOF", "#!/bin/sh", ...body), "DL3008")).toEqual([
      "3:16-3:20",
    ]);
  });
  it("ignores heredoc bodies that are data, not the script", () => {
    const text = df("FROM debian:12", "RUN cat <<EOF > /notes", "apt-get install curl", "EOF");
    expect(relatedRanges(text, "DL3008")).toEqual([]);
  });
  it("reads exec-form RUN as one command", () => {
    expect(relatedRanges(df("FROM debian:12", 'RUN ["apt-get", "install", "-y", "curl"]'), "DL3008")).toEqual(
      ["1:33-1:39"],
    );
  });
  it("checks ONBUILD RUN and lowercase keywords", () => {
    expect(relatedRanges(df("FROM debian:12", "onbuild run apt-get install -y curl"), "DL3008")).toEqual([
      "1:31-1:35",
    ]);
  });
  it("maps spans in files with the backtick escape character", () => {
    const text = df("# escape=`", "FROM debian:12", "RUN apt-get install -y `", "    curl");
    expect(relatedRanges(text, "DL3008")).toEqual(["3:4-3:8"]);
  });
  it("looks through sudo and env to the command that runs", () => {
    expect(
      relatedRanges(df("FROM debian:12", "RUN sudo -u root env A=1 apt-get install -y curl"), "DL3008"),
    ).toEqual(["1:44-1:48"]);
  });
  it("skips RUN under a PowerShell or cmd SHELL", () => {
    const text = df(
      "FROM mcr.microsoft.com/powershell:7.4-ubuntu-22.04",
      'SHELL ["powershell", "-Command"]',
      "RUN apt-get install curl | Out-Null",
    );
    expect(findings(text).filter((f) => SHELL_CODES.has(f.code))).toEqual([]);
    expect(ranges(df("FROM debian:12", 'SHELL ["cmd.exe", "/S", "/C"]', "RUN cd C:\\app"), "DL3003")).toEqual(
      [],
    );
  });
  it("skips RUN when a pragma names a non-POSIX shell, until a SHELL says otherwise", () => {
    const text = df(
      "# hadolint shell=pwsh",
      "FROM debian:12",
      "RUN cd app",
      'SHELL ["/bin/sh", "-c"]',
      "RUN cd app",
    );
    expect(ranges(text, "DL3003")).toEqual(["4:4-4:6"]);
  });
  it("gives a stage built FROM another stage that stage's SHELL", () => {
    const text = df("FROM debian:12 AS base", 'SHELL ["pwsh", "-c"]', "FROM base", "RUN cd app");
    expect(ranges(text, "DL3003")).toEqual([]);
  });
  it("treats Windows base images as running cmd, unless a SHELL says otherwise", () => {
    const text = df(
      "FROM mcr.microsoft.com/windows/servercore:ltsc2022",
      "RUN cd app",
      "FROM mcr.microsoft.com/dotnet/framework/sdk:4.8-windowsservercore-ltsc2022",
      "RUN cd app",
      "FROM --platform=windows/amd64 example.com/tools:1",
      "RUN cd app",
      "FROM mcr.microsoft.com/windows/nanoserver:ltsc2022",
      'SHELL ["sh", "-c"]',
      "RUN cd app",
    );
    expect(ranges(text, "DL3003")).toEqual(["8:4-8:6"]);
  });
});

describe("DL3001 commands that make no sense in a build", () => {
  it("reports the command word", () => {
    const f = findings(df("FROM debian:12", "RUN service nginx start && top -b"), "DL3001");
    expect(f.map((x) => x.range)).toEqual(["1:4-1:11", "1:27-1:30"]);
    expect(f[0].message).toContain("init system");
  });
  it("does not report the same names as arguments", () => {
    expect(
      ranges(df("FROM debian:12", "RUN apt-get install -y openssh-client ssh vim && echo kill"), "DL3001"),
    ).toEqual([]);
  });
  it("reports inside ONBUILD and inside command substitutions", () => {
    expect(ranges(df("FROM debian:12", "ONBUILD RUN echo $(ps aux)"), "DL3001")).toEqual(["1:19-1:21"]);
  });
});

describe("DL3003 cd instead of WORKDIR", () => {
  it("reports cd and names WORKDIR with its directory", () => {
    const f = findings(df("FROM debian:12", "RUN cd /usr/src/app && make"), "DL3003");
    expect(f.map((x) => x.range)).toEqual(["1:4-1:6"]);
    expect(f[0].message).toContain("WORKDIR /usr/src/app");
  });
  it("reports cd on a continuation line", () => {
    expect(ranges(df("FROM debian:12", "RUN make \\", " && cd /tmp"), "DL3003")).toEqual(["2:4-2:6"]);
  });
  it("does not report WORKDIR or cd as an argument", () => {
    expect(ranges(df("FROM debian:12", "WORKDIR /opt", "RUN echo cd && make"), "DL3003")).toEqual([]);
  });
});

describe("DL3004 sudo", () => {
  it("reports the sudo word", () => {
    const f = findings(df("FROM debian:12", "RUN apt-get update && sudo -u app make"), "DL3004");
    expect(f.map((x) => x.range)).toEqual(["1:22-1:26"]);
    expect(f[0].message).toContain("sudo make");
  });
  it("reports sudo in ONBUILD", () => {
    expect(ranges(df("FROM debian:12", "ONBUILD RUN sudo apt-get update"), "DL3004")).toEqual(["1:12-1:16"]);
  });
  it("does not report installing the sudo package", () => {
    expect(ranges(df("FROM debian:12", "RUN apt-get install -y sudo"), "DL3004")).toEqual([]);
  });
});

describe("DL3005 apt-get dist-upgrade", () => {
  it("reports the subcommand", () => {
    expect(ranges(df("FROM debian:12", "RUN apt-get update && apt-get -y dist-upgrade"), "DL3005")).toEqual([
      "1:33-1:45",
    ]);
  });
  it("does not report apt-get upgrade", () => {
    expect(ranges(df("FROM debian:12", "RUN apt-get update && apt-get -y upgrade"), "DL3005")).toEqual([]);
  });
});

describe("DL3008 apt-get install versions", () => {
  it("reports the unpinned packages once per RUN, each one as a related location", () => {
    const text = df("FROM debian:12", "RUN apt-get install -y curl=7.88.1-10 git wget");
    expect(findings(text, "DL3008")).toEqual([
      {
        code: "DL3008",
        range: "1:4-1:19",
        message: "2 packages are installed without a version (git and wget): pin each as <name>=<version>",
        fixable: false,
      },
    ]);
    expect(related(text, "DL3008")).toEqual([
      "1:38-1:41 'git' is installed without a version: pin it as git=<version>",
      "1:42-1:46 'wget' is installed without a version: pin it as wget=<version>",
    ]);
  });
  it("accepts versions, releases, local .deb files and option values", () => {
    const text = df(
      "FROM debian:12",
      "RUN apt-get install -y -t bookworm-backports -o Dpkg::Options::=--force-confold \\",
      "      curl=7.88.1-10 git/bookworm-backports ./tool_1.0_amd64.deb",
    );
    expect(ranges(text, "DL3008")).toEqual([]);
  });
  it("resolves variables the Dockerfile sets and leaves build arguments alone", () => {
    const text = df(
      "FROM debian:12",
      "ENV TOOLS=git",
      "ARG EXTRA",
      'RUN apt-get install -y "$TOOLS" ${EXTRA} curl=${CURL_VERSION:-7.88}',
    );
    const f = findings(text, "DL3008");
    expect(f.map((x) => x.range)).toEqual(["3:4-3:19"]);
    expect(f[0].message).toBe("'git' is installed without a version: pin it as git=<version>");
    expect(relatedRanges(text, "DL3008")).toEqual(["3:23-3:31"]);
  });
  it("ignores other apt-get subcommands", () => {
    expect(ranges(df("FROM debian:12", "RUN apt-get download curl"), "DL3008")).toEqual([]);
  });
});

describe("DL3009 apt lists left in the layer", () => {
  it("reports apt-get update without removing the lists", () => {
    const f = findings(df("FROM debian:12", "RUN apt-get update && apt-get install -y curl=7.88"), "DL3009");
    expect(f.map((x) => x.range)).toEqual(["1:4-1:18"]);
    expect(f[0].message).toContain("rm -rf /var/lib/apt/lists/*");
  });
  it("accepts removing the lists after the update, and not before", () => {
    const ok = df(
      "FROM debian:12",
      "RUN apt-get update && apt-get install -y curl=7.88 && rm -rf /var/lib/apt/lists/*",
    );
    expect(ranges(ok, "DL3009")).toEqual([]);
    const early = df(
      "FROM debian:12",
      "RUN rm -rf /var/lib/apt/lists/* && apt-get update && apt-get install -y x=1",
    );
    expect(ranges(early, "DL3009")).toEqual(["1:35-1:49"]);
  });
  it("covers apt and aptitude", () => {
    expect(ranges(df("FROM debian:12", "RUN apt update", "RUN aptitude update"), "DL3009")).toEqual([
      "1:4-1:14",
      "2:4-2:19",
    ]);
  });
  it("only reports stages whose layers reach an image", () => {
    const unused = df("FROM debian:12 AS tools", "RUN apt-get update", "FROM alpine:3.20", "RUN true");
    expect(ranges(unused, "DL3009")).toEqual([]);
    const base = df("FROM debian:12 AS base", "RUN apt-get update", "FROM base", "RUN true");
    expect(ranges(base, "DL3009")).toEqual(["1:4-1:18"]);
  });
  it("reports ONBUILD RUN even in a stage nothing uses: the trigger runs in the child image", () => {
    const text = df("FROM debian:12 AS tools", "ONBUILD RUN apt-get update", "FROM alpine:3.20");
    expect(ranges(text, "DL3009")).toEqual(["1:12-1:26"]);
  });
  it("accepts cache mounts that keep the lists out of the layer", () => {
    const lists = df("FROM debian:12", "RUN --mount=type=cache,target=/var/lib/apt/lists apt-get update");
    expect(ranges(lists, "DL3009")).toEqual([]);
    const both = df(
      "FROM debian:12",
      "RUN --mount=type=cache,target=/var/lib/apt \\",
      "    --mount=type=tmpfs,target=/var/cache/apt \\",
      "    apt-get update",
    );
    expect(ranges(both, "DL3009")).toEqual([]);
    const onlyCache = df("FROM debian:12", "RUN --mount=type=cache,target=/var/cache/apt apt-get update");
    expect(ranges(onlyCache, "DL3009")).toEqual(["1:45-1:59"]);
  });
});

describe("DL3010 COPY an archive, then extract it", () => {
  it("reports the copied archive and names the extracting line", () => {
    const text = df(
      "FROM debian:12",
      "COPY app.tar.gz /tmp/",
      "WORKDIR /opt",
      "RUN tar -xzf /tmp/app.tar.gz",
    );
    const f = findings(text, "DL3010");
    expect(f.map((x) => x.range)).toEqual(["1:5-1:15"]);
    expect(f[0].message).toContain("extracted on line 4");
  });
  it("reports a destination that names the archive", () => {
    expect(
      ranges(
        df("FROM debian:12", "COPY dist/app.tgz /tmp/bundle.tgz", "RUN tar xf /tmp/bundle.tgz"),
        "DL3010",
      ),
    ).toEqual(["1:18-1:33"]);
  });
  it("matches Windows paths by file name", () => {
    const text = df(
      "FROM debian:12",
      'COPY build\\bar.tar.gz "C:\\Program Files\\Foo"',
      'RUN tar -xf "C:\\Program Files\\Foo\\bar.tar.gz"',
    );
    expect(ranges(text, "DL3010")).toEqual(["1:5-1:21"]);
  });
  it("does not report archives that are not extracted, COPY --from, or another stage", () => {
    expect(ranges(df("FROM debian:12", "COPY app.tar /srv/", "RUN ls /srv"), "DL3010")).toEqual([]);
    expect(
      ranges(df("FROM debian:12", "COPY --from=build /a.tar /a.tar", "RUN tar -xf /a.tar"), "DL3010"),
    ).toEqual([]);
    expect(
      ranges(df("FROM debian:12", "COPY a.tar /a.tar", "FROM debian:12", "RUN tar -xf /a.tar"), "DL3010"),
    ).toEqual([]);
  });
});

describe("DL3013 pip install versions", () => {
  it("reports unpinned packages of pip, pip3, python -m pip and pipx", () => {
    const text = df(
      "FROM python:3.12",
      "RUN pip install flask==3.0.3 requests",
      "RUN python3 -m pip install rich",
      "RUN pipx install black",
    );
    const f = findings(text, "DL3013");
    expect(f.map((x) => x.range)).toEqual(["1:4-1:15", "2:4-2:26", "3:4-3:16"]);
    expect(f[0].message).toBe("'requests' is installed without a version: pin it as requests==<version>");
    expect(relatedRanges(text, "DL3013")).toEqual(["1:29-1:37", "2:27-2:31", "3:17-3:22"]);
  });
  it("accepts specifiers, requirement and constraint files, local paths and URLs", () => {
    const text = df(
      "FROM python:3.12",
      "RUN pip install 'alabaster>=0.7' -r requirements.txt . ./pkg https://x.example/p.zip dist/p-1.0.whl",
      "RUN pip install flask -c constraints.txt",
      "RUN pip install --index-url https://pypi.example/simple --target /opt/lib flask==3.0.3",
    );
    expect(ranges(text, "DL3013")).toEqual([]);
  });
  it("asks for a ref on VCS installs", () => {
    const text = df(
      "FROM python:3.12",
      "RUN pip install git+https://github.com/org/tool.git#egg=tool git+ssh://git@github.com/org/lib.git@v1.0",
    );
    const f = findings(text, "DL3013");
    expect(f.map((x) => x.range)).toEqual(["1:4-1:15"]);
    expect(f[0].message).toContain("@<tag or commit>");
    expect(relatedRanges(text, "DL3013")).toEqual(["1:16-1:60"]);
  });
  it("does not read pipenv as pip", () => {
    expect(ranges(df("FROM python:3.12", "RUN pipenv install black"), "DL3013")).toEqual([]);
  });
});

describe("DL3014 apt-get -y", () => {
  it("reports apt-get install without -y and fixes it", () => {
    const text = df("FROM debian:12", "RUN apt-get update && apt-get install curl=7.88");
    expect(ranges(text, "DL3014")).toEqual(["1:22-1:37"]);
    expect(fixedClean(text, "DL3014")).toBe(
      df("FROM debian:12", "RUN apt-get update && apt-get install -y curl=7.88"),
    );
  });
  it("explains that a single -q is not enough", () => {
    expect(messages(df("FROM debian:12", "RUN apt-get install -q curl=7.88"), "DL3014")[0]).toContain("-qq");
  });
  it("accepts -y, --yes, --assume-yes, -qq, -q=2 and the Assume-Yes option", () => {
    const text = df(
      "FROM debian:12",
      "RUN apt-get -y install a=1 && apt-get install --yes b=1 && apt-get --assume-yes install c=1",
      "RUN apt-get install -qq d=1 && apt-get install -q=2 e=1 && apt-get install --quiet --quiet f=1",
      "RUN apt-get -o APT::Get::Assume-Yes=true install g=1",
    );
    expect(ranges(text, "DL3014")).toEqual([]);
  });
  it("ignores simulations and removals of nothing, which ask nothing", () => {
    const text = df(
      "FROM debian:12",
      "RUN apt-get install -s postgresql-16-jit && apt-get purge && apt-get autoclean",
    );
    expect(ranges(text, "DL3014")).toEqual([]);
    expect(ranges(text, "DL3015")).toEqual([]);
    expect(ranges(text, "DL3008")).toEqual([]);
  });
  it("reports other subcommands that ask first, not update", () => {
    expect(ranges(df("FROM debian:12", "RUN apt-get update && apt-get remove curl"), "DL3014")).toEqual([
      "1:22-1:36",
    ]);
  });
  it("fixes exec form, heredoc and continued RUNs", () => {
    expect(fixedClean(df("FROM debian:12", 'RUN ["apt-get", "install", "curl=1"]'), "DL3014")).toBe(
      df("FROM debian:12", 'RUN ["apt-get", "install", "-y", "curl=1"]'),
    );
    expect(fixedClean(df("FROM debian:12", "RUN <<EOF", "apt-get install curl=1", "EOF"), "DL3014")).toBe(
      df("FROM debian:12", "RUN <<EOF", "apt-get install -y curl=1", "EOF"),
    );
    expect(fixedClean(df("FROM debian:12", "RUN apt-get install \\", "    curl=1"), "DL3014")).toBe(
      df("FROM debian:12", "RUN apt-get install -y \\", "    curl=1"),
    );
  });
  it("adds -y as a safe fix only where the command's failure fails the RUN", () => {
    const safe = [
      "RUN apt-get install curl=1 && echo ok",
      "RUN apt-get update && apt-get install curl=1 && true",
      "RUN set -e; apt-get install curl=1; echo done",
      "RUN set -o errexit; apt-get install curl=1; echo done",
    ];
    for (const run of safe) {
      const text = df("FROM debian:12", run);
      expect(fixed(text, "DL3014"), run).toContain("install -y curl=1");
    }
    expect(
      fixed(
        df(
          "FROM debian:12",
          'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]',
          "RUN apt-get install curl=1; echo done",
        ),
        "DL3014",
      ),
    ).toContain("install -y curl=1");
  });
  it("offers -y only as an unsafe fix where the RUN goes on after a failure", () => {
    // Today such a build may stop at the prompt, fail the command, and carry on without the packages.
    const unsafe = [
      "RUN apt-get install curl=1 || true",
      "RUN apt-get install curl=1; echo done",
      "RUN apt-get install curl=1 | tee log",
      "RUN if true; then apt-get install curl=1; fi",
      "RUN apt-get install curl=1 && a || b",
      "RUN echo $(apt-get install curl=1)",
    ];
    for (const run of unsafe) {
      const text = df("FROM debian:12", run);
      expect(ranges(text, "DL3014"), run).toHaveLength(1);
      expect(fixed(text, "DL3014"), run).toBe(text);
      expect(fixedUnsafe(text, "DL3014"), run).toContain("install -y curl=1");
    }
  });
  it("classes the -y of yum and dnf and the -n of zypper the same way", () => {
    const yum = df("FROM centos:7", "RUN yum install httpd-2.4 || true");
    expect(fixed(yum, "DL3030")).toBe(yum);
    expect(fixedUnsafe(yum, "DL3030")).toBe(df("FROM centos:7", "RUN yum install -y httpd-2.4 || true"));
    expect(fixed(df("FROM centos:7", "RUN yum install httpd-2.4"), "DL3030")).toBe(
      df("FROM centos:7", "RUN yum install -y httpd-2.4"),
    );
    const zypper = df("FROM opensuse/leap", "RUN zypper install httpd=2.4; true");
    expect(fixed(zypper, "DL3034")).toBe(zypper);
    expect(fixedUnsafe(zypper, "DL3034")).toBe(
      df("FROM opensuse/leap", "RUN zypper -n install httpd=2.4; true"),
    );
  });
});

describe("apt-get fixes together", () => {
  it("adds -y and --no-install-recommends to the same install, and replaces apt first", () => {
    const text = df(
      "FROM debian:12",
      "RUN apt update && apt install curl=7.88 && rm -rf /var/lib/apt/lists/*",
    );
    const only = ["DL3014", "DL3015", "DL3027"];
    // Safe fixes alone: -y waits for apt-get, which only the unsafe DL3027 fix writes.
    expect(fixText(text, { only }).text).toBe(text);
    const out = fixText(text, { only, unsafe: true }).text;
    expect(out).toBe(
      df(
        "FROM debian:12",
        "RUN apt-get update && apt-get install --no-install-recommends -y curl=7.88 && rm -rf /var/lib/apt/lists/*",
      ),
    );
    expect(findings(out).filter((f) => SHELL_CODES.has(f.code))).toEqual([]);
  });
});

describe("DL3015 --no-install-recommends", () => {
  it("reports apt-get install without it, names the package and fixes it", () => {
    const text = df("FROM debian:12", "RUN apt-get install -y python3=3.11.2-1");
    const f = findings(text, "DL3015");
    expect(f.map((x) => x.range)).toEqual(["1:4-1:19"]);
    expect(f[0].message).toContain("'python3=3.11.2-1' merely recommends");
    expect(fixedCleanUnsafe(text, "DL3015")).toBe(
      df("FROM debian:12", "RUN apt-get install --no-install-recommends -y python3=3.11.2-1"),
    );
  });
  it("accepts the Install-Recommends option", () => {
    expect(
      ranges(df("FROM debian:12", "RUN apt-get -o APT::Install-Recommends=false install -y x=1"), "DL3015"),
    ).toEqual([]);
  });
});

describe("DL3016 npm install versions", () => {
  it("reports unpinned packages of npm install, npm i and npm add", () => {
    const text = df(
      "FROM node:20",
      "RUN npm install -g express sax@0.1.1 && npm i @org/tool && npm add lodash",
    );
    expect(findings(text, "DL3016")).toEqual([
      {
        code: "DL3016",
        range: "1:4-1:15",
        message:
          "3 packages are installed without a version (express, @org/tool and lodash): pin each as <name>@<version> (a repository as <url>#<tag or commit>)",
        fixable: false,
      },
    ]);
    expect(relatedRanges(text, "DL3016")).toEqual(["1:19-1:26", "1:46-1:55", "1:67-1:73"]);
  });
  it("accepts versions, tags, tarballs, folders, pinned git URLs and option values", () => {
    const text = df(
      "FROM node:20",
      "RUN npm install --registry https://npm.example express@4.19.2 @org/tool@^1.2 ./pkg tool-1.0.tgz \\",
      "      git+https://github.com/npm/cli.git#v10.0.0 && npm install && npm run --silent install",
    );
    expect(ranges(text, "DL3016")).toEqual([]);
  });
  it("asks for a commit on git URLs", () => {
    expect(
      messages(df("FROM node:20", "RUN npm install git://github.com/npm/cli.git"), "DL3016")[0],
    ).toContain("#<tag or commit>");
  });
});

describe("DL3018 apk add versions", () => {
  it("reports unpinned packages", () => {
    const text = df("FROM alpine:3.20", "RUN apk add --no-cache \\", "    curl=8.9.1-r0 \\", "    git");
    expect(ranges(text, "DL3018")).toEqual(["1:4-1:11"]);
    expect(related(text, "DL3018")).toEqual([
      "3:4-3:7 'git' is installed without a version: pin it as git=<version>",
    ]);
  });
  it("accepts constraints, .apk files, --virtual names and --repository values", () => {
    const text = df(
      "FROM alpine:3.20",
      'RUN apk add --no-cache --virtual build-deps -X https://dl.example/edge "gcc>=13" "musl~1.2" ./p-1.0.apk',
    );
    expect(ranges(text, "DL3018")).toEqual([]);
  });
});

describe("DL3019 apk add --no-cache", () => {
  it("reports apk add without --no-cache and fixes it", () => {
    const text = df("FROM alpine:3.20", "RUN apk add curl=8.9.1-r0");
    expect(ranges(text, "DL3019")).toEqual(["1:4-1:11"]);
    expect(fixedCleanUnsafe(text, "DL3019")).toBe(
      df("FROM alpine:3.20", "RUN apk add --no-cache curl=8.9.1-r0"),
    );
  });
  it("accepts --no-cache anywhere and a cache mount on apk's cache", () => {
    const text = df(
      "FROM alpine:3.20",
      "RUN apk --no-cache add a=1",
      "RUN --mount=type=cache,target=/var/cache/apk apk add b=1",
    );
    expect(ranges(text, "DL3019")).toEqual([]);
    expect(
      ranges(df("FROM alpine:3.20", "RUN --mount=type=cache,target=/var/cache/x apk add b=1"), "DL3019"),
    ).toEqual(["1:43-1:50"]);
  });
});

describe("DL3027 apt instead of apt-get", () => {
  it("reports apt and replaces it where apt-get means the same", () => {
    const text = df("FROM debian:12", "RUN apt update && apt install -y curl=7.88");
    expect(ranges(text, "DL3027")).toEqual(["1:4-1:7", "1:18-1:21"]);
    expect(fixedCleanUnsafe(text, "DL3027")).toBe(
      df("FROM debian:12", "RUN apt-get update && apt-get install -y curl=7.88"),
    );
  });
  it("offers no fix where apt-get differs, and points search at apt-cache", () => {
    const f = findings(df("FROM debian:12", "RUN apt upgrade -y && apt search curl"), "DL3027");
    expect(f.map((x) => x.fixable)).toEqual([false, false]);
    expect(f[1].message).toContain("use apt-cache");
  });
  it("reports apt in ONBUILD", () => {
    expect(ranges(df("FROM debian:12", "ONBUILD RUN apt install -y python3=3.11"), "DL3027")).toEqual([
      "1:12-1:15",
    ]);
  });
});

describe("DL3028 gem install versions", () => {
  it("reports unpinned gems", () => {
    const text = df("FROM ruby:3.3", "RUN gem i bundler:2.5.6 nokogiri");
    expect(ranges(text, "DL3028")).toEqual(["1:4-1:9"]);
    expect(relatedRanges(text, "DL3028")).toEqual(["1:24-1:32"]);
  });
  it("accepts -v, --version and build flags after --", () => {
    const text = df(
      "FROM ruby:3.3",
      "RUN gem install bundler -v 2.5.6 && gem install rails --version=7.1.3",
      "RUN gem install nokogiri:1.16.0 -- --use-system-libraries true",
      "RUN gem install pg:1.5.6 --no-document --use-system-libraries true",
    );
    expect(ranges(text, "DL3028")).toEqual([]);
  });
});

describe("DL3030 yum -y", () => {
  it("reports yum install without -y and fixes it", () => {
    const text = df("FROM centos:7", "RUN yum install httpd-2.4.6 && yum clean all");
    expect(ranges(text, "DL3030")).toEqual(["1:4-1:15"]);
    expect(fixedClean(text, "DL3030")).toBe(
      df("FROM centos:7", "RUN yum install -y httpd-2.4.6 && yum clean all"),
    );
  });
  it("adds -y after the action of module commands", () => {
    expect(fixedClean(df("FROM centos:8", "RUN yum module install nodejs:18"), "DL3030")).toBe(
      df("FROM centos:8", "RUN yum module install -y nodejs:18"),
    );
  });
  it("accepts -y and --assumeyes, and ignores commands that do not ask", () => {
    expect(
      ranges(
        df("FROM centos:7", "RUN yum -y install a-1 && yum --assumeyes remove b && yum makecache"),
        "DL3030",
      ),
    ).toEqual([]);
  });
});

describe("DL3032 yum clean all", () => {
  it("reports yum install without a later clean", () => {
    const f = findings(df("FROM centos:7", "RUN yum clean all && yum install -y httpd-2.4.6"), "DL3032");
    expect(f.map((x) => x.range)).toEqual(["1:21-1:32"]);
    expect(f[0].message).toContain("yum clean all");
  });
  it("accepts yum clean all or removing the cache afterwards", () => {
    const text = df(
      "FROM centos:7",
      "RUN yum install -y a-1 && yum clean all",
      "RUN yum install -y b-1 && rm -rf /var/cache/yum/*",
    );
    expect(ranges(text, "DL3032")).toEqual([]);
  });
});

describe("DL3033 yum install versions", () => {
  it("reports packages without a version and modules without a stream", () => {
    const text = df("FROM centos:8", "RUN yum install -y tomcat httpd-2.4.6 && yum module install -y nodejs");
    expect(findings(text, "DL3033").map((f) => [f.range, f.message])).toEqual([
      [
        "1:4-1:15",
        "2 packages are installed without a version (tomcat and nodejs): pin each as <name>-<version> (a module as <name>:<stream>)",
      ],
    ]);
    expect(related(text, "DL3033")).toEqual([
      "1:19-1:25 'tomcat' is installed without a version: pin it as tomcat-<version>",
      "1:63-1:69 module 'nodejs' is installed without a stream: pin it as nodejs:<stream>",
    ]);
  });
  it("accepts versions with epochs and dashed names, .rpm files and groups", () => {
    const text = df(
      "FROM centos:8",
      "RUN yum install -y openssl-1:1.1.1k rpm-sign-4.16.1.3 gcc-c++-8.5.0 ./local.rpm",
      'RUN yum group install -y "Development Tools"',
    );
    expect(ranges(text, "DL3033")).toEqual([]);
  });
  it("resolves versions given by ARG or ENV in scope", () => {
    const text = df(
      "FROM fedora:40 AS build",
      "ENV version=2.45.2-1.fc40",
      "RUN yum -y install git-core-${version}",
      "FROM fedora:40",
      "RUN yum -y install git-core-${version}",
    );
    expect(ranges(text, "DL3033")).toEqual(["4:4-4:18"]);
    expect(relatedRanges(text, "DL3033")).toEqual(["4:19-4:38"]);
  });
});

describe("DL3034 zypper non-interactive", () => {
  it("reports zypper install without -n and fixes it with the global -n", () => {
    const text = df("FROM opensuse/leap:15.6", "RUN zypper install httpd=2.4.58 && zypper clean");
    expect(ranges(text, "DL3034")).toEqual(["1:4-1:18"]);
    expect(fixedClean(text, "DL3034")).toBe(
      df("FROM opensuse/leap:15.6", "RUN zypper -n install httpd=2.4.58 && zypper clean"),
    );
  });
  it("accepts -n, --non-interactive, -y and --no-confirm", () => {
    const text = df(
      "FROM opensuse/leap:15.6",
      "RUN zypper -n in a=1 && zypper --non-interactive up && zypper install -y b=1 && zypper rm --no-confirm c",
    );
    expect(ranges(text, "DL3034")).toEqual([]);
  });
});

describe("DL3035 zypper dist-upgrade", () => {
  it("reports dist-upgrade and dup", () => {
    expect(
      ranges(df("FROM opensuse/leap:15.6", "RUN zypper -n dist-upgrade && zypper -n dup"), "DL3035"),
    ).toEqual(["1:14-1:26", "1:40-1:43"]);
  });
  it("does not report zypper update", () => {
    expect(ranges(df("FROM opensuse/leap:15.6", "RUN zypper -n update"), "DL3035")).toEqual([]);
  });
});

describe("DL3036 zypper clean", () => {
  it("reports zypper install without a later clean", () => {
    expect(
      ranges(df("FROM opensuse/leap:15.6", "RUN zypper clean && zypper -n install a=1"), "DL3036"),
    ).toEqual(["1:20-1:37"]);
  });
  it("accepts zypper clean, zypper cc, removing the cache and a cache mount", () => {
    const text = df(
      "FROM opensuse/leap:15.6",
      "RUN zypper -n install a=1 && zypper clean -a",
      "RUN zypper -n install b=1 && zypper cc",
      "RUN zypper -n install c=1 && rm -rf /var/cache/zypp",
      "RUN --mount=type=cache,target=/var/cache/zypp zypper -n install d=1",
    );
    expect(ranges(text, "DL3036")).toEqual([]);
  });
});

describe("DL3037 zypper install versions", () => {
  it("reports unpinned packages", () => {
    const text = df("FROM opensuse/leap:15.6", "RUN zypper -n install tomcat apache2=2.4.58");
    expect(ranges(text, "DL3037")).toEqual(["1:4-1:21"]);
    expect(relatedRanges(text, "DL3037")).toEqual(["1:22-1:28"]);
  });
  it("accepts comparisons (escaped or quoted), .rpm files and patterns", () => {
    const text = df(
      "FROM opensuse/leap:15.6",
      "RUN zypper -n install tomcat\\>=9.0 'httpd<2.5' ./x-1.0.rpm && zypper -n install -t pattern devel_basis",
    );
    expect(ranges(text, "DL3037")).toEqual([]);
  });
});

describe("DL3038 dnf -y", () => {
  it("reports dnf without -y and fixes it; microdnf never asks, so it is left alone", () => {
    const text = df("FROM fedora:40", "RUN dnf install httpd-2.4.59 && microdnf upgrade && dnf clean all");
    expect(ranges(text, "DL3038")).toEqual(["1:4-1:15"]);
    expect(fixedClean(text, "DL3038")).toBe(
      df("FROM fedora:40", "RUN dnf install -y httpd-2.4.59 && microdnf upgrade && dnf clean all"),
    );
  });
  it("does not report other programs", () => {
    expect(ranges(df("FROM fedora:40", "RUN notdnf install httpd"), "DL3038")).toEqual([]);
  });
});

describe("DL3040 dnf clean all", () => {
  it("reports dnf commands that download without a later clean of the same program", () => {
    const text = df(
      "FROM fedora:40",
      "RUN dnf -y upgrade",
      "RUN dnf install -y a-1 && microdnf clean all",
      "RUN dnf clean all && dnf in -y b-1",
    );
    expect(ranges(text, "DL3040")).toEqual(["1:4-1:18", "2:4-2:15", "3:21-3:27"]);
  });
  it("accepts clean all, removing the cache and cache mounts", () => {
    const text = df(
      "FROM fedora:40",
      "RUN microdnf install -y a-1 && microdnf clean all",
      "RUN dnf install -y b-1 && rm -rf /var/cache/libdnf5",
      "RUN --mount=type=cache,target=/var/cache/libdnf5 dnf install -y c-1",
    );
    expect(ranges(text, "DL3040")).toEqual([]);
  });
});

describe("DL3041 dnf install versions", () => {
  it("reports packages without a version, also names with a dash", () => {
    const f = findings(df("FROM fedora:40", "RUN dnf install -y rpm-sign tomcat-9.0.1"), "DL3041");
    expect(f.map((x) => x.range)).toEqual(["1:4-1:15"]);
    expect(f[0].message).toBe("'rpm-sign' is installed without a version: pin it as rpm-sign-<version>");
  });
  it("reports modules without a stream and skips groups", () => {
    const text = df(
      "FROM fedora:40",
      "RUN microdnf module install -y nodejs && dnf -y --setopt=x=1 group install 'Development Tools'",
    );
    expect(ranges(text, "DL3041")).toEqual(["1:4-1:27"]);
    expect(relatedRanges(text, "DL3041")).toEqual(["1:31-1:37"]);
  });
  it("leaves versions from a build argument alone", () => {
    expect(ranges(df("FROM fedora:40", "ARG V", "RUN dnf install -y git-core-$V"), "DL3041")).toEqual([]);
  });
});

describe("DL3042 pip --no-cache-dir", () => {
  it("reports pip install without --no-cache-dir and fixes it", () => {
    const text = df("FROM python:3.12", "RUN pip install flask==3.0.3 && python -m pip install rich==13.7.1");
    expect(ranges(text, "DL3042")).toEqual(["1:4-1:15", "1:32-1:53"]);
    expect(fixedClean(text, "DL3042")).toBe(
      df(
        "FROM python:3.12",
        "RUN pip install --no-cache-dir flask==3.0.3 && python -m pip install --no-cache-dir rich==13.7.1",
      ),
    );
  });
  it("accepts PIP_NO_CACHE_DIR set to a true value by ENV, a prefix or an export", () => {
    const text = df(
      "FROM python:3.12",
      "ENV PIP_NO_CACHE_DIR=on",
      "RUN pip install a==1",
      "FROM python:3.12",
      "RUN PIP_NO_CACHE_DIR=1 pip install b==1",
      "RUN export PIP_NO_CACHE_DIR=true && pip install c==1",
    );
    expect(ranges(text, "DL3042")).toEqual([]);
  });
  it("follows ENV into stages built FROM the stage, and not into others", () => {
    const text = df(
      "FROM python:3.12 AS base",
      "ENV PIP_NO_CACHE_DIR=1",
      "FROM base",
      "RUN pip install a==1",
      "FROM python:3.12",
      "RUN pip install b==1",
    );
    expect(ranges(text, "DL3042")).toEqual(["5:4-5:15"]);
  });
  it("still reports false values, and an export after the install", () => {
    const text = df("FROM python:3.12", "RUN PIP_NO_CACHE_DIR=0 pip install a==1; export PIP_NO_CACHE_DIR=1");
    expect(ranges(text, "DL3042")).toEqual(["1:23-1:34"]);
  });
  it("accepts a cache mount on pip's cache, and ignores pipx", () => {
    const text = df(
      "FROM python:3.12",
      "RUN --mount=type=cache,target=/root/.cache pip install a==1",
      "RUN --mount=type=cache,target=/home/app/.cache/pip pip install b==1",
      "RUN pipx install black==24.4.2",
    );
    expect(ranges(text, "DL3042")).toEqual([]);
  });
});

describe("DL3046 useradd -l", () => {
  it("reports a six-digit UID without -l and fixes it", () => {
    const text = df("FROM debian:12", "RUN useradd -u 123456 app");
    expect(ranges(text, "DL3046")).toEqual(["1:4-1:11"]);
    expect(fixedClean(text, "DL3046")).toBe(df("FROM debian:12", "RUN useradd -l -u 123456 app"));
  });
  it("reads --uid=, attached values and UIDs from ENV", () => {
    const text = df(
      "FROM debian:12",
      "ENV APP_UID=100001",
      "RUN useradd --uid=200000 a && useradd -u300000 b && useradd -u $APP_UID c",
    );
    expect(ranges(text, "DL3046")).toEqual(["2:4-2:11", "2:30-2:37", "2:52-2:59"]);
  });
  it("accepts -l, --no-log-init and small UIDs", () => {
    const text = df(
      "FROM debian:12",
      "RUN useradd -l -u 123456 a && useradd --no-log-init -u 123456 b && useradd -u 10001 c",
    );
    expect(ranges(text, "DL3046")).toEqual([]);
  });
});

describe("DL3047 wget progress output", () => {
  it("reports wget without a quiet or progress option and adds -q", () => {
    const text = df("FROM debian:12", "RUN wget https://example.com/a.tgz");
    expect(ranges(text, "DL3047")).toEqual(["1:4-1:8"]);
    expect(fixedCleanUnsafe(text, "DL3047")).toBe(
      df("FROM debian:12", "RUN wget -q https://example.com/a.tgz"),
    );
  });
  it("accepts --progress, -q (also grouped), -nv and log files", () => {
    const text = df(
      "FROM debian:12",
      "RUN wget --progress=dot:giga a && wget -qO- b && wget -nv c && wget -o /tmp/log d && wget --append-output=l e",
    );
    expect(ranges(text, "DL3047")).toEqual([]);
  });
});

describe("DL3060 yarn cache clean", () => {
  it("reports yarn install, yarn add and bare yarn without a later cache clean", () => {
    const text = df(
      "FROM node:20",
      "RUN yarn cache clean && yarn install",
      "RUN yarn add left-pad@1.3.0",
      "RUN yarn",
    );
    expect(ranges(text, "DL3060")).toEqual(["1:24-1:36", "2:4-2:12", "3:4-3:8"]);
  });
  it("accepts a later yarn cache clean, a cache mount, and yarn commands that do not install", () => {
    const text = df(
      "FROM node:20",
      "RUN yarn install --frozen-lockfile && yarn cache clean",
      "RUN --mount=type=cache,target=/usr/local/share/.cache/yarn yarn install",
      "RUN yarn build && yarn --version",
    );
    expect(ranges(text, "DL3060")).toEqual([]);
  });
  it("only reports stages whose layers reach an image, but always ONBUILD", () => {
    const text = df(
      "FROM node:20 AS deps",
      "RUN yarn install",
      "ONBUILD RUN yarn install",
      "FROM nginx:1.27",
    );
    expect(ranges(text, "DL3060")).toEqual(["2:12-2:24"]);
  });
});

describe("DL3062 go install versions", () => {
  it("reports packages without a version or with @latest", () => {
    const f = findings(
      df("FROM golang:1.22", "RUN go install golang.org/x/tools/gopls@latest example.com/cmd"),
      "DL3062",
    );
    expect(f.map((x) => x.range)).toEqual(["1:15-1:46", "1:47-1:62"]);
    expect(f[0].message).toContain("golang.org/x/tools/gopls@<version>");
  });
  it("accepts versions and local packages, and reads only the package of go run", () => {
    const text = df(
      "FROM golang:1.22",
      "RUN go install -ldflags '-s -w' example.com/cmd@v1.2.3 ./cmd/tool . && go get -tool x.io/y@v0.1.0",
      "RUN go run example.com/gen@v1.0.0 --out api && go install std cmd/go tool",
    );
    expect(ranges(text, "DL3062")).toEqual([]);
  });
});

describe("DL4001 wget and curl", () => {
  it("reports each RUN from the one that brings in the second tool", () => {
    const text = df("FROM debian:12", "RUN wget -q a", "RUN curl -fsSLO b", "RUN echo c", "RUN wget -q d");
    const f = findings(text, "DL4001");
    expect(f.map((x) => x.range)).toEqual(["2:4-2:8", "4:4-4:8"]);
    expect(f[0].message).toContain("wget on line 2");
  });
  it("reports a RUN that uses both once", () => {
    expect(ranges(df("FROM debian:12", "RUN wget -q a && curl -O b && curl -O c"), "DL4001")).toEqual([
      "1:17-1:21",
    ]);
  });
  it("compares each stage on its own", () => {
    expect(
      ranges(df("FROM debian:12", "RUN wget -q a", "FROM debian:12", "RUN curl -O b"), "DL4001"),
    ).toEqual([]);
  });
});

describe("DL4005 ln to /bin/sh", () => {
  it("reports the ln command", () => {
    expect(ranges(df("FROM debian:12", "RUN ln -sfv /bin/bash /bin/sh && echo ok"), "DL4005")).toEqual([
      "1:4-1:29",
    ]);
  });
  it("does not report other links or /bin/sh as the link target", () => {
    const text = df(
      "FROM debian:12",
      "RUN ln -sf /bin/true /sbin/initctl && ln -s /bin/sh /usr/local/bin/sh2",
    );
    expect(ranges(text, "DL4005")).toEqual([]);
  });
});

describe("DL4006 pipefail", () => {
  it("reports the first pipeline of a RUN", () => {
    const f = findings(
      df("FROM debian:12", "RUN curl -fsSL https://x.example/i.sh | sh && echo a | wc -l"),
      "DL4006",
    );
    expect(f.map((x) => x.range)).toEqual(["1:4-1:42"]);
    expect(f[0].message).toContain("a failing 'curl'");
  });
  it("accepts a SHELL with -o pipefail, also grouped, in bash, zsh or ash", () => {
    const text = df(
      "FROM debian:12",
      'SHELL ["/bin/bash", "-eo", "pipefail", "-c"]',
      "RUN a | b",
      'SHELL ["/usr/local/bin/zsh", "-o", "errexit", "-o", "pipefail", "-c"]',
      "RUN a | b",
    );
    expect(ranges(text, "DL4006")).toEqual([]);
  });
  it("still reports sh with -o pipefail, and a later SHELL without it", () => {
    const text = df(
      "FROM debian:12",
      'SHELL ["/bin/sh", "-o", "pipefail", "-c"]',
      "RUN a | b",
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      "RUN a | b",
      'SHELL ["/bin/bash", "-c"]',
      "RUN a | b",
    );
    expect(ranges(text, "DL4006")).toEqual(["2:4-2:9", "6:4-6:9"]);
  });
  it("accepts set -o pipefail before the pipeline in the RUN", () => {
    expect(
      ranges(df("FROM debian:12", 'SHELL ["/bin/bash", "-c"]', "RUN set -euxo pipefail; a | b"), "DL4006"),
    ).toEqual([]);
    expect(ranges(df("FROM debian:12", "RUN a | b; set -o pipefail"), "DL4006")).toEqual(["1:4-1:9"]);
  });
  it("takes the SHELL of the stage it is built FROM, and resets on other FROMs", () => {
    const text = df(
      "FROM debian:12 AS base",
      'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
      "FROM base",
      "RUN a | b",
      "FROM debian:12",
      "RUN a | b",
    );
    expect(ranges(text, "DL4006")).toEqual(["5:4-5:9"]);
  });
  it("reads ONBUILD RUN with the SHELL the stage ends with, which the child build inherits", () => {
    const text = df("FROM debian:12", "ONBUILD RUN a | b", 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]');
    expect(ranges(text, "DL4006")).toEqual([]);
    expect(ranges(df("FROM debian:12", "ONBUILD RUN a | b"), "DL4006")).toEqual(["1:12-1:17"]);
  });
  it("does not report RUN without pipes, || lists, or PowerShell pipelines", () => {
    const text = df(
      "FROM debian:12",
      "RUN a || b && c",
      'SHELL ["pwsh", "-c"]',
      "RUN Get-Item x | Select-Object Name",
    );
    expect(ranges(text, "DL4006")).toEqual([]);
  });
});
