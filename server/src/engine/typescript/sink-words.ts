/**
 * What a file must spell for each kind of key sink `findKeySinks` finds (key-sinks.ts), for the
 * prefilters of the rules that read the sinks (rule.ts: a prefilter holds for every file its rule
 * reports on). Each test asks for the names the sink's own checks compare, as they compare them: a
 * file without them has no sink of that kind. Names spelled with escapes (`\u0041zureKeyCredential`)
 * are the engine's business: it also tests the text with its escapes decoded (prefilter.ts `cookedText`).
 */
import { includesAny, perText } from '../prefilter.js';
import { CERTAIN_KEY_HINT } from '../secrets/key-formats.js';
import { AZURE_AI_CLIENTS } from './azure-clients.js';

/** A client of `AZURE_AI_CLIENTS` by name (a local or imported class of that name counts), or a REST package's default export. */
const AI_CLIENT_WORDS = [...AZURE_AI_CLIENTS.map((c) => c.name), '@azure-rest/ai-'];

/** Whether the text names an Azure AI client a credential can be given to (`clientOfCallee`). */
export const hasAiClientName = perText((text) => includesAny(text, AI_CLIENT_WORDS));

/** The key headers and query parameters (`api-key`, `Ocp-Apim-Subscription-Key`, `subscription-key=`), compared in any case. */
const HEADER = /api-key|subscription-key/i;
/** `SpeechConfig.fromSubscription(key, region)` and the other key methods, on a Speech config class named as `receiverName` reads it. */
const SPEECH_METHOD = /fromSubscription|fromEndpoint|fromHost/;
const SPEECH_CLASS = /SpeechConfig|SpeechTranslationConfig/;
/**
 * The Translator credential `{ key, region }`: `region` as a property of an object literal (`region:`,
 * `region,`, `region }`, `'region':`, `['region']:`), which ARIA's `role: 'region'` is not.
 */
const REGION_PROPERTY = /\bregion['"`]?\]?\s*[:,}]/;
/** Translator's client, its package, or a name or host that says Translator (`TRANSLATOR_KEY`, `translatorCredential`, `microsofttranslator.com`). */
export const namesTranslator = perText((text) => /translator|TextTranslationClient|ai-translation-text/i.test(text));
/** A property or shorthand named `key` (the `{ key }` and `{ key, region }` credentials), in the same shapes. */
const KEY_PROPERTY = /\bkey['"`]?\]?\s*[:,}]/;

/** The sink kinds, by what their checks need the text to name. */
const SINKS = perText((text) => {
  const openAi = text.includes('OpenAI');
  return {
    /** `new AzureKeyCredential(…)`. */
    keyCredential: text.includes('AzureKeyCredential'),
    /**
     * `apiKey` of `new OpenAI` / `new AzureOpenAI` and of LangChain's `ChatOpenAI` / `OpenAIEmbeddings`, and
     * `azureOpenAIApiKey` of its `AzureChatOpenAI` / `AzureOpenAI` / `AzureOpenAIEmbeddings`: every class name holds `OpenAI`.
     */
    openAiKey: openAi && (text.includes('apiKey') || text.includes('azureOpenAIApiKey')),
    /** `new AzureOpenAI({…})` without a key reads AZURE_OPENAI_API_KEY. */
    implicitEnvKey: openAi && text.includes('AzureOpenAI'),
    speech: SPEECH_METHOD.test(text) && SPEECH_CLASS.test(text),
    header: HEADER.test(text),
    translator: REGION_PROPERTY.test(text) && KEY_PROPERTY.test(text) && namesTranslator(text),
    /** `{ key }` given to a client imported from an Azure SDK package (`@azure/…`, `@azure-rest/…`). */
    keyObject: text.includes('@azure') && KEY_PROPERTY.test(text) && hasAiClientName(text),
    /** LangChain's `AzureAISearchVectorStore` `key`, the Vercel AI SDK's `createAzure({ apiKey })`. */
    otherOption: (text.includes('AzureAISearchVectorStore') && KEY_PROPERTY.test(text)) || (text.includes('createAzure') && text.includes('apiKey')),
  };
});

/**
 * Whether the text may hold a sink that makes any value a key (every kind but the `key-name` sinks, which
 * only take literals of a key's shape): what `key-credential` and `key-exposed-to-browser` report on.
 * `new AzureKeyCredential(…)` counts only with a client it can be given to (`keySiteOf`) when `withClient`.
 */
export function mayHoldKeySink(text: string, withClient: boolean): boolean {
  const s = SINKS(text);
  return (s.keyCredential && (!withClient || hasAiClientName(text))) || s.openAiKey || s.implicitEnvKey || s.speech || s.header || s.translator || s.keyObject || s.otherOption;
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
  (text) => CERTAIN_KEY_HINT.test(text) || mayHoldKeySink(text, false) || (QUOTED_HEX_KEY.test(text) && /key/i.test(text) && SERVICE_WORD.test(text)),
);
