import type { FormatName } from "../args.js";
import { checkstyle } from "./checkstyle.js";
import { codacy } from "./codacy.js";
import { codeclimate } from "./codeclimate.js";
import { githubActions, githubActionsParts } from "./github_actions.js";
import { gitlabCodeclimate } from "./gitlab_codeclimate.js";
import { gnu, gnuParts } from "./gnu.js";
import { json, jsonParts } from "./json.js";
import { junit } from "./junit.js";
import type { Formatter, PartedFormat } from "./report.js";
import { sarif, sarifParts } from "./sarif.js";
import { sonarqube } from "./sonarqube.js";
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

/** Formats whose report the threads of a run make a file at a time (see PartedFormat); the others are made from every
 * file's findings once all are linted. */
export const PARTED: Partial<Record<FormatName, PartedFormat>> = {
  tty: ttyParts,
  json: jsonParts,
  sarif: sarifParts,
  gnu: gnuParts,
  "github-actions": githubActionsParts,
};
