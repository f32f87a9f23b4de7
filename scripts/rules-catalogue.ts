/**
 * The rule table of docs/rules/README.md, rendered from the rule registry: each rule's id (a link to
 * its page), languages, default severity, security feature and summary. The text around the table is
 * written by hand; `npm run sync-manifest` (scripts/manifest.ts) rewrites what lies between the markers.
 */
import * as path from 'node:path';
import { RULES } from '../server/src/engine/rules/index.js';
import type { Language } from '../server/src/engine/types.js';
import { FEATURES } from '../server/src/report/features.js';

export const CATALOGUE = path.join(__dirname, '..', 'docs', 'rules', 'README.md');
export const TABLE_START = '<!-- rules table: generated from the rule registry (server/src/engine/rules/index.ts) by `npm run sync-manifest`; edit the rules, not this table -->';
export const TABLE_END = '<!-- end of rules table -->';

const LANGUAGE_LABELS: Record<Language, string> = {
  typescript: 'TS/JS',
  bicep: 'Bicep',
  bicepparam: '`.bicepparam`',
  dotenv: '`.env`',
  json: 'JSON settings',
  armparams: '`*.parameters.json`',
};
/** The feature as the guidance names it, the words the audit report uses too. */
const FEATURE_TITLES = new Map(FEATURES.map((f) => [f.id, f.title]));

/** A summary is plain text (it is also a settings description); only a `|` would end the cell early. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

export function rulesTable(): string {
  const rows = RULES.map((rule) => {
    const feature = FEATURE_TITLES.get(rule.feature);
    if (!feature) throw new Error(`${rule.id}: feature '${rule.feature}' has no title in server/src/report/features.ts`);
    const languages = rule.languages.map((l) => LANGUAGE_LABELS[l]).join(', ');
    return `| [\`${rule.id}\`](${rule.id}.md) | ${languages} | ${rule.severity} | ${feature} | ${cell(rule.docs.summary)} |`;
  });
  return ['| Rule | Languages | Severity | Feature | What it flags |', '|---|---|---|---|---|', ...rows].join('\n');
}

/**
 * The catalogue text with its table regenerated, or undefined when the markers are gone (a generator
 * that guessed where the table goes could overwrite hand-written text). Blank lines keep the table a
 * block of its own between the two comments.
 */
export function withRulesTable(text: string): string | undefined {
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) return undefined;
  return `${text.slice(0, start)}${TABLE_START}\n\n${rulesTable()}\n\n${text.slice(end)}`;
}
