import type { Rule } from "../types.js";

/** DF0xx: the build would fail. */
export const SYNTAX_RULES: Rule[] = [];
