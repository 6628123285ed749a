import type { Rule } from "../types.js";

/** hadolint rules about the shell commands of RUN instructions. */
export const SHELL_RULES: Rule[] = [];
