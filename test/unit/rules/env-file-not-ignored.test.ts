import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyze } from '../../../server/src/engine/index.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Made-up keys (none is a real key).
const HEX = '3f9a2c4e8b7d6a1f0e5c9b8a7d6e5f4c';
const SEARCH_KEY = `${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1'}AzSeB1c2D3`;

const DOTENV = `# Azure OpenAI (local development)
AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/
AZURE_OPENAI_API_KEY=${HEX}
`;

ruleTester('env-file-not-ignored', {
  valid: [
    { name: 'a .env that git ignores', file: '.env', gitIgnored: true, code: DOTENV },
    {
      name: 'a .env without a key',
      file: '.env',
      code: `AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/
AZURE_OPENAI_DEPLOYMENT=gpt-4o
`,
    },
    {
      name: 'a .env with placeholders only',
      file: '.env.local',
      code: `AZURE_OPENAI_API_KEY=<your-key>
SPEECH_KEY=
`,
    },
    { name: 'templates are committed on purpose: .env.example', file: '.env.example', code: DOTENV },
    { name: 'templates are committed on purpose: .env.sample', file: '.env.sample', code: DOTENV },
    { name: 'templates are committed on purpose: .env.template', file: '.env.template', code: DOTENV },
    {
      name: 'appsettings.json is usually committed: a key in it is hardcoded-key only',
      file: 'appsettings.json',
      code: `{ "AzureOpenAI": { "ApiKey": "${HEX}" } }
`,
    },
    {
      name: 'suppressed on the first line',
      file: '.env',
      code: `# azure-ai-security-disable-next-line env-file-not-ignored -- a throwaway key of a test resource
AZURE_OPENAI_API_KEY=${HEX}
`,
    },
  ],
  invalid: [
    {
      name: 'a .env holding an Azure OpenAI key, not ignored: lands on line 1',
      file: '.env',
      code: DOTENV,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 35, message: ['.env holds an Azure OpenAI key', 'git does not ignore it', 'Add .env to .gitignore'] }],
      output: null,
    },
    {
      name: 'a .env.local holding two keys',
      file: '.env.local',
      code: `AZURE_OPENAI_API_KEY=${HEX}
AZURE_SEARCH_API_KEY=${SEARCH_KEY}
`,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 54, message: ['.env.local holds 2 Azure AI keys', 'publishes them'] }],
      output: null,
    },
    {
      name: 'local.settings.json holding a key',
      file: 'local.settings.json',
      code: `{
  "IsEncrypted": false,
  "Values": { "SPEECH_KEY": "${HEX}" }
}
`,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 2, message: ['local.settings.json holds an Azure AI Speech key'] }],
      output: null,
    },
    {
      name: 'the key decides even when hardcoded-key suppresses it',
      file: '.env',
      code: `AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/
# azure-ai-security-disable-next-line hardcoded-key
AZURE_OPENAI_API_KEY=${HEX}
`,
      errors: [{ line: 1, column: 1, endLine: 1, endColumn: 56 }],
      output: null,
    },
  ],
});

test('env-file-not-ignored offers Add to .gitignore: the file name as the entry, no edit of the file itself', () => {
  const [finding] = analyze({ uri: 'file:///work/app/.env.development', languageId: 'plaintext', text: DOTENV }, {}, { git: { isIgnored: () => false } }).filter(
    (f) => f.ruleId === 'env-file-not-ignored',
  );
  assert.deepEqual(finding?.fixes, [{ title: 'Add .env.development to .gitignore', preferred: false, edits: [], gitignoreEntry: '.env.development' }]);
});

test('without a workspace to ask whether git ignores the file, env-file-not-ignored stays silent and hardcoded-key still reports', () => {
  const ids = analyze({ uri: 'untitled:Untitled-1/.env', languageId: 'dotenv', text: DOTENV }).map((f) => f.ruleId);
  assert.deepEqual(ids, ['hardcoded-key']);
});

test('hardcoded-key turned off does not hide the key from env-file-not-ignored', () => {
  const ids = analyze({ uri: 'file:///work/.env', languageId: 'dotenv', text: DOTENV }, { rules: { 'hardcoded-key': 'off' } }, { git: { isIgnored: () => false } }).map((f) => f.ruleId);
  assert.deepEqual(ids, ['env-file-not-ignored']);
});
