import { describe, expect, it } from "vitest";
import { findings, fixed, fixedUnsafe, ranges } from "./helpers.js";

const ranged = (text: string) => ranges(text, "DF214");
const message = (text: string) => findings(text, "DF214").map((f) => f.message);
const json = (text: string) => fixedUnsafe(text, "DF214");

describe("DF214 exec form that is not valid JSON", () => {
  it("fires on a missing comma, and the unsafe fix adds it", () => {
    const text = 'FROM nginx\nCMD ["nginx" "-g", "daemon off;"]\n';
    expect(ranged(text)).toEqual(["1:4-1:33"]);
    expect(message(text)).toEqual([
      'CMD looks like an exec form but is not JSON: a comma is missing between "nginx" and "-g"; Docker runs the whole text as a shell command instead',
    ]);
    expect(fixed(text, "DF214")).toBe(text);
    expect(json(text)).toBe('FROM nginx\nCMD ["nginx", "-g", "daemon off;"]\n');
  });

  it("fires on trailing and doubled commas, and the fix removes them", () => {
    expect(json('FROM a\nENTRYPOINT ["app", "run",]\n')).toBe('FROM a\nENTRYPOINT ["app", "run"]\n');
    expect(json('FROM a\nRUN ["make",, "all"]\n')).toBe('FROM a\nRUN ["make", "all"]\n');
    expect(message('FROM a\nCMD ["a",]\n')[0]).toContain("a comma follows the last element");
  });

  it("fires on unquoted words; the fix quotes them only when commas say where each word ends", () => {
    const text = 'FROM node\nCMD [npm, "start"]\n';
    expect(message(text)[0]).toContain("npm is not in double quotes");
    expect(json(text)).toBe('FROM node\nCMD ["npm", "start"]\n');
    const spaced = "FROM node\nCMD [npm run start]\n";
    expect(ranged(spaced)).toEqual(["1:4-1:19"]);
    expect(findings(spaced, "DF214")[0].fixable).toBe(false);
  });

  it("fires on typographic quotes and on backslashes that are not JSON escapes (Windows paths)", () => {
    expect(json("FROM a\nCMD [\u201capp\u201d, \u201c-v\u201d]\n")).toBe('FROM a\nCMD ["app", "-v"]\n');
    const win =
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["C:\\ServiceMonitor.exe", "w3svc"]\n';
    expect(message(win)[0]).toContain('\\S in "C:\\ServiceMonitor.exe" is not a JSON escape');
    expect(json(win)).toBe(
      'FROM mcr.microsoft.com/windows/servercore:ltsc2022\nCMD ["C:\\\\ServiceMonitor.exe", "w3svc"]\n',
    );
    // Once one backslash shows a Windows path, `\b` in it is a backslash too, not JSON's backspace.
    expect(json('FROM a\nCMD ["C:\\Ruby\\bin\\ruby.exe"]\n')).toBe(
      'FROM a\nCMD ["C:\\\\Ruby\\\\bin\\\\ruby.exe"]\n',
    );
  });

  it("fires on a missing ] (fixed) and on a string that never closes (not fixed)", () => {
    expect(json('FROM a\nCMD ["app", "-v"\n')).toBe('FROM a\nCMD ["app", "-v"]\n');
    const open = 'FROM a\nCMD ["app, "-v"]\n';
    expect(ranged(open)).toEqual(["1:4-1:16"]);
    expect(findings(open, "DF214")[0].fixable).toBe(false);
  });

  it("fires on a # comment after the array, and the fix moves it to a line of its own", () => {
    const text = 'FROM a\n  ENTRYPOINT ["app"] # the main program\n';
    expect(message(text)[0]).toContain("a # comment follows the array");
    expect(json(text)).toBe('FROM a\n  # the main program\n  ENTRYPOINT ["app"]\n');
    expect(ranged("FROM a\nRUN [ -f x ] # test\n")).toEqual([]);
  });

  it("counts the problems after the first", () => {
    expect(message('FROM a\nCMD [a "b" c,]\n')[0]).toContain("a is not in double quotes (and 4 more)");
  });

  it("does not fire on valid JSON, the shell's test command, bash's [[ ]], PowerShell types, or heredocs", () => {
    for (const line of [
      'CMD ["nginx", "-g", "daemon off;"]',
      'CMD [ "a" ]',
      "RUN [ -f /etc/os-release ]",
      "RUN [ -d ~root/.ssh ] && rm -r ~root/.ssh",
      'RUN [ "$(uname -m)" = "x86_64" ] && make',
      'HEALTHCHECK CMD [ "$(cat /status)" = "ok" ]',
      "RUN [[ -f x ]] && echo y",
      "RUN [Net.ServicePointManager]::SecurityProtocol = [Net.SecurityProtocolType]::Tls12",
      "CMD nginx -g 'daemon off;'",
      "RUN <<EOF\n[ -f x ] || exit 1\nEOF",
    ]) {
      expect(ranged(`FROM a\n${line}\n`), line).toEqual([]);
    }
  });

  it("leaves arrays that are only single-quoted to DF201 and SHELL to DF014", () => {
    expect(ranged("FROM a\nCMD ['a', 'b']\n")).toEqual([]);
    expect(ranged("FROM a\nCMD ['a' 'b']\n")).toEqual(["1:4-1:13"]);
    expect(ranged('FROM a\nSHELL ["bash" "-c"]\n')).toEqual([]);
    expect(ranges('FROM a\nSHELL ["bash" "-c"]\n', "DF014")).toEqual(["1:6-1:19"]);
  });

  it("takes DL3025's place for the same CMD (one finding per mistake)", () => {
    expect(ranges('FROM a\nCMD ["a" "b"]\n', "DL3025")).toEqual([]);
    expect(ranges("FROM a\nCMD a b\n", "DL3025")).toEqual(["1:4-1:7"]);
  });

  it("fires through continuations, in ONBUILD, HEALTHCHECK, COPY and VOLUME, in every stage, with variables", () => {
    const cont = 'FROM a\nCMD ["app" \\\n     "-v"]\n';
    expect(ranged(cont)).toEqual(["1:4-2:10"]);
    expect(json(cont)).toBe('FROM a\nCMD ["app", \\\n     "-v"]\n');
    expect(ranged('FROM a\nONBUILD RUN ["make" "all"]\n')).toEqual(["1:12-1:26"]);
    expect(json('FROM a\nONBUILD CMD ["a"] # x\n')).toBe('FROM a\n# x\nONBUILD CMD ["a"]\n');
    expect(ranged('FROM a\nHEALTHCHECK --interval=5s CMD ["curl" "-f", "http://x/"]\n')).toEqual([
      "1:30-1:56",
    ]);
    expect(ranged('FROM a\nCOPY ["a" "b", "/dst/"]\n')).toEqual(["1:5-1:23"]);
    expect(ranged('FROM a\nVOLUME ["/data", ]\n')).toEqual(["1:7-1:18"]);
    expect(ranged('FROM a AS b\nCMD ["x",]\nFROM b\nCMD ["$HOME/app" "x"]\n')).toEqual([
      "1:4-1:10",
      "3:4-3:21",
    ]);
  });

  it("fires with the Windows escape character and maps a backtick continuation", () => {
    const text =
      '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["app.exe" `\n  "/v"]\n';
    expect(ranged(text)).toEqual(["2:4-3:7"]);
    expect(json(text)).toBe(
      '# escape=`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nCMD ["app.exe", `\n  "/v"]\n',
    );
  });
});
