import { type IToken, type TokenType, tokenMatcher } from "chevrotain";
import {
  Bom,
  Comment,
  EndOfInstruction,
  HeredocPart,
  InstructionPart,
  InstructionStart,
  Trivia,
} from "./lexer.js";

/** An instruction as the parser groups it: the tokens of its lines, then those of its heredoc bodies. */
export interface InstructionTokens {
  first: IToken;
  /** Last token of the instruction's lines (before the newline that ends it). */
  last: IToken;
  /** Last heredoc token, if the instruction has heredoc bodies. */
  lastHeredoc?: IToken;
}

export interface FileTokens {
  instructions: InstructionTokens[];
  comments: IToken[];
}

/**
 * The file-level grammar. The lexer already knows where each instruction ends (`EndOfInstruction`), so the grammar
 * is small enough to be a loop over the tokens (token categories as the lexer assigns them):
 *
 *     file        = Bom? (Trivia | instruction)*
 *     instruction = InstructionStart InstructionPart* EndOfInstruction? HeredocPart*
 *
 * Each repetition is greedy, as a Chevrotain parser of the same rules was. That parser cost ~10 ms of every `dflint`
 * run to build (its self-analysis) for a grammar this size; the loop costs nothing to set up.
 */
export function parseTokens(tokens: IToken[]): FileTokens {
  const instructions: InstructionTokens[] = [];
  const comments: IToken[] = [];
  const n = tokens.length;
  let i = 0;
  const at = (type: TokenType): boolean => i < n && tokenMatcher(tokens[i], type);
  if (at(Bom)) i++;
  while (i < n) {
    const t = tokens[i];
    if (tokenMatcher(t, Trivia)) {
      if (t.tokenType === Comment) comments.push(t);
      i++;
      continue;
    }
    // The lexer's invariants make the grammar total: a token that fits nowhere is a bug, not a crash.
    if (!tokenMatcher(t, InstructionStart)) return { instructions: [], comments: [] };
    let last = t;
    let lastHeredoc: IToken | undefined;
    i++;
    while (at(InstructionPart)) last = tokens[i++];
    if (at(EndOfInstruction)) i++;
    while (at(HeredocPart)) lastHeredoc = tokens[i++];
    instructions.push({ first: t, last, lastHeredoc });
  }
  return { instructions, comments };
}
