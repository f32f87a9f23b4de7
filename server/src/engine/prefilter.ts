/**
 * Cheap text tests that decide, before any parse, whether a rule can find anything in a file.
 * Each must hold for every file in which its rule reports something (a prefilter that says "no"
 * drops findings), so they test for text the rule's own checks need, in the form the source
 * must spell it. Plain `includes` and single linear scans: they run over every byte of a scan.
 */

/** A prefilter: a RegExp (tested with `.test`) or a function of the text. */
export type Prefilter = RegExp | ((text: string) => boolean);

export function passes(prefilter: Prefilter | undefined, text: string): boolean {
  if (!prefilter) return true;
  return typeof prefilter === 'function' ? prefilter(text) : prefilter.test(text);
}

/**
 * `compute` of a text, kept for the last text asked about: a file's prefilters run in turn and
 * ask the same questions of it, so each is answered once per file.
 */
export function perText<T>(compute: (text: string) => T): (text: string) => T {
  let last: string | undefined;
  let value!: T;
  return (text) => {
    if (text !== last) {
      last = text;
      value = compute(text);
    }
    return value;
  };
}

/** `text.toLowerCase()`, once per file. For Bicep-sized texts. */
export const lowerCaseOf = perText((text) => text.toLowerCase());

/**
 * Names of the key sinks of `typescript/key-sinks.ts` in any case (`AzureKeyCredential`, `apiKey`,
 * `fromSubscription`/`fromEndpoint`/`fromHost`, the Translator's `region`, the `api-key` and
 * `Ocp-Apim-Subscription-Key` headers) and the certain key signatures (`JQQJ99`, `AzSe`).
 */
const KEY_SINK_WORDS = /apikey|api-key|keycredential|subscription-key|region|from(?:subscription|endpoint|host)|jqqj99|azse[a-d]/i;

/**
 * Whether the text names a key sink or holds a certain key signature (shared by `hardcoded-key` and
 * `key-credential`). A case-insensitive test costs what lower-casing and a plain test cost, without copying the text.
 */
export const hasKeySinkWord = perText((text) => KEY_SINK_WORDS.test(text));

/** True when `text` contains any of `needles` (exact case). */
export function includesAny(text: string, needles: readonly string[]): boolean {
  for (const needle of needles) if (text.includes(needle)) return true;
  return false;
}

/**
 * Escapes in identifiers and strings (`\u0041zureKeyCredential`, `'api\x2dkey'`) are cooked by the
 * parsers, so a name a rule compares need not be spelled out in the text: prefilters that look
 * for names let such files through.
 */
export const hasEscapedText = perText((text) => text.includes('\\u') || text.includes('\\x'));

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

/** A run of 32 hex digits (either case): the legacy Azure AI key shape, or part of a longer one. */
export function hasHexRun32(text: string): boolean {
  return hasRun(text, 32, HEX);
}

/** A run of `length` base64 characters (`[A-Za-z0-9+/]`): holds every key shape that is 32+ characters long. */
export function hasBase64Run(text: string, length: number): boolean {
  return hasRun(text, length, BASE64);
}
