import { getOwnProperty, rangeOf, type BicepFile, type BicepValue, type Expression } from '../bicep/index.js';
import type { BicepContext, Rule } from '../rule.js';
import type { Range, TextEdit } from '../types.js';
import type { Decision } from '../bicep/bindings.js';
import { fixes, fixOf, removeArrayItemEdit, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty, type PropertyRead } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, AI_SEARCH, checkedResources, ML_WORKSPACE, sameEnum, type CheckedResource, typesPrefilter, workspaceKindOf } from '../bicep/azure/checked-resources.js';

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

/** IP rule values that admit every address: such a rule is no rule (docs/rules/public-network-access.md). */
const ALLOW_ALL = new Set(['0.0.0.0/0', '0.0.0.0', '*', '::/0']);

interface AllowAllRule {
  /** The value as written (`'0.0.0.0/0'`). */
  value: string;
  range: Range;
  /** The array item, when the rule is written as an item of an array literal (for the removal fix). */
  item: Expression | undefined;
  /** How many rules the list has. */
  count: number;
  /** Set when a module's caller or a parameter file decides the list. */
  decision: Decision | undefined;
  /** The list without its allow-all entries, and the read that writes it (for a caller, which passes the list whole). */
  without: BicepValue[];
  read: PropertyRead;
}

const isAllowAll = (rule: BicepValue): boolean => {
  const value = rule !== null && typeof rule === 'object' && !Array.isArray(rule) ? Object.entries(rule).find(([k]) => k.toLowerCase() === 'value')?.[1] : rule;
  return typeof value === 'string' && ALLOW_ALL.has(value.trim());
};

/** Removes the allow-all entry: the item where the list is written, or the whole list set anew where a caller decides it. */
function removeRuleEdit(file: BicepFile, rule: AllowAllRule): TextEdit | undefined {
  // One allow-all entry in a list written here: remove just its item (several: write the list anew).
  if (rule.item && !rule.decision && rule.without.length === rule.count - 1) return removeArrayItemEdit(file, rule.item);
  return setValueEdit(file, rule.read, rule.without);
}

/** The first `ipRules` entry of `path` that admits every address, and where it is written. */
function allowAllRule(file: BicepFile, resource: CheckedResource, path: string): AllowAllRule | undefined {
  const read = readProperty(file, resource, path);
  if (read.state !== 'known' || !Array.isArray(read.value)) return undefined;
  const index = read.value.findIndex(isAllowAll);
  if (index < 0) return undefined;
  const entry = read.value[index]!;
  const value = typeof entry === 'string' ? entry : String(Object.entries(entry as object).find(([k]) => k.toLowerCase() === 'value')![1]);
  // The entry's own node, when the list is an array literal without spreads (else indices do not map to items).
  const array = read.literal?.kind === 'Array' && !read.literal.items.some((i) => i.kind === 'Spread') ? read.literal : undefined;
  const item = array?.items[index] as Expression | undefined;
  const valueNode = item?.kind === 'Object' ? getOwnProperty(item, 'value')?.value : item;
  const range = read.via || !valueNode ? findingRange(file, read, resource) : rangeOf(file, valueNode);
  return { value, range, item, count: read.value.length, decision: decisionOf(read), without: read.value.filter((r) => !isAllowAll(r)), read };
}

function checkAccount(ctx: BicepContext, resource: CheckedResource): void {
  const { file } = ctx;
  const access = readProperty(file, resource, 'properties.publicNetworkAccess');
  if (access.state === 'unknown' || (access.state === 'known' && sameEnum(access.value, 'Disabled'))) return;
  const action = readProperty(file, resource, 'properties.networkAcls.defaultAction');
  if (action.state === 'unknown') return;
  if (action.state === 'known' && sameEnum(action.value, 'Deny')) {
    const rule = allowAllRule(file, resource, 'properties.networkAcls.ipRules');
    if (!rule) return;
    ctx.report({
      range: rule.range,
      decision: rule.decision ?? decisionOf(access) ?? decisionOf(action),
      message:
        `Azure AI account '${resource.symbolicName}' accepts calls from any network: networkAcls.defaultAction is 'Deny' but the IP rule '${rule.value}' admits every address. ` +
        `Remove that rule and list the allowed IP ranges and subnets, or set publicNetworkAccess to 'Disabled' and use private endpoints.`,
      fixes: () =>
        fixes(
          fixOf('Remove the IP rule that admits every address', true, removeRuleEdit(file, rule)),
          fixOf("Disable public network access: set publicNetworkAccess to 'Disabled'", false, setValueEdit(file, access, 'Disabled')),
        ),
    });
    return;
  }

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
  // A network security perimeter decides who may call a service that is 'SecuredByPerimeter'.
  if (access.state === 'unknown' || (access.state === 'known' && (sameEnum(access.value, 'disabled') || sameEnum(access.value, 'SecuredByPerimeter')))) return;
  const ipRules = readProperty(file, resource, 'properties.networkRuleSet.ipRules');
  if (ipRules.state === 'unknown') return;
  const disabled = disabledFor(access, resource);
  if (ipRules.state === 'known' && Array.isArray(ipRules.value) && ipRules.value.length > 0) {
    const rule = allowAllRule(file, resource, 'properties.networkRuleSet.ipRules');
    if (!rule) return;
    ctx.report({
      range: rule.range,
      decision: rule.decision ?? decisionOf(access),
      message:
        `AI Search service '${resource.symbolicName}' accepts calls from any network: the IP rule '${rule.value}' in networkRuleSet.ipRules admits every address. ` +
        `Set publicNetworkAccess to '${disabled}' and use private endpoints, or list only the allowed IP ranges.`,
      fixes: () =>
        fixes(
          fixOf(`Disable public network access: set publicNetworkAccess to '${disabled}'`, true, setValueEdit(file, access, disabled)),
          // Removing the only rule would leave the service open to every network.
          rule.without.length > 0 ? fixOf('Remove the IP rule that admits every address', false, removeRuleEdit(file, rule)) : undefined,
        ),
    });
    return;
  }
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
  // A hub's project inherits the hub's network settings: the hub is checked instead.
  if (workspaceKindOf(file, resource) === 'project') return;
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
