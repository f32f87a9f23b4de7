import type { BicepContext, Rule } from '../rule.js';
import { addParamsEdit, fixes, fixOf, setExpressionEdit, setValueEdit, uniqueParamName } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, AI_SEARCH, checkedResources, isType, kindOf, sameEnum, type CheckedResource, typesPrefilter } from '../bicep/azure/checked-resources.js';

/**
 * Kinds that store no customer data at rest, so CMK does not apply: the kinds Azure Policy
 * "Cognitive Services accounts should enable data encryption with a customer-managed key" excludes.
 */
// prettier-ignore
const NO_CUSTOMER_DATA_KINDS = new Set(
  [
    'CognitiveServices', 'ContentSafety', 'ImmersiveReader', 'HealthInsights', 'LUIS.Authoring', 'LUIS', 'QnAMaker', 'QnAMaker.V2',
    'AIServices', 'MetricsAdvisor', 'SpeechTranslation', 'Internal.AllInOne', 'ConversationalLanguageUnderstanding', 'knowledge',
    'TranscriptionIntelligence', 'HealthDecisionSupport',
  ].map((k) => k.toLowerCase()),
);

function checkAccount(ctx: BicepContext, resource: CheckedResource): void {
  const { file } = ctx;
  const kind = kindOf(file, resource);
  if (kind === undefined || NO_CUSTOMER_DATA_KINDS.has(kind.toLowerCase())) return;
  const keySource = readProperty(file, resource, 'properties.encryption.keySource');
  if (keySource.state === 'unknown' || (keySource.state === 'known' && sameEnum(keySource.value, 'Microsoft.KeyVault'))) return;
  const encryption = readProperty(file, resource, 'properties.encryption');
  ctx.report({
    range: findingRange(file, keySource, resource),
    decision: decisionOf(keySource),
    message:
      `Azure AI account '${resource.symbolicName}' (kind '${kind}') stores customer data encrypted with Microsoft-managed keys: encryption.keySource is ${describeValue(keySource)}. ` +
      "For an extra layer of encryption under your control, set keySource to 'Microsoft.KeyVault' with a key from your Azure Key Vault.",
    fixes: () => {
      const vaultUri = uniqueParamName(file, `${resource.symbolicName}CmkKeyVaultUri`);
      const keyName = uniqueParamName(file, `${resource.symbolicName}CmkKeyName`);
      // The new params have no default: a deployment without the Key Vault fails clearly instead of deploying a broken reference.
      const encryptionText = `{\n  keySource: 'Microsoft.KeyVault'\n  keyVaultProperties: {\n    keyVaultUri: ${vaultUri}\n    keyName: ${keyName}\n  }\n}`;
      const encryptionEdit = setExpressionEdit(file, encryption, encryptionText);
      return fixes(
        encryptionEdit &&
          fixOf(
            'Use a customer-managed key: add an encryption block and params for the Key Vault URI and key name',
            false,
            addParamsEdit(file, [
              { name: vaultUri, type: 'string', description: `URI of the Key Vault holding the customer-managed key for ${resource.symbolicName} (https://<vault>.vault.azure.net/).` },
              { name: keyName, type: 'string', description: `Name of the customer-managed key for ${resource.symbolicName} in that Key Vault.` },
            ]),
            encryptionEdit,
          ),
      );
    },
  });
}

function checkSearch(ctx: BicepContext, resource: CheckedResource): void {
  const { file } = ctx;
  const enforcement = readProperty(file, resource, 'properties.encryptionWithCmk.enforcement');
  if (enforcement.state === 'unknown' || (enforcement.state === 'known' && sameEnum(enforcement.value, 'Enabled'))) return;
  ctx.report({
    range: findingRange(file, enforcement, resource),
    decision: decisionOf(enforcement),
    message:
      `AI Search service '${resource.symbolicName}' does not enforce customer-managed keys: encryptionWithCmk.enforcement is ${describeValue(enforcement)}. ` +
      "Set it to 'Enabled' so every index and synonym map must be encrypted with a key from your Azure Key Vault.",
    fixes: () => fixes(fixOf("Enforce customer-managed keys: set encryptionWithCmk.enforcement to 'Enabled'", false, setValueEdit(file, enforcement, 'Enabled'))),
  });
}

export const rule: Rule = {
  id: 'missing-cmk',
  feature: 'cmk',
  languages: ['bicep'],
  severity: 'info',
  docs: {
    summary: 'An Azure AI account (of a kind that stores customer data) or AI Search service is not encrypted with a customer-managed key.',
    why:
      'Customer-managed keys are for services that store customer data at rest: the data is already double-encrypted, and CMK adds another layer ' +
      'with keys you manage yourself in Azure Key Vault.',
    fix: 'Suggestion only: add an encryption block wired to new params for the Key Vault URI and key name (AI accounts), or enforce CMK (AI Search).',
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT, AI_SEARCH),
  bicep(ctx) {
    for (const resource of checkedResources(ctx.file, AI_ACCOUNT, AI_SEARCH)) {
      if (isType(resource, AI_ACCOUNT)) checkAccount(ctx, resource);
      else checkSearch(ctx, resource);
    }
  },
};
