import { fixes, fixOf, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, checkedResources, isType, ML_WORKSPACE, sameEnum, type CheckedResource, typesPrefilter, workspaceKindOf } from '../bicep/azure/checked-resources.js';
import type { BicepContext, Rule } from '../rule.js';

/** The managed network mode that lets a hub's computes reach only the outbound rules it lists. */
const APPROVED_ONLY = 'AllowOnlyApprovedOutbound';

/**
 * ML workspaces of kind Hub or Default (no kind written): a managed network that is missing, 'Disabled' or
 * 'AllowInternetOutbound' lets their computes send data anywhere. A project inherits its hub's network.
 */
function checkWorkspace(ctx: BicepContext, resource: CheckedResource): void {
  const { file } = ctx;
  const kind = workspaceKindOf(file, resource);
  if (kind !== 'hub' && kind !== 'default') return;
  const mode = readProperty(file, resource, 'properties.managedNetwork.isolationMode');
  if (mode.state === 'unknown' || (mode.state === 'known' && sameEnum(mode.value, APPROVED_ONLY))) return;
  const what = kind === 'hub' ? 'Machine learning hub' : 'Machine learning workspace';
  const state = mode.state === 'known' ? `managedNetwork.isolationMode is ${describeValue(mode)}` : 'managedNetwork.isolationMode is not set';
  ctx.report({
    range: findingRange(file, mode, resource),
    decision: decisionOf(mode),
    message:
      `${what} '${resource.symbolicName}' lets its compute send data to any host: ${state}. ` +
      `Set managedNetwork.isolationMode to '${APPROVED_ONLY}' and add outbound rules for the hosts it must reach (data loss prevention).`,
    fixes: () => fixes(fixOf(`Restrict outbound access: set managedNetwork.isolationMode to '${APPROVED_ONLY}'`, true, setValueEdit(file, mode, APPROVED_ONLY))),
  });
}

export const rule: Rule = {
  id: 'unrestricted-outbound',
  feature: 'dlp',
  languages: ['bicep'],
  severity: 'info',
  docs: {
    summary: 'An Azure AI account or ML hub may send data to any host (restrictOutboundNetworkAccess is not true or no allowedFqdnList; managed network not AllowOnlyApprovedOutbound).',
    why:
      'Data loss prevention lets an administrator decide which URIs the resource may take as input, so that sensitive data in URLs cannot be ' +
      "exfiltrated through the service. Without it, anyone who can call the account can make it fetch from any host, and an ML hub's computes can send data anywhere.",
    fix: "Restrict outbound access: set restrictOutboundNetworkAccess to true and write allowedFqdnList (an existing list is kept; an empty list allows no host); on ML hubs set managedNetwork.isolationMode to 'AllowOnlyApprovedOutbound'.",
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT, ML_WORKSPACE),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, AI_ACCOUNT, ML_WORKSPACE)) {
      if (isType(resource, ML_WORKSPACE)) {
        checkWorkspace(ctx, resource);
        continue;
      }
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
