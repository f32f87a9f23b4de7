import { ruleTester } from '../../helpers/rule-tester.js';

// Wave 2 hosts (docs/rules/insecure-endpoint.md): Azure AI Foundry models, Azure Machine Learning endpoints and their sovereign
// variants; endpoints of clients imported under other names, LangChain JS and the Vercel AI SDK.
ruleTester('insecure-endpoint', {
  valid: [
    {
      name: 'Foundry and Machine Learning hosts over https',
      code: `const a = "https://contoso-llama.eastus2.models.ai.azure.com/v1/chat/completions";
const b = "https://contoso-ep.westeurope.inference.ml.azure.com/score";
const c = "https://westeurope.api.azureml.ms/mlflow/v1.0";
`,
    },
    {
      name: 'look-alike Machine Learning host',
      code: `const e = "http://inference.ml.azure.com.example.net/score";
`,
    },
  ],
  invalid: [
    {
      name: 'Azure AI Foundry serverless model endpoint over http',
      code: `const endpoint = "http://contoso-llama.eastus2.models.ai.azure.com";
`,
      errors: [{ line: 1, column: 18, endLine: 1, endColumn: 68, message: ['Azure AI Foundry models', 'contoso-llama.eastus2.models.ai.azure.com'] }],
      output: `const endpoint = "https://contoso-llama.eastus2.models.ai.azure.com";
`,
      suggestions: [],
    },
    {
      name: 'Azure Machine Learning online endpoint over http (a template)',
      code: `const scoring = \`http://\${endpointName}.\${region}.inference.ml.azure.com/score\`;
`,
      errors: [{ line: 1, column: 17, endLine: 1, endColumn: 80, message: ['Azure Machine Learning'] }],
      output: `const scoring = \`https://\${endpointName}.\${region}.inference.ml.azure.com/score\`;
`,
      suggestions: [],
    },
    {
      name: 'Azure Machine Learning workspace API and its US Government variant',
      code: `const tracking = "http://westeurope.api.azureml.ms/mlflow/v1.0";
const gov = "http://usgovvirginia.api.ml.azure.us/mlflow/v1.0";
`,
      errors: [
        { line: 1, column: 18, endLine: 1, endColumn: 64 },
        { line: 2, column: 13, endLine: 2, endColumn: 63 },
      ],
      output: `const tracking = "https://westeurope.api.azureml.ms/mlflow/v1.0";
const gov = "http://usgovvirginia.api.ml.azure.us/mlflow/v1.0";
`,
      suggestions: [],
    },
    {
      name: 'China variant of an inference endpoint',
      code: `const cn = "http://ep.chinanorth3.inference.ml.azure.cn/score";
`,
      errors: [{ line: 1, column: 12, endLine: 1, endColumn: 63 }],
      output: `const cn = "https://ep.chinanorth3.inference.ml.azure.cn/score";
`,
      suggestions: [],
    },
    {
      name: 'an http:// endpoint of ModelClient imported under another name, on any host',
      code: `import createClient from "@azure-rest/ai-inference";
const client = createClient("http://inference-gateway.internal.contoso.net", credential);
`,
      errors: [{ line: 2, column: 29, endLine: 2, endColumn: 76 }],
      output: `import createClient from "@azure-rest/ai-inference";
const client = createClient("https://inference-gateway.internal.contoso.net", credential);
`,
      suggestions: [],
    },
    {
      name: 'LangChain azureOpenAIEndpoint and createAzure baseURL over http',
      code: `import { AzureChatOpenAI } from "@langchain/openai";
import { createAzure } from "@ai-sdk/azure";
const model = new AzureChatOpenAI({ azureOpenAIEndpoint: "http://gateway.contoso.net", azureADTokenProvider: provider });
const azure = createAzure({ baseURL: "http://gateway.contoso.net/openai" });
`,
      errors: [
        { line: 3, column: 58, endLine: 3, endColumn: 86 },
        { line: 4, column: 38, endLine: 4, endColumn: 73 },
      ],
      output: `import { AzureChatOpenAI } from "@langchain/openai";
import { createAzure } from "@ai-sdk/azure";
const model = new AzureChatOpenAI({ azureOpenAIEndpoint: "https://gateway.contoso.net", azureADTokenProvider: provider });
const azure = createAzure({ baseURL: "http://gateway.contoso.net/openai" });
`,
      suggestions: [],
    },
  ],
});
