/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { lint } from "../../server/lint/index.js";
import { findings, ranges } from "./helpers.js";

/** `Code@line` (1-based) of every finding of the given codes. */
function at(text: string, codes: string[], options = {}): string[] {
  const { ast, findings } = lint(text, options);
  return findings
    .filter((f) => codes.includes(f.code))
    .map((f) => `${f.code}@${ast.lines.lineAt(f.span.start) + 1}`);
}

describe("# check= comments above an instruction (BuildKit's per-instruction check options)", () => {
  it("skips the named check for that instruction only", () => {
    const text = "FROM a\n# check=skip=MaintainerDeprecated\nMAINTAINER me\nMAINTAINER you\n";
    expect(at(text, ["DL4000"])).toEqual(["DL4000@4"]);
  });
  it("skip=all covers every Docker check of that instruction, but not rules without a Docker name", () => {
    const text = "FROM a\n# check=skip=all\nWORKDIR app\nWORKDIR /x\nRUN cd /x && make\n";
    expect(at(text, ["DL3000", "DL3003"])).toEqual(["DL3003@5"]);
    expect(at("FROM a\n# check=skip=all\nRUN cd /x && make\n", ["DL3003"])).toEqual(["DL3003@3"]);
  });
  it("ignores what follows a space in the value, as Docker does", () => {
    expect(at("FROM a\n# check=skip=MaintainerDeprecated // legacy\nMAINTAINER me\n", ["DL4000"])).toEqual(
      [],
    );
  });
  it("keeps applying across blank lines and other comments, and stops at an empty # line", () => {
    expect(at("FROM a\n# check=skip=MaintainerDeprecated\n\n# who\nMAINTAINER me\n", ["DL4000"])).toEqual([]);
    expect(at("FROM a\n# check=skip=MaintainerDeprecated\n#\nMAINTAINER me\n", ["DL4000"])).toEqual([
      "DL4000@4",
    ]);
  });
  it("uses the first check comment and ignores an invalid one", () => {
    const first =
      "FROM a\n# check=skip=WorkdirRelativePath\n# check=skip=MaintainerDeprecated\nMAINTAINER me\n";
    expect(at(first, ["DL4000"])).toEqual(["DL4000@4"]);
    expect(at("FROM a\n# check=skip MaintainerDeprecated\nMAINTAINER me\n", ["DL4000"])).toEqual([
      "DL4000@3",
    ]);
    expect(at("FROM a\n# check=ship=MaintainerDeprecated\nMAINTAINER me\n", ["DL4000"])).toEqual([
      "DL4000@3",
    ]);
  });
  it("matches check names exactly, as BuildKit does", () => {
    expect(at("FROM a\n# check=skip=maintainerdeprecated\nMAINTAINER me\n", ["DL4000"])).toEqual([
      "DL4000@3",
    ]);
  });
  it("applies to FROM, to ONBUILD triggers through their ONBUILD, and to a multi-line instruction", () => {
    expect(
      at("# check=skip=RedundantTargetPlatform\nFROM --platform=$TARGETPLATFORM a\n", ["DL3065"]),
    ).toEqual([]);
    const triggers =
      "FROM a\n# check=skip=SecretsUsedInArgOrEnv\nONBUILD ENV GH_TOKEN=x\nONBUILD ENV NPM_TOKEN=y\n";
    expect(at(triggers, ["DL3064"])).toEqual(["DL3064@4"]);
    expect(at("FROM a\n# check=skip=NoEmptyContinuation\nRUN a \\\n\n  b\n", ["DF103"])).toEqual([]);
  });
  it("is not a stray directive for DF018, while a check comment that nothing uses is", () => {
    const text =
      "FROM a\n# check=skip=MaintainerDeprecated\n# check=skip=all\nMAINTAINER me\n# check=skip=all\n";
    expect(ranges(text, "DF018")).toEqual(["2:0-2:16", "4:0-4:16"]);
  });
  it("the parser directive at the top still skips a check for the whole file", () => {
    expect(at("# check=skip=MaintainerDeprecated\nFROM a\nMAINTAINER me\n", ["DL4000"])).toEqual([]);
    expect(at("# check=skip=all\nFROM a\nMAINTAINER me\nRUN cd /x\n", ["DL4000", "DL3003"])).toEqual([
      "DL3003@4",
    ]);
  });
});

describe("DL3025 / JSONArgsRecommended: one rule, each name with its own definition", () => {
  const docker = { only: ["JSONArgsRecommended"] };
  it("as DL3025 (hadolint) reports shell-form CMD, ENTRYPOINT and HEALTHCHECK CMD even after a SHELL", () => {
    const text = 'FROM a\nSHELL ["/bin/bash", "-c"]\nCMD run\nENTRYPOINT go\nHEALTHCHECK CMD probe\n';
    expect(at(text, ["DL3025"])).toEqual(["DL3025@3", "DL3025@4", "DL3025@5"]);
  });
  it("as JSONArgsRecommended (Docker) skips HEALTHCHECK and stays silent once a SHELL is in effect", () => {
    expect(at("FROM a\nCMD run\nHEALTHCHECK CMD probe\n", ["DL3025"], docker)).toEqual(["DL3025@2"]);
    expect(at('FROM a\nSHELL ["/bin/bash", "-c"]\nCMD run\nENTRYPOINT go\n', ["DL3025"], docker)).toEqual([]);
    // A CMD before the SHELL still runs under /bin/sh.
    expect(at('FROM a\nCMD run\nSHELL ["/bin/bash", "-c"]\n', ["DL3025"], docker)).toEqual(["DL3025@2"]);
  });
  it("as JSONArgsRecommended follows SHELL through stages built FROM a stage, not into unrelated stages", () => {
    const text = 'FROM a AS base\nSHELL ["/bin/ash", "-c"]\nFROM base AS child\nCMD x\nFROM b\nCMD y\n';
    expect(at(text, ["DL3025"], docker)).toEqual(["DL3025@6"]);
    const grand = 'FROM a AS one\nSHELL ["/bin/ash", "-c"]\nFROM one AS two\nFROM two\nENTRYPOINT z\n';
    expect(at(grand, ["DL3025"], docker)).toEqual([]);
  });
  it("says what is actually wrong: a SHELL in effect, or a health probe", () => {
    const [shell, probe] = findings(
      'FROM a\nSHELL ["/bin/bash", "-c"]\nCMD run\nHEALTHCHECK CMD probe\n',
      "DL3025",
    ).map((f) => f.message);
    expect(shell).toContain("the shell set by SHELL on line 2");
    expect(shell).not.toContain("/bin/sh -c");
    expect(probe).toContain("every probe starts");
    expect(probe).not.toContain("signals");
    expect(findings("FROM a\nCMD run\n", "DL3025")[0].message).toContain(
      "/bin/sh -c, which does not forward signals",
    );
  });
  it("neither definition looks at ONBUILD triggers", () => {
    expect(at("FROM a\nONBUILD CMD x\n", ["DL3025"])).toEqual([]);
    expect(at("FROM a\nONBUILD CMD x\n", ["DL3025"], docker)).toEqual([]);
  });
});

describe("DL3064 / SecretsUsedInArgOrEnv: one rule, each name with its own definition", () => {
  const docker = { only: ["SecretsUsedInArgOrEnv"] };
  const names = (text: string, options = {}) =>
    lint(text, { only: ["DL3064"], ...options }).findings.map((f) => /'([^']+)'/.exec(f.message)?.[1]);
  const env = (...keys: string[]) => `FROM a\n${keys.map((k) => `ENV ${k}=x`).join("\n")}\n`;

  it("as SecretsUsedInArgOrEnv matches whole _-separated words, Docker's list", () => {
    const text = env("DB_PASSWD", "GITHUB_AUTH", "OPENAI_APIKEY", "AWS_CREDENTIALS", "KEY", "my_pword");
    expect(names(text, docker)).toEqual([
      "DB_PASSWD",
      "GITHUB_AUTH",
      "OPENAI_APIKEY",
      "AWS_CREDENTIALS",
      "KEY",
      "my_pword",
    ]);
  });
  it("as SecretsUsedInArgOrEnv exempts public, file and version words and words inside longer words", () => {
    const text = env(
      "PUBLIC_KEY",
      "SECRET_FILE",
      "AUTH_MODULE_VERSION",
      "OV_TOKENIZER_PATH",
      "MONKEY",
      "AUTHOR",
    );
    expect(names(text, docker)).toEqual([]);
  });
  it("as SecretsUsedInArgOrEnv checks only what a build dispatches: not global ARGs, not ONBUILD triggers", () => {
    const text = "ARG NPM_TOKEN\nFROM a\nONBUILD ENV GH_TOKEN=x\nARG SECRET\n";
    expect(names(text, docker)).toEqual(["SECRET"]);
  });
  it("as DL3064 keeps hadolint's known names and parts, global ARGs and ONBUILD included", () => {
    const text = "ARG NPM_TOKEN\nFROM a\nONBUILD ENV GH_TOKEN=x\nENV mypassword=1 PRIVATE_KEY=2\n";
    expect(names(text)).toEqual(["NPM_TOKEN", "GH_TOKEN", "mypassword", "PRIVATE_KEY"]);
  });
  it("as DL3064 leaves out what names no secret: user names, e-mail addresses, where a secret is kept", () => {
    const text = env(
      "USERNAME",
      "VPN_USERNAME",
      "DOCKER_EMAIL",
      "TRAVIS_OS_NAME",
      "SA_PASSWORD_PATH",
      "TOKEN_FILE",
    );
    expect(names(text)).toEqual([]);
    expect(names(env("VPN_PASSWORD", "SA_PASSWORD", "AWS_ACCESS_KEY_ID"))).toEqual([
      "VPN_PASSWORD",
      "SA_PASSWORD",
      "AWS_ACCESS_KEY_ID",
    ]);
  });
  it("as DL3064 does not read a part running on into a longer word as a secret", () => {
    expect(names(env("OV_TOKENIZER_PATH", "SECRETARY_NAME", "TOKENS_DIR"))).toEqual([]);
  });
});

describe("DL3029 / FromPlatformFlagConstDisallowed: Docker's definition under both names", () => {
  it("reads the platform as containerd does: x86_64 is amd64, aarch64 arm64, the OS is lowercased", () => {
    expect(ranges("FROM --platform=linux/x86_64 a AS build-amd64\n", "DL3029")).toEqual([]);
    expect(ranges("FROM --platform=Linux/aarch64 a AS arm64-tools\n", "DL3029")).toEqual([]);
    expect(ranges("FROM --platform=linux/x86_64 a AS build-arm64\n", "DL3029")).toEqual(["0:5-0:28"]);
  });
  it("compares OS and architecture with the stage name, not the variant", () => {
    expect(ranges("FROM --platform=linux/arm/v7 a AS v7\n", "DL3029")).toEqual(["0:5-0:28"]);
    expect(ranges("FROM --platform=linux/arm/v7 a AS arm-build\n", "DL3029")).toEqual([]);
    expect(ranges("FROM --platform=windows/amd64 a AS windows\n", "DL3029")).toEqual([]);
  });
  it("leaves a platform Docker cannot parse to the build error, and any variable alone", () => {
    expect(ranges("FROM --platform=linux/amd64/v3/x a\n", "DL3029")).toEqual([]);
    expect(ranges("FROM --platform=linux/* a\n", "DL3029")).toEqual([]);
    expect(ranges("FROM --platform=$UNDECLARED a\n", "DL3029")).toEqual([]);
  });
  it("fires on constants in unnamed stages, quoted or not", () => {
    expect(ranges('FROM --platform="linux/amd64" a\n', "DL3029")).toEqual(["0:5-0:29"]);
  });
});

describe("DL3065 / RedundantTargetPlatform", () => {
  it("fires on the variable in double quotes too, as Docker does", () => {
    expect(ranges('FROM --platform="${TARGETPLATFORM}" a\n', "DL3065")).toEqual(["0:5-0:35"]);
    expect(ranges("FROM --platform='$TARGETPLATFORM' a\n", "DL3065")).toEqual([]);
  });
});
