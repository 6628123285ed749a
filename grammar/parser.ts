import {
  K_BOM,
  K_COMMENT,
  K_CONTINUATION,
  K_END_OF_INSTRUCTION,
  K_HEREDOC_BODY,
  K_HEREDOC_END,
  K_NEWLINE,
  K_TEXT,
  K_WHITESPACE,
} from "./logical.js";

/** The token categories of the grammar below, as bits per kind number. */
const INSTRUCTION_START = 1;
const INSTRUCTION_PART = 2;
const TRIVIA = 4;
const HEREDOC_PART = 8;
const CATEGORIES: number[] = [];
CATEGORIES[K_BOM] = 0;
CATEGORIES[K_WHITESPACE] = INSTRUCTION_PART | TRIVIA;
CATEGORIES[K_COMMENT] = INSTRUCTION_PART | TRIVIA;
CATEGORIES[K_TEXT] = INSTRUCTION_START | INSTRUCTION_PART;
CATEGORIES[K_CONTINUATION] = INSTRUCTION_START | INSTRUCTION_PART;
CATEGORIES[K_NEWLINE] = INSTRUCTION_PART | TRIVIA | HEREDOC_PART;
CATEGORIES[K_END_OF_INSTRUCTION] = 0;
CATEGORIES[K_HEREDOC_BODY] = HEREDOC_PART;
CATEGORIES[K_HEREDOC_END] = HEREDOC_PART;

/**
 * Instructions as the parser groups them, three token indices each: the first token, the last token of the
 * instruction's lines (before the newline that ends it), and the last heredoc token (-1 without heredoc bodies).
 */
export interface FileTokens {
  instructions: number[];
  /** Indices of the comment tokens outside instructions. */
  comments: number[];
}

/**
 * The file-level grammar. The lexer already knows where each instruction ends (`EndOfInstruction`), so the grammar
 * is small enough to be a loop over the token kinds (each kind's categories in `CATEGORIES`):
 *
 *     file        = Bom? (Trivia | instruction)*
 *     instruction = InstructionStart InstructionPart* EndOfInstruction? HeredocPart*
 *
 * Each repetition is greedy, as a Chevrotain parser of the same rules was. That parser cost ~10 ms of every `dflint`
 * run to build (its self-analysis) for a grammar this size; the loop costs nothing to set up.
 */
export function parseTokens(kinds: ArrayLike<number>): FileTokens {
  const groups: number[] = [];
  const comments: number[] = [];
  group(kinds, groups, comments);
  // A plain list: a typed array's own ArrayBuffer costs more to make than the list it would replace.
  return { instructions: groups, comments };
}

/**
 * How many instructions {@link parseTokens} groups, without its lists: for 5 million one-letter instructions those
 * were 15 million numbers (~130 MB, more while the list grew).
 */
export function countGroupedInstructions(kinds: ArrayLike<number>): number {
  return group(kinds, undefined, undefined);
}

/** The grammar's loop: pushes each instruction's three indices and each comment's index when given lists; returns
 * how many instructions there are. */
function group(
  kinds: ArrayLike<number>,
  groups: number[] | undefined,
  comments: number[] | undefined,
): number {
  const n = kinds.length;
  let count = 0;
  let i = 0;
  const at = (category: number): boolean => i < n && (CATEGORIES[kinds[i]] & category) !== 0;
  if (n > 0 && kinds[0] === K_BOM) i++;
  while (i < n) {
    const k = kinds[i];
    if ((CATEGORIES[k] & TRIVIA) !== 0) {
      if (k === K_COMMENT) comments?.push(i);
      i++;
      continue;
    }
    // The lexer's invariants make the grammar total: a token that fits nowhere is a bug, not a crash.
    if ((CATEGORIES[k] & INSTRUCTION_START) === 0) {
      if (groups) groups.length = 0;
      if (comments) comments.length = 0;
      return 0;
    }
    const first = i;
    let last = i;
    let lastHeredoc = -1;
    i++;
    while (at(INSTRUCTION_PART)) last = i++;
    if (i < n && kinds[i] === K_END_OF_INSTRUCTION) i++;
    while (at(HEREDOC_PART)) lastHeredoc = i++;
    groups?.push(first, last, lastHeredoc);
    count++;
  }
  return count;
}
