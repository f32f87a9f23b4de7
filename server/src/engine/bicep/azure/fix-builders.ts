/**
 * Fix builders shared by the Bicep rules. Every edit keeps the file's look (indentation unit and
 * line breaks, through `bicep/edits.ts`) and produces text that parses as cleanly as before.
 */
import {
  adaptValueText,
  ancestors,
  insertDecoratorEdit,
  insertPropertyEdit,
  lineIndentation,
  memberIndentation,
  newlineOf,
  params,
  lineAt,
  positionAt,
  rangeOf,
  type BicepFile,
  type BicepValue,
  type Declaration,
  type Node,
  type ObjectExpression,
  type ObjectProperty,
} from '../index.js';
import { insertionLineAbove } from '../../suppressions.js';
import type { Fix, TextEdit } from '../../types.js';
import { paramAllows, type PropertyRead } from './read-property.js';
import type { CheckedResource } from './checked-resources.js';

// ---------------------------------------------------------------------------------------------
// Values as Bicep text

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A value as Bicep source, objects and arrays over several lines in 2-space steps (adapted to the file on insertion). */
export function bicepLiteral(value: BicepValue): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${').replace(/\n/g, '\\n').replace(/\r/g, '\\r')}'`;
  if (value === null || typeof value !== 'object') return String(value);
  const indentInner = (text: string) => text.split('\n').join('\n  ');
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((v) => `  ${indentInner(bicepLiteral(v))}`).join('\n')}\n]`;
  }
  const entries = Object.entries(value);
  if (entries.length === 0) return '{}';
  return `{\n${entries.map(([k, v]) => `  ${IDENTIFIER.test(k) ? k : bicepLiteral(k)}: ${indentInner(bicepLiteral(v))}`).join('\n')}\n}`;
}

/** `a: { b: value }` text for the keys after the first, in 2-space steps. */
export function nestedText(keys: readonly string[], valueText: string): string {
  if (keys.length === 0) return valueText;
  return `{\n  ${keys[0]}: ${nestedText(keys.slice(1), valueText).split('\n').join('\n  ')}\n}`;
}

/** A copy of `value` with `path` set to `leaf` (objects created where missing). */
function setIn(value: BicepValue, path: readonly string[], leaf: BicepValue): BicepValue {
  if (path.length === 0) return leaf;
  const object = value !== null && typeof value === 'object' && !Array.isArray(value) ? { ...value } : {};
  const existing = Object.keys(object).find((k) => k.toLowerCase() === path[0]!.toLowerCase()) ?? path[0]!;
  object[existing] = setIn(object[existing] ?? null, path.slice(1), leaf);
  return object;
}

// ---------------------------------------------------------------------------------------------
// Edits

/** Replaces a node with value text written in 2-space steps, indented like the node's line. */
export function replaceNodeEdit(file: BicepFile, node: Node, valueText: string): TextEdit {
  return { range: rangeOf(file, node), newText: adaptValueText(file, valueText, lineIndentation(file, lineAt(file, node.start))) };
}

/**
 * Adds `key: value` to an object literal, after its last property: a new property goes above
 * nested child resources rather than after them, where readers look for it.
 */
export function insertMemberEdit(file: BicepFile, object: ObjectExpression, key: string, valueText: string): TextEdit {
  const members = object.members;
  const lastProperty = [...members].reverse().find((m) => m.kind === 'Property');
  const trailing = lastProperty ? members.slice(members.indexOf(lastProperty) + 1) : [];
  const multiLine = lineAt(file, object.start) !== lineAt(file, object.end);
  if (!lastProperty || !multiLine || !trailing.some((m) => m.kind === 'Resource') || lineAt(file, lastProperty.end) === lineAt(file, object.end)) {
    return insertPropertyEdit(file, object, key, valueText);
  }
  const indent = memberIndentation(file, object);
  const line = lineAt(file, lastProperty.end);
  const lineEnd = file.lineStarts[line + 1] ?? file.text.length;
  let end = lineEnd;
  while (end > file.lineStarts[line]! && (file.text.charCodeAt(end - 1) === 10 || file.text.charCodeAt(end - 1) === 13)) end--;
  const at = positionAt(file, end);
  return { range: { start: at, end: at }, newText: `${newlineOf(file)}${indent}${key}: ${adaptValueText(file, valueText, indent)}` };
}

/**
 * The edit that makes the read property hold `value`: the literal is replaced where it is written
 * (in the resource, a var, or a param default the param's `@allowed` admits), a computed value is
 * replaced at the property, and a missing property is inserted with the objects it needs
 * (`properties: {}` included).
 */
export function setValueEdit(file: BicepFile, read: PropertyRead, value: BicepValue): TextEdit | undefined {
  const text = bicepLiteral(value);
  if (read.state === 'unknown') return undefined;
  if (read.state === 'known') {
    if (read.literal && literalMayChange(file, read.literal, value)) return replaceNodeEdit(file, read.literal, text);
    if (read.property) return replaceNodeEdit(file, read.property.value, text);
  }
  if (read.replace) return replaceNodeEdit(file, read.replace.node, bicepLiteral(setIn(read.replace.value, read.replace.path, value)));
  if (read.state === 'missing' && read.container) return insertMemberEdit(file, read.container, read.missing[0]!, nestedText(read.missing.slice(1), text));
  return undefined;
}

/** Like `setValueEdit` for an expression written as source text (`name`, `'${prefix}-ai'`); only where the property is a literal in the body or missing. */
export function setExpressionEdit(file: BicepFile, read: PropertyRead, expressionText: string): TextEdit | undefined {
  if (read.state === 'known' && read.property && !read.via) return replaceNodeEdit(file, read.property.value, expressionText);
  if (read.state === 'missing' && read.container && !read.via) {
    return insertMemberEdit(file, read.container, read.missing[0]!, nestedText(read.missing.slice(1), expressionText));
  }
  return undefined;
}

/** A param default may change only to a value its `@allowed` list admits. */
function literalMayChange(file: BicepFile, literal: Node, value: BicepValue): boolean {
  for (const node of ancestors(literal)) {
    if (node.kind === 'Param') return paramAllows(file, node.name.text, value);
    if (node.kind === 'Var' || node.kind === 'Resource') return true;
  }
  return true;
}

/** A fix of one edit, or undefined when the edit cannot be built. */
export function fixOf(title: string, preferred: boolean, ...edits: Array<TextEdit | undefined>): Fix | undefined {
  if (edits.length === 0 || edits.some((e) => e === undefined)) return undefined;
  return { title, preferred, edits: edits as TextEdit[] };
}

/** Fixes that could be built, in order. */
export function fixes(...candidates: Array<Fix | undefined>): Fix[] {
  return candidates.filter((f): f is Fix => f !== undefined);
}

/** Removes a property together with its line when it stands on lines of its own. */
export function removePropertyEdit(file: BicepFile, property: ObjectProperty): TextEdit {
  const text = file.text;
  let start = property.start;
  let end = property.end;
  const lineStart = file.lineStarts[lineAt(file, property.start)]!;
  const onOwnLine = /^[ \t]*$/.test(text.slice(lineStart, start));
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  if (text[after] === ',') end = after + 1;
  else if (onOwnLine && (text[after] === '\r' || text[after] === '\n' || after === text.length)) {
    start = lineStart;
    end = text.startsWith('\r\n', after) ? after + 2 : after + 1;
  }
  return { range: { start: positionAt(file, start), end: positionAt(file, end) }, newText: '' };
}

/**
 * Removes one item of an array literal: its whole line(s) when it stands on lines of its own, else the
 * item with the comma that separates it from a neighbour (`[a, b]` → `[b]`).
 */
export function removeArrayItemEdit(file: BicepFile, item: Node): TextEdit {
  const text = file.text;
  let start = item.start;
  let end = item.end;
  const lineStart = file.lineStarts[lineAt(file, item.start)]!;
  let after = end;
  while (after < text.length && (text[after] === ' ' || text[after] === '\t')) after++;
  let before = start;
  while (before > 0 && (text[before - 1] === ' ' || text[before - 1] === '\t')) before--;
  const onOwnLine = before === lineStart && (text[after] === '\r' || text[after] === '\n' || after === text.length);
  if (onOwnLine && text[after] !== ',') {
    start = lineStart;
    end = text.startsWith('\r\n', after) ? after + 2 : after + 1;
  } else if (text[after] === ',') {
    end = after + 1;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
  } else if (text[before - 1] === ',') {
    start = before - 1;
  }
  return { range: { start: positionAt(file, start), end: positionAt(file, Math.min(end, text.length)) }, newText: '' };
}

/** `@secure()` above a param or output (kept below a `#disable-next-line` that belongs to it). */
export function secureDecoratorFix(file: BicepFile, declaration: Declaration, title: string): Fix {
  return { title, preferred: true, edits: [insertDecoratorEdit(file, declaration, '@secure()')] };
}

// ---------------------------------------------------------------------------------------------
// New params for fixes that need the user's input

export interface NewParam {
  name: string;
  type: string;
  description: string;
  secure?: boolean;
}

/** Symbols the file declares, once per parse (a rule asks for every finding's fix). */
const DECLARED = new WeakMap<BicepFile, ReadonlySet<string>>();
function declaredNames(file: BicepFile): ReadonlySet<string> {
  let names = DECLARED.get(file);
  if (!names) {
    names = new Set(file.statements.flatMap((s) => ('name' in s && s.name && 'text' in s.name ? [s.name.text] : [])));
    DECLARED.set(file, names);
  }
  return names;
}

/** `base`, or `base2`, `base3`… when the file already declares a symbol of that name. */
export function uniqueParamName(file: BicepFile, base: string): string {
  const taken = declaredNames(file);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/**
 * Declares new params (no default: the deployment must supply them) after the file's last param,
 * or above its first declaration that is not `targetScope`/`metadata`/`import`.
 */
export function addParamsEdit(file: BicepFile, newParams: readonly NewParam[]): TextEdit {
  const nl = newlineOf(file);
  const text = newParams.map((p) => [`@description('${p.description.replace(/'/g, "\\'")}')`, ...(p.secure ? ['@secure()'] : []), `param ${p.name} ${p.type}`].join(nl)).join(nl + nl);
  const last = params(file).at(-1);
  if (last) {
    const line = lineAt(file, last.end);
    let end = file.lineStarts[line + 1] ?? file.text.length;
    while (end > file.lineStarts[line]! && (file.text.charCodeAt(end - 1) === 10 || file.text.charCodeAt(end - 1) === 13)) end--;
    const at = positionAt(file, end);
    return { range: { start: at, end: at }, newText: `${nl}${nl}${text}` };
  }
  const first = file.statements.find((s) => !['TargetScope', 'Metadata', 'Import', 'Extension', 'Using'].includes(s.kind));
  const line = first ? insertionLineAbove(file.pragmas, lineAt(file, first.start)) : file.lineStarts.length - 1;
  const at = { line, character: 0 };
  if (!first) return { range: { start: at, end: at }, newText: `${nl}${text}${nl}` };
  return { range: { start: at, end: at }, newText: `${text}${nl}${nl}` };
}

/** The resource's `name` expression as written, for values that default to it. */
export function nameExpressionText(file: BicepFile, resource: CheckedResource): string | undefined {
  const name = resource.body.members.find((m): m is ObjectProperty => m.kind === 'Property' && m.name?.toLowerCase() === 'name');
  if (!name || name.value.kind === 'Error') return undefined;
  return file.text.slice(name.value.start, name.value.end);
}
