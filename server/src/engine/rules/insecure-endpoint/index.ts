import type { Rule } from '../../rule.js';
import { bicepPrefilter, checkBicep } from './bicep.js';
import { checkTypeScript, typescriptPrefilter } from './typescript.js';

export const rule: Rule = {
  id: 'insecure-endpoint',
  feature: 'tls',
  languages: ['typescript', 'bicep'],
  severity: 'error',
  docs: {
    summary: 'An Azure AI endpoint is called over plain http:// or ws://.',
    why:
      'All Azure AI services endpoints exposed over HTTP enforce TLS 1.2. A plain-text URL either fails or, through a proxy or ' +
      'gateway, sends the key, the token and the data unencrypted.',
    fix: 'Use https:// (or wss://): the fix rewrites the scheme only.',
  },
  typescriptPrefilter,
  typescript: checkTypeScript,
  bicepPrefilter,
  bicep: checkBicep,
};
