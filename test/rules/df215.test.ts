/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { crc32 } from "node:zlib";
import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";
import { maskOccurrences, maskSecrets, maskSpans } from "../../server/lint/mask.js";
import type { Finding } from "../../server/rules/types.js";
import { findings, ranges } from "./helpers.js";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** A token in GitHub's format (also npm's): 30 random characters and their CRC32 in six base62 digits. */
function checksummed(prefix: string, random: string): string {
  let n = crc32(random);
  let digits = "";
  for (let k = 0; k < 6; k++) {
    digits = BASE62[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  return `${prefix}_${random}${digits}`;
}

const GH = checksummed("ghp", "q8Xr2LmT0vNc7YbZp4Kd9WsHj3Ea6F");
const NPM = checksummed("npm", "Tz5Rw1Uy8Io3Pa6Sd9Fg2Hj4Kl7Zx0");
const AWS = "AKIA2OGYBAH6QZT5LRXK";
const KEY_BODY = Array.from({ length: 12 }, (_, i) =>
  Buffer.from(Array.from({ length: 48 }, (_, j) => (i * 131 + j * 197 + ((i * j) % 17)) % 256)).toString(
    "base64",
  ),
).join("\n");
const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${KEY_BODY}\n-----END RSA PRIVATE KEY-----`;

const ranged = (text: string) => ranges(text, "DF215");
const messages = (text: string) => findings(text, "DF215").map((f) => f.message);

describe("DF215 secret written in the Dockerfile", () => {
  it("fires on a GitHub token in ENV, at the token, and the message does not contain it", () => {
    const text = `FROM alpine\nENV GH_TOKEN=${GH}\n`;
    expect(ranged(text)).toEqual(["1:13-1:53"]);
    const [m] = messages(text);
    expect(m).toBe(
      "a GitHub token is written in ENV: it is stored in the image's configuration and in the Dockerfile, readable by anyone who gets either; revoke it and pass it as a build secret (RUN --mount=type=secret) or at run time",
    );
    expect(m).not.toContain(GH);
    const { findings: all } = lint(text, { only: ["DF215"] });
    expect(all[0].secret).toEqual(all[0].span);
  });

  it("does not fire on tokens whose checksum fails or that are placeholders", () => {
    const wrong = `${GH.slice(0, -1)}${GH.endsWith("A") ? "B" : "A"}`;
    for (const value of [
      wrong,
      "ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
      "ghp_<your-token>",
      "${GITHUB_TOKEN}",
      "AKIAIOSFODNN7EXAMPLE",
      "AKIAAAAAAAAAAAAAAAAA",
      `${NPM.slice(0, -2)}zz`,
    ]) {
      expect(ranged(`FROM alpine\nARG T=${value}\n`), value).toEqual([]);
    }
  });

  it("fires on AWS, npm, Slack, Stripe and Google keys in ARG, LABEL and RUN", () => {
    expect(ranged(`FROM alpine\nARG AWS_KEY=${AWS}\n`)).toEqual(["1:12-1:32"]);
    expect(messages(`FROM alpine\nARG AWS_KEY=${AWS}\n`)[0]).toMatch(
      /^an AWS access key ID is written in ARG: it reaches the image's history with every RUN that uses it and/,
    );
    expect(messages(`FROM alpine\nLABEL k="${NPM}"\n`)[0]).toMatch(/^an npm token is written in LABEL/);
    expect(
      messages(`FROM alpine\nRUN echo ${"xoxb-"}123456789012-1234567890123-Qw8eRt5yUi2oPa7sDf4gHj1k\n`)[0],
    ).toMatch(/^a Slack token is written in RUN: it is stored in the image's history/);
    expect(messages(`FROM a\nENV STRIPE=${"sk_"}live_51HqLyjW3e8rT7uI9oP2aS4dF\n`)[0]).toMatch(
      /^a Stripe live key/,
    );
    expect(messages("FROM a\nENV K=AIzaSyCkfPOPZXDKNn8hhgu3JrA62wIgC93d44k\n")[0]).toMatch(
      /^a Google API key/,
    );
    const secretKey = "aws_secret_access_key=wJa1rXUtnFEMI/K7MDENG/bPxRfiCYzQ9kLp3mWs";
    expect(ranged(`FROM a\nRUN echo ${secretKey} >> ~/.aws/credentials\n`)).toEqual(["1:31-1:71"]);
  });

  it("fires on a private key in a heredoc and in an escaped JSON string, over the whole block", () => {
    const text = `FROM alpine\nCOPY <<EOF /root/.ssh/id_rsa\n${PEM}\nEOF\n`;
    const lines = PEM.split("\n").length;
    expect(ranged(text)).toEqual([`2:0-${1 + lines}:29`]);
    expect(messages(text)[0]).toBe(
      "a private key is written in a heredoc of COPY: it is written into a layer of the image and in the Dockerfile, readable by anyone who gets either; revoke it and pass it as a build secret (RUN --mount=type=secret) or at run time",
    );
    const json = JSON.stringify({ type: "service_account", private_key: `${PEM.replace("RSA ", "")}\n` });
    expect(ranged(`FROM alpine\nRUN echo '${json}' > /key.json\n`)).toHaveLength(1);
  });

  it("does not fire on a private key that is an example", () => {
    for (const body of [
      "...",
      "MIIEpAIBAAKCAQEA...",
      "<your key here>",
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ]) {
      const text = `FROM a\nCOPY <<EOF /k\n-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\nEOF\n`;
      expect(ranged(text), body).toEqual([]);
    }
  });

  it("fires on a password in a URL, at the password only", () => {
    const text = "FROM a\nENV DATABASE_URL=postgres://app:Tr0ub4dor3x@db.internal:5432/app\n";
    expect(ranged(text)).toEqual(["1:32-1:43"]);
    expect(messages(text)[0]).toMatch(/^a password in a URL is written in ENV/);
    expect(ranged("FROM a\nRUN git clone https://ci:Zq8rT2mWx9@git.corp.io/team/repo.git\n")).toEqual([
      "1:25-1:35",
    ]);
  });

  it("does not fire on URL passwords that are variables or placeholders", () => {
    for (const url of [
      "https://user:$PASSWORD@host/x",
      "https://user:${PASS}@host/x",
      "https://$USER:$(cat /run/secrets/pw)@host/x",
      "postgres://postgres:postgres@db/app",
      "amqp://guest:guest@rabbit:5672/",
      "https://user:password@host/x",
      "https://user:<password>@host/x",
      "https://user:xxxx@host/x",
      "https://user:****@host/x",
      "https://bob:Tr0ub4dor3x@example.com/x",
      "https://host:8080@other/x",
      "http://user:%s@host/x",
    ]) {
      expect(ranged(`FROM a\nENV U=${url}\n`), url).toEqual([]);
    }
  });

  it("does not read comments, inside an instruction or outside", () => {
    expect(ranged(`FROM a\n# ENV T=${GH}\nRUN a \\\n# ${GH}\n  b\n`)).toEqual([]);
  });

  it("fires through continuations, in ONBUILD, in every stage, and with the Windows escape", () => {
    expect(ranged(`FROM a\nRUN curl \\\n  -H "Authorization: token ${GH}" x\n`)).toEqual(["2:27-2:67"]);
    expect(messages(`FROM a\nONBUILD ENV T=${GH}\n`)[0]).toMatch(
      /is written in ENV: it is stored in the image's configuration/,
    );
    expect(ranged(`FROM a AS b\nARG T=${AWS}\nFROM b\nENV T=${AWS}\n`)).toEqual(["1:6-1:26", "3:6-3:26"]);
    expect(
      ranged(`# escape=\`\nFROM mcr.microsoft.com/windows/nanoserver:ltsc2022\nRUN echo \`\n  ${AWS}\n`),
    ).toEqual(["3:2-3:22"]);
  });
});

describe("masking credentials in output", () => {
  it("keeps lengths and line breaks when it masks spans", () => {
    expect(maskSpans("ab\ncd\nef", [{ start: 1, end: 5 }])).toBe("a*\n**\nef");
    expect(maskSpans("abc", [])).toBe("abc");
  });

  it("masks every line of a credential wherever it occurs in other text", () => {
    const source = `X ${PEM} Y`;
    const span = { start: 2, end: 2 + PEM.length };
    const line = KEY_BODY.split("\n")[3];
    const masked = maskOccurrences(`context: ${line}\n`, source, [span]);
    expect(masked).toBe(`context: ${"*".repeat(line.length)}\n`);
  });

  it("masks the credential in other findings' messages, related messages and fix titles", () => {
    const source = `FROM a\nENV T=${GH}\n`;
    const start = source.indexOf(GH);
    const secret = { start, end: start + GH.length };
    const list: Finding[] = [
      { code: "DF215", severity: "error", message: "x", span: secret, secret },
      {
        code: "DL0000",
        severity: "info",
        message: `value '${GH}' is long`,
        span: secret,
        related: [{ span: secret, message: `here: ${GH}` }],
        fixes: [{ title: `Remove ${GH}`, edits: [], safety: "unsafe", reason: "r" }],
      },
    ];
    maskSecrets(list, source);
    const stars = "*".repeat(GH.length);
    expect(list[1].message).toBe(`value '${stars}' is long`);
    expect(list[1].related?.[0].message).toBe(`here: ${stars}`);
    expect(list[1].fixes?.[0].title).toBe(`Remove ${stars}`);
  });
});
