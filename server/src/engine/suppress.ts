import type { Language } from './types.js';

/**
 * Suppression comments (RULES.md): TS/JS `// azure-ai-security-disable-next-line id… -- reason` and
 * `// azure-ai-security-disable-line id…`; Bicep's own `#disable-next-line id…`. No id means every rule.
 */
export interface Suppressions {
  isSuppressed(ruleId: string, line: number): boolean;
}

const TS_DIRECTIVE = /(?:\/\/|\/\*)\s*azure-ai-security-disable-(next-line|line)\b([^\r\n*]*)/g;
const BICEP_DIRECTIVE = /^[ \t]*#disable-next-line\b([^\r\n]*)/gm;
const ALL = '*';

export function findSuppressions(text: string, language: Language): Suppressions {
  const byLine = new Map<number, Set<string>>();
  const add = (line: number, ids: string[]) => {
    const set = byLine.get(line) ?? new Set<string>();
    for (const id of ids.length ? ids : [ALL]) set.add(id);
    byLine.set(line, set);
  };
  const lineOf = lineCounter(text);
  if (language === 'typescript') {
    if (text.includes('azure-ai-security-disable')) {
      for (const m of text.matchAll(TS_DIRECTIVE)) {
        const line = lineOf(m.index!);
        add(m[1] === 'next-line' ? line + 1 : line, parseIds(m[2]!.split('--')[0]!));
      }
    }
  } else if (text.includes('#disable-next-line')) {
    for (const m of text.matchAll(BICEP_DIRECTIVE)) add(lineOf(m.index!) + 1, parseIds(m[1]!.split('//')[0]!));
  }
  return {
    isSuppressed(ruleId, line) {
      const set = byLine.get(line);
      return set !== undefined && (set.has(ALL) || set.has(ruleId));
    },
  };
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
