/**
 * The semantic model of a Dockerfile: stages, variable definitions and scopes, resolved references, and the edges
 * between stages. Facts only; rules and features decide what to make of them.
 *
 * Scoping follows BuildKit (the default builder), which is what a user's `docker build` does today:
 * - ARGs before the first FROM are global: visible in FROM lines; inside a stage only after `ARG NAME` re-declares
 *   them, which then takes the global default.
 * - ARG and ENV inside a stage are visible from their instruction to the end of the stage, and in every stage built
 *   `FROM` it. (BuildKit inherits ARGs too, not only ENV; Docker's build-variables guide documents it.)
 * - ARG and ENV share one environment in which the later definition wins; only an ARG without a value (no default,
 *   no global default) leaves an existing value alone. So an ENV overrides an earlier ARG of the same name.
 */

import { Map as ImmutableMap, OrderedMap as ImmutableOrderedMap, Set as ImmutableSet } from "immutable";
import type { DockerfileAst, Flag, Instruction, Span, VariableReference, Word } from "../../grammar/index.js";
import { expandWord } from "../../grammar/shell.js";
import { type ImageRef, parseImageRef } from "./imageRef.js";
import { parseMountFlag } from "./mounts.js";
import { PREDEFINED_ARGS, type PredefinedArg, predefinedArg } from "./predefined.js";

export { PREDEFINED_ARGS, type PredefinedArg } from "./predefined.js";

/**
 * What a stage builds on. The image word is expanded first; a result naming an earlier stage (case-insensitively,
 * like stageByName) is that stage, exactly `scratch` is the empty image, anything else an image.
 * BuildKit itself looks the base up exactly as lower-cased, so `FROM Builder` fails there as an invalid image name;
 * we still link it to stage `builder` so that a rule can point at the spelling.
 */
export type StageBase =
  | { kind: "stage"; stage: Stage }
  | {
      kind: "image";
      /** The image word after expansion with the global ARGs' defaults. */
      text: string;
      /** The image word as written. */
      raw: string;
      span: Span;
      /** Parsed from `text`, or from `raw` when unresolved (so the structure survives); undefined when invalid. */
      ref?: ImageRef;
      /** The word used variables without a known value (undeclared, no default, or set only at build time). */
      unresolved: boolean;
    }
  | { kind: "scratch" };

export interface Stage {
  index: number;
  /** As written after AS. */
  name?: string;
  nameSpan?: Span;
  from: Instruction;
  /** FROM and everything up to the next FROM (ONBUILD triggers stay inside their ONBUILD). */
  instructions: Instruction[];
  base: StageBase;
  platform?: Flag;
  /** FROM start .. end of the last instruction's fullSpan. */
  span: Span;
}

export interface Definition {
  kind: "arg" | "env" | "predefined";
  name: string;
  /** Absent for predefined. */
  instruction?: Instruction;
  nameSpan?: Span;
  /**
   * Value after expansion, when known without build arguments: undefined for an ARG without default, and when the
   * value uses a variable that has no known value. A variable that is not defined at all counts as empty.
   */
  value?: string;
  /** Undefined before the first FROM (global ARG) and for predefined ARGs. */
  stage?: Stage;
}

/**
 * A reference and the definition it sees: the build-time scope of its instruction (for FROM, the global scope).
 * CMD, ENTRYPOINT and HEALTHCHECK shell commands run when the container starts, where only ENV values are left; a
 * definition of kind `arg` or `predefined` there means the variable will be unset at run time.
 */
export interface ResolvedReference {
  ref: VariableReference;
  instruction: Instruction;
  stage?: Stage;
  definition?: Definition;
}

export interface StageEdge {
  /** The stage that depends on `to`. */
  from: Stage;
  to: Stage | { image: string };
  kind: "from" | "copy" | "mount";
  instruction: Instruction;
  span: Span;
}

export interface DockerfileModel {
  ast: DockerfileAst;
  stages: Stage[];
  /** ARGs before the first FROM. */
  globalArgs: Definition[];
  /** All ARG/ENV definitions in document order, ONBUILD triggers' included (those never enter their stage's scope). */
  definitions: Definition[];
  /** Every VariableReference of every instruction (triggers too), resolved. */
  references: ResolvedReference[];
  /** FROM <stage>, COPY --from=<stage|index|image>, RUN --mount=from=<stage|image>. */
  edges: StageEdge[];
  /** Undefined for instructions before the first FROM. */
  stageOf(instruction: Instruction): Stage | undefined;
  /** Case-insensitive like Docker; a number is a stage index. */
  stageByName(nameOrIndex: string): Stage | undefined;
  /** The instruction whose fullSpan contains the offset (end inclusive); an ONBUILD's trigger when inside it. */
  instructionAt(offset: number): Instruction | undefined;
  /** Variables visible at an instruction (name -> Definition), for hover/completion; Docker semantics. */
  scopeAt(instruction: Instruction): ReadonlyMap<string, Definition>;
  /**
   * A fact derived from this model, made by `make` on the first request for `key` and kept with the model (RUN
   * scripts, indexes that rules share). Kept here rather than in a WeakMap keyed by the model: V8's young-generation
   * GC keeps the values of a WeakMap alive and moves them to the old generation, so every file's cached facts
   * waited for a full GC. Keeping the RUN scripts here took their scavenges over the corpus from ~100 ms to ~4 ms a
   * round (--trace-gc, model and scripts only).
   */
  fact<T>(key: FactKey<T>, make: (model: DockerfileModel) => T): T;
}

/** Names a kind of fact for {@link DockerfileModel.fact}; one module-level key per kind. */
export interface FactKey<T> {
  readonly name: string;
  /** Only ties the key to the type of its fact. */
  readonly type?: T;
}

export function factKey<T>(name: string): FactKey<T> {
  return { name };
}

/** The facts of the file {@link astFact} was last asked about. */
let astFacts: { ast: DockerfileAst; facts: Map<FactKey<unknown>, unknown> } | undefined;

/**
 * {@link DockerfileModel.fact} for helpers that only have the tree: kept for the most recent tree asked about (files
 * are linted one at a time; another tree makes them again), for the same reason as there: not in a WeakMap.
 */
export function astFact<T>(ast: DockerfileAst, key: FactKey<T>, make: (ast: DockerfileAst) => T): T {
  if (astFacts?.ast !== ast) astFacts = { ast, facts: new Map() };
  const facts = astFacts.facts;
  if (facts.has(key)) return facts.get(key) as T;
  const value = make(ast);
  facts.set(key, value);
  return value;
}

const PREDEFINED_DEFINITIONS: ReadonlyMap<string, Definition> = new Map(
  PREDEFINED_ARGS.map((a) => [
    a.name,
    // Shared by every model, so frozen.
    Object.freeze(definition("predefined", a.name, undefined, undefined, undefined, undefined)),
  ]),
);

const EMPTY_SCOPE: ReadonlyMap<string, Definition> = new Map();
/** The bare names of a scope without any: shared, never changed (see Scope.ownBare). */
const NO_BARE: Set<string> = new Set();
const NOTHING_UNSET: readonly string[] = [];
/** Words without these characters expand to themselves (no variables, quotes or escapes). */
const NEEDS_EXPANSION = /[$"'\\`]/;

/** Every field set, always in the same order: one object shape keeps big files fast. */
function definition(
  kind: Definition["kind"],
  name: string,
  instruction: Instruction | undefined,
  nameSpan: Span | undefined,
  value: string | undefined,
  stage: Stage | undefined,
): Definition {
  return { kind, name, instruction, nameSpan, value, stage };
}

/**
 * Variables in effect at one point: definitions, the known values for expansion, and which names are bare. A scope
 * made from another shares its tables until one of the two changes (most stages and ONBUILD triggers define nothing).
 * The predefined ARGs every scope starts with stay in a map of their own that is never changed, and `defs` holds only
 * what the file defines: copying the ~25 predefined definitions at the first ARG or ENV of every stage was the
 * model's top self-time entry in a warm corpus lint; buildModel over the corpus, CPU, best of 20 (two runs):
 * 21.9-24.3 -> 20.4-22.2 ms.
 * A shared table is copied at the scope's first change, which is cheap while tables are small. Tables of
 * {@link PERSISTENT_FROM} entries or more become persistent maps instead (`immutable`, hash array mapped tries),
 * which a scope shares and changes without copying: a chain of stages, each built FROM the one before and adding
 * an ENV, copied the whole environment once per stage, so 7,900 such stages (250 KB) took 16 s and 2.4 GB, and
 * 29,500 (1 MB) ran out of memory.
 */
class Scope {
  /** The predefined definitions the scope starts with; shared by every scope, never changed. */
  readonly base: ReadonlyMap<string, Definition>;
  /** The definitions the file made, predefined names it redefined included (native tables). */
  private defs: Map<string, Definition>;
  private vals: Map<string, string>;
  /** Names bound to an ARG without any value (no default, no global default). */
  private bareNames: Set<string>;
  /** The native tables are another scope's too: copy them before changing them. */
  private shared: boolean;
  /**
   * `bareNames` is this scope's alone. Tracked apart from the maps: most scopes never have a bare ARG, and copying
   * their empty set with the maps was a third collection per stage with an ENV (the generated 2 MB file's model
   * kept 4.6 -> 4.0 MB).
   */
  private bareOwned: boolean;
  /** The tables as persistent maps, once they are large; the native ones are then unused. */
  private p: PersistentTables | undefined;

  constructor(base: ReadonlyMap<string, Definition>, from?: Scope) {
    this.base = base;
    this.p = undefined;
    if (from) {
      this.defs = from.defs;
      this.vals = from.vals;
      this.bareNames = from.bareNames;
      this.shared = true;
      from.shared = true;
      this.bareOwned = false;
      from.bareOwned = false;
      this.p = from.p;
    } else {
      this.defs = new Map();
      this.vals = new Map();
      this.bareNames = NO_BARE;
      this.shared = false;
      this.bareOwned = false;
    }
  }

  /** A scope with the predefined ARGs that pass `filter` and nothing else. */
  static predefined(filter: (a: PredefinedArg) => boolean): Scope {
    const base = new Map<string, Definition>();
    for (const a of PREDEFINED_ARGS) {
      const def = PREDEFINED_DEFINITIONS.get(a.name);
      if (def && filter(a)) base.set(a.name, def);
    }
    return new Scope(base);
  }

  /** A scope that starts as this one and then changes on its own. */
  copy(): Scope {
    return new Scope(this.base, this);
  }

  get(name: string): Definition | undefined {
    const p = this.p;
    return (p ? p.defs.get(name) : this.defs.get(name)) ?? this.base.get(name);
  }

  has(name: string): boolean {
    const p = this.p;
    return (p ? p.defs.has(name) : this.defs.has(name)) || this.base.has(name);
  }

  /** The known value of a name, for expansion. */
  value(name: string): string | undefined {
    const p = this.p;
    return p ? p.values.get(name) : this.vals.get(name);
  }

  /** Whether the name is bound to an ARG without a value. */
  isBare(name: string): boolean {
    const p = this.p;
    return p ? p.bare.has(name) : this.bareNames.has(name);
  }

  /** The known values, as the expander reads them. */
  values(): ReadonlyMap<string, string> {
    const p = this.p;
    return p ? new PersistentView(NO_VALUES, p.values) : this.vals;
  }

  /** Every definition in effect, the predefined ones first (in their order), then the file's in declaration order. */
  all(): ReadonlyMap<string, Definition> {
    const p = this.p;
    if (p) return new PersistentView(this.base, p.defs);
    if (this.defs.size === 0) return this.base;
    const all = copyMap(this.base);
    this.defs.forEach((def, name) => {
      all.set(name, def);
    });
    return all;
  }

  /** A bare ARG defines its name but, like in BuildKit, never replaces an ENV or an ARG that has a value. */
  declare(def: Definition, bare: boolean): void {
    const name = def.name;
    if (bare) {
      const existing = this.get(name);
      if (existing && existing.kind !== "predefined" && !this.isBare(name)) return;
    }
    this.own();
    const p = this.p;
    if (p) {
      const values = def.value === undefined ? p.values.remove(name) : p.values.set(name, def.value);
      const bareSet = bare ? p.bare.add(name) : p.bare.size > 0 ? p.bare.remove(name) : p.bare;
      this.p = { defs: p.defs.set(name, def), values, bare: bareSet };
      return;
    }
    if (bare) this.ownBare().add(name);
    else if (this.bareNames.size > 0) this.ownBare().delete(name);
    this.defs.set(name, def);
    if (def.value === undefined) this.vals.delete(name);
    else this.vals.set(name, def.value);
  }

  private own(): void {
    if (!this.shared || this.p) return;
    this.shared = false;
    if (this.defs.size >= PERSISTENT_FROM) {
      this.p = {
        defs: ImmutableOrderedMap(this.defs),
        values: ImmutableMap(this.vals),
        bare: ImmutableSet(this.bareNames),
      };
      this.defs = NO_DEFS;
      this.vals = NO_VALUES;
      this.bareNames = NO_BARE;
      return;
    }
    this.defs = copyMap(this.defs);
    this.vals = copyMap(this.vals);
  }

  private ownBare(): Set<string> {
    if (!this.bareOwned) {
      this.bareNames = new Set(this.bareNames);
      this.bareOwned = true;
    }
    return this.bareNames;
  }
}

/**
 * From how many definitions a scope's tables are persistent. Below it a copy is cheaper than the persistent maps'
 * reads and writes (here, warm: a read 65 ns against 16, a write to the ordered map 630 ns), and real files stay
 * well below it: the corpus's largest environment has 42 definitions (SeleniumHQ__docker-selenium/Base__Dockerfile).
 */
const PERSISTENT_FROM = 64;

interface PersistentTables {
  defs: ImmutableOrderedMap<string, Definition>;
  values: ImmutableMap<string, string>;
  bare: ImmutableSet<string>;
}

const NO_DEFS: Map<string, Definition> = new Map();
const NO_VALUES: Map<string, string> = new Map();

/**
 * A persistent map as a ReadonlyMap (what scopeAt and the expander read), with `front`'s entries first where the
 * map has none of its own: made in O(1), so asking for the scope of every instruction stays linear.
 */
class PersistentView<V> implements ReadonlyMap<string, V> {
  constructor(
    private readonly front: ReadonlyMap<string, V>,
    private readonly map: ImmutableMap<string, V> | ImmutableOrderedMap<string, V>,
  ) {}

  get(key: string): V | undefined {
    return this.map.get(key) ?? this.front.get(key);
  }

  has(key: string): boolean {
    return this.map.has(key) || this.front.has(key);
  }

  get size(): number {
    let n = this.map.size;
    for (const key of this.front.keys()) if (!this.map.has(key)) n++;
    return n;
  }

  forEach(fn: (value: V, key: string, map: ReadonlyMap<string, V>) => void, thisArg?: unknown): void {
    for (const [key, value] of this.entries()) fn.call(thisArg, value, key, this);
  }

  *entries(): MapIterator<[string, V]> {
    for (const [key, value] of this.front) yield [key, this.map.get(key) ?? value];
    for (const [key, value] of this.map) if (!this.front.has(key)) yield [key, value];
  }

  *keys(): MapIterator<string> {
    for (const [key] of this.entries()) yield key;
  }

  *values(): MapIterator<V> {
    for (const [, value] of this.entries()) yield value;
  }

  [Symbol.iterator](): MapIterator<[string, V]> {
    return this.entries();
  }
}

/**
 * A copy of a map by forEach: `new Map(map)` goes through the iterator protocol and makes an iterator result and a
 * [key, value] array per entry. Building the model of the 10k-line file copied 548 scope maps of 6,645 entries in
 * all; the copies' allocation per lint went from 1.30 to 0.64 MB (sampling heap profile, warm).
 */
function copyMap<K, V>(map: ReadonlyMap<K, V>): Map<K, V> {
  const out = new Map<K, V>();
  if (map.size > 0)
    map.forEach((value, key) => {
      out.set(key, value);
    });
  return out;
}

let STAGE_START: Scope | undefined;
let GLOBAL_START: Scope | undefined;

/** The scope a stage built from an image starts with; only ever copied, so all such stages share it. */
function stageStart(): Scope {
  STAGE_START ??= Scope.predefined((a) => !a.globalOnly);
  return STAGE_START;
}

/** A fresh global scope: the predefined ARGs, shared until changed. */
function globalStart(): Scope {
  GLOBAL_START ??= Scope.predefined(() => true);
  return GLOBAL_START.copy();
}

/**
 * The definitions that changed a scope, in order, for replaying it in scopeAt: (index in ast.instructions of the
 * instruction that made the change, definition, bare) triples in one array, made exact-size when the model is built.
 * As three arrays grown by push, the logs of the generated 2 MB file's stages (one ENV each) kept 3 x 184 B a stage;
 * the model kept 6.2 -> 4.6 MB (heapUsed after gc).
 */
class ScopeLog {
  private entries: (number | Definition | boolean)[] = NO_ENTRIES;

  add(at: number, def: Definition, bare: boolean): void {
    if (this.entries === NO_ENTRIES) this.entries = [at, def, bare];
    else this.entries.push(at, def, bare);
  }

  /** Drops the room the pushes left. */
  compact(): void {
    if (this.entries.length > 3) this.entries = this.entries.slice();
  }

  replay(scope: Scope, before: number): ReadonlyMap<string, Definition> {
    const e = this.entries;
    for (let i = 0; i < e.length && (e[i] as number) < before; i += 3)
      scope.declare(e[i + 1] as Definition, e[i + 2] as boolean);
    return scope.all();
  }
}

const NO_ENTRIES: (number | Definition | boolean)[] = [];

interface StageState {
  initial: Scope;
  log: ScopeLog;
}

interface Expansion {
  text: string;
  /** Names that had no known value: unset, or defined without a known value. */
  unset: readonly string[];
  failed: boolean;
}

class ModelBuilder {
  readonly stages: Stage[] = [];
  readonly globalArgs: Definition[] = [];
  readonly definitions: Definition[] = [];
  readonly references: ResolvedReference[] = [];
  readonly edges: StageEdge[] = [];
  /** Stage index of each top-level instruction, -1 before the first FROM. Arrays, not Maps keyed by objects:
   * hashing thousands of instructions costs more than the rest of the model. */
  readonly stageIndexAt: Int32Array;
  /**
   * Where each top-level instruction starts (its span's and full span's start), for the binary searches of
   * stageOf and instructionAt: the tree makes a span object on each read, and a cold search made one per step.
   */
  private readonly starts: Int32Array;
  readonly globalScope = globalStart();
  readonly globalLog = new ScopeLog();
  /** By stage index. */
  readonly stageStates: StageState[] = [];
  /**
   * By stage index, each stage's scope as the build goes: a later stage built on it starts from it. Emptied when the
   * model is built, as scopeAt replays a stage's log from its initial scope: the stages' last scopes and the maps they
   * owned (most stages with an ENV or ARG own two) were ~0.6 of the 2.1 MB the model of the generated 1 MB file
   * kept (heapUsed after gc).
   */
  private readonly stageScopes: Scope[] = [];
  /** Lower-cased name -> the last stage with it, in document order so far. */
  readonly stagesByName = new Map<string, Stage>();
  private readonly escapeChar: "\\" | "`";

  constructor(
    readonly ast: DockerfileAst,
    private readonly buildArgs: Readonly<Record<string, string>> | undefined,
  ) {
    this.escapeChar = ast.escapeChar;
    this.stageIndexAt = new Int32Array(ast.instructions.length).fill(-1);
    this.starts = new Int32Array(ast.instructions.length);
  }

  build(): void {
    const instructions = this.ast.instructions;
    let stage: Stage | undefined;
    let state: StageState | undefined;
    let scope: Scope | undefined;
    for (let i = 0; i < instructions.length; i++) {
      const instruction = instructions[i];
      this.starts[i] = instruction.span.start;
      if (instruction.keyword === "FROM") {
        stage = this.startStage(instruction);
        state = this.stageStates[stage.index];
        scope = this.stageScopes[stage.index];
        this.stageIndexAt[i] = stage.index;
      } else if (stage && state && scope) {
        stage.instructions.push(instruction);
        this.stageIndexAt[i] = stage.index;
        this.process(instruction, scope, stage, i, state.log);
      } else {
        this.process(instruction, this.globalScope, undefined, i, this.globalLog);
      }
    }
    this.stageScopes.length = 0;
    for (let k = 0; k < this.stages.length; k++) {
      const s = this.stages[k];
      // Exact size: an array grown by push keeps room for ~half as many again (13 instructions: room for 17).
      if (s.instructions.length > 1) s.instructions = s.instructions.slice();
      const last = s.instructions[s.instructions.length - 1];
      s.span = { start: s.from.span.start, end: Math.max(s.from.fullSpan.end, last.fullSpan.end) };
    }
    this.collectEdges();
    this.globalLog.compact();
    for (let k = 0; k < this.stageStates.length; k++) this.stageStates[k].log.compact();
  }

  /** Index in ast.instructions of the instruction, or of the ONBUILD holding it; -1 for a foreign one. */
  indexOf(instruction: Instruction): number {
    let top = instruction;
    while (top.parentOnbuild) top = top.parentOnbuild;
    const list = this.ast.instructions;
    const starts = this.starts;
    const start = top.span.start;
    let lo = 0;
    let hi = list.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const s = starts[mid];
      if (s < start) lo = mid + 1;
      else if (s > start) hi = mid - 1;
      else return list[mid] === top ? mid : -1;
    }
    return -1;
  }

  stageOf(instruction: Instruction): Stage | undefined {
    const at = this.indexOf(instruction);
    return at < 0 ? undefined : this.stages[this.stageIndexAt[at]];
  }

  private startStage(from: Instruction): Stage {
    const words = from.words;
    const imageWord: Word | undefined = words[0];
    const nameWord = words.length >= 3 && words[1].text.toUpperCase() === "AS" ? words[2] : undefined;
    const stage: Stage = {
      index: this.stages.length,
      name: nameWord?.text,
      nameSpan: nameWord?.span,
      from,
      instructions: [from],
      base: { kind: "scratch" },
      platform: from.flags.find((f) => f.name === "platform"),
      span: from.fullSpan,
    };
    // References in FROM are expanded with the global scope, but they still belong to this stage.
    this.resolveAll(from, this.globalScope, stage);

    let parent: Stage | undefined;
    if (!imageWord) {
      stage.base = { kind: "image", text: "", raw: "", span: from.argsSpan, unresolved: false };
    } else {
      const exp = this.expand(imageWord.text, this.globalScope);
      // Only earlier stages count: a stage is registered after its own base is looked up.
      parent = this.stagesByName.get(exp.text.toLowerCase());
      if (parent) stage.base = { kind: "stage", stage: parent };
      else if (exp.text === "scratch") stage.base = { kind: "scratch" };
      else {
        const unresolved = exp.failed || exp.unset.length > 0;
        const parsed = parseImageRef(unresolved ? imageWord.text : exp.text);
        stage.base = {
          kind: "image",
          text: exp.text,
          raw: imageWord.text,
          span: imageWord.span,
          ref: parsed.ok ? parsed.ref : undefined,
          unresolved,
        };
      }
    }
    if (nameWord) this.stagesByName.set(nameWord.text.toLowerCase(), stage);
    this.stages.push(stage);

    const parentScope = parent ? this.stageScopes[parent.index] : undefined;
    const initial = parentScope ? parentScope.copy() : stageStart();
    this.stageStates.push({ initial, log: new ScopeLog() });
    this.stageScopes.push(initial.copy());
    return stage;
  }

  /**
   * Resolves an instruction's references and applies its definitions to `scope`. `log` records them for scopeAt;
   * it is null for ONBUILD triggers, which run in a later build and never change this stage's scope.
   */
  private process(
    instruction: Instruction,
    scope: Scope,
    stage: Stage | undefined,
    at: number,
    log: ScopeLog | null,
  ): void {
    const keyword = instruction.keyword;
    if (keyword === "ARG") this.processArg(instruction, scope, stage, at, log);
    else if (keyword === "ENV") this.processEnv(instruction, scope, stage, at, log);
    else this.resolveAll(instruction, scope, stage);
    const trigger = instruction.trigger;
    if (trigger) {
      const defines = trigger.keyword === "ARG" || trigger.keyword === "ENV" || trigger.trigger !== undefined;
      this.process(trigger, defines ? scope.copy() : scope, stage, at, null);
    }
  }

  private processArg(
    instruction: Instruction,
    scope: Scope,
    stage: Stage | undefined,
    at: number,
    log: ScopeLog | null,
  ): void {
    const refs = instruction.variables;
    const declarations = instruction.declarations ?? [];
    let r = 0;
    for (let d = 0; d < declarations.length; d++) {
      const decl = declarations[d];
      // BuildKit expands each default as it declares it, so `ARG A=1 B=$A` gives B the value 1.
      while (r < refs.length && refs[r].span.start < decl.span.end) {
        this.resolve(refs[r++], instruction, scope, stage);
      }
      let value: string | undefined;
      let bare = false;
      const given = this.buildArgs && Object.hasOwn(this.buildArgs, decl.name);
      if (given) {
        // A --build-arg beats the default, in the global scope and in stages alike.
        value = this.buildArgs?.[decl.name];
      } else if (decl.defaultValue !== undefined) {
        value = this.valueOf(decl.defaultValue, scope);
      } else if (stage && this.hasGlobalValue(decl.name)) {
        value = this.globalScope.value(decl.name);
      } else {
        bare = !predefinedArg(decl.name)?.alwaysSet;
      }
      const def = definition("arg", decl.name, instruction, decl.nameSpan, value, stage);
      this.define(def, bare, scope, at, log);
      if (!stage && log) this.globalArgs.push(def);
    }
    while (r < refs.length) this.resolve(refs[r++], instruction, scope, stage);
  }

  /** A global ARG that a bare `ARG NAME` in a stage takes its value from. */
  private hasGlobalValue(name: string): boolean {
    const global = this.globalScope.get(name);
    return global?.kind === "arg" && !this.globalScope.isBare(name);
  }

  private processEnv(
    instruction: Instruction,
    scope: Scope,
    stage: Stage | undefined,
    at: number,
    log: ScopeLog | null,
  ): void {
    this.resolveAll(instruction, scope, stage);
    // ENV is not allowed before the first FROM; Docker rejects it, so it defines nothing.
    if (!stage) return;
    const pairs = instruction.pairs ?? [];
    // All values of one ENV are expanded with the environment from before it (`ENV a=1 b=$a` leaves b empty).
    const defs: Definition[] = [];
    for (let p = 0; p < pairs.length; p++) {
      const pair = pairs[p];
      const name = NEEDS_EXPANSION.test(pair.key) ? this.expand(pair.key, scope).text : pair.key;
      defs.push(definition("env", name, instruction, pair.keySpan, this.valueOf(pair.value, scope), stage));
    }
    for (let d = 0; d < defs.length; d++) this.define(defs[d], false, scope, at, log);
  }

  private define(def: Definition, bare: boolean, scope: Scope, at: number, log: ScopeLog | null): void {
    this.definitions.push(def);
    scope.declare(def, bare);
    if (log) {
      log.add(at, def, bare);
    }
  }

  /**
   * Every reference of the instruction. Indexed loops here and in the rest of the builder, not for-of: in the
   * interpreter and baseline code a cold run spends its time in, for-of makes an iterator result per element.
   */
  private resolveAll(instruction: Instruction, scope: Scope, stage: Stage | undefined): void {
    const refs = instruction.variables;
    for (let r = 0; r < refs.length; r++) this.resolve(refs[r], instruction, scope, stage);
  }

  private resolve(
    ref: VariableReference,
    instruction: Instruction,
    scope: Scope,
    stage: Stage | undefined,
  ): void {
    this.references.push({ ref, instruction, stage, definition: scope.get(ref.name) });
  }

  private expand(word: string, scope: Scope): Expansion {
    if (!NEEDS_EXPANSION.test(word)) return { text: word, unset: NOTHING_UNSET, failed: false };
    try {
      const r = expandWord(word, scope.values(), { escapeChar: this.escapeChar });
      return { text: r.value, unset: r.unset, failed: false };
    } catch {
      // A ShellError (bad substitution, `${x:?}`); the model never throws, the rules report the error.
      return { text: word, unset: NOTHING_UNSET, failed: true };
    }
  }

  /** The value a definition gets, or undefined when it depends on something only the build knows. */
  private valueOf(word: string, scope: Scope): string | undefined {
    const exp = this.expand(word, scope);
    if (exp.failed) return undefined;
    // A name that is defined but has no known value (an ARG without default, a predefined ARG) makes the result
    // unknown; a name that is not defined at all is simply empty.
    for (const name of exp.unset) if (scope.has(name)) return undefined;
    return exp.text;
  }

  private collectEdges(): void {
    for (let s = 0; s < this.stages.length; s++) {
      const stage = this.stages[s];
      if (stage.base.kind === "stage") {
        const span = stage.from.words[0].span;
        this.edges.push({ from: stage, to: stage.base.stage, kind: "from", instruction: stage.from, span });
      }
      const instructions = stage.instructions;
      for (let k = 0; k < instructions.length; k++) {
        const instruction = instructions[k];
        for (let i: Instruction | undefined = instruction; i; i = i.trigger) this.instructionEdges(i, stage);
      }
    }
  }

  private instructionEdges(instruction: Instruction, stage: Stage): void {
    if (instruction.keyword === "COPY") {
      const flags = instruction.flags;
      for (let f = 0; f < flags.length; f++) {
        const flag = flags[f];
        if (flag.name !== "from" || flag.value === undefined || flag.value === "") continue;
        // BuildKit refuses variables in --from ("define a new stage with FROM using ARG from global scope").
        if (flag.value.includes("$")) continue;
        const to = this.copySource(flag.value);
        if (to)
          this.edges.push({ from: stage, to, kind: "copy", instruction, span: flag.valueSpan ?? flag.span });
      }
    } else if (instruction.keyword === "RUN") {
      const flags = instruction.flags;
      for (let f = 0; f < flags.length; f++) {
        const flag = flags[f];
        // Most mounts name no source; skip the CSV reading for them.
        if (flag.name !== "mount" || flag.value === undefined || !/from/i.test(flag.value)) continue;
        const mount = parseMountFlag(flag, this.ast.text);
        const from = mount.from?.value;
        // A tmpfs mount ignores `from`; a variable in it is only known at build time.
        if (!from || mount.type === "tmpfs" || from.includes("$")) continue;
        const span = mount.from?.valueSpan ?? flag.valueSpan ?? flag.span;
        // Mounts name stages only by name, never by index.
        const to = this.lookupName(from) ?? { image: from };
        this.edges.push({ from: stage, to, kind: "mount", instruction, span });
      }
    }
  }

  /**
   * COPY --from: a stage index, else a stage name (any stage, even a later one: BuildKit resolves it and then
   * fails, so rules can say why), else an image. An index out of range is no edge at all.
   */
  private copySource(value: string): Stage | { image: string } | undefined {
    if (isIndex(value)) return this.stageAtIndex(value);
    return this.lookupName(value) ?? { image: value };
  }

  lookupName(name: string): Stage | undefined {
    return this.stagesByName.get(name.toLowerCase());
  }

  stageAtIndex(text: string): Stage | undefined {
    const n = Number(text);
    return Number.isSafeInteger(n) && n >= 0 && n < this.stages.length ? this.stages[n] : undefined;
  }

  scopeAt(instruction: Instruction): ReadonlyMap<string, Definition> {
    const at = this.indexOf(instruction);
    if (at < 0) return EMPTY_SCOPE;
    const stage = this.stages[this.stageIndexAt[at]];
    if (!stage || stage.from === this.ast.instructions[at]) {
      return this.globalLog.replay(globalStart(), at);
    }
    const state = this.stageStates[stage.index];
    return state.log.replay(state.initial.copy(), at);
  }

  instructionAt(offset: number): Instruction | undefined {
    const list = this.ast.instructions;
    let lo = 0;
    let hi = list.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (this.starts[mid] <= offset) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0) return undefined;
    let instruction = list[found];
    if (offset > instruction.fullSpan.end) return undefined;
    while (instruction.trigger && offset >= instruction.trigger.keywordSpan.start)
      instruction = instruction.trigger;
    return instruction;
  }
}

/** The top-level instruction at an offset: an ONBUILD rather than its trigger; undefined outside every instruction. */
export function topInstructionAt(model: DockerfileModel, offset: number): Instruction | undefined {
  let instruction = model.instructionAt(offset);
  while (instruction?.parentOnbuild) instruction = instruction.parentOnbuild;
  return instruction;
}

/** strconv.Atoi's syntax, which BuildKit uses to tell an index from a name. */
function isIndex(value: string): boolean {
  return /^[+-]?\d+$/.test(value);
}

export interface ModelOptions {
  /** Values the build passes with `--build-arg`: an ARG they name takes the value instead of its default. */
  buildArgs?: Readonly<Record<string, string>>;
}

/**
 * From this size of document (in characters) on, its lint keeps what lives until the report compact at some cost
 * in time: the RUN scripts' short words share their strings (runScripts.ts) and the findings' texts are kept once
 * (lint/pool.ts). Below it the copies are few and short-lived, and sharing costs more than it saves. The corpus's
 * files are at most 25 kB and the real 10k-line file (corpus/large) 383 kB; the generated 1 MB file is over it.
 */
export const LARGE_DOCUMENT = 512 * 1024;

export function buildModel(ast: DockerfileAst, options: ModelOptions = {}): DockerfileModel {
  const b = new ModelBuilder(ast, options.buildArgs);
  b.build();
  let facts: Map<FactKey<unknown>, unknown> | undefined;
  const model: DockerfileModel = {
    ast,
    stages: b.stages,
    globalArgs: b.globalArgs,
    definitions: b.definitions,
    references: b.references,
    edges: b.edges,
    stageOf: (instruction) => b.stageOf(instruction),
    stageByName: (nameOrIndex) =>
      isIndex(nameOrIndex) ? b.stageAtIndex(nameOrIndex) : b.lookupName(nameOrIndex),
    instructionAt: (offset) => b.instructionAt(offset),
    scopeAt: (instruction) => b.scopeAt(instruction),
    fact<T>(key: FactKey<T>, make: (model: DockerfileModel) => T): T {
      facts ??= new Map();
      if (facts.has(key)) return facts.get(key) as T;
      const value = make(model);
      facts.set(key, value);
      return value;
    },
  };
  return model;
}
