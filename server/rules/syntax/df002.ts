import type { Instruction, Span, Word } from "../../../grammar/index.js";
import { expansionProblems, logicalWord, spanInWord } from "../helpers/expansion.js";
import { allInstructions, defineRule, type RuleContext } from "../types.js";

/** Parser problems that are about missing or malformed arguments. */
const ARGUMENT_ERRORS = new Set([
  "missing-arguments",
  "missing-value",
  "missing-equals",
  "onbuild-missing-trigger",
]);

/** Instructions BuildKit rejects without arguments (ENV, LABEL and ONBUILD are reported by the parser). RUN, CMD
 * and ENTRYPOINT may be empty: BuildKit accepts them (`ENTRYPOINT` alone even resets the entrypoint). */
const NEED_ARGUMENTS = new Set([
  "FROM",
  "COPY",
  "ADD",
  "WORKDIR",
  "USER",
  "STOPSIGNAL",
  "MAINTAINER",
  "EXPOSE",
  "VOLUME",
  "ARG",
  "SHELL",
  "HEALTHCHECK",
]);

export const df002 = defineRule({
  code: "DF002",
  aliases: [],
  severity: "error",
  title: "Missing or malformed arguments",
  docs: {
    what: "Finds instructions with too few or too many arguments for what Docker expects: FROM with other than an image (and `AS name`), COPY/ADD without both a source and a destination, instructions left empty, HEALTHCHECK CMD without a command, ENV/LABEL pairs without `=` or value, empty ENV/LABEL/ARG names, and quotes that are never closed in the text Docker expands.",
    why: "Docker checks the shape of every instruction before it builds anything and stops with an error on the first one that does not fit. These mistakes usually come from a lost line continuation or an unbalanced quote, and the error message Docker gives does not always point at the right word.",
    bad: 'FROM alpine\nCOPY app.tar.gz\nENV GREETING="hello',
    good: 'FROM alpine\nCOPY app.tar.gz /srv/\nENV GREETING="hello"',
  },
  check(ctx) {
    for (let errorIndex = 0; errorIndex < ctx.ast.errors.length; errorIndex++) {
      const e = ctx.ast.errors[errorIndex];
      if (ARGUMENT_ERRORS.has(e.code)) ctx.report({ span: e.span, message: e.message });
    }
    const instructions = allInstructions(ctx.ast);
    for (let ni = 0; ni < instructions.length; ni++) {
      const instruction = instructions[ni];
      if (!instruction.known) continue;
      checkArguments(ctx, instruction);
      const problems = expansionProblems(ctx.ast, instruction);
      for (let qi = 0; qi < problems.length; qi++) {
        const p = problems[qi];
        if (p.kind === "quote") ctx.report({ span: p.span, message: p.message });
      }
    }
  },
});

/**
 * A finding without fixes. One function, not a `report` closure made for every instruction (with no Set of heredoc
 * markers made for every COPY, DF002's allocations per lint of the corpus, sampling heap profile, warm, every rule on,
 * 3.6 -> 1.0 MB).
 */
function report(ctx: RuleContext, span: Span, message: string): void {
  ctx.report({ span, message });
}

function checkArguments(ctx: RuleContext, instruction: Instruction): void {
  const kw = instruction.keyword;
  // A lone escape character is no argument either (`ARG \`).
  const empty = kw === "ARG" ? instruction.declarations?.length === 0 : instruction.args === "";
  if (empty && instruction.heredocs.length === 0) {
    if (NEED_ARGUMENTS.has(kw)) report(ctx, instruction.keywordSpan, `${kw} needs ${whatItNeeds(kw)}`);
    return;
  }
  switch (kw) {
    case "FROM":
      checkFrom(ctx, instruction);
      return;
    case "COPY":
    case "ADD":
      checkCopy(ctx, instruction);
      return;
    case "STOPSIGNAL": {
      // BuildKit reads the whole line as the signal; a second word makes it an unknown signal.
      const word = instruction.words[0];
      const blank = word ? /[ \t]+/.exec(word.text) : null;
      if (word && blank) {
        const at = blank.index + blank[0].length;
        report(
          ctx,
          spanInWord(logicalWord(instruction, word), at, word.text.length),
          `STOPSIGNAL takes one signal; '${word.text.slice(at)}' is extra`,
        );
      }
      return;
    }
    case "VOLUME":
      if (instruction.form?.kind === "exec") {
        if (instruction.form.elements.length === 0)
          report(ctx, instruction.form.span, "VOLUME needs at least one path");
        for (const e of instruction.form.elements) {
          if (e.value !== undefined && e.value.trim() === "")
            report(ctx, e.span, "VOLUME paths cannot be empty");
        }
      }
      return;
    case "HEALTHCHECK": {
      const type = instruction.words[0];
      if (type?.text.toUpperCase() !== "CMD") return;
      const form = instruction.form;
      if (!form || (form.kind === "exec" && form.elements.length === 0)) {
        report(ctx, type.span, "HEALTHCHECK CMD needs the command to run");
      }
      return;
    }
    case "ENV":
    case "LABEL":
      for (const p of instruction.pairs ?? []) {
        if (p.key === "")
          report(
            ctx,
            p.span,
            `${kw} names cannot be empty: '${p.value === "" ? "=" : `=${p.value}`}' has no name before =`,
          );
      }
      return;
    case "ARG":
      for (const d of instruction.declarations ?? []) {
        if (d.name === "") report(ctx, d.span, "ARG names cannot be empty: write ARG NAME=value");
      }
      return;
  }
}

function whatItNeeds(kw: string): string {
  switch (kw) {
    case "FROM":
      return "a base image";
    case "COPY":
    case "ADD":
      return "a source and a destination";
    case "SHELL":
      return 'the shell as a JSON array, e.g. ["/bin/sh", "-c"]';
    case "HEALTHCHECK":
      return "CMD and a command, or NONE";
    case "EXPOSE":
      return "at least one port";
    case "VOLUME":
      return "at least one path";
    case "ARG":
      return "at least one name";
    default:
      return "an argument";
  }
}

function checkFrom(ctx: RuleContext, instruction: Instruction): void {
  const words = instruction.words;
  if (words.length === 2 && words[1].text.toUpperCase() === "AS") {
    report(ctx, words[1].span, "AS needs a stage name after it");
    return;
  }
  // Three words are checked as `image AS name` by DF009.
  if (words.length < 2 || words.length === 3) return;
  const extra = words.slice(words[1].text.toUpperCase() === "AS" ? 3 : 1);
  const span = { start: extra[0].span.start, end: extra[extra.length - 1].span.end };
  const listed = extra.map((w) => `'${w.text}'`).join(" ");
  report(
    ctx,
    span,
    `FROM takes an image and optionally 'AS name'; ${listed} ${extra.length === 1 ? "is" : "are"} extra`,
  );
}

function checkCopy(ctx: RuleContext, instruction: Instruction): void {
  const kw = instruction.keyword;
  const form = instruction.form;
  if (form?.kind === "exec") {
    const elements = form.elements;
    if (elements.length === 0)
      report(ctx, form.span, `${kw} needs a source and a destination, but the list is empty`);
    else if (elements.length === 1) {
      const e = elements[0];
      report(
        ctx,
        { start: e.span.start + 1, end: e.span.end - 1 },
        `${kw} needs a source and a destination; only one path is given`,
      );
    }
    return;
  }
  const words = instruction.words;
  if (words.length === 1) {
    // A lone heredoc is a source without a destination.
    const span = isHeredocMarker(instruction, words[0]) ? instruction.keywordSpan : words[0].span;
    report(ctx, span, `${kw} needs a source and a destination; only '${words[0].text}' is given`);
  } else if (words.length > 1 && isHeredocMarker(instruction, words[words.length - 1])) {
    report(ctx, words[words.length - 1].span, `the destination of ${kw} cannot be a heredoc`);
  }
}

function isHeredocMarker(instruction: Instruction, word: Word): boolean {
  return instruction.heredocs.some((h) => h.marker.span.start === word.span.start);
}
