/**
 * Users that RUN commands create (`useradd`, Debian's and BusyBox's `adduser`), with the facts the rules about users
 * need: the name, the UID when given, the home directory, and the stages that see the user (its stage and every stage
 * built FROM it).
 */
import { firstAtOrAfter, type Instruction } from "../../../grammar/index.js";
import { type DockerfileModel, factKey, type Stage } from "../../model/model.js";
import { wordValue } from "../../model/wordValues.js";
import type { RuleContext } from "../types.js";
import { type OptionSpec, type ParsedArgs, parseArgs, USERADD } from "./packageManagers.js";
import { type CommandWord, type RunCommand, resolvedValue, runCommands } from "./runScripts.js";

export interface CreatedUser {
  name: string;
  /** The word naming the user in the command. */
  word: CommandWord;
  uid?: string;
  /** Where its home is, when the command says or implies it; undefined when unknown (a variable, `--system`). */
  home?: string;
  command: RunCommand;
  stage: Stage;
}

/** BusyBox's short options and Debian's long ones (which BusyBox also accepts in part). */
const ADDUSER: OptionSpec = {
  short: "hgsGuk",
  long: [
    "home",
    "shell",
    "uid",
    "gid",
    "ingroup",
    "gecos",
    "comment",
    "firstuid",
    "lastuid",
    "firstgid",
    "lastgid",
    "conf",
    "add-extra-groups",
  ],
};

/** User names as useradd accepts them (and `$`-free, so that the value is known). */
const USER_NAME = /^[a-z_][a-z0-9_.-]*$/i;

function last(parsed: ParsedArgs, ...names: string[]): string | undefined {
  return parsed.options.filter((o) => names.includes(o.name)).at(-1)?.value;
}

function read(ctx: RuleContext, command: RunCommand): Omit<CreatedUser, "stage"> | undefined {
  const tool = command.name;
  if (tool !== "useradd" && tool !== "adduser") return undefined;
  const parsed = parseArgs(command.args, tool === "useradd" ? USERADD.options : ADDUSER);
  // `adduser USER GROUP` adds an existing user to a group (Debian and BusyBox alike).
  if (parsed.operands.length !== 1 || parsed.rest.length > 0) return undefined;
  const word = parsed.operands[0];
  const name = resolvedValue(ctx.model, command, word);
  if (name === undefined || !USER_NAME.test(name)) return undefined;
  const known = (v: string | undefined) => (v === undefined || v.includes("$") ? undefined : v);
  const uid = known(last(parsed, "u", "uid"));
  let home: string | undefined;
  if (tool === "useradd") {
    const dir = last(parsed, "d", "home-dir");
    const base = last(parsed, "b", "base-dir") ?? "/home";
    home = dir !== undefined ? known(dir) : known(`${base.replace(/\/+$/, "")}/${name}`);
  } else {
    const dir = last(parsed, "h", "home");
    // Debian's `adduser --system` gives system users /nonexistent unless told otherwise.
    if (dir !== undefined) home = known(dir);
    else if (!parsed.options.some((o) => o.name === "system")) home = `/home/${name}`;
  }
  return { name, word, uid, home, command };
}

const CREATED_USERS = factKey<CreatedUser[]>("createdUsers");
const USER_COMMANDS = ["useradd", "adduser"];

/** Every user a RUN of a stage creates, in document order (RUNs before the first FROM and ONBUILD ones excluded). */
export function createdUsers(ctx: RuleContext): CreatedUser[] {
  return ctx.model.fact(CREATED_USERS, () => {
    const users: CreatedUser[] = [];
    const commandList = runCommands(ctx, USER_COMMANDS);
    for (let commandIndex = 0; commandIndex < commandList.length; commandIndex++) {
      const command = commandList[commandIndex];
      const stage = command.script.stage;
      if (!stage || command.script.onbuild) continue;
      const user = read(ctx, command);
      if (user) users.push({ ...user, stage });
    }
    return users;
  });
}

const CHILDREN = factKey<Stage[][]>("stageChildren");

/**
 * The stage and every stage built FROM it, directly or not, in document order. Through each stage's children, once
 * per model: scanning every later stage for every created user took DF216 2.8 s on a file of 16,000 stages that each
 * create one.
 */
export function descendants(model: DockerfileModel, stage: Stage): Stage[] {
  const children = model.fact(CHILDREN, (m) => {
    const out: Stage[][] = m.stages.map(() => []);
    for (const s of m.stages) if (s.base.kind === "stage") out[s.base.stage.index].push(s);
    return out;
  });
  const out = [stage];
  for (let k = 0; k < out.length; k++) for (const c of children[out[k].index] ?? []) out.push(c);
  return out.length > 1 ? out.sort((a, b) => a.index - b.index) : out;
}

/**
 * Whether `test` holds for an instruction after the command that creates the user, in `stages` (the user's stage and
 * its descendants, as {@link descendants} lists them); stops at the first. A list of those instructions made for
 * every user made DF216 quadratic in the users a stage creates.
 */
export function someLaterInstruction(
  user: CreatedUser,
  stages: readonly Stage[],
  test: (instruction: Instruction) => boolean,
): boolean {
  const after = user.command.script.instruction.span.end;
  for (const s of stages) {
    const list = s.instructions;
    for (let k = s === user.stage ? firstAtOrAfter(list, after) : 0; k < list.length; k++)
      if (test(list[k])) return true;
  }
  return false;
}

/** The file's USER instructions by the user they name, and those whose value only the build knows (any user). */
interface UserSwitches {
  byName: Map<string, Instruction[]>;
  unknown: Instruction[];
}

const SWITCHES = factKey<UserSwitches>("userSwitches");

/**
 * The first USER after `instruction` that names the user (or its UID), in `stages` (the user's stage and its
 * descendants); a USER whose value only the build knows counts too, since it may. After the command that creates
 * the user when `instruction` is that command's RUN.
 * Found without listing the later instructions, and the USERs are read once per file, by the name they give: with
 * a list made for every user, a file of 16,000 `RUN useradd` + `USER` pairs took DF216 and DF217 49 s; each user's
 * search scanning every later instruction and working out every USER's value again made 6,000 users that no USER
 * names take ~0.3 s of searching (quadratic).
 */
export function userInstructionAfterIn(
  ctx: RuleContext,
  user: CreatedUser,
  stages: ReadonlySet<Stage>,
  instruction: Instruction,
): Instruction | undefined {
  const offset = instruction.span.end;
  const model = ctx.model;
  const { byName, unknown } = model.fact(SWITCHES, (m) => {
    const out: UserSwitches = { byName: new Map(), unknown: [] };
    for (const s of m.stages)
      for (const i of s.instructions) {
        if (i.keyword !== "USER" || !i.words[0]) continue;
        const value = wordValue(m, i, i.words[0].text, i.words[0].span, { undeclaredUnknown: true }).value;
        if (value === undefined) out.unknown.push(i);
        else {
          const who = value.split(":")[0];
          const list = out.byName.get(who);
          if (list) list.push(i);
          else out.byName.set(who, [i]);
        }
      }
    return out;
  });
  let best: Instruction | undefined;
  const consider = (list: readonly Instruction[] | undefined): void => {
    if (!list) return;
    for (let k = firstAtOrAfter(list, offset); k < list.length; k++) {
      const i = list[k];
      if (best !== undefined && i.span.start >= best.span.start) return;
      const stage = model.stageOf(i);
      if (stage && stages.has(stage)) {
        best = i;
        return;
      }
    }
  };
  consider(byName.get(user.name));
  if (user.uid !== undefined && user.uid !== user.name) consider(byName.get(user.uid));
  consider(unknown);
  return best;
}

const COPIES = factKey<Instruction[][]>("copiesByStage");

/** Whether a COPY or ADD comes after the command that creates the user, in the stages that see it. */
export function copyAfter(ctx: RuleContext, user: CreatedUser): boolean {
  const copies = ctx.model.fact(COPIES, (m) =>
    m.stages.map((s) => s.instructions.filter((i) => i.keyword === "COPY" || i.keyword === "ADD")),
  );
  const after = user.command.script.instruction.span.end;
  for (const s of descendants(ctx.model, user.stage)) {
    const list = copies[s.index] ?? [];
    if (list.length > 0 && (s !== user.stage || list[list.length - 1].span.start >= after)) return true;
  }
  return false;
}
