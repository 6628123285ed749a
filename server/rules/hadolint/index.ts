import type { Rule } from "../types.js";
import { dl3012 } from "./dl3012.js";
import { dl3020 } from "./dl3020.js";
import { dl3025 } from "./dl3025.js";
import { dl3059 } from "./dl3059.js";
import { dl4003 } from "./dl4003.js";
import { dl4004 } from "./dl4004.js";
import { INSTRUCTION_RULES } from "./instructions.js";
import { SHELL_RULES } from "./shell.js";

/** Rules hadolint also has, under hadolint's codes so existing ignore lists keep working. */
export const HADOLINT_RULES: Rule[] = [
  dl3012,
  dl3020,
  dl3025,
  dl3059,
  dl4003,
  dl4004,
  ...INSTRUCTION_RULES,
  ...SHELL_RULES,
];
