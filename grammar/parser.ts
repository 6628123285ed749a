import { EmbeddedActionsParser, type IToken } from "chevrotain";
import {
  allTokens,
  Bom,
  Comment,
  Continuation,
  EndOfInstruction,
  HeredocBody,
  HeredocEnd,
  Newline,
  Whitespace,
  Word,
} from "./lexer.js";

/** An instruction's tokens as the parser groups them: its lines, and the heredoc bodies that follow. */
export interface InstructionTokens {
  line: IToken[];
  end?: IToken;
  heredocs: IToken[];
}

export interface FileTokens {
  instructions: InstructionTokens[];
  comments: IToken[];
}

/**
 * The file-level grammar. The lexer already knows where each instruction ends (`EndOfInstruction`), so this grammar
 * is small: trivia and comments between instructions, an instruction's line tokens, then its heredoc bodies.
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
        { ALT: () => this.CONSUME(Newline) },
        { ALT: () => this.CONSUME(Whitespace) },
        { ALT: () => comments.push(this.CONSUME(Comment)) },
        { ALT: () => instructions.push(this.SUBRULE(this.instruction)) },
      ]);
    });
    return { instructions, comments };
  });

  instruction = this.RULE("instruction", (): InstructionTokens => {
    const line: IToken[] = [];
    const heredocs: IToken[] = [];
    let end: IToken | undefined;
    line.push(this.OR1([{ ALT: () => this.CONSUME1(Word) }, { ALT: () => this.CONSUME1(Continuation) }]));
    this.MANY1(() => {
      line.push(
        this.OR2([
          { ALT: () => this.CONSUME2(Word) },
          { ALT: () => this.CONSUME2(Whitespace) },
          { ALT: () => this.CONSUME2(Continuation) },
          { ALT: () => this.CONSUME2(Comment) },
          { ALT: () => this.CONSUME2(Newline) },
        ]),
      );
    });
    this.OPTION1(() => {
      end = this.CONSUME(EndOfInstruction);
    });
    this.MANY2(() => {
      heredocs.push(
        this.OR3([
          { ALT: () => this.CONSUME(HeredocBody) },
          { ALT: () => this.CONSUME(HeredocEnd) },
          { ALT: () => this.CONSUME3(Newline) },
        ]),
      );
    });
    return { line, end, heredocs };
  });
}

let parser: DockerfileParser | undefined;

export function parseTokens(tokens: IToken[]): FileTokens {
  parser ??= new DockerfileParser();
  parser.input = tokens;
  const result = parser.file();
  // The lexer's invariants make the grammar total; recovery only guards against a bug turning into a crash.
  if (parser.errors.length > 0 || !result) return { instructions: [], comments: [] };
  return result;
}
