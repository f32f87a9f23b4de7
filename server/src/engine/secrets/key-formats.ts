/**
 * Recognizers for Azure AI key formats (docs/rules/hardcoded-key.md; the formats of Microsoft's security-utilities).
 * "Certain" formats carry a fixed signature and are reported wherever they appear; hex keys are
 * only reported with context (a sink, or a name that says it is an AI key).
 */

/**
 * 84-character identifiable Azure AI services key: 52 random base62 characters, the fixed
 * signature `JQQJ99`, a year and month, platform data, `AAA` + a provider character, `ACOG`,
 * and a 4-character checksum.
 */
const IDENTIFIABLE_AI_KEY = /(?<![A-Za-z0-9])[A-Za-z0-9]{52}JQQJ99[A-Za-z0-9][A-L][A-Za-z0-9]{12}AAA[A-Za-z0-9+/]ACOG[A-Za-z0-9]{4}(?![A-Za-z0-9])/g;

/** 52-character identifiable Azure AI Search admin or query key, signature `AzSe`. */
const IDENTIFIABLE_SEARCH_KEY = /(?<![A-Za-z0-9])[A-Za-z0-9]{42}AzSe[A-D][A-Za-z0-9]{5}(?![A-Za-z0-9])/g;

/** Legacy Cognitive Services / Azure OpenAI / Speech key: 16 bytes as 32 hex characters. */
const HEX_KEY = /^[0-9a-fA-F]{32}$/;

/** Cheap test for the signatures, used to skip files that cannot contain a certain key. */
export const CERTAIN_KEY_HINT = /JQQJ99|AzSe[A-D]/;

/** Service named by the provider character (offset 75) of an identifiable AI key. */
const PROVIDER_SERVICES: Record<string, string> = {
  A: 'Azure AI services',
  B: 'Azure OpenAI',
  E: 'Azure AI services (Cognitive Services)',
  F: 'Azure AI Vision',
  H: 'Azure AI Content Safety',
  K: 'Azure AI Face',
  L: 'Azure AI Document Intelligence',
  Y: 'Azure AI Speech',
  a: 'Azure AI Language',
  b: 'Azure AI Translator',
};

export interface KeyMatch {
  /** Offset of the key in the searched text. */
  start: number;
  end: number;
  format: 'identifiable-ai-key' | 'identifiable-search-key';
  /** The service the key belongs to, when the format tells. */
  service?: string;
}

/** Every certain-format key in `text`. */
export function findCertainKeys(text: string): KeyMatch[] {
  const matches: KeyMatch[] = [];
  if (!CERTAIN_KEY_HINT.test(text)) return matches;
  for (const m of text.matchAll(IDENTIFIABLE_AI_KEY)) {
    const start = m.index!;
    matches.push({
      start,
      end: start + m[0].length,
      format: 'identifiable-ai-key',
      service: PROVIDER_SERVICES[m[0][75]!] ?? 'Azure AI services',
    });
  }
  for (const m of text.matchAll(IDENTIFIABLE_SEARCH_KEY)) {
    const start = m.index!;
    matches.push({ start, end: start + m[0].length, format: 'identifiable-search-key', service: 'Azure AI Search' });
  }
  return matches.sort((a, b) => a.start - b.start);
}

/** True when the whole value is a 32-hex legacy key shape. */
export function isHexKeyShape(value: string): boolean {
  return HEX_KEY.test(value);
}

/** True when the whole value is a certain-format key. */
export function isCertainKey(value: string): boolean {
  const found = findCertainKeys(value);
  return found.length === 1 && found[0]!.start === 0 && found[0]!.end === value.length;
}
