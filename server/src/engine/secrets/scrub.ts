import { redact } from './redact.js';

/**
 * Last line of defence for anything that leaves the engine (messages, titles, logged errors): any
 * token that could be a key is cut to its first 4 characters. Rules already redact what they
 * know is a secret; this catches what they did not expect (an exception message quoting code).
 */
const KEY_LIKE = /[A-Za-z0-9+/_-]{20,}={0,2}/g;

export function scrubSecrets(text: string): string {
  return text.replace(KEY_LIKE, (token) => (looksRandom(token) ? redact(token) : token));
}

/** Identifiers and words are long too; a key mixes digits with letters. */
function looksRandom(token: string): boolean {
  // camelCase words and SCREAMING_SNAKE names (`AZURE_AI_SERVICES_KEY_2`) are identifiers, not keys.
  return /[0-9]/.test(token) && /[A-Za-z]/.test(token) && !/^[a-z]+([A-Z][a-z]+)+[0-9]*$/.test(token) && !/^[A-Z]+(_[A-Z0-9]+)+$/.test(token);
}
