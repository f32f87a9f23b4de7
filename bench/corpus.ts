/**
 * A deterministic (seeded) corpus of realistic TypeScript/JavaScript and Bicep for `npm run bench`:
 * Azure SDK clients (a few with hardcoded keys, plain-http endpoints or TLS checks turned off),
 * autorest-style generated models, config objects, React components, utility modules with Apache
 * license headers (their `http://www.apache.org/…` link is candidate text for a naive prefilter),
 * Bicep modules with Azure AI accounts, and three pathological files: a ~2 MB one-line minified
 * bundle, a 1.5 MB base64 blob and a 50,000-line file.
 *
 * Usage: node --import tsx bench/corpus.ts [dir] [megabytes]   (defaults: .bench/corpus, 100)
 * The corpus is rebuilt only when its stamp (seed, size, generator version) differs.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { seededRandom } from '../test/helpers/random.js';

export const CORPUS_SEED = 20250611;
const GENERATOR_VERSION = 7;

const random = seededRandom;

class Gen {
  constructor(readonly rand: () => number) {}
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.rand() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.rand() * xs.length)]!;
  }
  chance(p: number): boolean {
    return this.rand() < p;
  }
  chars(alphabet: string, n: number): string {
    let s = '';
    for (let i = 0; i < n; i++) s += alphabet[Math.floor(this.rand() * alphabet.length)];
    return s;
  }
  word(): string {
    return this.pick(WORDS);
  }
  camel(n = 2): string {
    let s = this.word();
    for (let i = 1; i < n; i++) s += cap(this.word());
    return s;
  }
  pascal(n = 2): string {
    return cap(this.camel(n));
  }
}

/** Lines with a running size, so generators check their length without joining. */
class Out {
  private readonly lines: string[] = [];
  size = 0;
  constructor(first: string[]) {
    this.push(...first);
  }
  push(...xs: string[]): void {
    for (const x of xs) {
      this.lines.push(x);
      this.size += x.length + 1;
    }
  }
  get length(): number {
    return this.lines.length;
  }
  text(): string {
    return this.lines.join('\n');
  }
}

const cap = (s: string) => s[0]!.toUpperCase() + s.slice(1);
const HEX = '0123456789abcdef';
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const B64 = `${B62}+/`;

// prettier-ignore
const WORDS = [
  'account', 'action', 'batch', 'buffer', 'cache', 'channel', 'chat', 'client', 'config', 'context', 'cursor', 'data',
  'deployment', 'document', 'element', 'entry', 'event', 'field', 'filter', 'frame', 'handler', 'header', 'index', 'item',
  'job', 'key', 'layout', 'listener', 'locator', 'message', 'model', 'node', 'operation', 'option', 'page', 'panel',
  'parser', 'path', 'payload', 'pipeline', 'policy', 'poller', 'query', 'queue', 'record', 'request', 'resource',
  'response', 'result', 'route', 'schema', 'scope', 'selector', 'session', 'snapshot', 'source', 'state', 'status',
  'stream', 'target', 'task', 'template', 'token', 'trace', 'tracker', 'value', 'vector', 'view', 'worker', 'zone',
];
const LOCATIONS = ['westeurope', 'eastus', 'eastus2', 'swedencentral', 'japaneast', 'uksouth', 'francecentral'];
const APACHE = `/**
 * Copyright (c) Microsoft Corporation.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 * http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
`;
const MIT = '// Copyright (c) Microsoft Corporation.\n// Licensed under the MIT License.\n';

function hexKey(g: Gen): string {
  return g.chars(HEX, 32);
}
/** Shape of an 84-character identifiable Azure AI services key (signature JQQJ99 … ACOG). */
function identifiableKey(g: Gen): string {
  return `${g.chars(B62, 52)}JQQJ99${g.chars(B62, 1)}${g.pick(['A', 'B', 'C', 'D'])}${g.chars(B62, 12)}AAA${g.pick(['B', 'A', 'Y'])}ACOG${g.chars(B62, 4)}`;
}

/** A utility module: functions, loops, classes; no candidate text except the license link. */
function utilityModule(g: Gen, target: number): string {
  const out = new Out([g.chance(0.35) ? APACHE : MIT]);
  out.push(`import { ${g.camel()}, ${g.camel()} } from './${g.word()}';`, `import type { ${g.pascal()} } from '../${g.word()}/types';`, '');
  while (out.size < target) {
    const fn = g.camel(g.int(2, 3));
    const t = g.pascal();
    if (g.chance(0.3)) {
      out.push(`export class ${t} {`, `  private readonly _${g.camel()} = new Map<string, ${g.pascal()}>();`, `  private _${g.word()}Count = 0;`, '');
      for (let m = g.int(2, 6); m > 0; m--) {
        const name = g.camel();
        out.push(`  async ${name}(${g.word()}: string, options: { timeout?: number } = {}): Promise<void> {`);
        out.push(`    const ${g.word()}s = this._${g.camel()}.get(${g.word()}) ?? [];`, `    for (const item of ${g.word()}s) {`);
        out.push(`      if (item.${g.word()} === undefined) continue;`, `      await this.${g.camel()}(item, options.timeout ?? ${g.int(100, 30000)});`, `    }`);
        out.push(`    this._${g.word()}Count += ${g.int(1, 9)};`, '  }', '');
      }
      out.push('}', '');
    } else {
      out.push(`/** Returns the ${g.word()} of a ${g.word()} once its ${g.word()} is ready. */`);
      out.push(`export function ${fn}(${g.word()}: ${t}, ${g.word()}Index: number): ${g.pascal()} | undefined {`);
      out.push(`  const result: ${g.pascal()}[] = [];`, `  for (let i = 0; i < ${g.word()}Index; i++) {`);
      out.push(`    const ${g.word()} = ${g.camel()}(i, '${g.word()}-${g.word()}');`, `    if (!${g.word()}) throw new Error('${g.word()} ${g.word()} is not ${g.word()}: ' + i);`);
      out.push(`    result.push({ ...${g.word()}, ${g.word()}: i * ${g.int(2, 64)} });`, '  }', `  return result.find((r) => r.${g.word()} === '${g.word()}');`, '}', '');
    }
  }
  return out.text();
}

/** Autorest-style generated models and serializers (long, repetitive, no candidate text). */
function generatedModels(g: Gen, target: number): string {
  const out = new Out([MIT, '// Code generated by Microsoft (R) AutoRest Code Generator.', '// Changes may cause incorrect behavior and will be lost if the code is regenerated.', '']);
  while (out.size < target) {
    const model = g.pascal(3);
    out.push(`/** The ${g.word()} ${g.word()} of a ${model}. */`, `export interface ${model} {`);
    const fields = Array.from({ length: g.int(3, 12) }, () => g.camel());
    for (const f of fields)
      out.push(
        `  /** ${cap(g.word())} of the ${g.word()}. NOTE: This property will not be serialized. */`,
        `  readonly ${f}?: ${g.pick(['string', 'number', 'boolean', 'Date', `${g.pascal()}[]`])};`,
      );
    out.push('}', '', `export function ${model[0]!.toLowerCase()}${model.slice(1)}Serializer(item: ${model}): any {`, '  return {');
    for (const f of fields) out.push(`    ${f}: item["${f}"],`);
    out.push('  };', '}', '');
  }
  return out.text();
}

/** A big config object: hosts, regions, timeouts (https only), no keys. */
function configObject(g: Gen, target: number, js: boolean): string {
  const out = new Out([MIT, js ? 'module.exports = {' : `export const ${g.camel()}Config = {`]);
  while (out.size < target) {
    out.push(`  ${g.camel()}: {`, `    ${g.word()}Url: 'https://${g.word()}.${g.word()}.example.com/${g.word()}',`, `    location: '${g.pick(LOCATIONS)}',`);
    out.push(`    retries: ${g.int(0, 8)},`, `    timeoutMs: ${g.int(1000, 60000)},`, `    tags: ['${g.word()}', '${g.word()}'],`, '  },');
  }
  out.push('};', '');
  return out.text();
}

/** A React component with hooks and JSX. */
function reactComponent(g: Gen, target: number, tsx: boolean): string {
  const name = g.pascal();
  const out = new Out([MIT, `import * as React from 'react';`, `import { use${g.pascal()} } from '../hooks/${g.word()}';`, '']);
  if (tsx) out.push(`export interface ${name}Props {`, `  ${g.word()}: string;`, `  on${g.pascal()}?: (value: string) => void;`, '}', '');
  out.push(`export const ${name} = (${tsx ? `props: ${name}Props` : 'props'}) => {`);
  out.push(`  const [${g.word()}, set${g.pascal(1)}] = React.useState(${tsx ? '<string | undefined>' : ''}(undefined);`);
  while (out.size < target - 200) {
    out.push(`  const ${g.camel()} = React.useCallback(() => {`, `    props.on${g.pascal()}?.('${g.word()}');`, `  }, [props]);`);
  }
  out.push(
    '  return (',
    `    <div className="${g.word()}-${g.word()}">`,
    `      <span title="${g.word()}">{props.${g.word()}}</span>`,
    `      <button onClick={() => set${g.pascal(1)}('${g.word()}')}>${cap(g.word())}</button>`,
    '    </div>',
    '  );',
    '};',
    '',
  );
  return out.text();
}

/** An Azure SDK client module; `kind` decides which security mistake, if any, it carries. */
function azureClient(g: Gen, target: number, js: boolean): string {
  const service = g.pick(['openai', 'search', 'speech', 'textanalytics'] as const);
  const host = { openai: 'openai.azure.com', search: 'search.windows.net', speech: 'cognitiveservices.azure.com', textanalytics: 'cognitiveservices.azure.com' }[service];
  const resource = `${g.word()}-${g.word()}-${g.int(1, 99)}`;
  const roll = g.rand();
  const keyLiteral = roll < 0.04 ? `"${hexKey(g)}"` : roll < 0.07 ? `"${identifiableKey(g)}"` : `process.env.${service.toUpperCase()}_API_KEY ?? ""`;
  const scheme = roll > 0.97 ? 'http' : 'https';
  const out = new Out([MIT]);
  const imp = (names: string, from: string) => out.push(js ? `const { ${names} } = require("${from}");` : `import { ${names} } from "${from}";`);
  imp('AzureKeyCredential', '@azure/core-auth');
  if (service === 'openai') imp('AzureOpenAI', 'openai');
  if (service === 'search') imp('SearchClient', '@azure/search-documents');
  if (service === 'textanalytics') imp('TextAnalysisClient', '@azure/ai-language-text');
  if (service === 'speech') out.push(js ? `const sdk = require("microsoft-cognitiveservices-speech-sdk");` : `import * as sdk from "microsoft-cognitiveservices-speech-sdk";`);
  out.push('', `const endpoint = "${scheme}://${resource}.${host}/";`, `const apiKey = ${keyLiteral};`, '');
  if (service === 'openai') out.push(`export const client = new AzureOpenAI({ endpoint, apiKey, apiVersion: "2024-10-21", deployment: "${g.pick(['gpt-4o', 'gpt-4o-mini'])}" });`);
  if (service === 'search') out.push(`export const client = new SearchClient(endpoint, "${g.word()}-index", new AzureKeyCredential(apiKey));`);
  if (service === 'textanalytics') out.push(`export const client = new TextAnalysisClient(endpoint, new AzureKeyCredential(apiKey));`);
  if (service === 'speech') out.push(`export const speechConfig = sdk.SpeechConfig.fromSubscription(apiKey, "${g.pick(LOCATIONS)}");`);
  if (g.chance(0.05))
    out.push('', js ? 'const https = require("node:https");' : 'import * as https from "node:https";', 'export const agent = new https.Agent({ rejectUnauthorized: false });');
  out.push('');
  while (out.size < target) {
    const fn = g.camel(2);
    out.push(`export async function ${fn}(${g.word()}${js ? '' : ': string'}, ${g.word()}Count${js ? '' : ' = 10'}) {`);
    out.push(`  const ${g.word()}s = [];`, `  for (let attempt = 0; attempt < ${g.int(2, 5)}; attempt++) {`, `    try {`);
    out.push(`      const response = await fetch(endpoint + "${g.word()}/${g.word()}", { method: "POST", body: JSON.stringify({ ${g.word()}: attempt }) });`);
    out.push(
      `      if (response.ok) return await response.json();`,
      `    } catch (error) {`,
      `      console.warn("${g.word()} failed", error);`,
      '    }',
      '  }',
      '  return undefined;',
      '}',
      '',
    );
  }
  return out.text();
}

/**
 * A Bicep module as in Azure Verified Modules: mostly storage, networking, Key Vault and web apps;
 * about one file in eight also deploys one or two Azure AI accounts.
 */
function bicepModule(g: Gen, target: number): string {
  const out = new Out([
    "targetScope = 'resourceGroup'",
    '',
    `@description('Location of every resource.')`,
    'param location string = resourceGroup().location',
    '',
    `@description('Tags of every resource.')`,
    'param tags object = {}',
    '',
  ]);
  let aiAccounts = g.chance(0.12) ? g.int(1, 2) : 0;
  let i = 0;
  while (out.size < target) {
    const n = `${g.word()}${i++}`;
    const roll = g.rand();
    if (aiAccounts > 0) {
      aiAccounts--;
      out.push(`@description('Name of the ${g.word()} account.')`, `param ${n}Name string = '${g.word()}-${g.int(1, 999)}'`, '');
      out.push(
        `resource ${n} 'Microsoft.CognitiveServices/accounts@2024-10-01' = {`,
        `  name: ${n}Name`,
        '  location: location',
        '  tags: tags',
        `  kind: '${g.pick(['OpenAI', 'AIServices', 'SpeechServices', 'TextAnalytics'])}'`,
        "  sku: { name: 'S0' }",
      );
      out.push(
        '  identity: {',
        "    type: 'SystemAssigned'",
        '  }',
        '  properties: {',
        `    customSubDomainName: toLower(${n}Name)`,
        `    publicNetworkAccess: '${g.pick(['Enabled', 'Disabled'])}'`,
        `    disableLocalAuth: ${g.chance(0.5)}`,
      );
      out.push('    networkAcls: {', "      defaultAction: 'Deny'", '      ipRules: [', `        { value: '10.${g.int(0, 250)}.${g.int(0, 250)}.0/24' }`, '      ]', '    }', '  }', '}', '');
      if (g.chance(0.3)) out.push(`output ${n}Key string = ${n}.listKeys().key1`, '');
    } else if (roll < 0.3) {
      out.push(
        `resource ${n}Storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {`,
        `  name: 'st${n.toLowerCase()}\${uniqueString(resourceGroup().id)}'`,
        '  location: location',
        '  tags: tags',
        "  kind: 'StorageV2'",
        "  sku: { name: 'Standard_LRS' }",
      );
      out.push(
        '  properties: {',
        "    minimumTlsVersion: 'TLS1_2'",
        '    supportsHttpsTrafficOnly: true',
        '    allowBlobPublicAccess: false',
        `    accessTier: '${g.pick(['Hot', 'Cool'])}'`,
        '  }',
        '}',
        '',
      );
    } else if (roll < 0.55) {
      out.push(
        `resource ${n}Vnet 'Microsoft.Network/virtualNetworks@2024-01-01' = {`,
        `  name: 'vnet-${n}'`,
        '  location: location',
        '  properties: {',
        '    addressSpace: {',
        `      addressPrefixes: ['10.${g.int(0, 250)}.0.0/16']`,
        '    }',
        '    subnets: [',
      );
      for (let s = g.int(1, 4); s > 0; s--)
        out.push(
          '      {',
          `        name: 'snet-${g.word()}-${s}'`,
          `        properties: { addressPrefix: '10.${g.int(0, 250)}.${s}.0/24', privateEndpointNetworkPolicies: 'Disabled' }`,
          '      }',
        );
      out.push('    ]', '  }', '}', '');
    } else if (roll < 0.75) {
      out.push(
        `resource ${n}Vault 'Microsoft.KeyVault/vaults@2023-07-01' = {`,
        `  name: 'kv-${n}'`,
        '  location: location',
        '  properties: {',
        "    sku: { family: 'A', name: 'standard' }",
        '    tenantId: subscription().tenantId',
        '    enableRbacAuthorization: true',
        '    enablePurgeProtection: true',
        `    softDeleteRetentionInDays: ${g.int(7, 90)}`,
        '  }',
        '}',
        '',
      );
    } else {
      out.push(
        `resource ${n}Site 'Microsoft.Web/sites@2023-12-01' = {`,
        `  name: 'app-${n}'`,
        '  location: location',
        '  properties: {',
        '    httpsOnly: true',
        '    siteConfig: {',
        "      minTlsVersion: '1.2'",
        "      ftpsState: 'Disabled'",
        '      appSettings: [',
      );
      for (let s = g.int(1, 5); s > 0; s--) out.push(`        { name: '${g.word().toUpperCase()}_${g.word().toUpperCase()}', value: '${g.word()}' }`);
      out.push('      ]', '    }', '  }', '}', '', `output ${n}HostName string = ${n}Site.properties.defaultHostName`, '');
    }
  }
  return out.text();
}

interface Pathological {
  name: string;
  text: string;
}

/**
 * An azd-shaped template (main.bicep calling shared modules under core/, main.parameters.json and a
 * .bicepparam file), so the audit's second phase (Bicep across files) is part of the figure.
 */
function azdTemplate(g: Gen): Array<[string, string]> {
  const app = g.word();
  const account = (kind: string) => `metadata description = 'Creates an Azure AI Services account.'
param name string
param location string = resourceGroup().location
param tags object = {}
param customSubDomainName string = name
param disableLocalAuth bool = false
@allowed([ 'Enabled', 'Disabled' ])
param publicNetworkAccess string = 'Enabled'
param deployments array = []

resource account 'Microsoft.CognitiveServices/accounts@2024-10-01' = {
  name: name
  location: location
  tags: tags
  kind: '${kind}'
  sku: { name: 'S0' }
  identity: { type: 'SystemAssigned' }
  properties: {
    customSubDomainName: customSubDomainName
    disableLocalAuth: disableLocalAuth
    publicNetworkAccess: publicNetworkAccess
    networkAcls: { defaultAction: publicNetworkAccess == 'Enabled' ? 'Allow' : 'Deny' }
  }
}

@batchSize(1)
resource deployment 'Microsoft.CognitiveServices/accounts/deployments@2024-10-01' = [for d in deployments: {
  parent: account
  name: d.name
  properties: { model: d.model }
  sku: d.?sku ?? { name: 'Standard', capacity: 20 }
}]

output endpoint string = account.properties.endpoint
output id string = account.id
output name string = account.name
`;
  const search = `param name string
param location string = resourceGroup().location
param disableLocalAuth bool = false
param authOptions object = {}
@allowed([ 'enabled', 'disabled' ])
param publicNetworkAccess string = 'enabled'

resource search 'Microsoft.Search/searchServices@2024-06-01-preview' = {
  name: name
  location: location
  identity: { type: 'SystemAssigned' }
  sku: { name: 'standard' }
  properties: {
    authOptions: disableLocalAuth ? null : authOptions
    disableLocalAuth: disableLocalAuth
    publicNetworkAccess: publicNetworkAccess
  }
}

output endpoint string = 'https://\${name}.search.windows.net/'
`;
  const role = `param principalId string
param roleDefinitionId string
@allowed([ 'Device', 'ForeignGroup', 'Group', 'ServicePrincipal', 'User' ])
param principalType string = 'ServicePrincipal'

resource role 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(subscription().id, resourceGroup().id, principalId, roleDefinitionId)
  properties: { principalId: principalId, principalType: principalType, roleDefinitionId: resourceId('Microsoft.Authorization/roleDefinitions', roleDefinitionId) }
}
`;
  const main = `targetScope = 'subscription'

@minLength(1)
@description('Name of the environment, used to generate a short unique hash for each resource.')
param environmentName string
param location string
param principalId string = ''
param openAiDisableLocalAuth bool = true
param searchPublicNetworkAccess string = 'enabled'

var tags = { 'azd-env-name': environmentName }
var resourceToken = toLower(uniqueString(subscription().id, environmentName, location))

resource rg 'Microsoft.Resources/resourceGroups@2024-03-01' = {
  name: 'rg-\${environmentName}'
  location: location
  tags: tags
}

module openAi 'core/ai/cognitiveservices.bicep' = {
  name: 'openai'
  scope: rg
  params: {
    name: 'oai-\${resourceToken}'
    location: location
    tags: tags
    disableLocalAuth: openAiDisableLocalAuth
    publicNetworkAccess: 'Disabled'
    deployments: [ { name: 'gpt-4o', model: { format: 'OpenAI', name: 'gpt-4o', version: '2024-08-06' } } ]
  }
}

module docIntelligence 'core/ai/cognitiveservices.bicep' = {
  name: 'documentintelligence'
  scope: rg
  params: {
    name: 'di-\${resourceToken}'
    location: location
    disableLocalAuth: true
  }
}

module searchService 'core/search/search-services.bicep' = {
  name: 'search-service'
  scope: rg
  params: {
    name: 'gptkb-\${resourceToken}'
    location: location
    publicNetworkAccess: searchPublicNetworkAccess
  }
}

module openAiRoleUser 'core/security/role.bicep' = if (!empty(principalId)) {
  scope: rg
  name: 'openai-role-user'
  params: { principalId: principalId, roleDefinitionId: '5e0bd9bd-7b93-4f28-af87-19fc36ad61bd', principalType: 'User' }
}

output AZURE_OPENAI_ENDPOINT string = openAi.outputs.endpoint
output AZURE_SEARCH_ENDPOINT string = searchService.outputs.endpoint
`;
  const parameters = `{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentParameters.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {
    "environmentName": { "value": "\${AZURE_ENV_NAME}" },
    "location": { "value": "\${AZURE_LOCATION}" },
    "principalId": { "value": "\${AZURE_PRINCIPAL_ID}" },
    "openAiDisableLocalAuth": { "value": false }
  }
}
`;
  const bicepparam = `using './main.bicep'

param environmentName = readEnvironmentVariable('AZURE_ENV_NAME', '${app}')
param location = readEnvironmentVariable('AZURE_LOCATION', 'eastus2')
param searchPublicNetworkAccess = 'disabled'
`;
  const dir = `samples/${app}-azd/infra`;
  return [
    [`${dir}/main.bicep`, main],
    [`${dir}/main.parameters.json`, parameters],
    [`${dir}/main.bicepparam`, bicepparam],
    [`${dir}/core/ai/cognitiveservices.bicep`, account(g.pick(['OpenAI', 'AIServices']))],
    [`${dir}/core/search/search-services.bicep`, search],
    [`${dir}/core/security/role.bicep`, role],
  ];
}

function pathologicalFiles(g: Gen): Pathological[] {
  // One-line minified bundle just under the CLI's 2 MiB default limit, so it is analysed.
  const parts: string[] = ['!function(e,t){"use strict";'];
  let size = 0;
  while (size < 2_000_000) {
    const p = `var ${g.chars('abcdefghijklmnopqrstuvwxyz', 2)}=function(${g.chars('abcdefghij', 1)}){return ${g.chars('abcdefghij', 1)}.${g.camel()}("${g.word()}")||{${g.word()}:${g.int(0, 999)},url:"https://${g.word()}.example.com"}};`;
    parts.push(p);
    size += p.length;
  }
  parts.push('}(this);');
  const bundle = parts.join('').slice(0, 2_000_000 - 10) + '}(this);\n';
  const blob = `// Embedded font, generated.\nexport const fontData = "${g.chars(B64, 1_500_000)}";\n`;
  const long: string[] = [MIT];
  // Short lines, so that all 50,000 fit under the 2 MiB limit and the file is parsed (it names a key sink).
  for (let i = 0; long.length < 50_000; i++) long.push(`export const ${g.word()}${i} = ${i};`);
  long.push(`const endpoint = "https://${g.word()}.openai.azure.com/"; const apiKey = process.env.AZURE_OPENAI_API_KEY;`, '');
  const longText = long.join('\n');
  if (longText.length >= 2 * 1024 * 1024) throw new Error(`the 50,000-line file is ${longText.length} bytes: over the 2 MiB limit, it would be skipped`);
  return [
    { name: 'vendor/bundle.min.js', text: bundle },
    { name: 'assets/font-data.ts', text: blob },
    { name: 'generated/constants.ts', text: longText },
  ];
}

type Kind = 'utility' | 'models' | 'config' | 'react' | 'client' | 'bicep';
const KIND_WEIGHTS: ReadonlyArray<[Kind, number]> = [
  ['utility', 0.36],
  ['models', 0.18],
  ['config', 0.05],
  ['react', 0.12],
  ['client', 0.07],
  ['bicep', 0.22],
];

export interface CorpusInfo {
  dir: string;
  files: number;
  bytes: number;
  tsFiles: number;
  tsBytes: number;
}

/** Builds (or reuses) the corpus in `dir`; returns its size. */
export function ensureCorpus(dir: string, megabytes = 100, seed = CORPUS_SEED): CorpusInfo {
  const stampFile = path.join(dir, '.stamp.json');
  const stamp = JSON.stringify({ seed, megabytes, version: GENERATOR_VERSION });
  if (existsSync(stampFile)) {
    const previous = JSON.parse(readFileSync(stampFile, 'utf8')) as { stamp: string; info: CorpusInfo };
    if (previous.stamp === stamp) return { ...previous.info, dir };
  }
  rmSync(dir, { recursive: true, force: true });
  const g = new Gen(random(seed));
  const info: CorpusInfo = { dir, files: 0, bytes: 0, tsFiles: 0, tsBytes: 0 };
  const write = (rel: string, text: string) => {
    const file = path.join(dir, rel);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    const bytes = Buffer.byteLength(text);
    info.files++;
    info.bytes += bytes;
    if (!/\.(bicep|bicepparam|json)$/.test(rel)) {
      info.tsFiles++;
      info.tsBytes += bytes;
    }
  };
  for (const p of pathologicalFiles(g)) write(p.name, p.text);
  // Three azd-shaped templates: modules, parameter files (Bicep across files).
  for (let i = 0; i < 3; i++) for (const [rel, text] of azdTemplate(g)) write(rel, text);
  // A .gitignore that hides a build folder, as real repositories have.
  write('packages/.gitignore', 'lib/\n*.generated.js\n');
  let index = 0;
  while (info.bytes < megabytes * 1024 * 1024) {
    let roll = g.rand();
    let kind: Kind = 'utility';
    for (const [k, w] of KIND_WEIGHTS) {
      if ((roll -= w) < 0) {
        kind = k;
        break;
      }
    }
    // Sizes as in real repositories: mostly 2–20 KB, a long tail up to 120 KB.
    const target = g.chance(0.06) ? g.int(30_000, 100_000) : g.int(1_000, 14_000);
    const js = g.chance(0.25);
    const pkg = `packages/${g.word()}-${Math.floor(index / 150)}`;
    const base = `${g.word()}-${g.word()}-${index}`;
    index++;
    switch (kind) {
      case 'utility':
        write(`${pkg}/src/${base}.${js ? 'js' : 'ts'}`, utilityModule(g, target));
        break;
      case 'models':
        write(`${pkg}/src/generated/${base}.ts`, generatedModels(g, target));
        break;
      case 'config':
        write(`${pkg}/config/${base}.${js ? 'cjs' : 'ts'}`, configObject(g, target, js));
        break;
      case 'react':
        write(`${pkg}/src/components/${cap(g.word())}${index}.${js ? 'jsx' : 'tsx'}`, reactComponent(g, Math.min(target, 12_000), !js));
        break;
      case 'client':
        write(`${pkg}/src/clients/${base}.${js ? 'mjs' : 'ts'}`, azureClient(g, Math.min(target, 15_000), js));
        break;
      case 'bicep':
        write(`infra/modules/${g.word()}-${Math.floor(index / 100)}/${base}.bicep`, bicepModule(g, Math.min(target, 40_000)));
        break;
    }
  }
  writeFileSync(stampFile, JSON.stringify({ stamp, info }));
  return info;
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(__filename)) {
  const dir = path.resolve(process.argv[2] ?? '.bench/corpus');
  const start = Date.now();
  const info = ensureCorpus(dir, Number(process.argv[3] ?? 100));
  console.log(
    `${info.files} files, ${(info.bytes / 1024 / 1024).toFixed(1)} MiB (${info.tsFiles} TS/JS, ${(info.tsBytes / 1024 / 1024).toFixed(1)} MiB) in ${dir} — ${Date.now() - start} ms`,
  );
}

/**
 * Bicep only, from the same generator and seed: the Bicep half of the real-code corpus
 * (bench/real-corpus.ts), `megabytes` of modules below `dir`. Returns files and bytes written.
 */
export function writeGeneratedBicep(dir: string, megabytes: number, seed = CORPUS_SEED): { files: number; bytes: number } {
  const g = new Gen(random(seed));
  let files = 0;
  let bytes = 0;
  for (let index = 0; bytes < megabytes * 1024 * 1024; index++) {
    const text = bicepModule(g, g.chance(0.06) ? g.int(30_000, 40_000) : g.int(1_000, 14_000));
    const file = path.join(dir, `${g.word()}-${Math.floor(index / 100)}`, `${g.word()}-${g.word()}-${index}.bicep`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
    files++;
    bytes += Buffer.byteLength(text);
  }
  return { files, bytes };
}

/**
 * `count` azd-shaped templates (`azdTemplate`, the generator's own) below `dir`, each in a folder of
 * its own: the azd trees of the real-code corpus (bench/real-corpus.ts). Returns files written.
 */
export function writeAzdTemplates(dir: string, count: number, seed = CORPUS_SEED): number {
  const g = new Gen(random(seed + 1));
  let files = 0;
  for (let i = 0; i < count; i++) {
    for (const [rel, text] of azdTemplate(g)) {
      const file = path.join(dir, String(i).padStart(2, '0'), rel);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
      files++;
    }
  }
  return files;
}
