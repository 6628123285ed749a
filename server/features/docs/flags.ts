import {
  type FLAGS,
  type FlaggedInstruction,
  MOUNT_KEY_NAMES,
  type MOUNT_TYPE_NAMES,
  type SHARING_MODE_NAMES,
} from "../../rules/helpers/flags.js";

export type MountType = (typeof MOUNT_TYPE_NAMES)[number];
export type MountKey = (typeof MOUNT_KEY_NAMES)[number];
export type SharingMode = (typeof SHARING_MODE_NAMES)[number];

/** What a hover says about one instruction flag. */
export interface FlagDoc {
  /** How the value is written, e.g. `<platform>`; absent for a switch. */
  value?: string;
  summary: string;
  /** Known values (completion offers them), each with one line. */
  values?: Readonly<Record<string, string>>;
  example: string;
  /** The Dockerfile frontend that brought it, when that is recent or not yet in the stable channel. */
  availability?: string;
}

type FlagTable = { readonly [I in FlaggedInstruction]: { readonly [F in keyof (typeof FLAGS)[I]]: FlagDoc } };

const CHOWN: FlagDoc = {
  value: "<user>[:<group>]",
  summary:
    "Owner of the copied files, by name or numeric ID. Without it they belong to root (UID and GID 0), whatever USER says. Names are looked up in the image's /etc/passwd and /etc/group.",
  example: "--chown=app:app",
};
const CHMOD: FlagDoc = {
  value: "<perms>",
  summary:
    "Permissions of the copied files: octal (`755`), or symbolic like chmod's (`u+x,go=r`) since Dockerfile 1.14.",
  example: "--chmod=0755",
};
const LINK: FlagDoc = {
  summary:
    "Copies into a layer of its own that does not depend on the layers before it, so the copy stays cached when earlier steps change and the layer can be reused on a different base.",
  example: "--link",
};
const EXCLUDE: FlagDoc = {
  value: "<pattern>",
  summary:
    "Leaves out the source paths matching the pattern (the `.dockerignore` syntax, `**` included). May be repeated.",
  example: "--exclude=*.md",
  availability: "stable since Dockerfile 1.19 (labs before)",
};

/** Keyed by the flag declarations of `server/rules/helpers/flags.ts`: a new flag there needs its entry here. */
export const FLAG_DOCS: FlagTable = {
  FROM: {
    platform: {
      value: "<os>/<arch>[/<variant>]",
      summary:
        "Platform of the base image to pull when it is a multi-platform image. Defaults to the platform being built (`$TARGETPLATFORM`); `$BUILDPLATFORM` runs the stage natively on the build machine, the usual way to cross-compile.",
      values: {
        $BUILDPLATFORM: "the build machine's platform (cross-compiling stages)",
        $TARGETPLATFORM: "the platform the image is built for (the default)",
        "linux/amd64": "64-bit x86",
        "linux/arm64": "64-bit ARM",
        "linux/arm/v7": "32-bit ARMv7",
      },
      example: "FROM --platform=$BUILDPLATFORM golang:1.22 AS build",
    },
  },
  COPY: {
    from: {
      value: "<stage|index|image|context>",
      summary:
        "Copies from somewhere other than the build context: an earlier stage by name or index, an image, or a named build context (`docker buildx build --build-context name=…`). Variables are not allowed here; a name that is no stage is pulled as an image.",
      example: "COPY --from=build /out/app /usr/local/bin/app",
    },
    chown: CHOWN,
    chmod: CHMOD,
    link: LINK,
    parents: {
      summary:
        "Keeps the source's directory path below the destination: `COPY --parents a/b/c.txt /dst/` writes `/dst/a/b/c.txt` instead of `/dst/c.txt`. A `./` in the source marks where the kept path starts.",
      example: "COPY --parents packages/*/package.json /app/",
      availability: "started in the labs channel (Dockerfile 1.7-labs); needs a recent frontend",
    },
    exclude: EXCLUDE,
  },
  ADD: {
    chown: CHOWN,
    chmod: CHMOD,
    link: LINK,
    "keep-git-dir": {
      summary:
        "When the source is a Git repository, keeps its `.git` directory in the destination (left out by default).",
      example: "ADD --keep-git-dir=true https://github.com/org/repo.git /src",
    },
    checksum: {
      value: "<algorithm>:<digest>",
      summary:
        "Verifies a remote source: for a URL the SHA-256 (or SHA-384/512) of the download, for a Git source the commit it must resolve to. The build fails on a mismatch.",
      example: "--checksum=sha256:24454f830cdd571e2c4b62acb4ae6a3c8bb2d2e32e1e7dd87a0c4a1d8b3c4e5f",
      availability: "URLs since Dockerfile 1.6, Git sources since 1.16",
    },
    exclude: EXCLUDE,
    unpack: {
      summary:
        "Whether to unpack an archive source. By default local archives are unpacked and downloaded ones are not; `--unpack=true` unpacks a URL, `--unpack=false` copies a local archive as a file.",
      example: "ADD --unpack=true https://example.com/tool.tar.gz /opt/",
      availability: "Dockerfile 1.17 and later",
    },
  },
  RUN: {
    mount: {
      value: "type=<bind|cache|tmpfs|secret|ssh>[,<key>=<value>...]",
      summary:
        "Mounts something into the container for this RUN only; nothing of it ends up in the layer. The value is one CSV record of options; `type` defaults to `bind`. May be repeated.",
      values: {
        "type=cache": "a directory kept between builds (package manager caches)",
        "type=bind": "files from the context, a stage or an image (read-only by default)",
        "type=secret": "a secret file or variable, never stored in the image",
        "type=ssh": "the client's SSH agent socket",
        "type=tmpfs": "an empty in-memory file system",
      },
      example: "RUN --mount=type=cache,target=/root/.cache/pip pip install -r requirements.txt",
    },
    network: {
      value: "<default|none|host>",
      summary: "The network this RUN has while it runs.",
      values: {
        default: "the normal build network",
        none: "no network at all, only loopback",
        host: "the host's network; needs the `network.host` entitlement (`--allow network.host`)",
      },
      example: "RUN --network=none make test",
    },
    security: {
      value: "<sandbox|insecure>",
      summary: "Runs this RUN with or without the build container's sandboxing.",
      values: {
        sandbox: "the default, confined sandbox",
        insecure:
          "full privileges, like `docker run --privileged`; needs the `security.insecure` entitlement",
      },
      example: "RUN --security=insecure mount -t tmpfs none /mnt",
      availability: "labs channel only (`# syntax=docker/dockerfile:1-labs`)",
    },
    device: {
      value: "<name>[,required]",
      summary:
        "Makes a CDI device (a GPU, say) available to this RUN; `required` fails the build when it is missing.",
      example: "RUN --device=nvidia.com/gpu=all nvidia-smi",
      availability: "labs channel only (Dockerfile 1.14-labs, BuildKit 0.20)",
    },
  },
  HEALTHCHECK: {
    interval: {
      value: "<duration>",
      summary: "Time between two checks, counted from the end of the previous one. Default 30s.",
      example: "--interval=30s",
    },
    timeout: {
      value: "<duration>",
      summary: "A check that takes longer than this counts as failed. Default 30s.",
      example: "--timeout=5s",
    },
    "start-period": {
      value: "<duration>",
      summary:
        "Start-up time during which failed checks do not count towards the retries; the first success ends it. Default 0s.",
      example: "--start-period=1m",
    },
    "start-interval": {
      value: "<duration>",
      summary: "Time between checks during the start period. Default 5s. Needs Docker Engine 25 or later.",
      example: "--start-interval=2s",
    },
    retries: {
      value: "<n>",
      summary: "Consecutive failures it takes to call the container unhealthy. Default 3.",
      example: "--retries=3",
    },
  },
};

/** Keyed by BuildKit's sharing modes. */
const SHARING_DOCS: { readonly [S in SharingMode]: string } = {
  shared: "every writer uses it at the same time",
  private: "a new cache is made when the cache is in use",
  locked: "waits until the other writer is done (apt and similar need this)",
};

export type MountKeyDoc =
  | {
      summary: string;
      value?: string;
      types: readonly MountType[];
      values?: Readonly<Record<string, string>>;
    }
  | { aliasOf: MountKey };

/** Keyed by BuildKit's list of `--mount` options (`MOUNT_KEY_NAMES`). */
export const MOUNT_KEY_DOCS: { readonly [K in MountKey]: MountKeyDoc } = {
  type: {
    value: "<bind|cache|tmpfs|secret|ssh>",
    summary:
      "The kind of mount. Default `bind`. Write it first: keys before it are read as if the mount were a bind.",
    types: ["bind", "cache", "tmpfs", "secret", "ssh"],
  },
  from: {
    value: "<stage|image|context>",
    summary:
      "Where a bind or cache mount takes its files from: a stage name, an image or a named build context (not an index). Default: the build context for bind, an empty directory for cache. No variables.",
    types: ["bind", "cache"],
  },
  source: {
    value: "<path>",
    summary: "Path inside `from` to mount (default its root). For a secret, the secret's ID (like `id`).",
    types: ["bind", "cache", "secret"],
  },
  target: {
    value: "<path>",
    summary:
      "Where the mount appears in the container. Required for bind, cache and tmpfs. Secrets default to `/run/secrets/<id>`, SSH to `/run/buildkit/ssh_agent.<n>`.",
    types: ["bind", "cache", "tmpfs", "secret", "ssh"],
  },
  readonly: { aliasOf: "ro" },
  id: {
    value: "<id>",
    summary:
      "Cache: the cache's name (default: the target path), so several mounts can share one cache. Secret: the secret given with `docker build --secret id=…` (default: the target's file name). SSH: the agent given with `--ssh` (default `default`).",
    types: ["cache", "secret", "ssh"],
  },
  sharing: {
    value: "<shared|private|locked>",
    summary: "How concurrent builds use one cache mount. Default `shared`.",
    types: ["cache"],
    values: SHARING_DOCS,
  },
  required: {
    value: "[=<true|false>]",
    summary:
      "Fail the build when the secret or SSH agent was not given. Default false: the mount is left out.",
    types: ["secret", "ssh"],
  },
  size: {
    value: "<size>",
    summary: "Size limit of a tmpfs mount, e.g. `64m` or `1g`.",
    types: ["tmpfs"],
  },
  mode: {
    value: "<octal>",
    summary:
      "File mode of the mounted secret or socket (default `0400`, `0600` for SSH) or of the cache directory (default `0755`).",
    types: ["cache", "secret", "ssh"],
  },
  uid: {
    value: "<uid>",
    summary: "Numeric user ID owning the mount (default 0).",
    types: ["cache", "secret", "ssh"],
  },
  gid: {
    value: "<gid>",
    summary: "Numeric group ID owning the mount (default 0).",
    types: ["cache", "secret", "ssh"],
  },
  src: { aliasOf: "source" },
  dst: { aliasOf: "target" },
  destination: { aliasOf: "target" },
  ro: {
    value: "[=<true|false>]",
    summary:
      "Mount read-only. The default for bind, secret and ssh mounts; cache and tmpfs mounts are writable.",
    types: ["bind", "cache", "tmpfs", "secret", "ssh"],
  },
  rw: {
    value: "[=<true|false>]",
    summary:
      "Mount writable. On a bind mount the writes are thrown away after the RUN; they never reach the source or the image.",
    types: ["bind", "cache", "tmpfs", "secret", "ssh"],
  },
  readwrite: { aliasOf: "rw" },
  env: {
    value: "<name>",
    summary: "Exposes the secret as an environment variable of that name instead of (or as well as) a file.",
    types: ["secret"],
  },
};

/** Keyed by BuildKit's mount types. */
export const MOUNT_TYPE_DOCS: { readonly [T in MountType]: { summary: string; example: string } } = {
  bind: {
    summary:
      "Mounts files from the build context, a stage or an image without copying them into a layer. Read-only unless `rw`, and then the writes are discarded.",
    example: "RUN --mount=type=bind,source=go.sum,target=go.sum go mod download",
  },
  cache: {
    summary:
      "A directory that survives between builds, for compiler and package manager caches. Its content is never part of the image and may be emptied at any time.",
    example: "RUN --mount=type=cache,target=/root/.npm npm ci",
  },
  tmpfs: {
    summary: "An empty in-memory file system for this RUN.",
    example: "RUN --mount=type=tmpfs,target=/tmp,size=256m make",
  },
  secret: {
    summary:
      "Gives this RUN a secret passed with `docker build --secret id=…,src=…` (or `env=…`), as a file under `/run/secrets/` or as a variable. It is neither stored in a layer nor part of the cache key.",
    example: "RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci",
  },
  ssh: {
    summary:
      "Gives this RUN access to the SSH agent (or keys) passed with `docker build --ssh default`, e.g. to clone private repositories.",
    example: "RUN --mount=type=ssh git clone git@github.com:org/private.git",
  },
};

export function flagDoc(instruction: string, flag: string): FlagDoc | undefined {
  if (!Object.hasOwn(FLAG_DOCS, instruction)) return undefined;
  const table = FLAG_DOCS[instruction as FlaggedInstruction] as Readonly<Record<string, FlagDoc>>;
  return Object.hasOwn(table, flag) ? table[flag] : undefined;
}

/** The options of `--mount`, aliases followed to the option they stand for. */
export function mountKeyDoc(
  key: string,
): { key: MountKey; doc: Exclude<MountKeyDoc, { aliasOf: MountKey }> } | undefined {
  if (!(MOUNT_KEY_NAMES as readonly string[]).includes(key)) return undefined;
  let k = key as MountKey;
  let doc = MOUNT_KEY_DOCS[k];
  while ("aliasOf" in doc) {
    k = doc.aliasOf;
    doc = MOUNT_KEY_DOCS[k];
  }
  return { key: k, doc };
}
