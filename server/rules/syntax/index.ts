import type { Rule } from "../types.js";
import { df001 } from "./df001.js";
import { df002 } from "./df002.js";
import { df003 } from "./df003.js";
import { df004 } from "./df004.js";
import { df005 } from "./df005.js";
import { df006 } from "./df006.js";
import { df007 } from "./df007.js";
import { df008 } from "./df008.js";
import { df009 } from "./df009.js";
import { df010 } from "./df010.js";
import { df011 } from "./df011.js";
import { df012 } from "./df012.js";
import { df013 } from "./df013.js";
import { df014 } from "./df014.js";
import { df016 } from "./df016.js";
import { df017 } from "./df017.js";
import { df018 } from "./df018.js";

/** DF0xx: the build would fail. (DF015, several sources into a non-directory, is hadolint's DL3021.) */
export const SYNTAX_RULES: Rule[] = [
  df001,
  df002,
  df003,
  df004,
  df005,
  df006,
  df007,
  df008,
  df009,
  df010,
  df011,
  df012,
  df013,
  df014,
  df016,
  df017,
  df018,
];
