import type { Instruction } from "../../../grammar/index.js";
import type { Stage } from "../../model/model.js";
import { stageChain } from "../helpers/stages.js";
import {
  type CreatedUser,
  createdUsers,
  descendants,
  someLaterInstruction,
  userInstructionAfterIn,
} from "../helpers/users.js";
import { defineRule, type RuleContext } from "../types.js";

/** Programs that start another program as a given user: an image using one may drop privileges at run time. */
const SWITCHERS =
  /(?<![\w-])(?:gosu|su-exec|suexec|runuser|setpriv|chpst|s6-setuidgid|setuidgid|sudo|su|doas|supervisord|start-stop-daemon|capsh)(?![\w-])/;

/** An instruction whose text holds a word, and the stage it is in. */
interface Place {
  instruction: Instruction;
  stage: Stage;
}

/**
 * Every name an instruction's text could mention, with where: each run of `[\w.-]` characters, and each part of it up
 * to a dot (`app` in `app.log`), which is what {@link mentions}'s expression matches at the start of a run. Made
 * once per file: testing each user's expression on every later instruction made DF216 quadratic in the users of a
 * stage (16,000 `RUN useradd` lines: 12.5 s).
 */
function wordPlaces(ctx: RuleContext): Map<string, Place[]> {
  const source = ctx.ast.text;
  const places = new Map<string, Place[]>();
  for (const stage of ctx.model.stages)
    for (const instruction of stage.instructions) {
      const text = source.slice(instruction.fullSpan.start, instruction.fullSpan.end);
      for (const m of text.matchAll(/[\w.-]+/g)) {
        const run = m[0];
        for (let end = run.indexOf("."); ; end = run.indexOf(".", end + 1)) {
          const word = end < 0 ? run : run.slice(0, end);
          if (word !== "") {
            const list = places.get(word);
            if (list) list.push({ instruction, stage });
            else places.set(word, [{ instruction, stage }]);
          }
          if (end < 0) break;
        }
      }
    }
  return places;
}

/** A name that only has characters of the runs {@link wordPlaces} indexes. */
const RUN_WORD = /^[\w.-]+$/;

function mentions(
  ctx: RuleContext,
  places: () => Map<string, Place[]>,
  user: CreatedUser,
  stages: readonly Stage[],
  seen: ReadonlySet<Stage>,
): boolean {
  const source = ctx.ast.text;
  const words = user.uid === undefined ? [user.name] : [user.name, user.uid];
  const name = new RegExp(`(?<![\\w.-])(?:${words.map((w) => w.replace(/\./g, "\\.")).join("|")})(?![\\w-])`);
  const rest = source.slice(user.command.span.end, user.command.script.instruction.fullSpan.end);
  if (name.test(rest)) return true;
  if (!words.every((w) => RUN_WORD.test(w)))
    return someLaterInstruction(user, stages, (i) =>
      name.test(source.slice(i.fullSpan.start, i.fullSpan.end)),
    );
  const after = user.command.script.instruction.span.end;
  return words.some((w) =>
    (places().get(w) ?? []).some((p) => p.instruction.span.start >= after && seen.has(p.stage)),
  );
}

export const df216 = defineRule({
  code: "DF216",
  aliases: [],
  severity: "info",
  // Off by default: on the corpus, every user created without a USER was meant (see the docs' last sentence).
  defaultOff: true,
  title: "User created but never used",
  docs: {
    what: "Finds a user that a RUN creates (`useradd`, `adduser`, BusyBox's `adduser -D`) when nothing in its stage, or in the stages built FROM it, uses it: no USER names it (or its UID), no program that switches users (`gosu`, `su-exec`, `su`, `setpriv`, `sudo`, `supervisord`, …) appears, no later instruction mentions the name or UID, and there is no ENTRYPOINT (here or in the stage it is built on) (whose script may switch). Off by default: images often create users for something the Dockerfile does not show, such as a base image that leaves `USER` to the images built on it, a daemon that drops privileges by its own configuration, or a dev container's `remoteUser`; on our corpus these were all the cases left.",
    why: "Creating an unprivileged user and then forgetting `USER` is a common way to ship an image that still runs as root. Where that is the mistake, the user shows it.",
    bad: 'FROM debian:12\nRUN useradd --create-home appuser\nCOPY app /usr/local/bin/app\nCMD ["app"]',
    good: 'FROM debian:12\nRUN useradd --create-home appuser\nCOPY app /usr/local/bin/app\nUSER appuser\nCMD ["app"]',
  },
  check(ctx) {
    const source = ctx.ast.text;
    let wordsOfFile: Map<string, Place[]> | undefined;
    const places = () => {
      wordsOfFile ??= wordPlaces(ctx);
      return wordsOfFile;
    };
    // Whether a stage's own instructions name a program that switches users or set an ENTRYPOINT, once per stage:
    // read again for every user, 2,000 users in one stage that each COPY and chown took this rule 2.1 s.
    const switches = new Map<Stage, boolean>();
    const switchesIn = (stage: Stage): boolean => {
      let known = switches.get(stage);
      if (known === undefined) {
        known = stage.instructions.some(
          (i) => i.keyword === "ENTRYPOINT" || SWITCHERS.test(source.slice(i.fullSpan.start, i.fullSpan.end)),
        );
        switches.set(stage, known);
      }
      return known;
    };
    for (const user of createdUsers(ctx)) {
      const stages = descendants(ctx.model, user.stage);
      const seen = new Set(stages);
      if (userInstructionAfterIn(ctx, user, seen, user.command.script.instruction)) continue;
      // An ENTRYPOINT may also come from the stage it is built on, and its script may switch users.
      if (stageChain(user.stage).some(switchesIn) || stages.some(switchesIn)) continue;
      if (mentions(ctx, places, user, stages, seen)) continue;
      ctx.report({
        span: user.word.span,
        message: `user '${user.name}' is created but nothing uses it: no USER names it, so the container runs as root; add USER ${user.uid ?? user.name} where the program should stop running as root`,
      });
    }
  },
});
