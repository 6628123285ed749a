/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { ruleFor } from "../../server/rules/index.js";
import { findings, fixed, fixedUnsafe, ranges } from "./helpers.js";

const only = (text: string, code: string) => findings(text, code).map((f) => `${f.range} ${f.message}`);

describe("DF001: unknown instruction", () => {
  it("reports the keyword and suggests the closest instruction", () => {
    const f = findings("FROM alpine\nRUNN apk add curl\n", "DF001");
    expect(f.map((x) => x.range)).toEqual(["1:0-1:4"]);
    expect(f[0].message).toBe("unknown instruction 'RUNN' (did you mean RUN?)");
  });
  it("fixes a near miss, keeping lowercase keywords lowercase, and the result is clean", () => {
    expect(fixedUnsafe("FROM alpine\nRUNN apk add curl\n", "DF001")).toBe("FROM alpine\nRUN apk add curl\n");
    expect(fixedUnsafe("from alpine\ncopyy a /b/\n", "DF001")).toBe("from alpine\ncopy a /b/\n");
    expect(ranges(fixedUnsafe("FROM alpine\nWORKDIRR /app\n", "DF001"), "DF001")).toEqual([]);
  });
  it("offers no suggestion (and no fix) when nothing is close", () => {
    const f = findings("FROM alpine\nRUNCMD docker\n", "DF001");
    expect(f.map((x) => [x.range, x.message, x.fixable])).toEqual([
      ["1:0-1:6", "unknown instruction 'RUNCMD'", false],
    ]);
  });
  it("reports a keyword glued to its continued line as one unknown keyword", () => {
    expect(ranges("FROM node\nSTOPSIGNAL\\\n9\n", "DF001")).toEqual(["1:0-2:1"]);
    expect(findings("FROM node\nSTOPSIGNAL\\\n9\n", "DF001")[0].fixable).toBe(false);
  });
  it("reports unknown ONBUILD triggers, which fail in the child image", () => {
    const f = findings("FROM node\nONBUILD RUNN npm ci\n", "DF001");
    expect(f.map((x) => x.range)).toEqual(["1:8-1:12"]);
    expect(f[0].message).toContain("ONBUILD trigger");
  });
  it("does not fire on known instructions in any case, nor on comments", () => {
    expect(
      ranges("# RUNN is not an instruction here\nfrom alpine\nrun true\nHealthCheck NONE\n", "DF001"),
    ).toEqual([]);
  });
});

describe("DF002: missing or malformed arguments", () => {
  it("reports instructions left without arguments at the keyword", () => {
    const text =
      "FROM alpine\nWORKDIR\nUSER \nEXPOSE\nVOLUME\nARG\nSHELL\nSTOPSIGNAL\nMAINTAINER\nLABEL\nENV\nONBUILD\n";
    expect(ranges(text, "DF002")).toEqual([
      "1:0-1:7",
      "2:0-2:4",
      "3:0-3:6",
      "4:0-4:6",
      "5:0-5:3",
      "6:0-6:5",
      "7:0-7:10",
      "8:0-8:10",
      "9:0-9:5",
      "10:0-10:3",
      "11:0-11:7",
    ]);
  });
  it("treats a lone escape character that continues nothing as no ARG name", () => {
    // A CR and a blank after the backslash: not a line continuation for BuildKit.
    expect(ranges("FROM node\nARG \\\r \nRUN true\n", "DF002")).toEqual(["1:0-1:3"]);
  });
  it("reports FROM without an image", () => {
    expect(ranges("FROM\n", "DF002")).toEqual(["0:0-0:4"]);
  });
  it("accepts RUN, CMD and ENTRYPOINT without arguments, as BuildKit does", () => {
    expect(ranges("FROM alpine\nRUN\nCMD\nENTRYPOINT\n", "DF002")).toEqual([]);
  });
  it("reports the words FROM cannot use", () => {
    const text = "FROM node extra\nFROM node AS\nFROM node AS setup again\nFROM node as x\n";
    expect(ranges(text, "DF002")).toEqual(["0:10-0:15", "1:10-1:12", "2:19-2:24"]);
    expect(only("FROM node AS\n", "DF002")).toEqual(["0:10-0:12 AS needs a stage name after it"]);
  });
  it("points at an extra word on a continued line", () => {
    expect(ranges("FROM node\nFROM node \\\n  extra\n", "DF002")).toEqual(["2:2-2:7"]);
  });
  it("reports COPY and ADD with a single argument at that argument", () => {
    const text = 'FROM alpine\nCOPY .\nADD ["test.txt"]\nCOPY []\nCOPY --from=busybox\n';
    expect(ranges(text, "DF002")).toEqual(["1:5-1:6", "2:6-2:14", "3:5-3:7", "4:0-4:4"]);
  });
  it("counts a heredoc as the source, but not as the destination", () => {
    const text =
      "FROM alpine\nCOPY <<EOF /etc/motd\nhello\nEOF\nCOPY <<EOF\nhello\nEOF\nCOPY /src <<EOF\nhi\nEOF\n";
    expect(ranges(text, "DF002")).toEqual(["4:0-4:4", "7:10-7:15"]);
  });
  it("checks ONBUILD triggers", () => {
    expect(ranges("FROM node\nONBUILD COPY package.json\n", "DF002")).toEqual(["1:13-1:25"]);
  });
  it("reports STOPSIGNAL with more than one word at the extra words", () => {
    expect(only("FROM node\nSTOPSIGNAL SIGTERM extra\n", "DF002")).toEqual([
      "1:19-1:24 STOPSIGNAL takes one signal; 'extra' is extra",
    ]);
  });
  it("reports HEALTHCHECK without a type and HEALTHCHECK CMD without a command", () => {
    const text = "FROM nginx\nHEALTHCHECK --interval=30s\nHEALTHCHECK CMD\nHEALTHCHECK CMD []\n";
    expect(ranges(text, "DF002")).toEqual(["1:0-1:11", "2:12-2:15", "3:12-3:15"]);
  });
  it("reports ENV and LABEL words without =, a legacy ENV without value, and empty names", () => {
    const text = "FROM node\nENV a=b c\nLABEL a=b c d=e\nENV name\nENV =value\nLABEL x=y = a=b\nARG =\n";
    expect(ranges(text, "DF002")).toEqual([
      "1:8-1:9",
      "2:10-2:11",
      "3:4-3:8",
      "4:4-4:10",
      "5:10-5:11",
      "6:4-6:5",
    ]);
  });
  it("reports a quote that is never closed in ENV, LABEL and ARG", () => {
    const text = "FROM node\nENV var=\"value\nLABEL 'abc=xyz'\nARG var='val\\\nue\n";
    expect(ranges(text, "DF002")).toEqual(["1:8-1:14", "2:6-2:10", "3:8-4:2"]);
    expect(findings('FROM node\nENV var="value\n', "DF002")[0].message).toContain("never closed");
  });
  it("reports unclosed quotes in other words Docker expands, not in RUN", () => {
    const text = 'FROM node\nWORKDIR "/app\nCOPY "a b" /dst/\nRUN echo "unbalanced\n';
    expect(ranges(text, "DF002")).toEqual(["1:8-1:13", "2:5-2:7"]);
  });
  it("uses the escape directive when reading quotes", () => {
    const text = '# escape=`\nFROM mcr.microsoft.com/windows/servercore:ltsc2022\nENV A="C:\\path\\" B=1\n';
    expect(ranges(text, "DF002")).toEqual([]);
  });
  it("reports VOLUME with an empty list or an empty path", () => {
    expect(ranges('FROM a\nVOLUME []\nVOLUME ["/data", " "]\n', "DF002")).toEqual(["1:7-1:9", "2:17-2:20"]);
  });
  it("does not fire on well-formed instructions", () => {
    const text = [
      "ARG BASE=alpine:3.20",
      "FROM ${BASE} AS build",
      'ENV A=1 B="two words"',
      "ENV LEGACY value with spaces",
      "LABEL org.opencontainers.image.title=app",
      "ARG ONE TWO=2",
      "COPY --chown=app a b /dst/",
      "COPY <<EOF /etc/motd",
      "hello",
      "EOF",
      "STOPSIGNAL SIGTERM",
      "HEALTHCHECK CMD curl -f http://localhost/ || exit 1",
      "HEALTHCHECK NONE",
      "ONBUILD RUN make",
      "",
    ].join("\n");
    expect(ranges(text, "DF002")).toEqual([]);
  });
});

describe("DF003: unknown or repeated flag", () => {
  it("reports an unknown flag with its dashes and suggests the closest one", () => {
    const f = findings("FROM alpine\nCOPY --chwon=app . /srv/\n", "DF003");
    expect(f.map((x) => [x.range, x.message])).toEqual([
      ["1:5-1:12", "unknown flag --chwon for COPY (did you mean --chown?)"],
    ]);
  });
  it("treats flag names as case-sensitive and fixes the case", () => {
    const text = "FROM --PLATFORM=linux/amd64 alpine\n";
    expect(only(text, "DF003")).toEqual([
      "0:5-0:15 unknown flag --PLATFORM for FROM (flag names are case-sensitive: --platform)",
    ]);
    expect(fixed(text, "DF003")).toBe("FROM --platform=linux/amd64 alpine\n");
    expect(ranges(fixed(text, "DF003"), "DF003")).toEqual([]);
  });
  it("lists the flags an instruction accepts when nothing is close, and says when it takes none", () => {
    expect(findings("FROM alpine\nRUN --xyzzy=1 true\n", "DF003")[0].message).toContain(
      "RUN accepts --mount, --network",
    );
    expect(only("FROM alpine\nENV --global a=b\n", "DF003")).toEqual([
      "1:4-1:12 unknown flag --global for ENV: ENV takes no flags",
    ]);
  });
  it("reports a repeated flag at the repetition", () => {
    expect(
      ranges("FROM alpine\nCOPY --from=a --from=b x /y/\nADD --link --link=false a /b/\n", "DF003"),
    ).toEqual(["1:14-1:20", "2:11-2:17"]);
  });
  it("lets --exclude, --mount and --device repeat", () => {
    const text =
      "FROM alpine\nCOPY --exclude=*.md --exclude=*.txt . /src/\nRUN --mount=type=cache,target=/a --mount=type=cache,target=/b true\n";
    expect(ranges(text, "DF003")).toEqual([]);
  });
  it("knows every flag of COPY, ADD, RUN, FROM and HEALTHCHECK", () => {
    const text = [
      "FROM --platform=linux/amd64 alpine AS a",
      "COPY --from=a --chown=1 --chmod=644 --link --parents --exclude=x a /b/",
      "ADD --chown=1 --chmod=644 --link --keep-git-dir --checksum=sha256:0 --exclude=x --unpack=true a /b/",
      "RUN --mount=type=cache,target=/c --network=none --security=sandbox --device=/dev/fuse true",
      "HEALTHCHECK --interval=1s --timeout=1s --start-period=1s --start-interval=1s --retries=3 CMD true",
      "",
    ].join("\n");
    expect(ranges(text, "DF003")).toEqual([]);
  });
  it("ignores flags where BuildKit never reads them: STOPSIGNAL and HEALTHCHECK NONE", () => {
    expect(
      ranges("FROM a\nSTOPSIGNAL --x SIGTERM\nHEALTHCHECK --bogus --timeout=1 --timeout=2 NONE\n", "DF003"),
    ).toEqual([]);
  });
  it("checks ONBUILD triggers and the ONBUILD itself", () => {
    expect(ranges("FROM a\nONBUILD COPY --form=b x /y/\nONBUILD --x RUN true\n", "DF003")).toEqual([
      "1:13-1:19",
      "2:8-2:11",
    ]);
  });
});

describe("DF004: invalid flag value", () => {
  it("reports a flag that needs a value but has none, at its name", () => {
    const text =
      "FROM --platform alpine\nCOPY --chown . /a/\nADD --link= a /b/\nHEALTHCHECK --interval CMD true\n";
    expect(ranges(text, "DF004")).toEqual(["0:7-0:15", "1:7-1:12", "2:6-2:10", "3:14-3:22"]);
  });
  it("reports an empty COPY --from as a whole", () => {
    expect(only("FROM alpine\nCOPY --from= . .\n", "DF004")[0]).toMatch(/^1:5-1:12 --from= is empty/);
  });
  it("reports a COPY --from that is neither a stage nor an image reference", () => {
    const text =
      "FROM alpine AS Build\nCOPY --from=^abc . /a/\nCOPY --from=build a /b/\nCOPY --from=0 a /b/\nCOPY --from=nginx:1.27 a /b/\nCOPY --from=$X a /b/\n";
    expect(ranges(text, "DF004")).toEqual(["1:12-1:16"]);
  });
  it("accepts true and false in any case for switches, and nothing else", () => {
    const text =
      "FROM a\nCOPY --link=TRUE --parents=False a /b/\nADD --link=1 a /b/\nADD --keep-git-dir=yes a /b/\n";
    expect(only(text, "DF004")).toEqual([
      "2:11-2:12 --link takes true or false, not '1'",
      "3:19-3:22 --keep-git-dir takes true or false, not 'yes'",
    ]);
  });
  it("checks HEALTHCHECK durations like Go's time.ParseDuration, with a 1ms minimum except 0", () => {
    const text =
      "FROM a\nHEALTHCHECK --interval=10 --timeout=1x --start-period=a1s --start-interval=100us CMD true\nHEALTHCHECK --interval=0s --timeout=-0s --start-period=1h30m CMD true\n";
    expect(ranges(text, "DF004")).toEqual(["1:23-1:25", "1:36-1:38", "1:54-1:57", "1:75-1:80"]);
    expect(findings(text, "DF004")[0].message).toContain("needs a unit");
  });
  it("does not expand variables in HEALTHCHECK options, so they are not durations", () => {
    const f = findings("FROM a\nARG I=30s\nHEALTHCHECK --interval=$I CMD true\n", "DF004");
    expect(f.map((x) => x.range)).toEqual(["2:23-2:25"]);
    expect(f[0].message).toContain("does not expand variables");
  });
  it("checks --retries as a non-negative whole number", () => {
    const text =
      "FROM a\nHEALTHCHECK --retries=a CMD x\nHEALTHCHECK --retries=-1 CMD x\nHEALTHCHECK --retries=0 CMD x\n";
    expect(ranges(text, "DF004")).toEqual(["1:22-1:23", "2:22-2:24"]);
  });
  it("checks --chmod, skipping variables", () => {
    const text =
      "FROM a\nCOPY --chmod=0999 a /b/\nCOPY --chmod=u+x a /b/\nCOPY --chmod=$MODE a /b/\nADD --chmod=755 a /b/\n";
    expect(ranges(text, "DF004")).toEqual(["1:13-1:17"]);
  });
  it("checks --platform, but not its letter case, which Docker lowers", () => {
    const text =
      "FROM --platform=linux/amd64/v8/x a\nFROM --platform=Linux/AMD64 b\nFROM --platform=$BUILDPLATFORM c\n";
    expect(ranges(text, "DF004")).toEqual(["0:16-0:32"]);
  });
  it("checks RUN --network and --security, where variables are not expanded", () => {
    const text = "FROM a\nRUN --network=hst --security=insecure true\nRUN --network=$NET true\n";
    expect(only(text, "DF004")).toEqual([
      "1:14-1:17 unknown --network mode 'hst' (did you mean host?); use default, none or host",
      "2:14-2:18 unknown --network mode '$NET'; use default, none or host",
    ]);
  });
  it("reports the exact option of a RUN --mount that BuildKit refuses", () => {
    const text =
      "FROM a\nRUN --mount=type=cachee,target=/a --mount=type=cache,sharing=x,mode=9,target=/b --mount=type=bind,mode=755,bogus=1 true\n";
    expect(only(text, "DF004")).toEqual([
      "1:17-1:23 unknown mount type 'cachee' (did you mean cache?); expected bind, cache, tmpfs, secret, ssh",
      "1:61-1:62 unknown sharing mode 'x'; expected shared, private or locked",
      "1:68-1:69 mode '9' is not an octal number",
      "1:98-1:102 'mode' is only allowed on cache, secret and ssh mounts, not bind",
      "1:107-1:112 unknown --mount option 'bogus'",
    ]);
  });
  it("reads mount options in order, as BuildKit does", () => {
    const text = "FROM a\nRUN --mount=required,type=secret,id=t --mount=type=secret,id=t,required true\n";
    expect(ranges(text, "DF004")).toEqual(["1:12-1:20"]);
  });
  it("applies the secret mount rules", () => {
    const text =
      "FROM a\nRUN --mount=type=secret,from=x,sharing=shared --mount=type=secret,id=a,source=b true\n";
    expect(only(text, "DF004")).toEqual([
      "1:12-1:45 a secret mount needs id=, source= or target=",
      "1:24-1:28 a secret mount cannot take 'from'",
      "1:31-1:38 a secret mount cannot take 'sharing'",
      "1:66-1:68 a secret mount takes either id= or source=, not both",
    ]);
  });
  it("rejects variables in mount from=, a root target, bad sizes and booleans", () => {
    const text =
      "FROM a\nRUN --mount=from=$STAGE,target=/s --mount=type=cache,target=/ --mount=type=tmpfs,target=/t,size=lots --mount=type=bind,target=/b,ro=maybe true\n";
    expect(ranges(text, "DF004")).toEqual(["1:17-1:23", "1:60-1:61", "1:96-1:100", "1:132-1:137"]);
  });
  it("reads a root target the way the path cleans: through `.`, `..` and doubled slashes", () => {
    const text =
      "FROM a\nRUN --mount=type=cache,target=/var/.. --mount=type=tmpfs,target=//./ --mount=type=bind,target=/var/../opt true\n";
    expect(only(text, "DF004")).toEqual([
      "1:30-1:37 cannot mount over the root directory (target=/var/..)",
      "1:64-1:68 cannot mount over the root directory (target=//./)",
    ]);
  });
  it("reports malformed CSV and an empty --mount", () => {
    const text = 'FROM a\nRUN --mount=type=bind,"target=/a"x true\nRUN --mount= true\n';
    expect(ranges(text, "DF004")).toEqual(["2:4-2:12"]);
    expect(ranges("FROM a\nRUN --mount='type=bind,ta\"rget=/a' true\n", "DF004")).toEqual(["1:25-1:26"]);
  });
  it("accepts well-formed mounts, including variables and quoted values", () => {
    const text = [
      "FROM a",
      "RUN --mount=type=cache,target=/root/.cache,sharing=locked,id=pip,mode=0755,uid=1000 \\",
      "    --mount=type=secret,id=npmrc,target=/root/.npmrc,required \\",
      "    --mount=type=ssh \\",
      "    --mount=type=tmpfs,target=/tmp,size=64m \\",
      "    --mount=type=bind,from=build,source=/out,target=/in,rw \\",
      '    --mount="type=cache,target=${CACHE_DIR}" \\',
      "    make",
      "",
    ].join("\n");
    expect(ranges(text, "DF004")).toEqual([]);
  });
  it("checks ONBUILD triggers", () => {
    expect(ranges("FROM a\nONBUILD RUN --mount=type=cach,target=/c true\n", "DF004")).toEqual(["1:25-1:29"]);
  });
  it("skips HEALTHCHECK NONE and instructions that ignore flags", () => {
    expect(ranges("FROM a\nHEALTHCHECK --interval=bad NONE\n", "DF004")).toEqual([]);
  });
});

describe("DF005: heredoc never closed", () => {
  it("reports the heredoc marker", () => {
    expect(ranges("FROM alpine\nRUN <<EOF\napk add curl\nEOF \n", "DF005")).toEqual(["1:4-1:9"]);
  });
  it("accepts closed heredocs, including <<- with tabs and quoted markers", () => {
    expect(ranges("FROM a\nRUN <<-EOF\n\techo hi\n\tEOF\nCOPY <<'END' /x\n$HOME\nEND\n", "DF005")).toEqual(
      [],
    );
  });
});

describe("DF006: JSON array element is not a string", () => {
  it("reports each element that is not a string", () => {
    expect(ranges('FROM a\nCMD ["sleep", 10, true]\n', "DF006")).toEqual(["1:14-1:16", "1:18-1:22"]);
  });
  it("does not fire on arrays of strings or on text that is not JSON", () => {
    expect(ranges('FROM a\nCMD ["sleep", "10"]\nRUN [1, 2] is text\n', "DF006")).toEqual([]);
  });
});

describe("DF007: invalid parser directive", () => {
  it("reports a repeated directive without its # and names the first", () => {
    const f = findings("# escape=`\n# escape=`\nFROM alpine\n", "DF007");
    expect(f.map((x) => x.range)).toEqual(["1:2-1:10"]);
    expect(f[0].message).toContain("line 1");
  });
  it("reports an escape value other than \\ or `", () => {
    expect(ranges("# escape=ab\nFROM node\n", "DF007")).toEqual(["0:9-0:11"]);
  });
  it("does not fire on valid directives or on directive-like comments later on", () => {
    expect(ranges("# syntax=docker/dockerfile:1\n# escape=`\nFROM a\n# escape=x\n", "DF007")).toEqual([]);
  });
});

describe("DF008: no FROM before the first instruction", () => {
  it("reports a file without instructions at its start", () => {
    expect(ranges("", "DF008")).toEqual(["0:0-0:0"]);
    expect(ranges("# only a comment\n", "DF008")).toEqual(["0:0-0:0"]);
  });
  it("reports the first instruction that is not ARG before FROM", () => {
    expect(ranges("ARG V=1\nENV A=1\nEXPOSE 80\nFROM alpine\n", "DF008")).toEqual(["1:0-1:3"]);
    expect(ranges("EXPOSE 8080\n", "DF008")).toEqual(["0:0-0:6"]);
  });
  it("reports a file of ARGs without FROM", () => {
    expect(only("ARG x\nARG y\n", "DF008")).toEqual([
      "0:0-0:0 the file declares ARGs but has no FROM to start a build stage",
    ]);
  });
  it("accepts ARGs, comments and directives before the first FROM", () => {
    expect(
      ranges("# syntax=docker/dockerfile:1\n# a comment\nARG TAG=3\nFROM alpine:${TAG}\nRUN true\n", "DF008"),
    ).toEqual([]);
  });
});

describe("DF009: invalid stage name", () => {
  it("reports names Docker refuses", () => {
    const text = "FROM node AS 1s\nFROM node AS _s\nFROM node AS a_lpi-n.e,99\n";
    expect(ranges(text, "DF009")).toEqual(["0:13-0:15", "1:13-1:15", "2:13-2:25"]);
  });
  it("reports a middle word that is not AS", () => {
    expect(only("FROM node A$ setup\n", "DF009")).toEqual([
      "0:10-0:12 expected AS between the image and the stage name, found 'A$'",
    ]);
  });
  it("accepts mixed case names and a lowercase as", () => {
    expect(ranges("FROM node as Build-1.x_y\nFROM node AS b\n", "DF009")).toEqual([]);
  });
});

describe("DF010: invalid EXPOSE port", () => {
  it("reports bad ports at the word and bad protocols at the protocol", () => {
    const text = "FROM nginx\nEXPOSE a 8000- -1 80/http 80/TCP 8080-8081/udp 443\n";
    expect(ranges(text, "DF010")).toEqual(["1:7-1:8", "1:9-1:14", "1:15-1:17", "1:21-1:25"]);
  });
  it("treats everything after the first / as the protocol, like BuildKit", () => {
    expect(ranges("FROM a\nEXPOSE 8080/tcp/udp\n", "DF010")).toEqual(["1:12-1:19"]);
  });
  it("accepts host mappings BuildKit accepts and reports the ones it refuses", () => {
    const text = "FROM a\nEXPOSE 443:80 1.2.3.4:80:80 [::1]:80:80 80-81:90 90:80-81 a:80 x.y:1:2\n";
    expect(ranges(text, "DF010")).toEqual(["1:49-1:57", "1:58-1:62", "1:63-1:70"]);
  });
  it("expands variables with ARG defaults and ENV values, and skips build-time ones", () => {
    const text = "FROM a\nARG P=a\nENV Q=80/tcp\nARG R\nEXPOSE $P $Q $R ${UNDECLARED}\n";
    const f = findings(text, "DF010");
    expect(f.map((x) => x.range)).toEqual(["4:7-4:9"]);
    expect(f[0].message).toContain("'$P' expands to 'a'");
  });
  it("points across a continuation", () => {
    expect(ranges("FROM node\nEXPOSE 80\\\n00-\n", "DF010")).toEqual(["1:7-2:3"]);
  });
  it("checks lowercase keywords and ONBUILD triggers, whose variables only the child build knows", () => {
    expect(ranges("from a\nexpose http\nONBUILD EXPOSE 80/http $PORT\n", "DF010")).toEqual([
      "1:7-1:11",
      "2:18-2:22",
    ]);
  });
});

describe("DF011: invalid base image reference", () => {
  it("reports the bad part of a written reference", () => {
    const text = "FROM alpine:^\nFROM alpine@sha25\nFROM Alpine\nFROM alpine:\nFROM alpine@\n";
    expect(ranges(text, "DF011")).toEqual(["0:12-0:13", "1:12-1:17", "2:5-2:11", "3:5-3:12", "4:5-4:12"]);
  });
  it("expands global ARG defaults and reports an empty or invalid result at the word", () => {
    const text = "ARG IMG=Alpine\nFROM $image\nFROM ${var:-} AS b\nFROM ${IMG}\n";
    expect(only(text, "DF011")).toEqual([
      "1:5-1:11 the base image '$image' expands to an empty name",
      "2:5-2:13 the base image '${var:-}' expands to an empty name",
      "3:5-3:11 '${IMG}' expands to 'Alpine', which is not a valid image reference: repository name must be lowercase",
    ]);
  });
  it("skips images that depend on build arguments and names of earlier stages", () => {
    const text =
      "ARG TAG\nARG BASE=build\nFROM golang:${TAG} AS build\nFROM ${BASE}\nFROM scratch\nFROM --platform=$BUILDPLATFORM ${TARGETARCH}/alpine\n";
    expect(ranges(text, "DF011")).toEqual([]);
  });
  it("accepts registries, ports, tags and digests", () => {
    const text =
      "FROM localhost:5000/team/app:1.0\nFROM ghcr.io/o/r@sha256:1fd62556954250bac80d601a196bb7fd480ceba7c10e94dd8fd4c6d1c08783d5\n";
    expect(ranges(text, "DF011")).toEqual([]);
  });
});

describe("DF012: unknown STOPSIGNAL", () => {
  it("reports unknown names and zero", () => {
    expect(ranges("FROM a\nSTOPSIGNAL SIGQUITT\nSTOPSIGNAL 0\nSTOPSIGNAL $\n", "DF012")).toEqual([
      "1:11-1:19",
      "2:11-2:12",
      "3:11-3:12",
    ]);
  });
  it("accepts names in any case with or without SIG, and non-zero numbers", () => {
    expect(
      ranges(
        "FROM a\nSTOPSIGNAL sigterm\nSTOPSIGNAL KILL\nSTOPSIGNAL SIGRTMIN+3\nSTOPSIGNAL 9\nSTOPSIGNAL 99\n",
        "DF012",
      ),
    ).toEqual([]);
  });
  it("checks ONBUILD triggers with literal signals only", () => {
    expect(ranges("FROM a\nONBUILD STOPSIGNAL TERMINATE\nONBUILD STOPSIGNAL $S\n", "DF012")).toEqual([
      "1:19-1:28",
    ]);
  });
  it("follows variables to their value and skips build-time ones", () => {
    const text = "FROM a\nARG S=SIGFOO\nARG T\nSTOPSIGNAL $S\nSTOPSIGNAL $T\nSTOPSIGNAL $NOTHING\n";
    expect(only(text, "DF012")).toEqual([
      "3:11-3:13 '$S' (which is 'SIGFOO') is not a known signal; use a name such as SIGTERM or SIGQUIT, or a signal number",
      "5:11-5:19 '$NOTHING' (which is '') is not a known signal; use a name such as SIGTERM or SIGQUIT, or a signal number",
    ]);
  });
});

describe("DF013: instruction not allowed as an ONBUILD trigger", () => {
  it("reports ONBUILD, FROM and MAINTAINER triggers at the trigger keyword", () => {
    const text = "FROM node\nONBUILD ONBUILD RUN x\nONBUILD from node\nonbuild maINTaiNER me\n";
    expect(ranges(text, "DF013")).toEqual(["1:8-1:15", "2:8-2:12", "3:8-3:18"]);
  });
  it("accepts other triggers", () => {
    expect(ranges("FROM node\nONBUILD COPY . /app/\nONBUILD RUN npm ci\n", "DF013")).toEqual([]);
  });
});

describe("DF014: SHELL is not a JSON array", () => {
  it("reports shell-form and broken JSON SHELL", () => {
    const text = 'FROM a\nSHELL /bin/sh -c\nSHELL [ "/bin/sh",\nSHELL []\nSHELL [ \\\n ]\n';
    expect(ranges(text, "DF014")).toEqual(["1:6-1:16", "2:6-2:18", "3:6-3:8", "4:6-5:2"]);
  });
  it("leaves single-quoted arrays to DF201", () => {
    expect(ranges("FROM a\nSHELL ['/bin/sh', '-c']\n", "DF014")).toEqual([]);
  });
  it("accepts a JSON array", () => {
    expect(ranges('FROM a\nSHELL ["powershell", "-Command"]\n', "DF014")).toEqual([]);
  });
});

describe("DF016: invalid variable substitution", () => {
  it("reports the unsupported modifier and fixes := to :-", () => {
    const text = "FROM alpine\nWORKDIR ${APP_HOME:=/srv}\n";
    const f = findings(text, "DF016");
    expect(f.map((x) => [x.range, x.fixable])).toEqual([["1:19-1:20", true]]);
    expect(f[0].message).toContain("'${APP_HOME:=/srv}'");
    expect(fixedUnsafe(text, "DF016")).toBe("FROM alpine\nWORKDIR ${APP_HOME:-/srv}\n");
    expect(ranges(fixedUnsafe(text, "DF016"), "DF016")).toEqual([]);
  });
  it("reports other modifiers without a fix", () => {
    const text = "FROM scratch\nENV bbb=123\nADD test.txt ${bbb:x}\nCOPY a ${bbb:}\nLABEL a=${}\n";
    expect(findings(text, "DF016").map((x) => [x.range, x.fixable])).toEqual([
      ["2:19-2:20", false],
      ["3:7-3:14", false],
      ["4:8-4:11", false],
    ]);
  });
  it("reports a ${ that is never closed to the end of its word", () => {
    expect(ranges('FROM node\nARG AAA=${aaa:-"bbb"\nUSER ${u\n', "DF016")).toEqual(["1:8-1:20", "2:5-2:8"]);
  });
  it("checks flag values Docker expands, mount options and ONBUILD triggers", () => {
    const text =
      "FROM a\nCOPY --chown=${U:=x} a /b/\nRUN --mount=type=cache,target=${T:=/c} true\nONBUILD ENV X=${Y:=1}\n";
    expect(ranges(text, "DF016")).toEqual(["1:17-1:18", "2:34-2:35", "3:18-3:19"]);
  });
  it("leaves RUN, CMD, ENTRYPOINT, HEALTHCHECK, SHELL and MAINTAINER to the shell", () => {
    const text =
      'FROM a\nRUN echo ${A:=1}\nCMD echo ${A:=1}\nENTRYPOINT ${A:=1}\nHEALTHCHECK CMD ${A:=1}\nSHELL ["${A:=1}"]\nMAINTAINER ${A:=1}\n';
    expect(ranges(text, "DF016")).toEqual([]);
  });
  it("uses the escape directive: an escaped $ is not a reference", () => {
    expect(ranges("# escape=`\nFROM a\nENV A=`${B:=1}\n", "DF016")).toEqual([]);
  });
});

describe("DF017: invalid HEALTHCHECK type", () => {
  it("reports a type other than CMD or NONE", () => {
    expect(only("FROM alpine\nHEALTHCHECK --interval=10s curl -f http://localhost/\n", "DF017")).toEqual([
      "1:27-1:31 unknown HEALTHCHECK type 'curl': write HEALTHCHECK CMD <command> or HEALTHCHECK NONE",
    ]);
  });
  it("reports anything after NONE", () => {
    expect(ranges("FROM alpine\nHEALTHCHECK NONE --interval=10s\nHEALTHCHECK NONE a b c\n", "DF017")).toEqual(
      ["1:17-1:31", "2:17-2:22"],
    );
  });
  it("accepts CMD and NONE in any case, in ONBUILD too", () => {
    expect(
      ranges("FROM a\nHEALTHCHECK cmd true\nhealthcheck none\nONBUILD HEALTHCHECK NONE\n", "DF017"),
    ).toEqual([]);
  });
});

describe("DF018: parser directive after the top of the file", () => {
  it("warns about directive-looking comments after a comment, blank line or instruction", () => {
    const text = "# Windows image\n# escape=`\nFROM a\n\n# syntax=docker/dockerfile:1\n# check=skip=all\n";
    const f = findings(text, "DF018");
    expect(f.map((x) => x.range)).toEqual(["1:0-1:10", "4:0-4:28", "5:0-5:16"]);
    expect(f[0].message).toContain("plain comment");
  });
  it("is a warning", () => {
    expect(ruleFor("DF018")?.severity).toBe("warning");
  });
  it("does not fire on real directives, other key=value comments, or pragmas", () => {
    const text =
      "# syntax=docker/dockerfile:1\n# escape=\\\nFROM a\n# version=1\n# hadolint ignore=DL3008\n# escape=\n";
    expect(ranges(text, "DF018")).toEqual([]);
  });
});

describe("syntax problems surface once", () => {
  it("maps every parser error to exactly one finding of one DF0xx rule", () => {
    const text = ["# escape=`", "# escape=\\", "FROM alpine", "RUNN x", "RUN <<EOF", "body", ""].join("\n");
    const codes = findings(text)
      .filter((f) => f.code.startsWith("DF0"))
      .map((f) => `${f.code} ${f.range}`);
    expect(codes).toEqual(["DF007 1:2-1:10", "DF001 3:0-3:4", "DF005 4:4-4:9"]);
  });
  it("reports an empty file, an invalid escape and an empty ENV once each", () => {
    const dfCodes = (text: string) =>
      findings(text)
        .filter((f) => f.code.startsWith("DF0"))
        .map((f) => `${f.code} ${f.range}`);
    expect(dfCodes("")).toEqual(["DF008 0:0-0:0"]);
    expect(dfCodes("# escape=x\nFROM a\nENV\n")).toEqual(["DF007 0:9-0:10", "DF002 2:0-2:3"]);
  });
  it("does not report a broken ${ twice, as a bad base image or port as well", () => {
    const text = "FROM ${IMG:=alpine}\nEXPOSE ${PORT:=80}\nSTOPSIGNAL ${SIG\n";
    const codes = findings(text)
      .filter((f) => f.code.startsWith("DF0"))
      .map((f) => `${f.code} ${f.range}`);
    expect(codes).toEqual(["DF016 0:11-0:12", "DF016 1:14-1:15", "DF016 2:11-2:16"]);
  });
  it("reports a JSON error, a missing ENV value and a missing trigger once each", () => {
    const text = 'FROM a\nCMD ["x", 1]\nENV name\nONBUILD\nLABEL a=b c\n';
    const codes = findings(text)
      .filter((f) => f.code.startsWith("DF0"))
      .map((f) => `${f.code} ${f.range}`);
    expect(codes).toEqual(["DF006 1:10-1:11", "DF002 2:4-2:8", "DF002 3:0-3:7", "DF002 4:10-4:11"]);
  });
});
