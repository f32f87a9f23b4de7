import { getPropertyValue } from '../bicep/index.js';
import { fixes, fixOf, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { checkedResources, configName, isType, resourceLabel, STORAGE_ACCOUNT, WEB_SITE, WEB_SITE_CONFIG, type CheckedResource, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { BicepContext, Rule } from '../rule.js';

function checkSetting(ctx: BicepContext, resource: CheckedResource, path: string, weak: readonly string[], secure: string): void {
  const read = readProperty(ctx.file, resource, path);
  if (read.state !== 'known' || typeof read.value !== 'string' || !weak.includes(read.value.toLowerCase())) return;
  const key = path.split('.').pop()!;
  ctx.report({
    range: findingRange(ctx.file, read, resource),
    decision: decisionOf(read),
    message:
      `${resourceLabel(resource)} accepts TLS below 1.2: ${key} is ${describeValue(read)}. ` +
      `Azure AI services enforce TLS 1.2; set ${key} to '${secure}' so clients and keys never travel over TLS 1.0/1.1.`,
    fixes: () => fixes(fixOf(`Require TLS 1.2: set ${key} to '${secure}'`, true, setValueEdit(ctx.file, read, secure))),
  });
}

const OLD_STORAGE_TLS = ['tls1_0', 'tls1_1'];
const OLD_SITE_TLS = ['1.0', '1.1'];

export const rule: Rule = {
  id: 'min-tls-version',
  feature: 'tls',
  languages: ['bicep'],
  severity: 'error',
  docs: {
    summary: 'A storage account or web app next to the AI services allows TLS 1.0/1.1 (minimumTlsVersion, minTlsVersion, scmMinTlsVersion).',
    why:
      'All Azure AI services endpoints exposed over HTTP enforce TLS 1.2. Storage and web apps that hold the data, keys and calls of the AI ' +
      'workload should not accept weaker protocols.',
    fix: "Require TLS 1.2: set 'TLS1_2' (storage) or '1.2' (web apps).",
  },
  bicepPrefilter: typesPrefilter(STORAGE_ACCOUNT, WEB_SITE, WEB_SITE_CONFIG),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, STORAGE_ACCOUNT, WEB_SITE, WEB_SITE_CONFIG)) {
      if (isType(resource, STORAGE_ACCOUNT)) {
        checkSetting(ctx, resource, 'properties.minimumTlsVersion', OLD_STORAGE_TLS, 'TLS1_2');
      } else if (isType(resource, WEB_SITE)) {
        checkSetting(ctx, resource, 'properties.siteConfig.minTlsVersion', OLD_SITE_TLS, '1.2');
        checkSetting(ctx, resource, 'properties.siteConfig.scmMinTlsVersion', OLD_SITE_TLS, '1.2');
      } else {
        // Only sites/config named 'web' (`'web'` or `'<site>/web'`) carries the SiteConfig at properties; any
        // other config (`appsettings`, `logs`, a name that cannot be known) has no TLS settings.
        if (configName(file, getPropertyValue(resource.body, 'name')) !== 'web') continue;
        checkSetting(ctx, resource, 'properties.minTlsVersion', OLD_SITE_TLS, '1.2');
        checkSetting(ctx, resource, 'properties.scmMinTlsVersion', OLD_SITE_TLS, '1.2');
      }
    }
  },
};
