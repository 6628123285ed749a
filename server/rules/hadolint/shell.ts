import type { Rule } from "../types.js";
import { dl3001 } from "./dl3001.js";
import { dl3003 } from "./dl3003.js";
import { dl3004 } from "./dl3004.js";
import { dl3005 } from "./dl3005.js";
import { dl3008 } from "./dl3008.js";
import { dl3009 } from "./dl3009.js";
import { dl3010 } from "./dl3010.js";
import { dl3013 } from "./dl3013.js";
import { dl3014 } from "./dl3014.js";
import { dl3015 } from "./dl3015.js";
import { dl3016 } from "./dl3016.js";
import { dl3018 } from "./dl3018.js";
import { dl3019 } from "./dl3019.js";
import { dl3027 } from "./dl3027.js";
import { dl3028 } from "./dl3028.js";
import { dl3030 } from "./dl3030.js";
import { dl3032 } from "./dl3032.js";
import { dl3033 } from "./dl3033.js";
import { dl3034 } from "./dl3034.js";
import { dl3035 } from "./dl3035.js";
import { dl3036 } from "./dl3036.js";
import { dl3037 } from "./dl3037.js";
import { dl3038 } from "./dl3038.js";
import { dl3040 } from "./dl3040.js";
import { dl3041 } from "./dl3041.js";
import { dl3042 } from "./dl3042.js";
import { dl3046 } from "./dl3046.js";
import { dl3047 } from "./dl3047.js";
import { dl3060 } from "./dl3060.js";
import { dl3062 } from "./dl3062.js";
import { dl4001 } from "./dl4001.js";
import { dl4005 } from "./dl4005.js";
import { dl4006 } from "./dl4006.js";

/** hadolint rules about the shell commands of RUN instructions. */
export const SHELL_RULES: Rule[] = [
  dl3001,
  dl3003,
  dl3004,
  dl3005,
  dl3008,
  dl3009,
  dl3010,
  dl3013,
  dl3014,
  dl3015,
  dl3016,
  dl3018,
  dl3019,
  dl3027,
  dl3028,
  dl3030,
  dl3032,
  dl3033,
  dl3034,
  dl3035,
  dl3036,
  dl3037,
  dl3038,
  dl3040,
  dl3041,
  dl3042,
  dl3046,
  dl3047,
  dl3060,
  dl3062,
  dl4001,
  dl4005,
  dl4006,
];
