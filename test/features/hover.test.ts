/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax */
import { describe, expect, it } from "vitest";
import { hover } from "../../server/features/hover.js";
import { at, snapshot, textOf } from "./helpers.js";

/** The hover at the `|` of the text: its hovered text and its Markdown split into paragraphs. */
function hoverAt(source: string, marker = "|") {
  const { doc, offset } = at(source, marker);
  const h = hover(doc, offset);
  return { h, hovered: h && textOf(doc, h.span), parts: h?.markdown.split("\n\n") ?? [] };
}

describe("hover on instructions", () => {
  it("CMD: what it does, its forms, its flags, an example and its pitfalls", () => {
    const { h, hovered, parts } = hoverAt("FROM alpine\nC|MD echo hi\n");
    expect(hovered).toBe("CMD");
    expect(h?.span).toEqual({ start: 12, end: 15 });
    expect(parts[0]).toBe(
      "**CMD** — Sets the default command of a container started from the image, or, when there is an ENTRYPOINT, the default arguments passed to it. It runs nothing during the build.",
    );
    expect(parts[1]).toMatch(/^```dockerfile\nCMD \["executable", "param1", "param2"\]/);
    const pitfalls = h?.markdown ?? "";
    expect(pitfalls).toContain("- Only the last CMD of the final stage takes effect");
    expect(pitfalls).toContain("- Arguments given to `docker run IMAGE …` replace CMD entirely.");
    expect(pitfalls).toContain("with an ENTRYPOINT in shell form, CMD is ignored");
    expect(pitfalls).toContain("only double quotes work");
    expect(parts.at(-1)).toBe('Example:\n```dockerfile\nCMD ["nginx", "-g", "daemon off;"]\n```');
  });

  it.each([
    ["ENTRYPOINT", "the container runs ENTRYPOINT's elements followed by CMD's"],
    ["ENTRYPOINT", "ignores CMD and the arguments of `docker run`"],
    ["HEALTHCHECK", "Only the last HEALTHCHECK of the final stage takes effect"],
    ["ADD", "ADD unpacks local archives and fetches URLs; COPY only copies."],
    ["COPY", "COPY only copies; ADD also unpacks local archives and fetches URLs."],
    [
      "RUN",
      "Each RUN makes a layer, and a file deleted in a later RUN still takes space in the earlier layer",
    ],
    [
      "RUN",
      "The build cache: a step is reused while its instruction text and everything before it are unchanged",
    ],
    ["ONBUILD", "ONBUILD runs in the child's build, not in this one"],
    ["EXPOSE", "EXPOSE does not publish anything"],
    ["VOLUME", "Changes to the directory after the VOLUME line are discarded by the legacy builder"],
    ["ARG", "ARG is build-time only, ENV persists into the image and its containers."],
    ["ENV", "ENV persists into the image and its containers, ARG does not."],
    ["MAINTAINER", "MAINTAINER is deprecated"],
  ])("%s names the pitfall: %s", (keyword, pitfall) => {
    const { h } = hoverAt(`FROM alpine\n|${keyword} x\n`);
    expect(h?.markdown).toContain(pitfall);
  });

  it("lists the flags an instruction takes", () => {
    const { parts } = hoverAt("FROM alpine\n|COPY a b\n");
    expect(parts).toContain("Flags: `--from`, `--chown`, `--chmod`, `--link`, `--parents`, `--exclude`");
  });

  it("the keyword of an ONBUILD trigger is the trigger's instruction", () => {
    const { hovered, parts } = hoverAt("FROM alpine\nONBUILD R|UN make\n");
    expect(hovered).toBe("RUN");
    expect(parts[0]).toMatch(/^\*\*RUN\*\* — /);
    expect(hoverAt("FROM alpine\nON|BUILD RUN make\n").parts[0]).toMatch(/^\*\*ONBUILD\*\* — /);
  });

  it("keeps CRLF out of the span", () => {
    const { h } = hoverAt("FROM alpine AS base\r\nRU|N echo hi\r\n");
    expect(h?.span).toEqual({ start: 21, end: 24 });
  });
});

describe("hover on flags and values", () => {
  it("a flag on a continuation line", () => {
    const { hovered, parts } = hoverAt("FROM alpine\nRUN \\\n  --net|work=none \\\n  make\n");
    expect(hovered).toBe("--network=none");
    expect(parts[0]).toBe("**RUN --network=<default|none|host>** — The network this RUN has while it runs.");
    expect(parts[1]).toBe(
      "- `default`: the normal build network\n- `none`: no network at all, only loopback\n- `host`: the host's network; needs the `network.host` entitlement (`--allow network.host`)",
    );
    expect(parts.at(-2)).toBe("Example: `RUN --network=none make test`");
    expect(parts.at(-1)).toBe("Here: `none`, no network at all, only loopback.");
  });

  it("each --mount option, with the mount types it applies to", () => {
    const { hovered, parts } = hoverAt(
      "FROM alpine\nRUN --mount=type=cache,target=/root/.cache,shar|ing=locked pip install x\n",
    );
    expect(hovered).toBe("sharing=locked");
    expect(parts[0]).toBe(
      "**--mount sharing=<shared|private|locked>** — How concurrent builds use one cache mount. Default `shared`.",
    );
    expect(parts.at(-1)).toBe("Applies to: `type=cache`");
  });

  it("an alias says which option it stands for", () => {
    const { parts } = hoverAt("FROM alpine\nRUN --mount=type=bind,d|st=/src true\n");
    expect(parts[0]).toMatch(/^\*\*--mount dst=<path>\*\* \(same as `target`\) — Where the mount appears/);
  });

  it("the mount type", () => {
    const { hovered, parts } = hoverAt(
      "FROM alpine\nRUN --mount=type=sec|ret,id=npmrc,target=/root/.npmrc npm ci\n",
    );
    expect(hovered).toBe("type=secret");
    expect(parts[0]).toMatch(/^\*\*--mount type=secret\*\* — Gives this RUN a secret/);
  });

  it("HEALTHCHECK options", () => {
    const { hovered, parts } = hoverAt("FROM alpine\nHEALTHCHECK --retr|ies=5 CMD true\n");
    expect(hovered).toBe("--retries=5");
    expect(parts[0]).toBe(
      "**HEALTHCHECK --retries=<n>** — Consecutive failures it takes to call the container unhealthy. Default 3.",
    );
  });

  it("a flag's availability", () => {
    const { parts } = hoverAt("FROM alpine\nRUN --secur|ity=insecure true\n");
    expect(parts).toContain("Availability: labs channel only (`# syntax=docker/dockerfile:1-labs`).");
  });
});

describe("hover on stages and images", () => {
  const file = "FROM golang:1.22 AS build\nRUN go build\nFROM alpine\nCOPY --from=build /out /usr/bin/\n";

  it("a stage name: what it is built from and where it is used", () => {
    const { hovered, parts } = hoverAt(file.replace("AS build", "AS bu|ild"));
    expect(hovered).toBe("build");
    expect(parts).toEqual([
      "**Stage `build`** (index 0, line 1)",
      "Built from: image `golang:1.22`",
      "Used by:\n- line 4: `COPY --from=build /out /usr/bin/`",
    ]);
  });

  it("COPY --from names the stage", () => {
    const { hovered, parts } = hoverAt(file.replace("--from=build", "--from=bui|ld"));
    expect(hovered).toBe("build");
    expect(parts[0]).toBe("**Stage `build`** (index 0, line 1)");
  });

  it("a stage nobody uses, and the last stage", () => {
    expect(hoverAt("FROM alpine AS t|ools\nFROM alpine AS final\n").parts.at(-1)).toBe(
      "Not used by a later stage: a plain `docker build` skips it unless `--target` names it.",
    );
    expect(hoverAt("FROM alpine AS tools\nFROM alpine AS fi|nal\n").parts.at(-1)).toBe(
      "The last stage: the image `docker build` produces unless `--target` names another.",
    );
  });

  it("a base image: registry, name, tag, digest and platform", () => {
    const digest = `sha256:${"ab".repeat(32)}`;
    const { hovered, parts } = hoverAt(
      `FROM --platform=$BUILDPLATFORM ghcr.io/org/a|pp:1.2@${digest} AS build\n`,
    );
    expect(hovered).toBe(`ghcr.io/org/app:1.2@${digest}`);
    expect(parts).toEqual([
      `**Image** \`ghcr.io/org/app:1.2@${digest}\``,
      `| | |\n|---|---|\n| Registry | \`ghcr.io\` |\n| Name | \`org/app\` |\n| Tag | \`1.2\` |\n| Digest | \`${digest}\` |`,
      "Platform: `$BUILDPLATFORM` (from `--platform`).",
    ]);
  });

  it("a Docker Hub image without tag, through a global ARG", () => {
    const { parts } = hoverAt("ARG IMG=ubuntu\nFROM $I|MG\n");
    expect(parts[0]).toMatch(/^\*\*`\$IMG`\*\* — build argument/);
    const image = hoverAt("ARG TAG=22.04\nFROM ub|untu:${TAG}\n");
    expect(image.parts.slice(0, 3)).toEqual([
      "**Image** `ubuntu:${TAG}`",
      "Expands to `ubuntu:22.04` with the global ARG defaults.",
      "| | |\n|---|---|\n| Registry | `docker.io` (Docker Hub, the default) |\n| Name | `library/ubuntu` |\n| Tag | `22.04` |\n| Digest | none: the tag can move to another image |",
    ]);
  });

  it("FROM an earlier stage", () => {
    const { parts } = hoverAt("FROM alpine AS base\nFROM ba|se\n");
    expect(parts[0]).toBe(
      "**FROM stage `base`** — this stage continues from it: files, ENV, ARG, WORKDIR and USER carry over.",
    );
  });
});

describe("hover on variables", () => {
  it("where a variable is defined and its value at that point", () => {
    const { hovered, parts } = hoverAt("FROM alpine\nENV APP=/opt/app\nWORKDIR $A|PP/bin\n");
    expect(hovered).toBe("$APP");
    expect(parts).toEqual([
      "**`$APP`** — environment variable (ENV: stored in the image)",
      "Defined on line 2 in stage 0: `ENV APP=/opt/app`",
      "Value: `/opt/app`",
    ]);
  });

  it("an ARG without default has no value", () => {
    const { parts } = hoverAt("FROM alpine\nARG VERSION\nRUN echo ${VER|SION}\n");
    expect(parts.at(-1)).toBe("No default: empty unless the build passes `--build-arg VERSION=…`.");
  });

  it("a stage's ARG takes the global default", () => {
    const { hovered, parts } = hoverAt("ARG V=1\nFROM alpine\nARG |V\n");
    expect(hovered).toBe("V");
    expect(parts.at(-1)).toBe("Value: `1` (the default of the global ARG on line 1)");
  });

  it("a platform ARG used in a stage without declaring it", () => {
    const { parts } = hoverAt("FROM alpine\nRUN echo $TARGETA|RCH\n");
    expect(parts).toEqual([
      "**`$TARGETARCH`** — predefined build argument: Architecture part of TARGETPLATFORM, e.g. arm64.",
      "Not visible here: inside a stage it needs `ARG TARGETARCH` first.",
    ]);
  });

  it("an ARG used by CMD is gone when the container runs", () => {
    const { parts } = hoverAt("FROM alpine\nARG PORT=80\nCMD serve --port $PO|RT\n");
    expect(parts).toContain(
      "This command runs when the container starts, where build arguments no longer exist: it sees an empty value unless an ENV sets it.",
    );
  });

  it("through a backtick continuation (escape=`)", () => {
    const { hovered, parts } = hoverAt("# escape=`\nFROM alpine\nENV DIR=C:\\app\nWORKDIR `\n  $D|IR\n");
    expect(hovered).toBe("$DIR");
    expect(parts.at(-1)).toBe("Value: `C:\\app`");
  });

  it("in a heredoc body that the shell expands", () => {
    const { hovered, parts } = hoverAt("FROM alpine\nARG V=2\nRUN <<EOF\necho $|V\nEOF\n");
    expect(hovered).toBe("$V");
    expect(parts.at(-1)).toBe("Value: `2`");
  });

  it("the modifier of ${NAME:-word}", () => {
    const { parts } = hoverAt("FROM alpine\nWORKDIR ${D|IR:-/app}\n");
    expect(parts).toContain(
      "Written with `:-`: the word after it is used when the variable is unset or empty.",
    );
  });
});

describe("hover on heredocs", () => {
  it("the marker of a RUN heredoc on a continuation line, quoted and with <<-", () => {
    const { hovered, parts } = hoverAt('FROM alpine\nRUN \\\n  cat <<-"E|OF" > /etc/motd\n\thello\n\tEOF\n');
    expect(hovered).toBe('<<-"EOF"');
    expect(parts).toEqual([
      "**Heredoc `<<-EOF`** — the lines up to the terminator are a script, run by the shell (or by the program a `#!` line names); it ends at a line that is exactly `EOF`.",
      "The delimiter is quoted, so the body is taken literally: no variable expansion.",
      "`<<-` strips leading tabs from the body lines and from the terminator.",
    ]);
  });

  it("the terminator of a COPY heredoc", () => {
    const { hovered, parts } = hoverAt("FROM alpine\nCOPY <<EOF /etc/motd\nhello\nE|OF\n");
    expect(hovered).toBe("EOF");
    expect(parts[1]).toBe(
      "The delimiter is unquoted, so variables in the body are expanded (by Docker, with the build's ARG and ENV values).",
    );
  });
});

describe("hover on directives, pragmas and findings", () => {
  it("a parser directive and its value", () => {
    const { hovered, parts } = hoverAt("# syntax=docker/docker|file:1\nFROM alpine\n");
    expect(hovered).toBe("# syntax=docker/dockerfile:1");
    expect(parts).toContain("`docker/dockerfile:1`: the latest stable 1.x frontend (recommended)");
  });

  it("a check name in # check=skip=", () => {
    const { parts } = hoverAt("# check=skip=StageNameCas|ing\nFROM alpine\n");
    expect(parts).toContain("`StageNameCasing`: DF101, Stage names should be lowercase");
  });

  it("an ignore pragma: the rules it turns off, the instruction it applies to, its reason", () => {
    const { hovered, parts } = hoverAt(
      "FROM ubuntu\n# hadolint ign|ore=DL3008,NOPE reason=pinned upstream\nRUN true\n",
    );
    expect(hovered).toBe("# hadolint ignore=DL3008,NOPE reason=pinned upstream");
    expect(parts[0]).toMatch(
      /^\*\*# hadolint ignore=\*\* — Turns off the listed rules for the next instruction/,
    );
    expect(parts.slice(1, 4)).toEqual([
      "- `DL3008`: Pin versions in apt-get install\n- `NOPE`: no such rule",
      "Applies to the instruction on line 3: `RUN true`",
      "Reason: pinned upstream",
    ]);
  });

  it("a rule code in a pragma", () => {
    const { hovered, parts } = hoverAt("FROM ubuntu\n# dflint global ignore=DL30|08\nRUN true\n");
    expect(hovered).toBe("DL3008");
    expect(parts[0]).toBe("**DL3008** — Pin versions in apt-get install");
  });

  it("a shell pragma", () => {
    const { parts } = hoverAt("# hadolint shell=pow|ershell\nFROM mcr.microsoft.com/windows/servercore\n");
    expect(parts[0]).toMatch(/^\*\*# hadolint shell=\*\* — Tells shell-aware rules which shell/);
  });

  it("a finding under the cursor: the rule's code, message, title and explanation", () => {
    const { parts } = hoverAt("FROM alpine\nMAINT|AINER me\n");
    const rule = parts.indexOf("---");
    expect(rule).toBeGreaterThan(0);
    expect(parts[rule + 1]).toMatch(/^\*\*DL4000\*\* \(\w+\) — MAINTAINER is deprecated/);
    expect(parts[rule + 2]).toMatch(/^\*MAINTAINER is deprecated\.\* /);
  });

  it("a finding alone, where there is nothing else to say", () => {
    const { doc, offset } = at("FROM ubuntu:24.04\nRUN apt-get ins|tall -y --no-install-recommends curl\n");
    const finding = doc.findings.find((f) => f.code === "DL3008");
    const h = hover(doc, offset);
    expect(h?.span).toEqual(finding?.span);
    expect(h?.markdown).toMatch(/^\*\*DL3008\*\* \(warning\) — /);
  });

  it("an empty document says why it is not a Dockerfile", () => {
    expect(hover(snapshot(""), 0)?.markdown).toMatch(
      /^\*\*DF008\*\* \(error\) — the file has no instructions/,
    );
  });
});

describe("nothing to say", () => {
  it.each([
    ["an empty line", "FROM alpine\n|\nRUN true\n"],
    ["an ordinary comment", "FROM alpine\n# just a | note\nRUN true\n"],
    ["a comment inside a continuation", "FROM alpine\nRUN a \\\n# no|te\n  && b\n"],
    ["plain text in a heredoc body", "FROM alpine\nRUN <<EOF\necho h|i\nEOF\n"],
    ["a plain argument", "FROM alpine\nWORKDIR /a|pp\n"],
    ["past the end", "FROM alpine\n\n|"],
  ])("%s", (_name, source) => {
    const { doc, offset } = at(source);
    expect(hover(doc, offset)).toBeUndefined();
  });
});
