import type { DockerfileModel, Stage } from "../../model/model.js";

/** The stage a stage is built `FROM`, when that is a stage of this file. */
export function parentStage(stage: Stage): Stage | undefined {
  return stage.base.kind === "stage" ? stage.base.stage : undefined;
}

/** The stage followed by the stages it is built on, nearest first. */
export function stageChain(stage: Stage): Stage[] {
  const chain: Stage[] = [];
  // The model only links a stage to an earlier one, so the chain always ends.
  for (let s: Stage | undefined = stage; s; s = parentStage(s)) chain.push(s);
  return chain;
}

/** Stages that another stage reads files from (`COPY --from`, `RUN --mount=from`): build material, not an image. */
export function sourceStages(model: DockerfileModel): Set<Stage> {
  const sources = new Set<Stage>();
  for (const edge of model.edges) {
    if (edge.kind === "from" || "image" in edge.to || edge.to === edge.from) continue;
    sources.add(edge.to);
  }
  return sources;
}

/**
 * The stages where `has` holds neither for the stage, nor for a stage it is built on (it inherits the setting),
 * nor for a stage built on it (the image that ships is that later stage), and that no other stage merely copies
 * files from. hadolint's label and health-check rules use this notion of "an image that lacks it".
 */
export function stagesLacking(model: DockerfileModel, has: (stage: Stage) => boolean): Stage[] {
  const stages = model.stages;
  const own = stages.map(has);
  const inherited = own.slice();
  for (const stage of stages) {
    const parent = parentStage(stage);
    if (parent && inherited[parent.index]) inherited[stage.index] = true;
  }
  // Parents always come before their children, so walking backwards visits every child before its parent.
  const passedOn = own.slice();
  for (let i = stages.length - 1; i >= 0; i--) {
    const parent = parentStage(stages[i]);
    if (parent && passedOn[i]) passedOn[parent.index] = true;
  }
  const sources = sourceStages(model);
  return stages.filter((s) => !inherited[s.index] && !passedOn[s.index] && !sources.has(s));
}

export type CopyFromTarget =
  | { kind: "stage"; stage: Stage }
  | { kind: "self"; stage: Stage }
  /** A stage of this file that comes at or after the COPY's own stage. */
  | { kind: "later"; stage: Stage }
  | { kind: "image" }
  | { kind: "missing"; index: boolean };

const stagesByName = new WeakMap<DockerfileModel, Map<string, Stage[]>>();

/** The stages with a name, lower-cased as BuildKit compares them, in document order (indexed once per model). */
export function stagesNamed(model: DockerfileModel, name: string): readonly Stage[] {
  let index = stagesByName.get(model);
  if (!index) {
    index = new Map();
    for (const stage of model.stages) {
      if (stage.name === undefined) continue;
      const key = stage.name.toLowerCase();
      const list = index.get(key);
      if (list) list.push(stage);
      else index.set(key, [stage]);
    }
    stagesByName.set(model, index);
  }
  return index.get(name.toLowerCase()) ?? [];
}

/** strconv.Atoi's syntax, which BuildKit uses to tell a stage index from a name. */
const INDEX = /^[+-]?[0-9]+$/;

/**
 * What `COPY --from=<value>` in stage number `at` (-1 before the first FROM) refers to. A name is looked up
 * among earlier stages first, case-insensitively as BuildKit does; a word that is no stage name counts as an image
 * only when it looks like one (has a tag, digest or path), since a bare word is far more often a misspelt stage.
 */
export function resolveCopyFrom(model: DockerfileModel, at: number, value: string): CopyFromTarget {
  const stages = model.stages;
  if (INDEX.test(value)) {
    const n = Number(value);
    if (!Number.isSafeInteger(n) || n < 0 || n >= stages.length) return { kind: "missing", index: true };
    if (n < at) return { kind: "stage", stage: stages[n] };
    return n === at ? { kind: "self", stage: stages[n] } : { kind: "later", stage: stages[n] };
  }
  let earlier: Stage | undefined;
  let self: Stage | undefined;
  let later: Stage | undefined;
  for (const stage of stagesNamed(model, value)) {
    if (stage.index < at) earlier = stage;
    else if (stage.index === at) self = stage;
    else later ??= stage;
  }
  if (earlier) return { kind: "stage", stage: earlier };
  if (self) return { kind: "self", stage: self };
  if (later) return { kind: "later", stage: later };
  return /[:/@]/.test(value) ? { kind: "image" } : { kind: "missing", index: false };
}
