import { evaluateString, getProperty, getPropertyValue, properties, rangeOf, walk, type BicepFile, type Expression, type ObjectProperty } from '../bicep/index.js';
import { keyOwnerService, secretSources } from '../bicep/azure/secret-sources.js';
import { APIM_BACKEND, APIM_NAMED_VALUE, checkedResources, configName, CONTAINER_APP, isType, WEB_SITE, WEB_SITE_CONFIG, typesPrefilter } from '../bicep/azure/checked-resources.js';
import { keyReadersOf, shown } from '../links.js';
import type { BicepContext, Rule } from '../rule.js';
import { escapesMatter, lowerCaseOf } from '../prefilter.js';

/** Functions that return keys of a service: admin keys, account keys, and AI Search query keys (which read every index). */
const KEY_FUNCTIONS = ['listKeys', 'listAdminKeys', 'listQueryKeys'];

/** What to do instead, per kind of setting: the last sentence of the message. */
const ENTRA_FOR_APP = 'Use a managed identity with a role assignment (Microsoft Entra ID) instead';
const WEB_INSTEAD = `${ENTRA_FOR_APP}, or at least a Key Vault reference (@Microsoft.KeyVault(SecretUri=…)).`;
const CONTAINER_INSTEAD = `${ENTRA_FOR_APP}, or at least a Key Vault secret (keyVaultUrl with the app's identity).`;
const APIM_INSTEAD =
  'Give API Management a managed identity with a role on the resource and use the authentication-managed-identity policy (Microsoft Entra ID) instead, ' +
  'or at least a Key Vault named value (keyVault.secretIdentifier).';

/** `value` properties below `root` (app settings `{ name, value }`, container env `{ name, value }`). */
function valueProperties(root: Expression | undefined): ObjectProperty[] {
  const found: ObjectProperty[] = [];
  if (root)
    walk(root, (node) => {
      if (node.kind === 'Property' && node.name?.toLowerCase() === 'value') found.push(node);
    });
  return found;
}

interface SettingValue {
  /** The property that holds the value (where a finding lands when the key comes through a var). */
  property: ObjectProperty;
  value: Expression;
  where: string;
  /** What to do instead (the message's last sentence). */
  instead: string;
  /** The setting's name (the environment variable the app reads), when known. */
  name?: string;
}

/** `{ name: 'X', value: … }`: the name beside a `value` property. */
function nameBeside(file: BicepFile, value: ObjectProperty): string | undefined {
  const parent = value.parent;
  return parent?.kind === 'Object' ? evaluateString(getPropertyValue(parent, 'name'), file) : undefined;
}

/** Every value of `header: { 'api-key': [ … ] }` (or `query`): each array item, or the value itself. */
function headerValues(root: Expression | undefined, where: string, found: SettingValue[]): void {
  const instead = APIM_INSTEAD;
  if (root?.kind !== 'Object') return;
  for (const header of properties(root)) {
    if (header.value.kind !== 'Array') found.push({ property: header, value: header.value, where, instead });
    else for (const item of header.value.items) if (item.kind !== 'Spread') found.push({ property: header, value: item, where, instead });
  }
}

const SETTING_TYPES = [WEB_SITE, WEB_SITE_CONFIG, CONTAINER_APP, APIM_NAMED_VALUE, APIM_BACKEND];

/**
 * Every app setting / env value of web apps, their `appsettings` config, container apps' env values and
 * secrets, API Management named values, and API Management backends' credential headers and query values.
 */
function settingValues(file: BicepFile): SettingValue[] {
  const found: SettingValue[] = [];
  for (const resource of checkedResources(file, ...SETTING_TYPES)) {
    if (isType(resource, WEB_SITE)) {
      for (const p of valueProperties(getPropertyValue(resource.body, 'properties.siteConfig.appSettings')))
        found.push({ property: p, value: p.value, where: `app settings of '${resource.symbolicName}'`, instead: WEB_INSTEAD, name: nameBeside(file, p) });
    } else if (isType(resource, WEB_SITE_CONFIG)) {
      const settings = getPropertyValue(resource.body, 'properties');
      if (configName(file, getPropertyValue(resource.body, 'name')) !== 'appsettings' || settings?.kind !== 'Object') continue;
      for (const p of properties(settings)) found.push({ property: p, value: p.value, where: `app settings of '${resource.symbolicName}'`, instead: WEB_INSTEAD, name: p.name });
    } else if (isType(resource, CONTAINER_APP)) {
      const containers = getPropertyValue(resource.body, 'properties.template.containers');
      if (containers)
        walk(containers, (node) => {
          if (node.kind !== 'Property' || node.name?.toLowerCase() !== 'env') return;
          for (const p of valueProperties(node.value))
            found.push({ property: p, value: p.value, where: `container env of '${resource.symbolicName}'`, instead: CONTAINER_INSTEAD, name: nameBeside(file, p) });
          return false;
        });
      for (const p of valueProperties(getPropertyValue(resource.body, 'properties.configuration.secrets')))
        found.push({ property: p, value: p.value, where: `secrets of container app '${resource.symbolicName}'`, instead: CONTAINER_INSTEAD });
    } else if (isType(resource, APIM_NAMED_VALUE)) {
      const value = getProperty(resource.body, 'properties.value');
      if (value) found.push({ property: value, value: value.value, where: `API Management named value '${resource.symbolicName}'`, instead: APIM_INSTEAD });
    } else {
      const where = `credentials of API Management backend '${resource.symbolicName}'`;
      headerValues(getPropertyValue(resource.body, 'properties.credentials.header'), where, found);
      headerValues(getPropertyValue(resource.body, 'properties.credentials.query'), where, found);
    }
  }
  return found;
}

/** " The app reads it as NAME in src/api/chat.ts:6 (AzureOpenAI)." when linked code reads the setting as its key. */
function readBy(ctx: BicepContext, name: string | undefined): string {
  if (!ctx.workspace || !name) return '';
  const readers = keyReadersOf(ctx.workspace.view, name);
  if (readers.length === 0) return '';
  const sites = readers.slice(0, 3).map((r) => `${shown(ctx.workspace!.file, r.file)}:${r.client.range.start.line + 1} (${r.client.client})`);
  return ` Code reads it as ${name}: ${sites.join(', ')}${readers.length > 3 ? ` and ${readers.length - 3} more` : ''}.`;
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
          'when the key is regenerated the copy keeps the old key and breaks, so keys stop being rotated, and anyone who can read the configuration has the key. ' +
          setting.instead +
          readBy(ctx, setting.name),
      });
      break;
    }
  }
}

/** Web apps, their config, container apps and API Management, where a `list…Keys()` call is written. */
const settingTypes = typesPrefilter(...SETTING_TYPES);

export const rule: Rule = {
  id: 'key-in-app-settings',
  feature: 'key-rotation',
  languages: ['bicep'],
  severity: 'warning',
  docs: {
    summary:
      'An Azure AI or AI Search key (listKeys(), listAdminKeys(), listQueryKeys()) is copied into app settings, container app env values or secrets, or API Management named values or backend credentials.',
    why:
      'Each Azure AI resource has two keys so they can be rotated. A key copied into an app or gateway setting at deployment is a snapshot: regenerating the key ' +
      'breaks the app, so keys stop being rotated. The most secure method is managed roles in Microsoft Entra ID.',
    fix: 'No automatic fix: give the app (or API Management) a managed identity and a role on the resource (Microsoft Entra ID), or store the key in Key Vault and reference it.',
  },
  bicepPrefilter: (text) => settingTypes(text) && (lowerCaseOf(text).includes('list') || escapesMatter(text)),
  bicep: check,
};
