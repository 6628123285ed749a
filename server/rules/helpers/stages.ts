import type { Instruction } from "../../../grammar/index.js";
import { scanVariables } from "../../../grammar/shell.js";
import { type DockerfileModel, factKey, type Stage, type StageEdge } from "../../model/model.js";
import { parseMountFlag } from "../../model/mounts.js";
import { closeness } from "./suggest.js";

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

const ROOTS = factKey<Stage[]>("stageRoots");

/**
 * The stage a stage is ultimately built on (itself when it starts from an image): the last of its chain, from a
 * table made once per model in stage order (a stage is only built on an earlier one). Walking up the chain on each
 * call made DL4006 quadratic: 32,000 chained stages with a pipeline each took 3.6 s.
 */
export function rootStage(model: DockerfileModel, stage: Stage): Stage {
  const roots = model.fact(ROOTS, (m) => {
    const out: Stage[] = [];
    for (let k = 0; k < m.stages.length; k++) {
      const s = m.stages[k];
      const parent = parentStage(s);
      out.push(parent ? out[parent.index] : s);
    }
    return out;
  });
  return roots[stage.index];
}

/** Stages that another stage reads files from (`COPY --from`, `RUN --mount=from`): build material, not an image. */
export function sourceStages(model: DockerfileModel): Set<Stage> {
  const sources = new Set<Stage>();
  for (let edgeIndex = 0; edgeIndex < model.edges.length; edgeIndex++) {
    const edge = model.edges[edgeIndex];
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
  for (let stageIndex = 0; stageIndex < stages.length; stageIndex++) {
    const stage = stages[stageIndex];
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

const STAGES_BY_NAME = factKey<Map<string, Stage[]>>("stagesByName");

/** The stages with a name, lower-cased as BuildKit compares them, in document order (indexed once per model). */
export function stagesNamed(model: DockerfileModel, name: string): readonly Stage[] {
  const index = model.fact(STAGES_BY_NAME, () => {
    const byName = new Map<string, Stage[]>();
    for (let stageIndex = 0; stageIndex < model.stages.length; stageIndex++) {
      const stage = model.stages[stageIndex];
      if (stage.name === undefined) continue;
      const key = stage.name.toLowerCase();
      const list = byName.get(key);
      if (list) list.push(stage);
      else byName.set(key, [stage]);
    }
    return byName;
  });
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

/** A word that can only be a name: no registry, path, tag or digest (stage names look like this; `node` too). */
export function isBareName(word: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(word);
}

/**
 * The name of a stage before stage number `before` that `word` most likely meant: the closest name within a few
 * letters, else the one stage whose name has `word` as a dash-separated first or last part (`set` for `license-set`).
 * Stage names are compared as BuildKit does, ignoring case.
 */
export function stageSuggestion(model: DockerfileModel, word: string, before: number): string | undefined {
  const { close, parts } = suggestionsFor(model, word);
  // The first of the closest names, as closestName picks over the names in stage order.
  let best: Candidate | undefined;
  for (const c of close) if (c.index < before && (best === undefined || c.distance < best.distance)) best = c;
  if (best !== undefined) return best.name;
  let part: FirstName | undefined;
  for (const c of parts) {
    if (c.index >= before) continue;
    if (part !== undefined) return undefined;
    part = c;
  }
  return part?.name;
}

/** A stage name and the first stage that has it (names compared ignoring case). */
interface FirstName {
  name: string;
  index: number;
}

/** A stage name a word may have meant, and how many edits away it is. */
interface Candidate extends FirstName {
  distance: number;
}

interface Suggestions {
  close: Candidate[];
  /** Names with the word as a dash-separated first or last part. */
  parts: FirstName[];
}

/** Stage names, first use of each in stage order. */
const FIRST_NAMES = factKey<FirstName[]>("firstStageNames");
const SUGGESTIONS = factKey<Map<string, Suggestions>>("stageSuggestions");

/**
 * The names `word` may have meant, of every stage, worked out once per word and file: each question then only reads
 * these few. Collecting the names before a stage for every FROM of an image with a bare name took a file of 4,000
 * stages `FROM a AS sN` (each with a COPY --from the one before) 576 ms, every rule on, quadratic; now 46 ms.
 */
function suggestionsFor(model: DockerfileModel, word: string): Suggestions {
  const known = model.fact(SUGGESTIONS, () => new Map());
  let found = known.get(word);
  if (found) return found;
  const names = model.fact(FIRST_NAMES, (m) => {
    const out: FirstName[] = [];
    const seen = new Set<string>();
    for (let stageIndex = 0; stageIndex < m.stages.length; stageIndex++) {
      const stage = m.stages[stageIndex];
      if (stage.name === undefined) continue;
      const key = stage.name.toLowerCase();
      if (seen.has(key)) continue;
      seen.add(key);
      out.push({ name: stage.name, index: stage.index });
    }
    return out;
  });
  // Two edits turn `set` into `test`: short words get one.
  const max = word.length <= 4 ? 1 : 2;
  const close: Candidate[] = [];
  for (const n of names) {
    const distance = closeness(word, n.name, max);
    if (distance !== undefined) close.push({ ...n, distance });
  }
  const w = word.toLowerCase();
  const parts =
    w.length < 3
      ? []
      : names.filter((n) => {
          const l = n.name.toLowerCase();
          const last = l.endsWith(w) && /[-_.]/.test(l.charAt(l.length - w.length - 1));
          return last || (l.startsWith(w) && /[-_.]/.test(l.charAt(w.length)));
        });
  found = { close, parts };
  known.set(word, found);
  return found;
}

/**
 * The named stages a word with variables (`binary-$TARGETOS`) could expand to, any variable standing for any text.
 * Build arguments can change every variable, so its default does not settle anything.
 */
export function stagesMatching(model: DockerfileModel, word: string): Stage[] {
  let source = "^";
  let at = 0;
  for (const ref of scanVariables(word, { escapeChar: model.ast.escapeChar })) {
    source += escapeRegExp(word.slice(at, ref.start)) + "[\\s\\S]*";
    at = ref.end;
  }
  const pattern = new RegExp(`${source}${escapeRegExp(word.slice(at))}$`, "i");
  return model.stages.filter((s) => s.name !== undefined && pattern.test(s.name));
}

function escapeRegExp(text: string): string {
  return text.replace(/["']/g, "").replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The stage a build stops at: the one `target` names (the last of that name, as BuildKit picks), or the last. */
export function buildTarget(model: DockerfileModel, target: string | undefined): Stage | undefined {
  if (target === undefined) return model.stages[model.stages.length - 1];
  return stagesNamed(model, target).at(-1);
}

/**
 * The stages BuildKit builds for `target`: the target, what it is built FROM, what it copies or mounts from, and so
 * on. Variables count for every stage they could name (a FROM, a mount's `from=`); a `COPY --from` with a variable
 * could even be an index, so nothing is known then (undefined). ONBUILD triggers count for their own stage, a
 * little more than BuildKit builds.
 */
export function reachableStages(model: DockerfileModel, target: Stage): Set<Stage> | undefined {
  const next = new Map<Stage, Stage[]>();
  const link = (from: Stage, to: Stage) => {
    const list = next.get(from);
    if (list) list.push(to);
    else next.set(from, [to]);
  };
  for (const edge of model.edges) if (!("image" in edge.to)) link(edge.from, edge.to);
  for (let stageIndex = 0; stageIndex < model.stages.length; stageIndex++) {
    const stage = model.stages[stageIndex];
    if (stage.base.kind === "image" && stage.base.unresolved) {
      for (const s of stagesMatching(model, stage.base.raw)) if (s.index < stage.index) link(stage, s);
    }
    for (let instructionIndex = 0; instructionIndex < stage.instructions.length; instructionIndex++) {
      const instruction = stage.instructions[instructionIndex];
      for (let i: Instruction | undefined = instruction; i; i = i.trigger) {
        for (let flagIndex = 0; flagIndex < i.flags.length; flagIndex++) {
          const flag = i.flags[flagIndex];
          if (flag.value === undefined || !flag.value.includes("$")) continue;
          if (i.keyword === "COPY" && flag.name === "from") return undefined;
          if (i.keyword !== "RUN" || flag.name !== "mount") continue;
          const from = parseMountFlag(flag, model.ast.text).from?.value;
          if (from?.includes("$")) for (const s of stagesMatching(model, from)) link(stage, s);
        }
      }
    }
  }
  const seen = new Set<Stage>([target]);
  const queue = [target];
  for (let s = queue.pop(); s; s = queue.pop()) {
    for (const to of next.get(s) ?? []) {
      if (seen.has(to)) continue;
      seen.add(to);
      queue.push(to);
    }
  }
  return seen;
}

/**
 * The dependency cycles BuildKit refuses ("circular dependency detected"), each as its edges in order, starting with
 * the edge to a later stage (or to itself) that closes it. FROM only ever names an earlier stage (a later name is an
 * image), so every cycle runs through a `COPY --from` or mount of a later stage. BuildKit checks before it adds the
 * ONBUILD triggers' sources, so triggers are left out; a COPY from its own stage is DL3023's.
 */
export function stageCycles(model: DockerfileModel): StageEdge[][] {
  const edges = model.edges.filter(
    (e): e is StageEdge & { to: Stage } =>
      !("image" in e.to) && !e.instruction.parentOnbuild && !(e.kind === "copy" && e.to === e.from),
  );
  const out = new Map<Stage, (StageEdge & { to: Stage })[]>();
  for (const e of edges) {
    const list = out.get(e.from);
    if (list) list.push(e);
    else out.set(e.from, [e]);
  }
  const cycles: StageEdge[][] = [];
  for (const closing of edges) {
    if (closing.to.index < closing.from.index) continue;
    if (closing.to === closing.from) {
      cycles.push([closing]);
      continue;
    }
    // Breadth first from the later stage back to the one that reads it: the shortest way round.
    const via = new Map<Stage, StageEdge & { to: Stage }>();
    const queue: Stage[] = [closing.to];
    while (queue.length > 0 && !via.has(closing.from)) {
      const s = queue.shift() as Stage;
      for (const e of out.get(s) ?? []) {
        if (e.to === closing.to || via.has(e.to)) continue;
        via.set(e.to, e);
        queue.push(e.to);
      }
    }
    if (!via.has(closing.from)) continue;
    const path: StageEdge[] = [];
    for (let s = closing.from; s !== closing.to; ) {
      const e = via.get(s) as StageEdge & { to: Stage };
      path.unshift(e);
      s = e.from;
    }
    cycles.push([closing, ...path]);
  }
  return cycles;
}
