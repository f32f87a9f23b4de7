import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { CodeActionRequest, HoverRequest, SetTraceNotification, type CodeAction, type CreateFile, type TextDocumentEdit } from 'vscode-languageserver-protocol/node';
import { LspClient } from '../helpers/lsp-client.js';

const CLI = path.join(__dirname, '..', '..', 'dist', 'cli.js');

// Made-up keys in every format the rules know (none is a real key).
const HEX = 'a87ff679a2f3e71d9181a67b7542122c';
const AI_KEY = ['Zq8wX2vB4nM6kJ9hG1fD3sA5pL7oI0uY2tR4eW6qZ8xC1vB3nM5k', 'JQQJ99', 'B', 'L', 'ACAAAAAAAAAA', 'AAAY', 'ACOG', 'Ab9z'].join('');
const SEARCH_KEY = `${'Q1w2E3r4T5y6U7i8O9p0A1s2D3f4G5h6J7k8L9z0X1'}AzSeC9v8B7`;
const KEYS = [HEX, AI_KEY, SEARCH_KEY];

const FILES: Record<string, string> = {
  'src/openai.ts': `import { AzureOpenAI } from "openai";\nexport const c = new AzureOpenAI({ apiKey: "${HEX}", apiVersion: "2024-10-21" });\n`,
  'src/speech.js': `const sdk = require("microsoft-cognitiveservices-speech-sdk");\nconst speechConfig = sdk.SpeechConfig.fromSubscription("${AI_KEY}", "westeurope");\n`,
  'src/notes.ts': `// rotated last week: ${SEARCH_KEY}\nexport const searchKey = "${SEARCH_KEY}";\n`,
  'src/fetch.mjs': `await fetch("https://x.openai.azure.com/openai", { headers: { "api-key": "${AI_KEY}" } });\n`,
  // The wave 2 sinks: a REST client's { key } under another import name, a key in a URL's query, LangChain JS, the Vercel AI SDK.
  'src/rest.ts': `import DI from "@azure-rest/ai-document-intelligence";\nexport const d = DI("https://x.cognitiveservices.azure.com", { key: "${HEX}" });\nexport const u = "https://api.cognitive.microsofttranslator.com/translate?to=de&Subscription-Key=${AI_KEY}";\n`,
  'src/chains.mts': `import { AzureChatOpenAI } from "@langchain/openai";\nimport { createAzure } from "@ai-sdk/azure";\nexport const m = new AzureChatOpenAI({ azureOpenAIApiKey: "${AI_KEY}" });\nexport const a = createAzure({ apiKey: "${HEX}" });\n`,
  // Browser code: key-exposed-to-browser beside hardcoded-key.
  'app/page.tsx': `'use client';\nimport { AzureOpenAI } from "openai";\nexport const c = new AzureOpenAI({ apiKey: "${SEARCH_KEY}", dangerouslyAllowBrowser: true, apiVersion: "2024-10-21" });\n`,
  'infra/main.bicep': `param openAiKey string = '${HEX}'\nparam searchAdminKey string = '${SEARCH_KEY}'\noutput k string = openAiKey\n`,
  'infra/main.bicepparam': `using './main.bicep'\nparam openAiKey = '${AI_KEY}'\n`,
  // Config and secret files: findings, hovers and the Add to .gitignore fix.
  'app/.env': `AZURE_OPENAI_API_KEY=${HEX}\n# previous: ${AI_KEY}\nAZURE_SEARCH_API_KEY="${SEARCH_KEY}"\n`,
  'fn/local.settings.json': `{\n  "IsEncrypted": false,\n  "Values": { "SPEECH_KEY": "${HEX}", "LLM": "${AI_KEY}" }\n}\n`,
  'web/appsettings.json': `{\n  // dev\n  "AzureOpenAI": { "ApiKey": "${HEX}", },\n  "AzureAISearch": { "AdminKey": "${SEARCH_KEY}" }\n}\n`,
};

function assertNoKey(channel: string, text: string): void {
  for (const key of KEYS)
    assert.ok(
      !text.includes(key.slice(0, 5)),
      `${channel} shows more than 4 characters of ${key.slice(0, 4)}…:\n${text.slice(Math.max(0, text.indexOf(key.slice(0, 5)) - 200), text.indexOf(key.slice(0, 5)) + 100)}`,
    );
}

describe('no secret leaves: every output channel shows at most 4 characters of a key', () => {
  let folder: string;
  before(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'aais-leak-'));
    for (const [file, text] of Object.entries(FILES)) {
      mkdirSync(path.dirname(path.join(folder, file)), { recursive: true });
      writeFileSync(path.join(folder, file), text);
    }
  });
  after(() => rmSync(folder, { recursive: true, force: true }));

  test('CLI text, JSON and SARIF (fixes included)', () => {
    for (const format of ['text', 'json', 'sarif']) {
      const r = spawnSync(process.execPath, [CLI, 'scan', folder, '--format', format], { encoding: 'utf8' });
      assert.equal(r.status, 1, r.stderr);
      assert.ok(r.stdout.length > 500, `${format} output is a real report`);
      assertNoKey(`CLI ${format}`, r.stdout + r.stderr);
    }
  });

  test('diagnostics, hovers, code actions (all but the .env edit), server logs at verbose trace, the audit report and SARIF export', async () => {
    const client = await LspClient.start(folder, { trusted: true });
    try {
      await client.connection.sendNotification(SetTraceNotification.type, { value: 'verbose' });
      let findings = 0;
      for (const [file, text] of Object.entries(FILES)) {
        const languageId = file.endsWith('.bicep')
          ? 'bicep'
          : file.endsWith('.bicepparam')
            ? 'bicepparam'
            : file.endsWith('.tsx')
              ? 'typescriptreact'
              : /\.[mc]?ts$/.test(file)
                ? 'typescript'
                : file.endsWith('.json')
                  ? 'json'
                  : file.endsWith('.env')
                    ? 'dotenv'
                    : 'javascript';
        const uri = client.open(path.join(folder, file), text, languageId);
        const published = await client.waitForDiagnostics(uri, (p) => p.diagnostics.length > 0);
        assertNoKey(`diagnostics of ${file}`, JSON.stringify(published));
        for (const d of published.diagnostics) {
          findings++;
          const hover = await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: d.range.start });
          assertNoKey(`hover in ${file}`, JSON.stringify(hover));
          const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } })) as CodeAction[];
          const envUri = pathToFileURL(path.join(folder, '.env')).toString();
          const outsideEnv = actions.map((a) => ({
            ...a,
            edit: a.edit && {
              ...a.edit,
              documentChanges: a.edit.documentChanges?.filter((c) => !('textDocument' in c && (c as TextDocumentEdit).textDocument.uri === envUri)) as
                (TextDocumentEdit | CreateFile)[] | undefined,
            },
          }));
          assertNoKey(`code actions in ${file}`, JSON.stringify(outsideEnv));
        }
      }
      assert.ok(findings >= 16, `seeded files produce findings (${findings})`);
      const audit = (await client.connection.sendRequest('azureAiSecurity/audit', {})) as { markdown: string };
      assert.match(audit.markdown, /Hardcoded/);
      assertNoKey('audit report', audit.markdown);
      const sarif = (await client.connection.sendRequest('azureAiSecurity/exportSarif', {})) as string;
      assert.ok(sarif.includes('"ruleId": "hardcoded-key"'));
      assertNoKey('exported SARIF', sarif);
      assertNoKey('server logs', client.logs.join('\n') + client.stderr.join(''));
    } finally {
      await client.stop();
    }
  });

  test('the only place a key is written is .env, by the fix', () => {
    const copy = mkdtempSync(path.join(tmpdir(), 'aais-leak-fix-'));
    try {
      for (const [file, text] of Object.entries(FILES)) {
        mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
        writeFileSync(path.join(copy, file), text);
      }
      spawnSync(process.execPath, [CLI, 'scan', copy, '--fix'], { encoding: 'utf8' });
      const env = readFileSync(path.join(copy, '.env'), 'utf8');
      assert.ok(env.includes(`=${HEX}`) && env.includes(`=${AI_KEY}`));
      for (const file of ['src/openai.ts', 'src/rest.ts', 'src/chains.mts']) assertNoKey(`${file} after the fix`, readFileSync(path.join(copy, file), 'utf8'));
      for (const file of ['app/.env', 'fn/local.settings.json', 'web/appsettings.json']) assert.equal(readFileSync(path.join(copy, file), 'utf8'), FILES[file], `${file} is left as it was`);
    } finally {
      rmSync(copy, { recursive: true, force: true });
    }
  });
});
