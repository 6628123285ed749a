import { ignoreMatcher } from "../../model/buildContext.js";
import { cleanPath } from "../../model/dockerignore.js";
import { contextSources } from "../helpers/contextSources.js";
import { defineRule } from "../types.js";

/** Patterns that leave nothing of the context root: only they make `COPY . .` copy nothing (BuildKit's test). */
const WHOLE_ROOT = new Set(["*", "**", "**/*"]);

export const df116 = defineRule({
  code: "DF116",
  aliases: ["CopyIgnoredFile"],
  severity: "warning",
  title: "COPY or ADD of a path the .dockerignore excludes",
  docs: {
    what: "Finds COPY and ADD sources from the build context that the context's ignore file excludes: the `<Dockerfile>.dockerignore` beside the Dockerfile if there is one, else `.dockerignore` at the context root. It needs to know the context: `--context DIR`, the config's `context`, the editor setting `dflint.context`, or a Compose service (`--compose FILE --service NAME`); without any of them the Dockerfile's folder is taken, which is enough here because nothing is reported unless an ignore file is found. As in Docker, an ignore file with any `!` exception turns the check off (an exception can bring back part of an excluded folder), `COPY --from` and heredoc sources are not looked at, and sources with variables are judged after expansion with the ARG defaults and `--build-arg` values. Unlike Docker, a source written with a leading `/` is checked too: it names the same context path.",
    why: "Excluded files are never sent to the builder. A COPY of one fails the build with a 'not found' error, or, for a folder, silently copies less than it seems to; either way the Dockerfile and its ignore file disagree about what the image needs.",
    bad: "# .dockerignore holds: config/\nFROM alpine\nCOPY config/app.yaml /etc/app.yaml",
    good: "# .dockerignore holds: config/\n# and !config/app.yaml is added, or the COPY goes\nFROM alpine\nCOPY app.yaml /etc/app.yaml",
  },
  check(ctx) {
    const context = ctx.buildContext;
    if (!context) return;
    const matcher = ignoreMatcher(context);
    // A pattern Docker refuses fails the build before any step runs; there is nothing to judge.
    if (!matcher || matcher.file.invalid || matcher.hasExceptions) return;
    const wholeRoot = matcher.file.patterns.some((p) => WHOLE_ROOT.has(p.text));
    for (const { instruction, source, value } of contextSources(ctx)) {
      if (value === undefined) continue;
      let path = cleanPath(value);
      const root = path === "." || path === "/";
      if (!root && path.startsWith("/")) path = path.slice(1);
      // The root itself is not a path an ignore file can exclude, unless a pattern takes every entry of it.
      if (root ? !wholeRoot : !matcher.excludes(path)) continue;
      const pattern = root
        ? matcher.file.patterns.find((p) => WHOLE_ROOT.has(p.text))
        : matcher.patternFor(path);
      const verb = instruction.keyword === "ADD" ? "ADD" : "COPY";
      const where = pattern ? ` (line ${pattern.line}: '${pattern.text}')` : "";
      ctx.report({
        span: source.span,
        message: `${verb} source '${path}' is excluded by ${matcher.file.name}${where}: the builder never receives it`,
      });
    }
  },
});
