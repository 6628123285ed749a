import {
  APT_GET,
  aptSimulates,
  isSubcommand,
  type ParsedArgs,
  toolCommand,
} from "../helpers/packageManagers.js";
import { insertAfter, runCommands, spanOf } from "../helpers/runScripts.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const NO_RECOMMENDS: FixKind = {
  title: "Add --no-install-recommends",
  safety: "unsafe",
  reason:
    "it changes which packages are installed: recommended ones the image may rely on (ca-certificates for curl, wget and git) are left out",
};

export const dl3015 = defineRule({
  code: "DL3015",
  aliases: [],
  severity: "info",
  title: "Use apt-get install --no-install-recommends",
  docs: {
    what: "Finds `apt-get install` without `--no-install-recommends` (or `-o APT::Install-Recommends=false`).",
    why: "By default apt-get also installs every package the requested ones merely recommend: documentation, optional helpers, sometimes whole toolchains. They make the image larger and add software nobody asked for. Ask for the extra packages by name when you need them.",
    bad: "RUN apt-get install -y python3",
    good: "RUN apt-get install -y --no-install-recommends python3",
  },
  fixes: [NO_RECOMMENDS],
  check(ctx) {
    for (const command of runCommands(ctx, APT_GET.names)) {
      const apt = toolCommand(command, APT_GET);
      if (
        !apt?.subcommand ||
        !isSubcommand(apt, "install") ||
        aptSimulates(apt) ||
        skipsRecommends(apt.parsed)
      ) {
        continue;
      }
      const first = apt.operands[0]?.value;
      ctx.report({
        span: spanOf(command.word, apt.subcommand),
        message: first
          ? `apt-get install also installs what '${first}'${apt.operands.length > 1 ? " and the other packages" : ""} merely recommend${apt.operands.length > 1 ? "" : "s"}: add --no-install-recommends`
          : "apt-get install also installs recommended packages: add --no-install-recommends",
        fixes: [fixOf(NO_RECOMMENDS, [insertAfter(command, apt.subcommand, ["--no-install-recommends"])])],
      });
    }
  },
});

function skipsRecommends(parsed: ParsedArgs): boolean {
  return parsed.options.some((o) => {
    if (o.name === "no-install-recommends") return true;
    if ((o.name !== "o" && o.name !== "option") || o.value === undefined) return false;
    const eq = o.value.indexOf("=");
    return (
      eq > 0 &&
      o.value.slice(0, eq).toLowerCase() === "apt::install-recommends" &&
      /^(false|no|0|off)$/i.test(o.value.slice(eq + 1))
    );
  });
}
