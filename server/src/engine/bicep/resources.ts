/**
 * Resource declarations as rules see them: every `resource` in the file (top level, nested
 * children, inside `if`/`for`), with its full type resolved through nesting and its body unwrapped.
 */
import type { Range } from '../types.js';
import type { BicepFile, Expression, ForExpression, Node, ObjectExpression, ResourceDeclaration } from './ast.js';
import { derived, derivedKey, rangeOf } from './file.js';
import { stringValue } from './strings.js';
import { equalsIgnoreCase } from '../text.js';

export interface ResourceInfo {
  declaration: ResourceDeclaration;
  symbolicName: string;
  /** Range of the symbolic name identifier: where "missing property" findings land. */
  nameRange: Range;
  /**
   * Full resource type without version, e.g. `Microsoft.CognitiveServices/accounts/deployments`
   * for a nested `'deployments@…'`; undefined when interpolated or missing.
   */
  type: string | undefined;
  /** Type text before `@` as written (relative for nested children). */
  declaredType: string | undefined;
  /** Own api version, else the parent's for a nested child without one. */
  apiVersion: string | undefined;
  /** The resource body object, unwrapping `if (…)` and `[for …]`; undefined when half-typed. */
  body: ObjectExpression | undefined;
  existing: boolean;
  /** `if (condition)` of a conditional resource (also inside a loop body). */
  condition: Expression | undefined;
  loop: ForExpression | undefined;
  /** Whole declaration (decorators included). */
  range: Range;
  /** From `resource` to the end of that line. */
  keywordLine: Range;
  /** The resource this one is declared inside (nested child resources). */
  parent: ResourceInfo | undefined;
}

const RESOURCES = derivedKey<ResourceInfo[]>('resources');

/** All resource declarations of the file in source order, parents before their children. */
export function resourceDeclarations(file: BicepFile): ResourceInfo[] {
  return derived(file, RESOURCES, () => describeResources(file));
}

function describeResources(file: BicepFile): ResourceInfo[] {
  const byDeclaration = new Map<ResourceDeclaration, ResourceInfo>();
  const result: ResourceInfo[] = [];
  for (const node of file.resources) {
    const parentDeclaration = enclosingResourceDeclaration(node);
    const info = describeResource(file, node, parentDeclaration ? byDeclaration.get(parentDeclaration) : undefined);
    byDeclaration.set(node, info);
    result.push(info);
  }
  return result;
}

/** Finds a resource by symbolic name (case-sensitive, as Bicep symbols are). */
export function findResource(file: BicepFile, symbolicName: string): ResourceInfo | undefined {
  return resourceDeclarations(file).find((r) => r.symbolicName === symbolicName && r.parent === undefined) ?? resourceDeclarations(file).find((r) => r.symbolicName === symbolicName);
}

/** The ResourceInfo of a declaration node. */
export function resourceInfoOf(file: BicepFile, declaration: ResourceDeclaration): ResourceInfo | undefined {
  return resourceDeclarations(file).find((r) => r.declaration === declaration);
}

/** The nearest resource declaration that contains `node` (not `node` itself). */
export function enclosingResourceDeclaration(node: Node): ResourceDeclaration | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.kind === 'Resource') return current;
  return undefined;
}

/** The resource whose declaration contains `node` (or is `node`), as a ResourceInfo. */
export function enclosingResource(file: BicepFile, node: Node): ResourceInfo | undefined {
  const declaration = node.kind === 'Resource' ? node : enclosingResourceDeclaration(node);
  return declaration ? resourceInfoOf(file, declaration) : undefined;
}

function describeResource(file: BicepFile, declaration: ResourceDeclaration, parent: ResourceInfo | undefined): ResourceInfo {
  const written = declaration.type.kind === 'String' ? stringValue(declaration.type) : undefined;
  let declaredType: string | undefined;
  let apiVersion: string | undefined;
  if (written !== undefined) {
    const at = written.indexOf('@');
    declaredType = at >= 0 ? written.slice(0, at) : written;
    apiVersion = at >= 0 ? written.slice(at + 1) : undefined;
  }
  let type = declaredType;
  // A nested child may name its type relative to the parent: 'deployments@…' under accounts.
  if (parent && declaredType !== undefined && !declaredType.includes('/')) {
    type = parent.type === undefined ? undefined : `${parent.type}/${declaredType}`;
    apiVersion ??= parent.apiVersion;
  }
  if (type === '') type = undefined;

  let value = declaration.value;
  let loop: ForExpression | undefined;
  let condition: Expression | undefined;
  if (value.kind === 'For') {
    loop = value;
    value = value.body;
  }
  if (value.kind === 'If') {
    condition = value.condition.kind === 'Parenthesized' ? value.condition.expression : value.condition;
    value = value.body;
  }
  return {
    declaration,
    symbolicName: declaration.name.text,
    nameRange: rangeOf(file, declaration.name),
    type,
    declaredType,
    apiVersion,
    body: value.kind === 'Object' ? value : undefined,
    existing: declaration.existing,
    condition,
    loop,
    range: rangeOf(file, declaration),
    keywordLine: declaration.keywordLine,
    parent,
  };
}

/** Case-insensitive type comparison (ARM resource types are case-insensitive). */
export function isResourceType(resource: ResourceInfo, type: string): boolean {
  return resource.type !== undefined && equalsIgnoreCase(resource.type, type);
}
