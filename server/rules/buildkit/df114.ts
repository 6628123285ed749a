import { literalExposeWords } from "../helpers/expose.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const LOWERCASE: FixKind = {
  title: "Write the protocol in lowercase",
  safety: "safe",
  reason: "Docker lowercases the protocol itself, so the same port is exposed",
};

const PROTOCOLS = new Set(["tcp", "udp", "sctp"]);

export const df114 = defineRule({
  code: "DF114",
  aliases: ["ExposeProtoCasing"],
  severity: "style",
  title: "EXPOSE protocol should be lowercase",
  docs: {
    what: "Finds EXPOSE ports whose protocol is not written in lowercase, such as `80/TCP`.",
    why: "Docker lowercases the protocol, so `80/TCP` and `80/tcp` expose the same port. Writing it in another case makes the line look different from what `docker inspect` and `docker run -p` show.",
    bad: "EXPOSE 53/UDP",
    good: "EXPOSE 53/udp",
  },
  fixes: [LOWERCASE],
  check(ctx) {
    for (const word of literalExposeWords(ctx.ast)) {
      // The protocol belongs to the container port, the last `:`-separated part.
      const portStart = word.text.lastIndexOf(":") + 1;
      const slash = word.text.indexOf("/", portStart);
      if (slash < 0) continue;
      const protocol = word.text.slice(slash + 1);
      const lower = protocol.toLowerCase();
      if (protocol === lower || !PROTOCOLS.has(lower)) continue;
      const span = { start: word.span.start + slash + 1, end: word.span.end };
      ctx.report({
        span,
        message: `protocol '${protocol}' in '${word.text}' should be lowercase: write '${word.text.slice(0, slash + 1)}${lower}'`,
        fixes: [fixOf(LOWERCASE, [{ span, newText: lower }], `Write '${lower}'`)],
      });
    }
  },
});
