import { literalExposeWords } from "../helpers/expose.js";
import { defineRule } from "../types.js";

export const df115 = defineRule({
  code: "DF115",
  aliases: ["ExposeInvalidFormat"],
  severity: "warning",
  title: "EXPOSE takes container ports only",
  docs: {
    what: "Finds EXPOSE arguments that carry a host port or an IP address, such as `80:80` or `127.0.0.1:8080:80`.",
    why: "EXPOSE only documents which ports the container listens on; it never publishes anything. Docker keeps the container port and silently drops the host part, so `EXPOSE 8080:80` exposes port 80 only. Host ports and addresses belong to `docker run -p`. Docker plans to reject this form.",
    bad: "EXPOSE 8080:80",
    good: "EXPOSE 80",
  },
  check(ctx) {
    for (const word of literalExposeWords(ctx.ast)) {
      const colon = word.text.lastIndexOf(":");
      if (colon < 0) continue;
      const container = word.text.slice(colon + 1);
      ctx.report({
        span: word.span,
        message: `'${word.text}' maps a host port or address: EXPOSE only declares the container port ('${container}'), publish ports with docker run -p`,
      });
    }
  },
});
