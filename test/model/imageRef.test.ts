/* biome-ignore-all lint/suspicious/noTemplateCurlyInString: "${...}" here is Dockerfile variable syntax under test */
import { describe, expect, it } from "vitest";
import { type ImageRef, parseImageRef } from "../../server/model/imageRef.js";

const HEX64 = "a".repeat(32) + "0123456789abcdef0123456789abcdef";

function ok(text: string): ImageRef {
  const result = parseImageRef(text);
  if (!result.ok) throw new Error(`expected ${JSON.stringify(text)} to parse, got: ${result.error}`);
  return result.ref;
}

function err(text: string): { error: string; span: { start: number; end: number } } {
  const result = parseImageRef(text);
  if (result.ok) throw new Error(`expected ${JSON.stringify(text)} to fail`);
  return { error: result.error, span: result.span };
}

describe("parseImageRef: valid references", () => {
  it("parses a bare official image", () => {
    expect(ok("ubuntu")).toEqual({
      raw: "ubuntu",
      path: "ubuntu",
      spans: { path: { start: 0, end: 6 } },
      normalized: { registry: "docker.io", path: "library/ubuntu" },
      hasVariables: false,
    });
  });

  it("parses name:tag", () => {
    const ref = ok("ubuntu:22.04");
    expect(ref.path).toBe("ubuntu");
    expect(ref.tag).toBe("22.04");
    expect(ref.registry).toBeUndefined();
    expect(ref.spans).toEqual({ path: { start: 0, end: 6 }, tag: { start: 7, end: 12 } });
  });

  it("treats the first component as a Hub namespace when it has no '.', ':' and is not localhost", () => {
    const ref = ok("org/app");
    expect(ref.registry).toBeUndefined();
    expect(ref.path).toBe("org/app");
    expect(ref.normalized).toEqual({ registry: "docker.io", path: "org/app" });
  });

  it("parses a registry with port and no tag", () => {
    const ref = ok("localhost:5000/app");
    expect(ref.registry).toBe("localhost:5000");
    expect(ref.path).toBe("app");
    expect(ref.tag).toBeUndefined();
    expect(ref.spans).toEqual({ registry: { start: 0, end: 14 }, path: { start: 15, end: 18 } });
    expect(ref.normalized).toEqual({ registry: "localhost:5000", path: "app" });
  });

  it("parses localhost without port as a registry", () => {
    expect(ok("localhost/app").registry).toBe("localhost");
  });

  it("reads a bare 'localhost:5000' as image localhost with tag 5000, like Docker", () => {
    const ref = ok("localhost:5000");
    expect(ref.registry).toBeUndefined();
    expect(ref.path).toBe("localhost");
    expect(ref.tag).toBe("5000");
  });

  it("parses tag and digest together", () => {
    const text = `ubuntu:22.04@sha256:${HEX64}`;
    const ref = ok(text);
    expect(ref.path).toBe("ubuntu");
    expect(ref.tag).toBe("22.04");
    expect(ref.digest).toBe(`sha256:${HEX64}`);
    expect(ref.spans.tag).toEqual({ start: 7, end: 12 });
    expect(ref.spans.digest).toEqual({ start: 13, end: text.length });
  });

  it("parses a digest without a tag", () => {
    const ref = ok(`alpine@sha256:${HEX64}`);
    expect(ref.tag).toBeUndefined();
    expect(ref.digest).toBe(`sha256:${HEX64}`);
  });

  it("parses multi-component paths with a tag", () => {
    const ref = ok("a/b/c:tag");
    expect(ref.registry).toBeUndefined();
    expect(ref.path).toBe("a/b/c");
    expect(ref.tag).toBe("tag");
    expect(ref.normalized).toEqual({ registry: "docker.io", path: "a/b/c" });
    expect(ref.spans).toEqual({ path: { start: 0, end: 5 }, tag: { start: 6, end: 9 } });
  });

  it("parses an IPv6 registry", () => {
    const ref = ok("[::1]:5000/app");
    expect(ref.registry).toBe("[::1]:5000");
    expect(ref.path).toBe("app");
    expect(ref.spans.registry).toEqual({ start: 0, end: 10 });
  });

  it("parses domain registries and keeps deep paths", () => {
    const ref = ok("ghcr.io/org/team/app:v1.2.3");
    expect(ref.registry).toBe("ghcr.io");
    expect(ref.path).toBe("org/team/app");
    expect(ref.tag).toBe("v1.2.3");
    expect(ref.normalized).toEqual({ registry: "ghcr.io", path: "org/team/app" });
  });

  it("parses IPv4 registries", () => {
    expect(ok("10.0.0.1:443/app").registry).toBe("10.0.0.1:443");
  });

  it("normalizes docker.io and index.docker.io like Docker", () => {
    expect(ok("docker.io/ubuntu").normalized).toEqual({ registry: "docker.io", path: "library/ubuntu" });
    expect(ok("index.docker.io/ubuntu").normalized).toEqual({
      registry: "docker.io",
      path: "library/ubuntu",
    });
    expect(ok("docker.io/library/ubuntu").normalized).toEqual({
      registry: "docker.io",
      path: "library/ubuntu",
    });
    // Only Docker Hub gets the library/ prefix.
    expect(ok("quay.io/ubuntu").normalized).toEqual({ registry: "quay.io", path: "ubuntu" });
  });

  it("keeps library/ paths as written", () => {
    const ref = ok("library/ubuntu");
    expect(ref.path).toBe("library/ubuntu");
    expect(ref.normalized.path).toBe("library/ubuntu");
  });

  it("accepts scratch", () => {
    const ref = ok("scratch");
    expect(ref.path).toBe("scratch");
    expect(ref.tag).toBeUndefined();
  });

  it("accepts all path separators", () => {
    for (const name of ["a.b", "a_b", "a__b", "a-b", "a---b", "a1.b2_c3__d4-e5"]) {
      expect(ok(name).path).toBe(name);
    }
  });

  it("accepts mixed-case registries and tags", () => {
    expect(ok("Registry.Example.com/app:Latest_V1").registry).toBe("Registry.Example.com");
    expect(ok("app:_x").tag).toBe("_x");
  });

  it("treats an uppercase first component as a registry, like current Docker", () => {
    const ref = ok("MyHost/app");
    expect(ref.registry).toBe("MyHost");
    expect(ref.normalized).toEqual({ registry: "MyHost", path: "app" });
  });

  it("reports variables and still finds the structure around them", () => {
    expect(ok("ubuntu").hasVariables).toBe(false);
    expect(ok("$IMAGE")).toMatchObject({ path: "$IMAGE", hasVariables: true });
    expect(ok("ubuntu:${TAG}")).toMatchObject({ path: "ubuntu", tag: "${TAG}", hasVariables: true });
    // ":" and "/" inside ${...} are not separators.
    const ref = ok("ghcr.io/${ORG:-acme/x}/app:${TAG:-latest}");
    expect(ref.registry).toBe("ghcr.io");
    expect(ref.path).toBe("${ORG:-acme/x}/app");
    expect(ref.tag).toBe("${TAG:-latest}");
    expect(ok("${IMAGE:-ubuntu}")).toMatchObject({ path: "${IMAGE:-ubuntu}", hasVariables: true });
    expect(ok("${A:-${B}}:v1")).toMatchObject({ path: "${A:-${B}}", tag: "v1" });
    expect(ok("$REGISTRY.example.com/app").registry).toBe("$REGISTRY.example.com");
    expect(ok(`app@$DIGEST`).digest).toBe("$DIGEST");
  });

  it("still validates the literal parts of a reference with variables", () => {
    expect(err("Ubuntu:$TAG")).toEqual({
      error: "repository name must be lowercase",
      span: { start: 0, end: 6 },
    });
    expect(err("$IMAGE:.bad").error).toBe("tag must start with a letter, digit or '_'");
    expect(err("ghcr.io/$ORG/App").error).toBe("repository name must be lowercase");
  });

  it("accepts a 128-character tag", () => {
    expect(ok(`app:${"t".repeat(128)}`).tag).toHaveLength(128);
  });

  it("accepts sha512 digests", () => {
    expect(ok(`app@sha512:${"f".repeat(128)}`).digest).toBe(`sha512:${"f".repeat(128)}`);
  });
});

describe("parseImageRef: errors", () => {
  it("rejects an empty reference", () => {
    expect(err("")).toEqual({ error: "image reference is empty", span: { start: 0, end: 0 } });
  });

  it("rejects uppercase repository names", () => {
    expect(err("UBUNTU")).toEqual({ error: "repository name must be lowercase", span: { start: 0, end: 6 } });
    expect(err("Ubuntu:22.04")).toEqual({
      error: "repository name must be lowercase",
      span: { start: 0, end: 6 },
    });
    expect(err("org/MyApp")).toEqual({
      error: "repository name must be lowercase",
      span: { start: 4, end: 9 },
    });
    expect(err("ghcr.io/Org/app").span).toEqual({ start: 8, end: 11 });
  });

  it("rejects bad tags", () => {
    expect(err("ubuntu:")).toEqual({ error: "tag is empty after ':'", span: { start: 6, end: 7 } });
    expect(err("ubuntu:.x")).toEqual({
      error: "tag must start with a letter, digit or '_'",
      span: { start: 7, end: 9 },
    });
    expect(err("ubuntu:a+b").error).toBe("tag contains an invalid character '+'");
    expect(err("ubuntu:22:04").error).toBe("tag contains an invalid character ':'");
    expect(err(`app:${"t".repeat(129)}`).error).toBe("tag is longer than 128 characters");
  });

  it("rejects bad digests", () => {
    expect(err("ubuntu@sha256:abc").error).toBe("sha256 digest must be exactly 64 hex characters");
    expect(err(`ubuntu@sha256:${HEX64.toUpperCase()}`).error).toBe("digest hex value must be lowercase");
    expect(err(`ubuntu@md5:${HEX64}`).error).toBe(
      "unsupported digest algorithm 'md5' (expected sha256, sha384 or sha512)",
    );
    expect(err("ubuntu@sha256").error).toBe("digest must have the form 'algorithm:hex'");
    expect(err("ubuntu@").error).toBe("digest is empty after '@'");
    expect(err(`ubuntu@sha256:${"g".repeat(64)}`).error).toBe("digest contains a non-hex character 'g'");
    expect(err(`ubuntu@1sha:${HEX64}`).error).toBe("digest algorithm is malformed");
    const text = `ubuntu@sha256:${"a".repeat(63)}`;
    expect(err(text).span).toEqual({ start: 7, end: text.length });
  });

  it("rejects a digest before a tag", () => {
    expect(err(`ubuntu@sha256:${HEX64}:latest`).error).toBe("digest contains a non-hex character ':'");
  });

  it("rejects malformed path components", () => {
    expect(err("-app").error).toBe("repository path components must start with a lowercase letter or digit");
    expect(err("app-").error).toBe("repository path components must end with a lowercase letter or digit");
    expect(err("a..b").error).toBe(
      "repository path component has a misplaced separator ('.', '_', '__' or '-')",
    );
    expect(err("a___b").error).toBe(
      "repository path component has a misplaced separator ('.', '_', '__' or '-')",
    );
    expect(err("a._b").error).toBe(
      "repository path component has a misplaced separator ('.', '_', '__' or '-')",
    );
    expect(err("a b").error).toBe("repository name contains an invalid character ' '");
    expect(err("a//b")).toEqual({
      error: "repository name has an empty path component",
      span: { start: 2, end: 3 },
    });
    expect(err("org/")).toEqual({
      error: "repository name has an empty path component",
      span: { start: 4, end: 4 },
    });
  });

  it("rejects a registry without a path", () => {
    expect(err("ghcr.io/")).toEqual({ error: "repository path is empty", span: { start: 8, end: 8 } });
  });

  it("rejects malformed registries", () => {
    expect(err("foo:bar/app")).toEqual({
      error: "registry port must be a number",
      span: { start: 4, end: 7 },
    });
    expect(err("-bad.io/app").error).toBe("registry host name components must not start or end with '-'");
    expect(err("a..io/app").error).toBe("registry host has an empty name component");
    expect(err("host_x.io/app")).toEqual({
      error: "registry host contains an invalid character '_'",
      span: { start: 4, end: 5 },
    });
    expect(err("[::1/app").error).toBe("registry IPv6 address is missing its closing ']'");
    expect(err("[zz]:5000/app").error).toBe("registry IPv6 address may only contain hex digits and ':'");
    expect(err("localhost:/app").error).toBe("registry port is empty");
    expect(err("/app")).toEqual({
      error: "repository name has an empty path component",
      span: { start: 0, end: 1 },
    });
  });

  it("rejects image-ID-like names", () => {
    expect(err(HEX64).error).toBe(
      "a 64-character hex string is an image ID and cannot be used as a repository name",
    );
    // Not exactly 64 lowercase hex characters: an ordinary name.
    expect(ok(HEX64.slice(1)).path).toBe(HEX64.slice(1));
  });

  it("rejects names longer than 255 characters after normalization", () => {
    // docker.io/library/ + 237 = 255: allowed; one more is too long.
    expect(ok("a".repeat(237)).path).toHaveLength(237);
    expect(err("a".repeat(238))).toEqual({
      error: "repository name is longer than 255 characters",
      span: { start: 0, end: 238 },
    });
  });

  it("rejects a missing name", () => {
    expect(err(":latest").error).toBe("image reference is missing a repository name before ':'");
    expect(err(`@sha256:${HEX64}`).error).toBe("image reference is missing a repository name before '@'");
  });
});

describe("parseImageRef: linear time", () => {
  const inputs = [
    "a".repeat(100_000),
    "a-".repeat(50_000) + "A",
    "a.".repeat(50_000) + "!",
    "a__".repeat(33_333) + "_",
    `a:${"b".repeat(100_000)}`,
    `a@sha256:${"a".repeat(100_000)}`,
    `${"a.".repeat(50_000)}io/app`,
    "/".repeat(100_000),
    ":".repeat(100_000),
    "[".repeat(100_000),
    `${"$".repeat(50_000)}/A/${"${".repeat(25_000)}`,
    `${"a/".repeat(50_000)}$X/A`,
    `${"x/".repeat(50_000)}x`,
  ];
  for (const input of inputs) {
    // A hang guard, not a timing: quadratic work on these inputs would run far past the test's timeout.
    it(`handles ${JSON.stringify(input.slice(0, 12))}... (${input.length} chars) without hanging`, {
      timeout: 5_000,
    }, () => {
      expect(parseImageRef(input).ok).toBe(false);
    });
  }
});
