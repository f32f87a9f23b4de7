/**
 * Cheap text tests that decide, before any parse, whether a rule can find anything in a file.
 * Each must hold for every file in which its rule reports something (a prefilter that says "no"
 * drops findings), so they test for text the rule's own checks need, in the form the source
 * must spell it. Plain `includes` and single linear scans: they run over every byte of a scan.
 */

/** A prefilter: a RegExp (tested with `.test`) or a function of the text and the document's URI. */
export type Prefilter = RegExp | ((text: string, uri: string) => boolean);

export function passes(prefilter: Prefilter | undefined, text: string, uri = ''): boolean {
  if (!prefilter) return true;
  return typeof prefilter === 'function' ? prefilter(text, uri) : prefilter.test(text);
}

/**
 * `compute` of a text, kept for the last two texts asked about: a file's prefilters run in turn and
 * ask the same questions of it (and of its decoded text, `passingInSource`), so each is answered once per text.
 */
export function perText<T>(compute: (text: string) => T): (text: string) => T {
  let last: string | undefined;
  let value!: T;
  let before: string | undefined;
  let beforeValue!: T;
  return (text) => {
    if (text === last) return value;
    if (text === before) {
      [before, beforeValue, last, value] = [last, value, before, beforeValue];
      return value;
    }
    before = last;
    beforeValue = value;
    last = text;
    value = compute(text);
    return value;
  };
}

/** `text.toLowerCase()`, once per file. For Bicep-sized texts. */
export const lowerCaseOf = perText((text) => text.toLowerCase());

/**
 * True when `text` contains any of `needles` (exact case). One alternation of the needles, compiled
 * once per list: a single pass costs a third of one `includes` per needle on files that hold none.
 */
export function includesAny(text: string, needles: readonly string[]): boolean {
  const key = needles.join('\0');
  let pattern = NEEDLE_PATTERNS.get(key);
  if (!pattern) {
    pattern = new RegExp(needles.map((n) => n.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'));
    NEEDLE_PATTERNS.set(key, pattern);
  }
  return needles.length > 0 && pattern.test(text);
}

const NEEDLE_PATTERNS = new Map<string, RegExp>();

/**
 * The text with every escape decoded as the compiler cooks identifiers, strings and templates: `\xHH`,
 * `\uHHHH`, `\u{H…}`, legacy octal (`\141`), a line continuation (removed), and any other escaped
 * character as itself (`\-`, `\/`). Escapes are consumed left to right in pairs, as in a literal, so each
 * literal's value and each identifier's name appear in it as the parsers read them. Outside literals
 * (regular expressions, comments) it decodes nonsense, which can only let more files through. The TS/JS
 * prefilters are asked of this text too when the written one says no (`passingInSource`), so a rule's
 * prefilter looks for names as written and needs no case for escapes.
 */
export const cookedText = perText((text: string): string => {
  let at = text.indexOf('\\');
  if (at < 0) return text;
  const parts: string[] = [];
  let from = 0;
  while (at >= 0 && at + 1 < text.length) {
    parts.push(text.slice(from, at));
    const [decoded, end] = decodeEscape(text, at);
    parts.push(decoded);
    from = end;
    at = text.indexOf('\\', end);
  }
  parts.push(text.slice(from));
  return parts.join('');
});

/** The escapes that stand for a control character (`\n`); any other character escaped stands for itself. */
const SINGLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v' };

/** The escape at `text[at]` (a backslash with a character after it): what it stands for, and where it ends. */
function decodeEscape(text: string, at: number): [string, number] {
  const kind = text.charCodeAt(at + 1);
  if (kind === 0x78 /* x */) {
    const code = hexValue(text, at + 2, at + 4);
    if (code >= 0) return [String.fromCharCode(code), at + 4];
  } else if (kind === 0x75 /* u */) {
    if (text.charCodeAt(at + 2) === 0x7b /* { */) {
      const close = text.indexOf('}', at + 3);
      const code = close > at + 3 && close - (at + 3) <= 12 ? hexValue(text, at + 3, close) : -1;
      if (code >= 0) return [String.fromCodePoint(code), close + 1];
    } else {
      const code = hexValue(text, at + 2, at + 6);
      if (code >= 0) return [String.fromCharCode(code), at + 6];
    }
  } else if (kind >= 0x30 && kind <= 0x37 /* 0-7: legacy octal, up to 0o377 */) {
    let end = at + 2;
    let code = kind - 0x30;
    while (end < at + 4 && text.charCodeAt(end) >= 0x30 && text.charCodeAt(end) <= 0x37 && code * 8 + (text.charCodeAt(end) - 0x30) <= 0o377)
      code = code * 8 + (text.charCodeAt(end++) - 0x30);
    return [String.fromCharCode(code), end];
  } else if (kind === 0x0d /* \r */) {
    return ['', text.charCodeAt(at + 2) === 0x0a ? at + 3 : at + 2];
  } else if (kind === 0x0a || kind === 0x2028 || kind === 0x2029) {
    return ['', at + 2];
  }
  const letter = text.charAt(at + 1);
  return [SINGLE_ESCAPES[letter] ?? letter, at + 2];
}

/**
 * The items whose prefilter (`holds`) holds for a TS/JS text as the parsers read it: the written text, or when that
 * says no and the text has escapes, the text with them decoded (`cookedText`). All are asked of the written
 * text first, then the rest of the decoded one, so the helpers' per-text answers (`perText`) are computed
 * once per text. In the items' order.
 */
export function passingInSource<T>(items: readonly T[], holds: (item: T, text: string, uri: string) => boolean, text: string, uri: string): T[] {
  const written = items.map((item) => holds(item, text, uri));
  if (written.every(Boolean)) return [...items];
  if (!escapesMatter(text)) return items.filter((_, i) => written[i]);
  const cooked = cookedText(text);
  return items.filter((item, i) => written[i] || holds(item, cooked, uri));
}

/**
 * Whether decoding the text's escapes can change what a prefilter sees: an escape that stands for a character
 * of the names and shapes prefilters look for (`PREFILTER_CHARS`), or a line continuation, which joins two
 * parts of a literal. Minified code is full of `\n`, `\"` and `\\`, which stand for none of them. TS/JS texts
 * are then asked again decoded (`passingInSource`); a Bicep prefilter that looks for names lets such a file
 * through (Bicep's `\u{…}` escapes are decoded as JavaScript's are; its other escapes spell no name).
 */
export const escapesMatter = perText((text: string): boolean => {
  for (let at = text.indexOf('\\'); at >= 0 && at + 1 < text.length;) {
    const [decoded, end] = decodeEscape(text, at);
    const code = decoded.length === 1 ? decoded.charCodeAt(0) : -1;
    if (decoded === '' || (code >= 0 && code < 128 && PREFILTER_CHARS[code] === 1)) return true;
    at = text.indexOf('\\', end);
  }
  return false;
});

/** The number the hex digits `text[start, end)` spell, or -1 when one is not a hex digit. */
function hexValue(text: string, start: number, end: number): number {
  if (end > text.length) return -1;
  let value = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128 || HEX[c] === 0) return -1;
    value = value * 16 + parseInt(text[i]!, 16);
    if (value > 0x10ffff) return -1;
  }
  return value;
}

/** Characters of the texts prefilters look for: an escape of any other character cannot form one. */
const PREFILTER_CHARS = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-:/._+=@$_ ') PREFILTER_CHARS[c.charCodeAt(0)] = 1;

const HEX = new Uint8Array(128);
for (const c of '0123456789abcdefABCDEF') HEX[c.charCodeAt(0)] = 1;
const BASE64 = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/') BASE64[c.charCodeAt(0)] = 1;

/**
 * True when `text` has a run of at least `length` characters of `table`. Looks at the last
 * character of each window first and skips a whole window when it is outside the class, so
 * ordinary text costs about one look per `length` characters.
 */
function hasRun(text: string, length: number, table: Uint8Array): boolean {
  const n = text.length;
  let start = 0; // the run being tested starts here (every character before it is known)
  while (start + length <= n) {
    const last = start + length - 1;
    const c = text.charCodeAt(last);
    if (c >= 128 || table[c] === 0) {
      start = last + 1;
      continue;
    }
    // Walk back from `last`: the run holds when every character down to `start` is in the class.
    let i = last - 1;
    while (i >= start) {
      const d = text.charCodeAt(i);
      if (d >= 128 || table[d] === 0) break;
      i--;
    }
    if (i < start) return true;
    start = i + 1;
  }
  return false;
}

/** A run of `length` base64 characters (`[A-Za-z0-9+/]`): holds every key shape that is 32+ characters long. */
export function hasBase64Run(text: string, length: number): boolean {
  return hasRun(text, length, BASE64);
}
