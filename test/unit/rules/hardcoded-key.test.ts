import { ruleTester } from '../../helpers/rule-tester.js';

const HEX = '7c4a8d09ca3762af61e59520943dc264';
// Shaped like an identifiable Azure OpenAI key (provider character 'B'); made up, not a real key.
// Layout: 52 random, JQQJ99, year, month, 12 platform, AAA + provider, ACOG, 4 checksum.
const AI_KEY = ['Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7kL9mN1pQ3sT5vW'.slice(0, 52), 'JQQJ99', 'B', 'K', 'ACAAAAAAAAAA', 'AAAB', 'ACOG', 'Xy12'].join('');
const SEARCH_KEY = `${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1'}AzSeB1c2D3`;

const helper = (indent = '  ') =>
  `\n\nfunction missingEnv(name: string): never {\n${indent}throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);\n}`;
const jsHelper = `\n\n/**\n * @param {string} name\n * @returns {never}\n */\nfunction missingEnv(name) {\n  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);\n}`;

ruleTester('hardcoded-key', {
  valid: [
    { name: 'env read', code: `import { AzureKeyCredential } from "@azure/core-auth";\nconst c = new AzureKeyCredential(process.env.SEARCH_KEY!);\n` },
    { name: 'placeholder in angle brackets', code: `const c = new AzureKeyCredential("<your-key>");\n` },
    { name: 'YOUR_API_KEY placeholder', code: `const client = new AzureOpenAI({ apiKey: "YOUR_API_KEY" });\n` },
    { name: 'xxxx placeholder', code: `const c = new AzureKeyCredential("xxxxxxxxxxxxxxxx");\n` },
    { name: 'empty string', code: `const c = new AzureKeyCredential("");\n` },
    { name: 'one character', code: `const c = new AzureKeyCredential("k");\n` },
    { name: 'template with a hole', code: 'const c = new AzureKeyCredential(`${prefix}abcdef0123456789`);\n' },
    { name: 'parameter is a runtime value', code: `function make(key: string) { return new AzureKeyCredential(key); }\n` },
    { name: 'hex named as a hash', code: `const md5 = "${HEX}";\nconst sha = "${HEX}";\n` },
    { name: 'hex with an unrelated name', code: `const requestId = "${HEX}";\n` },
    { name: 'GUID', code: `const speechKey = "3f2504e0-4f89-11d3-9a0c-0305e82c3301";\n` },
    { name: 'header from a request', code: `fetch(url, { headers: { "api-key": req.headers["api-key"] as string } });\n` },
    { name: 'suppressed on the line before', code: `// azure-ai-security-disable-next-line hardcoded-key -- test fixture\nconst c = new AzureKeyCredential("${HEX}");\n` },
    { name: 'suppressed on the line', code: `const c = new AzureKeyCredential("${HEX}"); // azure-ai-security-disable-line\n` },
    { name: 'let reassigned from a parameter scope', code: `function f(apiKey: string) { return new AzureOpenAI({ apiKey }); }\n` },
  ],
  invalid: [
    {
      name: 'AzureKeyCredential literal for a search client',
      code: `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";\n\nconst client = new SearchClient(endpoint, "idx", new AzureKeyCredential("${HEX}"));\n`,
      errors: [{ line: 3, column: 73, endLine: 3, endColumn: 107, message: ['Azure AI Search key', "'7c4a…'", 'regenerated'] }],
      output: `import { AzureKeyCredential, SearchClient } from "@azure/search-documents";${helper()}\n\nconst client = new SearchClient(endpoint, "idx", new AzureKeyCredential(process.env.AZURE_SEARCH_API_KEY ?? missingEnv("AZURE_SEARCH_API_KEY")));\n`,
      env: { name: 'AZURE_SEARCH_API_KEY', value: HEX },
    },
    {
      name: 'apiKey of AzureOpenAI through a const',
      code: `import { AzureOpenAI } from "openai";\nconst key = "${HEX}";\nexport const client = new AzureOpenAI({ apiKey: key, apiVersion: "2024-10-21" });\n`,
      errors: [{ line: 2, column: 13, endLine: 2, endColumn: 47, message: ['Azure OpenAI key'] }],
      output: `import { AzureOpenAI } from "openai";${helper()}\nconst key = process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY");\nexport const client = new AzureOpenAI({ apiKey: key, apiVersion: "2024-10-21" });\n`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: HEX },
    },
    {
      name: 'apiKey through a settings object property',
      code: `const settings = { openAiKey: "${HEX}" };\nconst client = new AzureOpenAI({ apiKey: settings.openAiKey });\n`,
      errors: [{ line: 1, column: 31, endLine: 1, endColumn: 65 }],
      output: `function missingEnv(name: string): never {\n  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);\n}\n\nconst settings = { openAiKey: process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY") };\nconst client = new AzureOpenAI({ apiKey: settings.openAiKey });\n`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: HEX },
    },
    {
      name: 'Ocp-Apim-Subscription-Key header in fetch, CommonJS',
      file: 'client.js',
      code: `const fetch = require("node-fetch");\nfetch("https://x.cognitiveservices.azure.com/language", { headers: { "Ocp-Apim-Subscription-Key": "${HEX}" } });\n`,
      errors: [{ line: 2, column: 99, endLine: 2, endColumn: 133, message: ['Azure AI services key'] }],
      output: `const fetch = require("node-fetch");${jsHelper}\nfetch("https://x.cognitiveservices.azure.com/language", { headers: { "Ocp-Apim-Subscription-Key": process.env.AZURE_AI_SERVICES_KEY ?? missingEnv("AZURE_AI_SERVICES_KEY") } });\n`,
      env: { name: 'AZURE_AI_SERVICES_KEY', value: HEX },
    },
    {
      name: 'api-key header through a const, named after the binding',
      code: `const searchApiKey = "${HEX}";\nawait fetch(url, { headers: { "api-key": searchApiKey } });\n`,
      errors: [{ line: 1, column: 22, endLine: 1, endColumn: 56 }],
      output: `function missingEnv(name: string): never {\n  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);\n}\n\nconst searchApiKey = process.env.SEARCH_API_KEY ?? missingEnv("SEARCH_API_KEY");\nawait fetch(url, { headers: { "api-key": searchApiKey } });\n`,
      env: { name: 'SEARCH_API_KEY', value: HEX },
    },
    {
      name: 'identifiable AI key in a comment has no fix',
      code: `// old key: ${AI_KEY}\nexport {};\n`,
      errors: [{ line: 1, column: 13, endLine: 1, endColumn: 97, message: ['Azure OpenAI key', `'${AI_KEY.slice(0, 4)}…'`] }],
      output: null,
    },
    {
      name: 'identifiable AI Search key in any string',
      code: `export const config = { notes: "${SEARCH_KEY}" };\n`,
      errors: [{ line: 1, column: 32, endLine: 1, endColumn: 86, message: ['Azure AI Search key'] }],
      output: `function missingEnv(name: string): never {\n  throw new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);\n}\n\nexport const config = { notes: process.env.AZURE_SEARCH_API_KEY ?? missingEnv("AZURE_SEARCH_API_KEY") };\n`,
      env: { name: 'AZURE_SEARCH_API_KEY', value: SEARCH_KEY },
    },
    {
      name: 'hex key assigned to a name that says AI key',
      code: `import x from "y";\n\nexport const AZURE_OPENAI_API_KEY = "${HEX}";\n`,
      errors: [{ line: 3, column: 37, endLine: 3, endColumn: 71 }],
      output: `import x from "y";${helper()}\n\nexport const AZURE_OPENAI_API_KEY = process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY");\n`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: HEX },
    },
    {
      name: 'tab-indented file keeps tabs in the helper',
      code: `const client = new AzureOpenAI({\n\tapiKey: "${HEX}",\n});\n`,
      errors: [{ line: 2, column: 10, endLine: 2, endColumn: 44 }],
      output: `function missingEnv(name: string): never {\n\tthrow new Error(\`Environment variable \${name} is not set (add it to .env or the app's settings)\`);\n}\n\nconst client = new AzureOpenAI({\n\tapiKey: process.env.AZURE_OPENAI_API_KEY ?? missingEnv("AZURE_OPENAI_API_KEY"),\n});\n`,
      env: { name: 'AZURE_OPENAI_API_KEY', value: HEX },
    },
  ],
});
