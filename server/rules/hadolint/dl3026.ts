import type { Span } from "../../../grammar/index.js";
import { DEFAULT_REGISTRY, type ImageRef, parseImageRef } from "../../model/imageRef.js";
import { parseMountFlag } from "../../model/mounts.js";
import { resolveCopyFrom, stagesNamed } from "../helpers/stages.js";
import { allInstructions, defineRule } from "../types.js";

/** Names under which people list Docker Hub. */
const DOCKER_HUB = new Set([DEFAULT_REGISTRY, "index.docker.io", "registry-1.docker.io", "hub.docker.com"]);

function canonical(registry: string): string {
  const lower = registry.toLowerCase();
  return DOCKER_HUB.has(lower) ? DEFAULT_REGISTRY : lower;
}

/** hadolint's patterns: `*` trusts everything, `*.example.com` any subdomain, `registry.example.*` any ending. */
function trusted(registry: string, patterns: readonly string[]): boolean {
  const host = canonical(registry);
  return patterns.some((pattern) => {
    const p = pattern.trim().toLowerCase();
    if (p === "*") return true;
    if (p.startsWith("*")) return host.endsWith(p.slice(1));
    if (p.endsWith("*")) return host.startsWith(p.slice(0, -1));
    return host === canonical(p);
  });
}

export const dl3026 = defineRule({
  code: "DL3026",
  aliases: [],
  severity: "error",
  securitySeverity: 5.0,
  title: "Image from an untrusted registry",
  docs: {
    what: "When trusted registries are configured (`trustedRegistries`), finds images in FROM, `COPY --from` and `RUN --mount=from` that come from any other registry. Images without a registry come from Docker Hub (`docker.io`). Without configuration the rule does nothing.",
    why: "An organisation that mirrors or vets its base images wants every build to use them. An image pulled straight from a public registry bypasses that review and can change or vanish without notice.",
    bad: "# trustedRegistries: [registry.example.com]\nFROM node:20",
    good: "# trustedRegistries: [registry.example.com]\nFROM registry.example.com/library/node:20",
  },
  check(ctx) {
    const patterns = ctx.settings.trustedRegistries;
    if (patterns.length === 0) return;
    const list = patterns.join(", ");
    const reportIfUntrusted = (ref: ImageRef, span: Span, offset?: number) => {
      const registry = ref.registry ?? DEFAULT_REGISTRY;
      // A variable in the registry part is only known at build time.
      if (registry.includes("$") || trusted(registry, patterns)) return;
      const where =
        ref.registry === undefined
          ? `'${ref.raw}' comes from Docker Hub (${DEFAULT_REGISTRY}), which`
          : `'${registry}'`;
      const registrySpan = ref.spans.registry;
      ctx.report({
        span:
          registrySpan && offset !== undefined
            ? { start: offset + registrySpan.start, end: offset + registrySpan.end }
            : span,
        message: `${where} is not a trusted registry (trusted: ${list})`,
      });
    };
    for (let stageIndex = 0; stageIndex < ctx.model.stages.length; stageIndex++) {
      const stage = ctx.model.stages[stageIndex];
      const base = stage.base;
      if (base.kind !== "image" || !base.ref) continue;
      // `FROM $IMAGE` or `FROM ${REGISTRY}/app`: the registry is only known at build time.
      if (base.unresolved && base.raw.split("/")[0].includes("$")) continue;
      const mapsToSource = base.ref.raw === base.raw && base.span.end - base.span.start === base.raw.length;
      reportIfUntrusted(base.ref, base.span, mapsToSource ? base.span.start : undefined);
    }
    // COPY --from and RUN --mount=from, before the first FROM too and in ONBUILD triggers.
    const instructions = allInstructions(ctx.ast);
    for (let instructionIndex = 0; instructionIndex < instructions.length; instructionIndex++) {
      const instruction = instructions[instructionIndex];
      const at = ctx.model.stageOf(instruction.parentOnbuild ?? instruction)?.index ?? -1;
      for (const flag of instruction.flags) {
        let image: string | undefined;
        let span = flag.valueSpan ?? flag.span;
        if (instruction.keyword === "COPY" && flag.name === "from" && flag.value) {
          const target = resolveCopyFrom(ctx.model, at, flag.value);
          if (target.kind === "image" || (target.kind === "missing" && !target.index)) image = flag.value;
        } else if (instruction.keyword === "RUN" && flag.name === "mount") {
          const mount = parseMountFlag(flag, ctx.ast.text);
          const from = mount.from?.value;
          if (!from || mount.type === "tmpfs") continue;
          // Mounts name stages only by name.
          if (stagesNamed(ctx.model, from).length > 0) continue;
          image = from;
          span = mount.from?.valueSpan ?? span;
        }
        if (image === undefined || image.includes("$")) continue;
        const parsed = parseImageRef(image);
        if (!parsed.ok) continue;
        reportIfUntrusted(parsed.ref, span, span.end - span.start === image.length ? span.start : undefined);
      }
    }
  },
});
