import type { Rule } from "../types.js";

/** hadolint rules about instructions other than shell commands. */
export const INSTRUCTION_RULES: Rule[] = [];
