/**
 * Text edits for Bicep fixes that keep the file's look: new properties get the indentation of
 * their siblings (or the parent's plus one unit detected from the file: a tab or N spaces), new
 * lines use the file's line break (CRLF stays CRLF), and single-line objects are expanded.
 */
import { insertionLineAbove } from '../suppressions.js';
import type { Range, TextEdit } from '../types.js';
import type { BicepFile, Declaration, Node, ObjectExpression } from './ast.js';
import { lineAt, positionAt, rangeOf } from './file.js';
import { getOwnProperty } from './query.js';

/** The file's line break: `\r\n` when its first line ends so, else `\n`. */
export function newlineOf(file: BicepFile): string {
  const lf = file.text.indexOf('\n');
  return lf > 0 && file.text.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
}

const unitCache = new WeakMap<BicepFile, string>();

/** One indentation level: a tab if the first indented line uses one, else the smallest space indent (default 2). */
export function indentUnit(file: BicepFile): string {
  const cached = unitCache.get(file);
  if (cached !== undefined) return cached;
  const text = file.text;
  let smallest = 0;
  let unit: string | undefined;
  for (const start of file.lineStarts) {
    const c = text.charCodeAt(start);
    if (c === 9) {
      const next = text.charCodeAt(start + 1);
      if (next !== 10 && next !== 13 && start + 1 < text.length) {
        unit = '\t';
        break;
      }
    }
    if (c !== 32) continue;
    let n = 0;
    while (text.charCodeAt(start + n) === 32) n++;
    const after = text.charCodeAt(start + n);
    if (after === 10 || after === 13 || start + n >= text.length) continue;
    if (smallest === 0 || n < smallest) smallest = n;
  }
  unit ??= smallest > 0 ? ' '.repeat(smallest) : '  ';
  unitCache.set(file, unit);
  return unit;
}

/** The leading blanks of a line. */
export function lineIndentation(file: BicepFile, line: number): string {
  const text = file.text;
  const start = file.lineStarts[line] ?? text.length;
  let end = start;
  while (end < text.length && (text.charCodeAt(end) === 32 || text.charCodeAt(end) === 9)) end++;
  return text.slice(start, end);
}

/** Offset of the end of `line`, before its line break. */
function lineEndOffset(file: BicepFile, line: number): number {
  const text = file.text;
  let end = line + 1 < file.lineStarts.length ? file.lineStarts[line + 1]! : text.length;
  while (end > file.lineStarts[line]! && (text.charCodeAt(end - 1) === 10 || text.charCodeAt(end - 1) === 13)) end--;
  return end;
}

function rangeAt(file: BicepFile, start: number, end = start): Range {
  return { start: positionAt(file, start), end: positionAt(file, end) };
}

/** True when only blanks precede `offset` on its line. */
function startsItsLine(file: BicepFile, offset: number): boolean {
  const line = positionAt(file, offset).line;
  const text = file.text;
  for (let i = file.lineStarts[line]!; i < offset; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/**
 * Adapts a value written with `\n` and 2-space indentation to the file: continuation lines get
 * `indent` in front, 2-space steps become the file's unit, and line breaks the file's newline.
 */
export function adaptValueText(file: BicepFile, valueText: string, indent: string): string {
  if (!valueText.includes('\n')) return valueText;
  const unit = indentUnit(file);
  const lines = valueText.replace(/\r\n/g, '\n').split('\n');
  return lines
    .map((line, i) => {
      if (i === 0) return line;
      let spaces = 0;
      while (line.charCodeAt(spaces) === 32) spaces++;
      return indent + unit.repeat(Math.floor(spaces / 2)) + ' '.repeat(spaces % 2) + line.slice(spaces);
    })
    .join(newlineOf(file));
}

/** The indentation for members of `object`: that of an existing member on its own line, else parent + one unit. */
export function memberIndentation(file: BicepFile, object: ObjectExpression): string {
  for (const member of object.members) {
    if (lineAt(file, member.start) !== lineAt(file, object.start) && startsItsLine(file, member.start)) {
      return lineIndentation(file, lineAt(file, member.start));
    }
  }
  return lineIndentation(file, lineAt(file, object.start)) + indentUnit(file);
}

/**
 * Adds `key: valueText` to an object literal. Multi-line objects get a new line after the last
 * member; single-line objects (`{}`, `{ a: 1 }`) are rewritten on several lines.
 */
export function insertPropertyEdit(file: BicepFile, object: ObjectExpression, key: string, valueText: string): TextEdit {
  const newline = newlineOf(file);
  const indent = memberIndentation(file, object);
  const entry = `${key}: ${adaptValueText(file, valueText, indent)}`;
  if (lineAt(file, object.start) === lineAt(file, object.end)) {
    const parentIndent = lineIndentation(file, lineAt(file, object.start));
    const members = object.members.map((m) => file.text.slice(m.start, m.end));
    members.push(entry);
    const body = members.map((m) => indent + m).join(newline);
    return { range: rangeOf(file, object), newText: `{${newline}${body}${newline}${parentIndent}}` };
  }
  const last = object.members[object.members.length - 1];
  let offset: number;
  if (!last) offset = lineEndOffset(file, lineAt(file, object.start));
  else if (lineAt(file, last.end) === lineAt(file, object.end)) offset = last.end;
  else offset = lineEndOffset(file, lineAt(file, last.end));
  return { range: rangeAt(file, offset), newText: `${newline}${indent}${entry}` };
}

/** Builds `a: { b: { c: value } }` text for the path segments after the first, in 2-space steps. */
function nestedValueText(segments: readonly string[], valueText: string): string {
  if (segments.length === 0) return valueText;
  const inner = nestedValueText(segments.slice(1), valueText).split('\n').join('\n  ');
  return `{\n  ${segments[0]}: ${inner}\n}`;
}

/**
 * Sets the property at `path` below `object` to `valueText`: replaces an existing value, or
 * inserts the missing tail of the path as nested objects (`properties.networkAcls` created when
 * absent). Undefined when a step exists but is not an object literal.
 */
export function setPropertyEdit(file: BicepFile, object: ObjectExpression, path: string | readonly string[], valueText: string): TextEdit | undefined {
  const segments = typeof path === 'string' ? path.split('.') : path;
  let current = object;
  for (let i = 0; i < segments.length; i++) {
    const property = getOwnProperty(current, segments[i]!);
    if (!property) return insertPropertyEdit(file, current, segments[i]!, nestedValueText(segments.slice(i + 1), valueText));
    if (i === segments.length - 1) {
      return replaceValueEdit(file, property.value, adaptValueText(file, valueText, lineIndentation(file, lineAt(file, property.start))));
    }
    if (property.value.kind !== 'Object') return undefined;
    current = property.value;
  }
  return undefined;
}

/** Replaces a node's text (a property value, a string literal…). */
export function replaceValueEdit(file: BicepFile, node: Node, newText: string): TextEdit {
  return { range: rangeOf(file, node), newText };
}

/**
 * Inserts a decorator line (`@secure()`) above a declaration and its existing decorators, with
 * the declaration's indentation. A `#disable-next-line` right above stays attached to the declaration.
 */
export function insertDecoratorEdit(file: BicepFile, declaration: Declaration, decoratorText: string): TextEdit {
  const first = declaration.decorators[0];
  const declarationLine = first ? lineAt(file, first.start) : declaration.keyword.start.line;
  const indent = lineIndentation(file, declarationLine);
  const line = first ? declarationLine : insertionLineAbove(file.pragmas, declarationLine);
  const position = { line, character: 0 };
  return { range: { start: position, end: position }, newText: `${indent}${decoratorText}${newlineOf(file)}` };
}

/** Applies non-overlapping edits to a text (for tests and the CLI's `--fix`). */
export function applyEdits(file: BicepFile, edits: readonly TextEdit[]): string {
  const withOffsets = edits.map((e) => ({ e, start: offsetOf(file, e.range.start), end: offsetOf(file, e.range.end) }));
  withOffsets.sort((a, b) => b.start - a.start || b.end - a.end);
  let text = file.text;
  for (const { e, start, end } of withOffsets) text = text.slice(0, start) + e.newText + text.slice(end);
  return text;
}

function offsetOf(file: BicepFile, position: { line: number; character: number }): number {
  const start = file.lineStarts[position.line];
  return start === undefined ? file.text.length : Math.min(start + position.character, file.text.length);
}
