import { fixes, fixOf, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { checkedResources, isType, resourceLabel, STORAGE_ACCOUNT, WEB_SITE, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { Rule } from '../rule.js';

export const rule: Rule = {
  id: 'https-only',
  feature: 'tls',
  languages: ['bicep'],
  severity: 'error',
  docs: {
    summary: 'A storage account (supportsHttpsTrafficOnly: false) or web app (httpsOnly: false) accepts plain HTTP.',
    why: 'All Azure AI services endpoints exposed over HTTP enforce TLS 1.2. Storage and web apps in the same workload that accept plain HTTP send ' + 'data, keys and tokens unencrypted.',
    fix: 'Require HTTPS: set supportsHttpsTrafficOnly / httpsOnly to true.',
  },
  bicepPrefilter: typesPrefilter(STORAGE_ACCOUNT, WEB_SITE),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, STORAGE_ACCOUNT, WEB_SITE)) {
      const key = isType(resource, STORAGE_ACCOUNT) ? 'supportsHttpsTrafficOnly' : 'httpsOnly';
      const read = readProperty(file, resource, `properties.${key}`);
      if (read.state !== 'known' || read.value !== false) continue;
      ctx.report({
        range: findingRange(file, read, resource),
        decision: decisionOf(read),
        message: `${resourceLabel(resource)} accepts plain HTTP: ${key} is ${describeValue(read)}. Set ${key} to true so every connection uses TLS.`,
        fixes: () => fixes(fixOf(`Require HTTPS: set ${key} to true`, true, setValueEdit(file, read, true))),
      });
    }
  },
};
