import { parseExposePort } from "../../model/values.js";
import { logicalWord, resolve, spanInWord } from "../helpers/expansion.js";
import { defineRule } from "../types.js";

export const df010 = defineRule({
  code: "DF010",
  aliases: [],
  severity: "error",
  title: "Invalid EXPOSE port",
  docs: {
    what: "Checks each EXPOSE argument: a port (0-65535) or a range `start-end`, optionally followed by `/tcp`, `/udp` or `/sctp`. Arguments whose variables only the build can fill in are skipped; ARG defaults and ENV values are used.",
    why: "Docker fails the build on a port it cannot parse or a protocol it does not know. `EXPOSE 8080/http`, `EXPOSE 80-` or a variable whose default is not a number all stop the build at that line.",
    bad: "FROM nginx\nEXPOSE 80/http 443-",
    good: "FROM nginx\nEXPOSE 80/tcp 443",
  },
  instructions: ["EXPOSE"],
  visit(ctx, instruction) {
    if (instruction.keyword !== "EXPOSE") return;
    for (const word of instruction.words) {
      const r = resolve(ctx.model, instruction, word.text, true);
      if (!r.known) continue;
      // Sub-spans only when the word is the port as written.
      const literal = r.values.length === 1 && r.values[0] === word.text;
      const mapped = logicalWord(instruction, word);
      for (const spec of r.values) {
        const problem = portProblem(spec);
        if (!problem) continue;
        const span =
          literal && problem.at !== undefined ? spanInWord(mapped, problem.at, spec.length) : word.span;
        const prefix = spec === word.text ? "" : `'${word.text}' expands to '${spec}': `;
        ctx.report({ span, message: `${prefix}${problem.message}` });
      }
    }
  },
});

interface PortProblem {
  message: string;
  /** Offset where the protocol starts, when the protocol is the problem. */
  at?: number;
}

/** BuildKit's parsePortSpec: `[[ip:]hostPort:]containerPort[/protocol]`, where the host part is accepted but unused. */
function portProblem(spec: string): PortProblem | undefined {
  const lastColon = spec.lastIndexOf(":");
  const container = spec.slice(lastColon + 1);
  const slash = container.indexOf("/");
  const single = parseExposePort(container);
  if (!single.ok) {
    if (single.error === "protocol") return { message: single.message, at: lastColon + 1 + slash + 1 };
    return { message: single.message };
  }
  if (lastColon < 0) return undefined;
  const parts = spec.split(":");
  const host = parts[parts.length - 2];
  const ip = parts.slice(0, -2).join(":");
  if (ip !== "" && !isIpAddress(ip.startsWith("[") && ip.endsWith("]") ? ip.slice(1, -1) : ip)) {
    return { message: `'${ip}' is not an IP address` };
  }
  if (host === "") return undefined;
  const hostRange = parseExposePort(host);
  if (!hostRange.ok || host.includes("/")) return { message: `'${host}' is not a valid host port or range` };
  if (hostRange.end - hostRange.start !== single.end - single.start && single.end !== single.start) {
    return { message: `the host range '${host}' and the container range do not have the same size` };
  }
  return undefined;
}

function isIpAddress(s: string): boolean {
  if (/^[0-9]{1,3}(\.[0-9]{1,3}){3}$/.test(s)) return s.split(".").every((n) => Number(n) <= 255);
  return s.includes(":") && /^[0-9a-fA-F:.]+$/.test(s);
}
