import assert from 'node:assert/strict';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeDocument, type BicepSummary, type FileSummary } from '../../../server/src/engine/index.js';
import { WorkspaceModel } from '../../../server/src/workspace/model.js';

const ROOT = path.resolve('/work/app');
const at = (rel: string) => path.join(ROOT, rel);
const summaryOf = (rel: string, text: string): FileSummary => analyzeDocument({ uri: at(rel), languageId: '', text }).summary!;

const MAIN = `param location string = resourceGroup().location
param disableLocalAuth bool = false
@secure()
param adminKey string

module openAi './core/ai/cognitiveservices.bicep' = {
  name: 'openai'
  params: {
    name: 'contoso-ai'
    location: location
    disableLocalAuth: disableLocalAuth
    publicNetworkAccess: 'Disabled'
    tags: union({}, {})
  }
}

module search 'br/public:avm/res/search/search-service:0.9.0' = if (true) {
  name: 'search'
  params: { name: 'contoso-search' }
}

output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
`;

const MODULE = `param name string
param publicNetworkAccess string?
param disableLocalAuth bool = true

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  kind: 'OpenAI'
  properties: { disableLocalAuth: disableLocalAuth, publicNetworkAccess: publicNetworkAccess }
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: 'kv'
}

output endpoint string = account.properties.endpoint
`;

describe('file summaries: what the workspace model keeps of each file', () => {
  test('a Bicep template: params with defaults, outputs, module calls with what they pass', () => {
    const summary = summaryOf('infra/main.bicep', MAIN) as BicepSummary;
    assert.equal(summary.language, 'bicep');
    assert.deepEqual(
      summary.params.map((p) => [p.name, p.type, p.secure, p.default?.kind]),
      [
        ['location', 'string', false, 'unknown'],
        ['disableLocalAuth', 'bool', false, 'known'],
        ['adminKey', 'string', true, undefined],
      ],
    );
    const [openAi, search] = summary.modules;
    assert.equal(openAi!.target, './core/ai/cognitiveservices.bicep');
    assert.deepEqual(
      openAi!.params.map((p) => [p.name, p.value.kind, 'name' in p.value ? p.value.name : 'value' in p.value ? p.value.value : undefined]),
      [
        ['name', 'known', 'contoso-ai'],
        ['location', 'param', 'location'],
        ['disableLocalAuth', 'param', 'disableLocalAuth'],
        ['publicNetworkAccess', 'known', 'Disabled'],
        ['tags', 'unknown', undefined],
      ],
    );
    // A value from a param with a default: callers decide, the default is the fallback.
    const passed = openAi!.params[2]!.value;
    assert.deepEqual(passed.kind === 'param' ? passed.fallback : 'no fallback', false);
    assert.deepEqual(openAi!.range, { start: { line: 5, character: 7 }, end: { line: 5, character: 13 } });
    assert.deepEqual([search!.target, search!.conditional, search!.loop], ['br/public:avm/res/search/search-service:0.9.0', true, false]);
    assert.deepEqual(
      summary.outputs.map((o) => [o.name, o.value.kind]),
      [['AZURE_OPENAI_ENDPOINT', 'unknown']],
    );
    const module = summaryOf('infra/core/ai/cognitiveservices.bicep', MODULE) as BicepSummary;
    assert.deepEqual(
      module.params.map((p) => [p.name, p.nullable]),
      [
        ['name', false],
        ['publicNetworkAccess', true],
        ['disableLocalAuth', false],
      ],
    );
  });

  test('a .bicepparam file: its template and the values it assigns', () => {
    assert.deepEqual(summaryOf('infra/main.bicepparam', "using './main.bicep'\nparam disableLocalAuth = true\n"), {
      language: 'bicepparam',
      using: './main.bicep',
      params: [{ name: 'disableLocalAuth', value: { kind: 'known', value: true, range: { start: { line: 1, character: 25 }, end: { line: 1, character: 29 } } } }],
    });
  });

  test('TypeScript: each Azure AI client with its endpoint and how it authenticates', () => {
    const text = [
      'import { AzureOpenAI } from "openai";',
      'import { SearchClient, AzureKeyCredential } from "@azure/search-documents";',
      'import { DefaultAzureCredential, getBearerTokenProvider } from "@azure/identity";',
      'const credential = new DefaultAzureCredential();',
      'const openai = new AzureOpenAI({ endpoint: process.env.AZURE_OPENAI_ENDPOINT, azureADTokenProvider: getBearerTokenProvider(credential, "https://cognitiveservices.azure.com/.default"), apiVersion: "2024-10-21" });',
      'const search = new SearchClient("https://contoso-search.search.windows.net", "docs", new AzureKeyCredential(process.env.AZURE_SEARCH_KEY!));',
      'const implicit = new AzureOpenAI({ apiVersion: "2024-10-21" });',
      '',
    ].join('\n');
    const summary = summaryOf('src/clients.ts', text);
    assert.equal(summary.language, 'typescript');
    const clients = summary.language === 'typescript' ? summary.clients : [];
    assert.deepEqual(
      clients.map((c) => [
        c.client,
        c.endpoint?.kind === 'env' ? c.endpoint.name : c.endpoint?.kind === 'known' ? c.endpoint.value : c.endpoint?.kind,
        c.credential.kind,
        c.credential.kind === 'key' ? c.credential.key?.kind : undefined,
      ]),
      [
        ['AzureOpenAI', 'AZURE_OPENAI_ENDPOINT', 'entra', undefined],
        ['SearchClient', 'https://contoso-search.search.windows.net', 'key', 'env'],
        ['AzureOpenAI', undefined, 'key', 'env'],
      ],
    );
    assert.deepEqual(clients[1]!.range.start, { line: 5, character: 15 });
    // A file that constructs no Azure AI client has none (and is not parsed for it).
    const plain = analyzeDocument({ uri: at('src/util.ts'), languageId: '', text: 'export const x = 1;\n' });
    assert.deepEqual([plain.summary, plain.parsed], [{ language: 'typescript', clients: [] }, false]);
  });
});

describe('workspace model', () => {
  const build = () => {
    const model = new WorkspaceModel();
    model.set(at('infra/main.bicep'), summaryOf('infra/main.bicep', MAIN));
    model.set(at('infra/core/ai/cognitiveservices.bicep'), summaryOf('infra/core/ai/cognitiveservices.bicep', MODULE));
    model.set(at('infra/main.bicepparam'), summaryOf('infra/main.bicepparam', "using './main.bicep'\nparam disableLocalAuth = true\n"));
    return model;
  };

  test('module calls resolve relative to the caller; registry modules are not local files', () => {
    const model = build();
    assert.deepEqual(
      model.callersOf(at('infra/core/ai/cognitiveservices.bicep')).map((c) => [c.file, c.call.symbolicName]),
      [[at('infra/main.bicep'), 'openAi']],
    );
    assert.deepEqual(model.targetsOf(at('infra/main.bicep')), [at('infra/core/ai/cognitiveservices.bicep')]);
    assert.deepEqual(model.parameterFilesOf(at('infra/main.bicep')), [at('infra/main.bicepparam')]);
    assert.deepEqual(model.files(), [at('infra/core/ai/cognitiveservices.bicep'), at('infra/main.bicep'), at('infra/main.bicepparam')]);
  });

  test('an update touches only its own entry and edges', () => {
    const model = build();
    const moduleSummary = model.summaryOf(at('infra/core/ai/cognitiveservices.bicep'));
    // The caller stops calling the module: the edge goes, the module's entry stays as it was.
    assert.equal(model.set(at('infra/main.bicep'), summaryOf('infra/main.bicep', 'param location string\n')), true);
    assert.deepEqual(model.callersOf(at('infra/core/ai/cognitiveservices.bicep')), []);
    assert.equal(model.summaryOf(at('infra/core/ai/cognitiveservices.bicep')), moduleSummary);
    assert.deepEqual(model.parameterFilesOf(at('infra/main.bicep')), [at('infra/main.bicepparam')]);
    // The same summary again changes nothing.
    assert.equal(model.set(at('infra/main.bicep'), summaryOf('infra/main.bicep', 'param location string\n')), false);
    // A deleted parameter file takes its edge with it.
    assert.equal(model.delete(at('infra/main.bicepparam')), true);
    assert.deepEqual(model.parameterFilesOf(at('infra/main.bicep')), []);
    assert.equal(model.delete(at('infra/main.bicepparam')), false);
  });
});
