import type { Span } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";
import { allInstructions, defineRule } from "../types.js";

/**
 * Well-known names of credentials (hadolint's list), compared upper-cased. We leave out the entries of that list that
 * name no secret (user names, e-mail addresses, IDs, URLs, `TRAVIS_OS_NAME`, …): a finding there is never right.
 */
const SENSITIVE_NAMES = new Set([
  "ACCESS_TOKEN",
  "APPLICATION_KEY",
  "APP_SECRET",
  "AUTH_TOKEN",
  "AWS_ACCESS_KEY_ID",
  "AWS_SECRET_ACCESS_KEY",
  "BITTREX_API_KEY",
  "BITTREX_API_SECRET",
  "CF_PASSWORD",
  "CIRCLE_TOKEN",
  "CI_DEPLOY_PASSWORD",
  "DOCKERHUB_PASSWORD",
  "DOCKER_PASSWORD",
  "FACEBOOK_ACCESS_TOKEN",
  "FACEBOOK_APP_SECRET",
  "FIREBASE_API_TOKEN",
  "FIREBASE_TOKEN",
  "FOSSA_API_KEY",
  "GH_ENTERPRISE_TOKEN",
  "GH_TOKEN",
  "GITHUB_ENTERPRISE_TOKEN",
  "GITHUB_TOKEN",
  "HEROKU_API_KEY",
  "NPM_AUTH_TOKEN",
  "NPM_TOKEN",
  "OKTA_CLIENT_TOKEN",
  "OKTA_OAUTH2_CLIENTSECRET",
  "OPENAI_API_KEY",
  "OS_PASSWORD",
  "POSTGRES_PASSWORD",
  "SLACK_TOKEN",
  "STRIPE_API_KEY",
  "VAULT_CLIENT_KEY",
  "VAULT_TOKEN",
]);

/** Parts of a name that suggest a credential (hadolint's list), compared lower-cased. */
const SUSPICIOUS_PARTS = ["api_key", "client_key", "password", "private", "secret", "token"];
/** A part followed by another letter is a different word: TOKENIZER, SECRETARY, PRIVATEER. */
const SUSPICIOUS = new RegExp(`(?:${SUSPICIOUS_PARTS.join("|")})(?![a-z])`);

/** A last word that says the value is where a secret is kept, not the secret: `SA_PASSWORD_PATH`, `TOKEN_FILE`. */
const NAMES_A_PLACE = /_(?:file|path|dir|directory)$/i;

/**
 * hadolint's definition, except that a part must not run on into a longer word (TOKENIZER), `username` is not a
 * secret (hadolint counts it; a user name is no credential, and `ARG USERNAME=vscode` is everywhere in dev
 * containers), and a name for the place of a secret is not the secret.
 */
function hadolintSensitive(name: string): boolean {
  if (SENSITIVE_NAMES.has(name.toUpperCase())) return true;
  return SUSPICIOUS.test(name.toLowerCase()) && !NAMES_A_PLACE.test(name);
}

/** Docker's definition: one of the `_`-separated words of the name is a secret word and none is an allowed one. */
const DOCKER_SECRET_WORD =
  /(?:_|^)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
const DOCKER_ALLOWED_WORD = /(?:_|^)(?:public|file|version)(?:_|$)/i;

function dockerSensitive(name: string): boolean {
  return DOCKER_SECRET_WORD.test(name) && !DOCKER_ALLOWED_WORD.test(name);
}

/**
 * A definition with its answers kept by name: the same names (`PATH`, `DEBIAN_FRONTEND`, `NODE_VERSION`) come back
 * file after file, and a lookup is cheaper than two case conversions and the regexes, the more so in a command's
 * cold code: DL3064's own time over the corpus, cold (a fresh process linting it once, every rule on, best of 14
 * alternating), 10.1 -> 8.9 ms.
 */
function remembered(sensitive: (name: string) => boolean): (name: string) => boolean {
  const known = new Map<string, boolean>();
  return (name) => {
    let answer = known.get(name);
    if (answer === undefined) {
      if (known.size >= 4096) known.clear();
      answer = sensitive(name);
      known.set(name, answer);
    }
    return answer;
  };
}

const HADOLINT_SENSITIVE = remembered(hadolintSensitive);
const DOCKER_SENSITIVE = remembered(dockerSensitive);

/**
 * One rule with two definitions (decision for this pair): under its code it is hadolint's DL3064 (a list of known
 * names and substrings, ARG and ENV everywhere, ONBUILD too); turned on by the name SecretsUsedInArgOrEnv it is
 * Docker's check (whole `_`-separated words, some words exempt, only the ARG and ENV a build runs: not global ARGs,
 * not ONBUILD triggers). One idea, so one finding per name; `# check=skip=SecretsUsedInArgOrEnv` silences both.
 */
export const dl3064 = defineRule({
  code: "DL3064",
  aliases: ["SecretsUsedInArgOrEnv"],
  severity: "warning",
  securitySeverity: 7.5,
  title: "Secret in ARG or ENV",
  docs: {
    what: "Finds ARG and ENV names that look like credentials: well-known ones such as `AWS_SECRET_ACCESS_KEY` or `NPM_TOKEN`, and any name containing `password`, `secret`, `token`, `api_key`, `client_key`, or `private` not followed by another letter (hadolint's definition, minus words such as `TOKENIZER`, user names, and names that end in `_FILE`, `_PATH` or `_DIR`, which say where a secret is). Run as Docker's SecretsUsedInArgOrEnv check (`--only SecretsUsedInArgOrEnv`) it follows Docker: a name is reported when one of its `_`-separated words is `apikey`, `auth`, `credential(s)`, `key`, `password`, `pword`, `passwd`, `secret` or `token`, unless one is `public`, `file` or `version`; global ARGs and ONBUILD triggers are not checked.",
    why: "ENV values are stored in the image configuration, and ARG values end up in the build history and cache. Anyone who can pull the image can read them. Build secrets (`RUN --mount=type=secret`) reach the build without being stored anywhere.",
    bad: 'ARG NPM_TOKEN\nRUN echo "//registry.npmjs.org/:_authToken=$NPM_TOKEN" > .npmrc && npm ci',
    good: "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
  },
  check(ctx) {
    const sensitive = ctx.asDockerCheck ? DOCKER_SENSITIVE : HADOLINT_SENSITIVE;
    const report = (kind: string, name: string, span: Span) =>
      ctx.report({
        span,
        message: `${kind} '${name}' looks like a credential; its value would be readable from the image, so pass it with a secret mount instead`,
      });
    const instructions = allInstructions(ctx.ast);
    for (let ni = 0; ni < instructions.length; ni++) {
      const instruction = instructions[ni];
      if (ctx.asDockerCheck && (instruction.parentOnbuild || !ctx.model.stageOf(instruction))) continue;
      if (instruction.keyword === "ARG") {
        const declarations = instruction.declarations ?? [];
        for (let qi = 0; qi < declarations.length; qi++) {
          const decl = declarations[qi];
          if (sensitive(decl.name)) report("ARG", decl.name, decl.nameSpan);
        }
      } else if (instruction.keyword === "ENV") {
        const pairs = instruction.pairs ?? [];
        for (let qi = 0; qi < pairs.length; qi++) {
          const pair = pairs[qi];
          const name = unquote(pair.key, { escapeChar: ctx.ast.escapeChar });
          if (sensitive(name)) report("ENV", name, pair.keySpan);
        }
      }
    }
  },
});
