/**
 * The config-file side of `hardcoded-key` (docs/rules/hardcoded-key.md, "Config files"): each key a
 * `.env`, `local.settings.json` or `appsettings*.json` holds. No fix: such a file is where a local
 * key may live; what matters is that git never gets it, and that the app moves to Entra ID.
 */
import { findConfigKeys } from '../../config-files/keys.js';
import type { ConfigFileContext } from '../../rule.js';
import { redact } from '../../secrets/redact.js';

function fileName(uri: string): string {
  return uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1);
}

export function checkConfigFile(ctx: ConfigFileContext): void {
  const name = fileName(ctx.uri);
  const committed = ctx.language === 'json' && !/^local\.settings\.json$/i.test(name);
  for (const key of findConfigKeys(ctx.text, ctx.language)) {
    const what = key.service ? `${key.service} key` : 'Azure AI key';
    const where = key.setting ? ` in ${key.setting}` : '';
    const keepOut = committed ? `${name} is usually committed: keep the key out of it (user secrets, an environment variable or Key Vault) and out of git` : `keep ${name} out of git`;
    ctx.report({
      range: ctx.lines.range(key.start, key.end),
      message:
        `${what}${where} ('${redact(key.secret)}'): ${keepOut}, and better use Microsoft Entra ID (managed identity, DefaultAzureCredential) so no key is needed; ` +
        `a key that was ever committed must be regenerated.`,
    });
  }
}
