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

/** Applies non-overlapping edits to a text (LSP semantics: all ranges refer to the original). */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const sorted = edits
    .map((e, i) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), text: e.newText, i }))
    .sort((a, b) => b.start - a.start || b.i - a.i);
  let out = text;
  for (const e of sorted) out = out.slice(0, e.start) + e.text + out.slice(e.end);
  return out;
}
