/**
 * The parts of package.json, the config-file schema and the rule catalogue (docs/rules/README.md,
 * see scripts/rules-catalogue.ts) that derive from the rule registry. `npm run sync-manifest`
 * rewrites them; a consistency test fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { LEVELS } from '../server/src/engine/config.js';
import { RULES } from '../server/src/engine/rules/index.js';
import { withCodeScanningRow } from '../server/src/report/code-scanning.js';
import { DEFAULT_MAX_FILE_BYTES } from '../server/src/workspace/read-source.js';
import { CATALOGUE, withRulesTable } from './rules-catalogue.js';

const ROOT = path.join(__dirname, '..');
export const MANIFEST = path.join(ROOT, 'package.json');
export const SCHEMA = path.join(ROOT, 'schemas', 'azure-ai-security.schema.json');

function ruleLevels() {
  return Object.fromEntries(RULES.map((r) => [r.id, { type: 'string', enum: LEVELS, description: `${r.docs.summary} (default: ${r.severity})` }]));
}

export function configurationProperties() {
  return {
    'azureAiSecurity.enable': { type: 'boolean', default: true, scope: 'resource', description: 'Analyse TypeScript, JavaScript and Bicep files for Azure AI security problems.' },
    'azureAiSecurity.rules': {
      type: 'object',
      default: {},
      scope: 'resource',
      additionalProperties: false,
      properties: ruleLevels(),
      markdownDescription: 'Level per rule id (`off`, `info`, `warning`, `error`). Overrides `.azure-ai-security.json`.',
    },
    'azureAiSecurity.exclude': {
      type: 'array',
      items: { type: 'string' },
      default: [],
      scope: 'resource',
      markdownDescription: '`.gitignore`-style globs, relative to the workspace folder, of files the audit skips (added to `exclude` in `.azure-ai-security.json`).',
    },
    'azureAiSecurity.maxFileSize': {
      type: 'number',
      default: DEFAULT_MAX_FILE_BYTES,
      minimum: 1024,
      scope: 'resource',
      description: 'Files larger than this many bytes are skipped by the audit, with a notice.',
    },
    'azureAiSecurity.trace.server': {
      type: 'string',
      enum: ['off', 'messages', 'verbose'],
      default: 'off',
      scope: 'window',
      description: 'Traces the communication with the language server (to the output channel). Never includes key values beyond their first 4 characters in our own log lines.',
    },
  };
}

export function configSchema() {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'Azure AI Security configuration (.azure-ai-security.json)',
    type: 'object',
    additionalProperties: false,
    properties: {
      rules: { type: 'object', additionalProperties: false, properties: ruleLevels(), description: 'Level per rule id.' },
      exclude: { type: 'array', items: { type: 'string' }, description: '.gitignore-style globs of files to skip, relative to this file.' },
    },
  };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- package.json, as JSON.parse returns it
export function expectedManifest(current: Record<string, any>): Record<string, any> {
  return { ...current, contributes: { ...current.contributes, configuration: { ...current.contributes.configuration, properties: configurationProperties() } } };
}

function format(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

const pagePath = (id: string) => path.join(ROOT, 'docs', 'rules', `${id}.md`);

/** Each rule's doc page with its generated `Code scanning` row (GitHub security-severity, precision). */
function rulePages(): { id: string; file: string; current: string; expected: string | undefined }[] {
  return RULES.map((rule) => {
    const file = pagePath(rule.id);
    let current = '';
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      // a missing page is reported by the consistency test
    }
    return { id: rule.id, file, current, expected: withCodeScanningRow(current, rule) };
  });
}

export function staleParts(): string[] {
  const stale: string[] = [];
  const manifest = readFileSync(MANIFEST, 'utf8');
  if (manifest !== format(expectedManifest(JSON.parse(manifest)))) stale.push('package.json contributes.configuration');
  let schema = '';
  try {
    schema = readFileSync(SCHEMA, 'utf8');
  } catch {
    // missing counts as stale
  }
  if (schema !== format(configSchema())) stale.push('schemas/azure-ai-security.schema.json');
  const catalogue = readFileSync(CATALOGUE, 'utf8');
  if (catalogue !== withRulesTable(catalogue)) stale.push('docs/rules/README.md rules table');
  for (const page of rulePages()) {
    if (page.expected === undefined) stale.push(`docs/rules/${page.id}.md has no "| Default severity |" row for the code-scanning row to follow`);
    else if (page.expected !== page.current) stale.push(`docs/rules/${page.id}.md code-scanning row`);
  }
  return stale;
}

if (require.main === module) {
  writeFileSync(MANIFEST, format(expectedManifest(JSON.parse(readFileSync(MANIFEST, 'utf8')))));
  writeFileSync(SCHEMA, format(configSchema()));
  const catalogue = withRulesTable(readFileSync(CATALOGUE, 'utf8'));
  if (catalogue === undefined) throw new Error('docs/rules/README.md: the rules table markers are missing; put them back around the table (scripts/rules-catalogue.ts)');
  writeFileSync(CATALOGUE, catalogue);
  for (const page of rulePages()) {
    if (page.expected === undefined) throw new Error(`docs/rules/${page.id}.md: no "| Default severity |" row in its table; add one for the code-scanning row to follow`);
    if (page.expected !== page.current) writeFileSync(page.file, page.expected);
  }
  console.log(
    "package.json configuration, schemas/azure-ai-security.schema.json, the docs/rules/README.md rules table and each rule page's code-scanning row regenerated from the rule registry.",
  );
}
