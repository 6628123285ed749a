import type { Rule } from "../types.js";
import { df201 } from "./df201.js";
import { df202 } from "./df202.js";
import { df203 } from "./df203.js";
import { df204 } from "./df204.js";
import { df205 } from "./df205.js";
import { df206 } from "./df206.js";
import { df207 } from "./df207.js";
import { df213 } from "./df213.js";
import { df214 } from "./df214.js";
import { df215 } from "./df215.js";
import { df216 } from "./df216.js";
import { df217 } from "./df217.js";
import { df220 } from "./df220.js";

/** DF2xx: dflint's own rules. */
export const OWN_RULES: Rule[] = [
  df201,
  df202,
  df203,
  df204,
  df205,
  df206,
  df207,
  df213,
  df214,
  df215,
  df216,
  df217,
  df220,
];
