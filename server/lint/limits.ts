import { countInstructions } from "../../grammar/index.js";

/**
 * The most instructions the dflint command and the language server lint in one document. What a lint keeps grows
 * with the instructions more than with the bytes: 500,000 one-word instructions (`x`) peak at ~350 MB, as many
 * `ENV A=1` at ~440 MB, `FROM a` (a stage and two findings each) at ~830 MB (2026-12-04), and a 10 MiB file of `x`
 * lines (5.2 million) ran the command out of a 2 GB heap after 38 s (it aborts: V8 cannot recover). A Dockerfile
 * has thousands at most; the generated 10 MB file of the benchmark has 203,658.
 */
export const MAX_INSTRUCTIONS = 500_000;

/**
 * How many instructions the text has when that is more than {@link MAX_INSTRUCTIONS}, else undefined. A text of at
 * most twice that many characters is not counted: an instruction takes two of them, its newline included.
 */
export function tooManyInstructions(text: string): number | undefined {
  if (text.length <= 2 * MAX_INSTRUCTIONS) return undefined;
  const n = countInstructions(text);
  return n > MAX_INSTRUCTIONS ? n : undefined;
}
