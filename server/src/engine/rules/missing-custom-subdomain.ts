import { fixes, fixOf, nameExpressionText, setExpressionEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, checkedResources, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'missing-custom-subdomain',
  feature: 'authentication',
  languages: ['bicep'],
  severity: 'warning',
  docs: {
    summary: 'An Azure AI account has no custom subdomain (properties.customSubDomainName), which Microsoft Entra ID needs.',
    why:
      'The most secure authentication method is managed roles in Microsoft Entra ID, and Entra ID tokens only work on a custom-subdomain endpoint: ' +
      'regional endpoints do not support Microsoft Entra authentication. Virtual network rules and private endpoints need the custom subdomain too.',
    fix: "Add custom subdomain: insert customSubDomainName with the account's name expression (it must be globally unique and cannot be changed later).",
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, AI_ACCOUNT)) {
      const read = readProperty(file, resource, 'properties.customSubDomainName');
      if (read.state === 'unknown' || (read.state === 'known' && read.value !== null && read.value !== '')) continue;
      const name = nameExpressionText(file, resource);
      ctx.report({
        range: findingRange(file, read, resource),
        decision: decisionOf(read),
        message:
          `Azure AI account '${resource.symbolicName}' has no customSubDomainName: Microsoft Entra ID authentication, network rules and private endpoints need a custom subdomain. ` +
          'Set customSubDomainName (globally unique, usually the account name; it cannot be changed later).',
        fixes: () => fixes(name === undefined ? undefined : fixOf('Add custom subdomain: set customSubDomainName to the account name', true, setExpressionEdit(file, read, name))),
      });
    }
  },
};
