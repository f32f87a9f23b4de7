import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester('insecure-endpoint', {
  valid: [
    {
      name: 'https already',
      code: `const e = "https://r.openai.azure.com/";
`,
    },
    {
      name: 'comment is not code',
      code: `// see http://r.openai.azure.com for the old endpoint
export {};
`,
    },
    {
      name: 'loopback emulator as a client endpoint',
      code: `const client = new SearchClient("http://localhost:8080", "idx", credential);
const other = new AzureOpenAI({ baseURL: "http://127.0.0.1:1234/v1" });
`,
    },
    {
      name: 'non-Azure host not passed to an Azure AI client',
      code: `await fetch("http://example.com/data");
const s = "http://" + host + "/api";
`,
    },
    {
      name: 'look-alike host',
      code: `const e = "http://openai.azure.com.evil.example/";
`,
    },
    {
      name: 'suppressed',
      code: `const e = "http://r.openai.azure.com"; // azure-ai-security-disable-line insecure-endpoint -- local proxy
`,
    },
  ],
  invalid: [
    {
      name: 'literal Azure OpenAI endpoint',
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ endpoint: "http://my-resource.openai.azure.com/", apiVersion: "2024-10-21" });
`,
      errors: [{ line: 2, column: 44, endLine: 2, endColumn: 82 }],
      output: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ endpoint: "https://my-resource.openai.azure.com/", apiVersion: "2024-10-21" });
`,
    },
    {
      name: 'template with the resource name in a hole',
      code: `const url = \`http://\${resource}.cognitiveservices.azure.com/language/:analyze-text?api-version=2023-04-01\`;
`,
      errors: [{ line: 1, column: 13, endLine: 1, endColumn: 107 }],
      output: `const url = \`https://\${resource}.cognitiveservices.azure.com/language/:analyze-text?api-version=2023-04-01\`;
`,
    },
    {
      name: '+ concatenation (.js)',
      file: 'search.js',
      code: `const endpoint = "http://" + serviceName + ".search.windows.net";
module.exports = { endpoint };
`,
      errors: [{ line: 1, column: 18, endLine: 1, endColumn: 65 }],
      output: `const endpoint = "https://" + serviceName + ".search.windows.net";
module.exports = { endpoint };
`,
    },
    {
      name: 'ws:// to a Speech host becomes wss://',
      code: `const url = new URL("ws://westus.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1");
`,
      errors: [{ line: 1, column: 21, endLine: 1, endColumn: 112 }],
      output: `const url = new URL("wss://westus.stt.speech.microsoft.com/speech/recognition/conversation/cognitiveservices/v1");
`,
    },
    {
      name: 'non-Azure host passed as an Azure AI client endpoint, through a const (.mjs)',
      file: 'lang.mjs',
      code: `import { TextAnalysisClient } from "@azure/ai-language-text";
import { DefaultAzureCredential } from "@azure/identity";
const endpoint = "http://gateway.contoso.internal/language";
const client = new TextAnalysisClient(endpoint, new DefaultAzureCredential());
`,
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 60 }],
      output: `import { TextAnalysisClient } from "@azure/ai-language-text";
import { DefaultAzureCredential } from "@azure/identity";
const endpoint = "https://gateway.contoso.internal/language";
const client = new TextAnalysisClient(endpoint, new DefaultAzureCredential());
`,
    },
    {
      name: 'Speech fromEndpoint with a plain ws:// URL to a custom host',
      code: `const config = SpeechConfig.fromEndpoint(new URL("ws://speech-proxy.contoso.com/stt"), key);
`,
      errors: [{ line: 1, column: 50, endLine: 1, endColumn: 85 }],
      output: `const config = SpeechConfig.fromEndpoint(new URL("wss://speech-proxy.contoso.com/stt"), key);
`,
    },
    {
      name: 'sovereign cloud host, URL inside a longer string',
      code: `console.log("Calling http://my-res.openai.azure.us/openai/deployments now");
`,
      errors: [{ line: 1, column: 13, endLine: 1, endColumn: 75 }],
      output: `console.log("Calling https://my-res.openai.azure.us/openai/deployments now");
`,
    },
    {
      name: 'translator global endpoint in a fetch call (.tsx)',
      file: 'Translate.tsx',
      code: `export const T = () => <a href="http://api.cognitive.microsofttranslator.com/translate?api-version=3.0">translate</a>;
`,
      errors: [{ line: 1, column: 32, endLine: 1, endColumn: 104 }],
      output: `export const T = () => <a href="https://api.cognitive.microsofttranslator.com/translate?api-version=3.0">translate</a>;
`,
    },
    {
      name: 'file with syntax errors is still analysed',
      code: `const a = {;
const endpoint = "http://r.openai.azure.com";
function (
`,
      errors: [{ line: 2, column: 18, endLine: 2, endColumn: 45 }],
      output: `const a = {;
const endpoint = "https://r.openai.azure.com";
function (
`,
    },
  ],
});
