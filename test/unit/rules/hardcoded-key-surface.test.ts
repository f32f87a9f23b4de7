import { ruleTester } from '../../helpers/rule-tester.js';

// The 2026 TypeScript/JavaScript surface (docs/rules/hardcoded-key.md): REST clients' { key } under any import name, LangChain JS,
// the Vercel AI SDK, keys in a URL's query, and the look-alikes that must stay quiet.
ruleTester('hardcoded-key', {
  valid: [
    {
      name: 'ChatOpenAI on api.openai.com is not Azure',
      code: `import { ChatOpenAI } from "@langchain/openai";
const model = new ChatOpenAI({ model: "gpt-4o", apiKey: "sk-proj-4f3a9c1d7e2b8a6f5c4d3e2f1a0b9c8d", configuration: { baseURL: "https://api.openai.com/v1" } });
`,
    },
    {
      name: 'a { key } object that is no credential (a cache entry, another SDK)',
      code: `const entry = { key: "7c4a8d09ca3762af61e59520943dc264" };
const cache = new LRUCache({ key: "7c4a8d09ca3762af61e59520943dc264" });
`,
    },
    {
      name: 'a query key on a host that is not Azure AI, a runtime query value, a placeholder',
      code: `const a = "https://api.example.com/v1/search?api-key=7c4a8d09ca3762af61e59520943dc264";
const b = \`https://contoso.cognitiveservices.azure.com/vision?subscription-key=\${key}\`;
const c = "https://api.cognitive.microsofttranslator.com/translate?Subscription-Key=YOUR_TRANSLATOR_KEY";
`,
    },
    {
      name: 'the Entra ID scope and a schema URL are not keys',
      code: `const scope = "https://cognitiveservices.azure.com/.default";
const schema = "https://json.schemastore.org/appsettings.json";
const provider = getBearerTokenProvider(new DefaultAzureCredential(), scope);
`,
    },
    {
      name: 'a { key } given to a ModelClient the file does not import from an Azure SDK package (a common type name)',
      code: `import { ModelClient } from "./models";
const client = ModelClient("https://models.internal.example", { key: "7c4a8d09ca3762af61e59520943dc264" });
`,
    },
  ],
  invalid: [
    {
      name: 'Document Intelligence REST client imported under another name, { key } literal',
      code: `import DIClient from "@azure-rest/ai-document-intelligence";
const client = DIClient("https://contoso-docs.cognitiveservices.azure.com/", { key: "7c4a8d09ca3762af61e59520943dc264" });
`,
      errors: [{ line: 2, column: 85, endLine: 2, endColumn: 119, message: ['Azure AI Document Intelligence key', "'7c4a…'"] }],
      output: `import DIClient from "@azure-rest/ai-document-intelligence";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const client = DIClient("https://contoso-docs.cognitiveservices.azure.com/", { key: process.env.DOCUMENTINTELLIGENCE_API_KEY ?? missingEnv("DOCUMENTINTELLIGENCE_API_KEY") });
`,
      env: { name: 'DOCUMENTINTELLIGENCE_API_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import DIClient from "@azure-rest/ai-document-intelligence";
import { DefaultAzureCredential } from "@azure/identity";
const client = DIClient("https://contoso-docs.cognitiveservices.azure.com/", new DefaultAzureCredential());
`,
        },
      ],
    },
    {
      name: 'ModelClient from CommonJS destructuring (default: createClient), key in a const',
      file: 'inference.cjs',
      code: `const { default: createClient } = require("@azure-rest/ai-inference");
const key = "7c4a8d09ca3762af61e59520943dc264";
const client = createClient("https://contoso.services.ai.azure.com/models", { key });
`,
      errors: [{ line: 2, column: 13, endLine: 2, endColumn: 47 }],
      output: `const { default: createClient } = require("@azure-rest/ai-inference");

/**
 * @param {string} name
 * @returns {never}
 */
function missingEnv(name) {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const key = process.env.AZURE_INFERENCE_CREDENTIAL ?? missingEnv("AZURE_INFERENCE_CREDENTIAL");
const client = createClient("https://contoso.services.ai.azure.com/models", { key });
`,
      env: { name: 'AZURE_INFERENCE_CREDENTIAL', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `const { default: createClient } = require("@azure-rest/ai-inference");
const { DefaultAzureCredential } = require("@azure/identity");
const client = createClient("https://contoso.services.ai.azure.com/models", new DefaultAzureCredential(), { credentials: { scopes: ["https://cognitiveservices.azure.com/.default"] } });
`,
        },
      ],
    },
    {
      name: 'ImageAnalysisClient through a namespace import',
      code: `import * as vision from "@azure-rest/ai-vision-image-analysis";
const client = vision.default("https://contoso-vision.cognitiveservices.azure.com", { key: "7c4a8d09ca3762af61e59520943dc264" });
`,
      errors: [{ line: 2, column: 92, endLine: 2, endColumn: 126 }],
      output: `import * as vision from "@azure-rest/ai-vision-image-analysis";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const client = vision.default("https://contoso-vision.cognitiveservices.azure.com", { key: process.env.VISION_KEY ?? missingEnv("VISION_KEY") });
`,
      env: { name: 'VISION_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import * as vision from "@azure-rest/ai-vision-image-analysis";
import { DefaultAzureCredential } from "@azure/identity";
const client = vision.default("https://contoso-vision.cognitiveservices.azure.com", new DefaultAzureCredential());
`,
        },
      ],
    },
    {
      name: 'an @azure-rest/ai-* package the table does not know: no Entra ID suggestion',
      code: `import FaceClient from "@azure-rest/ai-vision-face";
const client = FaceClient("https://contoso-face.cognitiveservices.azure.com", { key: "7c4a8d09ca3762af61e59520943dc264" });
`,
      errors: [{ line: 2, column: 86, endLine: 2, endColumn: 120 }],
      output: `import FaceClient from "@azure-rest/ai-vision-face";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const client = FaceClient("https://contoso-face.cognitiveservices.azure.com", { key: process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY") });
`,
      env: { name: 'AZURE_AI_SERVICES_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [],
    },
    {
      name: 'LangChain AzureOpenAIEmbeddings imported under another name',
      code: `import { AzureOpenAIEmbeddings as Embeddings } from "@langchain/openai";
const embeddings = new Embeddings({ azureOpenAIApiKey: "7c4a8d09ca3762af61e59520943dc264", azureOpenAIApiInstanceName: "contoso" });
`,
      errors: [{ line: 2, column: 56, endLine: 2, endColumn: 90, message: ['Azure OpenAI key'] }],
      output: `import { AzureOpenAIEmbeddings as Embeddings } from "@langchain/openai";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const embeddings = new Embeddings({ azureOpenAIApiKey: process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY"), azureOpenAIApiInstanceName: "contoso" });
`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { AzureOpenAIEmbeddings as Embeddings } from "@langchain/openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const embeddings = new Embeddings({ azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"), azureOpenAIApiInstanceName: "contoso" });
`,
        },
      ],
    },
    {
      name: 'LangChain ChatOpenAI on the Azure OpenAI v1 endpoint (CommonJS)',
      file: 'chain.js',
      code: `const { ChatOpenAI } = require("@langchain/openai");
const model = new ChatOpenAI({ model: "gpt-4.1", apiKey: "7c4a8d09ca3762af61e59520943dc264", configuration: { baseURL: "https://contoso.openai.azure.com/openai/v1/" } });
`,
      errors: [{ line: 2, column: 58, endLine: 2, endColumn: 92 }],
      output: `const { ChatOpenAI } = require("@langchain/openai");

/**
 * @param {string} name
 * @returns {never}
 */
function missingEnv(name) {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const model = new ChatOpenAI({ model: "gpt-4.1", apiKey: process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY"), configuration: { baseURL: "https://contoso.openai.azure.com/openai/v1/" } });
`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `const { ChatOpenAI } = require("@langchain/openai");
const { DefaultAzureCredential, getBearerTokenProvider } = require("@azure/identity");
const model = new ChatOpenAI({ model: "gpt-4.1", apiKey: getBearerTokenProvider(new DefaultAzureCredential(), "https://ai.azure.com/.default"), configuration: { baseURL: "https://contoso.openai.azure.com/openai/v1/" } });
`,
        },
      ],
    },
    {
      name: 'LangChain AzureAISearchVectorStore key: no Entra ID suggestion',
      code: `import { AzureAISearchVectorStore } from "@langchain/community/vectorstores/azure_aisearch";
const store = new AzureAISearchVectorStore(embeddings, { endpoint: "https://contoso.search.windows.net", key: "7c4a8d09ca3762af61e59520943dc264", search: { type: "similarity" } });
`,
      errors: [{ line: 2, column: 111, endLine: 2, endColumn: 145, message: ['Azure AI Search key'] }],
      output: `import { AzureAISearchVectorStore } from "@langchain/community/vectorstores/azure_aisearch";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
const store = new AzureAISearchVectorStore(embeddings, { endpoint: "https://contoso.search.windows.net", key: process.env.AZURE_AISEARCH_KEY ?? missingEnv("AZURE_AISEARCH_KEY"), search: { type: "similarity" } });
`,
      env: { name: 'AZURE_AISEARCH_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [],
    },
    {
      name: 'Vercel AI SDK createAzure under another name: move to AZURE_API_KEY, no Entra ID suggestion',
      file: 'provider.mts',
      code: `import { createAzure as azureProvider } from "@ai-sdk/azure";
export const azure = azureProvider({ resourceName: "contoso", apiKey: "7c4a8d09ca3762af61e59520943dc264" });
`,
      errors: [{ line: 2, column: 71, endLine: 2, endColumn: 105 }],
      output: `import { createAzure as azureProvider } from "@ai-sdk/azure";

function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}
export const azure = azureProvider({ resourceName: "contoso", apiKey: process.env.AZURE_API_KEY ?? missingEnv("AZURE_API_KEY") });
`,
      env: { name: 'AZURE_API_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [],
    },
    {
      name: 'Subscription-Key in the query of a Translator URL (string literal becomes a template)',
      code: `const url = "https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=de&Subscription-Key=7c4a8d09ca3762af61e59520943dc264";
`,
      errors: [{ line: 1, column: 109, endLine: 1, endColumn: 141, message: ['Azure AI Translator key', "'7c4a…'"] }],
      output: `function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

const url = \`https://api.cognitive.microsofttranslator.com/translate?api-version=3.0&to=de&Subscription-Key=\${encodeURIComponent(process.env.TRANSLATOR_KEY ?? missingEnv("TRANSLATOR_KEY"))}\`;
`,
      env: { name: 'TRANSLATOR_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [],
    },
    {
      name: 'api-key in the query of a template URL to Azure OpenAI',
      code: `const response = await fetch(\`https://\${resource}.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21&api-key=7c4a8d09ca3762af61e59520943dc264\`, init);
`,
      errors: [{ line: 1, column: 142, endLine: 1, endColumn: 174 }],
      output: `function missingEnv(name: string): never {
  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);
}

const response = await fetch(\`https://\${resource}.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21&api-key=\${encodeURIComponent(process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY"))}\`, init);
`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: '7c4a8d09ca3762af61e59520943dc264' },
      suggestions: [],
    },
  ],
});
