import { ruleTester } from '../../helpers/rule-tester.js';

// The 2026 TypeScript/JavaScript surface (docs/rules/key-credential.md): REST clients however imported, ModelClient's scope,
// LangChain JS, the Vercel AI SDK (no Entra ID fix), env-read key headers, and the look-alikes that must stay quiet.
ruleTester('key-credential', {
  valid: [
    {
      name: 'an api-key header of a service outside Azure (Brevo)',
      code: `await fetch("https://api.brevo.com/v3/smtp/email", { method: "POST", headers: { "api-key": process.env.BREVO_API_KEY! } });
`,
    },
    {
      name: 'a key-named variable holding a token from getBearerTokenProvider',
      code: `import { AzureChatOpenAI } from "@langchain/openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const tokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default");
const azureOpenAIKey = await tokenProvider();
const model = new AzureChatOpenAI({ azureOpenAIApiKey: azureOpenAIKey, azureOpenAIApiInstanceName: "contoso" });
`,
    },
    {
      name: 'LangChain already on Entra ID, and its AzureOpenAI given no key (not the openai client)',
      code: `import { AzureChatOpenAI, AzureOpenAI } from "@langchain/openai";
const model = new AzureChatOpenAI({ azureADTokenProvider: provider, azureOpenAIApiInstanceName: "contoso" });
const llm = new AzureOpenAI({ model: "gpt-35-turbo-instruct", azureOpenAIApiInstanceName: "contoso" });
`,
    },
    {
      name: 'REST client given a TokenCredential',
      code: `import ModelClient from "@azure-rest/ai-inference";
import { DefaultAzureCredential } from "@azure/identity";
const client = ModelClient(endpoint, new DefaultAzureCredential(), { credentials: { scopes: ["https://cognitiveservices.azure.com/.default"] } });
`,
    },
  ],
  invalid: [
    {
      name: 'Document Intelligence { key } from env, default export imported under another name',
      code: `import DIClient from "@azure-rest/ai-document-intelligence";
const client = DIClient(process.env.DI_ENDPOINT!, { key: process.env.DOCUMENTINTELLIGENCE_API_KEY! });
`,
      errors: [{ line: 2, column: 53, endLine: 2, endColumn: 99, message: ['Azure AI Document Intelligence is called with a key'] }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import DIClient from "@azure-rest/ai-document-intelligence";
import { DefaultAzureCredential } from "@azure/identity";
const client = DIClient(process.env.DI_ENDPOINT!, new DefaultAzureCredential());
`,
        },
      ],
    },
    {
      name: 'ModelClient (CommonJS require(...).default): the Entra ID rewrite passes the Cognitive Services scope into the options',
      file: 'chat.js',
      code: `const ModelClient = require("@azure-rest/ai-inference").default;
const { AzureKeyCredential } = require("@azure/core-auth");
const client = ModelClient(process.env.AZURE_INFERENCE_ENDPOINT, new AzureKeyCredential(process.env.AZURE_INFERENCE_CREDENTIAL), { apiVersion: "2024-05-01-preview" });
`,
      errors: [{ line: 3, column: 66, endLine: 3, endColumn: 128 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `const ModelClient = require("@azure-rest/ai-inference").default;
const { AzureKeyCredential } = require("@azure/core-auth");
const { DefaultAzureCredential } = require("@azure/identity");
const client = ModelClient(process.env.AZURE_INFERENCE_ENDPOINT, new DefaultAzureCredential(), { apiVersion: "2024-05-01-preview", credentials: { scopes: ["https://cognitiveservices.azure.com/.default"] } });
`,
        },
      ],
    },
    {
      name: 'ModelClient with options in a variable: spread into a new object',
      code: `import ModelClient from "@azure-rest/ai-inference";
const client = ModelClient(endpoint, { key: process.env.AZURE_INFERENCE_CREDENTIAL! }, clientOptions);
`,
      errors: [{ line: 2, column: 40, endLine: 2, endColumn: 84 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import ModelClient from "@azure-rest/ai-inference";
import { DefaultAzureCredential } from "@azure/identity";
const client = ModelClient(endpoint, new DefaultAzureCredential(), { ...clientOptions, credentials: { scopes: ["https://cognitiveservices.azure.com/.default"] } });
`,
        },
      ],
    },
    {
      name: 'ModelClient given a credential const used by two clients: each gets the scope',
      code: `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
const credential = new AzureKeyCredential(process.env.AZURE_INFERENCE_CREDENTIAL!);
const chat = ModelClient(chatEndpoint, credential);
const embed = ModelClient(embedEndpoint, credential, {
  apiVersion: "2024-05-01-preview",
});
`,
      errors: [{ line: 3, column: 20, endLine: 3, endColumn: 83 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import ModelClient from "@azure-rest/ai-inference";
import { AzureKeyCredential } from "@azure/core-auth";
import { DefaultAzureCredential } from "@azure/identity";
const credential = new DefaultAzureCredential();
const chat = ModelClient(chatEndpoint, credential, { credentials: { scopes: ["https://cognitiveservices.azure.com/.default"] } });
const embed = ModelClient(embedEndpoint, credential, {
  apiVersion: "2024-05-01-preview",
  credentials: { scopes: ["https://cognitiveservices.azure.com/.default"] },
});
`,
        },
      ],
    },
    {
      name: 'Translator 2.x overload without an endpoint',
      code: `import TextTranslationClient from "@azure-rest/ai-translation-text";
const client = TextTranslationClient({ key: process.env.TRANSLATOR_KEY!, region: "westeurope" });
`,
      errors: [{ line: 2, column: 40, endLine: 2, endColumn: 72 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import TextTranslationClient from "@azure-rest/ai-translation-text";
import { DefaultAzureCredential } from "@azure/identity";
const client = TextTranslationClient(new DefaultAzureCredential());
`,
        },
      ],
    },
    {
      name: 'LangChain AzureChatOpenAI azureOpenAIApiKey from env',
      code: `import { AzureChatOpenAI as Chat } from "@langchain/openai";
const model = new Chat({ azureOpenAIApiKey: process.env.AZURE_OPENAI_API_KEY, azureOpenAIApiInstanceName: "contoso", azureOpenAIApiDeploymentName: "gpt-4o" });
`,
      errors: [{ line: 2, column: 26, endLine: 2, endColumn: 77 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { AzureChatOpenAI as Chat } from "@langchain/openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const model = new Chat({ azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"), azureOpenAIApiInstanceName: "contoso", azureOpenAIApiDeploymentName: "gpt-4o" });
`,
        },
      ],
    },
    {
      name: 'LangChain ChatOpenAI on an Azure v1 base URL built in a template',
      code: `import { ChatOpenAI } from "@langchain/openai";
const model = new ChatOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY, configuration: { baseURL: \`https://\${process.env.AZURE_OPENAI_RESOURCE}.openai.azure.com/openai/v1/\` } });
`,
      errors: [{ line: 2, column: 32, endLine: 2, endColumn: 72 }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { ChatOpenAI } from "@langchain/openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
const model = new ChatOpenAI({ apiKey: getBearerTokenProvider(new DefaultAzureCredential(), "https://ai.azure.com/.default"), configuration: { baseURL: \`https://\${process.env.AZURE_OPENAI_RESOURCE}.openai.azure.com/openai/v1/\` } });
`,
        },
      ],
    },
    {
      name: 'LangChain AzureAISearchVectorStore key from env: no fix, the message says what to do',
      code: `import { AzureAISearchVectorStore } from "@langchain/community/vectorstores/azure_aisearch";
const store = new AzureAISearchVectorStore(embeddings, { endpoint: process.env.AZURE_AISEARCH_ENDPOINT, key: process.env.AZURE_AISEARCH_KEY, search: { type: "similarity" } });
`,
      errors: [{ line: 2, column: 105, endLine: 2, endColumn: 140, message: ['Azure AI Search is called with a key', 'SearchClient'] }],
      output: null,
      suggestions: [],
    },
    {
      name: 'createAzure apiKey from env: no Entra ID fix (the provider takes no token)',
      file: 'ai.mts',
      code: `import { createAzure } from "@ai-sdk/azure";
export const azure = createAzure({ resourceName: process.env.AZURE_RESOURCE_NAME, apiKey: process.env.AZURE_API_KEY });
`,
      errors: [{ line: 2, column: 83, endLine: 2, endColumn: 116, message: ['@ai-sdk/azure takes only a key'] }],
      output: null,
      suggestions: [],
    },
    {
      name: 'api-key header from env on an Azure OpenAI URL',
      code: `const res = await fetch("https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21", {
  method: "POST",
  headers: { "Content-Type": "application/json", "api-key": process.env.AZURE_OPENAI_API_KEY! },
  body: JSON.stringify({ messages }),
});
`,
      errors: [{ line: 3, column: 61, endLine: 3, endColumn: 94, message: ['Azure OpenAI is called with a key in a request header', 'Authorization: Bearer'] }],
      output: null,
      suggestions: [],
    },
    {
      name: 'Ocp-Apim-Subscription-Key header from a config object named like an AI key (axios.create)',
      code: `import axios from "axios";
const api = axios.create({ baseURL: config.endpoint, headers: { "Ocp-Apim-Subscription-Key": config.visionKey } });
`,
      errors: [{ line: 2, column: 94, endLine: 2, endColumn: 110 }],
      output: null,
      suggestions: [],
    },
  ],
});
