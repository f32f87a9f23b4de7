/**
 * Tree queries the rules need: properties by path, declarations, decorators, function calls,
 * symbol references and lookups by position.
 */
import type { Position } from '../types.js';
import type {
  BicepFile,
  CallExpression,
  Declaration,
  Decorator,
  Expression,
  Identifier,
  Node,
  ObjectExpression,
  ObjectProperty,
  OutputDeclaration,
  ParamDeclaration,
  VarDeclaration,
} from './ast.js';
import { equalsIgnoreCase } from '../text.js';
import { offsetAtPosition } from './file.js';
import { findResource, resourceInfoOf, type ResourceInfo } from './resources.js';
import { stringValue } from './strings.js';
import { forEachChild, walk } from './walk.js';

// ---------------------------------------------------------------------------------------------
// Properties

/**
 * `'properties.networkAcls'` → its keys; rules ask for the same few paths for every resource, so each
 * is split once. Shared, hence readonly; not frozen: V8 slices a frozen array on a slow path.
 */
export function splitPath(path: string | readonly string[]): readonly string[] {
  if (typeof path !== 'string') return path;
  let keys = splitPaths.get(path);
  if (!keys) {
    keys = path.split('.');
    if (splitPaths.size < 256) splitPaths.set(path, keys);
  }
  return keys;
}

const splitPaths = new Map<string, readonly string[]>();

/** The direct property `key` of an object, matched case-insensitively as Bicep does. */
export function getOwnProperty(object: ObjectExpression, key: string): ObjectProperty | undefined {
  for (const member of object.members) {
    if (member.kind === 'Property' && member.name !== undefined && equalsIgnoreCase(member.name, key)) return member;
  }
  return undefined;
}

/**
 * The property at a dotted path (`'properties.networkAcls.defaultAction'`) below an object, or
 * undefined when any step is missing or not an object literal. Keys match case-insensitively.
 */
export function getProperty(object: Node | undefined, path: string | readonly string[]): ObjectProperty | undefined {
  let current: Node | undefined = object;
  let found: ObjectProperty | undefined;
  for (const key of splitPath(path)) {
    if (current?.kind !== 'Object') return undefined;
    found = getOwnProperty(current, key);
    if (!found) return undefined;
    current = found.value;
  }
  return found;
}

/** The value expression at a dotted path, or undefined. */
export function getPropertyValue(object: Node | undefined, path: string | readonly string[]): Expression | undefined {
  return getProperty(object, path)?.value;
}

/** The property nodes of an object literal (skipping spreads, nested resources and errors). */
export function properties(object: ObjectExpression): ObjectProperty[] {
  return object.members.filter((m): m is ObjectProperty => m.kind === 'Property');
}

// ---------------------------------------------------------------------------------------------
// Declarations and decorators

export function params(file: BicepFile): ParamDeclaration[] {
  return file.statements.filter((s): s is ParamDeclaration => s.kind === 'Param');
}

export function variables(file: BicepFile): VarDeclaration[] {
  return file.statements.filter((s): s is VarDeclaration => s.kind === 'Var');
}

export function outputs(file: BicepFile): OutputDeclaration[] {
  return file.statements.filter((s): s is OutputDeclaration => s.kind === 'Output');
}

export function findParam(file: BicepFile, name: string): ParamDeclaration | undefined {
  return params(file).find((p) => p.name.text === name);
}

export function findVariable(file: BicepFile, name: string): VarDeclaration | undefined {
  return variables(file).find((v) => v.name.text === name);
}

/**
 * The decorator `@name(…)` of a declaration or property, also written `@sys.name(…)`; names
 * compare case-insensitively.
 */
export function getDecorator(node: { decorators: readonly Decorator[] }, name: string): Decorator | undefined {
  return node.decorators.find((d) => equalsIgnoreCase(d.name, name) && (d.namespace === undefined || d.namespace === 'sys'));
}

export function hasDecorator(node: { decorators: readonly Decorator[] }, name: string): boolean {
  return getDecorator(node, name) !== undefined;
}

/** The string argument of `@description('…')` (or `@sys.description`), if literal. */
export function descriptionOf(node: { decorators: readonly Decorator[] }): string | undefined {
  const arg = getDecorator(node, 'description')?.args[0];
  return arg?.kind === 'String' ? stringValue(arg) : undefined;
}

// ---------------------------------------------------------------------------------------------
// Calls and references

/** The functions that return a resource's access keys. */
export const KEY_LIST_FUNCTIONS: readonly string[] = ['listKeys', 'listAdminKeys', 'listQueryKeys'];

/**
 * Calls inside `root` (itself included) whose function name is one of `names`, case-insensitive:
 * plain `listKeys(…)`, namespaced `az.listKeys(…)` and instance `acct.listKeys()` alike.
 */
export function findCalls(root: Node, names: readonly string[]): CallExpression[] {
  const wanted = new Set(names.map((n) => n.toLowerCase()));
  const calls: CallExpression[] = [];
  walk(root, (node) => {
    if (node.kind === 'Call' && wanted.has(node.name.text.toLowerCase())) calls.push(node);
  });
  return calls;
}

/** `listKeys`/`listAdminKeys`/`listQueryKeys` calls inside `root`. */
export function findKeyListCalls(root: Node): CallExpression[] {
  return findCalls(root, KEY_LIST_FUNCTIONS);
}

/** Namespaces whose members are functions, not resources (`az.listKeys`, `sys.concat`). */
const FUNCTION_NAMESPACES = new Set(['az', 'sys']);

/**
 * What a key-listing call reads keys from. Instance form `acct.listKeys()` → the resource `acct`;
 * function form `listKeys(acct.id, …)` → `acct`; `listKeys(resourceId('Type', …), …)` → that type.
 */
export function keyCallTarget(call: CallExpression, file: BicepFile): { resource?: ResourceInfo; type?: string } {
  const target = call.target;
  if (target && !(target.kind === 'Identifier' && FUNCTION_NAMESPACES.has(target.name))) {
    const resource = resourceOfExpression(target, file);
    return resource ? { resource, type: resource.type } : {};
  }
  const first = call.args[0];
  if (!first) return {};
  if (first.kind === 'Call' && /^resourceId$/i.test(first.name.text)) {
    const typeArg = first.args.find((a) => a.kind === 'String');
    const type = typeArg?.kind === 'String' ? stringValue(typeArg) : undefined;
    return type !== undefined ? { type } : {};
  }
  const resource = resourceOfExpression(first.kind === 'Member' && first.member.text.toLowerCase() === 'id' ? first.object : first, file);
  return resource ? { resource, type: resource.type } : {};
}

/**
 * The resource an expression denotes: `acct`, `accts[i]`, `acct!`, `parent::child`. Unwrapped in a
 * loop: `accts[0][0]…` and `a::b::c…` nest as deep as they are long.
 */
export function resourceOfExpression(expression: Expression, file: BicepFile): ResourceInfo | undefined {
  const children: string[] = []; // `::child` names, outermost first
  let current: Expression = expression;
  for (;;) {
    if (current.kind === 'Index') current = current.object;
    else if (current.kind === 'NonNull' || current.kind === 'Parenthesized') current = current.expression;
    else if (current.kind === 'ResourceAccess') {
      children.push(current.member.text);
      current = current.object;
    } else break;
  }
  if (current.kind !== 'Identifier') return undefined;
  let resource = findResource(file, current.name);
  for (let i = children.length - 1; i >= 0 && resource; i--) {
    const name = children[i];
    const child = resource.body?.members.find((m) => m.kind === 'Resource' && m.name.text === name);
    resource = child?.kind === 'Resource' ? resourceInfoOf(file, child) : undefined;
  }
  return resource;
}

/** Identifier references inside `root` (itself included), optionally only those named `name`. */
export function findReferences(root: Node, name?: string): Identifier[] {
  const found: Identifier[] = [];
  walk(root, (node) => {
    if (node.kind === 'Identifier' && (name === undefined || node.name === name)) found.push(node);
  });
  return found;
}

/**
 * The top-level declaration an identifier refers to, or undefined when it names a loop variable,
 * a lambda parameter, a function namespace or nothing known. Bicep symbols are case-sensitive.
 */
export function resolveIdentifier(identifier: Identifier, file: BicepFile): Declaration | undefined {
  if (isLocallyBound(identifier)) return undefined;
  for (const statement of file.statements) {
    switch (statement.kind) {
      case 'Param':
      case 'Var':
      case 'Resource':
      case 'Module':
      case 'Function':
        if (statement.name.text === identifier.name) return statement;
    }
  }
  return undefined;
}

/** True when a surrounding `for` or lambda binds the identifier's name. */
export function isLocallyBound(identifier: Identifier): boolean {
  for (let node = identifier.parent; node; node = node.parent) {
    if (node.kind === 'For' && (node.item?.text === identifier.name || node.index?.text === identifier.name)) return true;
    if (node.kind === 'Lambda' && node.parameters.some((p) => p.text === identifier.name)) return true;
    if (node.kind === 'Function' && node.parameters.some((p) => p.name.text === identifier.name)) return true;
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// Position lookups

/** The innermost node whose range contains the position. */
export function nodeAt(file: BicepFile, position: Position): Node {
  const offset = offsetAtPosition(file, position);
  let current: Node = file;
  for (;;) {
    let next: Node | undefined;
    forEachChild(current, (child) => {
      if (!next && child.start <= offset && offset <= child.end && child.end > child.start) next = child;
    });
    if (!next) return current;
    current = next;
  }
}
