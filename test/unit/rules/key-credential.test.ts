import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/engine/index.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Shapes from Microsoft's SDK samples (search-documents, ai-language-text, ai-form-recognizer, openai, speech, translator).
ruleTester('key-credential', {
  valid: [
    {
      name: '{ key, region } in a file that never names Translator is not its credential (an Azure ML skill serializer)',
      file: 'models.js',
      code: `export function azureMachineLearningParametersSerializer(item) {
    return {
        uri: item["scoringUri"],
        key: item["authenticationKey"],
        resourceId: item["resourceId"],
        region: item["region"],
    };
}
`,
    },
    {
      name: 'hardcoded key: hardcoded-key reports the site, not key-credential',
      code: `import { SearchClient, AzureKeyCredential } from "@azure/search-documents";
const client = new SearchClient("https://s.search.windows.net", "idx", new AzureKeyCredential("7c4a8d09ca3762af61e59520943dc264"));
`,
    },
    {
      name: 'Event Grid is not an Azure AI client',
      code: `import { EventGridPublisherClient, AzureKeyCredential } from "@azure/eventgrid";
const client = new EventGridPublisherClient("https://t.westus-1.eventgrid.azure.net/api/events", "EventGrid", new AzureKeyCredential(process.env.EG_KEY!));
`,
    },
    {
      name: 'plain OpenAI is not Azure',
      code: `import OpenAI from "openai";
const client = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });
`,
    },
    {
      name: 'already Entra ID',
      code: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const client = new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"), apiVersion: "2024-10-21" });
const search = new SearchClient(endpoint, "idx", new DefaultAzureCredential());
`,
    },
    {
      name: 'token function as the apiKey of OpenAI on Azure',
      code: `import OpenAI from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const client = new OpenAI({ baseURL: "https://r.openai.azure.com/openai/v1/", apiKey: getBearerTokenProvider(new DefaultAzureCredential(), "https://ai.azure.com/.default") });
`,
    },
    {
      name: 'Speech fromEndpoint with a TokenCredential',
      code: `const credential = new DefaultAzureCredential();
const config = SpeechConfig.fromEndpoint(new URL("wss://s.cognitiveservices.azure.com"), credential);
`,
    },
    {
      name: 'suppressed',
      code: `// azure-ai-security-disable-next-line key-credential -- legacy resource without a custom subdomain
const config = SpeechConfig.fromSubscription(process.env.SPEECH_KEY!, "westus");
`,
    },
    {
      name: 'AzureOpenAI whose options may carry the key or a token provider (a spread, a variable)',
      code: `import { AzureOpenAI } from "openai";
const a = new AzureOpenAI({ ...options, apiVersion: "2024-10-21" });
const b = new AzureOpenAI(options);
`,
    },
  ],
  invalid: [
    {
      name: 'Search sample: credential bound to a const (.ts)',
      code: `import { SearchClient, AzureKeyCredential } from "@azure/search-documents";

const endpoint = process.env.SEARCH_API_ENDPOINT || "";
const apiKey = process.env.SEARCH_API_KEY || "";

async function main(): Promise<void> {
  const credential = new AzureKeyCredential(apiKey);
  const searchClient = new SearchClient(endpoint, "hotels", credential);
  console.log(await searchClient.getDocumentsCount());
}
main();
`,
      errors: [{ line: 7, column: 22, endLine: 7, endColumn: 52 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { SearchClient, AzureKeyCredential } from "@azure/search-documents";
import { DefaultAzureCredential } from "@azure/identity";

const endpoint = process.env.SEARCH_API_ENDPOINT || "";

async function main(): Promise<void> {
  const credential = new DefaultAzureCredential();
  const searchClient = new SearchClient(endpoint, "hotels", credential);
  console.log(await searchClient.getDocumentsCount());
}
main();
`,
        },
      ],
    },
    {
      name: 'Language sample: CommonJS require, inline credential, placeholder fallback (.js)',
      file: 'language.js',
      code: `const { TextAnalysisClient, AzureKeyCredential } = require("@azure/ai-language-text");

const endpoint = process.env["ENDPOINT"] || "<cognitive language service endpoint>";
const apiKey = process.env["LANGUAGE_API_KEY"] || "<api key>";

async function main() {
  const client = new TextAnalysisClient(endpoint, new AzureKeyCredential(apiKey));
  const results = await client.analyze("SentimentAnalysis", ["I had the best day of my life."]);
  console.log(results);
}
main();
`,
      errors: [{ line: 7, column: 51, endLine: 7, endColumn: 81 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `const { TextAnalysisClient, AzureKeyCredential } = require("@azure/ai-language-text");
const { DefaultAzureCredential } = require("@azure/identity");

const endpoint = process.env["ENDPOINT"] || "<cognitive language service endpoint>";

async function main() {
  const client = new TextAnalysisClient(endpoint, new DefaultAzureCredential());
  const results = await client.analyze("SentimentAnalysis", ["I had the best day of my life."]);
  console.log(results);
}
main();
`,
        },
      ],
    },
    {
      name: 'CommonJS merges into an existing destructured require of @azure/identity',
      file: 'merge.cjs',
      code: `const { ManagedIdentityCredential } = require("@azure/identity");
const { DocumentAnalysisClient, AzureKeyCredential } = require("@azure/ai-form-recognizer");

const client = new DocumentAnalysisClient(process.env.FORM_RECOGNIZER_ENDPOINT, new AzureKeyCredential(process.env.FORM_RECOGNIZER_API_KEY));
module.exports = { client, ManagedIdentityCredential };
`,
      errors: [{ line: 4, column: 81, endLine: 4, endColumn: 140 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `const { ManagedIdentityCredential, DefaultAzureCredential } = require("@azure/identity");
const { DocumentAnalysisClient, AzureKeyCredential } = require("@azure/ai-form-recognizer");

const client = new DocumentAnalysisClient(process.env.FORM_RECOGNIZER_ENDPOINT, new DefaultAzureCredential());
module.exports = { client, ManagedIdentityCredential };
`,
        },
      ],
    },
    {
      name: 'AzureOpenAI sample: shorthand apiKey (.mjs)',
      file: 'chat.mjs',
      code: `import { AzureOpenAI } from "openai";

const endpoint = process.env["AZURE_OPENAI_ENDPOINT"];
const apiKey = process.env["AZURE_OPENAI_API_KEY"];
const apiVersion = "2024-10-21";
const deployment = "gpt-4o";

const client = new AzureOpenAI({ endpoint, apiKey, apiVersion, deployment });
const result = await client.chat.completions.create({ messages: [{ role: "user", content: "Hi" }], model: "" });
console.log(result.choices[0].message.content);
`,
      errors: [{ line: 8, column: 44, endLine: 8, endColumn: 50 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

const endpoint = process.env["AZURE_OPENAI_ENDPOINT"];
const apiVersion = "2024-10-21";
const deployment = "gpt-4o";

const client = new AzureOpenAI({ endpoint, azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"), apiVersion, deployment });
const result = await client.chat.completions.create({ messages: [{ role: "user", content: "Hi" }], model: "" });
console.log(result.choices[0].message.content);
`,
        },
      ],
    },
    {
      name: 'AzureOpenAI: merges into an existing named import, keeps the other options',
      code: `import { AzureOpenAI } from "openai";
import { type TokenCredential, DefaultAzureCredential } from "@azure/identity";

export const client = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  apiVersion: "2024-10-21",
});
export type { TokenCredential };
export const unused = DefaultAzureCredential;
`,
      errors: [{ line: 6, column: 3, endLine: 6, endColumn: 43 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { AzureOpenAI } from "openai";
import { type TokenCredential, DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

export const client = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"),
  apiVersion: "2024-10-21",
});
export type { TokenCredential };
export const unused = DefaultAzureCredential;
`,
        },
      ],
    },
    {
      name: 'OpenAI client on an Azure v1 endpoint gets a token function',
      code: `import OpenAI from "openai";

const client = new OpenAI({ baseURL: "https://my-resource.openai.azure.com/openai/v1/", apiKey: process.env.AZURE_OPENAI_API_KEY });
`,
      errors: [{ line: 3, column: 89, endLine: 3, endColumn: 129 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import OpenAI from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

const client = new OpenAI({ baseURL: "https://my-resource.openai.azure.com/openai/v1/", apiKey: getBearerTokenProvider(new DefaultAzureCredential(), "https://ai.azure.com/.default") });
`,
        },
      ],
    },
    {
      name: 'Speech sample: fromSubscription with a namespace import',
      code: `import * as sdk from "microsoft-cognitiveservices-speech-sdk";

const speechConfig = sdk.SpeechConfig.fromSubscription(process.env.SPEECH_KEY!, process.env.SPEECH_REGION!);
speechConfig.speechRecognitionLanguage = "en-US";
`,
      errors: [{ line: 3, column: 56, endLine: 3, endColumn: 79 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import * as sdk from "microsoft-cognitiveservices-speech-sdk";
import { DefaultAzureCredential } from "@azure/identity";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

const speechConfig = sdk.SpeechConfig.fromEndpoint(new URL(process.env.SPEECH_ENDPOINT ?? missingEnv("SPEECH_ENDPOINT")), new DefaultAzureCredential());
speechConfig.speechRecognitionLanguage = "en-US";
`,
        },
      ],
    },
    {
      name: 'Speech fromEndpoint with a key takes the credential form',
      code: `import { SpeechConfig } from "microsoft-cognitiveservices-speech-sdk";
import * as identity from "@azure/identity";

const config = SpeechConfig.fromEndpoint(new URL("wss://my-speech.cognitiveservices.azure.com/stt/speech/universal/v2"), process.env.SPEECH_KEY!);
void identity;
`,
      errors: [{ line: 4, column: 122, endLine: 4, endColumn: 145 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { SpeechConfig } from "microsoft-cognitiveservices-speech-sdk";
import * as identity from "@azure/identity";

const config = SpeechConfig.fromEndpoint(new URL("wss://my-speech.cognitiveservices.azure.com/stt/speech/universal/v2"), new identity.DefaultAzureCredential());
void identity;
`,
        },
      ],
    },
    {
      name: 'Speech fromHost has no credential form: reported, no fix',
      code: `import { SpeechConfig } from "microsoft-cognitiveservices-speech-sdk";
const config = SpeechConfig.fromHost(new URL("wss://westus.stt.speech.microsoft.com"), process.env.SPEECH_KEY);
`,
      errors: [{ line: 2, column: 88, endLine: 2, endColumn: 110 }],
      output: null,
    },
    {
      name: 'Translator sample: { key, region } credential (.js)',
      file: 'translate.js',
      code: `const TextTranslationClient = require("@azure-rest/ai-translation-text").default;

const key = process.env.TRANSLATOR_KEY;
const region = process.env.TRANSLATOR_REGION;
const translationClient = TextTranslationClient("https://my-translator.cognitiveservices.azure.com", { key, region });
`,
      errors: [{ line: 5, column: 104, endLine: 5, endColumn: 107 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `const TextTranslationClient = require("@azure-rest/ai-translation-text").default;
const { DefaultAzureCredential } = require("@azure/identity");

const region = process.env.TRANSLATOR_REGION;
const translationClient = TextTranslationClient("https://my-translator.cognitiveservices.azure.com", new DefaultAzureCredential());
`,
        },
      ],
    },
    {
      name: 'Translator credential built in a config module: the file names Translator by its variable',
      file: 'config.ts',
      code: `export const translatorCredential = {
  key: process.env.TRANSLATOR_KEY ?? "",
  region: process.env.TRANSLATOR_REGION ?? "westeurope",
};
`,
      errors: [{ line: 2, column: 3, endLine: 2, endColumn: 40 }],
      output: null,
    },
    {
      name: 'Document Intelligence in a React component (.tsx)',
      file: 'Upload.tsx',
      code: `import { DocumentAnalysisClient, AzureKeyCredential } from "@azure/ai-form-recognizer";

export function Upload(props: { endpoint: string; apiKey: string }) {
  const client = new DocumentAnalysisClient(props.endpoint, new AzureKeyCredential(props.apiKey));
  return <button onClick={() => client.beginAnalyzeDocumentFromUrl("prebuilt-read", "https://x/y.pdf")}>Analyze</button>;
}
`,
      errors: [{ line: 4, column: 61, endLine: 4, endColumn: 97 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { DocumentAnalysisClient, AzureKeyCredential } from "@azure/ai-form-recognizer";
import { DefaultAzureCredential } from "@azure/identity";

export function Upload(props: { endpoint: string; apiKey: string }) {
  const client = new DocumentAnalysisClient(props.endpoint, new DefaultAzureCredential());
  return <button onClick={() => client.beginAnalyzeDocumentFromUrl("prebuilt-read", "https://x/y.pdf")}>Analyze</button>;
}
`,
        },
      ],
    },
    {
      name: 'a credential also used to rotate the key gets no fix',
      code: `import { SearchClient, AzureKeyCredential } from "@azure/search-documents";
const credential = new AzureKeyCredential(process.env.SEARCH_API_KEY!);
const client = new SearchClient("https://s.search.windows.net", "idx", credential);
credential.update(process.env.SEARCH_API_KEY_2!);
`,
      errors: [{ line: 2, column: 20, endLine: 2, endColumn: 71 }],
      output: null,
    },
    {
      name: 'AzureOpenAI given no key reads AZURE_OPENAI_API_KEY itself (.ts, one property a line)',
      code: `import { AzureOpenAI } from "openai";

export const client = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  apiVersion: "2024-10-21",
});
`,
      errors: [{ line: 3, column: 27, endLine: 3, endColumn: 38, message: ['reads AZURE_OPENAI_API_KEY from the environment'] }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

export const client = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  apiVersion: "2024-10-21",
  azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"),
});
`,
        },
      ],
    },
    {
      name: 'AzureOpenAI with no arguments at all (.cjs)',
      file: 'client.cjs',
      code: `const { AzureOpenAI } = require("openai");
const client = new AzureOpenAI();
`,
      errors: [{ line: 2, column: 20, endLine: 2, endColumn: 31 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `const { AzureOpenAI } = require("openai");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const client = new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default") });
`,
        },
      ],
    },
  ],
});

// One site, one finding: a key written at a key sink is `hardcoded-key`'s. Turning that rule off
// silences the site; it does not hand it to `key-credential`.
describe('key-credential with hardcoded-key off', () => {
  const HARDCODED_SITES = [
    {
      name: 'AzureKeyCredential',
      code: `import { SearchClient, AzureKeyCredential } from "@azure/search-documents";
const client = new SearchClient("https://s.search.windows.net", "idx", new AzureKeyCredential("7c4a8d09ca3762af61e59520943dc264"));
`,
    },
    {
      name: 'apiKey of AzureOpenAI, through a const',
      code: `import { AzureOpenAI } from "openai";
const apiKey = "7c4a8d09ca3762af61e59520943dc264";
const client = new AzureOpenAI({ endpoint: "https://r.openai.azure.com", apiKey, apiVersion: "2024-10-21" });
`,
    },
    {
      name: 'Speech fromSubscription',
      code: `const config = SpeechConfig.fromSubscription("7c4a8d09ca3762af61e59520943dc264", "westus");
`,
    },
  ];
  const analyzeWith = (code: string, config = {}) => analyze({ uri: 'file:///work/app.ts', languageId: '', text: code }, config);

  for (const site of HARDCODED_SITES) {
    test(`${site.name}: one finding, hardcoded-key's; none once it is off`, () => {
      assert.deepEqual(
        analyzeWith(site.code).map((f) => f.ruleId),
        ['hardcoded-key'],
      );
      assert.deepEqual(
        analyzeWith(site.code, { rules: { 'hardcoded-key': 'off' } }).map((f) => f.ruleId),
        [],
      );
    });
  }

  test("a key read at run time is still key-credential's", () => {
    const code = `import { SearchClient, AzureKeyCredential } from "@azure/search-documents";
const client = new SearchClient("https://s.search.windows.net", "idx", new AzureKeyCredential(process.env.SEARCH_KEY!));
`;
    assert.deepEqual(
      analyzeWith(code, { rules: { 'hardcoded-key': 'off' } }).map((f) => f.ruleId),
      ['key-credential'],
    );
  });
});
