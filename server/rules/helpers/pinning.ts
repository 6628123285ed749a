/**
 * The version-pinning rules (DL3008 apt-get, DL3013 pip, DL3016 npm, DL3018 apk, DL3028 gem, DL3033 yum, DL3037
 * zypper, DL3041 dnf) report once per RUN, as hadolint does, so that counts and `# hadolint ignore=` pragmas carry
 * over: the finding names the unpinned packages, and each package's own range is a related location.
 */
import type { Span } from "../../../grammar/index.js";
import type { DockerfileModel } from "../../model/model.js";
import type { RuleContext } from "../types.js";
import type { CommandWord, RunCommand } from "./runScripts.js";
import { resolvedValue, spanOf } from "./runScripts.js";

export interface Unpinned {
  command: RunCommand;
  /** The words that name the action, e.g. `apt-get install`: where the finding points. */
  action: CommandWord;
  word: CommandWord;
  /** The package as the command receives it (variables with known values substituted). */
  name: string;
  /** What is wrong with this package alone, e.g. `'curl' is installed without a version: pin it as curl=<version>`. */
  message: string;
}

export interface PinningWords {
  /** `packages`, `gems`. */
  plural: string;
  /** The advice for several at once, e.g. `pin each as <name>=<version>`. */
  advice: string;
}

/**
 * The packages the words stand for, with the values the file gives their variables: an unquoted variable holding
 * several names (`$PHPIZE_DEPS`) splits into them, as the shell splits it. `value` is undefined when unknown. An
 * array, not a generator (nor are the rules' `unpinned` lists): see {@link reportUnpinnedPerRun}.
 */
export function packageWords(
  model: DockerfileModel,
  command: RunCommand,
  words: readonly CommandWord[],
): { word: CommandWord; value: string | undefined }[] {
  const out: { word: CommandWord; value: string | undefined }[] = [];
  for (const word of words) {
    const value = resolvedValue(model, command, word);
    if (value === undefined || !word.hasExpansion || /["']/.test(word.raw) || !/\s/.test(value)) {
      out.push({ word, value });
      continue;
    }
    for (const part of value.split(/\s+/)) if (part !== "") out.push({ word, value: part });
  }
  return out;
}

/** At most this many names in a message; the related locations list every one. */
const NAMES_SHOWN = 5;
/** Longer names (URLs, say) are cut in the message. */
const NAME_LENGTH = 40;

/**
 * One finding per RUN script (an ONBUILD trigger is its own) for the unpinned packages in it, in order. `unpinned`
 * is in document order, so a script's packages are next to each other. With arrays for `unpinned` and packageWords
 * instead of generators, and no Map by script, the eight pinning rules' own time over the corpus, cold (a fresh
 * process linting it once, every rule on, medians of 12 alternating): 73.7 -> 68.5 ms.
 */
export function reportUnpinnedPerRun(
  ctx: RuleContext,
  unpinned: readonly Unpinned[],
  words: PinningWords,
): void {
  for (let i = 0; i < unpinned.length; ) {
    const first = unpinned[i];
    const script = first.command.script;
    let end = i + 1;
    while (end < unpinned.length && unpinned[end].command.script === script) end++;
    const list = end - i === unpinned.length ? unpinned : unpinned.slice(i, end);
    ctx.report({
      span: actionSpan(first),
      message: list.length === 1 ? first.message : summary(list, words),
      related: list.map((u) => ({ span: u.word.span, message: u.message })),
    });
    i = end;
  }
}

function actionSpan(u: Unpinned): Span {
  return spanOf(u.command.word, u.action);
}

function summary(list: readonly Unpinned[], words: PinningWords): string {
  const names = list.slice(0, NAMES_SHOWN).map((u) => cut(u.name));
  const rest = list.length - names.length;
  const shown =
    rest > 0
      ? `${names.join(", ")} and ${rest} more`
      : `${names.slice(0, -1).join(", ")} and ${names.at(-1)}`;
  return `${list.length} ${words.plural} are installed without a version (${shown}): ${words.advice}`;
}

function cut(name: string): string {
  return name.length <= NAME_LENGTH ? name : `${name.slice(0, NAME_LENGTH - 1)}…`;
}
