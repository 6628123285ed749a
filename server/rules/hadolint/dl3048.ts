import { allLabels } from "../helpers/labels.js";
import { defineRule } from "../types.js";

const RESERVED_NAMESPACES = ["com.docker.", "io.docker.", "org.dockerproject."];

/** Why a label key breaks Docker's key conventions, or undefined when it follows them. */
function keyProblem(key: string): string | undefined {
  const reserved = RESERVED_NAMESPACES.find((ns) => key.startsWith(ns));
  if (reserved) return `'${reserved.slice(0, -1)}' is a namespace Docker reserves for itself`;
  const bad = /[^a-z0-9.-]/.exec(key);
  if (bad) return `'${bad[0]}' is not allowed (use lowercase letters, digits, '.' and '-')`;
  if (!/^[a-z]/.test(key)) return "it must start with a lowercase letter";
  if (!/[a-z0-9]$/.test(key)) return "it must end with a lowercase letter or a digit";
  if (key.includes("..") || key.includes("--")) return "separators ('.' and '-') must not repeat";
  return undefined;
}

export const dl3048 = defineRule({
  code: "DL3048",
  aliases: [],
  severity: "style",
  title: "Invalid label key",
  docs: {
    what: "Finds LABEL keys that break Docker's key conventions: only lowercase letters, digits, `.` and `-`, starting with a letter and ending with a letter or digit, no repeated separators, and nothing in the `com.docker.`, `io.docker.` or `org.dockerproject.` namespaces.",
    why: "Tools that read image labels (registries, scanners, orchestrators) expect keys in reverse-DNS form such as `org.opencontainers.image.source`. Keys outside the convention are easy to mistype and to miss, and Docker's namespaces are reserved for Docker's own labels.",
    bad: 'LABEL Maintainer="ops@example.com" com.docker.version="1"',
    good: 'LABEL org.opencontainers.image.authors="ops@example.com" com.example.version="1"',
  },
  check(ctx) {
    for (const label of allLabels(ctx.ast)) {
      // A variable in a key is reported too: the key is then only known at build time, which defeats its purpose.
      const problem = keyProblem(label.key);
      if (!problem) continue;
      ctx.report({ span: label.pair.keySpan, message: `label key '${label.key}' is invalid: ${problem}` });
    }
  },
});
