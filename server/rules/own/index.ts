import type { Rule } from "../types.js";
import { df201 } from "./df201.js";

/** DF2xx: dflint's own rules. */
export const OWN_RULES: Rule[] = [df201];
