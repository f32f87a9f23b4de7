/**
 * Static value folding for rules: literals, arrays/objects of literals, and `param` defaults /
 * `var` values with literal content, followed through references (cycle-safe). Anything that
 * depends on deployment-time data (params without default, function calls, resource properties)
 * is unknown — rules then stay silent rather than guess.
 */
import type { BicepFile, Expression, Node, ParamDeclaration, VarDeclaration } from './ast.js';
import { resolveIdentifier } from './query.js';
import { equalsIgnoreCase } from '../text.js';

export type BicepValue = string | number | boolean | null | BicepValue[] | { [key: string]: BicepValue };

/** Where a folded value came from when it was reached through a symbol. */
export interface ValueSource {
  kind: 'param' | 'var';
  name: string;
  declaration: ParamDeclaration | VarDeclaration;
}

export type Evaluation = { known: true; value: BicepValue; via?: ValueSource } | { known: false };

const UNKNOWN: Evaluation = { known: false };
/** Longest chain of `var a = b` references followed before giving up. */
const MAX_REFERENCE_HOPS = 64;

/**
 * Folds `expression` to a value. `via` names the first param/var the value was read through
 * (`publicNetworkAccess: access` with `param access string = 'Enabled'` → via param `access`).
 */
export function evaluate(expression: Node | undefined, file: BicepFile): Evaluation {
  if (!expression) return UNKNOWN;
  return new Evaluator(file).run(expression);
}

/** The folded value when it is a string, else undefined. */
export function evaluateString(expression: Node | undefined, file: BicepFile): string | undefined {
  const result = evaluate(expression, file);
  return result.known && typeof result.value === 'string' ? result.value : undefined;
}

/** The folded value when it is a boolean, else undefined. */
export function evaluateBoolean(expression: Node | undefined, file: BicepFile): boolean | undefined {
  const result = evaluate(expression, file);
  return result.known && typeof result.value === 'boolean' ? result.value : undefined;
}

/**
 * Deepest expression folded. The parser bounds nesting, but a chain (`a ?? b ?? …`, `x.a.b.…`,
 * `!!!…`) is built in a loop and nests as deep as it is long: past this, the value is unknown
 * rather than a stack overflow.
 */
const MAX_FOLD_DEPTH = 1000;

class Evaluator {
  private readonly active = new Set<Node>();
  private hops = 0;
  private depth = 0;
  private via: ValueSource | undefined;

  constructor(private readonly file: BicepFile) {}

  run(expression: Node): Evaluation {
    const value = this.fold(expression);
    if (value === undefined) return UNKNOWN;
    return this.via ? { known: true, value, via: this.via } : { known: true, value };
  }

  /** The value, or undefined when unknown (`null` is a known value). */
  private fold(node: Node): BicepValue | undefined {
    if (this.depth >= MAX_FOLD_DEPTH) return undefined;
    this.depth++;
    const value = this.foldNode(node);
    this.depth--;
    return value;
  }

  private foldNode(node: Node): BicepValue | undefined {
    switch (node.kind) {
      case 'Integer':
        return node.value;
      case 'Boolean':
        return node.value;
      case 'Null':
        return null;
      case 'String':
        return this.foldString(node.parts, node.holes);
      case 'Parenthesized':
        return this.fold(node.expression);
      case 'Array':
        return this.foldArray(node.items);
      case 'Object':
        return this.foldObject(node);
      case 'Unary': {
        const operand = this.fold(node.operand);
        if (node.operator === '!' && typeof operand === 'boolean') return !operand;
        if (node.operator === '-' && typeof operand === 'number') return -operand;
        if (node.operator === '+' && typeof operand === 'number') return operand;
        return undefined;
      }
      case 'Binary':
        if (node.operator === '??') {
          const left = this.fold(node.left);
          if (left === undefined) return undefined;
          return left === null ? this.fold(node.right) : left;
        }
        return undefined;
      case 'Ternary': {
        const condition = this.fold(node.condition);
        if (typeof condition !== 'boolean') return undefined;
        return this.fold(condition ? node.whenTrue : node.whenFalse);
      }
      case 'Member': {
        const object = this.fold(node.object);
        if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
        return lookupKey(object, node.member.text);
      }
      case 'Index': {
        const object = this.fold(node.object);
        const index = this.fold(node.index);
        if (Array.isArray(object) && typeof index === 'number') {
          const i = node.fromEnd ? object.length - index : index;
          return i >= 0 && i < object.length ? object[i] : undefined;
        }
        if (object !== null && typeof object === 'object' && !Array.isArray(object) && typeof index === 'string') return lookupKey(object, index);
        return undefined;
      }
      case 'NonNull':
        return this.fold(node.expression);
      case 'Identifier':
        return this.foldReference(node);
      default:
        return undefined;
    }
  }

  private foldReference(node: Extract<Node, { kind: 'Identifier' }>): BicepValue | undefined {
    const declaration = resolveIdentifier(node, this.file);
    if (!declaration || (declaration.kind !== 'Param' && declaration.kind !== 'Var')) return undefined;
    if (!declaration.value || this.active.has(declaration) || this.hops >= MAX_REFERENCE_HOPS) return undefined;
    this.hops++;
    this.active.add(declaration);
    const outer = this.via;
    this.via ??= { kind: declaration.kind === 'Param' ? 'param' : 'var', name: declaration.name.text, declaration };
    const value = this.fold(declaration.value);
    this.active.delete(declaration);
    if (value === undefined) this.via = outer;
    return value;
  }

  private foldString(parts: readonly string[], holes: readonly Expression[]): string | undefined {
    let text = parts[0]!;
    for (let i = 0; i < holes.length; i++) {
      const value = this.fold(holes[i]!);
      if (value === undefined || value === null || typeof value === 'object') return undefined;
      text += String(value) + parts[i + 1]!;
    }
    return text;
  }

  private foldArray(items: readonly Node[]): BicepValue[] | undefined {
    const result: BicepValue[] = [];
    for (const item of items) {
      if (item.kind === 'Spread') {
        const spread = this.fold(item.expression);
        if (!Array.isArray(spread)) return undefined;
        result.push(...spread);
        continue;
      }
      const value = this.fold(item);
      if (value === undefined) return undefined;
      result.push(value);
    }
    return result;
  }

  private foldObject(node: Extract<Node, { kind: 'Object' }>): { [key: string]: BicepValue } | undefined {
    const result: { [key: string]: BicepValue } = {};
    for (const member of node.members) {
      if (member.kind === 'Spread') {
        const spread = this.fold(member.expression);
        if (spread === null || typeof spread !== 'object' || Array.isArray(spread)) return undefined;
        Object.assign(result, spread);
      } else if (member.kind === 'Property' && member.name !== undefined) {
        const value = this.fold(member.value);
        if (value === undefined) return undefined;
        result[member.name] = value;
      } else {
        return undefined;
      }
    }
    return result;
  }
}

/** Object property lookup, case-insensitive like Bicep property access. */
function lookupKey(object: { [key: string]: BicepValue }, key: string): BicepValue | undefined {
  if (Object.prototype.hasOwnProperty.call(object, key)) return object[key];
  for (const k of Object.keys(object)) if (equalsIgnoreCase(k, key)) return object[k];
  return undefined;
}
