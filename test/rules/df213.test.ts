/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { findings, ranges } from "./helpers.js";

const ranged = (text: string) => ranges(text, "DF213");

describe("DF213 STOPSIGNAL that the process cannot handle", () => {
  it("fires on SIGKILL and SIGSTOP by name, in any case and without SIG", () => {
    expect(ranged("FROM alpine\nSTOPSIGNAL SIGKILL\n")).toEqual(["1:11-1:18"]);
    expect(ranged("FROM alpine\nSTOPSIGNAL kill\n")).toEqual(["1:11-1:15"]);
    expect(ranged("FROM alpine\nSTOPSIGNAL SigStop\n")).toEqual(["1:11-1:18"]);
    const [f] = findings("FROM alpine\nSTOPSIGNAL SIGSTOP\n", "DF213");
    expect(f.message).toContain("STOPSIGNAL SIGSTOP cannot be caught by any process");
    expect(f.message).toContain("waits for its whole timeout");
    expect(f.fixable).toBe(false);
  });

  it("fires on the numbers 9 and 19, written as Go's Atoi reads them", () => {
    expect(ranged("FROM alpine\nSTOPSIGNAL 9\n")).toEqual(["1:11-1:12"]);
    expect(ranged("FROM alpine\nSTOPSIGNAL 009\n")).toEqual(["1:11-1:14"]);
    expect(ranged("FROM alpine\nSTOPSIGNAL +19\n")).toEqual(["1:11-1:14"]);
    expect(findings("FROM alpine\nSTOPSIGNAL 9\n", "DF213")[0].message).toContain(
      "STOPSIGNAL 9, SIGKILL, cannot be caught",
    );
  });

  it("does not fire on signals a process can handle, on unknown names, or on 90 and 1", () => {
    for (const s of ["SIGTERM", "SIGQUIT", "SIGINT", "15", "1", "90", "SIGKILLER", "SIGRTMIN+3", "SIGTSTP"]) {
      expect(ranged(`FROM alpine\nSTOPSIGNAL ${s}\n`)).toEqual([]);
    }
  });

  it("reads variables through the ARG default or ENV value the file gives, and skips unknown ones", () => {
    const [f] = findings("FROM alpine\nARG SIG=SIGKILL\nSTOPSIGNAL $SIG\n", "DF213");
    expect(f.range).toBe("2:11-2:15");
    expect(f.message).toContain("STOPSIGNAL $SIG (SIGKILL) cannot be caught");
    expect(ranged("FROM alpine\nENV S=9\nSTOPSIGNAL ${S}\n")).toEqual(["2:11-2:15"]);
    expect(ranged("FROM alpine\nARG SIG\nSTOPSIGNAL $SIG\n")).toEqual([]);
    expect(ranged("FROM alpine\nSTOPSIGNAL ${SIG:-SIGTERM}\n")).toEqual([]);
  });

  it("fires through a continuation, in ONBUILD, in every stage, and with the Windows escape", () => {
    expect(ranged("FROM alpine\nSTOPSIGNAL \\\n  SIGKILL\n")).toEqual(["2:2-2:9"]);
    expect(ranged("FROM alpine\nONBUILD STOPSIGNAL SIGKILL\n")).toEqual(["1:19-1:26"]);
    expect(ranged("FROM alpine AS a\nSTOPSIGNAL 9\nFROM a\nSTOPSIGNAL 19\n")).toEqual([
      "1:11-1:12",
      "3:11-3:13",
    ]);
    expect(ranged("# escape=`\nFROM alpine\nSTOPSIGNAL `\n  SIGKILL\n")).toEqual(["3:2-3:9"]);
  });

  it("does not fire when the name is in a heredoc or a RUN", () => {
    expect(ranged("FROM alpine\nRUN kill -s SIGKILL 1\nCOPY <<EOF /x\nSTOPSIGNAL SIGKILL\nEOF\n")).toEqual(
      [],
    );
  });
});
