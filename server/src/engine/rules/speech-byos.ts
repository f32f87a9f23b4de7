import { addParamsEdit, fixes, fixOf, setExpressionEdit, uniqueParamName } from '../bicep/azure/fix-builders.js';
import { decisionOf, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, checkedResources, kindOf, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'speech-byos',
  feature: 'byos',
  languages: ['bicep'],
  severity: 'info',
  docs: {
    summary: 'A Speech account (kind SpeechServices) keeps its customization and logging data in Microsoft-managed storage (no userOwnedStorage).',
    why:
      'The Speech service does not support Customer Lockbox. Bring your own storage (BYOS) stores its service-specific data in your own ' +
      'storage account, which gives data controls similar to Customer Lockbox.',
    fix: 'Suggestion only: insert userOwnedStorage wired to a new param for the storage account resource ID.',
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, AI_ACCOUNT)) {
      const kind = kindOf(file, resource);
      if (kind?.toLowerCase() !== 'speechservices') continue;
      const storage = readProperty(file, resource, 'properties.userOwnedStorage');
      if (storage.state === 'unknown') continue;
      if (storage.state === 'known' && Array.isArray(storage.value) && storage.value.length > 0) continue;
      ctx.report({
        range: findingRange(file, storage, resource),
        decision: decisionOf(storage),
        message:
          `Speech account '${resource.symbolicName}' has no userOwnedStorage: Speech does not support Customer Lockbox, and its customization and logging data stay in Microsoft-managed storage. ` +
          'Bring your own storage (BYOS) to keep that data in a storage account you control.',
        fixes: () => {
          const storageId = uniqueParamName(file, `${resource.symbolicName}ByosStorageAccountId`);
          return fixes(
            fixOf(
              'Bring your own storage: add userOwnedStorage and a param for the storage account resource ID',
              false,
              addParamsEdit(file, [
                { name: storageId, type: 'string', description: `Resource ID of the storage account that keeps the data of ${resource.symbolicName} (bring your own storage).` },
              ]),
              setExpressionEdit(file, storage, `[\n  {\n    resourceId: ${storageId}\n  }\n]`),
            ),
          );
        },
      });
    }
  },
};
