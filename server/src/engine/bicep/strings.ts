/** Small readers for string literals and names. */
import type { Name, ObjectProperty, StringLiteral } from './ast.js';

/** The value of a string without holes; undefined for interpolated strings. */
export function stringValue(node: StringLiteral): string | undefined {
  return node.holes.length === 0 ? node.parts[0] : undefined;
}

/** The key text of a property (undefined for interpolated keys). */
export function propertyName(property: ObjectProperty): string | undefined {
  return property.name;
}

/** The text of a name or string key. */
export function nameText(node: Name | StringLiteral): string | undefined {
  return node.kind === 'Name' ? node.text : stringValue(node);
}
