import type { DockerfileAst, LineIndex } from "../../grammar/index.js";
import type { DockerfileModel } from "../model/model.js";
import type { Finding } from "../rules/types.js";

/**
 * One version of one document, parsed, modelled and linted once. Every feature (hover, completion, actions, …)
 * answers from a snapshot and an offset into `text`; none re-parses and none sees protocol types. The language
 * server's document store builds one per document version and converts offsets to LSP positions at the edge.
 */
export interface DocumentSnapshot {
  /** The document's URI or path, for messages only. */
  readonly uri: string;
  readonly version: number;
  readonly text: string;
  readonly lines: LineIndex;
  readonly ast: DockerfileAst;
  readonly model: DockerfileModel;
  readonly findings: readonly Finding[];
}
