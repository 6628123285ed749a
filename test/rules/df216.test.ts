/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";
import { findings, fixedUnsafe, ranges } from "./helpers.js";

const unused = (text: string) => ranges(text, "DF216");
const home = (text: string) => ranges(text, "DF217");

describe("DF216 user created but never used (off by default)", () => {
  it("fires on useradd and adduser when nothing uses the user, at the name", () => {
    const text =
      'FROM debian:12\nRUN useradd --create-home appuser\nCOPY app /usr/local/bin/app\nCMD ["/usr/local/bin/app"]\n';
    expect(unused(text)).toEqual(["1:26-1:33"]);
    expect(findings(text, "DF216")[0].message).toBe(
      "user 'appuser' is created but nothing uses it: no USER names it, so the container runs as root; add USER appuser where the program should stop running as root",
    );
    expect(unused("FROM alpine\nRUN adduser -D -u 10001 svc\n")).toEqual(["1:24-1:27"]);
    expect(findings("FROM alpine\nRUN adduser -D -u 10001 svc\n", "DF216")[0].message).toContain(
      "add USER 10001",
    );
    expect(unused("FROM debian\nRUN groupadd -r web && useradd -r -g web web\n")).toEqual(["1:41-1:44"]);
  });

  it("is off by default", () => {
    const { findings: all } = lint("FROM debian:12\nRUN useradd app\n");
    expect(all.map((f) => f.code)).not.toContain("DF216");
  });

  it("does not fire when USER names the user or its UID, here or in a stage built FROM it", () => {
    expect(unused("FROM debian\nRUN useradd app\nUSER app\n")).toEqual([]);
    expect(unused("FROM debian\nRUN useradd -u 1001 app\nUSER 1001:1001\n")).toEqual([]);
    expect(unused("FROM debian AS base\nRUN useradd app\nFROM base\nUSER app\n")).toEqual([]);
    expect(unused("FROM debian\nARG U=app\nRUN useradd $U\nUSER ${U}\n")).toEqual([]);
    expect(unused("FROM debian\nRUN useradd app\nUSER $WHO\n")).toEqual([]);
  });

  it("does not fire when the image switches users another way, mentions the user, or has an ENTRYPOINT", () => {
    expect(unused('FROM debian\nRUN useradd app\nCMD ["gosu", "app", "server"]\n')).toEqual([]);
    expect(unused("FROM alpine\nRUN adduser -D app && apk add su-exec\n")).toEqual([]);
    expect(unused("FROM debian\nRUN useradd app && chown -R app /data\n")).toEqual([]);
    expect(unused("FROM debian\nRUN useradd -u 1005 app\nCOPY --chown=1005 a /a\n")).toEqual([]);
    expect(unused('FROM debian\nRUN useradd app\nENTRYPOINT ["/entrypoint.sh"]\n')).toEqual([]);
    expect(unused('FROM debian AS base\nENTRYPOINT ["/e.sh"]\nFROM base\nRUN useradd app\n')).toEqual([]);
  });

  it("counts a mention of the name as a word of a later instruction of the stages that see the user", () => {
    const named = (later: string, user = "app") =>
      unused(`FROM a AS one\nRUN useradd ${user}\n${later}`).length;
    expect(named("RUN touch app.log\n")).toBe(0);
    expect(named("COPY a /f/first.last.txt\n", "first.last")).toBe(0);
    expect(named("RUN echo app$\n", "app$")).toBe(0);
    expect(named("RUN mkdir /app-data\n")).toBe(1);
    expect(named("RUN mkdir /myapp\n")).toBe(1);
    expect(named("# app\nRUN x\n")).toBe(1);
    expect(named("FROM b\nRUN chown app /x\n")).toBe(1);
    expect(named("FROM one\nRUN chown app /x\n")).toBe(0);
  });

  it("does not read `adduser USER GROUP` (adds a user to a group) or unknown names", () => {
    expect(unused("FROM debian\nRUN adduser app docker\n")).toEqual([]);
    expect(unused("FROM debian\nARG NAME\nRUN useradd $NAME\n")).toEqual([]);
  });

  it("reads heredocs, continuations and the Windows escape; ONBUILD RUNs are not read", () => {
    expect(unused("FROM debian\nRUN <<EOF\nuseradd app\nEOF\n")).toEqual(["2:8-2:11"]);
    expect(unused("FROM debian\nRUN useradd \\\n  app\n")).toEqual(["2:2-2:5"]);
    expect(unused("# escape=`\nFROM debian\nRUN useradd `\n  app\n")).toEqual(["3:2-3:5"]);
    expect(unused("FROM debian\nONBUILD RUN useradd app\n")).toEqual([]);
  });
});

describe("DF217 files copied into a user's home stay owned by root", () => {
  it("fires on COPY into the home without --chown before USER switches to the user; the unsafe fix adds --chown", () => {
    const text = "FROM node:22\nRUN useradd -m app\nCOPY . /home/app/src\nUSER app\n";
    expect(home(text)).toEqual(["2:7-2:20"]);
    expect(findings(text, "DF217")[0].message).toBe(
      "COPY puts files into /home/app/src, in the home of 'app', owned by root: 'app' (USER on line 4) cannot change or delete them; add --chown=app",
    );
    expect(fixedUnsafe(text, "DF217")).toBe(
      "FROM node:22\nRUN useradd -m app\nCOPY --chown=app . /home/app/src\nUSER app\n",
    );
  });

  it("follows -d, --home, the UID, WORKDIR and variables", () => {
    expect(
      home("FROM a\nRUN useradd -u 900 -d /srv/app app\nWORKDIR /srv/app\nADD conf ./conf\nUSER 900\n"),
    ).toEqual(["3:9-3:15"]);
    expect(
      findings("FROM a\nRUN useradd -u 900 -d /srv/app app\nCOPY x /srv/app/\nUSER 900\n", "DF217")[0]
        .message,
    ).toContain("add --chown=900");
    expect(home("FROM alpine\nRUN adduser -D -h /opt/w w\nARG D=/opt/w\nCOPY a ${D}/a\nUSER w\n")).toEqual([
      "3:7-3:13",
    ]);
    expect(
      home("FROM debian\nRUN adduser --system --home /var/lib/s s\nCOPY a /var/lib/s\nUSER s\n"),
    ).toEqual(["2:7-2:17"]);
  });

  it("does not fire with --chown, outside the home, without a USER switch, or when a later RUN chowns the files", () => {
    expect(home("FROM a\nRUN useradd -m app\nCOPY --chown=app . /home/app\nUSER app\n")).toEqual([]);
    expect(home("FROM a\nRUN useradd -m app\nCOPY . /home/application\nUSER app\n")).toEqual([]);
    expect(home("FROM a\nRUN useradd -m app\nCOPY . /home/app\n")).toEqual([]);
    expect(
      home("FROM a\nRUN useradd -m app\nCOPY . /home/app/src\nRUN chown -R app /home/app\nUSER app\n"),
    ).toEqual([]);
    expect(
      home("FROM a\nRUN useradd -m app\nWORKDIR /home/app\nCOPY . src\nRUN chown -R app:app src\nUSER app\n"),
    ).toEqual([]);
    expect(home("FROM debian\nRUN adduser --system s\nCOPY a /home/s\nUSER s\n")).toEqual([]);
    expect(home("FROM a\nRUN useradd -m app\nCOPY . /home/app\nUSER root\n")).toEqual([]);
  });

  it("fires in a stage built FROM the user's stage, and through a continuation", () => {
    expect(
      home("FROM a AS base\nRUN useradd -m app\nFROM base\nCOPY \\\n  x /home/app/x\nUSER app\n"),
    ).toEqual(["4:4-4:15"]);
  });

  it("reads only the stages that see the user, and only what comes after the COPY in them", () => {
    // The USER that switches is in a later stage built on the user's; the line it names is that one.
    const later = "FROM a AS base\nRUN useradd -m app\nCOPY x /home/app/x\nFROM base\nUSER app\n";
    expect(home(later)).toEqual(["2:7-2:18"]);
    expect(findings(later, "DF217")[0].message).toContain("(USER on line 5)");
    // A COPY before the user exists, a COPY in a stage that does not see the user, a USER in such a stage.
    expect(home("FROM a\nCOPY x /home/app/x\nRUN useradd -m app\nUSER app\n")).toEqual([]);
    expect(home("FROM a AS one\nRUN useradd -m app\nFROM a\nCOPY x /home/app/x\nUSER app\n")).toEqual([]);
    expect(home("FROM a AS one\nRUN useradd -m app\nCOPY x /home/app/x\nFROM a\nUSER app\n")).toEqual([]);
    // A chown before the COPY, in a stage that does not see the user, or in an ONBUILD does not hand the files over;
    // one in a later stage built on the user's does.
    const chown = (between: string, after: string) =>
      home(`FROM a AS base\nRUN useradd -m app\n${between}COPY x /home/app/x\n${after}USER app\n`);
    expect(chown("RUN chown -R app /home/app\n", "")).toEqual(["3:7-3:18"]);
    expect(chown("", "ONBUILD RUN chown -R app /home/app\n")).toEqual(["2:7-2:18"]);
    expect(chown("", "FROM a\nRUN chown -R app /home/app\nFROM base\n")).toEqual(["2:7-2:18"]);
    expect(chown("", "FROM base\nRUN chown -R app /home/app\n")).toEqual([]);
  });

  it("counts a later chown of the path, a folder above or inside it, a variable or `/`; not of another path", () => {
    const withRun = (run: string) =>
      home(`FROM a\nRUN useradd -m app\nCOPY x /home/app/x\n${run}\nUSER app\n`);
    expect(withRun("RUN chown app /home/app/x/y")).toEqual([]);
    expect(withRun("RUN chown -R app /home")).toEqual([]);
    expect(withRun("RUN chown app $TARGET")).toEqual([]);
    expect(withRun("RUN chown app /home/*")).toEqual([]);
    expect(withRun("RUN chown -R app /")).toEqual([]);
    expect(withRun("RUN chown app /srv /home/app/x")).toEqual([]);
    expect(withRun("RUN chown app /srv/x /home/apple")).toEqual(["2:7-2:18"]);
    expect(withRun("RUN chown app /home/app/xy")).toEqual(["2:7-2:18"]);
  });

  it("names the USER that follows each COPY", () => {
    const text =
      "FROM a\nRUN useradd -m app\nCOPY a /home/app/a\nCOPY b /home/app/b\nUSER app\nUSER root\nCOPY c /home/app/c\nUSER app\nCOPY d /home/app/d\n";
    expect(findings(text, "DF217").map((f) => /USER on line (\d+)/.exec(f.message)?.[1])).toEqual([
      "5",
      "5",
      "8",
    ]);
  });

  it("reports each user's own home among several, once per COPY", () => {
    const text =
      "FROM a\nRUN useradd -m a && useradd -m b\nCOPY x /home/a/x\nCOPY y /home/b/y\nCOPY z /home/z\nUSER a\nUSER b\n";
    expect(
      findings(text, "DF217").map((f) => /into (\S+), in the home of '(\w)'/.exec(f.message)?.slice(1)),
    ).toEqual([
      ["/home/a/x", "a"],
      ["/home/b/y", "b"],
    ]);
  });
});
