import { ruleTester } from '../../helpers/rule-tester.js';

// Every sink of docs/rules/hardcoded-key.md in the shapes of Microsoft's samples, the Entra ID suggestion, and the negatives of the issue.
ruleTester('hardcoded-key', {
  valid: [
    {
      name: 'GUID at a sink is an id, not a key',
      code: `const c = new AzureKeyCredential("3f2504e0-4f89-11d3-9a0c-0305e82c3301");
`,
    },
    {
      name: 'colour and hashes named as such',
      code: `const accent = "#7c4a8d";
const md5Hash = "7c4a8d09ca3762af61e59520943dc264";
const commitSha = "7c4a8d09ca3762af61e59520943dc264";
const versionId = "7c4a8d09ca3762af61e59520943dc264";
const speechKeyHash = "7c4a8d09ca3762af61e59520943dc264";
`,
    },
    {
      name: 'DOM input and request header are runtime values',
      code: `const key = (document.getElementById("key") as HTMLInputElement).value;
const c = new AzureKeyCredential(key);
const h = { "api-key": req.get("api-key") ?? "" };
`,
    },
    {
      name: 'token from a credential',
      code: `const token = (await credential.getToken("https://cognitiveservices.azure.com/.default")).token;
headers.set("Ocp-Apim-Subscription-Key", token);
`,
    },
    {
      name: 'placeholders',
      code: `const a = new AzureKeyCredential("changeme");
const b = new AzureOpenAI({ apiKey: "your-key-here" });
const c = SpeechConfig.fromSubscription("****************", "westus");
const d = new AzureKeyCredential("replace-me");
`,
    },
    {
      name: 'env fallback to an empty string',
      code: `const apiKey = process.env.SEARCH_API_KEY || "";
const c = new AzureKeyCredential(apiKey);
`,
    },
  ],
  invalid: [
    {
      name: 'Speech quickstart: fromSubscription key, with the Entra ID suggestion',
      code: `import * as sdk from "microsoft-cognitiveservices-speech-sdk";
const speechConfig = sdk.SpeechConfig.fromSubscription("7c4a8d09ca3762af61e59520943dc264", "westus");
`,
      errors: [{ line: 2, column: 56, endLine: 2, endColumn: 90 }],
      output: `import * as sdk from "microsoft-cognitiveservices-speech-sdk";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const speechConfig = sdk.SpeechConfig.fromSubscription(process.env.SPEECH_KEY ?? missingEnv("SPEECH_KEY"), "westus");
`,
      env: { name: 'SPEECH_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import * as sdk from "microsoft-cognitiveservices-speech-sdk";
import { DefaultAzureCredential } from "@azure/identity";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const speechConfig = sdk.SpeechConfig.fromEndpoint(new URL(process.env.SPEECH_ENDPOINT ?? missingEnv("SPEECH_ENDPOINT")), new DefaultAzureCredential());
`,
        },
      ],
    },
    {
      name: 'SpeechTranslationConfig.fromEndpoint key argument',
      code: `const c = SpeechTranslationConfig.fromEndpoint(new URL("wss://s.cognitiveservices.azure.com"), "7c4a8d09ca3762af61e59520943dc264");
`,
      errors: [{ line: 1, column: 96, endLine: 1, endColumn: 130 }],
      output: `function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

const c = SpeechTranslationConfig.fromEndpoint(new URL("wss://s.cognitiveservices.azure.com"), process.env.SPEECH_KEY ?? missingEnv("SPEECH_KEY"));
`,
      env: { name: 'SPEECH_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { DefaultAzureCredential } from "@azure/identity";

const c = SpeechTranslationConfig.fromEndpoint(new URL("wss://s.cognitiveservices.azure.com"), new DefaultAzureCredential());
`,
        },
      ],
    },
    {
      name: 'Translator { key, region } credential (.js)',
      file: 'translate.js',
      code: `const TextTranslationClient = require("@azure-rest/ai-translation-text").default;
const client = TextTranslationClient("https://t.cognitiveservices.azure.com", { key: "7c4a8d09ca3762af61e59520943dc264", region: "westeurope" });
`,
      errors: [{ line: 2, column: 86, endLine: 2, endColumn: 120 }],
      output: `const TextTranslationClient = require("@azure-rest/ai-translation-text").default;

/**
 * @param {string} name
 * @returns {never}
 */
function missingEnv(name) {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const client = TextTranslationClient("https://t.cognitiveservices.azure.com", { key: process.env.TRANSLATOR_KEY ?? missingEnv("TRANSLATOR_KEY"), region: "westeurope" });
`,
      env: { name: 'TRANSLATOR_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `const TextTranslationClient = require("@azure-rest/ai-translation-text").default;
const { DefaultAzureCredential } = require("@azure/identity");
const client = TextTranslationClient("https://t.cognitiveservices.azure.com", new DefaultAzureCredential());
`,
        },
      ],
    },
    {
      name: 'new Headers({...}) for a translator call (.mjs)',
      file: 'translate.mjs',
      code: `const headers = new Headers({ "Ocp-Apim-Subscription-Key": "7c4a8d09ca3762af61e59520943dc264", "Ocp-Apim-Subscription-Region": "westeurope" });
await fetch("https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=fr", { method: "POST", headers });
`,
      errors: [{ line: 1, column: 60, endLine: 1, endColumn: 94 }],
      output: `/**
 * @param {string} name
 * @returns {never}
 */
function missingEnv(name) {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

const headers = new Headers({ "Ocp-Apim-Subscription-Key": process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY"), "Ocp-Apim-Subscription-Region": "westeurope" });
await fetch("https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=fr", { method: "POST", headers });
`,
      env: { name: 'AZURE_AI_SERVICES_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
    },
    {
      name: 'headers.set with a key from a const',
      code: `const key = "7c4a8d09ca3762af61e59520943dc264";
const headers = new Headers();
headers.set("api-key", key);
`,
      errors: [{ line: 1, column: 13, endLine: 1, endColumn: 47 }],
      output: `function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

const key = process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY");
const headers = new Headers();
headers.set("api-key", key);
`,
      env: { name: 'AZURE_AI_SERVICES_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
    },
    {
      name: 'xhr.setRequestHeader in a browser component (.tsx)',
      file: 'Speak.tsx',
      code: `export function Speak() {
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "https://westus.tts.speech.microsoft.com/cognitiveservices/v1");
  xhr.setRequestHeader("Ocp-Apim-Subscription-Key", "7c4a8d09ca3762af61e59520943dc264");
  return <button onClick={() => xhr.send()}>Speak</button>;
}
`,
      errors: [{ line: 4, column: 53, endLine: 4, endColumn: 87 }],
      output: `function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

export function Speak() {
  const xhr = new XMLHttpRequest();
  xhr.open("POST", "https://westus.tts.speech.microsoft.com/cognitiveservices/v1");
  xhr.setRequestHeader("Ocp-Apim-Subscription-Key", process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY"));
  return <button onClick={() => xhr.send()}>Speak</button>;
}
`,
      env: { name: 'AZURE_AI_SERVICES_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
    },
    {
      name: 'axios.defaults.headers.common',
      code: `import axios from "axios";
axios.defaults.headers.common["Ocp-Apim-Subscription-Key"] = "7c4a8d09ca3762af61e59520943dc264";
`,
      errors: [{ line: 2, column: 62, endLine: 2, endColumn: 96 }],
      output: `import axios from "axios";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
axios.defaults.headers.common["Ocp-Apim-Subscription-Key"] = process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY");
`,
      env: { name: 'AZURE_AI_SERVICES_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
    },
    {
      name: 'axios request config',
      code: `import axios from "axios";
const res = await axios.post("https://r.openai.azure.com/openai/deployments/d/chat/completions", body, { headers: { "api-key": "7c4a8d09ca3762af61e59520943dc264" } });
`,
      errors: [{ line: 2, column: 128, endLine: 2, endColumn: 162 }],
      output: `import axios from "axios";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const res = await axios.post("https://r.openai.azure.com/openai/deployments/d/chat/completions", body, { headers: { "api-key": process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY") } });
`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
    },
    {
      name: 'fallback after an env read keeps the env name',
      code: `const apiKey = process.env.AZURE_OPENAI_API_KEY || "7c4a8d09ca3762af61e59520943dc264";
const client = new AzureOpenAI({ apiKey });
`,
      errors: [{ line: 1, column: 52, endLine: 1, endColumn: 86 }],
      output: `function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

const apiKey = process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY");
const client = new AzureOpenAI({ apiKey });
`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

const client = new AzureOpenAI({ azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default") });
`,
        },
      ],
    },
    {
      name: 'two different keys in one file get distinct variables',
      code: `fetch(a, { headers: { "api-key": "7c4a8d09ca3762af61e59520943dc264" } });
fetch(b, { headers: { "api-key": "0cc175b9c0f1b6a831c399e269772661" } });
`,
      errors: [
        { line: 1, column: 34, endLine: 1, endColumn: 68 },
        { line: 2, column: 34, endLine: 2, endColumn: 68 },
      ],
      output: `function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

fetch(a, { headers: { "api-key": process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY") } });
fetch(b, { headers: { "api-key": "0cc175b9c0f1b6a831c399e269772661" } });
`,
      env: { name: 'AZURE_AI_SERVICES_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
    },
    {
      name: 'a file with syntax errors is still analysed',
      code: `const x = ;
const c = new AzureKeyCredential("7c4a8d09ca3762af61e59520943dc264");
if (
`,
      errors: [{ line: 2, column: 34, endLine: 2, endColumn: 68 }],
      output: `function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

const x = ;
const c = new AzureKeyCredential(process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY"));
if (
`,
      env: { name: 'AZURE_AI_SERVICES_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
    },
  ],
});
