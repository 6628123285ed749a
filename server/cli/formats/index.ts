import type { FormatName } from "../args.js";
import { checkstyle, checkstyleParts } from "./checkstyle.js";
import { codacy, codacyParts } from "./codacy.js";
import { codeclimate, codeclimateParts } from "./codeclimate.js";
import { githubActions, githubActionsParts } from "./github_actions.js";
import { gitlabCodeclimate, gitlabCodeclimateParts } from "./gitlab_codeclimate.js";
import { gnu, gnuParts } from "./gnu.js";
import { json, jsonParts } from "./json.js";
import { junit, junitParts } from "./junit.js";
import type { Formatter, PartedFormat } from "./report.js";
import { sarif, sarifParts } from "./sarif.js";
import { sonarqube, sonarqubeParts } from "./sonarqube.js";
import { tty, ttyParts } from "./tty.js";

export type { FilePart, FileProblem, FileReport, FormatContext, Formatter, PartedFormat } from "./report.js";

export const FORMATTERS: Record<FormatName, Formatter> = {
  tty,
  json,
  sarif,
  checkstyle,
  codeclimate,
  gitlab_codeclimate: gitlabCodeclimate,
  gnu,
  junit,
  codacy,
  sonarqube,
  "github-actions": githubActions,
};

/** Formats that list findings an ignore pragma silenced (marked, with the pragma's reason); the others omit them. */
export const SHOWS_SUPPRESSIONS: ReadonlySet<FormatName> = new Set<FormatName>(["json", "sarif"]);

/** Every format a file at a time (see PartedFormat), as the threads of a run make it: the same bytes as FORMATTERS. */
export const PARTED: Record<FormatName, PartedFormat> = {
  tty: ttyParts,
  json: jsonParts,
  sarif: sarifParts,
  checkstyle: checkstyleParts,
  codeclimate: codeclimateParts,
  gitlab_codeclimate: gitlabCodeclimateParts,
  gnu: gnuParts,
  junit: junitParts,
  codacy: codacyParts,
  sonarqube: sonarqubeParts,
  "github-actions": githubActionsParts,
};
