import { getProperty, rangeOf } from '../bicep/index.js';
import { fixes, fixOf, removePropertyEdit, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, AI_SEARCH, checkedResources, isType, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'local-auth-enabled',
  feature: 'authentication',
  languages: ['bicep'],
  severity: 'warning',
  docs: {
    summary: 'An Azure AI account or AI Search service accepts API keys (disableLocalAuth is not true).',
    why:
      'Subscription keys are the simplest authentication method but not the most secure: a leaked key works for anyone until it is regenerated. ' +
      'The most secure method is managed roles in Microsoft Entra ID, and disabling local authentication makes it the only way in.',
    fix: 'Disable key authentication: set properties.disableLocalAuth to true (and drop AI Search authOptions, which cannot be set with it).',
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT, AI_SEARCH),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, AI_ACCOUNT, AI_SEARCH)) {
      const read = readProperty(file, resource, 'properties.disableLocalAuth');
      if (read.state === 'unknown' || (read.state === 'known' && read.value === true)) continue;
      const search = isType(resource, AI_SEARCH);
      // AI Search rejects authOptions together with disableLocalAuth: true, so the fix removes it.
      const authOptions = search ? getProperty(resource.body, 'properties.authOptions') : undefined;
      const edits = () =>
        authOptions && read.state === 'missing' && read.container === authOptions.parent
          ? [{ range: rangeOf(file, authOptions), newText: 'disableLocalAuth: true' }]
          : [setValueEdit(file, read, true), ...(authOptions ? [removePropertyEdit(file, authOptions)] : [])];
      const what = search ? `AI Search service '${resource.symbolicName}'` : `Azure AI account '${resource.symbolicName}'`;
      ctx.report({
        range: findingRange(file, read, resource),
        decision: decisionOf(read),
        message:
          `${what} accepts API keys: disableLocalAuth is ${describeValue(read)}. ` +
          'Set disableLocalAuth to true and give callers a Microsoft Entra ID role (managed identity) instead of a key.',
        fixes: () => fixes(fixOf('Disable key authentication: set disableLocalAuth to true', true, ...edits())),
      });
    }
  },
};
