/**
 * The shell scripts of RUN instructions, parsed once per file and shared by the rules about the commands inside RUN:
 * every command with its effective name and words mapped back to document spans, the stage it runs in, the SHELL in
 * effect, and the `--mount` caches it has. ONBUILD triggers are included (hadolint checks most RUN rules on
 * `ONBUILD RUN` too).
 */

import type { Instruction, LogicalLine, Span } from "../../../grammar/index.js";
import { unquote } from "../../../grammar/shell.js";
import {
  type Definition,
  type DockerfileModel,
  factKey,
  LARGE_DOCUMENT,
  type ResolvedReference,
  type Stage,
} from "../../model/model.js";
import { parseMountFlag } from "../../model/mounts.js";
import {
  commandNameIndex,
  parseShell,
  type ShellSource,
  ShellWord,
  type SimpleCommand,
  sourceWord,
} from "../../model/shellScript.js";
import { expandKnown, type Lookup, referencesOf } from "../../model/wordValues.js";
import type { FixKind, RuleContext, TextEdit } from "../types.js";
import { windowsImage } from "./platform.js";

/** A word of a command: its value as the program receives it, and where it is in the document. */
export interface CommandWord {
  /** Quotes removed and escapes processed; `$VAR`, `$(..)` and backquotes kept as written. */
  value: string;
  /** As written. */
  raw: string;
  /** Contains a `$` expansion or backquotes outside single quotes. */
  hasExpansion: boolean;
  /** Contains an unquoted `*`, `?` or `[..]`: the shell replaces the word with the paths it matches. */
  hasGlob: boolean;
  span: Span;
}

export interface RunCommand {
  /** Basename of the program that runs, looking through wrappers such as `sudo` and `env` (`apt-get`). */
  name: string;
  /** The word naming that program. */
  word: CommandWord;
  /**
   * The words after it: a new array on each read (read it once). Kept, it was the one array most commands had twice
   * (rules read it ~1.1 times a command they ask about: 8,693 reads of 8,001 commands over the corpus with every
   * rule on); without it the generated 2 MB file keeps 75.7 -> 73.5 MB after the lint (heapUsed after gc).
   */
  readonly args: CommandWord[];
  /** Every word of the command as written, wrappers (`sudo -u x`, `env A=1`) and leading `A=1` included. */
  words: CommandWord[];
  /** The whole command, from its first word to its last word or redirection. */
  span: Span;
  /** Where the command starts in the script, for "comes before" questions between commands of one script. */
  order: number;
  /** Pipeline id (unique within the script), the command's place in it, and how many commands it has. */
  pipeline: number;
  pipelineIndex: number;
  pipelineLength: number;
  /**
   * Whether a failure of this command fails the RUN: an exec form, or a shell command whose status nothing after it
   * can hide (see {@link failureStops}). False when unsure.
   */
  failureStopsRun: boolean;
  script: RunScript;
}

export interface RunScript {
  /** The RUN instruction (an ONBUILD's trigger for `ONBUILD RUN`). */
  instruction: Instruction;
  /** The ONBUILD that holds the RUN, if any. */
  onbuild?: Instruction;
  /** Undefined for a RUN before the first FROM. */
  stage?: Stage;
  /** How the script is written: shell form, a heredoc that is the whole script, or an exec-form array. */
  form: "shell" | "heredoc" | "exec";
  commands: RunCommand[];
  /** The SHELL in effect (argv), or the default `/bin/sh -c`. */
  shell: readonly string[];
  /** Targets of `--mount=type=cache` and `--mount=type=tmpfs`, without trailing slashes. */
  cacheMounts: string[];
  /**
   * The script as the shell receives it, for tools that read it whole (ShellCheck): continuations joined, and after a
   * command line with heredocs (`RUN cat <<EOF >f`) their bodies and terminators, as BuildKit appends them. For
   * `RUN <<EOF` it is the body. Undefined for exec form.
   */
  shellText?: MappedText;
}

/** A text made of document characters, and where each of them is in the document. */
export interface MappedText {
  text: string;
  /** Document offset of the character at `offset` (0 <= offset < text.length). */
  toSource(offset: number): number;
}

const DEFAULT_SHELL: readonly string[] = ["/bin/sh", "-c"];
const NON_POSIX_SHELLS = ["pwsh", "powershell", "cmd"];
const POSIX_INTERPRETERS = new Set(["sh", "bash", "ash", "dash", "zsh", "ksh", "mksh", "busybox"]);

/** Lower-cased file name of a program path, without a Windows `.exe`: `C:\Windows\cmd.exe` -> `cmd`. */
export function programName(path: string): string {
  const base = path.slice(Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\")) + 1).toLowerCase();
  return base.endsWith(".exe") ? base.slice(0, -4) : base;
}

/**
 * The program a script's `#!` line runs, by name (`python3` for `#!/usr/bin/env -S python3 -u`): the line's first
 * word, or with `env` the first word after it that is not an option. "" when the text has no `#!` line.
 */
export function shebangProgram(text: string): string {
  if (!text.startsWith("#!")) return "";
  const end = text.indexOf("\n");
  const words = text
    .slice(2, end < 0 ? text.length : end)
    .trim()
    .split(/\s+/);
  const first = programName(words[0] ?? "");
  return first === "env" ? programName(words.find((w, i) => i > 0 && !w.startsWith("-")) ?? "") : first;
}

/** `apt-get` for `/usr/bin/apt-get`. */
function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/** PowerShell and cmd read RUN text in their own language: the shell rules say nothing about those RUNs. */
export function isPosixShell(shell: readonly string[]): boolean {
  const name = programName(shell[0] ?? "");
  return !NON_POSIX_SHELLS.some((s) => name.startsWith(s));
}

interface Cached {
  pragmaShell?: string;
  scripts: RunScript[];
  /** Every command of every script, flattened on first use. */
  commands?: RunCommand[];
  /** The commands that run one of these programs, by the names array a rule asks with. */
  named?: Map<readonly string[], RunCommand[]>;
  byName?: Map<string, RunCommand[]>;
}

/** The scripts for the last pragma shell asked about (one per file in practice). */
const SCRIPTS = factKey<{ last: Cached | undefined }>("runScripts");

function cached(model: DockerfileModel, pragmaShell: string | undefined): Cached {
  const slot = model.fact(SCRIPTS, () => ({ last: undefined }));
  const hit = slot.last;
  if (hit && hit.pragmaShell === pragmaShell) return hit;
  const entry: Cached = { pragmaShell, scripts: collect(model, pragmaShell) };
  slot.last = entry;
  return entry;
}

/**
 * The RUN scripts of the file, ONBUILD triggers included, in document order. RUNs under a non-POSIX SHELL (or a
 * `# hadolint shell=pwsh` pragma) are left out.
 */
export function runScripts(ctx: RuleContext): readonly RunScript[] {
  return cached(ctx.model, ctx.settings.shell).scripts;
}

/** {@link runScripts} for a model and the shell a `# hadolint shell=` pragma names, outside a rule. */
export function runScriptsOf(model: DockerfileModel, pragmaShell: string | undefined): readonly RunScript[] {
  return cached(model, pragmaShell).scripts;
}

/**
 * Every command of every RUN script, in document order; with `names`, only the commands that run one of those
 * programs (`runCommands(ctx, APT_GET.names)`), looked up in one by-name index. One array per file and names array,
 * shared by the ~25 rules that read them. When each of those rules read every command of the file and tested it with
 * `toolCommand` (and a memo of that per command and tool), two lints of a 2 MB generated file of package installs took
 * 17.5 s of CPU profile, 2.7 s of it in toolCommand; with the by-name lists, 8.2 s (same machine, load 9).
 */
export function runCommands(ctx: RuleContext, names?: readonly string[]): readonly RunCommand[] {
  const entry = cached(ctx.model, ctx.settings.shell);
  const commands = entry.commands ?? allCommands(entry);
  if (!names) return commands;
  const byName = entry.byName ?? commandsByName(entry, commands);
  const named = entry.named ?? new Map<readonly string[], RunCommand[]>();
  entry.named = named;
  let list = named.get(names);
  if (!list) {
    let present = 0;
    let one: RunCommand[] = NO_COMMANDS;
    for (let k = 0; k < names.length; k++) {
      const same = byName.get(names[k]);
      if (same) {
        present++;
        one = same;
      }
    }
    // One program name (the usual case) is one list; several are merged back into document order.
    list = present <= 1 ? one : commands.filter((c) => names.includes(c.name));
    named.set(names, list);
  }
  return list;
}

const NO_COMMANDS: RunCommand[] = [];

/**
 * Loops, not `flatMap` and `filter` with closures: on Node 20 `flatMap` over a file's few scripts cost ~5 us a file
 * against ~0.4 us for the loop, and runCommands was the top self-time entry of a warm corpus lint.
 */
function allCommands(entry: Cached): RunCommand[] {
  const scripts = entry.scripts;
  let out: RunCommand[];
  if (scripts.length === 1) out = scripts[0].commands;
  else {
    // Counted first: one array of the exact size, not one grown (and copied) push by push.
    let count = 0;
    for (let i = 0; i < scripts.length; i++) count += scripts[i].commands.length;
    out = new Array<RunCommand>(count);
    let n = 0;
    for (let i = 0; i < scripts.length; i++) {
      const commands = scripts[i].commands;
      for (let k = 0; k < commands.length; k++) out[n++] = commands[k];
    }
  }
  entry.commands = out;
  return out;
}

function commandsByName(entry: Cached, commands: readonly RunCommand[]): Map<string, RunCommand[]> {
  const byName = new Map<string, RunCommand[]>();
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    const same = byName.get(c.name);
    if (same) same.push(c);
    else byName.set(c.name, [c]);
  }
  entry.byName = byName;
  return byName;
}

/** The POSIX-shell RUN scripts of the file (see {@link runScripts}). */
function collect(model: DockerfileModel, pragmaShell: string | undefined): RunScript[] {
  const initial = pragmaShell ? pragmaShell.split(/\s+/).filter((s) => s.length > 0) : DEFAULT_SHELL;
  const out: RunScript[] = [];
  const finalShell = new Map<Stage, readonly string[]>();
  // The SHELL arrays are shared by the RUNs under them: ask about each once.
  let posixShell: readonly string[] | undefined;
  const visit = (
    instruction: Instruction,
    stage: Stage | undefined,
    shell: readonly string[],
    onbuild?: Instruction,
  ) => {
    if (instruction.keyword !== "RUN") return;
    if (shell !== posixShell) {
      if (!isPosixShell(shell)) return;
      posixShell = shell;
    }
    const script = readScript(model, instruction, stage, shell, onbuild);
    if (script) out.push(script);
  };
  let shell = initial;
  let deferred = false;
  const top = model.ast.instructions;
  for (let i = 0; i < top.length; i++) {
    const instruction = top[i];
    // Everything from the first FROM on belongs to a stage.
    if (instruction.keyword === "FROM") break;
    if (instruction.keyword === "SHELL") shell = shellArgv(instruction) ?? shell;
    visit(instruction, undefined, shell);
    if (instruction.trigger) visit(instruction.trigger, undefined, shell, instruction);
  }
  const stages = model.stages;
  for (let s = 0; s < stages.length; s++) {
    const stage = stages[s];
    // SHELL is part of the image config, so a stage built FROM another stage starts with that stage's SHELL.
    if (stage.base.kind === "stage") shell = finalShell.get(stage.base.stage) ?? initial;
    else shell = windowsImage(stage) && !pragmaShell ? WINDOWS_SHELL : initial;
    const triggers: Instruction[] = [];
    const instructions = stage.instructions;
    for (let i = 0; i < instructions.length; i++) {
      const instruction = instructions[i];
      if (instruction.keyword === "SHELL") shell = shellArgv(instruction) ?? shell;
      visit(instruction, stage, shell);
      if (instruction.trigger) triggers.push(instruction);
    }
    finalShell.set(stage, shell);
    // A trigger runs in the child build right after its FROM, with the SHELL this stage ends with.
    if (triggers.length > 0) {
      const before = out.length;
      for (const onbuild of triggers) if (onbuild.trigger) visit(onbuild.trigger, stage, shell, onbuild);
      deferred ||= out.length > before;
    }
  }
  // Only the triggers of a stage are visited out of document order.
  if (deferred)
    out.sort((a, b) => (a.onbuild ?? a.instruction).span.start - (b.onbuild ?? b.instruction).span.start);
  return out;
}

const WINDOWS_SHELL: readonly string[] = ["cmd", "/S", "/C"];

function shellArgv(instruction: Instruction): string[] | undefined {
  const form = instruction.form;
  if (form?.kind !== "exec") return undefined;
  const argv = form.elements.map((e) => e.value ?? "");
  return argv.length > 0 ? argv : undefined;
}

/** Where a command is in a pipeline that {@link ScriptCommand} cannot pack into one number. */
class PipePlace {
  constructor(
    readonly id: number,
    readonly index: number,
    readonly length: number,
  ) {}
}

/** Pipeline ids below this, and places and lengths below {@link PIPE_PLACES}, are packed: 2^30 at most, a small integer. */
const PIPE_IDS = 16384;
const PIPE_PLACES = 256;

/**
 * A command of a RUN; its span and argument list are made when a rule asks for them. Its place in its pipeline is one
 * number, and so are the name's index and failureStopsRun: 120 -> 96 B a command, the runScripts fact of the generated
 * 1 MB file 11.85 -> 11.43 MB (heap snapshot).
 */
class ScriptCommand implements RunCommand {
  // Declared and set in the constructor, not class fields: see ShellWord.
  declare readonly name: string;
  /** The parser's words (see ShellWord: the document spans come from their Script). */
  declare readonly words: ShellWord[];
  /** The name's index in words, times 2, plus 1 when failureStopsRun. */
  declare private readonly shape: number;
  /** Script offsets (document offsets for exec form). */
  declare private readonly start: number;
  declare private readonly end: number;
  /** Pipeline id + PIPE_IDS * (index + PIPE_PLACES * length), or a PipePlace for the few that do not fit. */
  declare private readonly pipe: number | PipePlace;
  declare readonly script: Script;
  /**
   * See {@link commandFact}: the key of its one fact and the fact, or {@link SEVERAL} and the keys and values
   * alternating in an array. A command has at most one fact in practice (how the one tool its name runs reads it):
   * with a Map for them (~200 B each) the generated 2 MB file kept 80.0 MB after the lint, with an array of pairs
   * 77.2 MB (node --expose-gc, heapUsed after gc). Two fields instead of that array save its 64 B on each command
   * that has a fact (part of the 18.97 -> 11.85 MB of toolCommand's change, see there).
   */
  declare factKey: object | undefined;
  declare fact: unknown;

  constructor(
    name: string,
    words: ShellWord[],
    nameIndex: number,
    start: number,
    end: number,
    pipeline: number,
    pipelineIndex: number,
    pipelineLength: number,
    failureStopsRun: boolean,
    script: Script,
  ) {
    this.name = name;
    this.words = words;
    this.shape = nameIndex * 2 + (failureStopsRun ? 1 : 0);
    this.start = start;
    this.end = end;
    this.pipe =
      pipeline < PIPE_IDS && pipelineLength < PIPE_PLACES
        ? pipeline + PIPE_IDS * (pipelineIndex + PIPE_PLACES * pipelineLength)
        : new PipePlace(pipeline, pipelineIndex, pipelineLength);
    this.script = script;
    this.factKey = undefined;
    this.fact = undefined;
  }

  get nameIndex(): number {
    return this.shape >> 1;
  }

  get failureStopsRun(): boolean {
    return (this.shape & 1) === 1;
  }

  get pipeline(): number {
    const pipe = this.pipe;
    return typeof pipe === "number" ? pipe % PIPE_IDS : pipe.id;
  }

  get pipelineIndex(): number {
    const pipe = this.pipe;
    return typeof pipe === "number" ? Math.floor(pipe / PIPE_IDS) % PIPE_PLACES : pipe.index;
  }

  get pipelineLength(): number {
    const pipe = this.pipe;
    return typeof pipe === "number" ? Math.floor(pipe / (PIPE_IDS * PIPE_PLACES)) : pipe.length;
  }

  get order(): number {
    return this.script.form === "exec" ? 0 : this.start;
  }

  get word(): CommandWord {
    return this.words[this.shape >> 1];
  }

  get args(): CommandWord[] {
    return this.words.slice((this.shape >> 1) + 1);
  }

  get span(): Span {
    return this.script.span(this.start, this.end);
  }
}

/** The factKey of a command with more than one fact. */
const SEVERAL = {};

/**
 * A fact about one command (how a tool reads its arguments), made once by `make` and kept with the command, not in a
 * WeakMap keyed by it (see DockerfileModel.fact). `key` is any object that stands for the fact: a FactKey, or the
 * module constant the fact is about (packageManagers keys a tool's reading of a command by the tool). `arg` is passed
 * on to `make`, so that a caller asking about many commands need not make a closure for each.
 */
export function commandFact<T, A = undefined>(
  command: RunCommand,
  key: object,
  make: (command: RunCommand, arg: A) => T,
  arg?: A,
): T {
  if (!(command instanceof ScriptCommand)) return make(command, arg as A);
  const held = command.factKey;
  if (held === key) return command.fact as T;
  if (held === SEVERAL) {
    const facts = command.fact as unknown[];
    for (let i = 0; i < facts.length; i += 2) if (facts[i] === key) return facts[i + 1] as T;
  }
  const value = make(command, arg as A);
  // `make` may have added facts of its own.
  const now = command.factKey;
  if (now === undefined) {
    command.factKey = key;
    command.fact = value;
  } else if (now === SEVERAL) (command.fact as unknown[]).push(key, value);
  else {
    command.fact = [now, command.fact, key, value];
    command.factKey = SEVERAL;
  }
  return value;
}

/**
 * Where the arguments of a command start in its words (the word after its name), for readers that walk the words
 * instead of taking the copy {@link RunCommand.args} makes; -1 for a command made elsewhere (read its args then).
 */
export function argsStart(command: RunCommand): number {
  return command instanceof ScriptCommand ? command.nameIndex + 1 : -1;
}

const NO_MOUNTS: string[] = [];

/**
 * A RUN script, with the answers about it that rules share kept on it (not in WeakMaps: see DockerfileModel.fact). It
 * is also where the characters of its script are in the document (the words' ShellSource), through the instruction's
 * logical line (continuations joined), or from a start offset (a heredoc body; exec-form words, whose offsets are the
 * document's already): one object, not a Script and a text object of its own, and the script text with its heredocs
 * only made when it differs (128 B a script instead of 160; generated 1 MB file, runScripts fact 11.43 -> 11.23 MB).
 */
class Script implements RunScript, ShellSource, MappedText {
  // Declared and set in the constructor, not class fields: see ShellWord.
  declare readonly instruction: Instruction;
  declare readonly onbuild: Instruction | undefined;
  declare readonly stage: Stage | undefined;
  declare readonly form: "shell" | "heredoc" | "exec";
  declare readonly shell: readonly string[];
  declare readonly cacheMounts: string[];
  /** The script's text: what the commands' offsets are offsets in (the document itself for exec form). */
  declare readonly text: string;
  declare private readonly logical: LogicalLine | undefined;
  declare private readonly base: number;
  /** The script followed by its heredocs (see {@link RunScript.shellText}) when that is not the script itself. */
  declare joined: MappedText | undefined;
  /**
   * Exactly as many as there are: pushed one by one, the list of a one-command RUN had room for 16, 184 B where 40 do;
   * the generated 2 MB file kept 76.9 MB after the lint with those, 75.8 MB with these (heapUsed after gc).
   */
  declare commands: RunCommand[];
  /** The variables in scope at the RUN, once asked for. */
  declare scope: ReadonlyMap<string, Definition> | undefined;
  /** See {@link matchAt}: key, first, last, for each key asked about. */
  declare matches: (string | number)[] | undefined;

  constructor(
    instruction: Instruction,
    onbuild: Instruction | undefined,
    stage: Stage | undefined,
    form: "shell" | "heredoc" | "exec",
    shell: readonly string[],
    cacheMounts: string[],
    text: string,
    logical: LogicalLine | undefined,
    base: number,
  ) {
    this.instruction = instruction;
    this.onbuild = onbuild;
    this.stage = stage;
    this.form = form;
    this.shell = shell;
    this.cacheMounts = cacheMounts;
    this.text = text;
    this.logical = logical;
    this.base = base;
    this.joined = undefined;
    this.commands = NO_COMMANDS;
    this.scope = undefined;
    this.matches = undefined;
  }

  get shellText(): MappedText | undefined {
    return this.form === "exec" ? undefined : (this.joined ?? this);
  }

  toSource(offset: number): number {
    return this.logical === undefined ? this.base + offset : this.logical.toSource(this.base + offset);
  }

  /** The document span of the script's [start, end); an empty one sits where `start` is. */
  span(start: number, end: number): Span {
    const s = this.toSource(start);
    return { start: s, end: end <= start ? s : this.toSource(end - 1) + 1 };
  }
}

function readScript(
  model: DockerfileModel,
  instruction: Instruction,
  stage: Stage | undefined,
  shell: readonly string[],
  onbuild: Instruction | undefined,
): RunScript | undefined {
  const form = instruction.form;
  if (!form) return undefined;
  const source = model.ast.text;
  let cacheMounts = NO_MOUNTS;
  const flags = instruction.flags;
  for (let f = 0; f < flags.length; f++) {
    const flag = flags[f];
    if (flag.name !== "mount") continue;
    const mount = parseMountFlag(flag, source);
    if (mount.type !== "cache" && mount.type !== "tmpfs") continue;
    for (const o of mount.options) {
      if ((o.key === "target" || o.key === "dst" || o.key === "destination") && o.value) {
        if (cacheMounts === NO_MOUNTS) cacheMounts = [];
        cacheMounts.push(trimSlashes(o.value));
      }
    }
  }
  if (form.kind === "exec") {
    // Exec-form words are placed by document offsets.
    const script = new Script(instruction, onbuild, stage, "exec", shell, cacheMounts, source, undefined, 0);
    const elements = form.elements;
    if (elements.length === 0) return script;
    const words: ShellWord[] = new Array(elements.length);
    for (let k = 0; k < elements.length; k++) {
      const e = elements[k];
      words[k] = sourceWord(e.value ?? "", e.span.start, e.span.end, script);
    }
    const span = form.span;
    script.commands = [
      new ScriptCommand(basename(words[0].value), words, 0, span.start, span.end, 0, 0, 1, true, script),
    ];
    return script;
  }
  const heredoc = heredocScript(instruction, source);
  if (heredoc === null) return undefined;
  const script = heredoc
    ? new Script(
        instruction,
        onbuild,
        stage,
        "heredoc",
        shell,
        cacheMounts,
        heredoc.text,
        undefined,
        heredoc.start,
      )
    : new Script(
        instruction,
        onbuild,
        stage,
        "shell",
        shell,
        cacheMounts,
        form.text,
        instruction.logical,
        form.logicalStart,
      );
  if (!heredoc) {
    const joined = withHeredocs(script, instruction, source);
    if (joined !== script) script.joined = joined;
  }
  // Sharing: the generated 1 MB file keeps 33.1 MB after its lint with it, 34.3-34.5 MB without (heapUsed after gc).
  const parsed = parseShell(script, { shareWords: source.length >= LARGE_DOCUMENT }).commands;
  const stops = failureStops(parsed, shell);
  const commands: RunCommand[] = new Array(parsed.length);
  let count = 0;
  for (let index = 0; index < parsed.length; index++) {
    const cmd = parsed[index];
    // The effective command is the word before its arguments (wrappers such as sudo are skipped).
    const nameIndex = commandNameIndex(cmd);
    if (nameIndex < 0) continue;
    const words = cmd.words;
    commands[count++] = new ScriptCommand(
      basename(words[nameIndex].value),
      words,
      nameIndex,
      cmd.start,
      cmd.end,
      cmd.pipeline,
      cmd.pipelineIndex,
      cmd.pipelineLength,
      stops[index],
      script,
    );
  }
  // Commands without a name (`A=1`, `> f`) are left out.
  if (count < commands.length) commands.length = count;
  script.commands = commands;
  return script;
}

/**
 * For each command, whether the script stops with a failure when it fails. Conservative: true only when the command is
 * at the top level, ends its pipeline (whose status is its own), and either every later command is top-level and
 * hangs on it with `&&` (a pipe only within later pipelines), or errexit is on (`SHELL [..., "-e…"]` or an earlier
 * top-level `set -e`/`-o errexit`) and the command ends its `&&`/`||` list. `a || true`, `a; b` without errexit,
 * `a &`, and anything inside `if`, loops, functions or `$(…)` count as "the RUN may go on".
 *
 * One pass each way over the commands: asking per command, with the later and earlier commands sliced off each time,
 * was quadratic in the length of a RUN: linting a generated file with one RUN of 20,000 `&&`-chained commands took
 * 1,145 ms before and 144 ms after (CPU, best of 3, same process); the 10k-line corpus file did not change measurably.
 */
function failureStops(commands: readonly SimpleCommand[], shell: readonly string[]): boolean[] {
  const n = commands.length;
  // Errexit is on for the commands after this index: a `set -e` turns it on for the commands after it.
  let errexitAfter = shellErrexit(shell) ? -1 : n;
  if (errexitAfter === n) {
    for (let i = 0; i < n; i++) {
      const c = commands[i];
      if (c.depth === 0 && c.name?.value === "set" && setsErrexit(c.args.map((a) => a.value))) {
        errexitAfter = i;
        break;
      }
    }
  }
  // Going backwards: whether every command after i is top-level and chained with && or |, and the first top-level
  // command after i.
  const out = new Array<boolean>(n);
  let chainedAfter = true;
  let nextTop: SimpleCommand | undefined;
  for (let i = n - 1; i >= 0; i--) {
    const c = commands[i];
    let stops = false;
    if (c.depth === 0 && c.pipelineIndex === c.pipelineLength - 1) {
      if (chainedAfter) stops = true;
      else if (i > errexitAfter)
        stops = nextTop === undefined || nextTop.separator === ";" || nextTop.separator === "\n";
    }
    out[i] = stops;
    chainedAfter &&= c.depth === 0 && (c.separator === "&&" || c.separator === "|");
    if (c.depth === 0) nextTop = c;
  }
  return out;
}

/** Whether the SHELL's own options (before `-c`) turn errexit on; the last SHELL asked about is remembered. */
let lastShell: readonly string[] = DEFAULT_SHELL;
let lastShellErrexit = false;
function shellErrexit(shell: readonly string[]): boolean {
  if (shell !== lastShell) {
    const cIndex = shell.indexOf("-c");
    lastShellErrexit = setsErrexit(shell.slice(1, cIndex === -1 ? undefined : cIndex));
    lastShell = shell;
  }
  return lastShellErrexit;
}

function setsErrexit(args: readonly string[]): boolean {
  return args.some(
    (a, i) => (/^-[a-zA-Z]*e/.test(a) && !a.startsWith("--")) || (a === "-o" && args[i + 1] === "errexit"),
  );
}

/**
 * The two fix kinds of a flag that only answers a confirmation prompt (`-y`, `-n`). Where the command's failure fails
 * the RUN, a build that works today never reached the prompt, so adding the flag changes nothing: safe. Where the RUN
 * goes on after a failure (`apt-get install x || true`, `a; b` without errexit), today's build may silently skip the
 * packages at the prompt, and the flag would install them: unsafe.
 */
export function promptAnswerFixes(title: string, answers: string): { safe: FixKind; unsafe: FixKind } {
  return {
    safe: {
      title,
      safety: "safe",
      reason: `${answers}, which nobody can answer in a build; the command's failure fails the RUN, so a build that works today never reached it`,
    },
    unsafe: {
      title,
      safety: "unsafe",
      reason: `${answers}; the RUN goes on when this command fails, so today's build may skip what it would install at the prompt, and the flag installs it`,
    },
  };
}

/** The fix kind of {@link promptAnswerFixes} that fits this command. */
export function promptAnswerKind(command: RunCommand, kinds: { safe: FixKind; unsafe: FixKind }): FixKind {
  return command.failureStopsRun ? kinds.safe : kinds.unsafe;
}

/**
 * `RUN <<EOF` runs the heredoc body as the script. Undefined when the RUN is not written that way; null when the body
 * is a script for another interpreter (`#!/usr/bin/env python3`), which the shell rules cannot read.
 */
function heredocScript(
  instruction: Instruction,
  source: string,
): { text: string; start: number } | undefined | null {
  const form = instruction.form;
  const heredoc = instruction.heredocs[0];
  if (form?.kind !== "shell" || !heredoc) return undefined;
  const marker = source.slice(heredoc.marker.span.start, heredoc.marker.span.end);
  if (form.text.trim() !== marker) return undefined;
  const text = source.slice(heredoc.body.start, heredoc.body.end);
  if (text.startsWith("#!") && !POSIX_INTERPRETERS.has(shebangProgram(text))) return null;
  return { text, start: heredoc.body.start };
}

/**
 * The command line followed by the newline that ends it and the heredoc bodies with their terminators, which follow
 * each other in the document. Only the command line when there are no heredocs or the body is not right after it.
 */
function withHeredocs(line: MappedText, instruction: Instruction, source: string): MappedText {
  const heredocs = instruction.heredocs;
  if (heredocs.length === 0) return line;
  const first = heredocs[0];
  const last = heredocs[heredocs.length - 1];
  const from = first.body.start - 1;
  const to = last.terminator?.end ?? last.body.end;
  if (source[from] !== "\n" || to <= from) return line;
  const n = line.text.length;
  return {
    text: line.text + source.slice(from, to),
    toSource: (o) => (o < n ? line.toSource(o) : from + (o - n)),
  };
}

function trimSlashes(path: string): string {
  let end = path.length;
  while (end > 1 && path[end - 1] === "/") end--;
  return path.slice(0, end);
}

/** Whether a cache or tmpfs mount of the RUN is `dir` or a directory inside it (how hadolint reads the apt mounts). */
export function hasCacheMountUnder(script: RunScript, dir: string): boolean {
  return script.cacheMounts.some((t) => t === dir || t.startsWith(`${dir}/`));
}

/** Whether a cache or tmpfs mount of the RUN holds `dir`: the mount is `dir` itself or one of its parents. */
export function hasCacheMountOver(script: RunScript, dir: string): boolean {
  return script.cacheMounts.some((t) => t === dir || dir.startsWith(t === "/" ? "/" : `${t}/`));
}

/** Span from the start of one word to the end of another (e.g. `apt-get install`). */
export function spanOf(first: CommandWord, last: CommandWord = first): Span {
  // Words of one script: one span of the script's text, not a span of each word to take one end of (half the offset
  // mapping; the words' span allocations in a lint of the generated 1 MB file 1.56 -> 1.06 MB).
  if (
    first instanceof ShellWord &&
    last instanceof ShellWord &&
    first.source === last.source &&
    last.end > first.start
  )
    return first.source.span(first.start, last.end);
  return { start: first.span.start, end: last.span.end };
}

/**
 * An edit that adds arguments right after a word: ` -y` in a shell script, `, "-y"` in an exec-form array.
 */
export function insertAfter(command: RunCommand, word: CommandWord, args: readonly string[]): TextEdit {
  // The word's span once (each is a new object, mapped through the logical line), and the text without an array of
  // parts: the fixes of the generated 1 MB file allocated 1.02 -> 0.61 MB here (sampling heap profile of a lint).
  const end = word.span.end;
  const exec = command.script.form === "exec";
  let newText = "";
  for (let k = 0; k < args.length; k++) newText += exec ? `, ${JSON.stringify(args[k])}` : ` ${args[k]}`;
  return { span: { start: end, end }, newText };
}

/** An edit that replaces a plain (unquoted, unexpanded) word; undefined when the word is written otherwise. */
export function replaceWord(command: RunCommand, word: CommandWord, value: string): TextEdit | undefined {
  if (command.script.form === "exec") return { span: word.span, newText: JSON.stringify(value) };
  if (word.raw !== word.value || word.hasExpansion) return undefined;
  return { span: word.span, newText: value };
}

/** 1-based line of a document offset, for messages that point at another line. */
export function lineOf(ctx: RuleContext, offset: number): number {
  return ctx.ast.lines.position(offset).line + 1;
}

/**
 * Whether what a stage leaves in its layers reaches the image the file builds: the last stage is that image, and a
 * stage passes its layers on to the stages built FROM it, so a stage ships when one of those does. (COPY --from
 * copies files, not layers.) Other stages are only built as `--target`, which is a choice the file does not show.
 */
export function stageLayersKept(model: DockerfileModel, stage: Stage | undefined): boolean {
  if (!stage) return true;
  return model.fact(SHIPPING_STAGES, shippingStages).has(stage);
}

const SHIPPING_STAGES = factKey<Set<Stage>>("shippingStages");

function shippingStages(model: DockerfileModel): Set<Stage> {
  const kept = new Set<Stage>();
  const last = model.stages[model.stages.length - 1];
  if (last) kept.add(last);
  // A stage is only built FROM earlier stages, so walking backwards sees every child before its parent.
  for (let i = model.stages.length - 1; i >= 0; i--) {
    const s = model.stages[i];
    if (kept.has(s) && s.base.kind === "stage") kept.add(s.base.stage);
  }
  return kept;
}

/**
 * The value a word has when the script runs, as far as the Dockerfile tells: ARG and ENV values in scope are
 * substituted, variables nobody defines expand to nothing. Undefined when the value depends on something unknown:
 * a build argument without a default, a command substitution, or a syntax we do not evaluate.
 */
export function resolvedValue(
  model: DockerfileModel,
  command: RunCommand,
  word: CommandWord,
): string | undefined {
  if (!word.hasExpansion || command.script.form === "exec") return word.value;
  if (word.raw.includes("$(") || word.raw.includes("`")) return undefined;
  const script = command.script;
  // The model resolved the references of shell-form RUNs already; heredoc scripts ask the scope.
  const resolved = new Map<string, Definition | undefined>();
  for (const r of referencesIn(model, script.instruction, word.span)) resolved.set(r.ref.name, r.definition);
  const at = (script.onbuild ?? script.instruction).span.start;
  const firstArgs = firstArgDeclarations(model);
  const lookup: Lookup = (name) => {
    const def = resolved.has(name) ? resolved.get(name) : scopeOf(model, script).get(name);
    if (def) return def.value ?? "unknown";
    const preFrom = script.stage ? undefined : preFromEnvValue(model, script, name);
    if (preFrom !== undefined) return preFrom;
    // hadolint treats an ARG as known even in a later stage that does not declare it again; we follow it there.
    return (firstArgs.get(name) ?? Number.POSITIVE_INFINITY) < at ? "unknown" : undefined;
  };
  // The shell's own escape character is always the backslash.
  return expandKnown(word.raw, lookup, "\\").value;
}

/**
 * The arguments of a command as the program receives them, as far as the Dockerfile tells: each word with a `$`
 * expansion takes its resolved value, and an unquoted expansion is split into fields by the shell
 * (`wget ${WGET_ARGS} url` with `WGET_ARGS="-q --progress=dot"` gives three arguments). A word whose value is unknown
 * is kept as written; undefined when such a word is a bare expansion, since it could hold any number of options.
 */
export function expandedArgs(model: DockerfileModel, command: RunCommand): CommandWord[] | undefined {
  const args = command.args;
  if (!args.some((a) => a.hasExpansion)) return args;
  const out: CommandWord[] = [];
  for (const word of args) {
    if (!word.hasExpansion) {
      out.push(word);
      continue;
    }
    const value = resolvedValue(model, command, word);
    if (value === undefined) {
      // Quoted, or starting with plain text (`https://x/$V`), it stays one argument of unknown content; only a bare
      // `$OPTS` may turn into any number of options.
      if (/^[$`]/.test(word.raw)) return undefined;
      out.push(word);
      continue;
    }
    const fields = /['"]/.test(word.raw) ? [value] : value.split(/[ \t\n]+/).filter((f) => f !== "");
    for (const field of fields)
      out.push(
        word instanceof ShellWord
          ? word.withValue(field)
          : { value: field, raw: word.raw, hasExpansion: false, hasGlob: word.hasGlob, span: word.span },
      );
  }
  return out;
}

/** The model's resolved references of an instruction that lie inside a span, found by binary search. */
function referencesIn(model: DockerfileModel, instruction: Instruction, span: Span): ResolvedReference[] {
  const list = referencesOf(model, instruction);
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid].ref.span.start < span.start) lo = mid + 1;
    else hi = mid;
  }
  const out: ResolvedReference[] = [];
  for (let k = lo; k < list.length && list[k].ref.span.start < span.end; k++) out.push(list[k]);
  return out;
}

/**
 * The value an ARG or ENV gives a variable for this RUN; undefined when unset or only known at build time. A RUN
 * before any FROM (a snippet, as hadolint's examples are; Docker rejects ENV there) sees the ENVs above it, which
 * the model leaves out.
 */
export function variableValue(model: DockerfileModel, script: RunScript, name: string): string | undefined {
  const def = scopeOf(model, script).get(name);
  if (def) return def.value;
  return script.stage ? undefined : preFromEnvValue(model, script, name);
}

function preFromEnvValue(model: DockerfileModel, script: RunScript, name: string): string | undefined {
  const at = (script.onbuild ?? script.instruction).span.start;
  let value: string | undefined;
  for (const env of preFromEnv(model).get(name) ?? []) if (env.at < at) value = env.value;
  return value;
}

function scopeOf(model: DockerfileModel, script: RunScript): ReadonlyMap<string, Definition> {
  if (!(script instanceof Script)) return model.scopeAt(script.onbuild ?? script.instruction);
  script.scope ??= model.scopeAt(script.onbuild ?? script.instruction);
  return script.scope;
}

const PRE_FROM_ENV = factKey<Map<string, { at: number; value: string }[]>>("preFromEnv");

function preFromEnv(model: DockerfileModel): Map<string, { at: number; value: string }[]> {
  return model.fact(PRE_FROM_ENV, () => {
    const envs = new Map<string, { at: number; value: string }[]>();
    for (const env of model.ast.instructions) {
      if (env.keyword === "FROM") break;
      if (env.keyword !== "ENV") continue;
      for (const pair of env.pairs ?? []) {
        const list = envs.get(pair.key) ?? [];
        list.push({ at: env.span.start, value: unquote(pair.value) });
        envs.set(pair.key, list);
      }
    }
    return envs;
  });
}

const FIRST_ARGS = factKey<Map<string, number>>("firstArgDeclarations");

/** Where each ARG name is first declared in the file. */
function firstArgDeclarations(model: DockerfileModel): Map<string, number> {
  return model.fact(FIRST_ARGS, () => {
    const first = new Map<string, number>();
    for (const d of model.definitions) {
      if (d.kind !== "arg" || !d.instruction || first.has(d.name)) continue;
      first.set(d.name, d.instruction.span.start);
    }
    return first;
  });
}

/**
 * Where the first (`which` 1) or last (2) command satisfying `test` starts in the script, -1 when none; the script is
 * scanned once per key. The answers are kept on the script as (key, first, last) triples, not in a Map of objects
 * (~200 B a script that rules asked about): the generated 2 MB file kept 73.7 -> 72.6 MB after the lint.
 */
function matchAt(script: RunScript, key: string, test: (c: RunCommand) => boolean, which: 1 | 2): number {
  const memo = script instanceof Script ? script.matches : undefined;
  if (memo !== undefined)
    for (let i = 0; i < memo.length; i += 3) if (memo[i] === key) return memo[i + which] as number;
  let first = -1;
  let last = -1;
  const commands = script.commands;
  for (let i = 0; i < commands.length; i++) {
    const c = commands[i];
    if (!test(c)) continue;
    if (first < 0) first = c.order;
    last = c.order;
  }
  if (script instanceof Script) {
    if (script.matches === undefined) script.matches = [key, first, last];
    else script.matches.push(key, first, last);
  }
  return which === 1 ? first : last;
}

/**
 * Whether a later command of the same RUN satisfies `test` (cleanups must come after what they clean up). `key`
 * names the test, so that the script is scanned once per key and not once per command.
 */
export function followedBy(command: RunCommand, key: string, test: (later: RunCommand) => boolean): boolean {
  return command.order < matchAt(command.script, key, test, 2);
}

/** Whether an earlier command of the same RUN satisfies `test` (see {@link followedBy} for `key`). */
export function precededBy(
  command: RunCommand,
  key: string,
  test: (earlier: RunCommand) => boolean,
): boolean {
  const first = matchAt(command.script, key, test, 1);
  return first >= 0 && first < command.order;
}
