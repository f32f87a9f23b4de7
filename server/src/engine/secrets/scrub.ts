import { redact } from './redact.js';

/**
 * Last line of defence for anything that leaves the engine (messages, titles, logged errors): any
 * token that could be a key is cut to its first 4 characters. Rules already redact what they
 * know is a secret; this catches what they did not expect (an exception message quoting code).
 */
const TOKEN = new Uint8Array(128);
for (const c of 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/_-') TOKEN[c.charCodeAt(0)] = 1;
const MIN_TOKEN = 20;

function isTokenChar(c: number): boolean {
  return c < 128 && TOKEN[c] === 1;
}

/**
 * Each maximal run of 20+ `[A-Za-z0-9+/_-]` characters, with up to two `=` after it (what
 * `/[A-Za-z0-9+/_-]{20,}={0,2}/g` matches), is cut when it looks random. Every message and fix
 * title goes through here, so it skips ahead: a run of 20 that starts before `i + 20` covers
 * `i + 19`, so when that character is not a run character the scan jumps past it.
 */
export function scrubSecrets(text: string): string {
  let out = '';
  let copied = 0;
  const n = text.length;
  // No run crosses `i` (it is 0, or the character before it ends a run or is not a run character).
  for (let i = 0; i + MIN_TOKEN <= n;) {
    const probe = i + MIN_TOKEN - 1;
    if (!isTokenChar(text.charCodeAt(probe))) {
      i = probe + 1;
      continue;
    }
    let start = probe;
    while (start > i && isTokenChar(text.charCodeAt(start - 1))) start--;
    let end = probe + 1;
    while (end < n && isTokenChar(text.charCodeAt(end))) end++;
    if (end - start >= MIN_TOKEN) {
      if (text.charCodeAt(end) === 61) end++;
      if (text.charCodeAt(end) === 61) end++;
      const token = text.slice(start, end);
      if (looksRandom(token)) {
        out += text.slice(copied, start) + redact(token);
        copied = end;
      }
    }
    i = end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/** An exception as a redacted one-line text (`TypeError: …`), for rule failures and notices. */
export function describeError(error: unknown): string {
  return scrubSecrets(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
}

/** Identifiers and words are long too; a key mixes digits with letters. */
function looksRandom(token: string): boolean {
  // camelCase words and SCREAMING_SNAKE names (`AZURE_AI_SERVICES_KEY_2`) are identifiers, not keys.
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token) && !/^[a-z]+([A-Z][a-z]+)+[0-9]*$/.test(token) && !/^[A-Z]+(_[A-Z0-9]+)+$/.test(token);
}
