/**
 * Suppression comments, read and written here only (README.md, "Suppressing a finding"):
 *
 * - TS/JS: `// azure-ai-security-disable-next-line id… -- reason` silences the next line,
 *   `// azure-ai-security-disable-line id…` its own line; in a block comment too. Ids are separated by
 *   spaces or commas. No id silences every rule.
 * - Bicep: Bicep's own pragmas, as the lexer found them (`file.pragmas`, so a `#` inside a string is
 *   none): `#disable-next-line id…` silences the next line, `#disable-diagnostics id…` the lines up to
 *   a `#restore-diagnostics` of the same id (or the end of the file). No id silences nothing, as in
 *   Bicep, which requires the codes; such a pragma is a suppression problem, shown as a hint.
 * - Config files: as TS/JS, with `#` comments in a `.env` (`# azure-ai-security-disable-next-line id…`)
 *   and `//` or `/* … *\/` in JSON (which .NET's and Azure Functions' readers accept). A directive on
 *   the first line also covers that line, where findings about the whole file land (so the comment
 *   *Disable … for this line* writes above line 1 keeps silencing it).
 */
import type { Pragma, PragmaKind } from './bicep/tokens.js';
import { LineIndex } from './text.js';
import type { Language, Range, TextEdit } from './types.js';

/** Which rule ids are silenced on which line (0-based) of one document. */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

/** A suppression comment that cannot work as written. Not a finding: the editor shows it as a hint. */
export interface SuppressionProblem {
  range: Range;
  message: string;
}

const TS_MARKER = 'azure-ai-security-disable';
const TS_DIRECTIVE = /(?:\/\/|\/\*)\s*azure-ai-security-disable-(next-line|line)\b([^\r\n*]*)/g;
const DOTENV_DIRECTIVE = /#\s*azure-ai-security-disable-(next-line|line)\b([^\r\n]*)/g;
const TS_NEXT_LINE = '// azure-ai-security-disable-next-line';
const DOTENV_NEXT_LINE = '# azure-ai-security-disable-next-line';
const BICEP_NEXT_LINE = '#disable-next-line';
/** A TS/JS comment without ids: every rule. */
const ALL_RULES = '*';
/** Shown when no finding under the pragma gives a better example. */
const EXAMPLE_ID = 'local-auth-enabled';

export const NOTHING_SUPPRESSED: Suppressions = { isSuppressed: () => false };

/** The TS/JS comments of `text`. A text without the marker costs one `includes`. */
export function typeScriptSuppressions(text: string): Suppressions {
  return commentSuppressions(text, TS_DIRECTIVE, false);
}

/** The comments of a config file: `#` in a `.env`, `//` and `/* *\/` in JSON. */
export function configSuppressions(text: string, language: 'dotenv' | 'json'): Suppressions {
  return commentSuppressions(text, language === 'dotenv' ? DOTENV_DIRECTIVE : TS_DIRECTIVE, true);
}

function commentSuppressions(text: string, directive: RegExp, firstLineCoversItself: boolean): Suppressions {
  if (!text.includes(TS_MARKER)) return NOTHING_SUPPRESSED;
  const byLine = new Map<number, Set<string>>();
  const lineOf = lineCounter(text);
  const add = (line: number, ids: readonly string[]) => {
    const set = byLine.get(line) ?? new Set<string>();
    for (const id of ids.length > 0 ? ids : [ALL_RULES]) set.add(id);
    byLine.set(line, set);
  };
  for (const m of text.matchAll(directive)) {
    const at = lineOf(m.index!);
    const ids = parseIds(m[2]!.split('--')[0]!);
    add(at + (m[1] === 'next-line' ? 1 : 0), ids);
    if (firstLineCoversItself && at === 0) add(0, ids);
  }
  return {
    isSuppressed(ruleId, line) {
      const set = byLine.get(line);
      return set !== undefined && (set.has(ALL_RULES) || set.has(ruleId));
    },
  };
}

/** The pragmas of a Bicep file, in source order (as the lexer lists them). */
export function bicepSuppressions(pragmas: readonly Pragma[]): Suppressions {
  if (pragmas.length === 0) return NOTHING_SUPPRESSED;
  const nextLine = new Map<number, Set<string>>();
  // Per id, the lines strictly between a #disable-diagnostics and its #restore-diagnostics.
  const spans = new Map<string, { after: number; before: number }[]>();
  const disabledSince = new Map<string, number>();
  const addSpan = (id: string, after: number, before: number) => {
    const list = spans.get(id) ?? [];
    list.push({ after, before });
    spans.set(id, list);
  };
  for (const pragma of pragmas) {
    if (pragma.kind === 'disable-next-line') {
      const set = nextLine.get(pragma.line + 1) ?? new Set<string>();
      for (const id of pragma.codes) set.add(id);
      nextLine.set(pragma.line + 1, set);
    } else if (pragma.kind === 'disable-diagnostics') {
      // A second disable of an id already disabled changes nothing (Bicep keeps the first).
      for (const id of pragma.codes) if (!disabledSince.has(id)) disabledSince.set(id, pragma.line);
    } else {
      for (const id of pragma.codes) {
        const since = disabledSince.get(id);
        if (since === undefined) continue;
        addSpan(id, since, pragma.line);
        disabledSince.delete(id);
      }
    }
  }
  for (const [id, since] of disabledSince) addSpan(id, since, Infinity);
  return {
    isSuppressed(ruleId, line) {
      if (nextLine.get(line)?.has(ruleId)) return true;
      return spans.get(ruleId)?.some((s) => s.after < line && line < s.before) ?? false;
    },
  };
}

/**
 * Bicep pragmas without ids, which silence nothing. `idsOnLine` gives the rule ids reported on a
 * line, so the hint on a `#disable-next-line` can show the ids that would silence the line below.
 */
export function bicepSuppressionProblems(pragmas: readonly Pragma[], idsOnLine: (line: number) => readonly string[]): SuppressionProblem[] {
  const problems: SuppressionProblem[] = [];
  for (const pragma of pragmas) {
    if (pragma.codes.length > 0) continue;
    const directive = `#${pragma.kind}`;
    const below = pragma.kind === 'disable-next-line' ? idsOnLine(pragma.line + 1) : [];
    const example = below.length > 0 ? [...new Set(below)].sort().join(' ') : EXAMPLE_ID;
    const start = pragma.range.start;
    problems.push({
      range: { start, end: { line: start.line, character: start.character + directive.length } },
      message: `${directive} needs the rule ids to ${verbOf(pragma.kind)}, e.g. ${directive} ${example}`,
    });
  }
  return problems;
}

function verbOf(kind: PragmaKind): string {
  return kind === 'restore-diagnostics' ? 'restore' : 'silence';
}

/**
 * The edit that silences `ruleId` on `line`: a comment above it in the language's form, with the
 * line's indentation; when the line above already is such a comment, the id is added to it (before
 * its reason: ` -- …` in ours, a `// …` comment in a Bicep pragma), which it keeps. A new TS/JS
 * comment ends in ` -- reason`, a placeholder for why the line is fine.
 */
export const REASON_PLACEHOLDER = 'reason';

export function suppressionEdit(text: string, language: Language, ruleId: string, line: number): TextEdit {
  const lines = new LineIndex(text);
  const marker = language === 'bicep' || language === 'bicepparam' ? BICEP_NEXT_LINE : language === 'dotenv' ? DOTENV_NEXT_LINE : TS_NEXT_LINE;
  const reasonMark = language === 'bicep' || language === 'bicepparam' ? ' //' : ' --';
  if (line > 0) {
    const above = lines.lineText(line - 1);
    const body = above.trimStart();
    if (body.startsWith(`${marker} `) || body.startsWith(`${marker}\t`) || body === marker) {
      const reason = body.indexOf(reasonMark);
      const idsEnd = reason >= 0 ? above.length - body.length + reason : above.trimEnd().length;
      const at = { line: line - 1, character: idsEnd };
      return { range: { start: at, end: at }, newText: ` ${ruleId}` };
    }
  }
  const indent = /^[ \t]*/.exec(lines.lineText(line))![0];
  const start = { line, character: 0 };
  // TS/JS: a reason placeholder after ` -- ` (ESLint's convention) for the author to replace; a
  // Bicep pragma has no reason syntax of its own.
  const reason = language === 'typescript' ? ` -- ${REASON_PLACEHOLDER}` : '';
  return { range: { start, end: start }, newText: `${indent}${marker} ${ruleId}${reason}${lines.newline}` };
}

/**
 * Where a fix inserts a new line above `line` of a Bicep file: above the `#disable-next-line` right
 * over it, if any, so the pragma keeps silencing the line it was written for.
 */
export function insertionLineAbove(pragmas: readonly Pragma[], line: number): number {
  return pragmas.some((p) => p.kind === 'disable-next-line' && p.line === line - 1) ? line - 1 : line;
}

function parseIds(text: string): string[] {
  return text.split(/[\s,]+/).filter((id) => /^[a-z0-9-]+$/i.test(id));
}

/** Line of an offset, for offsets visited in increasing order (one pass over the text). */
function lineCounter(text: string): (offset: number) => number {
  let line = 0;
  let at = 0;
  return (offset) => {
    for (; at < offset; at++) {
      const c = text.charCodeAt(at);
      if (c === 10 || (c === 13 && text.charCodeAt(at + 1) !== 10)) line++;
    }
    return line;
  };
}
