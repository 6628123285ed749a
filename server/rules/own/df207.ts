import { posix } from "node:path";
import type { Instruction } from "../../../grammar/index.js";
import type { Stage } from "../../model/model.js";
import { parseMountFlag } from "../../model/mounts.js";
import { EXEC_FORM, execFormFix } from "../helpers/execForm.js";
import { copySources } from "../helpers/sources.js";
import { parentStage, rootStage } from "../helpers/stages.js";
import { workdirsBefore } from "../helpers/workdir.js";
import { defineRule, type RuleContext } from "../types.js";

/** Where a file that could be the shell may land: /bin/sh itself, or a folder on the way to it. */
const SHELL_PATH = /^\/(?:$|bin(?:$|\/)|usr(?:$|\/bin(?:$|\/)))/;
/** Sources that could be a shell, whatever the destination (with a SHELL or a symlink to follow). */
const SHELL_FILE = /(?:^|\/)(?:sh|bash|ash|dash|zsh|busybox[^/]*|toybox|rootfs[^/]*)\/?$/i;

export const df207 = defineRule({
  code: "DF207",
  aliases: [],
  severity: "error",
  title: "Shell form in a stage built FROM scratch",
  docs: {
    what: "Finds shell-form RUN, CMD, ENTRYPOINT and HEALTHCHECK CMD in a stage that is built `FROM scratch` (directly or through stages it is built on) when nothing could have put a shell at /bin/sh: no COPY or ADD to `/`, `/bin` or `/usr/bin`, none of a file named like a shell or BusyBox, no exec-form RUN, no SHELL. For CMD, ENTRYPOINT, HEALTHCHECK and ONBUILD RUN, which run in the finished image, stages built on this one count too. Anything it cannot be sure of (variables, a relative destination after an unknown WORKDIR, a mount over /bin, a heredoc with its own `#!`) keeps it quiet.",
    why: 'The shell form runs the command as `/bin/sh -c "..."`, and an image built from scratch holds nothing but what was copied in. A RUN then fails the build; a CMD or ENTRYPOINT lets the build pass but the container cannot start (`exec: "/bin/sh": no such file or directory`), and a health check never passes. The exec form starts the program directly.',
    bad: "FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT /app --serve",
    good: 'FROM scratch\nCOPY --from=build /out/app /app\nENTRYPOINT ["/app", "--serve"]',
  },
  fixes: [EXEC_FORM],
  check(ctx) {
    // Facts along each stage's chain, worked out once in stage order (a stage is only built on an earlier one), so a
    // long chain of stages costs linear time: walking every chain for every stage and CMD took 145 s for a file of
    // 1,000 chained stages built FROM scratch, and a 1 MB file of chained FROMs ran out of memory.
    const stages = ctx.model.stages;
    const scratch = stages.map((s) => rootStage(ctx.model, s).base.kind === "scratch");
    // Only a chain that starts FROM scratch matters (its stages' parents and children start there too): most files
    // have none, and then no instruction is looked at.
    if (!scratch.includes(true)) return;
    const provides = stages.map((s) =>
      scratch[s.index] ? s.instructions.map((i) => providesShell(ctx, i)) : NO_FLAGS,
    );
    const providesAny = provides.map((p) => p.includes(true));
    const dollar: boolean[] = [];
    const inherited: boolean[] = [];
    const entrypoint: boolean[] = [];
    for (const stage of stages) {
      const parent = parentStage(stage);
      const k = stage.index;
      dollar[k] =
        (stage.from.words[0]?.text.includes("$") ?? false) || (parent ? dollar[parent.index] : false);
      inherited[k] = parent ? providesAny[parent.index] || inherited[parent.index] : false;
      entrypoint[k] =
        stage.instructions.some((i) => i.keyword === "ENTRYPOINT") ||
        (parent ? entrypoint[parent.index] : false);
    }
    // Whether a stage built on this one, directly or not, could put a shell there.
    const below = stages.map(() => false);
    for (let k = stages.length - 1; k >= 0; k--) {
      const parent = parentStage(stages[k]);
      if (parent && (providesAny[k] || below[k])) below[parent.index] = true;
    }
    for (const stage of stages) {
      const k = stage.index;
      // `FROM $BASE` whose default is scratch: a build argument can name another image.
      if (!scratch[k] || dollar[k] || inherited[k]) continue;
      const own = provides[k];
      const later = providesAny[k] || below[k];
      let before = false;
      for (let n = 0; n < stage.instructions.length; n++) {
        const instruction = stage.instructions[n];
        if (instruction.keyword === "RUN") {
          if (needsShell(instruction) && !before && !mountsShell(ctx, instruction))
            report(ctx, instruction, stage, "RUN");
        } else if (instruction.keyword === "CMD" && entrypoint[k]) {
          // With an ENTRYPOINT, a shell-form CMD only becomes its arguments (`/bin/sh -c ...` as words): odd, but
          // nothing runs a shell, and a shell-form ENTRYPOINT is reported itself.
        } else if (runsInImage(instruction) && needsShell(instruction) && !later) {
          report(ctx, instruction, stage, instruction.keyword);
        }
        const trigger = instruction.trigger;
        if (trigger?.keyword === "RUN" && needsShell(trigger) && !later)
          report(ctx, trigger, stage, "ONBUILD RUN");
        if (own[n]) before = true;
      }
    }
  },
});

const NO_FLAGS: boolean[] = [];

function runsInImage(i: Instruction): boolean {
  return i.keyword === "CMD" || i.keyword === "ENTRYPOINT" || i.keyword === "HEALTHCHECK";
}

/** Shell form, and not a heredoc script that names its own interpreter with `#!`. */
function needsShell(i: Instruction): boolean {
  if (i.form?.kind !== "shell") return false;
  return !i.heredocs.some((h) => h.content.startsWith("#!"));
}

function report(ctx: RuleContext, instruction: Instruction, stage: Stage, what: string): void {
  const form = instruction.form;
  if (!form) return;
  const name = stage.name === undefined ? `stage ${stage.index}` : `stage '${stage.name}'`;
  const why =
    what === "RUN"
      ? "the build fails here"
      : what === "ONBUILD RUN"
        ? "every build FROM this image fails"
        : what === "HEALTHCHECK"
          ? "every probe fails and the container is never healthy"
          : "the container cannot start";
  ctx.report({
    span: form.span,
    message: `shell-form ${what} runs /bin/sh -c, but ${name} is built FROM scratch and nothing copies a shell into it: ${why}; use the JSON form`,
    fixes: [execFormFix(instruction)],
  });
}

/** A `--mount` of this RUN that could put something at /bin/sh. */
function mountsShell(ctx: RuleContext, run: Instruction): boolean {
  for (const flag of run.flags) {
    if (flag.name !== "mount") continue;
    const target = parseMountFlag(flag, ctx.ast.text).options.find(
      (o) => o.key === "target" || o.key === "dst" || o.key === "destination",
    )?.value;
    if (target === undefined || target.includes("$") || SHELL_PATH.test(posix.normalize(`/${target}`)))
      return true;
  }
  return false;
}

/** Whether an instruction could leave a shell at /bin/sh, or makes it unclear which shell runs. */
function providesShell(ctx: RuleContext, i: Instruction): boolean {
  const kw = i.keyword;
  if (kw === "SHELL") return true;
  // An exec-form RUN runs something that was copied in, which can install a shell (`busybox --install`).
  if (kw === "RUN") return i.form?.kind === "exec";
  if (kw !== "COPY" && kw !== "ADD") return false;
  if (i.args.includes("$") || i.flags.some((f) => f.value?.includes("$"))) return true;
  const { sources, destination } = copySources(ctx.ast, i);
  if (!destination) return true;
  // Only a working directory no variable decides: a build argument could point it at /bin.
  const { workdir, viaVariable } = workdirsBefore(ctx, i);
  const dir = viaVariable ? undefined : workdir;
  const dest = destination.path.startsWith("/")
    ? destination.path
    : dir === undefined
      ? undefined
      : `${dir}/${destination.path}`;
  if (dest === undefined || SHELL_PATH.test(posix.normalize(dest))) return true;
  return sources.some((s) => SHELL_FILE.test(s.path)) || SHELL_FILE.test(destination.path);
}
