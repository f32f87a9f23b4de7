/**
 * Throughput of the Bicep lexer + parser on a deterministic (seeded) corpus of realistic Bicep.
 * Run: node --import tsx bench/bicep-parser.ts [megabytes]
 * Prints MB/s (median of several rounds) for lex+parse; the target is ≥ 20 MB/s.
 */
import { performance } from 'node:perf_hooks';
import { parseBicep } from '../server/src/engine/bicep/index.js';
import { seededRandom } from '../test/helpers/random.js';

const random = seededRandom;

const KINDS = ['OpenAI', 'AIServices', 'SpeechServices', 'TextAnalytics', 'FormRecognizer'];
const LOCATIONS = ['westeurope', 'eastus', 'swedencentral', 'japaneast'];

function generateFile(rand: () => number, index: number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const n = `svc${index}`;
  const lines: string[] = [];
  lines.push(`// Generated module ${index}`);
  lines.push(`@description('Name of the account ${index}.')`);
  lines.push(`param ${n}Name string = '${n}-${pick(LOCATIONS)}'`);
  lines.push(`param ${n}Location string = resourceGroup().location`);
  lines.push(`@secure()`);
  lines.push(`param ${n}Key string`);
  lines.push(`var ${n}Tags = {`, `  env: '${pick(['dev', 'test', 'prod'])}'`, `  index: ${index}`, `}`);
  lines.push(`resource ${n} 'Microsoft.CognitiveServices/accounts@2024-10-01' = if (${n}Location != 'none') {`);
  lines.push(`  name: ${n}Name`, `  location: ${n}Location`, `  kind: '${pick(KINDS)}'`, `  tags: ${n}Tags`);
  lines.push(`  identity: {`, `    type: 'SystemAssigned'`, `  }`, `  sku: { name: 'S0' }`);
  lines.push(`  properties: {`, `    customSubDomainName: toLower('\${${n}Name}-sub')`, `    publicNetworkAccess: ${rand() < 0.5 ? "'Disabled'" : "'Enabled'"}`);
  lines.push(`    disableLocalAuth: ${rand() < 0.5}`, `    networkAcls: {`, `      defaultAction: 'Deny'`, `      ipRules: [`);
  const rules = 1 + Math.floor(rand() * 4);
  for (let i = 0; i < rules; i++) lines.push(`        { value: '10.${index % 250}.${i}.0/24' }`);
  lines.push(`      ]`, `    }`, `  }`);
  lines.push(`  resource deployment 'deployments' = [for (model, i) in ['gpt-4o', 'gpt-4o-mini']: {`);
  lines.push(
    `    name: '\${model}-\${i}'`,
    `    sku: { name: 'Standard', capacity: 10 * (i + 1) }`,
    `    properties: {`,
    `      model: { format: 'OpenAI', name: model, version: '2024-08-06' }`,
    `    }`,
    `  }]`,
  );
  lines.push(`}`);
  lines.push(`output ${n}Endpoint string = ${n}.properties.endpoint`);
  lines.push(`output ${n}Count int = length(filter(items(${n}Tags), t => t.value != null)) > 1 ? 2 : 1`);
  lines.push(`var ${n}Script = '''`, `echo "${index}"`, `'''`, '');
  return lines.join(rand() < 0.2 ? '\r\n' : '\n');
}

function generateCorpus(megabytes: number, seed: number): string[] {
  const rand = random(seed);
  const files: string[] = [];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    // Several modules per file, as in real templates of 5–50 KB.
    const parts: string[] = [];
    const count = 5 + Math.floor(rand() * 40);
    for (let j = 0; j < count; j++) parts.push(generateFile(rand, i * 100 + j));
    const text = parts.join('\n');
    files.push(text);
    size += text.length;
  }
  return files;
}

const megabytes = Number(process.argv[2] ?? 8);
const corpus = generateCorpus(megabytes, 20240601);
const totalChars = corpus.reduce((sum, f) => sum + f.length, 0);
let errors = 0;
for (const f of corpus) errors += parseBicep(f).syntaxErrors.length; // warm-up
const rounds: number[] = [];
for (let round = 0; round < 7; round++) {
  const start = performance.now();
  for (const f of corpus) parseBicep(f);
  rounds.push(performance.now() - start);
}
rounds.sort((a, b) => a - b);
const median = rounds[Math.floor(rounds.length / 2)]!;
const mb = totalChars / (1024 * 1024);
console.log(`corpus: ${corpus.length} files, ${mb.toFixed(2)} MB (chars), syntax errors: ${errors}`);
console.log(`lex+parse median ${median.toFixed(1)} ms → ${(mb / (median / 1000)).toFixed(1)} MB/s (best ${(mb / (rounds[0]! / 1000)).toFixed(1)} MB/s)`);
