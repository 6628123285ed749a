import { EmbeddedActionsParser, type IToken } from "chevrotain";
import {
  allTokens,
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
 * is small: trivia and comments between instructions; an instruction's line tokens; then its heredoc bodies.
 * Token categories keep the rules free of wide alternations, which is what makes Chevrotain fast here.
 */
class DockerfileParser extends EmbeddedActionsParser {
  constructor() {
    super(allTokens, { recoveryEnabled: true, skipValidations: true });
    this.performSelfAnalysis();
  }

  file = this.RULE("file", (): FileTokens => {
    const instructions: InstructionTokens[] = [];
    const comments: IToken[] = [];
    this.OPTION(() => this.CONSUME(Bom));
    this.MANY(() => {
      this.OR([
        {
          ALT: () => {
            const t = this.CONSUME(Trivia);
            if (t.tokenType === Comment) comments.push(t);
          },
        },
        { ALT: () => instructions.push(this.SUBRULE(this.instruction)) },
      ]);
    });
    return { instructions, comments };
  });

  instruction = this.RULE("instruction", (): InstructionTokens => {
    const first = this.CONSUME(InstructionStart);
    let last = first;
    let lastHeredoc: IToken | undefined;
    this.MANY1(() => {
      last = this.CONSUME(InstructionPart);
    });
    this.OPTION1(() => this.CONSUME(EndOfInstruction));
    this.MANY2(() => {
      lastHeredoc = this.CONSUME(HeredocPart);
    });
    return { first, last, lastHeredoc };
  });
}

let parser: DockerfileParser | undefined;

export function parseTokens(tokens: IToken[]): FileTokens {
  parser ??= new DockerfileParser();
  parser.input = tokens;
  const result = parser.file();
  // The lexer's invariants make the grammar total; recovery only keeps a bug from becoming a crash.
  if (parser.errors.length > 0 || !result) return { instructions: [], comments: [] };
  return result;
}
