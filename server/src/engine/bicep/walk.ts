/**
 * Generic traversal of the syntax tree. `forEachChild` is the one place that knows every node's
 * children; walks use an explicit stack so deep trees never exhaust the call stack.
 */
import { linkParents, walkPreorder } from '../preorder.js';
import type { Node } from './ast.js';

/** Calls `visit` for each direct child of `node`, in source order. The most frequent kinds come first (a switch on strings tests its cases in turn). */
export function forEachChild(node: Node, visit: (child: Node) => void): void {
  switch (node.kind) {
    case 'Identifier':
    case 'Integer':
    case 'Boolean':
    case 'Null':
    case 'Name':
    case 'Type':
    case 'Error':
      return;
    case 'String':
      for (const h of node.holes) visit(h);
      return;
    case 'Property':
      visitDecorators(node.decorators, visit);
      visit(node.key);
      visit(node.value);
      return;
    case 'Object':
      for (const m of node.members) visit(m);
      return;
    case 'Member':
    case 'ResourceAccess':
      visit(node.object);
      visit(node.member);
      return;
    case 'Call':
      if (node.target) visit(node.target);
      visit(node.name);
      for (const a of node.args) visit(a);
      return;
    case 'Array':
      for (const item of node.items) visit(item);
      return;
    case 'Decorator':
      visit(node.expression);
      return;
    case 'Binary':
      visit(node.left);
      visit(node.right);
      return;
    case 'Unary':
      visit(node.operand);
      return;
    case 'NonNull':
    case 'Parenthesized':
      visit(node.expression);
      return;
    case 'Index':
      visit(node.object);
      visit(node.index);
      return;
    case 'Ternary':
      visit(node.condition);
      visit(node.whenTrue);
      visit(node.whenFalse);
      return;
    case 'If':
      visit(node.condition);
      visit(node.body);
      return;
    case 'For':
      if (node.item) visit(node.item);
      if (node.index) visit(node.index);
      visit(node.iterable);
      visit(node.body);
      return;
    case 'Spread':
      visit(node.expression);
      return;
    case 'Lambda':
      for (const p of node.parameters) visit(p);
      visit(node.body);
      return;
    case 'Resource':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      visit(node.type);
      visit(node.value);
      return;
    case 'Param':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      if (node.type) visit(node.type);
      if (node.resourceType) visit(node.resourceType);
      if (node.value) visit(node.value);
      return;
    case 'Var':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      if (node.type) visit(node.type);
      visit(node.value);
      return;
    case 'Output':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      if (node.type) visit(node.type);
      if (node.resourceType) visit(node.resourceType);
      visit(node.value);
      return;
    case 'Module':
    case 'Test':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      visit(node.path);
      visit(node.value);
      return;
    case 'File':
      for (const s of node.statements) visit(s);
      return;
    case 'TargetScope':
      visitDecorators(node.decorators, visit);
      visit(node.value);
      return;
    case 'Metadata':
    case 'Assert':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      visit(node.value);
      return;
    case 'TypeDeclaration':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      visit(node.type);
      return;
    case 'Function':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      for (const p of node.parameters) visit(p);
      if (node.returnType) visit(node.returnType);
      visit(node.body);
      return;
    case 'FunctionParameter':
      visit(node.name);
      visit(node.type);
      return;
    case 'Import':
      visitDecorators(node.decorators, visit);
      for (const item of node.items) visit(item);
      if (node.wildcardAlias) visit(node.wildcardAlias);
      if (node.from) visit(node.from);
      return;
    case 'ImportItem':
      visit(node.name);
      if (node.alias) visit(node.alias);
      return;
    case 'Extension':
      visitDecorators(node.decorators, visit);
      visit(node.specification);
      if (node.config) visit(node.config);
      if (node.alias) visit(node.alias);
      return;
    case 'Using':
      visitDecorators(node.decorators, visit);
      if (node.path) visit(node.path);
      return;
    case 'Extends':
      visitDecorators(node.decorators, visit);
      if (node.path) visit(node.path);
      return;
    case 'ExtensionConfig':
      visitDecorators(node.decorators, visit);
      visit(node.name);
      if (node.config) visit(node.config);
      return;
    case 'Unknown':
    case 'MissingDeclaration':
      visitDecorators(node.decorators, visit);
      return;
  }
}

function visitDecorators(decorators: readonly Node[], visit: (child: Node) => void): void {
  for (const d of decorators) visit(d);
}

/**
 * Visits `root` and its descendants in pre-order. Return `false` from `visit` to skip a node's
 * children.
 */
export function walk(root: Node, visit: (node: Node) => boolean | void): void {
  walkPreorder(root, forEachChild, visit);
}

/** Sets `parent` on every node below `root`. */
export function setParents(root: Node): void {
  linkParents(root, forEachChild);
}

/** The chain of ancestors of `node`, nearest first. */
export function* ancestors(node: Node): Generator<Node> {
  for (let current = node.parent; current; current = current.parent) yield current;
}
