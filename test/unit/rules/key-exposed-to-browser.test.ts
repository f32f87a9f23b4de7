import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from '../../../server/src/engine/index.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Shapes of browser code that reaches Azure AI: Next.js, Create React App, Expo and Vite apps, bundler configs.
ruleTester('key-exposed-to-browser', {
  valid: [
    {
      name: 'a Next.js route handler reads a server-only variable',
      file: 'app/api/chat/route.ts',
      code: `import { AzureOpenAI } from "openai";
const client = new AzureOpenAI({ apiKey: process.env.AZURE_OPENAI_API_KEY, apiVersion: "2024-10-21" });
`,
    },
    {
      name: 'a public endpoint is no key',
      code: `import { AzureOpenAI } from "openai";
import { getBearerTokenProvider, DefaultAzureCredential } from "@azure/identity";
const client = new AzureOpenAI({ endpoint: process.env.NEXT_PUBLIC_AZURE_OPENAI_ENDPOINT, azureADTokenProvider: getBearerTokenProvider(new DefaultAzureCredential(), "https://cognitiveservices.azure.com/.default") });
`,
    },
    {
      name: "'use client' with an Entra ID token from MSAL and dangerouslyAllowBrowser",
      file: 'components/chat.tsx',
      code: `'use client';
import { AzureOpenAI } from "openai";
export function makeClient(getToken: () => Promise<string>) {
  return new AzureOpenAI({ azureADTokenProvider: getToken, endpoint: "https://contoso.openai.azure.com", apiVersion: "2024-10-21", dangerouslyAllowBrowser: true });
}
`,
    },
    {
      name: 'dangerouslyAllowBrowser on an OpenAI client that is not Azure',
      code: `import OpenAI from "openai";
const client = new OpenAI({ apiKey: userKey, dangerouslyAllowBrowser: true });
`,
    },
    {
      name: "'use client' that is not the file's first statement is no directive",
      code: `import { AzureKeyCredential } from "@azure/core-auth";
'use client';
const credential = new AzureKeyCredential(process.env.CONTENT_SAFETY_KEY ?? "");
`,
    },
    {
      name: 'a define constant that is no key, and a declared __NAME__ variable',
      file: 'vite.config.ts',
      code: `import { defineConfig } from "vite";
const __KEY_FILE__ = "./certs/dev.pem";
export default defineConfig({ define: { __APP_VERSION__: JSON.stringify(process.env.npm_package_version) } });
export const credential = new AzureKeyCredential(__KEY_FILE__);
`,
    },
  ],
  invalid: [
    {
      name: 'Next.js: NEXT_PUBLIC_ key as the apiKey of AzureOpenAI',
      code: `import { AzureOpenAI } from "openai";
export const client = new AzureOpenAI({ apiKey: process.env.NEXT_PUBLIC_AZURE_OPENAI_API_KEY, apiVersion: "2024-10-21" });
`,
      errors: [{ line: 2, column: 49, endLine: 2, endColumn: 93, message: ['process.env.NEXT_PUBLIC_AZURE_OPENAI_API_KEY', 'Next.js', 'server route', 'Microsoft Entra ID'] }],
      output: null,
    },
    {
      name: 'Create React App: Speech key from REACT_APP_',
      file: 'src/Recognizer.jsx',
      code: `import * as sdk from "microsoft-cognitiveservices-speech-sdk";
const speechConfig = sdk.SpeechConfig.fromSubscription(process.env.REACT_APP_SPEECH_KEY, process.env.REACT_APP_SPEECH_REGION);
`,
      errors: [{ line: 2, column: 56, endLine: 2, endColumn: 88, message: ['Azure AI Speech key', 'Create React App'] }],
      output: null,
    },
    {
      name: 'Expo: a key header from EXPO_PUBLIC_',
      file: 'app/describe.tsx',
      code: `export async function describe(url: string) {
  return fetch("https://contoso-vision.cognitiveservices.azure.com/computervision/imageanalysis:analyze?features=caption", {
    method: "POST",
    headers: { "Ocp-Apim-Subscription-Key": process.env.EXPO_PUBLIC_VISION_KEY!, "Content-Type": "application/json" },
    body: JSON.stringify({ url }),
  });
}
`,
      errors: [{ line: 4, column: 45, endLine: 4, endColumn: 79, message: ['Expo'] }],
      output: null,
    },
    {
      name: 'Vite: import.meta.env through a const into a REST client imported under another name',
      file: 'src/analyze.ts',
      code: `import DocIntel from "@azure-rest/ai-document-intelligence";
const key = import.meta.env.VITE_DOCUMENT_INTELLIGENCE_KEY;
export const client = DocIntel("https://contoso-docs.cognitiveservices.azure.com/", { key });
`,
      errors: [{ line: 2, column: 13, endLine: 2, endColumn: 59, message: ['Azure AI Document Intelligence key', 'import.meta.env.VITE_DOCUMENT_INTELLIGENCE_KEY', 'Vite'] }],
      output: null,
    },
    {
      name: 'a define constant declared for TypeScript',
      code: `import { AzureOpenAI } from "openai";
declare const __AZURE_OPENAI_KEY__: string;
const client = new AzureOpenAI({ apiKey: __AZURE_OPENAI_KEY__, endpoint: "https://contoso.openai.azure.com", apiVersion: "2024-10-21" });
`,
      errors: [{ line: 3, column: 42, endLine: 3, endColumn: 62, message: ['__AZURE_OPENAI_KEY__', 'define constant'] }],
      output: null,
    },
    {
      name: 'vite.config.ts: define writes the key into the bundle',
      file: 'vite.config.ts',
      code: `import { defineConfig, loadEnv } from "vite";
export default defineConfig(({ mode }) => {
  const env = loadEnv(mode, process.cwd(), "");
  return { define: { "process.env.AZURE_OPENAI_API_KEY": JSON.stringify(env.AZURE_OPENAI_API_KEY) } };
});
`,
      errors: [{ line: 4, column: 22, endLine: 4, endColumn: 98, message: ['AZURE_OPENAI_API_KEY', 'client bundle'] }],
      output: null,
    },
    {
      name: 'next.config.js: env inlines the key',
      file: 'next.config.js',
      code: `/** @type {import('next').NextConfig} */
module.exports = { env: { AZURE_OPENAI_API_KEY: process.env.AZURE_OPENAI_API_KEY } };
`,
      errors: [{ line: 2, column: 27, endLine: 2, endColumn: 81, message: ['Next.js'] }],
      output: null,
    },
    {
      name: 'dangerouslyAllowBrowser on AzureOpenAI with a key',
      file: 'src/chat.ts',
      code: `import { AzureOpenAI } from "openai";
export function makeClient(apiKey: string) {
  return new AzureOpenAI({ apiKey, endpoint: "https://contoso.openai.azure.com", apiVersion: "2024-10-21", dangerouslyAllowBrowser: true });
}
`,
      errors: [{ line: 3, column: 108, endLine: 3, endColumn: 137, message: ['dangerouslyAllowBrowser'] }],
      output: null,
    },
    {
      name: 'dangerouslyAllowBrowser on OpenAI with an Azure v1 base URL',
      code: `import OpenAI from "openai";
const client = new OpenAI({ baseURL: \`https://\${resource}.openai.azure.com/openai/v1/\`, apiKey: userKey, dangerouslyAllowBrowser: true });
`,
      errors: [{ line: 2, column: 106, endLine: 2, endColumn: 135 }],
      output: null,
    },
    {
      name: "'use client': a key credential read from the environment",
      file: 'app/safety/page.tsx',
      code: `"use client";
import ContentSafetyClient from "@azure-rest/ai-content-safety";
import { AzureKeyCredential } from "@azure/core-auth";
const client = ContentSafetyClient("https://contoso-safety.cognitiveservices.azure.com", new AzureKeyCredential(process.env.CONTENT_SAFETY_KEY ?? ""));
`,
      errors: [{ line: 4, column: 113, endLine: 4, endColumn: 149, message: ["'use client'", 'Azure AI Content Safety key'] }],
      output: null,
    },
    {
      name: 'a public key read outside any sink',
      code: `export const settings = { openAiKey: process.env.NEXT_PUBLIC_AZURE_OPENAI_KEY };
`,
      errors: [{ line: 1, column: 38, endLine: 1, endColumn: 78 }],
      output: null,
    },
  ],
});

const findings = (file: string, text: string) => analyze({ uri: `file:///work/${file}`, languageId: '', text });

describe('key-exposed-to-browser and the key rules at the same site', () => {
  test('a key in browser code is not key-credential: no DefaultAzureCredential offered where it cannot run', () => {
    const text = `import { AzureOpenAI } from "openai";
export const client = new AzureOpenAI({ apiKey: process.env.NEXT_PUBLIC_AZURE_OPENAI_API_KEY, apiVersion: "2024-10-21" });
`;
    assert.deepEqual(
      findings('lib/openai.ts', text).map((f) => f.ruleId),
      ['key-exposed-to-browser'],
    );
    const server = text.replace('NEXT_PUBLIC_', '');
    assert.deepEqual(
      findings('lib/openai.ts', server).map((f) => f.ruleId),
      ['key-credential'],
    );
  });

  test("a pasted key in a 'use client' module: hardcoded-key too, with Move to environment variable and no Entra ID fix", () => {
    const text = `'use client';
import { SearchClient, AzureKeyCredential } from "@azure/search-documents";
const search = new SearchClient("https://contoso.search.windows.net", "docs", new AzureKeyCredential("1c9f8e90958466c511dedb26ebced285"));
`;
    const all = findings('app/search/page.tsx', text);
    assert.deepEqual(all.map((f) => f.ruleId).sort(), ['hardcoded-key', 'key-exposed-to-browser']);
    const hardcoded = all.find((f) => f.ruleId === 'hardcoded-key')!;
    assert.deepEqual(
      hardcoded.fixes.map((f) => f.title),
      ['Move to environment variable AZURE_SEARCH_API_KEY'],
    );
    assert.ok(!all.some((f) => f.message.includes('1c9f8e90958466c5')), 'no message shows the key');
    // The same code on a server keeps the Entra ID suggestion.
    const server = findings('lib/search.ts', text.replace("'use client';\n", ''));
    assert.ok(server.find((f) => f.ruleId === 'hardcoded-key')!.fixes.some((f) => f.title.includes('Entra ID')));
  });
});
