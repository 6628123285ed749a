import type { Stage } from "../../model/model.js";
import { stageChain } from "../helpers/stages.js";
import {
  type CreatedUser,
  createdUsers,
  descendants,
  someLaterInstruction,
  userInstructionAfter,
} from "../helpers/users.js";
import { defineRule } from "../types.js";

/** Programs that start another program as a given user: an image using one may drop privileges at run time. */
const SWITCHERS =
  /(?<![\w-])(?:gosu|su-exec|suexec|runuser|setpriv|chpst|s6-setuidgid|setuidgid|sudo|su|doas|supervisord|start-stop-daemon|capsh)(?![\w-])/;

function mentions(source: string, user: CreatedUser, stages: readonly Stage[]): boolean {
  const words = user.uid === undefined ? [user.name] : [user.name, user.uid];
  const name = new RegExp(`(?<![\\w.-])(?:${words.map((w) => w.replace(/\./g, "\\.")).join("|")})(?![\\w-])`);
  const rest = source.slice(user.command.span.end, user.command.script.instruction.fullSpan.end);
  return (
    name.test(rest) ||
    someLaterInstruction(user, stages, (i) => name.test(source.slice(i.fullSpan.start, i.fullSpan.end)))
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
      if (userInstructionAfter(ctx, user)) continue;
      const stages = descendants(ctx.model, user.stage);
      // An ENTRYPOINT may also come from the stage it is built on, and its script may switch users.
      if (stageChain(user.stage).some(switchesIn) || stages.some(switchesIn)) continue;
      if (mentions(source, user, stages)) continue;
      ctx.report({
        span: user.word.span,
        message: `user '${user.name}' is created but nothing uses it: no USER names it, so the container runs as root; add USER ${user.uid ?? user.name} where the program should stop running as root`,
      });
    }
  },
});
