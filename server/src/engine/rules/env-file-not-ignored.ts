/**
 * `env-file-not-ignored` (docs/rules/env-file-not-ignored.md): a `.env` / `.env.*` file or an Azure
 * Functions `local.settings.json` that holds an Azure AI key and that git does not ignore, so the
 * next `git add .` commits the key. Whether git ignores the file is the workspace layer's answer
 * (`ConfigFileContext.gitIgnored`); when it is not known, nothing is reported.
 */
import { findConfigKeys } from '../config-files/keys.js';
import { isEnvTemplate } from '../language.js';
import type { ConfigFileContext, Rule } from '../rule.js';

function fileName(uri: string): string {
  return uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1);
}

/** The files that hold local secrets: `.env` and `.env.*` (not the templates), `local.settings.json`. */
function holdsLocalSecrets(ctx: ConfigFileContext): boolean {
  const name = fileName(ctx.uri);
  if (ctx.language === 'dotenv') return !isEnvTemplate(name);
  return /^local\.settings\.json$/i.test(name);
}

function check(ctx: ConfigFileContext): void {
  if (ctx.gitIgnored !== false || !holdsLocalSecrets(ctx)) return;
  const keys = findConfigKeys(ctx.text, ctx.language);
  if (keys.length === 0) return;
  const name = fileName(ctx.uri);
  const services = [...new Set(keys.map((k) => k.service ?? 'Azure AI'))];
  const what = keys.length === 1 ? `an ${services[0]} key` : `${keys.length} Azure AI keys`;
  ctx.report({
    range: ctx.lines.range(0, ctx.lines.lineEnd(0)),
    message: `${name} holds ${what} and git does not ignore it: the next commit of this folder publishes ${keys.length === 1 ? 'the key' : 'them'}. Add ${name} to .gitignore; if it was ever committed, regenerate ${keys.length === 1 ? 'the key' : 'them'}.`,
    fixes: [{ title: `Add ${name} to .gitignore`, preferred: false, edits: [], gitignoreEntry: name }],
  });
}

export const rule: Rule = {
  id: 'env-file-not-ignored',
  feature: 'environment-variables',
  languages: ['dotenv', 'json'],
  severity: 'error',
  docs: {
    summary: 'A `.env` or `local.settings.json` file holds an Azure AI key and git does not ignore it.',
    why:
      'These files are where a local key lives, which is only safe while they stay out of the repository: one `git add .` and the key is in the history for everyone who can read it. ' +
      'Environment variables are more secure than hardcoded values only as long as the file that sets them is never committed; managed roles in Microsoft Entra ID need no key at all.',
    fix: "Add to .gitignore: the file's name is appended to the repository root's `.gitignore` (no existing line is changed). A key that was ever committed must be regenerated.",
  },
  configFile: check,
};
