import type { Rule } from "../types.js";

/** DF1xx: Docker's build checks that hadolint lacks (aliased by Docker's check names). */
export const BUILDKIT_RULES: Rule[] = [];
