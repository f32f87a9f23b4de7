/**
 * What a TS/JS file must spell for the rules' checks to find anything, for their prefilters (rule.ts: a
 * prefilter holds for every file its rule reports on): the names each kind of key sink compares
 * (`findKeySinks`, key-sinks.ts), the clients, URL schemes, TLS options. Each test asks for the names the
 * checks compare, as they compare them: a file without them has nothing to find. Names spelled with escapes
 * (`\u0041zureKeyCredential`) are the engine's business: it also tests the text with its escapes decoded
 * (prefilter.ts `cookedText`).
 */
import { perText } from '../prefilter.js';
import { AZURE_AI_CLIENTS } from './azure-clients.js';

/**
 * The names the checks compare, found in one pass over the text (a test per name would scan it a dozen times):
 * `apiKey` and `azureOpenAIApiKey` as properties (the option sinks read them from an object literal), the key
 * headers as whole names in any case (`api-key`, `Ocp-Apim-Subscription-Key`, the `subscription-key=` query;
 * `x-api-key` is none of them). At each place the first listed name that matches is taken and the scan goes on
 * after it, so a name listed inside a longer one (`OpenAI` in `AzureOpenAI`) is set by the longer one too; no
 * listed name ends with the start of another, except `createAzure` with `Azure…`, which makes one longer
 * identifier, never a name the checks compare.
 */
const W = {
  keyCredential: 1 << 0,
  openAi: 1 << 1,
  azureOpenAi: 1 << 2,
  apiKey: 1 << 3,
  azureOpenAiApiKey: 1 << 4,
  vectorStore: 1 << 5,
  createAzure: 1 << 6,
  speechClass: 1 << 7,
  speechMethod: 1 << 8,
  header: 1 << 9,
  azurePackage: 1 << 10,
  restPackage: 1 << 11,
  client: 1 << 12,
  documentIntelligence: 1 << 13,
  certainKey: 1 << 14,
  /** `http://`, `ws://` (any case), as `findInsecureUrls` looks for them. */
  insecureScheme: 1 << 15,
  /** Protocol and method names below TLS 1.2 (`TLSv1`, `TLSv1_1`, `SSLv3_method`). */
  oldProtocol: 1 << 16,
  /** The options that turn certificate checks off. */
  tlsVerification: 1 << 17,
  /** Callees whose URL argument or option is an Azure AI endpoint, besides the clients. */
  endpointCallee: 1 << 18,
} as const;

/** `word` in any case, as a pattern (`[Aa][Pp][Ii]-[Kk][Ee][Yy]`). */
const anyCase = (word: string) => [...word].map((c) => (c.toLowerCase() === c.toUpperCase() ? c.replace(/[-/.]/g, '\\$&') : `[${c.toUpperCase()}${c.toLowerCase()}]`)).join('');
/** After a name: it is a property of an object literal (`name:`, `name,`, `name }`, `'name':`, `['name']:`). */
const AS_PROPERTY = '[\'"`]?\\]?\\s*[:,}]';
const escaped = (word: string) => word.replace(/[-/.@]/g, '\\$&');

// prettier-ignore
const WORDS: ReadonlyArray<[pattern: string, bits: number]> = [
  [escaped('AzureKeyCredential'), W.keyCredential],
  [`azureOpenAIApiKey${AS_PROPERTY}`, W.azureOpenAiApiKey | W.openAi | W.endpointCallee],
  [escaped('azureOpenAI'), W.endpointCallee],
  [escaped('AzureOpenAI'), W.azureOpenAi | W.openAi | W.endpointCallee],
  [escaped('OpenAI'), W.openAi],
  [`apiKey${AS_PROPERTY}`, W.apiKey],
  [escaped('AzureAISearchVectorStore'), W.vectorStore],
  [escaped('createAzure'), W.createAzure | W.endpointCallee],
  [escaped('SpeechTranslationConfig'), W.speechClass],
  [escaped('SpeechConfig'), W.speechClass],
  ['fromSubscription', W.speechMethod],
  ['from(?:Endpoint|Host)', W.speechMethod | W.endpointCallee],
  [`(?<![\\w-])(?:${anyCase('api-key')}|(?:${anyCase('ocp-apim-')})?${anyCase('subscription-key')})(?![\\w-])`, W.header],
  [escaped('@azure-rest/ai-'), W.restPackage | W.azurePackage],
  [escaped('@azure'), W.azurePackage],
  [escaped('DocumentIntelligence'), W.documentIntelligence],
  [escaped('Client'), W.client],
  ['JQQJ99|AzSe[A-D]', W.certainKey],
  [`(?:${anyCase('http')}|${anyCase('ws')})://`, W.insecureScheme],
  ['TLSv1|SSLv[23]', W.oldProtocol],
  ['rejectUnauthorized|NODE_TLS_REJECT_UNAUTHORIZED|checkServerIdentity', W.tlsVerification],
];
const WORD_PATTERN = new RegExp(WORDS.map(([pattern]) => `(${pattern})`).join('|'), 'g');

/** The `W` bits of the names the text holds. */
const wordsOf = perText((text: string): number => {
  let bits = 0;
  WORD_PATTERN.lastIndex = 0;
  for (let m = WORD_PATTERN.exec(text); m; m = WORD_PATTERN.exec(text)) {
    for (let group = 1; group <= WORDS.length; group++) {
      if (m[group] !== undefined) {
        bits |= WORDS[group - 1]![1];
        break;
      }
    }
  }
  return bits;
});

/**
 * A client of `AZURE_AI_CLIENTS` by name (a local or imported class of that name counts), or a REST package's default
 * export. Every name but `DocumentIntelligence` ends in `Client`.
 */
const CLIENT_NAMES = new RegExp(
  AZURE_AI_CLIENTS.map((c) => c.name)
    .filter((name) => name.endsWith('Client'))
    .join('|'),
);

/** Whether the text names an Azure AI client a credential can be given to (`clientOfCallee`). */
export const hasAiClientName = perText((text) => {
  const words = wordsOf(text);
  return (words & (W.documentIntelligence | W.restPackage)) !== 0 || ((words & W.client) !== 0 && CLIENT_NAMES.test(text));
});

/**
 * The Translator credential `{ key, region }`: `region` as a property of an object literal (`region:`,
 * `region,`, `region }`, `'region':`, `['region']:`), which ARIA's `role: 'region'` is not.
 */
const REGION_PROPERTY = /\bregion['"`]?\]?\s*[:,}]/;
/** Translator's client, its package, or a name or host that says Translator (`TRANSLATOR_KEY`, `translatorCredential`, `microsofttranslator.com`). */
export const namesTranslator = perText((text) => /translator|TextTranslationClient|ai-translation-text/i.test(text));
/** A property or shorthand named `key` (the `{ key }` and `{ key, region }` credentials), in the same shapes. */
const KEY_PROPERTY = /\bkey['"`]?\]?\s*[:,}]/;

/**
 * Whether the text may hold a key sink of any kind but the `key-name` ones (which only take literals of a key's
 * shape): what `key-credential` and `key-exposed-to-browser` report on. Tests in order of cost, each kind by the
 * names its checks compare:
 * - `new AzureKeyCredential(…)`, with a client it can be given to (`keySiteOf`) when `withClient`;
 * - `apiKey` of `new OpenAI` / `new AzureOpenAI` and of LangChain's `ChatOpenAI` / `OpenAIEmbeddings`, `azureOpenAIApiKey`
 *   of its `AzureChatOpenAI` / `AzureOpenAI` / `AzureOpenAIEmbeddings` (every class name holds `OpenAI`), and
 *   `new AzureOpenAI({…})` without a key, which reads AZURE_OPENAI_API_KEY;
 * - LangChain's `AzureAISearchVectorStore` `key`, the Vercel AI SDK's `createAzure({ apiKey })`;
 * - the Speech key methods on a Speech config class; the key headers;
 * - the Translator `{ key, region }`; `{ key }` given to a client imported from an Azure SDK package (`@azure/…`, `@azure-rest/…`).
 */
function holdsKeySink(text: string, withClient: boolean): boolean {
  const words = wordsOf(text);
  const has = (bits: number) => (words & bits) === bits;
  if (has(W.keyCredential) && (!withClient || hasAiClientName(text))) return true;
  if (has(W.openAi) && (words & (W.apiKey | W.azureOpenAiApiKey | W.azureOpenAi)) !== 0) return true;
  if (has(W.createAzure | W.apiKey) || has(W.speechClass | W.speechMethod) || has(W.header)) return true;
  if (!KEY_PROPERTY.test(text)) return false;
  return has(W.vectorStore) || (REGION_PROPERTY.test(text) && namesTranslator(text)) || (has(W.azurePackage) && hasAiClientName(text));
}

const holdsKeySinkWithClient = perText((text) => holdsKeySink(text, true));
const holdsKeySinkAnywhere = perText((text) => holdsKeySink(text, false));

/** `holdsKeySink`, once per text. */
export function mayHoldKeySink(text: string, withClient: boolean): boolean {
  return withClient ? holdsKeySinkWithClient(text) : holdsKeySinkAnywhere(text);
}

/**
 * A name that says "an AI key" (`isAiKeyName`: a service word or `subscription`, and `key`; `snake` makes `-` and
 * white space `_`, so a quoted property name may spell them), beside a 32-hex run, the only literal such a sink takes.
 */
const SERVICE_WORD =
  /open[-_\s]?ai|cognitive|ai[-_\s]?services|speech|search|translator|language|text[-_\s]?analytics|vision|face|form[-_\s]?recognizer|document[-_\s]?intelligence|content[-_\s]?safety|subscription/i;

/** A literal that is a 32-hex key shape as a whole (`isHexKeyShape`), quoted as written (escapes: `cookedText`). */
const QUOTED_HEX_KEY = /['"`][0-9a-fA-F]{32}['"`]/;

/**
 * Whether the text may hold a hardcoded key `hardcoded-key` reports: a certain key format anywhere, a sink of
 * `mayHoldKeySink`, or a 32-hex literal with a variable or property named like an AI key.
 */
export const mayHoldHardcodedKey = perText(
  (text) => (wordsOf(text) & W.certainKey) !== 0 || mayHoldKeySink(text, false) || (/key/i.test(text) && QUOTED_HEX_KEY.test(text) && SERVICE_WORD.test(text)),
);

/** Whether the text names a Speech config class (`SpeechConfig`, `SpeechTranslationConfig`). */
export const namesSpeechConfig = (text: string): boolean => (wordsOf(text) & W.speechClass) !== 0;

/** Whether the text names `AzureOpenAI` (the openai package's client, LangChain's class). */
export const namesAzureOpenAi = (text: string): boolean => (wordsOf(text) & W.azureOpenAi) !== 0;

/** Whether the text has an `http://` or `ws://` URL scheme (any case). */
export const namesInsecureScheme = (text: string): boolean => (wordsOf(text) & W.insecureScheme) !== 0;

/** Whether the text names a protocol or method below TLS 1.2 (`TLSv1`, `SSLv3`). */
export const namesOldProtocol = (text: string): boolean => (wordsOf(text) & W.oldProtocol) !== 0;

/** Whether the text names an option that turns certificate checks off (`rejectUnauthorized`, `NODE_TLS_REJECT_UNAUTHORIZED`, `checkServerIdentity`). */
export const namesTlsVerificationOption = (text: string): boolean => (wordsOf(text) & W.tlsVerification) !== 0;

/** Whether the text names a client or callee an endpoint is given to (`endpointExpressions` of insecure-endpoint). */
export const namesEndpointCallee = (text: string): boolean => (wordsOf(text) & W.endpointCallee) !== 0 || hasAiClientName(text);
