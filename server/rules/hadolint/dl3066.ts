import { unquote } from "../../../grammar/shell.js";
import { wordValue } from "../../model/wordValues.js";
import { windowsImage } from "../helpers/platform.js";
import { stageChain } from "../helpers/stages.js";
import { defineRule } from "../types.js";

export const dl3066 = defineRule({
  code: "DL3066",
  aliases: [],
  severity: "info",
  title: "USER by name instead of numeric id",
  docs: {
    what: "Finds a final image whose user is given by name (`USER app`) rather than by numeric id (`USER 10001`). Only the USER in effect for the last stage counts; build stages may use names freely.",
    why: "A user name only means something inside the image's `/etc/passwd`. Orchestrators that must verify a container does not run as root (Kubernetes' `runAsNonRoot`) cannot resolve a name and refuse to start it, and file ownership on mounted volumes follows the numeric id anyway.",
    bad: "FROM debian:12\nRUN useradd -u 10001 app\nUSER app",
    good: "FROM debian:12\nRUN useradd -u 10001 app\nUSER 10001",
  },
  check(ctx) {
    const last = ctx.model.stages[ctx.model.stages.length - 1];
    // Without any FROM there is no image to speak of, but the USERs in the file still say what was meant.
    const chain = last ? stageChain(last) : [];
    // Windows images have no /etc/passwd: users such as ContainerUser are named, and that is how they are meant.
    if (chain.some(windowsImage)) return;
    const scopes = last ? chain.map((s) => s.instructions) : [ctx.ast.instructions];
    for (const instructions of scopes) {
      const users = instructions.filter((i) => i.keyword === "USER" && i.words.length > 0);
      const user = users[users.length - 1];
      if (!user) continue;
      const word = user.words[0];
      const written = unquote(word.text, { escapeChar: ctx.ast.escapeChar });
      // Read through known values (`ARG UID=1000` then `USER $UID`); one known only at build time may be a number.
      const value = wordValue(ctx.model, user, word.text, word.span, { undeclaredUnknown: true }).value;
      if (value === undefined) return;
      const uid = value.split(":")[0];
      if (/^[0-9]+$/.test(uid)) return;
      const plain = word.text === value && written === value;
      ctx.report({
        span: plain ? { start: word.span.start, end: word.span.start + uid.length } : word.span,
        message: `the image runs as user '${uid}', a name only this image's /etc/passwd can resolve; use the numeric id (USER <uid>:<gid>)`,
      });
      return;
    }
  },
});
