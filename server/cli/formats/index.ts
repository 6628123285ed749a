import type { FormatName } from "../args.js";
import { checkstyle } from "./checkstyle.js";
import { codacy } from "./codacy.js";
import { codeclimate } from "./codeclimate.js";
import { githubActions } from "./github_actions.js";
import { gitlabCodeclimate } from "./gitlab_codeclimate.js";
import { gnu } from "./gnu.js";
import { json } from "./json.js";
import { junit } from "./junit.js";
import type { Formatter } from "./report.js";
import { sarif } from "./sarif.js";
import { sonarqube } from "./sonarqube.js";
import { tty } from "./tty.js";

export type { FileProblem, FileReport, FormatContext, Formatter } from "./report.js";

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
