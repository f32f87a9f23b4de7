import { hasDecorator, params } from '../bicep/index.js';
import { secureDecoratorFix } from '../bicep/azure/fix-builders.js';
import { isSecretParamName } from '../bicep/azure/secret-sources.js';
import type { Rule } from '../rule.js';
import { lowerCaseOf } from '../prefilter.js';

export const rule: Rule = {
  id: 'insecure-key-param',
  feature: 'environment-variables',
  languages: ['bicep'],
  severity: 'warning',
  docs: {
    summary: 'A string param whose name says it holds a key or secret is not marked @secure().',
    why:
      'Values of params without @secure() are logged in the deployment history and shown in the portal. A key passed that way is readable ' +
      'by anyone with read access to the resource group, and stays valid until it is rotated.',
    fix: 'Mark parameter secure: add @secure() above the param.',
  },
  bicepPrefilter: (text) => lowerCaseOf(text).includes('param'),
  bicep(ctx) {
    const { file } = ctx;
    for (const param of params(file)) {
      if (param.type?.name?.toLowerCase() !== 'string' || param.type.isArray || hasDecorator(param, 'secure') || !isSecretParamName(param.name.text)) continue;
      ctx.report({
        range: param.keywordLine,
        message:
          `Param '${param.name.text}' looks like a key or secret but is not @secure(): its value is logged in the deployment history. ` +
          'Add @secure() (better still, use Microsoft Entra ID instead of keys).',
        fixes: () => [secureDecoratorFix(file, param, 'Mark parameter secure: add @secure()')],
      });
    }
  },
};
