/**
 * Static value folding for rules: literals, arrays/objects of literals, and `param` defaults /
 * `var` values with literal content, followed through references (cycle-safe), with the operators
 * and functions a template uses to derive a setting (`!`, `==`, `&&`, `??`, `empty()`, `toLower()`,
 * `contains()`, …). Anything that depends on deployment-time data (params without default, other
 * function calls, resource properties) is unknown — rules then stay silent rather than guess.
 *
 * A file analysed as a module called from another file carries `bindings`: the value each param
 * takes at that call, and where that value was decided (`Decision`, see `azure/cross-file.ts`).
 */
import type { BicepFile, CallExpression, Expression, Node, ParamDeclaration, VarDeclaration } from './ast.js';
import type { Decision, ParamBinding } from './bindings.js';
import { isLocallyBound, resolveIdentifier } from './query.js';
import { equalsIgnoreCase } from '../text.js';

export type BicepValue = string | number | boolean | null | BicepValue[] | { [key: string]: BicepValue };

/** Where a folded value came from when it was reached through a symbol. */
export interface ValueSource {
  kind: 'param' | 'var';
  name: string;
  declaration: ParamDeclaration | VarDeclaration;
  /** Set when the param is bound by a caller or parameter file: where its value was decided. */
  decision?: Decision;
}

/**
 * `decision`: the first bound param the value depends on, when it depends on one (the value is
 * then decided in another file, or at a call site, rather than where it is written).
 */
export type Evaluation = { known: true; value: BicepValue; via?: ValueSource; decision?: Decision } | { known: false };

const UNKNOWN: Evaluation = { known: false };
/** Longest chain of `var a = b` references followed before giving up. */
const MAX_REFERENCE_HOPS = 64;

/**
 * Folds `expression` to a value. `via` names the first param/var the value was read through
 * (`publicNetworkAccess: access` with `param access string = 'Enabled'` → via param `access`).
 */
export function evaluate(expression: Node | undefined, file: BicepFile, locals?: ReadonlyMap<string, BicepValue>): Evaluation {
  if (!expression) return UNKNOWN;
  return new Evaluator(file, locals).run(expression);
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
  private decision: Decision | undefined;

  /** `locals`: values of loop variables (`[for x in …]`) for one iteration. */
  constructor(
    private readonly file: BicepFile,
    private readonly locals?: ReadonlyMap<string, BicepValue>,
  ) {}

  run(expression: Node): Evaluation {
    const value = this.fold(expression);
    if (value === undefined) return UNKNOWN;
    const result: Evaluation = { known: true, value };
    if (this.via) result.via = this.via;
    if (this.decision) result.decision = this.decision;
    return result;
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
        return this.foldBinary(node);
      case 'Call':
        return this.foldCall(node);
      case 'Ternary': {
        const condition = this.fold(node.condition);
        if (typeof condition !== 'boolean') return undefined;
        return this.fold(condition ? node.whenTrue : node.whenFalse);
      }
      case 'Member': {
        const object = this.fold(node.object);
        // Safe access (`x.?key`) gives null for a null object or a missing key, as in Bicep.
        if (node.safe && object === null) return null;
        if (object === null || typeof object !== 'object' || Array.isArray(object)) return undefined;
        const found = lookupKey(object, node.member.text);
        return found === undefined && node.safe ? null : found;
      }
      case 'Index': {
        const object = this.fold(node.object);
        if (node.safe && object === null) return null;
        const index = this.fold(node.index);
        if (Array.isArray(object) && typeof index === 'number') {
          const i = node.fromEnd ? object.length - index : index;
          return i >= 0 && i < object.length ? object[i] : node.safe ? null : undefined;
        }
        if (object !== null && typeof object === 'object' && !Array.isArray(object) && typeof index === 'string') {
          const found = lookupKey(object, index);
          return found === undefined && node.safe ? null : found;
        }
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

  private foldBinary(node: Extract<Node, { kind: 'Binary' }>): BicepValue | undefined {
    const left = this.fold(node.left);
    if (left === undefined) return undefined;
    switch (node.operator) {
      case '??':
        return left === null ? this.fold(node.right) : left;
      // Short-circuit as Bicep does: `false && x` is false whatever `x` is.
      case '&&':
        if (typeof left !== 'boolean') return undefined;
        return left ? asBoolean(this.fold(node.right)) : false;
      case '||':
        if (typeof left !== 'boolean') return undefined;
        return left ? true : asBoolean(this.fold(node.right));
    }
    const right = this.fold(node.right);
    if (right === undefined) return undefined;
    switch (node.operator) {
      case '==':
        return deepEqual(left, right, false);
      case '!=':
        return !deepEqual(left, right, false);
      case '=~':
        return typeof left === 'string' && typeof right === 'string' ? equalsIgnoreCase(left, right) : undefined;
      case '!~':
        return typeof left === 'string' && typeof right === 'string' ? !equalsIgnoreCase(left, right) : undefined;
      case '<':
        return typeof left === 'number' && typeof right === 'number' ? left < right : undefined;
      case '<=':
        return typeof left === 'number' && typeof right === 'number' ? left <= right : undefined;
      case '>':
        return typeof left === 'number' && typeof right === 'number' ? left > right : undefined;
      case '>=':
        return typeof left === 'number' && typeof right === 'number' ? left >= right : undefined;
      default:
        return undefined;
    }
  }

  /** The few functions templates use to derive a setting; any other call's result is unknown. */
  private foldCall(node: CallExpression): BicepValue | undefined {
    if (node.target && !(node.target.kind === 'Identifier' && node.target.name === 'sys')) return undefined;
    const args = node.args;
    switch (node.name.text.toLowerCase()) {
      case 'empty': {
        if (args.length !== 1) return undefined;
        const value = this.fold(args[0]!);
        if (value === undefined) return undefined;
        if (value === null) return true;
        if (typeof value === 'string' || Array.isArray(value)) return value.length === 0;
        if (typeof value === 'object') return Object.keys(value).length === 0;
        return undefined;
      }
      case 'tolower':
      case 'toupper': {
        if (args.length !== 1) return undefined;
        const value = this.fold(args[0]!);
        if (typeof value !== 'string') return undefined;
        return node.name.text.toLowerCase() === 'tolower' ? value.toLowerCase() : value.toUpperCase();
      }
      case 'contains': {
        if (args.length !== 2) return undefined;
        const container = this.fold(args[0]!);
        const item = this.fold(args[1]!);
        if (container === undefined || item === undefined) return undefined;
        // Bicep compares strings here case-insensitively for objects' keys and substrings alike.
        if (typeof container === 'string') return typeof item === 'string' ? container.toLowerCase().includes(item.toLowerCase()) : undefined;
        if (Array.isArray(container)) return container.some((c) => deepEqual(c, item, false));
        if (container !== null && typeof container === 'object') return typeof item === 'string' ? Object.keys(container).some((k) => equalsIgnoreCase(k, item)) : undefined;
        return undefined;
      }
      case 'coalesce': {
        for (const arg of args) {
          const value = this.fold(arg);
          if (value === undefined) return undefined;
          if (value !== null) return value;
        }
        return null;
      }
      case 'bool': {
        if (args.length !== 1) return undefined;
        const value = this.fold(args[0]!);
        if (typeof value === 'boolean') return value;
        if (typeof value === 'string' && /^(true|false)$/i.test(value)) return value.toLowerCase() === 'true';
        return undefined;
      }
      default:
        return undefined;
    }
  }

  private foldReference(node: Extract<Node, { kind: 'Identifier' }>): BicepValue | undefined {
    if (this.locals?.has(node.name) && isLocallyBound(node)) return this.locals.get(node.name);
    const declaration = resolveIdentifier(node, this.file);
    if (!declaration || (declaration.kind !== 'Param' && declaration.kind !== 'Var')) return undefined;
    const binding = declaration.kind === 'Param' ? this.file.bindings?.get(declaration.name.text) : undefined;
    if (binding) return this.foldBound(declaration as ParamDeclaration, binding);
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

  /** A param whose value a caller (or parameter file) decides: the value it passes, or the default it leaves. */
  private foldBound(declaration: ParamDeclaration, binding: ParamBinding): BicepValue | undefined {
    let value: BicepValue | undefined;
    if (binding.kind === 'value') {
      value = binding.value;
    } else if (declaration.value) {
      if (this.active.has(declaration) || this.hops >= MAX_REFERENCE_HOPS) return undefined;
      this.hops++;
      this.active.add(declaration);
      const outerDecision = this.decision;
      value = this.fold(declaration.value);
      this.decision = outerDecision;
      this.active.delete(declaration);
    } else {
      // Not passed, no default: a nullable param is null (the property it sets is then absent).
      value = declaration.type?.nullable ? null : undefined;
    }
    if (value === undefined) return undefined;
    this.via ??= { kind: 'param', name: declaration.name.text, declaration, decision: binding.decision };
    this.decision ??= binding.decision;
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

function asBoolean(value: BicepValue | undefined): boolean | undefined {
  return typeof value === 'boolean' ? value : undefined;
}

/** Bicep `==`: deep equality; strings compare case-sensitively (`=~` is the case-insensitive one). */
function deepEqual(a: BicepValue, b: BicepValue, ignoreCase: boolean): boolean {
  if (typeof a === 'string' && typeof b === 'string') return ignoreCase ? equalsIgnoreCase(a, b) : a === b;
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return a === b;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => deepEqual(x, b[i]!, ignoreCase));
  }
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k]!, b[k]!, ignoreCase));
}

/** Object property lookup, case-insensitive like Bicep property access. */
export function lookupKey(object: { [key: string]: BicepValue }, key: string): BicepValue | undefined {
  if (Object.prototype.hasOwnProperty.call(object, key)) return object[key];
  for (const k of Object.keys(object)) if (equalsIgnoreCase(k, key)) return object[k];
  return undefined;
}
