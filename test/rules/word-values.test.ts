/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";
import { findings, ranges } from "./helpers.js";

/** Rules read the words of instructions through the model's values (model/wordValues.ts). */

const DIGEST = `sha256:${"a".repeat(64)}`;

describe("DL3020 reads ADD sources through their values", () => {
  it("fires when a variable's value is a local path: ENV, ARG default, global ARG, parent stage", () => {
    const [f] = findings("FROM a\nENV SRC=app/\nADD $SRC /app/\n", "DL3020");
    expect(f.range).toBe("2:0-2:3");
    expect(f.message).toContain("'$SRC' (that is 'app/') is a local file or folder");
    expect(ranges("FROM a\nARG SRC=./conf\nADD ${SRC} /etc/x/\n", "DL3020")).toEqual(["2:0-2:3"]);
    expect(ranges("ARG SRC=conf\nFROM a\nARG SRC\nADD $SRC /etc/x/\n", "DL3020")).toEqual(["3:0-3:3"]);
    expect(ranges("FROM a AS base\nENV SRC=conf\nFROM base\nADD $SRC /x/\n", "DL3020")).toEqual(["3:0-3:3"]);
  });
  it("fires when the unknown part cannot make it a URL, an archive or a git source", () => {
    expect(ranges("FROM a\nARG NAME\nADD src/$NAME/main.py /app/\n", "DL3020")).toEqual(["2:0-2:3"]);
  });
  it("stays quiet when the value is a URL, a git source or an archive", () => {
    expect(ranges("FROM a\nARG URL=https://example.com/x.txt\nADD $URL /x\n", "DL3020")).toEqual([]);
    expect(ranges("FROM a\nENV REPO=https://github.com/o/r.git\nADD $REPO /src\n", "DL3020")).toEqual([]);
    expect(ranges("FROM a\nENV V=1.2\nADD app-$V.tar.gz /opt/\n", "DL3020")).toEqual([]);
  });
  it("stays quiet when what matters is unknown: the start, the file name, an undeclared name, ONBUILD", () => {
    expect(ranges("FROM a\nARG SRC\nADD $SRC /x/\n", "DL3020")).toEqual([]);
    expect(ranges("FROM a\nARG HOST\nADD https://$HOST/x /x/\n", "DL3020")).toEqual([]);
    expect(ranges("FROM a\nARG F\nADD dist/$F /x/\n", "DL3020")).toEqual([]);
    expect(ranges("FROM a\nADD $NOBODY /x/\n", "DL3020")).toEqual([]);
    expect(ranges("FROM a\nENV SRC=app\nONBUILD ADD $SRC /x/\n", "DL3020")).toEqual([]);
  });
});

describe("DL3047 reads wget's options through their values", () => {
  it("stays quiet when an ARG default or ENV holds -q or --progress, also in a later stage", () => {
    const arg = 'FROM a\nARG WGET_ARGS="-q --progress=dot:giga"\nRUN wget ${WGET_ARGS} https://x/y\n';
    expect(ranges(arg, "DL3047")).toEqual([]);
    expect(ranges("FROM a\nENV W=--quiet\nRUN wget $W https://x/y\n", "DL3047")).toEqual([]);
    expect(ranges("FROM a AS b\nENV W=-nv\nFROM b\nRUN wget $W https://x/y\n", "DL3047")).toEqual([]);
  });
  it("fires when the known values hold no such option, split or quoted", () => {
    expect(ranges("FROM a\nARG URL=https://x/y\nRUN wget $URL\n", "DL3047")).toEqual(["2:4-2:8"]);
    expect(ranges("FROM a\nARG W=--tries=3\nRUN wget ${W} https://x/y\n", "DL3047")).toEqual(["2:4-2:8"]);
    // Quoted, the value stays one argument (`--tries=3 -q`): the shell does not split it into options.
    expect(ranges('FROM a\nARG W="--tries=3 -q"\nRUN wget "$W" https://x/y\n', "DL3047")).toEqual([
      "2:4-2:8",
    ]);
    expect(ranges('FROM a\nARG W="--tries=3 -q"\nRUN wget $W https://x/y\n', "DL3047")).toEqual([]);
  });
  it("stays quiet when a value is known only at build time: it may hold the option", () => {
    expect(ranges("FROM a\nARG WGET_ARGS\nRUN wget $WGET_ARGS https://x/y\n", "DL3047")).toEqual([]);
  });
});

describe("DL3006 reads the FROM image through its value", () => {
  it("stays quiet when an unknown value may carry the tag, whatever its fallback", () => {
    expect(ranges("ARG B\nFROM ${B:-ns/img:3.20}\n", "DL3006")).toEqual([]);
    expect(ranges("ARG B\nFROM ${B:-ns/img}\n", "DL3006")).toEqual([]);
    expect(ranges(`ARG B\nFROM \${B:-img@${DIGEST}}\n`, "DL3006")).toEqual([]);
    expect(ranges("ARG B\nFROM ${B:-img:3.20}\n", "DL3006")).toEqual([]);
  });
  it("uses the fallback when the name is declared nowhere else in the file, and known defaults", () => {
    expect(ranges("ARG B=ns/img:3.20\nFROM ${B}\n", "DL3006")).toEqual([]);
    expect(ranges("ARG B=ns/img\nFROM ${B}\n", "DL3006")).toEqual(["1:5-1:9"]);
    expect(ranges("ARG B=\nFROM ${B:-ns/img}\n", "DL3006")).toEqual(["1:5-1:17"]);
  });
  it("fires when the unknown part is not in the last path component", () => {
    expect(ranges("ARG REGISTRY\nFROM $REGISTRY/library/node\n", "DL3006")).toEqual(["1:5-1:27"]);
  });
});

describe("DF107 reports a name once per instruction, as BuildKit does", () => {
  it("reports the first use and points at the others", () => {
    // A base image the linter knows (DF107 says little about images it does not know).
    const text = "FROM debian\nCOPY $X/a $X/b /dst/\n";
    expect(ranges(text, "DF107")).toEqual(["1:5-1:7"]);
    const [f] = lint(text, { only: ["DF107"] }).findings;
    expect(f.related?.map((r) => text.slice(r.span.start, r.span.end))).toEqual(["$X"]);
    expect(f.related?.[0].span.start).toBe(text.indexOf("$X/b"));
  });
  it("still reports each undefined name, and each instruction", () => {
    const text = "FROM debian\nCOPY $X $Y /dst/\nWORKDIR /$X\n";
    expect(ranges(text, "DF107")).toEqual(["1:5-1:7", "1:8-1:10", "2:9-2:11"]);
  });
});

describe("DL3011, DL3045 and DL3066 read their words through values", () => {
  it("DL3011 checks ports that come from ENV or ARG defaults, and leaves unknown ones alone", () => {
    const f = findings("FROM a\nENV PORT=70000\nEXPOSE $PORT 80\n", "DL3011");
    expect(f.map((x) => x.range)).toEqual(["2:7-2:12"]);
    expect(f[0].message).toContain("'$PORT' (that is '70000')");
    expect(ranges("FROM a\nARG PORT\nEXPOSE $PORT\n", "DL3011")).toEqual([]);
  });
  it("DL3045 judges a destination by its known start", () => {
    expect(ranges("FROM a\nENV DEST=app/\nCOPY x $DEST\n", "DL3045")).toEqual(["2:7-2:12"]);
    expect(ranges("FROM a\nENV DEST=/app/\nCOPY x $DEST\n", "DL3045")).toEqual([]);
    expect(ranges("FROM a\nARG DEST\nCOPY x $DEST/sub/\n", "DL3045")).toEqual([]);
    expect(ranges("FROM a\nARG D\nCOPY x sub/$D/\n", "DL3045")).toEqual(["2:7-2:14"]);
  });
  it("DL3066 reads USER through known values: a numeric ARG default is fine, a name is not", () => {
    expect(ranges("FROM a\nARG UID=1000\nUSER $UID\n", "DL3066")).toEqual([]);
    expect(ranges("FROM a\nENV U=app\nUSER ${U}:app\n", "DL3066")).toEqual(["2:5-2:13"]);
    expect(ranges("FROM a\nARG UID\nUSER $UID\n", "DL3066")).toEqual([]);
  });
});
