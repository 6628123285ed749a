/**
 * Facts about widely used base images, read from their public Dockerfiles: the names of the environment variables
 * their image config carries (names only: values change with every release, names rarely do), and what /bin/sh is.
 * BuildKit knows the base image's config when it expands `$NAME`; the linter only knows this table.
 *
 * Sources: docker-library/* (golang, python, ruby, php, httpd, postgres, mysql, redis, mongo, tomcat, wordpress,
 * drupal, ghost, haproxy, memcached, rabbitmq, julia, pypy, docker, busybox, openjdk), nodejs/docker-node,
 * rust-lang/docker-rust, nginxinc/docker-nginx, adoptium/containers (eclipse-temurin), MariaDB/mariadb-docker,
 * carlossg/docker-maven, keeganwitt/docker-gradle, erlang/docker-erlang-otp, erlef/docker-elixir,
 * corretto/corretto-docker, dotnet/dotnet-docker, jenkinsci/docker, jupyter/docker-stacks, elastic/dockerfiles,
 * NVIDIA's CUDA image templates, and the Fedora base image.
 */
import type { ImageRef } from "./imageRef.js";

interface ImageFacts {
  /** ENV names the image sets itself. */
  env: readonly string[];
  /** Images it is built on, whose names it carries too. */
  from?: readonly string[];
}

const JAVA = ["JAVA_HOME", "JAVA_VERSION", "LANG", "LANGUAGE", "LC_ALL"];

/** Keyed by the repository as Docker Hub shows it (`golang`, `nvidia/cuda`) or by registry and path. */
const IMAGES: Readonly<Record<string, ImageFacts>> = {
  golang: {
    env: [
      "GOLANG_VERSION",
      "GOPATH",
      "GOTOOLCHAIN",
      "GIT_VERSION",
      "GIT_TAG",
      "GIT_DOWNLOAD_URL",
      "GIT_DOWNLOAD_SHA256",
    ],
  },
  node: { env: ["NODE_VERSION", "YARN_VERSION"] },
  python: {
    env: [
      "PYTHON_VERSION",
      "PYTHON_SHA256",
      "PYTHON_RELEASE",
      "PYTHON_PIP_VERSION",
      "GPG_KEY",
      "LANG",
      "PYTHONIOENCODING",
    ],
  },
  pypy: { env: ["PYPY_VERSION", "LANG", "PYTHONIOENCODING"] },
  ruby: {
    env: [
      "RUBY_VERSION",
      "RUBY_DOWNLOAD_URL",
      "RUBY_DOWNLOAD_SHA256",
      "RUBY_MAJOR",
      "LANG",
      "GEM_HOME",
      "BUNDLE_APP_CONFIG",
      "BUNDLE_SILENCE_ROOT_WARNING",
    ],
  },
  php: {
    env: [
      "PHPIZE_DEPS",
      "PHP_INI_DIR",
      "PHP_CFLAGS",
      "PHP_CPPFLAGS",
      "PHP_LDFLAGS",
      "GPG_KEYS",
      "PHP_VERSION",
      "PHP_URL",
      "PHP_ASC_URL",
      "PHP_SHA256",
      "APACHE_CONFDIR",
      "APACHE_ENVVARS",
    ],
  },
  rust: { env: ["RUSTUP_HOME", "CARGO_HOME", "RUST_VERSION"] },
  nginx: {
    env: ["NGINX_VERSION", "NJS_VERSION", "NJS_RELEASE", "PKG_RELEASE", "DYNPKG_RELEASE", "OTEL_VERSION"],
  },
  httpd: { env: ["HTTPD_PREFIX", "HTTPD_VERSION", "HTTPD_SHA256", "HTTPD_PATCHES"] },
  postgres: {
    env: ["GOSU_VERSION", "LANG", "PG_MAJOR", "PG_VERSION", "PG_SHA256", "PGDATA", "DOCKER_PG_LLVM_DEPS"],
  },
  mysql: { env: ["GOSU_VERSION", "MYSQL_MAJOR", "MYSQL_VERSION", "MYSQL_SHELL_VERSION"] },
  mariadb: { env: ["GOSU_VERSION", "LANG", "MARIADB_MAJOR", "MARIADB_VERSION"] },
  redis: { env: ["GOSU_VERSION", "REDIS_VERSION", "REDIS_DOWNLOAD_URL", "REDIS_DOWNLOAD_SHA"] },
  mongo: {
    env: [
      "GOSU_VERSION",
      "JSYAML_VERSION",
      "JSYAML_CHECKSUM",
      "MONGO_PACKAGE",
      "MONGO_REPO",
      "MONGO_MAJOR",
      "MONGO_VERSION",
      "MONGO_DOWNLOAD_URL",
      "MONGO_DOWNLOAD_SHA256",
      "HOME",
      "GLIBC_TUNABLES",
    ],
  },
  memcached: { env: ["MEMCACHED_VERSION", "MEMCACHED_URL", "MEMCACHED_SHA1"] },
  haproxy: { env: ["HAPROXY_VERSION", "HAPROXY_URL", "HAPROXY_SHA256"] },
  rabbitmq: {
    env: [
      "OPENSSL_INSTALL_PATH_PREFIX",
      "ERLANG_INSTALL_PATH_PREFIX",
      "RABBITMQ_DATA_DIR",
      "RABBITMQ_VERSION",
      "RABBITMQ_PGP_KEY_ID",
      "RABBITMQ_HOME",
      "HOME",
      "LANG",
      "LANGUAGE",
      "LC_ALL",
      "RUNNING_UNDER_SYSTEMD",
    ],
  },
  julia: { env: ["JULIA_PATH", "JULIA_GPG", "JULIA_VERSION", "JULIA_URL", "JULIA_SHA256"] },
  docker: {
    env: [
      "DOCKER_VERSION",
      "DOCKER_URL",
      "DOCKER_BUILDX_VERSION",
      "DOCKER_BUILDX_URL",
      "DOCKER_BUILDX_SHA256",
      "DOCKER_COMPOSE_VERSION",
      "DOCKER_COMPOSE_URL",
      "DOCKER_COMPOSE_SHA256",
      "DOCKER_TLS_CERTDIR",
      "DIND_COMMIT",
    ],
  },
  "eclipse-temurin": { env: JAVA },
  openjdk: { env: ["JAVA_HOME", "JAVA_VERSION", "JAVA_URL", "JAVA_SHA256", "LANG"] },
  amazoncorretto: { env: ["JAVA_HOME", "LANG", "JAVA_TOOL_OPTIONS"] },
  maven: { env: ["MAVEN_HOME", "MAVEN_CONFIG"], from: ["eclipse-temurin", "amazoncorretto"] },
  gradle: { env: ["GRADLE_HOME", "GRADLE_VERSION"], from: ["eclipse-temurin", "amazoncorretto"] },
  tomcat: {
    env: [
      "CATALINA_HOME",
      "TOMCAT_NATIVE_LIBDIR",
      "LD_LIBRARY_PATH",
      "TOMCAT_MAJOR",
      "TOMCAT_VERSION",
      "TOMCAT_SHA512",
    ],
    from: ["eclipse-temurin"],
  },
  "jenkins/jenkins": {
    env: [
      "JENKINS_HOME",
      "JENKINS_SLAVE_AGENT_PORT",
      "JENKINS_AGENT_PORT",
      "REF",
      "JENKINS_VERSION",
      "JENKINS_UC",
      "JENKINS_UC_EXPERIMENTAL",
      "JENKINS_INCREMENTALS_REPO_MIRROR",
      "COPY_REFERENCE_FILE_LOG",
      "JAVA_OPTS",
      ...JAVA,
    ],
  },
  erlang: { env: ["OTP_VERSION", "REBAR_VERSION", "REBAR3_VERSION"] },
  elixir: { env: ["ELIXIR_VERSION", "LANG"], from: ["erlang"] },
  wordpress: {
    env: ["WORDPRESS_CLI_GPG_KEY", "WORDPRESS_CLI_VERSION", "WORDPRESS_CLI_SHA512"],
    from: ["php"],
  },
  drupal: { env: ["DRUPAL_VERSION", "COMPOSER_ALLOW_SUPERUSER"], from: ["php"] },
  ghost: {
    env: ["NODE_ENV", "GHOST_CLI_VERSION", "GHOST_INSTALL", "GHOST_CONTENT", "GHOST_VERSION", "GOSU_VERSION"],
    from: ["node"],
  },
  busybox: { env: [] },
  "buildpack-deps": { env: [] },
  alpine: { env: [] },
  debian: { env: [] },
  ubuntu: { env: [] },
  fedora: { env: ["DISTTAG", "FGC", "FBR"] },
  "registry.fedoraproject.org/fedora": { env: ["DISTTAG", "FGC", "FBR"] },
  "nvidia/cuda": {
    env: [
      "NVARCH",
      "NVIDIA_REQUIRE_CUDA",
      "NV_CUDA_CUDART_VERSION",
      "NV_CUDA_COMPAT_PACKAGE",
      "CUDA_VERSION",
      "LD_LIBRARY_PATH",
      "LIBRARY_PATH",
      "NVIDIA_VISIBLE_DEVICES",
      "NVIDIA_DRIVER_CAPABILITIES",
      "NV_CUDNN_VERSION",
      "NV_CUDNN_PACKAGE",
      "NV_CUDNN_PACKAGE_NAME",
      "NV_CUDNN_PACKAGE_DEV",
      "NV_NVTX_VERSION",
      "NV_LIBNPP_VERSION",
      "NV_LIBNPP_PACKAGE",
      "NV_LIBCUSPARSE_VERSION",
      "NV_LIBCUBLAS_VERSION",
      "NV_LIBCUBLAS_PACKAGE",
      "NV_LIBCUBLAS_PACKAGE_NAME",
      "NV_LIBNCCL_PACKAGE",
      "NV_LIBNCCL_PACKAGE_NAME",
      "NV_LIBNCCL_PACKAGE_VERSION",
      "NCCL_VERSION",
      "NV_CUDA_LIB_VERSION",
      "NV_NVPROF_VERSION",
      "NV_NVML_DEV_VERSION",
      "NV_CUDA_CUDART_DEV_VERSION",
      "NV_LIBCUBLAS_DEV_VERSION",
      "NV_LIBCUBLAS_DEV_PACKAGE",
      "NV_LIBNCCL_DEV_PACKAGE",
      "NV_LIBNPP_DEV_VERSION",
      "NV_LIBNPP_DEV_PACKAGE",
      "NV_LIBCUSPARSE_DEV_VERSION",
    ],
  },
  "mcr.microsoft.com/dotnet/runtime-deps": {
    env: [
      "APP_UID",
      "ASPNETCORE_HTTP_PORTS",
      "DOTNET_RUNNING_IN_CONTAINER",
      "DOTNET_VERSION",
      "DOTNET_SYSTEM_GLOBALIZATION_INVARIANT",
      "LANG",
      "LC_ALL",
    ],
  },
  "mcr.microsoft.com/dotnet/runtime": { env: [], from: ["mcr.microsoft.com/dotnet/runtime-deps"] },
  "mcr.microsoft.com/dotnet/aspnet": { env: ["ASPNET_VERSION"], from: ["mcr.microsoft.com/dotnet/runtime"] },
  "mcr.microsoft.com/dotnet/sdk": {
    env: [
      "DOTNET_SDK_VERSION",
      "DOTNET_GENERATE_ASPNET_CERTIFICATE",
      "DOTNET_NOLOGO",
      "DOTNET_USE_POLLING_FILE_WATCHER",
      "NUGET_XMLDOC_MODE",
      "POWERSHELL_DISTRIBUTION_CHANNEL",
    ],
    from: ["mcr.microsoft.com/dotnet/aspnet"],
  },
  "quay.io/jupyter/docker-stacks-foundation": {
    env: [
      "CONDA_DIR",
      "SHELL",
      "NB_USER",
      "NB_UID",
      "NB_GID",
      "LC_ALL",
      "LANG",
      "LANGUAGE",
      "HOME",
      "DEBIAN_FRONTEND",
      "XDG_CACHE_HOME",
    ],
  },
  "quay.io/jupyter/base-notebook": {
    env: ["JUPYTER_PORT"],
    from: ["quay.io/jupyter/docker-stacks-foundation"],
  },
  "quay.io/jupyter/minimal-notebook": { env: [], from: ["quay.io/jupyter/base-notebook"] },
  "quay.io/jupyter/scipy-notebook": { env: [], from: ["quay.io/jupyter/minimal-notebook"] },
  "quay.io/jupyter/r-notebook": { env: ["R_LIBS_USER"], from: ["quay.io/jupyter/minimal-notebook"] },
  "quay.io/jupyter/pyspark-notebook": {
    env: ["SPARK_HOME", "SPARK_OPTS"],
    from: ["quay.io/jupyter/scipy-notebook"],
  },
  "quay.io/jupyter/all-spark-notebook": { env: ["R_LIBS_USER"], from: ["quay.io/jupyter/pyspark-notebook"] },
  "quay.io/jupyter/datascience-notebook": {
    env: ["JULIA_DEPOT_PATH", "JULIA_PKGDIR", "R_LIBS_USER"],
    from: ["quay.io/jupyter/scipy-notebook"],
  },
  "quay.io/jupyter/tensorflow-notebook": { env: [], from: ["quay.io/jupyter/scipy-notebook"] },
  "quay.io/jupyter/pytorch-notebook": { env: [], from: ["quay.io/jupyter/scipy-notebook"] },
};

/** Other names of the same image. */
const ALIASES: Readonly<Record<string, string>> = {
  "registry.fedoraproject.org/fedora-minimal": "registry.fedoraproject.org/fedora",
};

/** Official images are also published per architecture (`arm64v8/python`) and on mirrors of Docker Hub. */
const ARCH_ORGS = new Set([
  "amd64",
  "arm32v5",
  "arm32v6",
  "arm32v7",
  "arm64v8",
  "i386",
  "mips64le",
  "ppc64le",
  "riscv64",
  "s390x",
  "windows-amd64",
]);
const HUB_MIRRORS = new Set(["mirror.gcr.io", "public.ecr.aws"]);

/** The table key for an image reference, or undefined when the image is not one we know. */
function imageKey(ref: ImageRef): string | undefined {
  let { registry, path } = ref.normalized;
  path = path.toLowerCase();
  if (HUB_MIRRORS.has(registry)) {
    registry = "docker.io";
    path = path.replace(/^docker\//, "");
  }
  let key: string;
  if (registry === "docker.io") {
    const parts = path.split("/");
    if (parts[0] === "library") parts.shift();
    else if (parts.length === 2 && ARCH_ORGS.has(parts[0])) parts.shift();
    key = parts.join("/");
    // The jupyter images moved from Docker Hub (`jupyter/…`) to quay.io; the old names carry the same config.
    if (key.startsWith("jupyter/")) key = `quay.io/${key}`;
  } else key = `${registry}/${path}`;
  key = ALIASES[key] ?? key;
  return Object.hasOwn(IMAGES, key) ? key : undefined;
}

/**
 * The ENV names an image sets (its own and those of the images it is built on), or undefined when the image is not
 * in the table, so that nothing can be said about it. PATH is left out: BuildKit always gives it a value.
 */
export function imageEnvironment(ref: ImageRef): ReadonlySet<string> | undefined {
  const key = imageKey(ref);
  if (key === undefined) return undefined;
  const names = new Set<string>();
  const visit = (k: string) => {
    const facts = IMAGES[k];
    for (const n of facts.env) names.add(n);
    for (const parent of facts.from ?? []) visit(parent);
  };
  visit(key);
  return names;
}

/**
 * Whether /bin/sh of an image is BusyBox ash (Alpine and images built on it, busybox), which has `set -o pipefail`,
 * unlike dash, the /bin/sh of Debian and Ubuntu. Told by the name: `alpine`, a tag with `alpine` in it
 * (`node:22-alpine3.21`), `busybox`, or a repository named after Alpine.
 */
export function busyboxShell(ref: ImageRef): boolean {
  const path = ref.normalized.path.toLowerCase();
  const last = path.slice(path.lastIndexOf("/") + 1);
  if (last === "alpine" || last === "busybox" || /(^|[-_.])alpine($|[-_.\d])/.test(last)) return true;
  return /(^|[-_.])alpine/.test(ref.tag?.toLowerCase() ?? "");
}
