import type { Rule } from '../../rule.js';
import { bicepPrefilter, checkBicep } from './bicep.js';
import { checkConfigFile } from './config.js';
import { checkTypeScript, checkUnparsed, typescriptPrefilter } from './typescript.js';

export const rule: Rule = {
  id: 'hardcoded-key',
  feature: 'environment-variables',
  languages: ['typescript', 'bicep', 'bicepparam', 'dotenv', 'json'],
  severity: 'error',
  docs: {
    summary: 'An Azure AI key is written in the source.',
    why:
      'Anyone who can read the code (a repository, a build log, a bundle) can call the service on your bill and read its data. ' +
      'Environment variables are more secure than hardcoded values; managed roles in Microsoft Entra ID are the most secure.',
    fix:
      'Move to environment variable: the key goes to the workspace `.env` (kept out of git) and the code reads `process.env`. Then regenerate the key. ' +
      'In a config file (`.env`, `local.settings.json`, `appsettings*.json`) there is no fix: keep the file out of git and prefer Microsoft Entra ID.',
  },
  typescriptPrefilter,
  typescript: checkTypeScript,
  unparsed: checkUnparsed,
  bicepPrefilter,
  bicep: checkBicep,
  configFile: checkConfigFile,
};
