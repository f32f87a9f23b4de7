/**
 * The Bicep syntax tree. Every node has `kind`, `start`/`end` (UTF-16 offsets, end exclusive; LSP
 * ranges come from `rangeOf(file, node)`) and, once `parseBicep` returns, `parent`. The tree is error tolerant:
 * missing pieces are `Error` nodes or `Name`s with `missing: true`, never `undefined` where the
 * grammar requires something, so rules can walk it without special cases.
 */
import type { Range, SyntaxError } from '../types.js';
import type { ParamBindings } from './bindings.js';
import type { Comment, Pragma } from './tokens.js';

export interface NodeBase {
  start: number;
  end: number;
  parent?: Node;
}

// ---------------------------------------------------------------------------------------------
// Names and expressions

/** A name that is not an expression: declaration names, object keys, member names, loop variables. */
export interface Name extends NodeBase {
  kind: 'Name';
  text: string;
  /** The name was expected but not written (half-typed code); `text` is ''. */
  missing: boolean;
}

/** A reference to a symbol (param, var, resource, loop variable, function namespace…). */
export interface Identifier extends NodeBase {
  kind: 'Identifier';
  name: string;
}

export interface IntegerLiteral extends NodeBase {
  kind: 'Integer';
  value: number;
  text: string;
}

export interface BooleanLiteral extends NodeBase {
  kind: 'Boolean';
  value: boolean;
}

export interface NullLiteral extends NodeBase {
  kind: 'Null';
}

/**
 * `'a${x}b'`: `parts` holds the decoded text around the holes (`parts.length === holes.length + 1`).
 * A string without holes has one part, its value.
 */
export interface StringLiteral extends NodeBase {
  kind: 'String';
  parts: string[];
  holes: Expression[];
  multiline: boolean;
}

export interface ObjectExpression extends NodeBase {
  kind: 'Object';
  members: ObjectMember[];
}

export type ObjectMember = ObjectProperty | SpreadElement | ResourceDeclaration | ErrorNode;

export interface ObjectProperty extends NodeBase {
  kind: 'Property';
  key: Name | StringLiteral;
  /** The key text, or undefined when the key is an interpolated string. */
  name: string | undefined;
  value: Expression;
  /** Decorators on properties of object types (`@description('…') name: string`). */
  decorators: Decorator[];
}

export interface ArrayExpression extends NodeBase {
  kind: 'Array';
  items: (Expression | SpreadElement)[];
}

export interface SpreadElement extends NodeBase {
  kind: 'Spread';
  expression: Expression;
}

/** `[for x in coll: body]` or `[for (x, i) in coll: body]`. */
export interface ForExpression extends NodeBase {
  kind: 'For';
  item: Name | undefined;
  index: Name | undefined;
  iterable: Expression;
  body: Expression | IfCondition;
}

/** `if (condition) { … }` — only as a resource/module value or a loop body. */
export interface IfCondition extends NodeBase {
  kind: 'If';
  condition: Expression;
  body: Expression;
}

/** `fn(args)`, `ns.fn(args)` (`az.listKeys(…)`, `sys.concat(…)`) or instance `acct.listKeys()`. */
export interface CallExpression extends NodeBase {
  kind: 'Call';
  /** The expression before `.` for namespace and instance calls; undefined for a plain call. */
  target: Expression | undefined;
  name: Name;
  args: Expression[];
}

/** `obj.member` or safe `obj.?member`. */
export interface MemberAccess extends NodeBase {
  kind: 'Member';
  object: Expression;
  member: Name;
  safe: boolean;
}

/** `obj[index]`, safe `obj[?index]`, from the end `arr[^1]`. */
export interface IndexAccess extends NodeBase {
  kind: 'Index';
  object: Expression;
  index: Expression;
  safe: boolean;
  fromEnd: boolean;
}

/** `parent::child` — a nested resource of a resource. */
export interface ResourceAccess extends NodeBase {
  kind: 'ResourceAccess';
  object: Expression;
  member: Name;
}

/** Postfix `x!`. */
export interface NonNullAssertion extends NodeBase {
  kind: 'NonNull';
  expression: Expression;
}

export interface UnaryExpression extends NodeBase {
  kind: 'Unary';
  operator: '!' | '-' | '+';
  operand: Expression;
}

// prettier-ignore
export type BinaryOperator =
  | '*' | '/' | '%' | '+' | '-'
  | '<' | '<=' | '>' | '>='
  | '==' | '!=' | '=~' | '!~'
  | '&&' | '||' | '??';

export interface BinaryExpression extends NodeBase {
  kind: 'Binary';
  operator: BinaryOperator;
  left: Expression;
  right: Expression;
}

export interface TernaryExpression extends NodeBase {
  kind: 'Ternary';
  condition: Expression;
  whenTrue: Expression;
  whenFalse: Expression;
}

export interface ParenthesizedExpression extends NodeBase {
  kind: 'Parenthesized';
  expression: Expression;
}

/** `x => body` or `(a, b) => body`. */
export interface LambdaExpression extends NodeBase {
  kind: 'Lambda';
  parameters: Name[];
  body: Expression;
}

/** A type annotation, kept as its source text (rules only ask "is it `string`?"). */
export interface TypeNode extends NodeBase {
  kind: 'Type';
  /** Source text, each run of blanks, line breaks and comments between tokens collapsed to one space; a leading `|` dropped. */
  text: string;
  /** The bare type name for `string`, `int?`, `sys.string`… ; undefined for unions, objects, literals. */
  name: string | undefined;
  nullable: boolean;
  isArray: boolean;
}

/** Something expected but missing, or tokens skipped during recovery. */
export interface ErrorNode extends NodeBase {
  kind: 'Error';
  message: string;
}

export type Expression =
  | Identifier
  | IntegerLiteral
  | BooleanLiteral
  | NullLiteral
  | StringLiteral
  | ObjectExpression
  | ArrayExpression
  | ForExpression
  | CallExpression
  | MemberAccess
  | IndexAccess
  | ResourceAccess
  | NonNullAssertion
  | UnaryExpression
  | BinaryExpression
  | TernaryExpression
  | ParenthesizedExpression
  | LambdaExpression
  | ErrorNode;

// ---------------------------------------------------------------------------------------------
// Declarations

/** `@name(args)`, `@ns.name(args)` or `@name` without parentheses. */
export interface Decorator extends NodeBase {
  kind: 'Decorator';
  expression: Expression;
  /** The decorator's function name (`secure` for `@sys.secure()`); '' when unreadable. */
  name: string;
  namespace: string | undefined;
  args: Expression[];
}

export interface DeclarationBase extends NodeBase {
  decorators: Decorator[];
  /** Range of the keyword token (`param`, `resource`, …). */
  keyword: Range;
  /** From the keyword to the end of the last token on the keyword's line: where findings on a declaration land. */
  keywordLine: Range;
}

export interface TargetScopeDeclaration extends DeclarationBase {
  kind: 'TargetScope';
  value: Expression;
}

export interface MetadataDeclaration extends DeclarationBase {
  kind: 'Metadata';
  name: Name;
  value: Expression;
}

export interface ParamDeclaration extends DeclarationBase {
  kind: 'Param';
  name: Name;
  /** Undefined in `.bicepparam` files (`param x = …`) and for `param x resource '…'`. */
  type: TypeNode | undefined;
  resourceType: StringLiteral | undefined;
  /** Default value (`.bicep`) or assigned value (`.bicepparam`). */
  value: Expression | undefined;
}

export interface VarDeclaration extends DeclarationBase {
  kind: 'Var';
  name: Name;
  type: TypeNode | undefined;
  value: Expression;
}

export interface OutputDeclaration extends DeclarationBase {
  kind: 'Output';
  name: Name;
  type: TypeNode | undefined;
  resourceType: StringLiteral | undefined;
  value: Expression;
}

export interface TypeDeclaration extends DeclarationBase {
  kind: 'TypeDeclaration';
  name: Name;
  type: TypeNode;
}

export interface FunctionParameter extends NodeBase {
  kind: 'FunctionParameter';
  name: Name;
  type: TypeNode;
}

export interface FunctionDeclaration extends DeclarationBase {
  kind: 'Function';
  name: Name;
  parameters: FunctionParameter[];
  returnType: TypeNode | undefined;
  body: Expression;
}

export interface ResourceDeclaration extends DeclarationBase {
  kind: 'Resource';
  name: Name;
  /** `'Microsoft.CognitiveServices/accounts@2024-10-01'`, or an Error node when missing. */
  type: StringLiteral | ErrorNode;
  existing: boolean;
  /** Object, `if (…) {…}`, `[for …]`, or Error when half-typed. */
  value: Expression | IfCondition;
}

export interface ModuleDeclaration extends DeclarationBase {
  kind: 'Module';
  name: Name;
  path: StringLiteral | ErrorNode;
  value: Expression | IfCondition;
}

/** Experimental `test name 'path' = {…}`. */
export interface TestDeclaration extends DeclarationBase {
  kind: 'Test';
  name: Name;
  path: StringLiteral | ErrorNode;
  value: Expression;
}

export interface ImportItem extends NodeBase {
  kind: 'ImportItem';
  name: Name | StringLiteral;
  alias: Name | undefined;
}

/** `import {a, b as c} from './x.bicep'` or `import * as ns from './x.bicep'`. */
export interface ImportDeclaration extends DeclarationBase {
  kind: 'Import';
  items: ImportItem[];
  wildcardAlias: Name | undefined;
  from: StringLiteral | undefined;
}

/** `extension name|'ref' with {…} as alias`. */
export interface ExtensionDeclaration extends DeclarationBase {
  kind: 'Extension';
  specification: Name | StringLiteral | ErrorNode;
  config: ObjectExpression | undefined;
  alias: Name | undefined;
}

/** `.bicepparam`: `using './main.bicep'` or `using none`. */
export interface UsingDeclaration extends DeclarationBase {
  kind: 'Using';
  path: StringLiteral | undefined;
  none: boolean;
}

/** `.bicepparam`: `extends './base.bicepparam'` (takes the base file's values, then overrides them). */
export interface ExtendsDeclaration extends DeclarationBase {
  kind: 'Extends';
  path: StringLiteral | undefined;
}

/** `.bicepparam`: `extensionConfig alias with {…}` (configuration of a template's extension). */
export interface ExtensionConfigDeclaration extends DeclarationBase {
  kind: 'ExtensionConfig';
  name: Name;
  config: ObjectExpression | undefined;
}

export interface AssertDeclaration extends DeclarationBase {
  kind: 'Assert';
  name: Name;
  value: Expression;
}

/** A statement this parser does not know (legacy `provider '…'`, `import 'az@1.0.0'`, typos); skipped to the line end. */
export interface UnknownStatement extends DeclarationBase {
  kind: 'Unknown';
  text: string;
}

/** Decorators with no declaration after them. */
export interface MissingDeclaration extends DeclarationBase {
  kind: 'MissingDeclaration';
}

export type Declaration =
  | TargetScopeDeclaration
  | MetadataDeclaration
  | ParamDeclaration
  | VarDeclaration
  | OutputDeclaration
  | TypeDeclaration
  | FunctionDeclaration
  | ResourceDeclaration
  | ModuleDeclaration
  | TestDeclaration
  | ImportDeclaration
  | ExtensionDeclaration
  | UsingDeclaration
  | ExtendsDeclaration
  | ExtensionConfigDeclaration
  | AssertDeclaration
  | UnknownStatement
  | MissingDeclaration;

export interface BicepFile extends NodeBase {
  kind: 'File';
  text: string;
  statements: Declaration[];
  /** Lexical and syntax errors, in source order. */
  syntaxErrors: SyntaxError[];
  comments: Comment[];
  pragmas: Pragma[];
  /** Offset of the first character of each line. */
  lineStarts: number[];
  /** Every resource declaration, nested ones too, in source order (the parser collects them). */
  resources: ResourceDeclaration[];
  /**
   * Set on a copy of a parsed file analysed as a module at one call (or a template under a
   * parameter file): the value each bound param takes there (`bindings.ts`, `azure/cross-file.ts`). Absent: every
   * param takes its own default, as for a file analysed alone.
   */
  bindings?: ParamBindings;
  /**
   * What helpers derive from the syntax alone, computed once per parse (`derived` in file.ts); a
   * `withBindings` copy shares it, the syntax being the same.
   */
  readonly derivedFacts: Map<DerivedKey<unknown>, unknown>;
}

/** A key of `BicepFile.derivedFacts`: one per kind of fact (`derivedKey` in file.ts). */
export interface DerivedKey<T> {
  readonly name: string;
  /** Never set: ties the key to its value's type. */
  readonly value?: T;
}

export type Node = BicepFile | Declaration | Expression | Name | TypeNode | Decorator | ObjectProperty | SpreadElement | IfCondition | FunctionParameter | ImportItem;
