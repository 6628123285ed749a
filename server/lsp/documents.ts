import type { TextDocumentContentChangeEvent } from "vscode-languageserver/node.js";
import { TextDocument } from "vscode-languageserver-textdocument";
import { type DockerfileAst, LineIndex, parse } from "../../grammar/index.js";
import type { DocumentSnapshot } from "../features/snapshot.js";
import { tooManyInstructions } from "../lint/index.js";
import { buildModel, type DockerfileModel } from "../model/model.js";
import type { Finding } from "../rules/types.js";
import type { LintEngine, PlainLintOptions } from "./engine.js";

/** 2.6 times the 10k-line test file; parsing and modelling it takes about 100 ms here. */
export const MAX_ANALYSED_LENGTH = 1_000_000;

interface Analysis {
  lines: LineIndex;
  ast: DockerfileAst;
  model: DockerfileModel;
}

interface Linted {
  version: number;
  configGeneration: number;
  findings: Finding[];
}

/** One open document: its text (kept by TextDocument, which also maps offsets to LSP positions) and, per
 * version, at most one parse + model and one lint. */
export class OpenDocument {
  private analysis: { version: number; value: Analysis } | undefined;
  private linted: Linted | undefined;
  private linting: { version: number; configGeneration: number; promise: Promise<Finding[]> } | undefined;

  /** Set when the document is closed: work for it is no longer wanted. */
  closed = false;

  /** How long the last lint that finished took, from the request to its findings (ms); undefined before one. */
  lintMs: number | undefined;

  /** When the document was last edited (performance.now()); undefined before its first edit. */
  editedAt: number | undefined;

  private counted: { version: number; many: number | undefined } | undefined;

  constructor(public doc: TextDocument) {}

  get uri(): string {
    return this.doc.uri;
  }

  get version(): number {
    return this.doc.version;
  }

  /** Findings of the current version if its lint has finished. */
  currentFindings(configGeneration: number): Finding[] | undefined {
    const l = this.linted;
    return l && l.version === this.version && l.configGeneration === configGeneration
      ? l.findings
      : undefined;
  }

  /** Whether the features may parse this document on the server's thread: a document of several megabytes would
   * hold up every other request for seconds, so beyond this size only its (worker-thread) diagnostics are given. */
  get analysable(): boolean {
    return this.doc.getText().length <= MAX_ANALYSED_LENGTH;
  }

  /** The current version's instruction count when it is over MAX_INSTRUCTIONS (it is then not linted), else undefined. */
  tooManyInstructions(): number | undefined {
    const version = this.version;
    if (this.counted?.version !== version)
      this.counted = { version, many: tooManyInstructions(this.doc.getText()) };
    return this.counted.many;
  }

  /** The parse and model of the current version, built on first use. */
  analyse(): Analysis {
    const version = this.version;
    if (this.analysis?.version !== version) {
      const text = this.doc.getText();
      const ast = parse(text);
      this.analysis = { version, value: { lines: new LineIndex(text), ast, model: buildModel(ast) } };
    }
    return this.analysis.value;
  }

  /** The findings of the current version: cached, joined to a lint under way, or a new lint. Rejects with
   * Superseded when the document changes before the lint starts. */
  lint(engine: LintEngine, options: PlainLintOptions, configGeneration: number): Promise<Finding[]> {
    const done = this.currentFindings(configGeneration);
    if (done) return Promise.resolve(done);
    const version = this.version;
    const l = this.linting;
    if (l && l.version === version && l.configGeneration === configGeneration) return l.promise;
    const started = performance.now();
    const promise = engine
      .lint(this.doc.getText(), options, () => this.closed || this.version !== version)
      .then((findings) => {
        this.lintMs = performance.now() - started;
        if (this.version === version) this.linted = { version, configGeneration, findings };
        return findings;
      })
      .finally(() => {
        if (this.linting?.promise === promise) this.linting = undefined;
      });
    this.linting = { version, configGeneration, promise };
    return promise;
  }
}

/** The open documents. Closing a document drops everything held for it. */
export class DocumentStore {
  private readonly docs = new Map<string, OpenDocument>();

  open(uri: string, languageId: string, version: number, text: string): OpenDocument {
    const d = new OpenDocument(TextDocument.create(uri, languageId, version, text));
    this.docs.set(uri, d);
    return d;
  }

  /** Applies incremental (or full) changes; returns undefined for a document that is not open. */
  change(uri: string, version: number, changes: TextDocumentContentChangeEvent[]): OpenDocument | undefined {
    const d = this.docs.get(uri);
    if (!d) return undefined;
    d.doc = TextDocument.update(d.doc, changes, version);
    return d;
  }

  close(uri: string): void {
    const d = this.docs.get(uri);
    if (d) d.closed = true;
    this.docs.delete(uri);
  }

  get(uri: string): OpenDocument | undefined {
    return this.docs.get(uri);
  }

  all(): IterableIterator<OpenDocument> {
    return this.docs.values();
  }

  get size(): number {
    return this.docs.size;
  }
}

/** A snapshot for the features; `findings` are those of this version, or none while its lint is still running. */
export function snapshotOf(d: OpenDocument, findings: readonly Finding[] | undefined): DocumentSnapshot {
  const a = d.analyse();
  return {
    uri: d.uri,
    version: d.version,
    text: d.doc.getText(),
    lines: a.lines,
    ast: a.ast,
    model: a.model,
    findings: findings ?? [],
  };
}
