import { fixes, fixOf, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, checkedResources, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'unrestricted-outbound',
  feature: 'dlp',
  languages: ['bicep'],
  severity: 'info',
  docs: {
    summary: 'An Azure AI account may send data to any URL (restrictOutboundNetworkAccess is not true, or no allowedFqdnList).',
    why:
      'Data loss prevention lets an administrator decide which URIs the resource may take as input, so that sensitive data in URLs cannot be ' +
      'exfiltrated through the service. Without it, anyone who can call the account can make it fetch from any host.',
    fix: 'Restrict outbound access: set restrictOutboundNetworkAccess to true and write allowedFqdnList (an existing list is kept; an empty list allows no host).',
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, AI_ACCOUNT)) {
      const restrict = readProperty(file, resource, 'properties.restrictOutboundNetworkAccess');
      if (restrict.state === 'unknown') continue;
      const list = readProperty(file, resource, 'properties.allowedFqdnList');
      if (restrict.state === 'known' && restrict.value === true) {
        // An explicit list, even `[]` (no host allowed), is a decision; only a missing list is flagged.
        if (list.state !== 'missing') continue;
        ctx.report({
          range: resource.nameRange,
          message:
            `Azure AI account '${resource.symbolicName}' restricts outbound access but has no allowedFqdnList. ` +
            'Write allowedFqdnList with the hosts it may fetch from (an empty list allows none).',
          fixes: () => fixes(fixOf('Restrict outbound access: add allowedFqdnList', true, setValueEdit(file, list, []))),
        });
        continue;
      }
      const state = restrict.state === 'known' ? `restrictOutboundNetworkAccess is ${describeValue(restrict)}` : 'restrictOutboundNetworkAccess is not set';
      const properties = readProperty(file, resource, 'properties');
      // Without a properties object both keys go into one new block, not two.
      const edits = () =>
        properties.state === 'missing'
          ? [setValueEdit(file, properties, { restrictOutboundNetworkAccess: true, allowedFqdnList: [] })]
          : [setValueEdit(file, restrict, true), ...(list.state === 'missing' ? [setValueEdit(file, list, [])] : [])];
      ctx.report({
        range: findingRange(file, restrict, resource),
        decision: decisionOf(restrict),
        message:
          `Azure AI account '${resource.symbolicName}' may send data to any host: ${state}. ` +
          'Set restrictOutboundNetworkAccess to true and list the hosts it may fetch from in allowedFqdnList (data loss prevention).',
        fixes: () => fixes(fixOf('Restrict outbound access: set restrictOutboundNetworkAccess to true and add allowedFqdnList', true, ...edits())),
      });
    }
  },
};
