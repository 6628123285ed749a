export * from "./ast.js";
export { countInstructions, parse } from "./build.js";
export { type DirectiveMatch, KNOWN_DIRECTIVES, scanDirectives } from "./directives.js";
export { type HeredocMarker, isHeredocTerminator } from "./heredoc.js";
export { type JsonArrayResult, parseJsonArray } from "./json.js";
export { LogicalLine, type Token, type TokenKind } from "./logical.js";
export { firstAtOrAfter, flatString, LineIndex, ownString, type Position, type Range } from "./text.js";
