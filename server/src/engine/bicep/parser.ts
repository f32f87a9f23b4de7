/**
 * Statements and declarations (Azure/bicep Parser.cs, docs/grammar.md, params-file-grammar.md).
 * Keywords are contextual identifiers, recognised by position. A broken declaration reports an
 * error and the parser resynchronises at the next line, so the declarations around it survive.
 */
import type {
  Declaration,
  DeclarationBase,
  Decorator,
  ErrorNode,
  Expression,
  FunctionParameter,
  IfCondition,
  ImportItem,
  Name,
  ObjectExpression,
  ResourceDeclaration,
  StringLiteral,
  TypeNode,
} from './ast.js';
import { ExpressionParser } from './parse-expressions.js';
import { NO_RANGE as NO_RANGE_SHARED, kindSet } from './parser-core.js';
import { isRecoveryPoint } from './recovery-lines.js';
import { TokenKind as TokenKindEnum, type TokenList } from './tokens.js';

// tsx compiles imports to getter calls; a local alias keeps hot loops free of them.
const TokenKind = TokenKindEnum;
type TokenKind = TokenKindEnum;
const NO_RANGE = NO_RANGE_SHARED;

const NO_DECORATORS: Decorator[] = [];
const STATEMENT_TERMINATORS = kindSet(TokenKind.NewLine);

export class BicepParser extends ExpressionParser {
  /** Resource declarations as they are finished: a nested one before its parent. */
  readonly resources: ResourceDeclaration[] = [];

  constructor(tokens: TokenList, text: string, lineStarts: readonly number[]) {
    super(tokens, text, lineStarts);
  }

  parseStatements(): Declaration[] {
    const statements: Declaration[] = [];
    for (;;) {
      this.skipNewLines();
      if (this.tokenKind() === TokenKind.EndOfFile) return statements;
      const before = this.index;
      statements.push(this.parseStatement());
      if (this.tokenKind() !== TokenKind.NewLine && this.tokenKind() !== TokenKind.EndOfFile && !this.previousIsNewLine()) {
        this.report('Expected a new line after the declaration.');
        this.skipUntil(STATEMENT_TERMINATORS, 'Skipped.');
      }
      if (this.index === before) this.advance();
    }
  }

  protected parseDecorators(): Decorator[] {
    const decorators: Decorator[] = [];
    while (this.tokenKind() === TokenKind.At) {
      const mark = this.index;
      this.advance();
      const expression = this.parsePostfix();
      let name = '';
      let namespace: string | undefined;
      let args: Expression[] = [];
      if (expression.kind === 'Call') {
        name = expression.name.text;
        args = expression.args;
        if (expression.target?.kind === 'Identifier') namespace = expression.target.name;
      } else if (expression.kind === 'Identifier') {
        name = expression.name;
      } else if (expression.kind === 'Member' && expression.object.kind === 'Identifier') {
        name = expression.member.text;
        namespace = expression.object.name;
      }
      decorators.push(this.finish({ kind: 'Decorator', start: 0, end: 0, parent: undefined, expression, name, namespace, args }, mark));
      if (this.tokenKind() !== TokenKind.NewLine && this.tokenKind() !== TokenKind.EndOfFile) {
        this.report('Expected a new line after the decorator.');
        this.skipUntil(STATEMENT_TERMINATORS, 'Skipped.');
      }
      this.skipNewLines();
    }
    return decorators;
  }

  private parseStatement(): Declaration {
    const mark = this.index;
    const decorators = this.parseDecorators();
    const keywordIndex = this.index;
    const keyword = this.tokenValue();
    if (this.tokenKind() !== TokenKind.Identifier) {
      if (decorators.length > 0) {
        this.report('Expected a declaration after the decorators.');
        return this.declaration(
          { kind: 'MissingDeclaration', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE },
          mark,
          keywordIndex,
          decorators,
        );
      }
      return this.parseUnknown(mark, keywordIndex, decorators);
    }
    switch (keyword) {
      case 'targetScope':
        this.advance();
        return this.declaration(
          { kind: 'TargetScope', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, value: this.parseAssignedValue() },
          mark,
          keywordIndex,
          decorators,
        );
      case 'metadata':
        return this.parseNamedValue('Metadata', mark, decorators);
      case 'assert':
        return this.parseNamedValue('Assert', mark, decorators);
      case 'param':
        return this.parseParam(mark, decorators);
      case 'var':
        return this.parseVar(mark, decorators);
      case 'output':
        return this.parseOutput(mark, decorators);
      case 'type': {
        this.advance();
        const name = this.parseName('a type name');
        this.expect(TokenKind.Assignment);
        const type = this.parseType(false);
        return this.declaration(
          { kind: 'TypeDeclaration', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, type },
          mark,
          keywordIndex,
          decorators,
        );
      }
      case 'func':
        return this.parseFunction(mark, decorators);
      case 'resource':
        return this.parseResource(mark, decorators);
      case 'module':
      case 'test': {
        this.advance();
        const name = this.parseName(`a ${keyword} name`);
        const path = this.parseStringOrMissing(`a ${keyword} path`);
        const value = this.expect(TokenKind.Assignment) ? this.parseResourceValue() : this.missing('Expected a value.');
        if (keyword === 'test')
          return this.declaration(
            { kind: 'Test', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, path, value: value as Expression },
            mark,
            keywordIndex,
            decorators,
          );
        return this.declaration(
          { kind: 'Module', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, path, value },
          mark,
          keywordIndex,
          decorators,
        );
      }
      case 'import':
        return this.parseImport(mark, decorators);
      case 'extension':
        return this.parseExtension(mark, decorators);
      case 'using':
        return this.parseUsing(mark, decorators);
      case 'extends':
        return this.parseExtends(mark, decorators);
      case 'extensionConfig':
        return this.parseExtensionConfig(mark, decorators);
      default:
        return this.parseUnknown(mark, keywordIndex, decorators);
    }
  }

  /** Fills the declaration's common fields: decorators, keyword range and keyword line. */
  private declaration<F extends { kind: Declaration['kind'] } & DeclarationBase>(fields: F, mark: number, keywordIndex: number, decorators: Decorator[]): F & DeclarationBase {
    const node = this.finish(fields, mark) as F & DeclarationBase;
    node.decorators = decorators;
    const keywordKind = this.kinds[keywordIndex];
    node.keyword = { start: this.startOf(keywordIndex), end: this.endOf(keywordIndex) };
    let last = keywordIndex;
    if (keywordKind !== TokenKind.EndOfFile && keywordKind !== TokenKind.NewLine) {
      const lineEnd = this.lineEndOffset(node.keyword.start.line);
      for (let i = keywordIndex + 1; i < this.index; i++) {
        if (this.kinds[i] === TokenKind.NewLine || this.starts[i]! >= lineEnd) break;
        last = i;
      }
    }
    node.keywordLine = { start: this.startOf(keywordIndex), end: this.endOf(last) };
    return node;
  }

  private parseUnknown(mark: number, keywordIndex: number, decorators: Decorator[]): Declaration {
    const identifier = this.tokenKind() === TokenKind.Identifier;
    const start = this.starts[this.index]!;
    const word = identifier ? this.tokenValue() : this.text.slice(start, this.ends[this.index]);
    this.report(identifier ? `Unknown or unsupported statement '${word}'.` : 'Expected a declaration.');
    this.skipUntil(STATEMENT_TERMINATORS, 'Unknown statement.');
    const end = this.index > keywordIndex ? this.ends[this.index - 1]! : start;
    return this.declaration(
      { kind: 'Unknown', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, text: this.text.slice(start, end) },
      mark,
      keywordIndex,
      decorators,
    );
  }

  private parseName(what: string): Name {
    if (this.tokenKind() === TokenKind.Identifier) {
      const mark = this.index;
      return this.finish({ kind: 'Name', start: 0, end: 0, parent: undefined, text: this.values[this.advance()]!, missing: false }, mark);
    }
    this.report(`Expected ${what}.`);
    return this.missingName();
  }

  private parseStringOrMissing(what: string): StringLiteral | ErrorNode {
    if (this.tokenKind() === TokenKind.StringComplete || this.tokenKind() === TokenKind.StringLeftPiece) return this.parseString();
    this.report(`Expected ${what}.`);
    return this.missing(`Expected ${what}.`);
  }

  /** `= expr`, or an Error node when the `=` or the value is missing. */
  private parseAssignedValue(): Expression {
    if (!this.expect(TokenKind.Assignment)) return this.missing("Expected '='.");
    return this.parseExpression();
  }

  private parseNamedValue(kind: 'Metadata' | 'Assert', mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    const name = this.parseName('a name');
    const value = this.parseAssignedValue();
    return this.declaration({ kind, start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, value }, mark, keywordIndex, decorators);
  }

  private parseParam(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    const name = this.parseName('a parameter name');
    let type: TypeNode | undefined;
    let resourceType: StringLiteral | undefined;
    if (this.atIdentifier('resource') && this.peekKind() === TokenKind.StringComplete) {
      this.advance();
      resourceType = this.parseString();
    } else if (this.tokenKind() !== TokenKind.Assignment && !name.missing) {
      type = this.parseType(false);
    }
    let value: Expression | undefined;
    if (this.eat(TokenKind.Assignment)) value = this.parseExpression();
    return this.declaration(
      { kind: 'Param', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, type, resourceType, value },
      mark,
      keywordIndex,
      decorators,
    );
  }

  private parseVar(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    const name = this.parseName('a variable name');
    const type = this.tokenKind() !== TokenKind.Assignment && !name.missing ? this.parseType(false) : undefined;
    const value = this.parseAssignedValue();
    return this.declaration(
      { kind: 'Var', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, type, value },
      mark,
      keywordIndex,
      decorators,
    );
  }

  private parseOutput(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    const name = this.parseName('an output name');
    let type: TypeNode | undefined;
    let resourceType: StringLiteral | undefined;
    if (this.atIdentifier('resource') && this.peekKind() === TokenKind.StringComplete) {
      this.advance();
      resourceType = this.parseString();
    } else if (!name.missing) {
      type = this.parseType(false);
    }
    const value = this.parseAssignedValue();
    return this.declaration(
      { kind: 'Output', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, type, resourceType, value },
      mark,
      keywordIndex,
      decorators,
    );
  }

  private parseFunction(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    const name = this.parseName('a function name');
    const parameters: FunctionParameter[] = [];
    let returnType: TypeNode | undefined;
    let body: Expression;
    if (this.expect(TokenKind.LeftParen)) {
      // Parameters may sit one a line (`func f(⏎  a string,⏎  b int⏎) string => …`).
      this.skipNewLinesBeforeParameter();
      while (this.tokenKind() === TokenKind.Identifier) {
        const parameterMark = this.index;
        const parameterName = this.parseName('a parameter name');
        const type = this.parseType(true);
        parameters.push(this.finish({ kind: 'FunctionParameter', start: 0, end: 0, parent: undefined, name: parameterName, type }, parameterMark));
        const comma = this.eat(TokenKind.Comma);
        const newLine = this.skipNewLinesBeforeParameter();
        if (!comma && !newLine) break;
      }
      this.expect(TokenKind.RightParen);
      if (this.tokenKind() !== TokenKind.Arrow) returnType = this.parseType(true);
    }
    if (this.expect(TokenKind.Arrow)) {
      this.skipNewLines();
      body = this.parseExpression();
    } else {
      body = this.missing('Expected the function body.');
    }
    return this.declaration(
      { kind: 'Function', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, parameters, returnType, body },
      mark,
      keywordIndex,
      decorators,
    );
  }

  /** Skips line breaks inside a `func` parameter list unless the next line starts a new declaration. */
  private skipNewLinesBeforeParameter(): boolean {
    if (this.tokenKind() !== TokenKind.NewLine) return false;
    const next = this.indexPastNewLines();
    if (isRecoveryPoint(this.tokens, next, this.text)) return false;
    this.index = next;
    return true;
  }

  private parseResource(mark: number, decorators: Decorator[]): ResourceDeclaration {
    const keywordIndex = this.index;
    this.advance();
    const name = this.parseName('a resource name');
    const type = name.missing ? this.missing('Expected a resource type.') : this.parseStringOrMissing("a resource type such as 'Microsoft.CognitiveServices/accounts@2024-10-01'");
    let existing = false;
    if (this.atIdentifier('existing')) {
      this.advance();
      existing = true;
    }
    let value: Expression | IfCondition;
    if (type.kind === 'Error') value = this.missing('Expected a resource body.');
    else value = this.expect(TokenKind.Assignment) ? this.parseResourceValue() : this.missing("Expected '='.");
    const resource = this.declaration(
      { kind: 'Resource', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, type, existing, value },
      mark,
      keywordIndex,
      decorators,
    );
    this.resources.push(resource);
    return resource;
  }

  protected parseNestedResource(decorators: Decorator[], mark: number): ResourceDeclaration {
    return this.parseResource(mark, decorators);
  }

  /** Resource/module value: object, `if (…) {…}` (possibly on the next line) or `[for …]`. */
  private parseResourceValue(): Expression | IfCondition {
    const next = this.indexPastNewLines();
    if (this.kinds[next] === TokenKind.Identifier && this.values[next] === 'if' && this.kinds[next + 1] === TokenKind.LeftParen) {
      this.index = next;
      return this.parseIfCondition();
    }
    if (this.tokenKind() === TokenKind.NewLine || this.tokenKind() === TokenKind.EndOfFile) {
      this.report('Expected a resource body.');
      return this.missing('Expected a resource body.');
    }
    return this.parseExpression();
  }

  /**
   * Reads a type annotation as source text: tokens up to `=`, `=>` or a line break at bracket depth
   * 0 (`inFunction`: also `,` and `)`), with object types spanning lines kept whole. A union may
   * span lines at depth 0 too: a line break before or after a `|` continues the type, so the
   * formatter's layout with a leading `|` (`type t =⏎  | 'a'⏎  | 'b'`) reads as `'a' | 'b'`.
   */
  private parseType(inFunction: boolean): TypeNode {
    if (this.tokenKind() === TokenKind.NewLine) {
      const next = this.indexPastNewLines();
      if (this.kinds[next] === TokenKind.Pipe) this.index = next;
    }
    // The leading `|` is layout, not a member: the node and its text start at the first member.
    if (this.tokenKind() === TokenKind.Pipe) this.index++;
    const mark = this.index;
    let depth = 0;
    for (;;) {
      const kind = this.tokenKind();
      if (kind === TokenKind.EndOfFile) break;
      if (depth === 0) {
        if (kind === TokenKind.NewLine) {
          const next = this.indexPastNewLines();
          if (this.index > mark && (this.kinds[next] === TokenKind.Pipe || this.kinds[this.index - 1] === TokenKind.Pipe) && !isRecoveryPoint(this.tokens, next, this.text)) {
            this.index = next;
            continue;
          }
          break;
        }
        if (kind === TokenKind.Assignment || kind === TokenKind.Arrow) break;
        if (inFunction && (kind === TokenKind.Comma || kind === TokenKind.RightParen)) break;
      } else if (kind === TokenKind.NewLine) {
        this.index++;
        if (this.atRecoveryPoint()) break;
        continue;
      }
      // `<`…`>` only ever bracket a type argument (`resourceInput<'…'>`), which may span lines.
      if (kind === TokenKind.LeftBrace || kind === TokenKind.LeftSquare || kind === TokenKind.LeftParen || kind === TokenKind.LessThan) depth++;
      else if (kind === TokenKind.RightBrace || kind === TokenKind.RightSquare || kind === TokenKind.RightParen || kind === TokenKind.GreaterThan) depth = Math.max(0, depth - 1);
      this.index++;
    }
    while (this.index > mark && this.kinds[this.index - 1] === TokenKind.NewLine) this.index--;
    if (this.index === mark) this.report('Expected a type.');
    else if (this.kinds[this.index - 1] === TokenKind.Pipe) this.report("Expected a type after '|'.");
    if (depth > 0) this.report('Unclosed bracket in type.');
    return this.finishType(mark);
  }

  private finishType(mark: number): TypeNode {
    const kinds = this.kinds;
    const text = this.typeText(mark, this.index);
    // Tokens mark … end - 1 (line breaks of a multi-line type included, as written).
    let end = this.index;
    let nullable = false;
    let isArray = false;
    if (end > mark && kinds[end - 1] === TokenKind.Question) {
      nullable = true;
      end--;
    }
    if (end - mark >= 2 && kinds[end - 1] === TokenKind.RightSquare && kinds[end - 2] === TokenKind.LeftSquare) {
      isArray = true;
      end -= 2;
    }
    let name: string | undefined;
    if (end - mark === 1 && kinds[mark] === TokenKind.Identifier) name = this.values[mark];
    else if (end - mark === 3 && kinds[mark] === TokenKind.Identifier && kinds[mark + 1] === TokenKind.Dot && kinds[mark + 2] === TokenKind.Identifier) name = this.values[mark + 2];
    return this.finish({ kind: 'Type', start: 0, end: 0, parent: undefined, text, name, nullable, isArray }, mark);
  }

  /** The source text of tokens `from` … `to` - 1; each gap between two tokens (blanks, line breaks, comments) becomes one space. */
  private typeText(from: number, to: number): string {
    let text = '';
    let previousEnd = -1;
    for (let i = from; i < to; i++) {
      if (this.kinds[i] === TokenKind.NewLine) continue;
      const start = this.starts[i]!;
      if (previousEnd >= 0 && start > previousEnd) text += ' ';
      text += this.text.slice(start, this.ends[i]);
      previousEnd = this.ends[i]!;
    }
    return text;
  }

  private parseImport(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    if (this.peekKind() === TokenKind.StringComplete) return this.parseUnknown(mark, keywordIndex, decorators); // legacy `import 'az@1.0.0'`
    this.advance();
    const items: ImportItem[] = [];
    let wildcardAlias: Name | undefined;
    if (this.eat(TokenKind.Asterisk)) {
      if (this.atIdentifier('as')) this.advance();
      else this.report("Expected 'as'.");
      wildcardAlias = this.parseName('an alias');
    } else if (this.eat(TokenKind.LeftBrace)) {
      for (;;) {
        this.skipNewLines();
        if (this.eat(TokenKind.RightBrace)) break;
        if (this.tokenKind() !== TokenKind.Identifier && this.tokenKind() !== TokenKind.StringComplete) {
          this.report("Expected an imported name or '}'.");
          break;
        }
        const itemMark = this.index;
        const name = this.tokenKind() === TokenKind.StringComplete ? this.parseString() : this.parseName('a name');
        let alias: Name | undefined;
        if (this.atIdentifier('as')) {
          this.advance();
          alias = this.parseName('an alias');
        }
        items.push(this.finish({ kind: 'ImportItem', start: 0, end: 0, parent: undefined, name, alias }, itemMark));
        this.eat(TokenKind.Comma);
      }
    } else {
      this.report("Expected '{' or '*'.");
    }
    let from: StringLiteral | undefined;
    if (this.atIdentifier('from')) {
      this.advance();
      const path = this.parseStringOrMissing('a path');
      if (path.kind === 'String') from = path;
    } else {
      this.report("Expected 'from'.");
    }
    return this.declaration(
      { kind: 'Import', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, items, wildcardAlias, from },
      mark,
      keywordIndex,
      decorators,
    );
  }

  private parseExtension(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    let specification: Name | StringLiteral | ErrorNode;
    if (this.tokenKind() === TokenKind.StringComplete || this.tokenKind() === TokenKind.StringLeftPiece) specification = this.parseString();
    else if (this.tokenKind() === TokenKind.Identifier) specification = this.parseName('an extension name');
    else {
      this.report('Expected an extension name.');
      specification = this.missing('Expected an extension name.');
    }
    let config: ObjectExpression | undefined;
    if (this.atIdentifier('with')) {
      this.advance();
      if (this.tokenKind() === TokenKind.LeftBrace) config = this.parseObject();
      else this.report("Expected '{'.");
    }
    let alias: Name | undefined;
    if (this.atIdentifier('as')) {
      this.advance();
      alias = this.parseName('an alias');
    }
    return this.declaration(
      { kind: 'Extension', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, specification, config, alias },
      mark,
      keywordIndex,
      decorators,
    );
  }

  private parseExtends(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    const path = this.parseStringOrMissing('the path of a parameters file');
    return this.declaration(
      { kind: 'Extends', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, path: path.kind === 'String' ? path : undefined },
      mark,
      keywordIndex,
      decorators,
    );
  }

  private parseExtensionConfig(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    const name = this.parseName('an extension alias');
    let config: ObjectExpression | undefined;
    if (this.atIdentifier('with')) {
      this.advance();
      if (this.tokenKind() === TokenKind.LeftBrace) config = this.parseObject();
      else this.report("Expected '{'.");
    } else if (!name.missing) {
      this.report("Expected 'with'.");
    }
    return this.declaration(
      { kind: 'ExtensionConfig', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, name, config },
      mark,
      keywordIndex,
      decorators,
    );
  }

  private parseUsing(mark: number, decorators: Decorator[]): Declaration {
    const keywordIndex = this.index;
    this.advance();
    let path: StringLiteral | undefined;
    let none = false;
    if (this.atIdentifier('none')) {
      this.advance();
      none = true;
    } else if (this.tokenKind() === TokenKind.StringComplete || this.tokenKind() === TokenKind.StringLeftPiece) {
      path = this.parseString();
    } else {
      this.report("Expected a path or 'none'.");
    }
    if (this.atIdentifier('with') && this.peekKind() === TokenKind.LeftBrace) {
      this.advance();
      this.parseObject();
    }
    return this.declaration(
      { kind: 'Using', start: 0, end: 0, parent: undefined, decorators: NO_DECORATORS, keyword: NO_RANGE, keywordLine: NO_RANGE, path, none },
      mark,
      keywordIndex,
      decorators,
    );
  }
}
