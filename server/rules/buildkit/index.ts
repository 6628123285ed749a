import type { Rule } from "../types.js";
import { df101 } from "./df101.js";
import { df102 } from "./df102.js";
import { df103 } from "./df103.js";
import { df104 } from "./df104.js";
import { df106 } from "./df106.js";
import { df107 } from "./df107.js";
import { df108 } from "./df108.js";
import { df109 } from "./df109.js";
import { df113 } from "./df113.js";
import { df114 } from "./df114.js";
import { df115 } from "./df115.js";
import { df116 } from "./df116.js";
import { dl3000 } from "./dl3000.js";
import { dl3024 } from "./dl3024.js";
import { dl4000 } from "./dl4000.js";

/**
 * Docker's build checks, aliased by Docker's check names. Where hadolint has the same check it keeps hadolint's code
 * (DL3000, DL3024, DL4000; ReservedStageName, FromPlatformFlagConstDisallowed, RedundantTargetPlatform
 * and SecretsUsedInArgOrEnv are hadolint's DL3063, DL3029, DL3065 and DL3064) so existing ignore lists work; the rest are DF1xx. CopyIgnoredFile (DF116) needs the build
 * context, which rules get as data (ctx.buildContext).
 */
export const BUILDKIT_RULES: Rule[] = [
  df101,
  df102,
  df103,
  df104,
  df106,
  df107,
  df108,
  df109,
  df113,
  df114,
  df115,
  df116,
  dl3000,
  dl3024,
  dl4000,
];
