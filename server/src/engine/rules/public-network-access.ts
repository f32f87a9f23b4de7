import type { BicepFile } from '../bicep/index.js';
import type { BicepContext, Rule } from '../rule.js';
import { fixes, fixOf, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty, type PropertyRead } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, AI_SEARCH, checkedResources, ML_WORKSPACE, sameEnum, type CheckedResource, typesPrefilter } from '../bicep/azure/checked-resources.js';

const DENY_TITLE = "Deny by default: set networkAcls.defaultAction to 'Deny'";

/** Lands on `publicNetworkAccess` when it is written, else on the resource (docs/rules/public-network-access.md). */
function accessRange(file: BicepFile, access: PropertyRead, resource: CheckedResource) {
  return access.state === 'known' ? findingRange(file, access, resource) : resource.nameRange;
}

/** AI Search before 2025-05-01 spells the enum in lower case; keep the spelling the file uses. */
function disabledFor(access: PropertyRead, resource: CheckedResource): string {
  if (access.state === 'known' && typeof access.value === 'string') return access.value === access.value.toLowerCase() ? 'disabled' : 'Disabled';
  return resource.apiVersion !== undefined && resource.apiVersion < '2025-05-01' ? 'disabled' : 'Disabled';
}

function checkAccount(ctx: BicepContext, resource: CheckedResource): void {
  const { file } = ctx;
  const access = readProperty(file, resource, 'properties.publicNetworkAccess');
  if (access.state === 'unknown' || (access.state === 'known' && sameEnum(access.value, 'Disabled'))) return;
  const action = readProperty(file, resource, 'properties.networkAcls.defaultAction');
  if (action.state === 'unknown' || (action.state === 'known' && sameEnum(action.value, 'Deny'))) return;

  const acls = readProperty(file, resource, 'properties.networkAcls');
  const deny = () => (acls.state === 'missing' ? setValueEdit(file, acls, { defaultAction: 'Deny', ipRules: [], virtualNetworkRules: [] }) : setValueEdit(file, action, 'Deny'));
  const accessText = access.state === 'known' ? `publicNetworkAccess is ${describeValue(access)}` : 'publicNetworkAccess is not set';
  const aclText = action.state === 'known' ? `networkAcls.defaultAction is ${describeValue(action)}` : 'no networkAcls.defaultAction';
  ctx.report({
    range: accessRange(file, access, resource),
    decision: decisionOf(access) ?? decisionOf(action),
    message:
      `Azure AI account '${resource.symbolicName}' accepts calls from any network: ${accessText} and ${aclText}. ` +
      `Set networkAcls.defaultAction to 'Deny' and list the allowed IP ranges and subnets, or set publicNetworkAccess to 'Disabled' and use private endpoints.`,
    fixes: () => fixes(fixOf(DENY_TITLE, true, deny()), fixOf("Disable public network access: set publicNetworkAccess to 'Disabled'", false, setValueEdit(file, access, 'Disabled'))),
  });
}

function checkSearch(ctx: BicepContext, resource: CheckedResource): void {
  const { file } = ctx;
  const access = readProperty(file, resource, 'properties.publicNetworkAccess');
  if (access.state === 'unknown' || (access.state === 'known' && sameEnum(access.value, 'disabled'))) return;
  const ipRules = readProperty(file, resource, 'properties.networkRuleSet.ipRules');
  if (ipRules.state === 'unknown' || (ipRules.state === 'known' && Array.isArray(ipRules.value) && ipRules.value.length > 0)) return;
  const disabled = disabledFor(access, resource);
  ctx.report({
    range: accessRange(file, access, resource),
    decision: decisionOf(access) ?? decisionOf(ipRules),
    message:
      `AI Search service '${resource.symbolicName}' accepts calls from any network: publicNetworkAccess is ${describeValue(access)} and networkRuleSet has no ipRules. ` +
      `Set publicNetworkAccess to '${disabled}' and use private endpoints, or list the allowed IP ranges in networkRuleSet.ipRules.`,
    fixes: () => fixes(fixOf(`Disable public network access: set publicNetworkAccess to '${disabled}'`, true, setValueEdit(file, access, disabled))),
  });
}

function checkWorkspace(ctx: BicepContext, resource: CheckedResource): void {
  const { file } = ctx;
  const access = readProperty(file, resource, 'properties.publicNetworkAccess');
  if (access.state === 'unknown' || (access.state === 'known' && sameEnum(access.value, 'Disabled'))) return;
  ctx.report({
    range: accessRange(file, access, resource),
    decision: decisionOf(access),
    message:
      `Machine learning workspace '${resource.symbolicName}' accepts calls from any network: publicNetworkAccess is ${describeValue(access)}. ` +
      `Set publicNetworkAccess to 'Disabled' and reach it through private endpoints.`,
    fixes: () => fixes(fixOf("Disable public network access: set publicNetworkAccess to 'Disabled'", true, setValueEdit(file, access, 'Disabled'))),
  });
}

export const rule: Rule = {
  id: 'public-network-access',
  feature: 'virtual-networks',
  languages: ['bicep'],
  severity: 'warning',
  docs: {
    summary: 'An Azure AI account, AI Search service or ML workspace accepts traffic from all networks.',
    why:
      'Virtual networks let you specify which endpoints can make API calls to your resource; the service then rejects calls from devices outside your network. ' +
      'Without network rules, anyone on the internet who holds a key or token can reach the resource.',
    fix: "Deny by default (networkAcls.defaultAction 'Deny' with explicit IP and subnet rules) on AI accounts; publicNetworkAccess 'Disabled' on AI Search and ML workspaces.",
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT, AI_SEARCH, ML_WORKSPACE),
  bicep(ctx) {
    for (const resource of checkedResources(ctx.file, AI_ACCOUNT, AI_SEARCH, ML_WORKSPACE)) {
      const type = resource.type!.toLowerCase();
      if (type === AI_ACCOUNT.toLowerCase()) checkAccount(ctx, resource);
      else if (type === AI_SEARCH.toLowerCase()) checkSearch(ctx, resource);
      else checkWorkspace(ctx, resource);
    }
  },
};
