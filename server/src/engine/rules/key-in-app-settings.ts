import { getPropertyValue, properties, rangeOf, walk, type BicepFile, type Expression, type ObjectProperty } from '../bicep/index.js';
import { keyOwnerService, secretSources } from '../bicep/azure/secret-sources.js';
import { checkedResources, configName, CONTAINER_APP, isType, WEB_SITE, WEB_SITE_CONFIG, typesPrefilter } from '../bicep/azure/checked-resources.js';
import type { BicepContext, Rule } from '../rule.js';
import { hasEscapedText, lowerCaseOf } from '../prefilter.js';

/** Functions that return keys that work on their own; query keys only read an index. */
const KEY_FUNCTIONS = ['listKeys', 'listAdminKeys'];

/** `value` properties below `root` (app settings `{ name, value }`, container env `{ name, value }`). */
function valueProperties(root: Expression | undefined): ObjectProperty[] {
  const found: ObjectProperty[] = [];
  if (root)
    walk(root, (node) => {
      if (node.kind === 'Property' && node.name?.toLowerCase() === 'value') found.push(node);
    });
  return found;
}

/** Every app setting / env value of web apps, their `appsettings` config, and container apps. */
function settingValues(file: BicepFile): Array<{ property: ObjectProperty; value: Expression; where: string }> {
  const found: Array<{ property: ObjectProperty; value: Expression; where: string }> = [];
  for (const resource of checkedResources(file, WEB_SITE, WEB_SITE_CONFIG, CONTAINER_APP)) {
    if (isType(resource, WEB_SITE)) {
      for (const p of valueProperties(getPropertyValue(resource.body, 'properties.siteConfig.appSettings')))
        found.push({ property: p, value: p.value, where: `app settings of '${resource.symbolicName}'` });
    } else if (isType(resource, WEB_SITE_CONFIG)) {
      const settings = getPropertyValue(resource.body, 'properties');
      if (configName(file, getPropertyValue(resource.body, 'name')) !== 'appsettings' || settings?.kind !== 'Object') continue;
      for (const p of properties(settings)) found.push({ property: p, value: p.value, where: `app settings of '${resource.symbolicName}'` });
    } else {
      const containers = getPropertyValue(resource.body, 'properties.template.containers');
      if (!containers) continue;
      walk(containers, (node) => {
        if (node.kind !== 'Property' || node.name?.toLowerCase() !== 'env') return;
        for (const p of valueProperties(node.value)) found.push({ property: p, value: p.value, where: `container env of '${resource.symbolicName}'` });
        return false;
      });
    }
  }
  return found;
}

function check(ctx: BicepContext): void {
  const { file } = ctx;
  for (const setting of settingValues(file)) {
    for (const source of secretSources(file, setting.value, { calls: KEY_FUNCTIONS })) {
      const service = keyOwnerService(file, source.call!);
      if (!service) continue;
      ctx.report({
        range: source.via ? rangeOf(file, setting.property) : rangeOf(file, setting.value),
        message:
          `The ${service} key from ${source.call!.name.text}()${source.via ? ` (var '${source.via.name.text}')` : ''} is copied into the ${setting.where}: ` +
          'when key1/key2 are rotated the app keeps the old key and breaks, and anyone who can read the settings has the key. ' +
          'Use a managed identity with a role assignment (Microsoft Entra ID) instead, or at least a Key Vault reference (@Microsoft.KeyVault(SecretUri=…)).',
      });
      break;
    }
  }
}

/** Web apps, their config and container apps, where a `list…Keys()` call is written. */
const settingTypes = typesPrefilter(WEB_SITE, WEB_SITE_CONFIG, CONTAINER_APP);

export const rule: Rule = {
  id: 'key-in-app-settings',
  feature: 'key-rotation',
  languages: ['bicep'],
  severity: 'warning',
  docs: {
    summary: 'An Azure AI or AI Search key from listKeys()/listAdminKeys() is copied into web app settings or container app env values.',
    why:
      'Each Azure AI resource has two keys so they can be rotated. A key copied into app settings at deployment is a snapshot: regenerating the key ' +
      'breaks the app, so keys stop being rotated. The most secure method is managed roles in Microsoft Entra ID.',
    fix: 'No automatic fix: give the app a managed identity and a role on the resource (Microsoft Entra ID), or store the key in Key Vault and use a Key Vault reference.',
  },
  bicepPrefilter: (text) => settingTypes(text) && (lowerCaseOf(text).includes('list') || hasEscapedText(text)),
  bicep: check,
};
