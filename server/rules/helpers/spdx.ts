import { SPDX_EXCEPTIONS, SPDX_LICENSES } from "./spdxIds.js";

const LICENSE_REF = /^(?:DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-[A-Za-z0-9.-]+$/;
/** Deeper parentheses than this are not a license, and recursion must stay bounded. */
const MAX_DEPTH = 64;

function operator(token: string | undefined, name: "AND" | "OR" | "WITH"): boolean {
  return token === name || token === name.toLowerCase();
}

function isSimple(token: string): boolean {
  if (LICENSE_REF.test(token)) return true;
  const id = token.endsWith("+") ? token.slice(0, -1) : token;
  return SPDX_LICENSES.has(id.toLowerCase());
}

/**
 * An SPDX license expression: a known license id (optionally `+`), a `LicenseRef-`, `id WITH exception`, and
 * combinations with AND, OR and parentheses, e.g. `(MIT OR Apache-2.0) AND BSD-3-Clause`. Ids match
 * case-insensitively; operators are all upper or all lower case, as the SPDX specification allows.
 */
export function isSpdxExpression(value: string): boolean {
  const tokens = value.split(/([()])|\s+/).filter((t): t is string => t !== undefined && t !== "");
  let pos = 0;

  // compound := term (("AND" | "OR") term)*;  term := simple ["WITH" exception] | "(" compound ")"
  const compound = (depth: number): boolean => {
    if (!term(depth)) return false;
    while (operator(tokens[pos], "AND") || operator(tokens[pos], "OR")) {
      pos++;
      if (!term(depth)) return false;
    }
    return true;
  };
  const term = (depth: number): boolean => {
    const token = tokens[pos];
    if (token === undefined) return false;
    if (token === "(") {
      if (depth >= MAX_DEPTH) return false;
      pos++;
      if (!compound(depth + 1) || tokens[pos] !== ")") return false;
      pos++;
      return true;
    }
    if (!isSimple(token)) return false;
    pos++;
    if (operator(tokens[pos], "WITH")) {
      const exception = tokens[pos + 1];
      if (exception === undefined || !SPDX_EXCEPTIONS.has(exception.toLowerCase())) return false;
      pos += 2;
    }
    return true;
  };

  return tokens.length > 0 && compound(0) && pos === tokens.length;
}
