/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${1:name}" here is snippet syntax, and "${NAME}" Dockerfile syntax */
import { INSTRUCTIONS, type InstructionKeyword } from "../../../grammar/index.js";

/** What a hover says about one instruction, in our own words, from Docker's Dockerfile reference. */
export interface InstructionDoc {
  /** One paragraph: what the instruction does. */
  summary: string;
  /** Its syntax, one form per line. */
  forms: readonly string[];
  example: string;
  /** The mistakes people make with it. */
  pitfalls: readonly string[];
  /** Completion snippets, one per form (`${1:placeholder}` syntax). */
  snippets: readonly { label: string; body: string }[];
}

const CACHE =
  "The build cache: a step is reused while its instruction text and everything before it are unchanged; for COPY and ADD the checksums of the copied files count too. The first step that changes runs again, and so does every step after it, so put what changes least first.";
const EXEC_JSON =
  "The exec form is a JSON array: only double quotes work. `[\"echo\", 'hi']` or `['echo']` is not JSON, and Docker silently runs the whole text as a shell command instead.";
const ONLY_LAST = (what: string) =>
  `Only the last ${what} of the final stage takes effect; earlier ones in the same stage are ignored.`;
const EXEC_NO_VARS =
  "The exec form runs no shell, so `$HOME` and other variables in it are not expanded at run time; use the shell form or `sh -c` when you need them.";

/** Keyed by the grammar's list, so a new instruction cannot be added without its documentation. */
export const INSTRUCTION_DOCS: Readonly<Record<InstructionKeyword, InstructionDoc>> = {
  ADD: {
    summary:
      "Adds files to the image: from the build context, from a URL (downloaded at build time), or from a Git repository. A local tar archive (plain, gzip, bzip2 or xz) is unpacked into the destination; everything else is copied as is.",
    forms: [
      "ADD [--chown=<user>:<group>] [--chmod=<perms>] [--checksum=<digest>] <src>... <dest>",
      'ADD [options] ["<src>", ... "<dest>"]',
      "ADD [options] <<EOF <dest>",
    ],
    example:
      "ADD --checksum=sha256:24454f830cdd… https://example.com/tool.tar.gz /opt/\nADD https://github.com/org/repo.git#v1.2.0 /src",
    pitfalls: [
      "ADD unpacks local archives and fetches URLs; COPY only copies. Prefer COPY unless you want one of those, so a `.tar.gz` in the context is not unpacked by surprise.",
      "A URL is not unpacked unless you ask for it with `--unpack=true`, and without `--checksum` its content is not verified.",
      "A destination ending in `/` is a directory; without it and with one source, the source is written to a file of that name.",
      CACHE,
    ],
    snippets: [
      { label: "ADD src dest", body: "ADD ${1:src} ${2:dest}" },
      { label: 'ADD ["src", "dest"]', body: 'ADD ["${1:src}", "${2:dest}"]' },
    ],
  },
  ARG: {
    summary:
      "Declares a build argument: a variable set with `docker build --build-arg NAME=value`, or its default. It exists only while the image is built; containers started from the image do not see it. An ARG before the first FROM is global: FROM lines can use it, and a stage sees it only after repeating `ARG NAME` inside the stage.",
    forms: ["ARG <name>[=<default>] [<name>[=<default>]...]"],
    example: "ARG VERSION=1.25\nFROM nginx:${VERSION}\nARG VERSION\nRUN echo $VERSION",
    pitfalls: [
      "ARG is build-time only, ENV persists into the image and its containers. Use ENV for what the application reads at run time.",
      "An ARG declared before FROM is empty inside the stage until the stage says `ARG NAME` again.",
      "ARG values end up in the image history and in the RUN commands that use them: never pass secrets as build arguments; use `RUN --mount=type=secret`.",
      "Changing an ARG's value invalidates the cache from the first instruction that uses it.",
    ],
    snippets: [
      { label: "ARG name", body: "ARG ${1:name}" },
      { label: "ARG name=default", body: "ARG ${1:name}=${2:default}" },
    ],
  },
  CMD: {
    summary:
      "Sets the default command of a container started from the image, or, when there is an ENTRYPOINT, the default arguments passed to it. It runs nothing during the build.",
    forms: [
      'CMD ["executable", "param1", "param2"]   (exec form, preferred)',
      'CMD ["param1", "param2"]   (default arguments for ENTRYPOINT)',
      "CMD command param1 param2   (shell form: run by /bin/sh -c)",
    ],
    example: 'CMD ["nginx", "-g", "daemon off;"]',
    pitfalls: [
      ONLY_LAST("CMD"),
      "Arguments given to `docker run IMAGE …` replace CMD entirely.",
      "With an ENTRYPOINT in exec form, CMD's exec-form elements are appended to it as arguments; with an ENTRYPOINT in shell form, CMD is ignored.",
      "In shell form the command runs under `/bin/sh -c`; the shell may be PID 1 instead of your program, and then `docker stop`'s SIGTERM never reaches it.",
      EXEC_JSON,
      EXEC_NO_VARS,
      "Setting ENTRYPOINT resets a CMD inherited from the base image.",
    ],
    snippets: [
      { label: 'CMD ["executable", "arg"]', body: 'CMD ["${1:executable}", "${2:arg}"]' },
      { label: "CMD command", body: "CMD ${1:command}" },
    ],
  },
  COPY: {
    summary:
      "Copies files and directories into the image: from the build context, from another stage (`--from=<stage>`), from an image (`--from=<image>`) or from a named build context. It never unpacks or downloads anything.",
    forms: [
      "COPY [--from=<stage|image>] [--chown=<user>:<group>] [--chmod=<perms>] [--link] [--parents] [--exclude=<path>] <src>... <dest>",
      'COPY [options] ["<src>", ... "<dest>"]',
      "COPY [options] <<EOF <dest>",
    ],
    example: "COPY package.json package-lock.json ./\nCOPY --from=build /app/dist /usr/share/nginx/html",
    pitfalls: [
      "COPY only copies; ADD also unpacks local archives and fetches URLs. COPY is the one to use for local files.",
      "Sources are relative to the build context and cannot leave it (`../x` does not work); `.dockerignore` decides what the context holds.",
      "Copying a directory copies its contents, not the directory itself: `COPY src /app/` gives `/app/<files>`, not `/app/src`.",
      "Files are owned by root unless you pass `--chown`, whatever USER says.",
      "Copy the files that decide your dependencies (lock files) first and install them before copying the rest, so a code change does not reinstall everything.",
      CACHE,
    ],
    snippets: [
      { label: "COPY src dest", body: "COPY ${1:src} ${2:dest}" },
      { label: 'COPY ["src", "dest"]', body: 'COPY ["${1:src}", "${2:dest}"]' },
      { label: "COPY --from=stage src dest", body: "COPY --from=${1:stage} ${2:src} ${3:dest}" },
    ],
  },
  ENTRYPOINT: {
    summary:
      "Sets the executable a container runs. CMD (or the arguments of `docker run`) then become its arguments, which makes the image behave like a command.",
    forms: [
      'ENTRYPOINT ["executable", "param1", "param2"]   (exec form, preferred)',
      "ENTRYPOINT command param1 param2   (shell form: run by /bin/sh -c)",
    ],
    example: 'ENTRYPOINT ["/usr/bin/tini", "--", "/docker-entrypoint.sh"]\nCMD ["serve"]',
    pitfalls: [
      ONLY_LAST("ENTRYPOINT"),
      "Exec form + CMD in exec form: the container runs ENTRYPOINT's elements followed by CMD's. `docker run IMAGE args` replaces only the CMD part.",
      'Shell form: runs as `/bin/sh -c "…"`, ignores CMD and the arguments of `docker run`, and the process is not PID 1, so it does not get `docker stop`\'s SIGTERM (use `exec` in the command).',
      "Setting ENTRYPOINT clears the CMD inherited from the base image; set CMD again after it if you need one.",
      EXEC_JSON,
      EXEC_NO_VARS,
      "`docker run --entrypoint` replaces it.",
    ],
    snippets: [
      { label: 'ENTRYPOINT ["executable", "arg"]', body: 'ENTRYPOINT ["${1:executable}"${2:, "${3:arg}"}]' },
      { label: "ENTRYPOINT command", body: "ENTRYPOINT ${1:command}" },
    ],
  },
  ENV: {
    summary:
      "Sets environment variables. They apply to the rest of the stage, to stages built FROM it, and they are stored in the image: every container started from it has them.",
    forms: [
      "ENV <key>=<value> [<key>=<value>...]",
      "ENV <key> <value>   (legacy: one variable, the rest of the line is its value)",
    ],
    example: 'ENV NODE_ENV=production \\\n    PATH="/opt/app/bin:$PATH"',
    pitfalls: [
      "ENV persists into the image and its containers, ARG does not. Do not put secrets in ENV: they are visible in `docker inspect` and in the history.",
      "All values of one ENV are expanded with the variables from before it: in `ENV A=1 B=$A`, B does not see the new A.",
      "The legacy `ENV key value` form takes the whole rest of the line, spaces included, as one value; prefer `key=value`.",
      "An ENV that is needed only while building (e.g. `DEBIAN_FRONTEND`) stays in the image; set it on the RUN line instead, or use ARG.",
    ],
    snippets: [{ label: "ENV key=value", body: "ENV ${1:key}=${2:value}" }],
  },
  EXPOSE: {
    summary:
      "Records which ports the application listens on (TCP unless `/udp` is given). It is metadata: tools read it, and `docker run -P` publishes these ports on random host ports.",
    forms: ["EXPOSE <port>[/<protocol>] [<port>[/<protocol>]...]"],
    example: "EXPOSE 8080\nEXPOSE 53/udp",
    pitfalls: [
      "EXPOSE does not publish anything: the port is reachable from the host only with `docker run -p HOST:CONTAINER` (or `-P`).",
      "Write the container port only; `80:8080` is a `docker run` mapping, not EXPOSE syntax.",
    ],
    snippets: [{ label: "EXPOSE port", body: "EXPOSE ${1:80}" }],
  },
  FROM: {
    summary:
      "Starts a build stage from a base image (or from an earlier stage, or from `scratch`, the empty image). Every Dockerfile begins with FROM, only parser directives, comments and global ARGs may come before it; each further FROM starts a new stage, and the last stage is the image that is built unless `--target` picks another.",
    forms: ["FROM [--platform=<platform>] <image>[:<tag>][@<digest>] [AS <name>]"],
    example:
      "FROM golang:1.22 AS build\nRUN go build -o /out/app .\nFROM gcr.io/distroless/base\nCOPY --from=build /out/app /",
    pitfalls: [
      "Without a tag the image is `:latest`, which changes under you; pin a tag, or a digest (`@sha256:…`) for reproducible builds.",
      "Only ARGs declared before the first FROM can be used in FROM lines.",
      "A stage's variables, working directory and user do not carry into a stage built FROM an image; only a stage built FROM another stage inherits them.",
      "Naming stages (`AS build`) lets COPY --from and `--target` refer to them by name instead of by index.",
    ],
    snippets: [
      { label: "FROM image", body: "FROM ${1:image}:${2:tag}" },
      { label: "FROM image AS name", body: "FROM ${1:image}:${2:tag} AS ${3:name}" },
    ],
  },
  HEALTHCHECK: {
    summary:
      "Tells Docker how to check that a container still works: the command runs inside the container at an interval, exit code 0 means healthy, 1 unhealthy. `HEALTHCHECK NONE` turns off a check inherited from the base image.",
    forms: [
      "HEALTHCHECK [--interval=<d>] [--timeout=<d>] [--start-period=<d>] [--start-interval=<d>] [--retries=<n>] CMD <command>",
      "HEALTHCHECK NONE",
    ],
    example:
      "HEALTHCHECK --interval=30s --timeout=3s --retries=3 \\\n  CMD curl -fsS http://localhost:8080/health || exit 1",
    pitfalls: [
      ONLY_LAST("HEALTHCHECK"),
      "The command runs in the container, so the tool it calls (curl, wget) must be in the image.",
      "Exit code 2 is reserved and other codes are not defined; end with `|| exit 1` to turn any failure into 1.",
      "Orchestrators such as Kubernetes ignore it and use their own probes.",
    ],
    snippets: [
      {
        label: "HEALTHCHECK CMD command",
        body: "HEALTHCHECK --interval=${1:30s} --timeout=${2:5s} CMD ${3:command}",
      },
      {
        label: 'HEALTHCHECK CMD ["executable", "arg"]',
        body: 'HEALTHCHECK CMD ["${1:executable}", "${2:arg}"]',
      },
      { label: "HEALTHCHECK NONE", body: "HEALTHCHECK NONE" },
    ],
  },
  LABEL: {
    summary:
      "Adds metadata to the image as key-value pairs, readable with `docker inspect`. Labels are inherited from the base image; a later label with the same key overrides it.",
    forms: ["LABEL <key>=<value> [<key>=<value>...]"],
    example:
      'LABEL org.opencontainers.image.source="https://github.com/org/app" \\\n      org.opencontainers.image.licenses="MIT"',
    pitfalls: [
      'Quote values with spaces: `LABEL description="my app"`.',
      "Prefer the `org.opencontainers.image.*` keys, which tools understand.",
    ],
    snippets: [{ label: "LABEL key=value", body: 'LABEL ${1:key}="${2:value}"' }],
  },
  MAINTAINER: {
    summary: "Deprecated: sets the image's author field. Use a label instead, which tools can read.",
    forms: ["MAINTAINER <name>"],
    example: 'LABEL org.opencontainers.image.authors="Jane Doe <jane@example.com>"',
    pitfalls: ["MAINTAINER is deprecated; `LABEL org.opencontainers.image.authors=…` replaces it."],
    snippets: [{ label: "MAINTAINER name", body: "MAINTAINER ${1:name}" }],
  },
  ONBUILD: {
    summary:
      "Stores an instruction in the image to be run later: when another Dockerfile builds FROM this image, the stored instructions run first, right after that FROM, in the child's build and with the child's context.",
    forms: ["ONBUILD <instruction>"],
    example: "ONBUILD COPY . /src\nONBUILD RUN make -C /src",
    pitfalls: [
      "ONBUILD runs in the child's build, not in this one: nothing happens when this image is built.",
      "A COPY in a trigger copies from the child's build context, which the author of the base image does not control.",
      "`ONBUILD ONBUILD`, `ONBUILD FROM` and `ONBUILD MAINTAINER` are not allowed.",
      "Triggers run only for the image built directly FROM this one; they are not passed on to grandchildren.",
    ],
    snippets: [{ label: "ONBUILD instruction", body: "ONBUILD ${1:RUN} ${2:command}" }],
  },
  RUN: {
    summary:
      "Runs a command while the image is built and records its result as a new layer. The shell form runs in the default shell (`/bin/sh -c` on Linux, or the one SHELL set); the exec form runs the program directly.",
    forms: [
      "RUN [--mount=<mount>] [--network=<mode>] [--security=<mode>] <command>   (shell form)",
      'RUN [options] ["executable", "param1", "param2"]   (exec form)',
      "RUN [options] <<EOF\n<script>\nEOF   (heredoc)",
    ],
    example:
      "RUN --mount=type=cache,target=/var/cache/apt \\\n    apt-get update \\\n && apt-get install -y --no-install-recommends curl \\\n && rm -rf /var/lib/apt/lists/*",
    pitfalls: [
      "Each RUN makes a layer, and a file deleted in a later RUN still takes space in the earlier layer: clean up (package lists, caches, downloads) in the same RUN that created it.",
      "`apt-get update` in its own RUN is cached and goes stale; run it in the same RUN as the install.",
      "A pipeline (`a | b`) fails only if its last command fails, unless the shell has `-o pipefail` (see SHELL).",
      EXEC_JSON,
      "The exec form does not run a shell: no variable expansion, `&&` or redirection unless you call `sh -c` yourself.",
      "The command's output is not part of the cache key: `RUN apt-get update` or `git clone` is reused from the cache even when upstream changed. " +
        CACHE,
    ],
    snippets: [
      { label: "RUN command", body: "RUN ${1:command}" },
      { label: 'RUN ["executable", "arg"]', body: 'RUN ["${1:executable}", "${2:arg}"]' },
      { label: "RUN <<EOF", body: "RUN <<EOF\n${1:command}\nEOF" },
    ],
  },
  SHELL: {
    summary:
      'Replaces the shell that shell-form instructions run under (RUN, CMD, ENTRYPOINT, HEALTHCHECK CMD) for the rest of the stage. The default is `["/bin/sh", "-c"]` on Linux and `["cmd", "/S", "/C"]` on Windows.',
    forms: ['SHELL ["executable", "param1"]'],
    example: 'SHELL ["/bin/bash", "-o", "pipefail", "-c"]',
    pitfalls: [
      "SHELL takes the exec form only, and the shell must exist in the image.",
      "Use it to turn on `-o pipefail`, so that a failing command inside a pipeline fails the build.",
      "It also changes how CMD and ENTRYPOINT in shell form run at container start.",
    ],
    snippets: [{ label: 'SHELL ["executable", "arg"]', body: 'SHELL ["${1:/bin/bash}", "${2:-c}"]' }],
  },
  STOPSIGNAL: {
    summary:
      "Sets the signal `docker stop` sends to ask the container's main process to exit (SIGTERM by default). Docker sends SIGKILL if the process is still running after the grace period.",
    forms: ["STOPSIGNAL <signal>"],
    example: "STOPSIGNAL SIGQUIT",
    pitfalls: [
      "The signal reaches PID 1 only: with a shell-form CMD or ENTRYPOINT that is `/bin/sh`, which does not pass it on.",
      "Give a name (`SIGTERM`) or a number (`15`); Docker accepts the name with or without the `SIG` prefix.",
    ],
    snippets: [{ label: "STOPSIGNAL signal", body: "STOPSIGNAL ${1:SIGTERM}" }],
  },
  USER: {
    summary:
      "Sets the user (and optionally the group) that the rest of the stage's RUN instructions, and containers started from the image, run as. The user must exist in the image unless it is given as a number.",
    forms: ["USER <user>[:<group>]", "USER <UID>[:<GID>]"],
    example: "RUN useradd --create-home --uid 10001 app\nUSER app",
    pitfalls: [
      "Images run as root unless a USER says otherwise; end the final stage with a non-root USER.",
      "COPY and ADD still create files owned by root; use `--chown` to give them to the user.",
      "With a group given, the user's supplementary groups are not applied.",
    ],
    snippets: [{ label: "USER user", body: "USER ${1:user}" }],
  },
  VOLUME: {
    summary:
      "Declares directories as mount points for external storage. At `docker run` each gets an anonymous volume unless one is mounted there, so its data lives outside the container's writable layer.",
    forms: ['VOLUME ["/data"]', "VOLUME /data [/other...]"],
    example: "VOLUME /var/lib/postgresql/data",
    pitfalls: [
      "Changes to the directory after the VOLUME line are discarded by the legacy builder (BuildKit, the default builder, keeps them): prepare its content before the VOLUME line so the image is the same with either.",
      "The host directory cannot be chosen in the Dockerfile; that is `docker run -v`.",
      "Every container gets a new anonymous volume, which piles up unless removed with `docker run --rm` or `docker volume prune`.",
    ],
    snippets: [
      { label: "VOLUME path", body: "VOLUME ${1:/data}" },
      { label: 'VOLUME ["path"]', body: 'VOLUME ["${1:/data}"]' },
    ],
  },
  WORKDIR: {
    summary:
      "Sets the working directory for the instructions after it (RUN, CMD, ENTRYPOINT, COPY, ADD) and for containers started from the image, creating it if missing. A relative path is taken relative to the previous WORKDIR.",
    forms: ["WORKDIR <path>"],
    example: "WORKDIR /app\nCOPY . .",
    pitfalls: [
      "Prefer WORKDIR to `RUN cd …`: a `cd` lasts only for that one RUN.",
      "Use an absolute path; a relative one depends on the previous WORKDIR, which may come from the base image.",
    ],
    snippets: [{ label: "WORKDIR path", body: "WORKDIR ${1:/app}" }],
  },
};

export function isInstructionKeyword(keyword: string): keyword is InstructionKeyword {
  return (INSTRUCTIONS as readonly string[]).includes(keyword);
}

export function fence(code: string): string {
  return `\`\`\`dockerfile\n${code}\n\`\`\``;
}
