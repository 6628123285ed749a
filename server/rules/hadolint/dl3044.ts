import { unquote } from "../../../grammar/shell.js";
import { allInstructions, defineRule } from "../types.js";

export const dl3044 = defineRule({
  code: "DL3044",
  aliases: [],
  severity: "error",
  title: "ENV uses a variable it sets itself",
  docs: {
    what: "Finds ENV instructions where a value refers to a variable that an earlier pair of the same ENV sets.",
    why: "Docker expands every value of an ENV with the environment from before the instruction. In `ENV DIR=/opt/app BIN=$DIR/bin`, `$DIR` is not `/opt/app` but whatever DIR was before (usually nothing), so BIN becomes `/bin`. Split the ENV so the second one sees the first.",
    bad: "ENV DIR=/opt/app BIN=$DIR/bin",
    good: "ENV DIR=/opt/app\nENV BIN=$DIR/bin",
  },
  check(ctx) {
    const opts = { escapeChar: ctx.ast.escapeChar };
    const instructions = allInstructions(ctx.ast);
    for (let ni = 0; ni < instructions.length; ni++) {
      const instruction = instructions[ni];
      if (instruction.keyword !== "ENV" || instruction.variables.length === 0) continue;
      const pairs = instruction.pairs ?? [];
      const refs = instruction.variables.filter((v) => v.expandedBy === "docker");
      // Without a reference there is nothing to report: skip unquoting every key and value (most ENVs).
      if (refs.length === 0) continue;
      const setEarlier = new Map<string, string>();
      let r = 0;
      for (let qi = 0; qi < pairs.length; qi++) {
        const pair = pairs[qi];
        // References come in document order, like the pairs.
        while (r < refs.length && refs[r].span.start < pair.valueSpan.start) r++;
        for (; r < refs.length && refs[r].span.end <= pair.valueSpan.end; r++) {
          const ref = refs[r];
          const earlier = setEarlier.get(ref.name);
          if (earlier === undefined) continue;
          ctx.report({
            span: ref.span,
            message: `'${ctx.ast.text.slice(ref.span.start, ref.span.end)}' gets the value ${ref.name} had before this ENV, not ${JSON.stringify(earlier)} set earlier in it; set ${ref.name} in a separate ENV first`,
          });
        }
        setEarlier.set(unquote(pair.key, opts), unquote(pair.value, opts));
      }
    }
  },
});
