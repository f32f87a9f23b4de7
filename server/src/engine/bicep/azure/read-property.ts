/**
 * Reads a property path of a resource the way the rules need it: its value when it can be known
 * statically (literals, param defaults and literal vars, also when a whole object such as
 * `networkAcls: acls` comes from a var), where that value is written, and which param/var it
 * came through. Where a finding lands (each page of docs/rules/ says it for its rule) is decided
 * from this in one place (`findingRange`).
 */
import {
  rangeOf,
  evaluate,
  findParam,
  getDecorator,
  getOwnProperty,
  resolveIdentifier,
  splitPath,
  stringValue,
  type BicepFile,
  type BicepValue,
  type Expression,
  type ObjectExpression,
  type ObjectProperty,
  type ValueSource,
} from '../index.js';
import type { Decision } from '../bindings.js';
import { lookupKey } from '../evaluate.js';
import type { Range } from '../../types.js';
import type { CheckedResource } from './checked-resources.js';

export type PropertyRead =
  | {
      state: 'missing';
      /** The object literal the first missing key belongs in, and the keys still missing below it. */
      container: ObjectExpression | undefined;
      missing: string[];
      /** Set when an object on the path is a known non-literal (`networkAcls: null`): replace it to fix. */
      replace?: Replacement;
      via: ValueSource | undefined;
      anchor: ObjectProperty | undefined;
      /** Set when a bound module param decides it (an object on the path came from one). */
      decision?: Decision;
    }
  | { state: 'unknown' }
  | {
      state: 'known';
      value: BicepValue;
      /** The first param/var the value (or an object holding it) was read through. */
      via: ValueSource | undefined;
      /** The last property on the path written in the resource body itself. */
      anchor: ObjectProperty;
      /** The property holding the value (in the body, or inside a var's object literal). */
      property: ObjectProperty | undefined;
      /** The literal that writes the value (maybe a param default), when it is one node. */
      literal: Expression | undefined;
      /** Set when the value sits inside a known non-literal object: replace `node` to change it. */
      replace?: Replacement;
      /** Set when a bound module param decides the value: the finding lands where that decision is written. */
      decision?: Decision;
    };

/** A known non-literal value on the path (`networkAcls: null`, a ternary): the fix rewrites it whole. */
export interface Replacement {
  node: Expression;
  value: BicepValue;
  /** The keys below `node` that lead to the read property. */
  path: string[];
}

/** A param a caller passes a value to: its own default is not what the call sees. */
function isPassed(declaration: { kind: string; name: { text: string } }, file: BicepFile): boolean {
  return declaration.kind === 'Param' && file.bindings?.get(declaration.name.text)?.kind === 'value';
}

/** Follows a reference (`acls` → `var acls = {…}`) to an object literal. */
function objectLiteralOf(expression: Expression, file: BicepFile, hops = 0): { object: ObjectExpression; via?: ValueSource } | undefined {
  if (hops > 32) return undefined;
  switch (expression.kind) {
    case 'Object':
      return { object: expression };
    case 'Parenthesized':
      return objectLiteralOf(expression.expression, file, hops + 1);
    case 'NonNull':
      return objectLiteralOf(expression.expression, file, hops + 1);
    case 'Identifier': {
      const declaration = resolveIdentifier(expression, file);
      if (!declaration || (declaration.kind !== 'Param' && declaration.kind !== 'Var') || !declaration.value || isPassed(declaration, file)) return undefined;
      const inner = objectLiteralOf(declaration.value, file, hops + 1);
      const decision = declaration.kind === 'Param' ? file.bindings?.get(declaration.name.text)?.decision : undefined;
      const via: ValueSource = { kind: declaration.kind === 'Param' ? 'param' : 'var', name: declaration.name.text, declaration, ...(decision && { decision }) };
      return inner && { object: inner.object, via: inner.via?.decision ? inner.via : via };
    }
    default:
      return undefined;
  }
}

/** The literal node a value is written as, following params and vars. */
export function literalOf(expression: Expression, file: BicepFile, hops = 0): Expression | undefined {
  if (hops > 32) return undefined;
  switch (expression.kind) {
    case 'String':
      return expression.holes.length === 0 ? expression : undefined;
    case 'Boolean':
    case 'Integer':
    case 'Null':
    case 'Array':
      return expression;
    case 'Parenthesized':
    case 'NonNull':
      return literalOf(expression.expression, file, hops + 1);
    case 'Identifier': {
      const declaration = resolveIdentifier(expression, file);
      if (!declaration || (declaration.kind !== 'Param' && declaration.kind !== 'Var') || !declaration.value || isPassed(declaration, file)) return undefined;
      return literalOf(declaration.value, file, hops + 1);
    }
    default:
      return undefined;
  }
}

function lookup(value: BicepValue, key: string): BicepValue | undefined {
  return value === null || typeof value !== 'object' || Array.isArray(value) ? undefined : lookupKey(value, key);
}

/** Reads `path` (`'properties.networkAcls.defaultAction'`) below the resource body. */
export function readProperty(file: BicepFile, resource: CheckedResource, path: string | readonly string[]): PropertyRead {
  const segments = splitPath(path);
  let object = resource.body;
  let via: ValueSource | undefined;
  let anchor: ObjectProperty | undefined;
  let inBody = true;
  for (let i = 0; i < segments.length; i++) {
    const property = getOwnProperty(object, segments[i]!);
    if (!property) return { state: 'missing', container: object, missing: segments.slice(i), via, anchor, ...(via?.decision && { decision: via.decision }) };
    if (inBody) anchor = property;
    if (i === segments.length - 1) {
      const evaluation = evaluate(property.value, file);
      if (!evaluation.known) return { state: 'unknown' };
      const decision = via?.decision ?? evaluation.decision;
      return { state: 'known', value: evaluation.value, via: via ?? evaluation.via, anchor: anchor!, property, literal: literalOf(property.value, file), ...(decision && { decision }) };
    }
    const next = objectLiteralOf(property.value, file);
    if (next) {
      if (next.via) {
        via ??= next.via;
        inBody = false;
      }
      object = next.object;
      continue;
    }
    // A known value that is not an object literal (`null`, a ternary of literals): look inside it.
    const evaluation = evaluate(property.value, file);
    if (!evaluation.known) return { state: 'unknown' };
    via ??= evaluation.via;
    const decision = via?.decision ?? evaluation.decision;
    const rest = segments.slice(i + 1);
    let value: BicepValue | undefined = evaluation.value;
    for (const key of rest) value = value === undefined ? undefined : lookup(value, key);
    const replace: Replacement = { node: property.value, value: evaluation.value, path: rest };
    if (value === undefined) return { state: 'missing', container: undefined, missing: rest, replace, via, anchor, ...(decision && { decision }) };
    return { state: 'known', value, via, anchor: anchor!, property: undefined, literal: undefined, replace, ...(decision && { decision }) };
  }
  return { state: 'unknown' };
}

/** The decision a read's value depends on (a bound module param), when there is one. */
export function decisionOf(read: PropertyRead): Decision | undefined {
  return read.state === 'unknown' ? undefined : read.decision;
}

/**
 * The property node at `path` below the resource body, following object literals through vars and
 * params as `readProperty` does, whatever its value (also a computed one such as `{ key: acct.listKeys().key1 }`):
 * for fixes that remove or rewrite a property rather than read it.
 */
export function propertyAt(file: BicepFile, resource: CheckedResource, path: string | readonly string[]): ObjectProperty | undefined {
  const segments = splitPath(path);
  let object: ObjectExpression = resource.body;
  for (let i = 0; i < segments.length; i++) {
    const property = getOwnProperty(object, segments[i]!);
    if (!property || i === segments.length - 1) return property;
    const next = objectLiteralOf(property.value, file);
    if (!next) return undefined;
    object = next.object;
  }
  return undefined;
}

/**
 * Where a finding about a read lands (as the pages of docs/rules/ describe it): a value written in
 * the resource → that value; a value from a param default or var → the property that uses it; a
 * missing property → the resource's symbolic name.
 */
export function findingRange(file: BicepFile, read: PropertyRead, resource: CheckedResource): Range {
  if (read.state !== 'known') return resource.nameRange;
  if (read.via) return rangeOf(file, read.anchor);
  return rangeOf(file, read.property?.value ?? read.anchor.value);
}

/** `'Enabled'`, or `'Enabled' (default of param 'access')` / `(var 'acls')` when read through a symbol. */
export function describeValue(read: PropertyRead): string {
  if (read.state === 'missing' && read.decision) return `not set (${read.decision.description})`;
  if (read.state !== 'known') return 'not set';
  // Decided by a caller or parameter file: its path, also when a var of the module derives the value.
  if (read.decision) return `${read.value === null ? 'not set' : formatValue(read.value)} (${read.decision.description})`;
  return `${formatValue(read.value)}${provenance(read.via)}`;
}

export function provenance(via: ValueSource | undefined): string {
  if (!via) return '';
  if (via.decision) return ` (${via.decision.description})`;
  return via.kind === 'param' ? ` (default of param '${via.name}')` : ` (var '${via.name}')`;
}

export function formatValue(value: BicepValue): string {
  if (typeof value === 'string') return `'${value}'`;
  if (value === null) return 'null';
  if (typeof value === 'object') return Array.isArray(value) ? (value.length === 0 ? '[]' : '[…]') : '{…}';
  return String(value);
}

/** True when a param's `@allowed([...])` list, if any, admits `value` (case-insensitive for strings). */
export function paramAllows(file: BicepFile, paramName: string, value: BicepValue): boolean {
  const param = findParam(file, paramName);
  const allowed = param && getDecorator(param, 'allowed')?.args[0];
  if (!allowed || allowed.kind !== 'Array') return true;
  return allowed.items.some((item) => {
    if (item.kind === 'String' && typeof value === 'string') return stringValue(item)?.toLowerCase() === value.toLowerCase();
    if (item.kind === 'Boolean') return item.value === value;
    if (item.kind === 'Integer') return item.value === value;
    return false;
  });
}
