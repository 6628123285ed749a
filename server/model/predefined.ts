/**
 * Build arguments a Dockerfile may use without writing an `ARG` for them.
 *
 * Two kinds, told apart by `globalOnly`:
 * - the proxy variables, which BuildKit hands to every `RUN` of every stage;
 * - everything else (automatic platform ARGs, BuildKit's own switches, SOURCE_DATE_EPOCH), which lives in the
 *   global scope: usable in `FROM` lines as is, but inside a stage only after an `ARG NAME` re-declares it.
 */

export interface PredefinedArg {
  name: string;
  /** One line in our own words, for hover and completion. */
  description: string;
  /** True: visible in `FROM` lines only, unless a stage re-declares it with `ARG NAME`. */
  globalOnly: boolean;
  /** True for the platform ARGs: BuildKit always gives them a value, so a bare `ARG TARGETOS` is never empty. */
  alwaysSet: boolean;
}

const proxy = (name: string, what: string): PredefinedArg => ({
  name,
  description: `Proxy for ${what}, taken from the build's --build-arg; passed to RUN without an ARG instruction and left out of the image history.`,
  globalOnly: false,
  alwaysSet: false,
});

const platform = (name: string, description: string): PredefinedArg => ({
  name,
  description,
  globalOnly: true,
  alwaysSet: true,
});

const buildkit = (name: string, description: string): PredefinedArg => ({
  name,
  description,
  globalOnly: true,
  alwaysSet: false,
});

export const PREDEFINED_ARGS: readonly PredefinedArg[] = [
  proxy("HTTP_PROXY", "HTTP requests"),
  proxy("http_proxy", "HTTP requests"),
  proxy("HTTPS_PROXY", "HTTPS requests"),
  proxy("https_proxy", "HTTPS requests"),
  proxy("FTP_PROXY", "FTP requests"),
  proxy("ftp_proxy", "FTP requests"),
  proxy("NO_PROXY", "hosts that bypass the proxy (comma-separated list)"),
  proxy("no_proxy", "hosts that bypass the proxy (comma-separated list)"),
  proxy("ALL_PROXY", "every protocol without a more specific proxy variable"),
  proxy("all_proxy", "every protocol without a more specific proxy variable"),
  platform("TARGETPLATFORM", "Platform the image is built for, e.g. linux/arm64/v8."),
  platform("TARGETOS", "Operating system part of TARGETPLATFORM, e.g. linux."),
  platform("TARGETARCH", "Architecture part of TARGETPLATFORM, e.g. arm64."),
  platform("TARGETVARIANT", "Variant part of TARGETPLATFORM, e.g. v8 (empty when there is none)."),
  platform("BUILDPLATFORM", "Platform of the machine running the build, e.g. linux/amd64."),
  platform("BUILDOS", "Operating system part of BUILDPLATFORM."),
  platform("BUILDARCH", "Architecture part of BUILDPLATFORM."),
  platform("BUILDVARIANT", "Variant part of BUILDPLATFORM."),
  buildkit(
    "BUILDKIT_SYNTAX",
    "Frontend image to parse this Dockerfile with; the `# syntax=` directive wins over it.",
  ),
  buildkit("BUILDKIT_CACHE_MOUNT_NS", "Namespace prefixed to the IDs of RUN --mount=type=cache mounts."),
  buildkit(
    "BUILDKIT_CONTEXT_KEEP_GIT_DIR",
    "Set to 1 to keep the .git directory when the build context is a Git URL.",
  ),
  buildkit("BUILDKIT_INLINE_CACHE", "Set to 1 to embed cache metadata in the pushed image (inline cache)."),
  buildkit(
    "BUILDKIT_MULTI_PLATFORM",
    "Set to 1 to produce a multi-platform result even for a single platform.",
  ),
  buildkit("BUILDKIT_SANDBOX_HOSTNAME", "Hostname RUN commands see during the build."),
  buildkit("BUILDKIT_SBOM_SCAN_CONTEXT", "Set to true to include the build context in SBOM scanning."),
  buildkit(
    "BUILDKIT_SBOM_SCAN_STAGE",
    "Set to true (or a list of stage names) to scan build stages for the SBOM.",
  ),
  buildkit("BUILDKIT_DOCKERFILE_CHECK", "Configures the build checks, like the `# check=` directive."),
  buildkit("BUILDKIT_HISTORY_PROVENANCE_V1", "Set to 1 to record SLSA provenance v1 in the build history."),
  buildkit(
    "SOURCE_DATE_EPOCH",
    "Unix timestamp used for the timestamps of the image and its files (reproducible builds).",
  ),
];

const BY_NAME = new Map(PREDEFINED_ARGS.map((a) => [a.name, a]));

export function predefinedArg(name: string): PredefinedArg | undefined {
  return BY_NAME.get(name);
}
