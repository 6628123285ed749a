import type { Rule } from "../types.js";
import { dl1001 } from "./dl1001.js";
import { dl3002 } from "./dl3002.js";
import { dl3006 } from "./dl3006.js";
import { dl3007 } from "./dl3007.js";
import { dl3011 } from "./dl3011.js";
import { dl3021 } from "./dl3021.js";
import { dl3022 } from "./dl3022.js";
import { dl3023 } from "./dl3023.js";
import { dl3026 } from "./dl3026.js";
import { dl3029 } from "./dl3029.js";
import { dl3043 } from "./dl3043.js";
import { dl3044 } from "./dl3044.js";
import { dl3045 } from "./dl3045.js";
import { dl3048 } from "./dl3048.js";
import { dl3049 } from "./dl3049.js";
import { dl3050 } from "./dl3050.js";
import { dl3051 } from "./dl3051.js";
import { dl3052 } from "./dl3052.js";
import { dl3053 } from "./dl3053.js";
import { dl3054 } from "./dl3054.js";
import { dl3055 } from "./dl3055.js";
import { dl3056 } from "./dl3056.js";
import { dl3057 } from "./dl3057.js";
import { dl3058 } from "./dl3058.js";
import { dl3061 } from "./dl3061.js";
import { dl3063 } from "./dl3063.js";
import { dl3064 } from "./dl3064.js";
import { dl3065 } from "./dl3065.js";
import { dl3066 } from "./dl3066.js";
import { dl3067 } from "./dl3067.js";

/** hadolint rules about instructions other than shell commands. */
export const INSTRUCTION_RULES: Rule[] = [
  dl1001,
  dl3002,
  dl3006,
  dl3007,
  dl3011,
  dl3021,
  dl3022,
  dl3023,
  dl3026,
  dl3029,
  dl3043,
  dl3044,
  dl3045,
  dl3048,
  dl3049,
  dl3050,
  dl3051,
  dl3052,
  dl3053,
  dl3054,
  dl3055,
  dl3056,
  dl3057,
  dl3058,
  dl3061,
  dl3063,
  dl3064,
  dl3065,
  dl3066,
  dl3067,
];
