import type { Instruction } from "../../../grammar/index.js";
import { wordValue } from "../../model/wordValues.js";
import type { RuleContext } from "../types.js";
import { type CopySource, copySources, isGitSource, isUrl } from "./sources.js";

export interface ContextSource {
  instruction: Instruction;
  source: CopySource;
  /** The source after Docker's expansion; undefined when it uses a variable only the build knows. */
  value: string | undefined;
}

/**
 * The sources of COPY and ADD that BuildKit reads from the build context: not `COPY --from` (a stage or image), not
 * heredoc bodies, not URLs or git repositories. ONBUILD triggers are left out: they run in another build, with
 * another context. With the Windows escape character (the file is for Windows), `\` separates folders.
 */
export function contextSources(ctx: RuleContext): ContextSource[] {
  const out: ContextSource[] = [];
  for (let instructionIndex = 0; instructionIndex < ctx.ast.instructions.length; instructionIndex++) {
    const instruction = ctx.ast.instructions[instructionIndex];
    if (instruction.keyword !== "COPY" && instruction.keyword !== "ADD") continue;
    if (instruction.flags.some((f) => f.name === "from")) continue;
    for (const source of copySources(ctx.ast, instruction).sources) {
      const v = wordValue(ctx.model, instruction, source.text, source.span);
      let value = v.state === "known" ? v.value : undefined;
      if (value !== undefined && (isUrl(value) || isGitSource(value))) continue;
      if (value !== undefined && ctx.ast.escapeChar === "`") value = value.replaceAll("\\", "/");
      out.push({ instruction, source, value });
    }
  }
  return out;
}
