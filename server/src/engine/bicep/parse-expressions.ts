/**
 * Expressions, strings, objects, arrays, loops and conditions (Azure/bicep BaseParser.cs;
 * precedence from TokenTypeHelper.cs). Recursion is bounded by `MAX_NESTING_DEPTH`; operator
 * chains, prefix operators and postfix chains are loops, so long inputs cannot overflow.
 */
import type {
  BinaryOperator,
  Decorator,
  ErrorNode,
  Expression,
  ForExpression,
  IfCondition,
  LambdaExpression,
  Name,
  ObjectExpression,
  ObjectMember,
  ObjectProperty,
  ResourceDeclaration,
  SpreadElement,
  StringLiteral,
  UnaryExpression,
} from './ast.js';
import { MAX_NESTING_DEPTH, ParserCore, kindSet } from './parser-core.js';
import { TOKEN_MULTILINE, TokenKind as TokenKindEnum } from './tokens.js';

// tsx compiles imports to getter calls; a local alias keeps hot loops free of them.
const TokenKind = TokenKindEnum;
type TokenKind = TokenKindEnum;

/** Shared by every undecorated property (most of them); a decorated one gets its own list. */
const NO_DECORATORS: Decorator[] = [];

const BINARY_OPERATORS: { kind: TokenKind; operator: BinaryOperator; precedence: number }[] = [
  { kind: TokenKind.Asterisk, operator: '*', precedence: 100 },
  { kind: TokenKind.Slash, operator: '/', precedence: 100 },
  { kind: TokenKind.Modulo, operator: '%', precedence: 100 },
  { kind: TokenKind.Plus, operator: '+', precedence: 90 },
  { kind: TokenKind.Minus, operator: '-', precedence: 90 },
  { kind: TokenKind.GreaterThan, operator: '>', precedence: 80 },
  { kind: TokenKind.GreaterThanOrEqual, operator: '>=', precedence: 80 },
  { kind: TokenKind.LessThan, operator: '<', precedence: 80 },
  { kind: TokenKind.LessThanOrEqual, operator: '<=', precedence: 80 },
  { kind: TokenKind.Equals, operator: '==', precedence: 70 },
  { kind: TokenKind.NotEquals, operator: '!=', precedence: 70 },
  { kind: TokenKind.EqualsInsensitive, operator: '=~', precedence: 70 },
  { kind: TokenKind.NotEqualsInsensitive, operator: '!~', precedence: 70 },
  { kind: TokenKind.LogicalAnd, operator: '&&', precedence: 50 },
  { kind: TokenKind.LogicalOr, operator: '||', precedence: 40 },
  { kind: TokenKind.DoubleQuestion, operator: '??', precedence: 30 },
];

const PRECEDENCE: number[] = [];
const OPERATOR: BinaryOperator[] = [];
for (const { kind, operator, precedence } of BINARY_OPERATORS) {
  PRECEDENCE[kind] = precedence;
  OPERATOR[kind] = operator;
}

const OBJECT_MEMBER_TERMINATORS = kindSet(TokenKind.NewLine, TokenKind.RightBrace);
const ARRAY_ITEM_TERMINATORS = kindSet(TokenKind.NewLine, TokenKind.RightSquare);
const ARGUMENT_TERMINATORS = kindSet(TokenKind.NewLine, TokenKind.Comma, TokenKind.RightParen);
const HOLE_TERMINATORS = kindSet(TokenKind.StringMiddlePiece, TokenKind.StringRightPiece, TokenKind.NewLine);
const OPERAND_TERMINATORS = kindSet(
  TokenKind.StringRightPiece,
  TokenKind.StringMiddlePiece,
  TokenKind.RightBrace,
  TokenKind.RightParen,
  TokenKind.RightSquare,
  TokenKind.NewLine,
  TokenKind.Comma,
);

/** Tokens that may serve as a property or member name (contextual keywords are identifiers already). */
function isNameToken(kind: TokenKind): boolean {
  return kind === TokenKind.Identifier || kind === TokenKind.TrueKeyword || kind === TokenKind.FalseKeyword || kind === TokenKind.NullKeyword;
}

export abstract class ExpressionParser extends ParserCore {
  /** Implemented by the declaration parser: `resource` inside a resource body. */
  protected abstract parseNestedResource(decorators: Decorator[], mark: number): ResourceDeclaration;
  protected abstract parseDecorators(): Decorator[];

  parseExpression(): Expression {
    if (this.depth >= MAX_NESTING_DEPTH) return this.tooDeep();
    this.depth++;
    let result = this.parseBinary(0);
    // A ternary may put `?` and `:` on following lines.
    const questionIndex = this.indexPastNewLines();
    if (this.kinds[questionIndex] === TokenKind.Question) {
      this.index = questionIndex + 1;
      this.skipNewLinesInExpression();
      const whenTrue = this.parseExpression();
      let whenFalse: Expression;
      const colonIndex = this.indexPastNewLines();
      if (this.kinds[colonIndex] === TokenKind.Colon) {
        this.index = colonIndex + 1;
        this.skipNewLinesInExpression();
        whenFalse = this.parseExpression();
      } else {
        this.report("Expected ':' of the conditional expression.");
        whenFalse = this.missing("Expected ':'.");
      }
      result = this.finishFrom({ kind: 'Ternary', start: 0, end: 0, parent: undefined, condition: result, whenTrue, whenFalse }, result);
    }
    this.depth--;
    return result;
  }

  private tooDeep(): ErrorNode {
    const mark = this.index;
    this.report(`Expression is nested more than ${MAX_NESTING_DEPTH} levels deep.`);
    const kind = this.tokenKind();
    if (kind === TokenKind.LeftBrace || kind === TokenKind.LeftSquare || kind === TokenKind.LeftParen) this.skipBalanced();
    else this.skipUntil(OPERAND_TERMINATORS, '');
    return this.finish({ kind: 'Error', start: 0, end: 0, parent: undefined, message: 'Nesting too deep.' }, mark);
  }

  private parseBinary(minPrecedence: number): Expression {
    let left = this.parseUnary();
    for (;;) {
      const precedence = PRECEDENCE[this.tokenKind()];
      if (precedence === undefined || precedence < minPrecedence) return left;
      const operator = OPERATOR[this.tokenKind()]!;
      this.advance();
      this.skipNewLinesInExpression();
      const right = this.parseBinary(precedence + 1);
      left = this.between({ kind: 'Binary', start: 0, end: 0, parent: undefined, operator, left, right }, left, right);
    }
  }

  private parseUnary(): Expression {
    const operators: { operator: UnaryExpression['operator']; mark: number }[] = [];
    for (;;) {
      const kind = this.tokenKind();
      if (kind === TokenKind.Exclamation) operators.push({ operator: '!', mark: this.index });
      else if (kind === TokenKind.Minus) operators.push({ operator: '-', mark: this.index });
      else if (kind === TokenKind.Plus) operators.push({ operator: '+', mark: this.index });
      else break;
      this.advance();
    }
    let operand = this.parsePostfix();
    for (let i = operators.length - 1; i >= 0; i--) {
      const { operator, mark } = operators[i]!;
      const node: UnaryExpression = this.finish({ kind: 'Unary' as const, start: 0, end: 0, parent: undefined, operator, operand }, mark);
      node.end = operand.end;
      operand = node;
    }
    return operand;
  }

  protected parsePostfix(): Expression {
    let expression = this.parsePrimary();
    for (;;) {
      switch (this.tokenKind()) {
        case TokenKind.Dot: {
          this.advance();
          const safe = this.eat(TokenKind.Question);
          const member = this.parseMemberName();
          if (this.tokenKind() === TokenKind.LeftParen && !member.missing) {
            expression = this.finishFrom({ kind: 'Call', start: 0, end: 0, parent: undefined, target: expression, name: member, args: this.parseArguments() }, expression);
          } else {
            expression = this.finishFrom({ kind: 'Member', start: 0, end: 0, parent: undefined, object: expression, member, safe }, expression);
          }
          break;
        }
        case TokenKind.LeftSquare: {
          this.advance();
          const safe = this.eat(TokenKind.Question);
          const fromEnd = this.eat(TokenKind.Hat);
          let index: Expression;
          if (this.tokenKind() === TokenKind.RightSquare) {
            this.report('Expected an index expression.');
            index = this.missing('Expected an index expression.');
          } else {
            index = this.parseExpression();
          }
          this.expectClosing(TokenKind.RightSquare, ARRAY_ITEM_TERMINATORS);
          expression = this.finishFrom({ kind: 'Index', start: 0, end: 0, parent: undefined, object: expression, index, safe, fromEnd }, expression);
          break;
        }
        case TokenKind.DoubleColon: {
          this.advance();
          const member = this.parseMemberName();
          expression = this.finishFrom({ kind: 'ResourceAccess', start: 0, end: 0, parent: undefined, object: expression, member }, expression);
          break;
        }
        case TokenKind.Exclamation:
          this.advance();
          expression = this.finishFrom({ kind: 'NonNull', start: 0, end: 0, parent: undefined, expression }, expression);
          break;
        default:
          return expression;
      }
    }
  }

  private parseMemberName(): Name {
    if (isNameToken(this.tokenKind())) {
      const mark = this.index;
      const text = this.values[this.advance()]!;
      return this.finish({ kind: 'Name', start: 0, end: 0, parent: undefined, text, missing: false }, mark);
    }
    this.report('Expected a member name.');
    return this.missingName();
  }

  /** Closes a bracket, or reports it missing after skipping junk on the same line. */
  private expectClosing(kind: TokenKind, terminators: readonly boolean[]): void {
    if (this.eat(kind)) return;
    this.report(`Expected '${kind === TokenKind.RightSquare ? ']' : kind === TokenKind.RightParen ? ')' : '}'}'.`);
    this.skipUntil(terminators, 'Skipped.');
    this.eat(kind);
  }

  private parsePrimary(): Expression {
    const mark = this.index;
    const kind = this.tokenKind();
    const value = this.tokenValue();
    switch (kind) {
      case TokenKind.Integer:
        this.advance();
        return this.finish({ kind: 'Integer', start: 0, end: 0, parent: undefined, value: Number(value), text: value }, mark);
      case TokenKind.TrueKeyword:
      case TokenKind.FalseKeyword:
        this.advance();
        return this.finish({ kind: 'Boolean', start: 0, end: 0, parent: undefined, value: kind === TokenKind.TrueKeyword }, mark);
      case TokenKind.NullKeyword:
        this.advance();
        return this.finish({ kind: 'Null', start: 0, end: 0, parent: undefined }, mark);
      case TokenKind.StringComplete:
      case TokenKind.StringLeftPiece:
        return this.parseString();
      case TokenKind.LeftBrace:
        return this.parseObject();
      case TokenKind.LeftSquare:
        return this.parseArrayOrFor();
      case TokenKind.LeftParen:
        return this.isLambdaAhead() ? this.parseLambda() : this.parseParenthesized();
      case TokenKind.Identifier: {
        const next = this.peekKind();
        if (next === TokenKind.Arrow) return this.parseLambda();
        if (next === TokenKind.LeftParen) {
          this.advance();
          const name = this.finish({ kind: 'Name' as const, start: 0, end: 0, parent: undefined, text: value, missing: false }, mark);
          return this.finish({ kind: 'Call', start: 0, end: 0, parent: undefined, target: undefined, name, args: this.parseArguments() }, mark);
        }
        this.advance();
        return this.finish({ kind: 'Identifier', start: 0, end: 0, parent: undefined, name: value }, mark);
      }
      default:
        this.report('Expected an expression.');
        return this.missing('Expected an expression.');
    }
  }

  /** A single-line, multi-line or interpolated string at the cursor. */
  protected parseString(): StringLiteral {
    const mark = this.index;
    const first = this.advance();
    const multiline = (this.flags[first]! & TOKEN_MULTILINE) !== 0;
    const parts = [this.values[first]!];
    const holes: Expression[] = [];
    if (this.kinds[first] === TokenKind.StringLeftPiece) {
      for (;;) {
        holes.push(this.parseExpression());
        if (this.tokenKind() !== TokenKind.StringMiddlePiece && this.tokenKind() !== TokenKind.StringRightPiece) {
          this.report("Expected '}' to close the interpolation.");
          this.skipUntil(HOLE_TERMINATORS, 'Skipped.');
        }
        const piece = this.tokenKind();
        if (piece === TokenKind.StringMiddlePiece) {
          parts.push(this.tokenValue());
          this.advance();
        } else if (piece === TokenKind.StringRightPiece) {
          parts.push(this.tokenValue());
          this.advance();
          break;
        } else {
          parts.push('');
          break;
        }
      }
    }
    return this.finish({ kind: 'String', start: 0, end: 0, parent: undefined, parts, holes, multiline }, mark);
  }

  /** `(` … `)`: arguments of a call, with newlines allowed after `(`, after commas and before `)`. */
  private parseArguments(): Expression[] {
    this.advance();
    const args: Expression[] = [];
    this.skipNewLines();
    if (this.eat(TokenKind.RightParen)) return args;
    for (;;) {
      if (this.tokenKind() === TokenKind.EndOfFile || this.atRecoveryPoint()) {
        this.report("Expected ')'.");
        return args;
      }
      const before = this.index;
      args.push(this.parseExpression());
      if (this.tokenKind() === TokenKind.Comma) {
        this.advance();
        this.skipNewLines();
        if (this.tokenKind() === TokenKind.RightParen) {
          this.report('Trailing comma is not allowed in function arguments.');
          this.advance();
          return args;
        }
        continue;
      }
      if (this.tokenKind() === TokenKind.NewLine) {
        const next = this.indexPastNewLines();
        this.index = next;
        if (this.tokenKind() === TokenKind.RightParen) {
          this.advance();
          return args;
        }
        if (this.tokenKind() === TokenKind.EndOfFile || this.atRecoveryPoint()) continue;
        this.report("Expected ',' between function arguments.");
        continue;
      }
      if (this.eat(TokenKind.RightParen)) return args;
      this.report("Expected ',' or ')'.");
      this.skipUntil(ARGUMENT_TERMINATORS, 'Skipped.');
      if (this.index === before) this.advance();
      if (this.tokenKind() === TokenKind.Comma) this.advance();
    }
  }

  private isLambdaAhead(): boolean {
    let i = this.index + 1;
    for (;;) {
      const kind = this.kinds[i];
      if (kind === TokenKind.RightParen) return this.kinds[i + 1] === TokenKind.Arrow;
      if (kind !== TokenKind.Identifier && kind !== TokenKind.Comma && kind !== TokenKind.NewLine) return false;
      i++;
    }
  }

  private parseLambda(): LambdaExpression {
    const mark = this.index;
    const parameters: Name[] = [];
    if (this.eat(TokenKind.LeftParen)) {
      while (this.tokenKind() !== TokenKind.RightParen && this.tokenKind() !== TokenKind.EndOfFile) {
        const token = this.advance();
        if (this.kinds[token] === TokenKind.Identifier)
          parameters.push(this.finish({ kind: 'Name', start: 0, end: 0, parent: undefined, text: this.values[token]!, missing: false }, this.index - 1));
      }
      this.advance();
    } else {
      parameters.push(this.finish({ kind: 'Name', start: 0, end: 0, parent: undefined, text: this.values[this.advance()]!, missing: false }, mark));
    }
    this.advance(); // `=>`, checked by the caller's lookahead
    this.skipNewLinesInExpression();
    const body = this.parseExpression();
    return this.finish({ kind: 'Lambda', start: 0, end: 0, parent: undefined, parameters, body }, mark);
  }

  private parseParenthesized(): Expression {
    const mark = this.index;
    this.advance();
    this.skipNewLines();
    const expression = this.parseExpression();
    this.skipNewLinesBefore(TokenKind.RightParen);
    this.expectClosing(TokenKind.RightParen, ARGUMENT_TERMINATORS);
    return this.finish({ kind: 'Parenthesized', start: 0, end: 0, parent: undefined, expression }, mark);
  }

  /** Skips newlines only when the next real token is `kind` (so a missing closer keeps the line break). */
  private skipNewLinesBefore(kind: TokenKind): void {
    const next = this.indexPastNewLines();
    if (this.kinds[next] === kind) this.index = next;
  }

  protected parseObject(): ObjectExpression {
    const mark = this.index;
    this.advance();
    const members: ObjectMember[] = [];
    let needSeparator = false;
    for (;;) {
      const sawNewLine = this.skipNewLines() || this.previousIsNewLine();
      if (this.eat(TokenKind.RightBrace)) break;
      if (this.tokenKind() === TokenKind.EndOfFile || (sawNewLine && this.atRecoveryPoint())) {
        this.reportUnclosed(mark, "'}'");
        break;
      }
      if (needSeparator && !sawNewLine) this.report("Expected ',' or a new line between properties.");
      const before = this.index;
      members.push(this.parseObjectMember());
      if (this.index === before) this.advance();
      needSeparator = !this.eatSeparatorComma();
    }
    return this.finish({ kind: 'Object', start: 0, end: 0, parent: undefined, members }, mark);
  }

  /** Consumes a comma separator; a comma right before a line break is an error in Bicep (BCP238). */
  private eatSeparatorComma(): boolean {
    if (!this.eat(TokenKind.Comma)) return false;
    if (this.tokenKind() === TokenKind.NewLine) this.report('Unexpected new line after a comma.');
    return true;
  }

  private reportUnclosed(openMark: number, closer: string): void {
    this.reportRange({ start: this.startOf(openMark), end: this.endOf(openMark) }, `Expected ${closer} to close this bracket.`);
  }

  private parseObjectMember(): ObjectMember {
    const mark = this.index;
    const kind = this.tokenKind();
    if (kind === TokenKind.At || (this.atIdentifier('resource') && this.peekKind() === TokenKind.Identifier)) {
      const decorators = this.parseDecorators();
      if (this.atIdentifier('resource')) return this.parseNestedResource(decorators, mark);
      if (isNameToken(this.tokenKind()) || this.tokenKind() === TokenKind.StringComplete) {
        const property = this.parseProperty();
        property.decorators = decorators;
        property.start = decorators[0]?.start ?? property.start;
        return property;
      }
      this.report('Expected a resource declaration after the decorators.');
      return this.finish({ kind: 'Error', start: 0, end: 0, parent: undefined, message: 'Decorators without a declaration.' }, mark);
    }
    if (kind === TokenKind.Ellipsis) {
      this.advance();
      const expression = this.parseExpression();
      return this.finish({ kind: 'Spread', start: 0, end: 0, parent: undefined, expression }, mark);
    }
    if (isNameToken(kind) || kind === TokenKind.StringComplete || kind === TokenKind.StringLeftPiece) return this.parseProperty();
    this.report('Expected a property name.');
    return this.skipUntil(OBJECT_MEMBER_TERMINATORS, 'Expected a property name.') ?? this.missing('Expected a property name.');
  }

  private parseProperty(): ObjectProperty {
    const mark = this.index;
    let key: Name | StringLiteral;
    let name: string | undefined;
    if (this.tokenKind() === TokenKind.StringComplete || this.tokenKind() === TokenKind.StringLeftPiece) {
      key = this.parseString();
      name = key.holes.length === 0 ? key.parts[0] : undefined;
    } else {
      name = this.values[this.advance()]!;
      key = this.finish({ kind: 'Name', start: 0, end: 0, parent: undefined, text: name, missing: false }, mark);
    }
    let value: Expression;
    if (this.expect(TokenKind.Colon)) {
      value = this.parseExpression();
    } else {
      value = this.missing("Expected ':'.");
      this.skipUntil(OBJECT_MEMBER_TERMINATORS, 'Skipped.');
    }
    return this.finish({ kind: 'Property', start: 0, end: 0, parent: undefined, key, name, value, decorators: NO_DECORATORS }, mark);
  }

  private parseArrayOrFor(): Expression {
    const mark = this.index;
    let forIndex = this.index + 1;
    while (this.kinds[forIndex] === TokenKind.NewLine) forIndex++;
    if (this.kinds[forIndex] === TokenKind.Identifier && this.values[forIndex] === 'for') {
      this.index = forIndex;
      return this.parseForBody(mark);
    }
    this.advance();
    const items: (Expression | SpreadElement)[] = [];
    let needSeparator = false;
    for (;;) {
      const sawNewLine = this.skipNewLines() || this.previousIsNewLine();
      if (this.eat(TokenKind.RightSquare)) break;
      if (this.tokenKind() === TokenKind.EndOfFile || (sawNewLine && this.atRecoveryPoint())) {
        this.reportUnclosed(mark, "']'");
        break;
      }
      if (needSeparator && !sawNewLine) this.report("Expected ',' or a new line between array items.");
      const before = this.index;
      if (this.tokenKind() === TokenKind.Ellipsis) {
        const spreadMark = this.index;
        this.advance();
        const expression = this.parseExpression();
        items.push(this.finish({ kind: 'Spread', start: 0, end: 0, parent: undefined, expression }, spreadMark));
      } else {
        items.push(this.parseExpression());
      }
      if (this.index === before) {
        this.skipUntil(ARRAY_ITEM_TERMINATORS, 'Skipped.');
        if (this.index === before) this.advance();
      }
      needSeparator = !this.eatSeparatorComma();
    }
    return this.finish({ kind: 'Array', start: 0, end: 0, parent: undefined, items }, mark);
  }

  /** `[for x in coll: body]`; the cursor is on `for`, `mark` on `[`. */
  private parseForBody(mark: number): ForExpression {
    this.advance();
    let item: Name | undefined;
    let index: Name | undefined;
    if (this.eat(TokenKind.LeftParen)) {
      item = this.parseLoopVariable();
      if (this.expect(TokenKind.Comma)) index = this.parseLoopVariable();
      this.expect(TokenKind.RightParen);
    } else {
      item = this.parseLoopVariable();
    }
    let iterable: Expression;
    if (this.atIdentifier('in')) {
      this.advance();
      iterable = this.parseExpression();
    } else {
      this.report("Expected 'in'.");
      iterable = this.missing("Expected 'in'.");
    }
    let body: Expression | IfCondition;
    if (this.expect(TokenKind.Colon)) {
      this.skipNewLines();
      body = this.atIdentifier('if') && this.peekKind() === TokenKind.LeftParen ? this.parseIfCondition() : this.parseExpression();
    } else {
      body = this.missing('Expected the loop body.');
    }
    this.skipNewLinesBefore(TokenKind.RightSquare);
    if (!this.eat(TokenKind.RightSquare)) {
      this.reportUnclosed(mark, "']'");
      if (!this.atRecoveryPoint()) this.skipUntil(ARRAY_ITEM_TERMINATORS, 'Skipped.');
      this.eat(TokenKind.RightSquare);
    }
    return this.finish({ kind: 'For', start: 0, end: 0, parent: undefined, item, index, iterable, body }, mark);
  }

  private parseLoopVariable(): Name | undefined {
    if (this.tokenKind() === TokenKind.Identifier && this.tokenValue() !== 'in') {
      const mark = this.index;
      return this.finish({ kind: 'Name' as const, start: 0, end: 0, parent: undefined, text: this.values[this.advance()]!, missing: false }, mark);
    }
    this.report('Expected a loop variable name.');
    return undefined;
  }

  /** `if (condition) body`; the cursor is on `if`. */
  protected parseIfCondition(): IfCondition {
    const mark = this.index;
    this.advance();
    let condition: Expression;
    if (this.tokenKind() === TokenKind.LeftParen) {
      condition = this.parseParenthesized();
    } else {
      this.report("Expected '(' after 'if'.");
      condition = this.missing('Expected a condition.');
    }
    this.skipNewLinesBefore(TokenKind.LeftBrace);
    const body = this.parseExpression();
    return this.finish({ kind: 'If', start: 0, end: 0, parent: undefined, condition, body }, mark);
  }
}
