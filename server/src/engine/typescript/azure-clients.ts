import type { Callee } from './bindings.js';

/**
 * Azure AI client constructors and factories (the SDKs docs/rules/key-credential.md lists): which argument carries the
 * credential, the service they talk to, the environment variable their samples read the key from,
 * and the Entra ID token scope.
 */
export interface AzureAiClient {
  /** Class or factory name as imported. */
  name: string;
  service: string;
  /** Argument index of the credential (`KeyCredential | TokenCredential`). */
  credentialArg: number;
  /** Argument index of the endpoint, when there is one. */
  endpointArg?: number;
  /** Whether it is called with `new` (classes) or plainly (REST factories). */
  construct: boolean;
  /** The variable Microsoft's samples read the key from. */
  keyEnv: string;
  scope: string;
  /**
   * Set when the client takes only a key (no `TokenCredential`) or its TokenCredential form has not been
   * checked against the package: no Entra ID rewrite is offered.
   */
  keyOnly?: boolean;
  /** Options (third argument) the Entra ID rewrite must pass, as source text: `ModelClient` needs the scope. */
  entraOptions?: string;
}

const COGNITIVE_SCOPE = 'https://cognitiveservices.azure.com/.default';
const SEARCH_SCOPE = 'https://search.azure.com/.default';

// prettier-ignore
export const AZURE_AI_CLIENTS: readonly AzureAiClient[] = [
  { name: 'OpenAIClient', service: 'Azure OpenAI', credentialArg: 1, endpointArg: 0, construct: true, keyEnv: 'AZURE_OPENAI_API_KEY', scope: COGNITIVE_SCOPE },
  { name: 'SearchClient', service: 'Azure AI Search', credentialArg: 2, endpointArg: 0, construct: true, keyEnv: 'AZURE_SEARCH_API_KEY', scope: SEARCH_SCOPE },
  { name: 'SearchIndexClient', service: 'Azure AI Search', credentialArg: 1, endpointArg: 0, construct: true, keyEnv: 'AZURE_SEARCH_API_KEY', scope: SEARCH_SCOPE },
  { name: 'SearchIndexerClient', service: 'Azure AI Search', credentialArg: 1, endpointArg: 0, construct: true, keyEnv: 'AZURE_SEARCH_API_KEY', scope: SEARCH_SCOPE },
  { name: 'TextAnalysisClient', service: 'Azure AI Language', credentialArg: 1, endpointArg: 0, construct: true, keyEnv: 'LANGUAGE_KEY', scope: COGNITIVE_SCOPE },
  { name: 'TextAnalyticsClient', service: 'Azure AI Language', credentialArg: 1, endpointArg: 0, construct: true, keyEnv: 'LANGUAGE_KEY', scope: COGNITIVE_SCOPE },
  { name: 'DocumentAnalysisClient', service: 'Azure AI Document Intelligence', credentialArg: 1, endpointArg: 0, construct: true, keyEnv: 'DOCUMENTINTELLIGENCE_API_KEY', scope: COGNITIVE_SCOPE },
  { name: 'DocumentModelAdministrationClient', service: 'Azure AI Document Intelligence', credentialArg: 1, endpointArg: 0, construct: true, keyEnv: 'DOCUMENTINTELLIGENCE_API_KEY', scope: COGNITIVE_SCOPE },
  { name: 'DocumentIntelligence', service: 'Azure AI Document Intelligence', credentialArg: 1, endpointArg: 0, construct: false, keyEnv: 'DOCUMENTINTELLIGENCE_API_KEY', scope: COGNITIVE_SCOPE },
  { name: 'ContentSafetyClient', service: 'Azure AI Content Safety', credentialArg: 1, endpointArg: 0, construct: false, keyEnv: 'CONTENT_SAFETY_KEY', scope: COGNITIVE_SCOPE },
  { name: 'ImageAnalysisClient', service: 'Azure AI Vision', credentialArg: 1, endpointArg: 0, construct: false, keyEnv: 'VISION_KEY', scope: COGNITIVE_SCOPE },
  { name: 'TextTranslationClient', service: 'Azure AI Translator', credentialArg: 1, endpointArg: 0, construct: false, keyEnv: 'TRANSLATOR_KEY', scope: COGNITIVE_SCOPE },
  // Its default token scope is https://ml.azure.com/.default; Foundry and Azure OpenAI endpoints need the Cognitive Services one.
  { name: 'ModelClient', service: 'Azure AI Foundry models', credentialArg: 1, endpointArg: 0, construct: false, keyEnv: 'AZURE_INFERENCE_CREDENTIAL', scope: COGNITIVE_SCOPE, entraOptions: `credentials: { scopes: ["${COGNITIVE_SCOPE}"] }` },
];

const BY_NAME = new Map(AZURE_AI_CLIENTS.map((c) => [c.name, c]));

/** The default export of each `@azure-rest/ai-*` package the rules know, by package. */
const REST_DEFAULT_EXPORTS: Record<string, string> = {
  '@azure-rest/ai-inference': 'ModelClient',
  '@azure-rest/ai-document-intelligence': 'DocumentIntelligence',
  '@azure-rest/ai-content-safety': 'ContentSafetyClient',
  '@azure-rest/ai-vision-image-analysis': 'ImageAnalysisClient',
  '@azure-rest/ai-translation-text': 'TextTranslationClient',
};

const REST_PREFIX = '@azure-rest/ai-';
const OTHER_REST = new Map<string, AzureAiClient>();

/**
 * The client a call's callee stands for: a REST package's default export however it is named (an
 * `@azure-rest/ai-*` package the table does not know is an Azure AI client with its key second and no
 * Entra ID rewrite), else the class or factory by its exported name.
 */
export function clientOfCallee(callee: Callee | undefined): AzureAiClient | undefined {
  if (!callee) return undefined;
  const module = callee.module;
  if (module?.startsWith(REST_PREFIX) && callee.isDefault) {
    const known = REST_DEFAULT_EXPORTS[module];
    if (known) return BY_NAME.get(known);
    let other = OTHER_REST.get(module);
    if (!other) {
      other = { name: module, service: 'Azure AI services', credentialArg: 1, endpointArg: 0, construct: false, keyEnv: 'AZURE_AI_SERVICES_KEY', scope: COGNITIVE_SCOPE, keyOnly: true };
      OTHER_REST.set(module, other);
    }
    return other;
  }
  return BY_NAME.get(callee.name);
}

/** LangChain JS's Azure OpenAI classes (`@langchain/openai`): the key is `azureOpenAIApiKey`, Entra ID is `azureADTokenProvider`. */
export const LANGCHAIN_AZURE_CLASSES = new Set(['AzureChatOpenAI', 'AzureOpenAI', 'AzureOpenAIEmbeddings']);
/** LangChain JS's OpenAI classes: Azure when `configuration.baseURL` is an Azure AI host. */
export const LANGCHAIN_OPENAI_CLASSES = new Set(['ChatOpenAI', 'OpenAIEmbeddings']);

/** `AzureOpenAI` / `OpenAI` take an options object with `apiKey` instead of a credential argument. */
export const OPENAI_CLIENTS: Record<string, { service: string; keyEnv: string }> = {
  AzureOpenAI: { service: 'Azure OpenAI', keyEnv: 'AZURE_OPENAI_API_KEY' },
  OpenAI: { service: 'OpenAI', keyEnv: 'OPENAI_API_KEY' },
};

/** Speech SDK factory methods and the index of their key argument. */
export const SPEECH_KEY_METHODS: Record<string, number> = { fromSubscription: 0, fromEndpoint: 1, fromHost: 1 };
export const SPEECH_CONFIG_CLASSES = new Set(['SpeechConfig', 'SpeechTranslationConfig']);
export const SPEECH_KEY_ENV = 'SPEECH_KEY';
