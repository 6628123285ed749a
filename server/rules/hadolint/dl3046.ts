import { hasOption, toolCommand, USERADD } from "../helpers/packageManagers.js";
import { insertAfter, resolvedValue, runCommands } from "../helpers/runScripts.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const NO_LOG_INIT: FixKind = {
  title: "Add -l",
  safety: "safe",
  reason:
    "-l only skips the user's records in /var/log/lastlog and faillog, which nothing in a container reads; the user, UID, groups and home are the same",
};

export const dl3046 = defineRule({
  code: "DL3046",
  aliases: [],
  severity: "warning",
  title: "Use useradd -l with a high UID",
  docs: {
    what: "Finds `useradd` with a UID of six or more digits and without `-l` (`--no-log-init`).",
    why: "useradd records the new user in /var/log/lastlog and /var/log/faillog, sparse files indexed by UID. Docker's layer format does not keep files sparse, so a UID such as 100000 can add gigabytes of zeros to the image. `-l` skips those files.",
    bad: "RUN useradd -u 123456 app",
    good: "RUN useradd -l -u 123456 app",
  },
  fixes: [NO_LOG_INIT],
  check(ctx) {
    for (const command of runCommands(ctx, USERADD.names)) {
      const useradd = toolCommand(command, USERADD);
      if (!useradd || hasOption(useradd.parsed, "l", "no-log-init")) continue;
      const uid = useradd.parsed.options.filter((o) => o.name === "u" || o.name === "uid").at(-1);
      if (uid?.value === undefined) continue;
      // `-u $UID` counts when the Dockerfile gives the value; an unknown value gets the benefit of the doubt.
      const digits = uid.valueWord ? resolvedValue(ctx.model, command, uid.valueWord) : uid.value;
      if (digits === undefined || !/^\d{6,}$/.test(digits)) continue;
      ctx.report({
        span: command.word.span,
        message: `useradd -u ${digits} without -l: /var/log/lastlog and /var/log/faillog grow in proportion to the UID, and the layer stores them in full`,
        fixes: [fixOf(NO_LOG_INIT, [insertAfter(command, command.word, ["-l"])])],
      });
    }
  },
});
