import { ruleTester } from '../../helpers/rule-tester.js';

/** An account that rejects keys, its endpoint exported as a root output (azd turns it into AZURE_OPENAI_ENDPOINT). */
const INFRA = {
  'infra/main.bicep': `param location string = resourceGroup().location

resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: 'contoso-chat-ai'
  location: location
  kind: 'OpenAI'
  sku: {
    name: 'S0'
  }
  properties: {
    customSubDomainName: 'contoso-chat-ai'
    disableLocalAuth: true
  }
}

output AZURE_OPENAI_ENDPOINT string = openAi.properties.endpoint
`,
};

/** The same account accepting keys. */
const KEYS_ALLOWED = { 'infra/main.bicep': INFRA['infra/main.bicep'].replace('disableLocalAuth: true', 'disableLocalAuth: false') };

const AZURE_OPENAI = `import { AzureOpenAI } from "openai";

export const client = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  apiKey: process.env.AZURE_OPENAI_API_KEY,
  apiVersion: "2024-10-21",
});
`;

ruleTester('key-auth-rejected', {
  valid: [
    { name: 'a file judged alone: no links', file: 'src/chat.ts', code: AZURE_OPENAI },
    { name: 'the account accepts keys', file: 'src/chat.ts', code: AZURE_OPENAI, workspace: KEYS_ALLOWED },
    {
      name: 'Microsoft Entra ID already',
      file: 'src/chat.ts',
      workspace: INFRA,
      code: `import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";
import { AzureOpenAI } from "openai";

const azureADTokenProvider = getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default");
export const client = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT, azureADTokenProvider, apiVersion: "2024-10-21" });
`,
    },
    {
      name: 'an endpoint the Bicep does not set (another account)',
      file: 'src/chat.ts',
      workspace: INFRA,
      code: AZURE_OPENAI.replace('process.env.AZURE_OPENAI_ENDPOINT', '"https://fabrikam-ai.openai.azure.com"'),
    },
    {
      name: 'an endpoint read at run time from a config service',
      file: 'src/chat.ts',
      workspace: INFRA,
      code: AZURE_OPENAI.replace('process.env.AZURE_OPENAI_ENDPOINT', 'settings.openAiEndpoint').replace(
        'import { AzureOpenAI } from "openai";',
        'import { AzureOpenAI } from "openai";\ndeclare const settings: { openAiEndpoint: string };',
      ),
    },
  ],
  invalid: [
    {
      name: 'key from env, endpoint from the root output',
      file: 'src/chat.ts',
      workspace: INFRA,
      code: AZURE_OPENAI,
      errors: [
        {
          line: 5,
          column: 3,
          endLine: 5,
          endColumn: 43,
          message: ["Azure AI account 'openAi' (infra/main.bicep:3)", 'AZURE_OPENAI_ENDPOINT (output of infra/main.bicep:16)', 'disableLocalAuth: true (infra/main.bicep:12)', '401'],
        },
      ],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { AzureOpenAI } from "openai";
import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";

export const client = new AzureOpenAI({
  endpoint: process.env.AZURE_OPENAI_ENDPOINT,
  azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default"),
  apiVersion: "2024-10-21",
});
`,
        },
      ],
    },
    {
      name: 'linked by the literal host (the customSubDomainName)',
      file: 'src/fallback.ts',
      workspace: INFRA,
      code: `import { AzureKeyCredential } from "@azure/core-auth";
import { OpenAIClient } from "@azure/openai";

export const fallback = new OpenAIClient("https://contoso-chat-ai.openai.azure.com/", new AzureKeyCredential(process.env.AZURE_OPENAI_API_KEY!));
`,
      errors: [{ line: 4, column: 87, endLine: 4, endColumn: 144, message: ['linked by host contoso-chat-ai'] }],
      output: null,
      suggestions: [
        {
          title: 'Use Microsoft Entra ID (DefaultAzureCredential)',
          output: `import { AzureKeyCredential } from "@azure/core-auth";
import { OpenAIClient } from "@azure/openai";
import { DefaultAzureCredential } from "@azure/identity";

export const fallback = new OpenAIClient("https://contoso-chat-ai.openai.azure.com/", new DefaultAzureCredential());
`,
        },
      ],
    },
  ],
});
