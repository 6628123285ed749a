import type { Instruction } from "../../../grammar/index.js";
import { contextPath, ignoreMatcher } from "../../model/buildContext.js";
import { contextSources } from "../helpers/contextSources.js";
import { buildTarget, reachableStages } from "../helpers/stages.js";
import { closestName } from "../helpers/suggest.js";
import { defineRule, type FixKind, fixOf } from "../types.js";

const SUGGESTED: FixKind = {
  title: "Use the similar name from the build context",
  safety: "unsafe",
  reason: "a guess from the names in that folder: the file it copies may not be the one meant",
};

/** BuildKit treats these as a pattern; a pattern that matches nothing copies nothing and does not fail. */
const WILDCARD = /[*?[]/;

export const df220 = defineRule({
  code: "DF220",
  aliases: ["CopyMissingSource"],
  severity: "error",
  title: "COPY or ADD of a path that is not in the build context",
  docs: {
    what: "Finds COPY and ADD sources that do not exist in the build context, and says which name in that folder comes closest. It runs only when the context is known for sure: `--context DIR`, the config's `context`, the editor setting `dflint.context`, or a Compose service (`--compose FILE --service NAME`). The Dockerfile's own folder is not enough: `docker build -f docker/Dockerfile .` is common, and a guessed context would report files that are there. Sources with variables are judged only when the ARG defaults or `--build-arg` values decide them; wildcard sources are left alone (BuildKit copies nothing for a pattern that matches nothing, and goes on); `COPY --from`, heredocs, URLs and git sources are not local files; ONBUILD triggers run in another build. A stage the build does not reach (not the target, `--target` or the last stage, nor anything it needs) is still checked, and the message says so. With `!` exceptions in the ignore file, a file the ignore file excludes counts as missing too (without exceptions DF116 reports it).",
    why: "The builder only sees the context it was sent. A misspelt or moved path fails the build at that step with a 'not found' error, after every earlier step has run; in CI that is minutes lost for a typo.",
    bad: "# the context holds app/ and requirements.txt\nFROM python:3.13\nCOPY requirement.txt /app/",
    good: "FROM python:3.13\nCOPY requirements.txt /app/",
  },
  fixes: [SUGGESTED],
  check(ctx) {
    const context = ctx.buildContext;
    // A context folder that cannot be read (a typo in --context) would make every source missing: say nothing.
    if (context?.origin !== "explicit" || context.list("") === undefined) return;
    const matcher = ignoreMatcher(context);
    if (matcher?.file.invalid) return;
    const where = context.name ? ` ${context.name}` : "";
    const target = buildTarget(ctx.model, ctx.settings.target);
    const reached = target ? reachableStages(ctx.model, target) : undefined;
    /** "the build fails here", or for a stage this build skips, when that stage is built. */
    const fails = (instruction: Instruction): string => {
      const stage = ctx.model.stageOf(instruction);
      if (!stage || !reached || reached.has(stage)) return "the build fails here";
      return `building stage '${stage.name ?? stage.index}' fails here (the ${ctx.settings.target ? "target" : "last stage"} does not need it)`;
    };
    for (const { instruction, source, value } of contextSources(ctx)) {
      if (value === undefined || value === "" || WILDCARD.test(value)) continue;
      // A `\` escapes in a pattern and is a name character on Linux; too rare to judge.
      if (value.includes("\\")) continue;
      // A drive letter (Windows builds drop it and read the rest from the context root): rare, left alone.
      if (/^[A-Za-z]:/.test(value)) continue;
      const path = contextPath(value);
      if (path === ".") continue;
      const parts = path.split("/");
      let dir = "";
      let missing: { index: number; entries: readonly string[] } | undefined;
      let isFile = false;
      let notFolder: string | undefined;
      for (let i = 0; i < parts.length; i++) {
        const entries = context.list(dir);
        const entry = entries?.find((e) => e.name === parts[i]);
        if (entry && i < parts.length - 1 && !entry.directory) {
          notFolder = parts.slice(0, i + 1).join("/");
          break;
        }
        if (!entry) {
          missing = { index: i, entries: (entries ?? []).map((e) => e.name) };
          break;
        }
        isFile = !entry.directory;
        dir = dir ? `${dir}/${parts[i]}` : parts[i];
      }
      if (notFolder !== undefined) {
        ctx.report({
          span: source.span,
          message: `'${notFolder}' is a file, not a folder: ${fails(instruction)}`,
        });
        continue;
      }
      if (!missing) {
        // Present but excluded. Without exceptions that is DF116's finding; with them, only a file is surely gone
        // (an exception may bring back part of an excluded folder).
        if (!matcher?.hasExceptions || !isFile || !matcher.excludes(path)) continue;
        ctx.report({
          span: source.span,
          message: `'${path}' is in the folder but ${matcher.file.name} keeps it out of the build context: ${fails(instruction)}`,
        });
        continue;
      }
      const name = parts[missing.index];
      const suggestion = closestName(name, missing.entries);
      const folder =
        missing.index === 0 ? `the build context${where}` : `'${parts.slice(0, missing.index).join("/")}'`;
      const what = missing.index < parts.length - 1 ? "folder" : "file or folder";
      const hint = suggestion === undefined ? "" : ` (did you mean '${suggestion}'?)`;
      ctx.report({
        span: source.span,
        message: `${folder} has no ${what} '${name}'${hint}: ${fails(instruction)}`,
        fixes: [
          suggestion === undefined ? undefined : renameSegment(source, value, missing.index, suggestion),
        ],
      });
    }
  },
});

/** Replaces the `index`-th name of the source when the word is the path as written (no quotes or variables). */
function renameSegment(
  source: { text: string; span: { start: number; end: number } },
  value: string,
  index: number,
  name: string,
) {
  if (source.text !== value || source.span.end - source.span.start !== value.length) return undefined;
  const pieces = value.split("/");
  if (pieces.includes("..")) return undefined;
  let offset = 0;
  let n = 0;
  for (const piece of pieces) {
    if (piece !== "" && piece !== ".") {
      if (n === index) {
        const start = source.span.start + offset;
        return fixOf(
          SUGGESTED,
          [{ span: { start, end: start + piece.length }, newText: name }],
          `Use '${name}'`,
        );
      }
      n++;
    }
    offset += piece.length + 1;
  }
  return undefined;
}
