import { fixes, fixOf, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, AI_SEARCH, checkedResources, ML_WORKSPACE, resourceLabel, sameEnum, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'missing-managed-identity',
  feature: 'authentication',
  languages: ['bicep'],
  severity: 'info',
  docs: {
    summary: "An Azure AI account, AI Search service or ML workspace has no managed identity (no identity, or type 'None').",
    why:
      'The most secure authentication method is managed roles in Microsoft Entra ID. A resource without a managed identity has to reach ' +
      'Key Vault, storage and other services with keys or connection strings, and cannot use customer-managed keys.',
    fix: "Add system-assigned identity: insert identity: { type: 'SystemAssigned' } (or set type to 'SystemAssigned').",
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT, AI_SEARCH, ML_WORKSPACE),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, AI_ACCOUNT, AI_SEARCH, ML_WORKSPACE)) {
      const identity = readProperty(file, resource, 'identity');
      const noIdentity = identity.state === 'missing' || (identity.state === 'known' && identity.value === null);
      const read = noIdentity ? identity : readProperty(file, resource, 'identity.type');
      // `type: null` or `''` (what registry modules make of `managedIdentities: { systemAssigned: false }`) is no identity, like 'None'.
      if (read.state === 'unknown' || (!noIdentity && read.state === 'known' && read.value !== null && read.value !== '' && !sameEnum(read.value, 'None'))) continue;
      const state = noIdentity ? 'no identity' : `identity.type ${read.state === 'known' ? `is ${describeValue(read)}` : 'not set'}`;
      const edit = () => (noIdentity ? setValueEdit(file, identity, { type: 'SystemAssigned' }) : setValueEdit(file, read, 'SystemAssigned'));
      ctx.report({
        range: findingRange(file, read, resource),
        decision: decisionOf(read),
        message:
          `${resourceLabel(resource)} has ${state}. Give it a system-assigned managed identity so it can use Microsoft Entra ID roles ` +
          'instead of keys to reach Key Vault, storage and other services.',
        fixes: () => fixes(fixOf("Add system-assigned identity: set identity.type to 'SystemAssigned'", true, edit())),
      });
    }
  },
};
