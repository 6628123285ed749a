import type { Instruction } from "../../../grammar/index.js";
import { topInstructionAt } from "../../model/model.js";
import { findSecrets, type SecretHint, secretHints } from "../helpers/secrets.js";
import { defineRule } from "../types.js";

/** Where Docker keeps the text of an instruction once the image is built, for the message. */
function keptIn(instruction: Instruction, inHeredoc: boolean): string {
  if (inHeredoc && (instruction.keyword === "COPY" || instruction.keyword === "ADD"))
    return "it is written into a layer of the image";
  switch (instruction.keyword) {
    case "ENV":
    case "LABEL":
    case "CMD":
    case "ENTRYPOINT":
    case "HEALTHCHECK":
    case "USER":
    case "WORKDIR":
      return "it is stored in the image's configuration";
    case "RUN":
      return "it is stored in the image's history";
    case "ARG":
      return "it reaches the image's history with every RUN that uses it";
    default:
      return "it is in the Dockerfile";
  }
}

export const df215 = defineRule({
  code: "DF215",
  aliases: [],
  severity: "error",
  securitySeverity: 9.0,
  title: "Secret written in the Dockerfile",
  docs: {
    // biome-ignore lint/suspicious/noTemplateCurlyInString: `${TOKEN}` is Dockerfile syntax in the docs
    what: "Finds credentials written into instructions, heredocs and ONBUILD triggers (comments are not read), recognised by their shape: PEM private keys (also with `\\n` escapes, as in a service-account JSON key), AWS access key IDs (`AKIA…`, `ASIA…`) and secret keys, GitHub (`ghp_`, `gho_`, `ghu_`, `ghs_`, `ghr_`, `github_pat_`), GitLab (`glpat-`…), Slack (`xoxb-`…, webhook URLs), Stripe live keys, npm (`npm_`, `_authToken=`), PyPI, Google API keys and OAuth client secrets, Docker Hub, Azure storage and shared access keys, OpenAI, Anthropic, SendGrid, Vault, Hugging Face and Shopify tokens, and passwords in URLs (`scheme://user:password@host`). GitHub and npm tokens must pass their checksum; examples and placeholders (`EXAMPLE`, `xxxx`, `<token>`, `${TOKEN}`, `$PASSWORD`, a password equal to the user name or such as `password`) are not reported. Messages never contain the secret, and source excerpts in the output show it as `*`. Secret-looking variable names are DL3064's.",
    why: "A Dockerfile is shared in version control, and what its instructions contain is kept in the image: ENV, LABEL and CMD values in its configuration, RUN command lines and ARG values in its history, heredoc files in its layers. Anyone who can read the repository or pull the image can use the credential. It has to be revoked, and given to the build as a secret mount, or to the container at run time.",
    bad: "FROM node:22\nRUN npm config set //registry.npmjs.org/:_authToken=9b1c6f0e-3d4a-4e8b-a1f2-7c5d8e9f0a1b && npm ci",
    good: "FROM node:22\nRUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
  },
  check(ctx) {
    const source = ctx.ast.text;
    const hints = secretHints(source);
    if (hints.length === 0) return;
    // A top-level instruction's text holds its ONBUILD trigger's: triggers are read with their ONBUILD. The
    // instructions are found from the hints (a few in most files, mostly `://`), not the other way round. With the
    // case-sensitive hint scan and withoutComments: DF215 alone over the corpus 28 -> 15 ms CPU (p25 of 22 rounds,
    // alternating builds, the engine's 5 ms without rules taken off).
    let next = 0;
    while (next < hints.length) {
      const top = topInstructionAt(ctx.model, hints[next].start);
      // A hint outside every instruction (in a comment line between them) is not read.
      if (!top || hints[next].start >= top.fullSpan.end) {
        next++;
        continue;
      }
      const { start, end } = top.fullSpan;
      const inside: SecretHint[] = [];
      for (; next < hints.length && hints[next].start < end; next++)
        if (hints[next].end <= end) inside.push(hints[next]);
      if (inside.length === 0) continue;
      const text = withoutComments(source, start, end, top);
      for (const secret of findSecrets(text, inside)) {
        const span = { start: start + secret.start, end: start + secret.end };
        const instruction = top.trigger && span.start >= top.trigger.keywordSpan.start ? top.trigger : top;
        const heredoc = instruction.heredocs.some(
          (h) => h.body.start <= span.start && span.start < h.body.end,
        );
        const where = heredoc ? `a heredoc of ${instruction.keyword}` : instruction.keyword;
        ctx.report({
          span,
          secret: span,
          message: `${secret.label} is written in ${where}: ${keptIn(instruction, heredoc)} and in the Dockerfile, readable by anyone who gets either; revoke it and pass it as a build secret (RUN --mount=type=secret) or at run time`,
        });
      }
    }
  },
});

/**
 * The instruction's text with its comments (and its trigger's) blanked out: Docker drops them, and examples live
 * there. Made in one pass: replacing one comment after another sliced the joined string again each time.
 */
function withoutComments(source: string, start: number, end: number, top: Instruction): string {
  const comments = top.trigger ? [...top.comments, ...top.trigger.comments] : top.comments;
  if (comments.length === 0) return source.slice(start, end);
  const spans = comments.map((c) => c.span).sort((a, b) => a.start - b.start);
  let text = "";
  let from = start;
  for (const s of spans) {
    const a = Math.max(s.start, from);
    if (s.end <= a) continue;
    text += source.slice(from, a) + " ".repeat(s.end - a);
    from = s.end;
  }
  return text + source.slice(from, end);
}
