import { compareRanges, LineIndex } from './text.js';
import type { Finding, Fix, Range, TextEdit } from './types.js';

/**
 * The fixes fix-all applies: each finding's preferred (behaviour-keeping) fix, in document order,
 * skipping any fix whose edits would overlap an edit already taken. Identical edits (two fixes
 * adding the same helper at the same place) are shared, not duplicated.
 */
export function selectFixAll(findings: readonly Finding[]): Fix[] {
  const taken: TextEdit[] = [];
  const selected: Fix[] = [];
  for (const finding of [...findings].sort((a, b) => compareRanges(a.range, b.range))) {
    const fix = finding.fixes.find((f) => f.preferred);
    if (!fix) continue;
    const fresh = fix.edits.filter((e) => !taken.some((t) => sameEdit(t, e)));
    if (fresh.some((e) => taken.some((t) => overlaps(t.range, e.range)))) continue;
    taken.push(...fresh);
    selected.push({ ...fix, edits: fresh });
  }
  return selected;
}

/** Every edit of the fixes, identical ones once: ready for `applyEdits`. */
export function mergeEdits(fixes: readonly Fix[]): TextEdit[] {
  const edits: TextEdit[] = [];
  for (const fix of fixes) for (const e of fix.edits) if (!edits.some((t) => sameEdit(t, e))) edits.push(e);
  return edits;
}

function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return compareRanges(a.range, b.range) === 0 && a.newText === b.newText;
}

/** Ranges overlap when they share a character, or are the same insertion point. */
function overlaps(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']) => p.line < q.line || (p.line === q.line && p.character < q.character);
  const equal = (p: Range['start'], q: Range['start']) => p.line === q.line && p.character === q.character;
  if (equal(a.start, b.start)) return true;
  return before(a.start, b.end) && before(b.start, a.end);
}

/**
 * Applies non-overlapping edits to a text with LSP semantics: every range refers to the original
 * text, and edits at the same position apply in array order (an insertion listed before a
 * replacement at its start goes before it).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits.map((e, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText, i })).sort((a, b) => a.start - b.start || a.i - b.i);
  let out = '';
  let cursor = 0;
  for (const e of sorted) {
    out += text.slice(cursor, Math.max(cursor, e.start)) + e.text;
    cursor = Math.max(cursor, e.end);
  }
  return out + text.slice(cursor);
}

export interface FixAllOptions {
  /**
   * Called for each fix before it is applied: returns the fix to apply (a face may rename its
   * `.env` variable) or undefined to leave it out (its `.env` may not be written).
   */
  prepare?(fix: Fix): Fix | undefined;
  maxPasses?: number;
}

export interface FixAllResult {
  text: string;
  /** The fixes applied, in order, as prepared. */
  applied: Fix[];
  passes: number;
}

/**
 * ESLint's loop: apply every non-overlapping safe fix, re-analyse, and go again until nothing
 * changes (fixes that insert into the same object, say, land in later passes). Bounded, so a
 * pair of fixes that undo each other cannot loop forever.
 */
export function fixAllText(text: string, analyse: (text: string) => readonly Finding[], options: FixAllOptions = {}): FixAllResult {
  const applied: Fix[] = [];
  const maxPasses = options.maxPasses ?? 10;
  let passes = 0;
  while (passes < maxPasses) {
    const chosen = selectFixAll(analyse(text))
      .map((f) => (options.prepare ? options.prepare(f) : f))
      .filter((f): f is Fix => f !== undefined);
    if (chosen.length === 0) break;
    const next = applyEdits(text, mergeEdits(chosen));
    passes++;
    if (next === text) break;
    applied.push(...chosen);
    text = next;
  }
  return { text, applied, passes };
}

/** One edit that turns `before` into `after`: the changed middle between a common prefix and suffix. */
export function minimalEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  let start = 0;
  const limit = Math.min(before.length, after.length);
  while (start < limit && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let endBefore = before.length;
  let endAfter = after.length;
  while (endBefore > start && endAfter > start && before.charCodeAt(endBefore - 1) === after.charCodeAt(endAfter - 1)) {
    endBefore--;
    endAfter--;
  }
  // Never split a \r\n pair or a surrogate pair at either end.
  while (start > 0 && (before.charCodeAt(start - 1) === 13 || (before.charCodeAt(start - 1) & 0xfc00) === 0xd800)) start--;
  while (endBefore < before.length && (before.charCodeAt(endBefore) === 10 || (before.charCodeAt(endBefore) & 0xfc00) === 0xdc00)) {
    endBefore++;
    endAfter++;
  }
  const lines = new LineIndex(before);
  return { range: lines.range(start, endBefore), newText: after.slice(start, endAfter) };
}
