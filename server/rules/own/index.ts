import type { Rule } from "../types.js";
import { df201 } from "./df201.js";
import { df202 } from "./df202.js";
import { df213 } from "./df213.js";
import { df220 } from "./df220.js";

/** DF2xx: dflint's own rules. */
export const OWN_RULES: Rule[] = [df201, df202, df213, df220];
