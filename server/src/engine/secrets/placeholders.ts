/**
 * Values that stand in for a key in samples and templates. Flagging them would teach users to
 * ignore the rule, so a literal at a key sink is a key only when it is none of these.
 */
const PLACEHOLDER_WORDS =
  /your|placeholder|change[-_ ]?me|replace|insert|enter[-_ ]?(a|the)?[-_ ]?key|example|sample|dummy|fake|redacted|todo|fixme|secret[-_ ]?here|key[-_ ]?here|xxx|<|>|\{\{|\}\}|\.\.\./i;

/** Characters a key never contains; a value with them is prose, a URL, a colour or a template. */
const NOT_KEY_CHARS = /[\s:/\\@#]/;

/** A GUID (ids, tenant and client ids, resource ids): never an Azure AI key, which has no dashes. */
const GUID = /^\{?[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}?$/i;

export function isPlaceholder(value: string): boolean {
  if (value.length <= 1) return true;
  if (/^(.)\1*$/s.test(value)) return true; // all one character: "xxxx", "****", "0000"
  if (PLACEHOLDER_WORDS.test(value)) return true;
  if (/^\$\{[^}]*\}$|^\$[A-Z_][A-Z0-9_]*$|^%[A-Z_][A-Z0-9_]*%$/i.test(value)) return true; // "${KEY}", "$KEY", "%KEY%"
  return false;
}

/** A literal that could be a key at a key sink: not a placeholder and shaped like a token. */
export function couldBeKey(value: string): boolean {
  return value.length >= 8 && !NOT_KEY_CHARS.test(value) && !GUID.test(value) && !isPlaceholder(value);
}
