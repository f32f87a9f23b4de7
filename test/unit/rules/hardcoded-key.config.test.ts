import { ruleTester } from '../../helpers/rule-tester.js';

// Made-up keys (none is a real key): a legacy 32-hex key, an identifiable Azure OpenAI key, an AI Search key.
const HEX = '3f9a2c4e8b7d6a1f0e5c9b8a7d6e5f4c';
const SPEECH_HEX = '0a1b2c3d4e5f60718293a4b5c6d7e8f9';
const AI_KEY = ['Ab3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7kL9mN1pQ3sT5vW'.slice(0, 52), 'JQQJ99', 'B', 'K', 'ACAAAAAAAAAA', 'AAAB', 'ACOG', 'Xy12'].join('');
const SEARCH_KEY = `${'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6q7R8s9T0u1'}AzSeB1c2D3`;

const KEEP_OUT = ['keep .env out of git', 'Microsoft Entra ID'];

ruleTester('hardcoded-key', {
  valid: [
    {
      name: '.env.example with the placeholders of the quickstarts',
      file: '.env.example',
      code: `# Copy to .env and fill in your values
AZURE_OPENAI_ENDPOINT=https://<your-resource>.openai.azure.com/
AZURE_OPENAI_API_KEY=<your-azure-openai-key>
AZURE_OPENAI_DEPLOYMENT=gpt-4o
SPEECH_KEY=your_speech_key_here
SPEECH_REGION=westeurope
AZURE_SEARCH_API_KEY=xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx
LANGUAGE_KEY=
TRANSLATOR_KEY="\${TRANSLATOR_KEY}"
`,
    },
    {
      name: 'a hex value under a name that is not an AI key',
      file: '.env',
      code: `GIT_SHA=${HEX}
SESSION_SECRET=${HEX}
AZURE_OPENAI_DEPLOYMENT=${HEX}
`,
    },
    {
      name: 'appsettings.json: schema URL, Entra ID settings and the Cognitive Services scope',
      file: 'appsettings.json',
      code: `{
  "$schema": "https://json.schemastore.org/appsettings.json",
  "Logging": { "LogLevel": { "Default": "Information" } },
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "TenantId": "72f988bf-86f1-41af-91ab-2d7cd011db47",
    "ClientId": "4f3c2b1a-0d9e-4c8b-a7f6-e5d4c3b2a190"
  },
  "AzureOpenAI": {
    "Endpoint": "https://contoso.openai.azure.com/",
    "Deployment": "gpt-4o",
    "Scopes": ["https://cognitiveservices.azure.com/.default"]
  },
  "AllowedHosts": "*"
}
`,
    },
    {
      name: 'local.settings.json with storage emulator and Application Insights settings',
      file: 'local.settings.json',
      code: `{
  "IsEncrypted": false,
  "Values": {
    "AzureWebJobsStorage": "UseDevelopmentStorage=true",
    "FUNCTIONS_WORKER_RUNTIME": "node",
    "APPINSIGHTS_INSTRUMENTATIONKEY": "00000000-0000-0000-0000-000000000000",
    "AZURE_OPENAI_ENDPOINT": "https://contoso.openai.azure.com/"
  }
}
`,
    },
    {
      name: 'a JSON file that is none of the config files is not read',
      file: 'package.json',
      code: `{ "name": "app", "config": { "openAiKey": "${HEX}", "note": "${AI_KEY}" } }
`,
    },
    {
      name: 'suppressed in a .env and in JSON with comments',
      file: '.env.local',
      code: `# azure-ai-security-disable-next-line hardcoded-key -- a revoked key kept for a test
AZURE_OPENAI_API_KEY=${HEX}
`,
    },
    {
      name: 'suppressed in appsettings.json',
      file: 'appsettings.Development.json',
      code: `{
  "AzureOpenAI": {
    // azure-ai-security-disable-next-line hardcoded-key
    "ApiKey": "${HEX}"
  }
}
`,
    },
    {
      name: 'a git-ignored .env gets no finding',
      file: '.env',
      gitIgnored: true,
      code: `AZURE_OPENAI_API_KEY=${HEX}
`,
    },
  ],
  invalid: [
    {
      name: '.env: AZURE_OPENAI_API_KEY (range on the value)',
      file: '.env',
      code: `AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/
AZURE_OPENAI_API_KEY=${HEX}
`,
      errors: [{ line: 2, column: 22, endLine: 2, endColumn: 54, message: ['Azure OpenAI key', "'3f9a…'", ...KEEP_OUT] }],
      output: null,
    },
    {
      name: '.env: export, double quotes and a trailing comment',
      file: '.env',
      code: `export SPEECH_KEY="${SPEECH_HEX}" # from the portal
export SPEECH_REGION=westeurope
`,
      errors: [{ line: 1, column: 20, endLine: 1, endColumn: 52, message: ['Azure AI Speech key', 'SPEECH_KEY'] }],
      output: null,
    },
    {
      name: '.env: the .NET spelling of a section (AzureOpenAI__ApiKey) and a single-quoted value',
      file: '.env.production',
      code: `AzureOpenAI__Endpoint=https://contoso.openai.azure.com/
AzureOpenAI__ApiKey='${HEX}'
`,
      errors: [{ line: 2, column: 22, endLine: 2, endColumn: 54, message: ['Azure OpenAI key', 'keep .env.production out of git'] }],
      output: null,
    },
    {
      name: '.env: an identifiable key under any name, and in a commented-out line',
      file: '.env',
      code: `LLM_TOKEN=${AI_KEY}
# OLD=${AI_KEY}
`,
      errors: [
        { line: 1, column: 11, endLine: 1, endColumn: 95, message: ['Azure OpenAI key'] },
        { line: 2, column: 7, endLine: 2, endColumn: 91 },
      ],
      output: null,
    },
    {
      name: '.env.example holding a real-shaped key is still a key',
      file: '.env.example',
      code: `AZURE_SEARCH_API_KEY=${SEARCH_KEY}
`,
      errors: [{ line: 1, column: 22, endLine: 1, endColumn: 74, message: ['Azure AI Search key'] }],
      output: null,
    },
    {
      name: 'appsettings.json: "AzureOpenAI": { "ApiKey": … }, with comments and trailing commas',
      file: 'appsettings.json',
      code: `{
  // Local development only
  "AzureOpenAI": {
    "Endpoint": "https://contoso.openai.azure.com/",
    "ApiKey": "${HEX}",
    "DeploymentName": "gpt-4o",
  },
}
`,
      errors: [{ line: 5, column: 16, endLine: 5, endColumn: 48, message: ['Azure OpenAI key in AzureOpenAI:ApiKey', 'usually committed', 'Microsoft Entra ID'] }],
      output: null,
    },
    {
      name: 'local.settings.json: "Values": { "SPEECH_KEY": … }',
      file: 'local.settings.json',
      code: `{
  "IsEncrypted": false,
  "Values": {
    "FUNCTIONS_WORKER_RUNTIME": "node",
    "SPEECH_KEY": "${SPEECH_HEX}",
    "SPEECH_REGION": "westeurope"
  }
}
`,
      errors: [{ line: 5, column: 20, endLine: 5, endColumn: 52, message: ['Azure AI Speech key in Values:SPEECH_KEY', 'keep local.settings.json out of git'] }],
      output: null,
    },
    {
      name: 'broken JSON (being typed) is still read as far as it goes',
      file: 'appsettings.Development.json',
      code: `{
  "AzureAISearch": {
    "AdminKey": "${SEARCH_KEY}",
    "Endpoint": "https://contoso.search.windows.net
`,
      errors: [{ line: 3, column: 18, endLine: 3, endColumn: 70, message: ['Azure AI Search key'] }],
      output: null,
    },
  ],
});
