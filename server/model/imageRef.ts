/**
 * Image reference parsing (the argument of `FROM`, `COPY --from=<image>`, `RUN --mount=from=<image>`).
 *
 * Mirrors the observable behaviour of Docker's reference parser (distribution/reference,
 * `ParseNormalizedNamed`), which is what BuildKit uses for `FROM`:
 *
 *   reference := name [ ":" tag ] [ "@" digest ]
 *   name      := [ registry "/" ] component ( "/" component )*
 *
 * The parser is a hand-written single pass scanner rather than a regular expression so it stays
 * linear on hostile input and can point at the offending part with a precise span.
 *
 * Variables are not expanded here. When the text contains `$`, variable references (`$NAME`,
 * `${...}` including nested braces) are masked before the structure is found, so
 * `app:${TAG:-latest}` still splits into path "app" and tag "${TAG:-latest}"; any part that
 * contains a variable is left unvalidated (its value is unknown), and `hasVariables` is set so
 * the caller knows the result — including `normalized` — is only structural.
 */

import { ownString } from "../../grammar/text.js";

export interface Span {
  start: number;
  end: number;
}

export interface ImageRef {
  raw: string;
  /** Registry as written ("ghcr.io", "localhost:5000"); undefined when none was written. */
  registry?: string;
  /** Repository path as written ("ubuntu", "library/ubuntu", "org/app"). */
  path: string;
  tag?: string;
  digest?: string;
  /** Offsets into `raw`; separators (`/` after the registry, `:` before the tag, `@`) are excluded. */
  spans: { registry?: Span; path: Span; tag?: Span; digest?: Span };
  /** Docker's canonical form: default registry docker.io, and "library/" for single-component Hub names. */
  normalized: { registry: string; path: string };
  hasVariables: boolean;
}

export type ImageRefResult = { ok: true; ref: ImageRef } | { ok: false; error: string; span: Span };

export const DEFAULT_REGISTRY = "docker.io";
const LEGACY_DEFAULT_REGISTRY = "index.docker.io";
const OFFICIAL_PREFIX = "library/";
/** Docker limits the full canonical name (registry + "/" + path) to 255 characters. */
export const MAX_NAME_LENGTH = 255;
/** A tag is one word character followed by at most 127 word characters, dots or dashes. */
export const MAX_TAG_LENGTH = 128;

/** Digest algorithms Docker can verify, with the number of hex characters each requires. */
const DIGEST_HEX_LENGTH: Record<string, number> = { sha256: 64, sha384: 96, sha512: 128 };

const isLowerAlnum = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39);
const isUpper = (c: number): boolean => c >= 0x41 && c <= 0x5a;
const isAlnum = (c: number): boolean => isLowerAlnum(c) || isUpper(c);
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;
const isWordChar = (c: number): boolean => isAlnum(c) || c === 0x5f; /* _ */
const isHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
const isLowerHex = (c: number): boolean => isDigit(c) || (c >= 0x61 && c <= 0x66);

function fail(error: string, start: number, end: number): ImageRefResult {
  return { ok: false, error, span: { start, end } };
}

function hasUpper(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (isUpper(text.charCodeAt(i))) return true;
  return false;
}

/**
 * Docker treats the part before the first "/" as a registry host only when it looks like one:
 * it contains "." or ":" (a domain, IP or host:port), it is exactly "localhost", or — a quirk
 * of current distribution/reference — it contains an uppercase letter (repository names can
 * never be uppercase, so "MyHost/app" is read as host "MyHost"). Otherwise "org/app" is a
 * Docker Hub namespace.
 */
function looksLikeRegistry(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e /* . */ || c === 0x3a /* : */ || isUpper(c)) return true;
  }
  return end === 9 && text.startsWith("localhost");
}

/**
 * host[:port] where host is a dotted domain name (components of letters/digits with inner
 * dashes, case-insensitive), or a bracketed IPv6 literal such as "[::1]". Returns an error
 * message or undefined when valid.
 */
function checkRegistry(
  text: string,
  start: number,
  end: number,
): { message: string; span: Span } | undefined {
  let i = start;
  if (text.charCodeAt(i) === 0x5b /* [ */) {
    const close = text.indexOf("]", i);
    if (close < 0 || close >= end) {
      return { message: "registry IPv6 address is missing its closing ']'", span: { start, end } };
    }
    if (close === i + 1)
      return { message: "registry IPv6 address is empty", span: { start, end: close + 1 } };
    for (let j = i + 1; j < close; j++) {
      const c = text.charCodeAt(j);
      if (!isHex(c) && c !== 0x3a) {
        return {
          message: "registry IPv6 address may only contain hex digits and ':'",
          span: { start, end: close + 1 },
        };
      }
    }
    i = close + 1;
  } else {
    // Domain components separated by single dots; each starts and ends with a letter or digit.
    let compStart = i;
    for (; i <= end; i++) {
      const c = i < end ? text.charCodeAt(i) : 0x3a;
      if (c === 0x2e || c === 0x3a) {
        if (i === compStart) {
          return { message: "registry host has an empty name component", span: { start, end } };
        }
        if (text.charCodeAt(compStart) === 0x2d || text.charCodeAt(i - 1) === 0x2d) {
          return {
            message: "registry host name components must not start or end with '-'",
            span: { start: compStart, end: i },
          };
        }
        if (c === 0x3a) break;
        compStart = i + 1;
      } else if (!isAlnum(c) && c !== 0x2d) {
        return {
          message: `registry host contains an invalid character '${text[i]}'`,
          span: { start: i, end: i + 1 },
        };
      }
    }
  }
  if (i < end) {
    if (text.charCodeAt(i) !== 0x3a) {
      return { message: "registry host must be followed by ':port' or '/'", span: { start: i, end } };
    }
    if (i + 1 === end) return { message: "registry port is empty", span: { start: i, end } };
    for (let j = i + 1; j < end; j++) {
      if (!isDigit(text.charCodeAt(j))) {
        return { message: "registry port must be a number", span: { start: i + 1, end } };
      }
    }
  }
  return undefined;
}

/**
 * One repository path component: lowercase letters/digits, where runs may be joined by a
 * single "." or "_", a double "__", or any number of "-". Separators may not lead, trail or
 * be mixed ("a._b" is invalid).
 */
function checkComponent(text: string, start: number, end: number): string | undefined {
  if (start === end) return "repository name has an empty path component";
  if (hasUpper(text, start, end)) return "repository name must be lowercase";
  let i = start;
  for (;;) {
    const runStart = i;
    while (i < end && isLowerAlnum(text.charCodeAt(i))) i++;
    if (i === runStart) {
      return i === start
        ? "repository path components must start with a lowercase letter or digit"
        : "repository path component has a misplaced separator ('.', '_', '__' or '-')";
    }
    if (i === end) return undefined;
    const c = text.charCodeAt(i);
    if (c === 0x2e /* . */) {
      i++;
    } else if (c === 0x5f /* _ */) {
      i += text.charCodeAt(i + 1) === 0x5f && i + 1 < end ? 2 : 1;
    } else if (c === 0x2d /* - */) {
      while (i < end && text.charCodeAt(i) === 0x2d) i++;
    } else {
      return `repository name contains an invalid character '${text[i]}'`;
    }
    if (i === end) return "repository path components must end with a lowercase letter or digit";
  }
}

function checkTag(text: string, start: number, end: number): string | undefined {
  if (start === end) return "tag is empty after ':'";
  if (end - start > MAX_TAG_LENGTH) return `tag is longer than ${MAX_TAG_LENGTH} characters`;
  if (!isWordChar(text.charCodeAt(start))) return "tag must start with a letter, digit or '_'";
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (!isWordChar(c) && c !== 0x2e && c !== 0x2d) return `tag contains an invalid character '${text[i]}'`;
  }
  return undefined;
}

/**
 * algorithm ":" hex. The algorithm grammar is letters/digits joined by "+", ".", "_" or "-";
 * Docker then refuses algorithms it cannot verify and requires the exact lowercase hex length.
 */
function checkDigest(text: string, start: number, end: number): string | undefined {
  if (start === end) return "digest is empty after '@'";
  const colon = text.indexOf(":", start);
  if (colon < 0 || colon >= end) return "digest must have the form 'algorithm:hex'";
  if (colon === start) return "digest algorithm is missing";
  let expectLetter = true;
  for (let i = start; i < colon; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2b || c === 0x2e || c === 0x5f || c === 0x2d) {
      if (expectLetter) return "digest algorithm is malformed";
      expectLetter = true;
    } else if (expectLetter) {
      if (!isAlnum(c) || isDigit(c)) return "digest algorithm is malformed";
      expectLetter = false;
    } else if (!isAlnum(c)) {
      return "digest algorithm is malformed";
    }
  }
  if (expectLetter) return "digest algorithm is malformed";
  const algorithm = text.slice(start, colon);
  const hexLength = end - colon - 1;
  if (hexLength === 0) return "digest hex value is missing";
  for (let i = colon + 1; i < end; i++) {
    if (!isHex(text.charCodeAt(i))) return `digest contains a non-hex character '${text[i]}'`;
  }
  const expected = Object.hasOwn(DIGEST_HEX_LENGTH, algorithm) ? DIGEST_HEX_LENGTH[algorithm] : undefined;
  if (expected === undefined) {
    return hexLength < 32
      ? "digest hex value must be at least 32 characters"
      : `unsupported digest algorithm '${algorithm}' (expected sha256, sha384 or sha512)`;
  }
  if (hexLength !== expected) return `${algorithm} digest must be exactly ${expected} hex characters`;
  for (let i = colon + 1; i < end; i++) {
    if (!isLowerHex(text.charCodeAt(i))) return "digest hex value must be lowercase";
  }
  return undefined;
}

/** Stand-in for characters that belong to a variable reference; matches no grammar class. */
const MASK = "\u0000";

/**
 * Replace every character of each variable reference with MASK, keeping offsets. A `$` followed
 * by "{" runs to the matching "}" (or the end), one followed by name characters covers the name,
 * and a lone `$` covers itself. Returns the masked text plus a prefix count of masked characters
 * so that "does this range contain a variable" is O(1).
 */
function maskVariables(text: string): { scan: string; masked: Int32Array } {
  const out: string[] = [];
  const masked = new Int32Array(text.length + 1);
  let i = 0;
  let count = 0;
  const hide = (upTo: number): void => {
    for (; i < upTo; i++) {
      out.push(MASK);
      masked[i] = count++;
    }
  };
  while (i < text.length) {
    if (text[i] !== "$") {
      out.push(text[i]);
      masked[i] = count;
      i++;
      continue;
    }
    let end = i + 1;
    if (text[end] === "{") {
      let depth = 0;
      for (; end < text.length; end++) {
        if (text[end] === "{") depth++;
        else if (text[end] === "}" && --depth === 0) break;
      }
      end = Math.min(end + 1, text.length);
    } else {
      while (end < text.length && isWordChar(text.charCodeAt(end))) end++;
    }
    hide(end);
  }
  masked[text.length] = count;
  return { scan: out.join(""), masked };
}

function isImageIdLike(text: string): boolean {
  if (text.length !== 64) return false;
  for (let i = 0; i < 64; i++) if (!isLowerHex(text.charCodeAt(i))) return false;
  return true;
}

/**
 * Parse an image reference the way `docker build` reads `FROM <ref>`. The result is shared with other callers that
 * parse the same text: do not change it.
 *
 * `scratch` is accepted like any other name (path "scratch"); whether it means the empty image
 * is the caller's concern, exactly as in BuildKit where the check happens before parsing.
 */
export function parseImageRef(text: string): ImageRefResult {
  let result = parsed.get(text);
  if (result === undefined) {
    // Bounded, so that a language server that sees many files does not keep every reference it ever read.
    if (parsed.size >= MAX_REMEMBERED) parsed.clear();
    // From a copy: the text is a slice of its document, which the kept key and result would keep alive.
    const own = ownString(text);
    result = parseUncached(own);
    parsed.set(own, result);
  }
  return result;
}

/**
 * Results by text, shared by every caller (so never changed by one): the model parses each FROM's image and five rules
 * parse it again, and most files name the same few images.
 */
const parsed = new Map<string, ImageRefResult>();
const MAX_REMEMBERED = 4096;

function parseUncached(text: string): ImageRefResult {
  const length = text.length;
  if (length === 0) return fail("image reference is empty", 0, 0);

  // Docker reserves bare 64-hex strings for image IDs and refuses them as repository names.
  if (isImageIdLike(text)) {
    return fail(
      "a 64-character hex string is an image ID and cannot be used as a repository name",
      0,
      length,
    );
  }

  // All structural scanning and validation runs on `scan`, where variable references are masked;
  // the values handed back are sliced from the original text at the same offsets.
  const hasVariables = text.includes("$");
  const { scan, masked } = hasVariables ? maskVariables(text) : { scan: text, masked: undefined };
  const hasVar = (start: number, end: number): boolean =>
    masked !== undefined && masked[end] - masked[start] > 0;

  // Neither names nor tags may contain "@", so the first one starts the digest.
  const at = scan.indexOf("@");
  const nameEnd = at < 0 ? length : at;
  if (nameEnd === 0) return fail("image reference is missing a repository name before '@'", 0, at + 1);

  // A ":" after the last "/" separates the tag; a ":" before it belongs to a registry port.
  const lastSlash = scan.lastIndexOf("/", nameEnd - 1);
  const tagColon = scan.indexOf(":", lastSlash + 1);
  const hasTag = tagColon >= 0 && tagColon < nameEnd;
  const repoEnd = hasTag ? tagColon : nameEnd;
  if (repoEnd === 0) return fail("image reference is missing a repository name before ':'", 0, 1);

  const firstSlash = scan.indexOf("/");
  const registryEnd =
    firstSlash >= 0 && firstSlash < repoEnd && looksLikeRegistry(scan, firstSlash) ? firstSlash : -1;
  const pathStart = registryEnd >= 0 ? registryEnd + 1 : 0;

  if (registryEnd >= 0 && !hasVar(0, registryEnd)) {
    const problem = checkRegistry(scan, 0, registryEnd);
    if (problem) return { ok: false, error: problem.message, span: problem.span };
  }

  // Path components. Checked before the length limit so that the message names the real
  // problem (e.g. uppercase) rather than the symptom.
  if (pathStart === repoEnd) return fail("repository path is empty", pathStart, repoEnd);
  let compStart = pathStart;
  for (let i = pathStart; i <= repoEnd; i++) {
    if (i === repoEnd || scan.charCodeAt(i) === 0x2f /* / */) {
      const problem = hasVar(compStart, i) ? undefined : checkComponent(scan, compStart, i);
      if (problem) return fail(problem, compStart, Math.max(i, compStart + (i < repoEnd ? 1 : 0)));
      compStart = i + 1;
    }
  }

  const registry = registryEnd >= 0 ? text.slice(0, registryEnd) : undefined;
  const path = text.slice(pathStart, repoEnd);
  const normalizedRegistry =
    registry === undefined || registry === LEGACY_DEFAULT_REGISTRY ? DEFAULT_REGISTRY : registry;
  const normalizedPath =
    normalizedRegistry === DEFAULT_REGISTRY && !path.includes("/") ? OFFICIAL_PREFIX + path : path;
  if (!hasVar(0, repoEnd) && normalizedRegistry.length + 1 + normalizedPath.length > MAX_NAME_LENGTH) {
    return fail(`repository name is longer than ${MAX_NAME_LENGTH} characters`, 0, repoEnd);
  }

  if (hasTag && !hasVar(tagColon + 1, nameEnd)) {
    const problem = checkTag(scan, tagColon + 1, nameEnd);
    if (problem) return fail(problem, tagColon + (tagColon + 1 === nameEnd ? 0 : 1), nameEnd);
  }
  if (at >= 0 && !hasVar(at + 1, length)) {
    const problem = checkDigest(scan, at + 1, length);
    if (problem) return fail(problem, at + (at + 1 === length ? 0 : 1), length);
  }

  const ref: ImageRef = {
    raw: text,
    path,
    spans: { path: { start: pathStart, end: repoEnd } },
    normalized: { registry: normalizedRegistry, path: normalizedPath },
    hasVariables,
  };
  if (registry !== undefined) {
    ref.registry = registry;
    ref.spans.registry = { start: 0, end: registryEnd };
  }
  if (hasTag) {
    ref.tag = text.slice(tagColon + 1, nameEnd);
    ref.spans.tag = { start: tagColon + 1, end: nameEnd };
  }
  if (at >= 0) {
    ref.digest = text.slice(at + 1);
    ref.spans.digest = { start: at + 1, end: length };
  }
  return { ok: true, ref };
}
