/**
 * Credentials recognised by their shape: private keys, cloud keys, tokens with a vendor prefix, passwords in URLs.
 * Facts about the formats (prefixes, lengths, alphabets, GitHub's and npm's CRC32 checksum) decide; anything that
 * looks like an example or a placeholder (`EXAMPLE`, `xxxx`, `<token>`, `${TOKEN}`, low variety) is left alone,
 * because a false alarm about a secret teaches people to ignore the real one.
 */

export interface SecretMatch {
  /** What it is, for messages: "a GitHub token", "a private key". */
  label: string;
  /** Offsets in the scanned text: the secret itself (for a URL, the password only). */
  start: number;
  end: number;
}

interface Format {
  label: string;
  /** Global regex; the secret is group 1 when the pattern has one, else the whole match. */
  pattern: RegExp;
  /** Further checks on the secret beyond the pattern (checksum, variety). */
  valid?: (secret: string) => boolean;
  /** Fixed parts of the pattern: every match contains one of them (in lower case when the pattern ignores case). */
  hints: readonly string[];
}

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

let crcTable: Uint32Array | undefined;

function crc32(s: string): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < s.length; i++) crc = crcTable[(crc ^ s.charCodeAt(i)) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/**
 * GitHub's tokens (and npm's, which copied the format) end in six base62 digits: the CRC32 of the 30 random
 * characters before them. A made-up token almost never passes.
 */
function checksumOk(token: string): boolean {
  const body = token.slice(token.indexOf("_") + 1);
  if (body.length !== 36) return false;
  let n = crc32(body.slice(0, 30));
  let digits = "";
  for (let k = 0; k < 6; k++) {
    digits = BASE62[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  return digits === body.slice(30);
}

/** Shannon entropy in bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const c of s) counts.set(c, (counts.get(c) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) h -= (n / s.length) * Math.log2(n / s.length);
  return h;
}

const PLACEHOLDER_WORDS =
  /example|sample|dummy|fake|placeholder|redacted|changeme|your|token_here|xxxx|0000000|1234567|abcdef|\*\*\*|\.\.\./i;

/** Random enough to be a real key: no placeholder word, no template syntax, and enough variety of characters. */
function looksRandom(value: string, minEntropy = 3): boolean {
  if (PLACEHOLDER_WORDS.test(value) || /[<>{}$]/.test(value)) return false;
  return entropy(value) >= minEntropy;
}

const FORMATS: readonly Format[] = [
  {
    label: "an AWS access key ID",
    hints: ["AKIA", "ASIA"],
    pattern: /(?<![A-Z0-9])((?:AKIA|ASIA)[A-Z2-7]{16})(?![A-Za-z0-9])/g,
    valid: (s) => looksRandom(s.slice(4)),
  },
  {
    label: "an AWS secret access key",
    hints: ["access_key", "accesskey"],
    pattern: /secret_?access_?key["']?\s*[=:]\s*["']?([A-Za-z0-9/+]{40})(?![A-Za-z0-9/+=])/gi,
    valid: (s) => looksRandom(s, 4) && /[0-9]/.test(s) && /[A-Z]/.test(s) && /[a-z]/.test(s),
  },
  {
    label: "a GitHub token",
    hints: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_"],
    pattern: /(?<![A-Za-z0-9_])(gh[pousr]_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    valid: checksumOk,
  },
  {
    label: "a GitHub token",
    hints: ["github_pat_"],
    pattern: /(?<![A-Za-z0-9_])(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})(?![A-Za-z0-9_])/g,
    valid: (s) => looksRandom(s.slice(11), 4),
  },
  {
    label: "a GitLab token",
    hints: ["glpat-", "gldt-", "glrt-", "glptt-", "glft-", "gloas-"],
    pattern: /(?<![A-Za-z0-9_-])(gl(?:pat|dt|rt|ptt|ft|oas)-[A-Za-z0-9_-]{20,})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s.slice(s.indexOf("-") + 1), 3.5),
  },
  {
    label: "a Slack token",
    hints: ["xox"],
    pattern: /(?<![A-Za-z0-9])(xox[abposr]-(?:[0-9]{6,}-)+[A-Za-z0-9]{16,})(?![A-Za-z0-9-])/g,
    valid: (s) => looksRandom(s.slice(s.lastIndexOf("-") + 1), 3.5),
  },
  {
    label: "a Slack webhook URL",
    hints: ["hooks.slack.com"],
    pattern:
      /https:\/\/hooks\.slack\.com\/services\/T[A-Z0-9]{8,}\/B[A-Z0-9]{8,}\/([A-Za-z0-9]{24})(?![A-Za-z0-9])/g,
    valid: (s) => looksRandom(s, 3.5),
  },
  {
    label: "a Stripe live key",
    hints: ["_live_"],
    pattern: /(?<![A-Za-z0-9_])((?:sk|rk)_live_[A-Za-z0-9]{24,})(?![A-Za-z0-9_])/g,
    valid: (s) => looksRandom(s.slice(8), 3.5),
  },
  {
    label: "an npm token",
    hints: ["npm_"],
    pattern: /(?<![A-Za-z0-9_])(npm_[A-Za-z0-9]{36})(?![A-Za-z0-9_])/g,
    valid: checksumOk,
  },
  {
    label: "an npm token",
    hints: ["_authToken"],
    pattern:
      /_authToken\s*=\s*["']?([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})(?![0-9a-f-])/g,
    valid: (s) => looksRandom(s.replace(/-/g, ""), 3),
  },
  {
    label: "a PyPI token",
    hints: ["pypi-AgEIcHlwaS5vcmc"],
    pattern: /(?<![A-Za-z0-9_-])(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s.slice(21), 4),
  },
  {
    label: "a Google API key",
    hints: ["AIza"],
    pattern: /(?<![A-Za-z0-9_-])(AIza[0-9A-Za-z_-]{35})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s.slice(4), 3.5),
  },
  {
    label: "a Google OAuth client secret",
    hints: ["GOCSPX-"],
    pattern: /(?<![A-Za-z0-9_-])(GOCSPX-[A-Za-z0-9_-]{28})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s.slice(7), 3.5),
  },
  {
    label: "a Docker Hub access token",
    hints: ["dckr_pat_"],
    pattern: /(?<![A-Za-z0-9_-])(dckr_pat_[A-Za-z0-9_-]{27})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s.slice(9), 3.5),
  },
  {
    label: "an Azure storage account key",
    hints: ["AccountKey="],
    pattern: /AccountKey=([A-Za-z0-9+/]{86}==)/g,
    valid: (s) => looksRandom(s, 4.5),
  },
  {
    label: "an Azure shared access key",
    hints: ["SharedAccessKey="],
    pattern: /SharedAccessKey=([A-Za-z0-9+/]{43}=)/g,
    valid: (s) => looksRandom(s, 4),
  },
  {
    label: "an OpenAI API key",
    hints: ["T3BlbkFJ"],
    pattern:
      /(?<![A-Za-z0-9_-])(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,}T3BlbkFJ[A-Za-z0-9_-]{16,})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s, 4),
  },
  {
    label: "an Anthropic API key",
    hints: ["sk-ant-"],
    pattern: /(?<![A-Za-z0-9_-])(sk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{80,})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s.slice(14), 4),
  },
  {
    label: "a SendGrid API key",
    hints: ["SG."],
    pattern: /(?<![A-Za-z0-9_-])(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s.slice(3), 4),
  },
  {
    label: "a HashiCorp Vault token",
    hints: ["hvs."],
    pattern: /(?<![A-Za-z0-9_.-])(hvs\.[A-Za-z0-9_-]{90,})(?![A-Za-z0-9_-])/g,
    valid: (s) => looksRandom(s.slice(4), 4),
  },
  {
    label: "a Hugging Face token",
    hints: ["hf_"],
    pattern: /(?<![A-Za-z0-9_])(hf_[A-Za-z]{34})(?![A-Za-z0-9_])/g,
    valid: (s) => looksRandom(s.slice(3), 3.8) && /[A-Z]/.test(s.slice(3)) && /[a-z]/.test(s),
  },
  {
    label: "a Shopify access token",
    hints: ["shpat_", "shpca_", "shppa_", "shpss_"],
    pattern: /(?<![A-Za-z0-9_])(shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})(?![A-Za-z0-9_])/g,
    valid: (s) => looksRandom(s.slice(6), 3.2),
  },
];

const PEM_BEGIN = /-----BEGIN ((?:RSA |DSA |EC |OPENSSH |ENCRYPTED |PGP )?PRIVATE KEY(?: BLOCK)?)-----/g;

/**
 * A PEM private key: BEGIN, a body that is base64 (split by real or escaped line breaks, quotes and continuations,
 * as it is when echoed in a RUN or embedded in JSON), and END. A body of dots or `<your key>` is an example.
 */
function privateKeys(text: string, out: SecretMatch[]): void {
  PEM_BEGIN.lastIndex = 0;
  for (let m = PEM_BEGIN.exec(text); m; m = PEM_BEGIN.exec(text)) {
    const endMarker = `-----END ${m[1]}-----`;
    const end = text.indexOf(endMarker, m.index);
    const bodyEnd = end < 0 ? Math.min(text.length, m.index + 8192) : end;
    const body = text.slice(m.index + m[0].length, bodyEnd).replace(/\\[nr]|\\\r?\n|[\s"',\\]/g, "");
    // Header lines of encrypted PEM keys (`Proc-Type: 4,ENCRYPTED`) are not base64.
    const base64 = body.replace(/^(?:Proc-Type|DEK-Info|Comment):[\s\S]*?(?=[A-Za-z0-9+/]{40})/g, "");
    const run = /^[A-Za-z0-9+/=]+/.exec(base64)?.[0] ?? "";
    // No placeholder words here: in a thousand base64 characters some four-letter word turns up by chance.
    if (run.length < 64 || run.length < base64.length * 0.9 || entropy(run) < 4.5 || /(.)\1{7}/.test(run))
      continue;
    out.push({
      label: "a private key",
      start: m.index,
      end: end < 0 ? m.index + m[0].length : end + endMarker.length,
    });
    if (end >= 0) PEM_BEGIN.lastIndex = end + endMarker.length;
  }
}

/** Passwords people write in examples and defaults, which protect nothing (`postgres://postgres:postgres@db`). */
const PLACEHOLDER_PASSWORDS = new Set([
  "password",
  "passwd",
  "pass",
  "pwd",
  "secret",
  "changeme",
  "admin",
  "root",
  "guest",
  "test",
  "user",
  "username",
  "anonymous",
  "example",
  "postgres",
  "mysql",
  "token",
]);

const URL_WITH_PASSWORD =
  /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]*:\/\/([^\s:/?#@'"`\\]+):([^\s/?#@'"`\\]+)@([A-Za-z0-9.-]+|\[[0-9A-Fa-f:]+\])/g;

/**
 * `scheme://user:password@host` with a password that is written out: not a variable (`$PASS`, `${{ … }}`, `%s`), not
 * a placeholder (`<password>`, `xxx`, `password`, the user name again), not a port.
 */
function urlPasswords(text: string, out: SecretMatch[]): void {
  URL_WITH_PASSWORD.lastIndex = 0;
  for (let m = URL_WITH_PASSWORD.exec(text); m; m = URL_WITH_PASSWORD.exec(text)) {
    const [, user, password, host] = m;
    if (/[$%<>{}()[\]`*]/.test(password) || /[$%<>{}]/.test(user)) continue;
    const lower = password.toLowerCase();
    if (lower === user.toLowerCase() || PLACEHOLDER_PASSWORDS.has(lower)) continue;
    if (/^[0-9]{1,5}$/.test(password) || /^(.)\1*$/.test(password) || PLACEHOLDER_WORDS.test(password))
      continue;
    if (/(?:^|\.)(?:example\.(?:com|org|net)|example|test|invalid)$/i.test(host)) continue;
    const start = m.index + m[0].indexOf(":", m[0].indexOf("://") + 3) + 1;
    out.push({ label: "a password in a URL", start, end: start + password.length });
  }
}

/** What each fixed part (lower-cased for a pattern that ignores case) may be the start of. */
type Hinted = Format | "private key" | "url";

const HINTED = new Map<string, Hinted[]>();
/** The fixed parts of the patterns that ignore case. */
const ANY_CASE = new Set<string>();
for (const [hint, what] of [
  ...FORMATS.flatMap((f) => f.hints.map((h): [string, Hinted] => [h, f])),
  // PEM_BEGIN is case-sensitive.
  ["PRIVATE", "private key"] as const,
  ["://", "url"] as const,
]) {
  if (typeof what !== "string" && what.pattern.ignoreCase) ANY_CASE.add(hint);
  const list = HINTED.get(hint);
  if (list) list.push(what);
  else HINTED.set(hint, [what]);
}

/**
 * Every fixed part, in the case its pattern matches (only the AWS secret key's ignores case). None is a prefix of
 * another, so at most one matches at any position, and a scan that moves on by one character after each match finds
 * every occurrence of each. One case-insensitive alternation of all of them took twice as long: over the corpus
 * text, 21 -> 12 ms CPU (medians of 15, alternating).
 */
const HINTS = new RegExp(
  [...HINTED.keys()]
    .map((h) => {
      const literal = h.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      return ANY_CASE.has(h) ? literal.replace(/[a-z]/g, (c) => `[${c}${c.toUpperCase()}]`) : literal;
    })
    .join("|"),
  "g",
);

/** `scheme://user:password@host` needs a `@` after a `://`. */
function mayHoldUrlPassword(text: string): boolean {
  const scheme = text.indexOf("://");
  return scheme >= 0 && text.indexOf("@", scheme + 3) >= 0;
}

/** Where a text holds the fixed part of a format: its offsets and what it may start. */
export interface SecretHint {
  start: number;
  end: number;
  what: readonly Hinted[];
}

/**
 * The fixed parts of every format in `text`, in order: a part of the text (an instruction) where none lies can hold
 * no secret, and where some do, only their formats need trying. One scan of the file: before, every instruction went
 * through a case-insensitive alternation of 25 parts and, with a URL in it (most RUNs that curl), through all 24
 * patterns. DF215 alone over the corpus: 21 -> 10 ms CPU (best of 18, alternating builds), ~all of it this scan;
 * indexOf for each part is slower (24 ms); a scan of character pairs through a table, in JavaScript, too (14 ms
 * against the regex's 12, see HINTS).
 */
export function secretHints(text: string): SecretHint[] {
  const hints: SecretHint[] = [];
  HINTS.lastIndex = 0;
  for (let m = HINTS.exec(text); m; m = HINTS.exec(text)) {
    const what = HINTED.get(m[0]) ?? HINTED.get(m[0].toLowerCase()) ?? [];
    hints.push({ start: m.index, end: m.index + m[0].length, what });
    HINTS.lastIndex = m.index + 1;
  }
  return hints;
}

/**
 * Every secret in the text, in order of position, none overlapping another. `hints` are the fixed parts in it (all of
 * them, as secretHints finds them, offsets as in the caller's text), when the caller has them; only their formats
 * are tried.
 */
export function findSecrets(text: string, hints: readonly SecretHint[] = secretHints(text)): SecretMatch[] {
  if (hints.length === 0) return [];
  // Indexed loops: in cold code for-of allocates an iterator and a result per step (see DL3045).
  const tried = new Set<Hinted>();
  for (let k = 0; k < hints.length; k++) {
    const what = hints[k].what;
    for (let w = 0; w < what.length; w++) tried.add(what[w]);
  }
  const found: SecretMatch[] = [];
  if (tried.has("private key")) privateKeys(text, found);
  for (let k = 0; k < FORMATS.length; k++) {
    const format = FORMATS[k];
    if (!tried.has(format)) continue;
    format.pattern.lastIndex = 0;
    for (let m = format.pattern.exec(text); m; m = format.pattern.exec(text)) {
      const secret = m[1] ?? m[0];
      if (format.valid && !format.valid(secret)) continue;
      const start = m.index + m[0].indexOf(secret);
      found.push({ label: format.label, start, end: start + secret.length });
    }
  }
  if (tried.has("url") && mayHoldUrlPassword(text)) urlPasswords(text, found);
  if (found.length === 0) return found;
  found.sort((a, b) => a.start - b.start || b.end - a.end);
  const out: SecretMatch[] = [];
  for (const s of found) if (!out.length || s.start >= out[out.length - 1].end) out.push(s);
  return out;
}
