import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  AVM_MODULES,
  avmModuleEntry,
  avmTemplate,
  avmModuleForTarget,
  avmRegistryModule,
  avmPropertyAt,
  avmResourceProperties,
  parseRegistryTarget,
  type AvmModuleEntry,
  type AvmValue,
} from '../../../server/src/engine/bicep/azure/avm-modules.js';
import { parseBicep, params, resourceDeclarations, type BicepValue } from '../../../server/src/engine/bicep/index.js';

const ACCOUNT = 'avm/res/cognitive-services/account';
const SEARCH = 'avm/res/search/search-service';
const WORKSPACE = 'avm/res/machine-learning-services/workspace';

function entry(module: string, version: string): AvmModuleEntry {
  const found = avmModuleEntry(module, version);
  assert.ok(found, `${module}:${version} is in the table`);
  return found;
}

/**
 * The resource's value at `path` when the call passes `params` (JSON values; the string 'UNKNOWN' for an expression that cannot be folded):
 * the JSON value, or the state 'missing' / 'unknown'.
 */
function valueAt(e: AvmModuleEntry, params: Record<string, BicepValue>, path: string): unknown {
  const passed = (name: string): AvmValue | undefined => {
    if (!(name in params)) return undefined;
    return params[name] === 'UNKNOWN' ? { state: 'unknown' } : { state: 'known', value: params[name]! };
  };
  const { value } = avmPropertyAt(avmResourceProperties(e, passed), path);
  return value.state === 'known' ? value.value : value.state;
}

test('registry targets: the br/public alias and the mcr.microsoft.com form name the same module', () => {
  assert.deepEqual(parseRegistryTarget('br/public:avm/res/cognitive-services/account:0.14.2'), { registry: 'br/public', path: ACCOUNT, version: '0.14.2' });
  assert.deepEqual(parseRegistryTarget('br:mcr.microsoft.com/bicep/avm/res/cognitive-services/account:0.14.2'), { registry: 'mcr', path: ACCOUNT, version: '0.14.2' });
  assert.deepEqual(parseRegistryTarget('br:MCR.microsoft.com/bicep/AVM/res/Search/search-service:0.12.0'), { registry: 'mcr', path: SEARCH, version: '0.12.0' });
  assert.deepEqual(parseRegistryTarget('br/public:avm/ptn/ai-ml/ai-foundry:0.7.0'), { registry: 'br/public', path: 'avm/ptn/ai-ml/ai-foundry', version: '0.7.0' });
});

for (const target of [
  './core/ai/cognitiveservices.bicep',
  'br/public:avm/res/cognitive-services/account',
  'br/public:avm/res/cognitive-services/account:',
  'br/public::0.14.2',
  'br/public:avm//res/account:0.1.0',
  'br/public:avm/res/cognitive-services/account/:0.14.2',
  'br/public:avm/res/cognitive-services/account@sha256:0123456789abcdef',
  'br/public:avm/res/cognitive-services/account:0.14.2 ',
  'br/myalias:avm/res/cognitive-services/account:0.14.2',
  'br:contoso.azurecr.io/bicep/avm/res/cognitive-services/account:0.14.2',
  'br:mcr.microsoft.com/avm/res/cognitive-services/account:0.14.2',
  'ts:00000000-0000-0000-0000-000000000000/rg/spec:1.0',
  '',
]) {
  test(`registry targets: ${JSON.stringify(target)} is not a public registry module`, () => {
    assert.equal(parseRegistryTarget(target), undefined);
    assert.equal(avmModuleForTarget(target), undefined);
  });
}

test('lookup: a version maps to its row, patch level included', () => {
  const before = entry(ACCOUNT, '0.14.0');
  const after = entry(ACCOUNT, '0.14.1');
  assert.deepEqual(before.keyOutputs, {});
  assert.deepEqual(after.keyOutputs, { primaryKey: { value: 'listKeys().key1', gatedOnLocalAuth: true }, secondaryKey: { value: 'listKeys().key2', gatedOnLocalAuth: true } });
  assert.equal(before.newerThanTable, false);
  assert.equal(before.tableVersion, '0.14.0');
  assert.equal(entry(SEARCH, '0.12.0').params.authOptions!.transform, undefined);
  assert.deepEqual(entry(SEARCH, '0.12.1').params.authOptions!.transform, { kind: 'nullWhen', param: 'disableLocalAuth', equals: true });
  assert.equal(entry(SEARCH, '0.11.0').apiVersion, '2025-02-01-preview');
  assert.equal(entry(SEARCH, '0.12.2').apiVersion, '2025-05-01');
});

test('lookup: a version between published ones takes the row in force', () => {
  assert.deepEqual(entry(WORKSPACE, '0.3.9').params.publicNetworkAccess!.default, undefined);
  assert.deepEqual(entry(WORKSPACE, '0.4.0').params.publicNetworkAccess!.default, 'Disabled');
  assert.equal(entry(WORKSPACE, '0.3.0').params.allowPublicAccessWhenBehindVnet?.default, false);
  assert.equal(entry(WORKSPACE, '0.4.0').params.allowPublicAccessWhenBehindVnet, undefined, 'removed in 0.4.0');
  assert.equal(entry(WORKSPACE, '0.2.0').params.kind, undefined, 'no kind written before 0.3.0');
});

test('lookup: a version newer than the table uses the newest row and says so', () => {
  const newer = entry(ACCOUNT, '0.19.3');
  assert.equal(newer.newerThanTable, true);
  assert.equal(newer.version, '0.19.3');
  assert.equal(newer.tableVersion, '0.18.0');
  assert.equal(newer.source, 'https://github.com/Azure/bicep-registry-modules/blob/avm/res/cognitive-services/account/0.18.0/avm/res/cognitive-services/account/main.bicep');
  assert.equal(entry(SEARCH, '1.0.0').tableVersion, '0.13.0');
  assert.equal(entry(WORKSPACE, '0.14.1').newerThanTable, true);
  assert.equal(entry(WORKSPACE, '0.14.0').newerThanTable, false);
});

test('lookup: unknown modules, non-version tags and versions before the first are not in the table', () => {
  assert.equal(avmModuleEntry('avm/res/storage/storage-account', '0.9.0'), undefined);
  assert.equal(avmModuleEntry('avm/ptn/ai-ml/ai-foundry', '0.7.0'), undefined);
  assert.equal(avmModuleEntry(ACCOUNT, 'latest'), undefined);
  assert.equal(avmModuleEntry(ACCOUNT, '0.14'), undefined);
  assert.equal(avmModuleEntry(ACCOUNT, '0.0.9'), undefined);
  assert.equal(avmModuleEntry(ACCOUNT.toUpperCase(), '0.14.2')?.module, ACCOUNT);
});

test('lookup: the entry names the resource it deploys and links its source at the release tag', () => {
  const e = entry(SEARCH, '0.11.1');
  assert.equal(e.resourceType, 'Microsoft.Search/searchServices');
  assert.equal(e.source, 'https://github.com/Azure/bicep-registry-modules/blob/avm/res/search/search-service/0.11.1/avm/res/search/search-service/main.bicep');
  // 0.1 of the account module was never tagged: its source is the first tag's.
  assert.match(entry(ACCOUNT, '0.1.0').source, /\/blob\/avm\/res\/cognitive-services\/account\/0\.2\.0\//);
  const target = avmModuleForTarget('br:mcr.microsoft.com/bicep/avm/res/machine-learning-services/workspace:0.10.2');
  assert.equal(target?.resourceType, 'Microsoft.MachineLearningServices/workspaces');
  assert.equal(target?.tableVersion, '0.10.2');
});

test('AI account: with nothing passed, keys and public access are off, outbound is restricted, no identity and no customer-managed key', () => {
  const e = entry(ACCOUNT, '0.14.2');
  assert.equal(valueAt(e, {}, 'properties.disableLocalAuth'), true);
  assert.equal(valueAt(e, {}, 'properties.publicNetworkAccess'), 'Disabled');
  assert.equal(valueAt(e, {}, 'properties.restrictOutboundNetworkAccess'), true);
  assert.equal(valueAt(e, {}, 'properties.allowedFqdnList'), 'missing');
  assert.equal(valueAt(e, {}, 'identity'), 'missing');
  assert.equal(valueAt(e, {}, 'properties.encryption.keySource'), 'missing');
  assert.equal(valueAt(e, {}, 'properties.customSubDomainName'), 'missing');
});

test('AI account: publicNetworkAccess not passed follows networkAcls, and names the param it was derived from', () => {
  const e = entry(ACCOUNT, '0.14.2');
  const params = { networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices' } };
  const read = avmPropertyAt(
    avmResourceProperties(e, (name) => (name === 'networkAcls' ? { state: 'known', value: params.networkAcls } : undefined)),
    'properties.publicNetworkAccess',
  );
  assert.deepEqual(read.value, { state: 'known', value: 'Enabled' });
  assert.equal(read.from?.param, 'publicNetworkAccess');
  assert.equal(read.from?.source, 'default');
  assert.deepEqual(read.from?.derivedFrom, ['networkAcls']);
  assert.equal(valueAt(e, { ...params, publicNetworkAccess: 'Disabled' }, 'properties.publicNetworkAccess'), 'Disabled');
  assert.equal(valueAt(e, { networkAcls: 'UNKNOWN' }, 'properties.publicNetworkAccess'), 'unknown');
  assert.equal(valueAt(e, { networkAcls: {} }, 'properties.publicNetworkAccess'), 'Disabled');
  // 0.1–0.5.4: the param defaults to '' and '' is derived the same way.
  assert.equal(valueAt(entry(ACCOUNT, '0.3.0'), { networkAcls: { defaultAction: 'Deny' } }, 'properties.publicNetworkAccess'), 'Enabled');
});

test('AI account: networkAcls forwards only its fields; bypass is dropped before 0.15.0', () => {
  const params = { networkAcls: { defaultAction: 'Allow', bypass: 'AzureServices', extra: 1 } };
  assert.deepEqual(valueAt(entry(ACCOUNT, '0.14.2'), params, 'properties.networkAcls'), { defaultAction: 'Allow', virtualNetworkRules: [], ipRules: [] });
  assert.deepEqual(valueAt(entry(ACCOUNT, '0.15.0'), params, 'properties.networkAcls'), { bypass: 'AzureServices', defaultAction: 'Allow', virtualNetworkRules: [], ipRules: [] });
  assert.equal(valueAt(entry(ACCOUNT, '0.15.0'), { networkAcls: { ipRules: [{ value: '1.2.3.4' }] } }, 'properties.networkAcls.defaultAction'), 'missing');
  assert.equal(valueAt(entry(ACCOUNT, '0.15.0'), params, 'properties.networkAcls.defaultAction'), 'Allow');
});

test('AI account: passed values win over defaults, and say they were passed', () => {
  const e = entry(ACCOUNT, '0.18.0');
  const values = avmResourceProperties(e, (name) => (name === 'disableLocalAuth' ? { state: 'known', value: false } : undefined));
  const read = avmPropertyAt(values, 'properties.disableLocalAuth');
  assert.deepEqual(read.value, { state: 'known', value: false });
  assert.equal(read.from?.source, 'passed');
  assert.equal(valueAt(e, { disableLocalAuth: 'UNKNOWN' }, 'properties.disableLocalAuth'), 'unknown');
  assert.equal(valueAt(e, { restrictOutboundNetworkAccess: false }, 'properties.restrictOutboundNetworkAccess'), false);
  assert.equal(valueAt(e, { customerManagedKey: { keyVaultResourceId: '/subscriptions/x', keyName: 'k' } }, 'properties.encryption.keySource'), 'Microsoft.KeyVault');
});

for (const [version, managedIdentities, expected] of [
  ['0.14.2', { systemAssigned: true }, 'SystemAssigned'],
  ['0.14.2', { systemAssigned: true, userAssignedResourceIds: ['/id'] }, 'SystemAssigned, UserAssigned'],
  ['0.5.1', { systemAssigned: true, userAssignedResourceIds: ['/id'] }, 'SystemAssigned,UserAssigned'],
  ['0.2.0', { userAssignedResourcesIds: ['/id'] }, 'UserAssigned'],
  ['0.14.2', { userAssignedResourceIds: ['/id'] }, 'UserAssigned'],
  ['0.14.2', { systemAssigned: false }, 'missing'],
] satisfies [string, BicepValue, string][]) {
  test(`AI account ${version}: managedIdentities ${JSON.stringify(managedIdentities)} gives identity.type ${expected}`, () => {
    assert.equal(valueAt(entry(ACCOUNT, version), { managedIdentities }, 'identity.type'), expected);
  });
}

test('AI Search: public by default, keys off by default, customer-managed keys not enforced', () => {
  const e = entry(SEARCH, '0.12.2');
  assert.equal(valueAt(e, {}, 'properties.publicNetworkAccess'), 'enabled');
  assert.equal(valueAt(e, { publicNetworkAccess: 'Disabled' }, 'properties.publicNetworkAccess'), 'disabled');
  assert.equal(valueAt(entry(SEARCH, '0.5.0'), {}, 'properties.publicNetworkAccess'), 'enabled');
  assert.equal(valueAt(e, {}, 'properties.disableLocalAuth'), true);
  assert.equal(valueAt(e, {}, 'properties.encryptionWithCmk.enforcement'), 'Unspecified');
  assert.deepEqual(valueAt(e, {}, 'properties.encryptionWithCmk'), { enforcement: 'Unspecified' });
  assert.equal(valueAt(e, {}, 'properties.networkRuleSet.ipRules'), 'missing');
  assert.deepEqual(valueAt(entry(SEARCH, '0.7.2'), {}, 'properties.networkRuleSet'), {});
});

test('AI Search: authOptions is dropped when disableLocalAuth is true (from 0.12.1), kept when keys are on', () => {
  const authOptions = { aadOrApiKey: { aadAuthFailureMode: 'http401WithBearerChallenge' } };
  assert.equal(valueAt(entry(SEARCH, '0.12.1'), { authOptions }, 'properties.authOptions'), 'missing');
  assert.deepEqual(valueAt(entry(SEARCH, '0.12.1'), { authOptions, disableLocalAuth: false }, 'properties.authOptions'), authOptions);
  assert.equal(valueAt(entry(SEARCH, '0.12.1'), { authOptions, disableLocalAuth: 'UNKNOWN' }, 'properties.authOptions'), 'unknown');
  assert.deepEqual(valueAt(entry(SEARCH, '0.12.0'), { authOptions }, 'properties.authOptions'), authOptions);
  assert.equal(valueAt(entry(SEARCH, '0.7.0'), {}, 'properties.authOptions'), 'missing', '0.1–0.7: the default {} is sent as null');
});

test('AI Search: key outputs and the Key Vault export are gated on local auth only from 0.12.1', () => {
  assert.deepEqual(entry(SEARCH, '0.11.1').keyOutputs.primaryKey, { value: 'listAdminKeys().primaryKey', gatedOnLocalAuth: false });
  assert.deepEqual(entry(SEARCH, '0.12.1').keyOutputs.primaryKey, { value: 'listAdminKeys().primaryKey', gatedOnLocalAuth: true });
  assert.deepEqual(entry(SEARCH, '0.10.0').secretsExport, { param: 'secretsExportConfiguration', gatedOnLocalAuth: false });
  assert.deepEqual(entry(SEARCH, '0.12.1').secretsExport, { param: 'secretsExportConfiguration', gatedOnLocalAuth: true });
  assert.equal(entry(SEARCH, '0.7.0').secretsExport, undefined);
  assert.deepEqual(entry(ACCOUNT, '0.18.0').secretsExport, { param: 'secretsExportConfiguration', gatedOnLocalAuth: false });
});

test('AI Search identity: system-assigned only before 0.4.4', () => {
  assert.equal(valueAt(entry(SEARCH, '0.2.0'), { managedIdentities: { systemAssigned: false } }, 'identity.type'), 'missing');
  assert.equal(valueAt(entry(SEARCH, '0.3.0'), { managedIdentities: { systemAssigned: false, userAssignedResourceIds: ['/id'] } }, 'identity.type'), 'None');
  assert.equal(valueAt(entry(SEARCH, '0.4.4'), { managedIdentities: { systemAssigned: true, userAssignedResourceIds: ['/id'] } }, 'identity.type'), 'SystemAssigned,UserAssigned');
  assert.equal(valueAt(entry(SEARCH, '0.4.4'), { managedIdentities: { systemAssigned: false } }, 'identity.type'), '');
});

test('ML workspace: public access was on by default before 0.4.0 unless private endpoints were passed', () => {
  assert.equal(valueAt(entry(WORKSPACE, '0.3.0'), {}, 'properties.publicNetworkAccess'), 'Enabled');
  assert.equal(valueAt(entry(WORKSPACE, '0.3.0'), { privateEndpoints: [{ subnetResourceId: '/subnet' }] }, 'properties.publicNetworkAccess'), 'Disabled');
  assert.equal(valueAt(entry(WORKSPACE, '0.3.0'), { privateEndpoints: 'UNKNOWN' }, 'properties.publicNetworkAccess'), 'unknown');
  assert.equal(valueAt(entry(WORKSPACE, '0.4.0'), {}, 'properties.publicNetworkAccess'), 'Disabled');
  assert.equal(valueAt(entry(WORKSPACE, '0.14.0'), { publicNetworkAccess: 'Enabled' }, 'properties.publicNetworkAccess'), 'Enabled');
});

test('ML workspace: a system-assigned identity by default, no managed network unless passed, kind Default', () => {
  const e = entry(WORKSPACE, '0.14.0');
  assert.equal(valueAt(e, {}, 'identity.type'), 'SystemAssigned');
  assert.equal(valueAt(e, { managedIdentities: {} }, 'identity'), 'missing');
  assert.equal(valueAt(e, { managedIdentities: { systemAssigned: false } }, 'identity.type'), 'None');
  assert.equal(valueAt(e, {}, 'properties.managedNetwork.isolationMode'), 'missing');
  assert.equal(valueAt(e, { managedNetworkSettings: { isolationMode: 'AllowInternetOutbound' } }, 'properties.managedNetwork.isolationMode'), 'AllowInternetOutbound');
  assert.equal(valueAt(e, {}, 'kind'), 'Default');
  assert.equal(valueAt(e, { kind: 'Hub' }, 'kind'), 'Hub');
  assert.equal(valueAt(e, { customerManagedKey: { keyVaultResourceId: '/kv', keyName: 'k' } }, 'properties.encryption.status'), 'Enabled');
  assert.deepEqual(e.keyOutputs, {});
});

test('a property path no param of the module sets is missing, with no param to blame', () => {
  const read = avmPropertyAt(
    avmResourceProperties(entry(ACCOUNT, '0.18.0'), () => undefined),
    'properties.minimalTlsVersion',
  );
  assert.deepEqual(read, { value: { state: 'missing' }, from: undefined });
});

test('a path above what params set is assembled from them; unknown if any part is', () => {
  const e = entry(SEARCH, '0.13.0');
  const properties = valueAt(e, {}, 'properties') as Record<string, unknown>;
  assert.equal(typeof properties, 'object');
  assert.equal(properties.disableLocalAuth, true);
  assert.equal(properties.publicNetworkAccess, 'enabled');
  assert.deepEqual(properties.encryptionWithCmk, { enforcement: 'Unspecified' });
  assert.equal(valueAt(e, { disableLocalAuth: 'UNKNOWN' }, 'properties'), 'unknown');
});

test('a required param not passed is unknown, not missing', () => {
  assert.equal(valueAt(entry(ACCOUNT, '0.18.0'), {}, 'kind'), 'unknown');
  assert.equal(valueAt(entry(ACCOUNT, '0.18.0'), { kind: 'AIServices' }, 'kind'), 'AIServices');
});

/** Every minor of every module, and a patch where a fact changed. */
const EVERY_ROW = AVM_MODULES.flatMap((module) =>
  ['0.1.0', '0.3.0', '0.4.4', '0.5.2', '0.5.5', '0.7.1', '0.8.0', '0.11.0', '0.12.0', '0.12.1', '0.13.0', '0.14.1', '0.15.0', '0.18.0', '0.99.0'].map((version) => entry(module, version)),
);

test('template: every module at every row parses with no syntax notice, declares each param once with its type, and deploys the resource', () => {
  for (const e of EVERY_ROW) {
    const file = parseBicep(avmTemplate(e));
    assert.deepEqual(file.syntaxErrors, [], `${e.module} ${e.tableVersion}`);
    const declared = params(file).map((p) => `${p.name.text} ${p.type?.text}`);
    assert.equal(new Set(declared.map((d) => d.split(' ')[0])).size, declared.length, `${e.module} ${e.tableVersion}: a param declared twice`);
    for (const [name, spec] of Object.entries(e.params)) {
      const nullable = spec.default === undefined && !spec.required ? '?' : '';
      assert.ok(declared.includes(`${name} ${spec.type}${nullable}`), `${e.module} ${e.tableVersion}: param ${name} ${spec.type}${nullable}`);
    }
    const [resource, ...others] = resourceDeclarations(file);
    assert.equal(others.length, 0);
    assert.equal(resource?.type, e.resourceType);
    assert.equal(resource?.apiVersion, e.apiVersion);
    assert.equal(resource?.symbolicName, e.symbolicName);
  }
});

test('template: the module expressions of AI Search 0.12.1', () => {
  const text = avmTemplate(entry(SEARCH, '0.12.1'));
  assert.ok(text.includes("param publicNetworkAccess string = 'Enabled'\n"));
  assert.ok(text.includes('param authOptions object?\n'));
  assert.ok(text.includes('    publicNetworkAccess: toLower(publicNetworkAccess)\n'));
  assert.ok(text.includes('    authOptions: disableLocalAuth == true ? null : authOptions\n'));
  assert.ok(text.includes('    encryptionWithCmk: {\n      enforcement: cmkEnforcement\n    }\n'));
  assert.ok(text.includes('@secure()\noutput primaryKey string? = !disableLocalAuth ? searchService.listAdminKeys().primaryKey : null\n'));
});

test('template: derived values, picked fields and identities are written as the module writes them', () => {
  const account = avmTemplate(entry(ACCOUNT, '0.14.2'));
  assert.ok(account.includes("    publicNetworkAccess: !empty(publicNetworkAccess) ? publicNetworkAccess : (!empty(networkAcls) ? 'Enabled' : 'Disabled')\n"));
  assert.ok(
    account.includes(
      '    networkAcls: !empty(networkAcls ?? {}) ? { defaultAction: networkAcls.?defaultAction, virtualNetworkRules: networkAcls.?virtualNetworkRules ?? [], ipRules: networkAcls.?ipRules ?? [] } : null\n',
    ),
  );
  assert.ok(account.includes("    encryption: !empty(customerManagedKey) ? { keySource: 'Microsoft.KeyVault' } : null\n"));
  assert.ok(
    account.includes(
      "  identity: !empty(managedIdentities) ? { type: (managedIdentities.?systemAssigned ?? false) ? (!empty(managedIdentities.?userAssignedResourceIds ?? {}) ? 'SystemAssigned, UserAssigned' : 'SystemAssigned') : (!empty(managedIdentities.?userAssignedResourceIds ?? {}) ? 'UserAssigned' : null) } : null\n",
    ),
  );
  const workspace = avmTemplate(entry(WORKSPACE, '0.3.0'));
  assert.ok(workspace.includes('param privateEndpoints array?\n'));
  assert.ok(workspace.includes("    publicNetworkAccess: !empty(publicNetworkAccess) ? publicNetworkAccess : (!empty(privateEndpoints) ? 'Disabled' : 'Enabled')\n"));
  assert.ok(workspace.includes('param managedIdentities object = { systemAssigned: true }\n'));
  assert.ok(!avmTemplate(entry(WORKSPACE, '0.14.0')).includes('output '), 'no key outputs');
});

test('registry module: label, template and a note only for a version newer than the table', () => {
  const known = avmRegistryModule('br/public:avm/res/search/search-service:0.11.1');
  assert.equal(known?.label, 'avm/res/search/search-service 0.11.1');
  assert.equal(known?.note, undefined);
  assert.match(known?.template ?? '', /^resource searchService 'Microsoft\.Search\/searchServices@2025-02-01-preview' = \{$/m);
  const newer = avmRegistryModule('br:mcr.microsoft.com/bicep/avm/res/cognitive-services/account:0.20.1');
  assert.equal(newer?.label, 'avm/res/cognitive-services/account 0.20.1');
  assert.equal(newer?.note, "version 0.20.1 is newer than the analyser's table; checked as 0.18.0");
  assert.equal(avmRegistryModule('br/public:avm/res/storage/storage-account:0.9.0'), undefined);
  assert.equal(avmRegistryModule('./core/ai/cognitiveservices.bicep'), undefined);
});
