import { hasDecorator, outputs } from '../bicep/index.js';
import { secureDecoratorFix } from '../bicep/azure/fix-builders.js';
import { secretSources } from '../bicep/azure/secret-sources.js';
import type { Rule } from '../rule.js';
import { lowerCaseOf } from '../prefilter.js';

/** `@secure()` applies to string and object outputs only. */
const SECURABLE_TYPES = new Set(['string', 'object']);

export const rule: Rule = {
  id: 'secret-in-output',
  feature: 'key-rotation',
  languages: ['bicep'],
  severity: 'error',
  docs: {
    summary: 'An output without @secure() returns an access key (listKeys(), listAdminKeys(), listQueryKeys()) or a @secure() param.',
    why:
      'Deployment outputs are stored in the deployment history, readable by anyone with read access to the resource group. ' +
      'A key that leaks there stays valid until it is rotated; each resource has two keys so you can regenerate one without downtime, but only if you know it leaked.',
    fix: 'Mark output secure: add @secure() above the output (better still, drop the output and use Microsoft Entra ID).',
  },
  bicepPrefilter: (text) => lowerCaseOf(text).includes('output'),
  bicep(ctx) {
    const { file } = ctx;
    for (const output of outputs(file)) {
      if (hasDecorator(output, 'secure')) continue;
      const source = secretSources(file, output.value, { secureParams: true })[0];
      if (!source) continue;
      const what = source.call ? `the result of ${source.call.name.text}()` : `@secure() param '${source.param!.name.text}'`;
      const through = source.via ? ` through var '${source.via.name.text}'` : '';
      const securable = output.type?.name !== undefined && SECURABLE_TYPES.has(output.type.name.toLowerCase());
      ctx.report({
        range: output.keywordLine,
        message:
          `Output '${output.name.text}' returns ${what}${through} without @secure(): it is stored in plain text in the deployment history. ` +
          'Add @secure(), or remove the output and let consumers use Microsoft Entra ID.',
        fixes: () => (securable ? [secureDecoratorFix(file, output, 'Mark output secure: add @secure()')] : []),
      });
    }
  },
};
