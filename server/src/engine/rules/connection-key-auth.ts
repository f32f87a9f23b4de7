import { fixOf, fixes, removePropertyEdit, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, propertyAt, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT_CONNECTION, AI_PROJECT_CONNECTION, checkedResources, isType, ML_WORKSPACE_CONNECTION, type CheckedResource, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { BicepContext, Rule } from '../rule.js';

/** Connection auth types that hand every user of the connection one shared key (docs/rules/connection-key-auth.md). */
const KEY_AUTH_TYPES = new Set(['apikey', 'accesskey', 'customkeys', 'accountkey']);

const TYPES = [AI_ACCOUNT_CONNECTION, AI_PROJECT_CONNECTION, ML_WORKSPACE_CONNECTION];

/** Who shares the connection, for the message. */
function ownerText(resource: CheckedResource): string {
  if (isType(resource, AI_PROJECT_CONNECTION)) return 'everyone who uses the project';
  if (isType(resource, AI_ACCOUNT_CONNECTION)) return 'every project of the Azure AI Foundry account';
  return 'every project and user of the machine learning workspace';
}

function check(ctx: BicepContext, resource: CheckedResource): void {
  const { file } = ctx;
  const authType = readProperty(file, resource, 'properties.authType');
  if (authType.state !== 'known' || typeof authType.value !== 'string' || !KEY_AUTH_TYPES.has(authType.value.toLowerCase())) return;
  const shared = readProperty(file, resource, 'properties.isSharedToAll');
  const sharedText = shared.state === 'known' && shared.value === true ? ' isSharedToAll is true, so every user of the account can use it too.' : '';
  const credentials = propertyAt(file, resource, 'properties.credentials');
  ctx.report({
    range: findingRange(file, authType, resource),
    decision: decisionOf(authType),
    message:
      `Connection '${resource.symbolicName}' authenticates with a shared key (authType is ${describeValue(authType)}): ${ownerText(resource)} reaches its target with that one key, ` +
      `which is stored in the connection and keeps working until it is rotated.${sharedText} ` +
      "Use Microsoft Entra ID (authType 'AAD') and give the project's managed identity a role on the target.",
    fixes: () =>
      fixes(
        fixOf(
          credentials ? "Use Microsoft Entra ID: set authType to 'AAD' and remove credentials" : "Use Microsoft Entra ID: set authType to 'AAD'",
          false,
          setValueEdit(file, authType, 'AAD'),
          ...(credentials ? [removePropertyEdit(file, credentials)] : []),
        ),
      ),
  });
}

export const rule: Rule = {
  id: 'connection-key-auth',
  feature: 'authentication',
  languages: ['bicep'],
  severity: 'warning',
  docs: {
    summary: 'An Azure AI Foundry or machine learning connection reaches its target with a shared key (authType ApiKey, AccessKey, CustomKeys or AccountKey).',
    why:
      'A key-based connection stores one key that every project (with isSharedToAll, every user of the account) uses to reach the target: nobody is ' +
      'authenticated as themselves, access cannot be scoped or audited per user, and the key keeps working until it is rotated. ' +
      'The most secure method is managed roles in Microsoft Entra ID.',
    fix: "Use Microsoft Entra ID (suggestion): set authType to 'AAD' and remove credentials, then give the project's managed identity a role on the target.",
  },
  bicepPrefilter: typesPrefilter(...TYPES),
  bicep(ctx) {
    for (const resource of checkedResources(ctx.file, ...TYPES)) check(ctx, resource);
  },
};
