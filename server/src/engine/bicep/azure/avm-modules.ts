/**
 * The Azure Verified Modules (public Bicep registry) that deploy AI resources, as data: which
 * module params set which checked ARM property, their defaults in each published version, and
 * what the module does with them on the way (`transform`). A module call
 * (`module ai 'br/public:avm/res/cognitive-services/account:0.14.2' = { params: {…} }`) is then
 * judged like a resource written in place, in either of two ways: `avmResourceProperties` turns
 * what the caller passes into the resource's property values, each with the param that decided it;
 * `avmTemplate` writes the entry as a small Bicep template (the module's params and its resource,
 * with the module's own expressions) to analyse at the call like a local module.
 *
 * Facts were read from each module's `main.bicep` at its release tag (`<module>/<x.y.z>`) in the
 * public repository https://github.com/Azure/bicep-registry-modules (`source` of an entry links
 * the file at the tag). Versions are rows by the first version a fact holds from (patch level
 * where a change came in a patch); a version newer than the newest one known uses the newest row.
 */
import type { BicepValue } from '../evaluate.js';

// ---------------------------------------------------------------------------------------------
// Registry references

export interface RegistryTarget {
  /** How the reference names the public registry: the `br/public:` alias or `br:mcr.microsoft.com/bicep/`. */
  registry: 'br/public' | 'mcr';
  /** The module path in the registry, lower case: `avm/res/cognitive-services/account`. */
  path: string;
  /** The tag as written: `0.14.2`. */
  version: string;
}

/** One path segment of an OCI repository name (lower case in the registry; Bicep compares without case). */
const SEGMENT = '[a-z0-9]+(?:[._-][a-z0-9]+)*';
const PATH = `${SEGMENT}(?:/${SEGMENT})*`;
/** An OCI tag. */
const TAG = '[a-z0-9_][a-z0-9_.-]{0,127}';
const PUBLIC_ALIAS = new RegExp(`^br/public:(${PATH}):(${TAG})$`, 'i');
const MCR = new RegExp(`^br:mcr\\.microsoft\\.com/bicep/(${PATH}):(${TAG})$`, 'i');

/**
 * A module target in the public Bicep registry: `br/public:<path>:<tag>` or
 * `br:mcr.microsoft.com/bicep/<path>:<tag>` (the same module). Undefined for anything else: local
 * paths, other registries and aliases, template specs (`ts:`), digests (`@sha256:…`), malformed text.
 */
export function parseRegistryTarget(target: string): RegistryTarget | undefined {
  const alias = PUBLIC_ALIAS.exec(target);
  if (alias) return { registry: 'br/public', path: alias[1]!.toLowerCase(), version: alias[2]! };
  const mcr = MCR.exec(target);
  if (mcr) return { registry: 'mcr', path: mcr[1]!.toLowerCase(), version: mcr[2]! };
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// What an entry says

/** What a module does with a param's value before it reaches the resource (none: passed through). */
export type AvmTransform =
  /** `toLower(value)`. */
  | { kind: 'toLower' }
  /** `!empty(value) ? value : null`. */
  | { kind: 'emptyToNull' }
  /** `!empty(value) ? value : (!empty(<param>) ? ifSet : ifEmpty)`: an empty or null value is derived from another param. */
  | { kind: 'deriveWhenEmpty'; param: string; ifSet: BicepValue; ifEmpty: BicepValue }
  /** `<param> == equals ? null : value`. */
  | { kind: 'nullWhen'; param: string; equals: BicepValue }
  /** `!empty(value) ? { field: value.?field ?? fallback, … } : null`: only these fields are forwarded (a null fallback: the field is left out when not given). */
  | { kind: 'pickFields'; fields: Readonly<Record<string, BicepValue>> }
  /** `!empty(value) ? set : null`: the module writes `set` whenever the param is given (customer-managed key → `keySource`). */
  | { kind: 'whenGiven'; set: BicepValue }
  /**
   * `managedIdentities` → `identity`: omitted when the param is empty or null, else `{ type }` from
   * `systemAssigned` and `<userKey>` (the list of user-assigned identity ids), joined by `separator`;
   * `none` when neither is asked for. `systemOnly`: user-assigned ids are not read at all.
   */
  | { kind: 'identity'; userKey: string; separator: ',' | ', '; none: BicepValue; systemOnly?: boolean };

/** A param's declared type, without `?` (a param with no default and not required is nullable). */
export type AvmParamType = 'string' | 'bool' | 'int' | 'object' | 'array';

export interface AvmParam {
  type: AvmParamType;
  /** The ARM property the param sets, as a dotted path under the resource: `properties.disableLocalAuth`, `identity`, `kind`. */
  property: string;
  /** The module's default (a JSON value); undefined when the module leaves it unset (a nullable param with no default, or a required one). */
  default: BicepValue | undefined;
  /** The module has no default: a call must pass it. */
  required?: boolean;
  transform?: AvmTransform;
}

export interface AvmKeyOutput {
  /** What the output reads from the resource: `listKeys().key1`. */
  value: string;
  /** The output is `''`/null unless local (key) authentication is enabled (`!disableLocalAuth ? listKeys()… : …`). */
  gatedOnLocalAuth: boolean;
}

export interface AvmSecretsExport {
  /** The param that makes the module write the resource's keys into a Key Vault. */
  param: string;
  /** Keys are written only when local authentication is enabled. */
  gatedOnLocalAuth: boolean;
}

export interface AvmModuleEntry {
  /** The module path: `avm/res/cognitive-services/account`. */
  module: string;
  /** The version the call asked for. */
  version: string;
  /** The version the facts are for: `version`, or the newest version this table knows when the call asks for a newer one. */
  tableVersion: string;
  /** The call asks for a version newer than any this table knows: the newest facts are used (messages say so). */
  newerThanTable: boolean;
  /** The resource the module deploys: `Microsoft.CognitiveServices/accounts`. */
  resourceType: string;
  /** The API version the module deploys it with, in `tableVersion`. */
  apiVersion: string;
  /** The module's `main.bicep` at the release tag `<module>/<tableVersion>` (public web page; a version that was never released has no tag). */
  source: string;
  /** The params that set checked properties, by param name. */
  params: Readonly<Record<string, AvmParam>>;
  /** The resource's symbolic name in the module (`cognitiveService`). */
  symbolicName: string;
  /** `@secure()` outputs that carry a key of the resource, by output name. */
  keyOutputs: Readonly<Record<string, AvmKeyOutput>>;
  /** A param that exports the resource's keys into a Key Vault, if the version has one. */
  secretsExport: AvmSecretsExport | undefined;
  /** What the module decides whatever the caller passes, in words (for hovers and docs). */
  forces: readonly string[];
}

// ---------------------------------------------------------------------------------------------
// The table

/** A fact holding from version `from` on (until a later row of the same list). `removed`: the param is gone from `from` on. */
type Row<T> = T & { from: string };
type ParamRow = Row<Omit<AvmParam, 'type'>> | Row<{ removed: true }>;

interface ModuleTable {
  module: string;
  resourceType: string;
  /** The resource's symbolic name in the module's main.bicep (messages name it). */
  symbolicName: string;
  /** Each param's declared type (the same in every version; nullability follows from the row's default). */
  types: Record<string, AvmParamType>;
  /** The first version with a `main.bicep` this table describes. */
  first: string;
  /** The first release tag, when versions before it were never tagged (their source links this tag). */
  firstTag?: string;
  /** The newest published version the table was built from. */
  newest: string;
  apiVersions: Row<{ apiVersion: string }>[];
  params: Record<string, ParamRow[]>;
  keyOutputs: Row<{ outputs: Record<string, AvmKeyOutput> }>[];
  secretsExport: Row<{ export: AvmSecretsExport | undefined }>[];
  forces: Row<{ facts: string[] }>[];
}

const REPOSITORY = 'https://github.com/Azure/bicep-registry-modules';

/** The `identity` expression of most modules: `SystemAssigned`, `UserAssigned` or both, from `managedIdentities`. */
const identity = (separator: ',' | ', ', none: BicepValue, userKey = 'userAssignedResourceIds'): AvmTransform => ({ kind: 'identity', userKey, separator, none });

/** `avm/res/cognitive-services/account`: Azure AI services / Azure OpenAI / Foundry accounts. Source: https://github.com/Azure/bicep-registry-modules/tree/main/avm/res/cognitive-services/account (release tags `avm/res/cognitive-services/account/<x.y.z>`). */
const AI_ACCOUNT_MODULE: ModuleTable = {
  module: 'avm/res/cognitive-services/account',
  resourceType: 'Microsoft.CognitiveServices/accounts',
  symbolicName: 'cognitiveService',
  types: {
    kind: 'string',
    publicNetworkAccess: 'string',
    networkAcls: 'object',
    disableLocalAuth: 'bool',
    customSubDomainName: 'string',
    managedIdentities: 'object',
    customerManagedKey: 'object',
    restrictOutboundNetworkAccess: 'bool',
    allowedFqdnList: 'array',
    userOwnedStorage: 'array',
    allowProjectManagement: 'bool',
  },
  // 0.1 has no release tag (its version.json was set before the first tag, 0.2.0); its main.bicep is the same as 0.2's.
  first: '0.1.0',
  firstTag: '0.2.0',
  newest: '0.18.0',
  apiVersions: [
    { from: '0.1.0', apiVersion: '2022-12-01' },
    { from: '0.3.5', apiVersion: '2023-05-01' },
    { from: '0.11.0', apiVersion: '2025-04-01-preview' },
    { from: '0.12.0', apiVersion: '2025-06-01' },
  ],
  params: {
    kind: [{ from: '0.1.0', property: 'kind', default: undefined, required: true }],
    // `!empty(publicNetworkAccess) ? publicNetworkAccess : (!empty(networkAcls) ? 'Enabled' : 'Disabled')`; from 0.5.5 the param is
    // `string?` and the test `!= null` (same effective value). Private endpoints are not consulted.
    publicNetworkAccess: [
      { from: '0.1.0', property: 'properties.publicNetworkAccess', default: '', transform: { kind: 'deriveWhenEmpty', param: 'networkAcls', ifSet: 'Enabled', ifEmpty: 'Disabled' } },
      { from: '0.5.5', property: 'properties.publicNetworkAccess', default: undefined, transform: { kind: 'deriveWhenEmpty', param: 'networkAcls', ifSet: 'Enabled', ifEmpty: 'Disabled' } },
    ],
    // Only these fields are forwarded; `bypass` was dropped before 0.15.0.
    networkAcls: [
      { from: '0.1.0', property: 'properties.networkAcls', default: undefined, transform: { kind: 'pickFields', fields: { defaultAction: null, virtualNetworkRules: [], ipRules: [] } } },
      {
        from: '0.15.0',
        property: 'properties.networkAcls',
        default: undefined,
        transform: { kind: 'pickFields', fields: { bypass: null, defaultAction: null, virtualNetworkRules: [], ipRules: [] } },
      },
    ],
    disableLocalAuth: [{ from: '0.1.0', property: 'properties.disableLocalAuth', default: true }],
    customSubDomainName: [{ from: '0.1.0', property: 'properties.customSubDomainName', default: undefined }],
    // 0.1–0.2 spell the list `userAssignedResourcesIds`; the separator gains a space in 0.5.2. `{ systemAssigned: false }` gives `type: null`.
    managedIdentities: [
      { from: '0.1.0', property: 'identity', default: undefined, transform: identity(',', null, 'userAssignedResourcesIds') },
      { from: '0.3.0', property: 'identity', default: undefined, transform: identity(',', null) },
      { from: '0.5.2', property: 'identity', default: undefined, transform: identity(', ', null) },
    ],
    customerManagedKey: [{ from: '0.1.0', property: 'properties.encryption', default: undefined, transform: { kind: 'whenGiven', set: { keySource: 'Microsoft.KeyVault' } } }],
    restrictOutboundNetworkAccess: [{ from: '0.1.0', property: 'properties.restrictOutboundNetworkAccess', default: true }],
    allowedFqdnList: [{ from: '0.1.0', property: 'properties.allowedFqdnList', default: undefined }],
    userOwnedStorage: [
      { from: '0.1.0', property: 'properties.userOwnedStorage', default: undefined },
      { from: '0.12.0', property: 'properties.userOwnedStorage', default: undefined, transform: { kind: 'emptyToNull' } },
    ],
    allowProjectManagement: [{ from: '0.11.0', property: 'properties.allowProjectManagement', default: undefined }],
  },
  keyOutputs: [
    { from: '0.1.0', outputs: {} },
    { from: '0.14.1', outputs: { primaryKey: { value: 'listKeys().key1', gatedOnLocalAuth: true }, secondaryKey: { value: 'listKeys().key2', gatedOnLocalAuth: true } } },
  ],
  secretsExport: [
    { from: '0.1.0', export: undefined },
    // Writes `listKeys().key1`/`key2` into Key Vault secrets whatever disableLocalAuth says.
    { from: '0.7.1', export: { param: 'secretsExportConfiguration', gatedOnLocalAuth: false } },
  ],
  forces: [
    {
      from: '0.1.0',
      facts: [
        "publicNetworkAccess, when not passed, is 'Enabled' if networkAcls is passed (not empty) and 'Disabled' otherwise; private endpoints are not consulted",
        'networkAcls forwards only defaultAction, ipRules and virtualNetworkRules (bypass is dropped); ipRules and virtualNetworkRules default to []',
        "a customer-managed key sets encryption.keySource to 'Microsoft.KeyVault'; the key version is pinned (no automatic rotation)",
      ],
    },
    {
      from: '0.15.0',
      facts: [
        "publicNetworkAccess, when not passed, is 'Enabled' if networkAcls is passed (not empty) and 'Disabled' otherwise; private endpoints are not consulted",
        'networkAcls forwards bypass, defaultAction, ipRules and virtualNetworkRules; ipRules and virtualNetworkRules default to []',
        "a customer-managed key sets encryption.keySource to 'Microsoft.KeyVault'; the key version is pinned (no automatic rotation)",
      ],
    },
  ],
};

/** `avm/res/search/search-service`: Azure AI Search. Source: https://github.com/Azure/bicep-registry-modules/tree/main/avm/res/search/search-service (release tags `avm/res/search/search-service/<x.y.z>`). */
const AI_SEARCH_MODULE: ModuleTable = {
  module: 'avm/res/search/search-service',
  resourceType: 'Microsoft.Search/searchServices',
  symbolicName: 'searchService',
  types: {
    publicNetworkAccess: 'string',
    networkRuleSet: 'object',
    disableLocalAuth: 'bool',
    authOptions: 'object',
    cmkEnforcement: 'string',
    managedIdentities: 'object',
    dataExfiltrationProtections: 'array',
  },
  first: '0.1.0',
  newest: '0.13.0',
  apiVersions: [
    { from: '0.1.0', apiVersion: '2022-09-01' },
    { from: '0.3.0', apiVersion: '2023-11-01' },
    { from: '0.4.4', apiVersion: '2024-03-01-preview' },
    { from: '0.10.0', apiVersion: '2025-02-01-preview' },
    { from: '0.12.0', apiVersion: '2025-05-01' },
  ],
  params: {
    // Public by default in every version.
    publicNetworkAccess: [
      { from: '0.1.0', property: 'properties.publicNetworkAccess', default: 'enabled' },
      { from: '0.6.0', property: 'properties.publicNetworkAccess', default: 'Enabled', transform: { kind: 'toLower' } },
    ],
    // Before 0.8.0 the param defaults to `{}`, which is sent as is.
    networkRuleSet: [
      { from: '0.1.0', property: 'properties.networkRuleSet', default: {} },
      { from: '0.8.0', property: 'properties.networkRuleSet', default: undefined },
    ],
    disableLocalAuth: [{ from: '0.1.0', property: 'properties.disableLocalAuth', default: true }],
    authOptions: [
      { from: '0.1.0', property: 'properties.authOptions', default: {}, transform: { kind: 'emptyToNull' } },
      { from: '0.8.0', property: 'properties.authOptions', default: undefined },
      { from: '0.12.1', property: 'properties.authOptions', default: undefined, transform: { kind: 'nullWhen', param: 'disableLocalAuth', equals: true } },
    ],
    // `encryptionWithCmk: { enforcement: cmkEnforcement }` is always written. The module has no customer-managed key param:
    // Search encrypts with a customer-managed key per index or synonym map.
    cmkEnforcement: [{ from: '0.1.0', property: 'properties.encryptionWithCmk.enforcement', default: 'Unspecified' }],
    // System-assigned only before 0.4.4 (no identity: null, then 'None' from 0.3.0); then both kinds, 'SystemAssigned,UserAssigned' and '' for none.
    managedIdentities: [
      { from: '0.1.0', property: 'identity', default: undefined, transform: { kind: 'identity', userKey: 'userAssignedResourceIds', separator: ',', none: null, systemOnly: true } },
      { from: '0.3.0', property: 'identity', default: undefined, transform: { kind: 'identity', userKey: 'userAssignedResourceIds', separator: ',', none: 'None', systemOnly: true } },
      { from: '0.4.4', property: 'identity', default: undefined, transform: identity(',', '') },
    ],
    dataExfiltrationProtections: [{ from: '0.12.0', property: 'properties.dataExfiltrationProtections', default: undefined }],
  },
  keyOutputs: [
    { from: '0.1.0', outputs: {} },
    {
      from: '0.11.0',
      outputs: { primaryKey: { value: 'listAdminKeys().primaryKey', gatedOnLocalAuth: false }, secondaryKey: { value: 'listAdminKeys().secondaryKey', gatedOnLocalAuth: false } },
    },
    {
      from: '0.12.1',
      outputs: { primaryKey: { value: 'listAdminKeys().primaryKey', gatedOnLocalAuth: true }, secondaryKey: { value: 'listAdminKeys().secondaryKey', gatedOnLocalAuth: true } },
    },
  ],
  secretsExport: [
    { from: '0.1.0', export: undefined },
    { from: '0.7.1', export: { param: 'secretsExportConfiguration', gatedOnLocalAuth: false } },
    { from: '0.12.1', export: { param: 'secretsExportConfiguration', gatedOnLocalAuth: true } },
  ],
  forces: [
    { from: '0.1.0', facts: ['encryptionWithCmk.enforcement is always written (default Unspecified: customer-managed keys not enforced)'] },
    { from: '0.6.0', facts: ['publicNetworkAccess is lower-cased', 'encryptionWithCmk.enforcement is always written (default Unspecified: customer-managed keys not enforced)'] },
    {
      from: '0.12.1',
      facts: [
        'publicNetworkAccess is lower-cased',
        'authOptions is dropped whenever disableLocalAuth is true',
        'encryptionWithCmk.enforcement is always written (default Unspecified: customer-managed keys not enforced)',
      ],
    },
  ],
};

/** `avm/res/machine-learning-services/workspace`: Azure Machine Learning / Foundry hub and project workspaces. Source: https://github.com/Azure/bicep-registry-modules/tree/main/avm/res/machine-learning-services/workspace (release tags `avm/res/machine-learning-services/workspace/<x.y.z>`). */
const ML_WORKSPACE_MODULE: ModuleTable = {
  module: 'avm/res/machine-learning-services/workspace',
  resourceType: 'Microsoft.MachineLearningServices/workspaces',
  symbolicName: 'workspace',
  types: {
    publicNetworkAccess: 'string',
    privateEndpoints: 'array',
    allowPublicAccessWhenBehindVnet: 'bool',
    ipAllowlist: 'array',
    kind: 'string',
    managedIdentities: 'object',
    primaryUserAssignedIdentity: 'string',
    managedNetworkSettings: 'object',
    customerManagedKey: 'object',
    enableServiceSideCMKEncryption: 'bool',
    hbiWorkspace: 'bool',
    systemDatastoresAuthMode: 'string',
  },
  first: '0.1.0',
  newest: '0.14.0',
  apiVersions: [
    { from: '0.1.0', apiVersion: '2022-10-01' },
    { from: '0.3.0', apiVersion: '2024-04-01' },
    { from: '0.4.0', apiVersion: '2024-04-01-preview' },
    { from: '0.11.0', apiVersion: '2024-10-01-preview' },
  ],
  params: {
    // Before 0.4.0: public unless private endpoints are passed.
    publicNetworkAccess: [
      {
        from: '0.1.0',
        property: 'properties.publicNetworkAccess',
        default: undefined,
        transform: { kind: 'deriveWhenEmpty', param: 'privateEndpoints', ifSet: 'Disabled', ifEmpty: 'Enabled' },
      },
      { from: '0.4.0', property: 'properties.publicNetworkAccess', default: 'Disabled' },
    ],
    allowPublicAccessWhenBehindVnet: [
      { from: '0.1.0', property: 'properties.allowPublicAccessWhenBehindVnet', default: false },
      { from: '0.4.0', removed: true },
    ],
    ipAllowlist: [{ from: '0.11.0', property: 'properties.ipAllowlist', default: undefined }],
    // Before 0.3.0 the module writes no kind (the service default applies).
    kind: [{ from: '0.3.0', property: 'kind', default: 'Default' }],
    // A system-assigned identity by default; `{}` omits the identity, `{ systemAssigned: false }` gives 'None'.
    managedIdentities: [{ from: '0.1.0', property: 'identity', default: { systemAssigned: true }, transform: identity(',', 'None') }],
    primaryUserAssignedIdentity: [{ from: '0.1.0', property: 'properties.primaryUserAssignedIdentity', default: undefined }],
    managedNetworkSettings: [{ from: '0.4.0', property: 'properties.managedNetwork', default: undefined }],
    customerManagedKey: [{ from: '0.1.0', property: 'properties.encryption', default: undefined, transform: { kind: 'whenGiven', set: { status: 'Enabled' } } }],
    enableServiceSideCMKEncryption: [{ from: '0.11.0', property: 'properties.enableServiceSideCMKEncryption', default: undefined }],
    hbiWorkspace: [{ from: '0.1.0', property: 'properties.hbiWorkspace', default: false }],
    systemDatastoresAuthMode: [{ from: '0.4.0', property: 'properties.systemDatastoresAuthMode', default: undefined }],
  },
  keyOutputs: [{ from: '0.1.0', outputs: {} }],
  secretsExport: [{ from: '0.1.0', export: undefined }],
  forces: [
    {
      from: '0.1.0',
      facts: ["publicNetworkAccess, when not passed, is 'Disabled' if private endpoints are passed and 'Enabled' otherwise", "a customer-managed key sets encryption.status to 'Enabled'"],
    },
    { from: '0.4.0', facts: ["a customer-managed key sets encryption.status to 'Enabled'"] },
  ],
};

const MODULES: ReadonlyMap<string, ModuleTable> = new Map([AI_ACCOUNT_MODULE, AI_SEARCH_MODULE, ML_WORKSPACE_MODULE].map((m) => [m.module, m]));

/** The module paths the table covers. */
export const AVM_MODULES: readonly string[] = [...MODULES.keys()];

// ---------------------------------------------------------------------------------------------
// Lookup

type Version = readonly [number, number, number];

function parseVersion(text: string): Version | undefined {
  const match = /^(\d{1,9})\.(\d{1,9})\.(\d{1,9})$/.exec(text);
  return match ? [Number(match[1]), Number(match[2]), Number(match[3])] : undefined;
}

function compareVersions(a: Version, b: Version): number {
  return a[0] - b[0] || a[1] - b[1] || a[2] - b[2];
}

/** The row of `rows` that holds at `version`: the one with the latest `from` not after it. */
function rowAt<T extends { from: string }>(rows: readonly T[], version: Version): T | undefined {
  let found: T | undefined;
  let foundFrom: Version | undefined;
  for (const row of rows) {
    const from = parseVersion(row.from)!;
    if (compareVersions(from, version) <= 0 && (!foundFrom || compareVersions(from, foundFrom) > 0)) {
      found = row;
      foundFrom = from;
    }
  }
  return found;
}

/**
 * The facts for `version` of the registry module at `path` (`avm/res/search/search-service`, as
 * `parseRegistryTarget` gives it). Undefined for a module the table does not cover, a tag that is
 * not a plain `x.y.z` version, or a version older than the module's first.
 */
export function avmModuleEntry(path: string, version: string): AvmModuleEntry | undefined {
  const table = MODULES.get(path.toLowerCase());
  const asked = parseVersion(version);
  if (!table || !asked || compareVersions(asked, parseVersion(table.first)!) < 0) return undefined;
  const newest = parseVersion(table.newest)!;
  const newerThanTable = compareVersions(asked, newest) > 0;
  const at = newerThanTable ? newest : asked;
  const tableVersion = newerThanTable ? table.newest : version;
  const params: Record<string, AvmParam> = {};
  for (const [name, rows] of Object.entries(table.params)) {
    const row = rowAt(rows, at);
    if (!row || 'removed' in row) continue;
    const { from: _from, ...param } = row;
    params[name] = { type: table.types[name]!, ...param };
  }
  return {
    module: table.module,
    version,
    tableVersion,
    newerThanTable,
    resourceType: table.resourceType,
    apiVersion: rowAt(table.apiVersions, at)!.apiVersion,
    source: `${REPOSITORY}/blob/${table.module}/${table.firstTag && compareVersions(at, parseVersion(table.firstTag)!) < 0 ? table.firstTag : tableVersion}/${table.module}/main.bicep`,
    params,
    symbolicName: table.symbolicName,
    keyOutputs: rowAt(table.keyOutputs, at)!.outputs,
    secretsExport: rowAt(table.secretsExport, at)!.export,
    forces: rowAt(table.forces, at)!.facts,
  };
}

/** `avmModuleEntry` of a module target as written (`br/public:avm/res/cognitive-services/account:0.14.2`); undefined when it is not one the table covers. */
export function avmModuleForTarget(target: string): AvmModuleEntry | undefined {
  const parsed = parseRegistryTarget(target);
  return parsed && avmModuleEntry(parsed.path, parsed.version);
}

// ---------------------------------------------------------------------------------------------
// From what a call passes to the resource's properties

/** A value as far as the analysis knows it. `missing`: not there (a param not passed; a property the module leaves out). */
export type AvmValue = { state: 'known'; value: BicepValue } | { state: 'missing' } | { state: 'unknown' };

export interface AvmPropertyValue {
  /** The ARM property (dotted path under the resource). */
  property: string;
  /** The module param that decides it. */
  param: string;
  /** The caller passed `param` (`passed`), or left it to the module's default (`default`). */
  source: 'passed' | 'default';
  /** The property's value on the resource; `missing` when the module leaves it out (a null is left out too). */
  value: AvmValue;
  /** Other params the value was derived from (publicNetworkAccess from networkAcls when not passed). */
  derivedFrom?: string[];
}

const MISSING: AvmValue = { state: 'missing' };
const UNKNOWN: AvmValue = { state: 'unknown' };

/**
 * The resource properties the module sets from the call's params. `passed(name)` says what the call
 * passes for a param: a value (`known`, a JSON value, `null` included), `unknown` (an expression the
 * analysis cannot fold), or `missing`/undefined (not in `params`: the module's default applies; a
 * required param not passed is unknown).
 */
export function avmResourceProperties(entry: AvmModuleEntry, passed: (param: string) => AvmValue | undefined): AvmPropertyValue[] {
  const input = (name: string): AvmValue => {
    const given = passed(name);
    if (given && given.state !== 'missing') return given;
    const param = entry.params[name];
    // A required param not passed fails the deployment: nothing is known of it.
    if (param?.required) return UNKNOWN;
    return param?.default === undefined ? MISSING : { state: 'known', value: param.default };
  };
  const result: AvmPropertyValue[] = [];
  for (const [name, param] of Object.entries(entry.params)) {
    const given = passed(name);
    const source = given && given.state !== 'missing' ? 'passed' : 'default';
    const { value, derivedFrom } = applyTransform(param.transform, input(name), input);
    result.push({ property: param.property, param: name, source, value: value.state === 'known' && value.value === null ? MISSING : value, ...(derivedFrom ? { derivedFrom } : {}) });
  }
  return result;
}

function applyTransform(transform: AvmTransform | undefined, value: AvmValue, input: (name: string) => AvmValue): { value: AvmValue; derivedFrom?: string[] } {
  if (!transform) return { value };
  // Of an unknown value only `nullWhen` can still say something (its gate is another param).
  if (value.state === 'unknown' && transform.kind !== 'nullWhen') return { value };
  switch (transform.kind) {
    case 'toLower':
      return { value: value.state === 'known' && typeof value.value === 'string' ? { state: 'known', value: value.value.toLowerCase() } : value };
    case 'emptyToNull':
      return { value: isEmpty(value) ? MISSING : value };
    case 'deriveWhenEmpty': {
      if (!isEmpty(value)) return { value };
      const other = input(transform.param);
      const derived: AvmValue = other.state === 'unknown' ? UNKNOWN : { state: 'known', value: isEmpty(other) ? transform.ifEmpty : transform.ifSet };
      return { value: derived, derivedFrom: [transform.param] };
    }
    case 'nullWhen': {
      const gate = input(transform.param);
      if (gate.state === 'known' && sameJson(gate.value, transform.equals)) return { value: MISSING, derivedFrom: [transform.param] };
      if (gate.state === 'unknown') return { value: UNKNOWN, derivedFrom: [transform.param] };
      return { value };
    }
    case 'pickFields': {
      if (isEmpty(value)) return { value: MISSING };
      if (value.state !== 'known' || !isObject(value.value)) return { value: UNKNOWN };
      const picked: Record<string, BicepValue> = {};
      for (const [field, fallback] of Object.entries(transform.fields)) {
        const v = value.value[field] ?? fallback;
        if (v !== null) picked[field] = v;
      }
      return { value: { state: 'known', value: picked } };
    }
    case 'whenGiven':
      return { value: isEmpty(value) ? MISSING : { state: 'known', value: transform.set } };
    case 'identity':
      return { value: identityOf(transform, value) };
  }
}

function identityOf(transform: Extract<AvmTransform, { kind: 'identity' }>, value: AvmValue): AvmValue {
  if (isEmpty(value)) return MISSING;
  if (value.state !== 'known' || !isObject(value.value)) return UNKNOWN;
  const system = value.value.systemAssigned ?? false;
  const user = transform.systemOnly ? [] : (value.value[transform.userKey] ?? []);
  if (typeof system !== 'boolean' || !(Array.isArray(user) || isObject(user))) return UNKNOWN;
  const hasUser = !isEmptyValue(user);
  const type = system ? (hasUser ? `SystemAssigned${transform.separator}UserAssigned` : 'SystemAssigned') : hasUser ? 'UserAssigned' : transform.none;
  return { state: 'known', value: { type } };
}

/**
 * The value of a property path on the resource (`properties.networkAcls.defaultAction`), read from
 * `avmResourceProperties`' result: inside an object a param sets, or assembled from the params that
 * set paths below it. `from` is the property value that decided it; undefined when no param of the
 * module sets anything on that path (the module never writes it: `missing`).
 */
export function avmPropertyAt(values: readonly AvmPropertyValue[], path: string): { value: AvmValue; from: AvmPropertyValue | undefined } {
  for (const v of values) {
    if (path !== v.property && !path.startsWith(`${v.property}.`)) continue;
    const rest = path === v.property ? [] : path.slice(v.property.length + 1).split('.');
    let value = v.value;
    for (const key of rest) {
      if (value.state !== 'known') break;
      const next: BicepValue | undefined = isObject(value.value) ? value.value[key] : undefined;
      value = next === undefined || next === null ? MISSING : { state: 'known', value: next };
    }
    return { value, from: v };
  }
  // A path above what the params set (`properties`): the object of the values below it.
  const below = values.filter((v) => v.property.startsWith(`${path}.`));
  if (below.length === 0) return { value: MISSING, from: undefined };
  if (below.some((v) => v.value.state === 'unknown')) return { value: UNKNOWN, from: undefined };
  const object: Record<string, BicepValue> = {};
  for (const v of below) {
    if (v.value.state !== 'known') continue;
    const keys = v.property.slice(path.length + 1).split('.');
    let target = object;
    for (const key of keys.slice(0, -1)) {
      const existing = target[key];
      target = isObject(existing) ? existing : (target[key] = {});
    }
    target[keys[keys.length - 1]!] = v.value.value;
  }
  return { value: { state: 'known', value: object }, from: undefined };
}

// ---------------------------------------------------------------------------------------------
// Bicep's `empty()` and friends over JSON values

function isObject(value: BicepValue | undefined): value is { [key: string]: BicepValue } {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

function isEmptyValue(value: BicepValue): boolean {
  if (value === null || value === '') return true;
  if (Array.isArray(value)) return value.length === 0;
  if (isObject(value)) return Object.keys(value).length === 0;
  return false;
}

/** `empty(value)` (a missing value is null); false for an unknown one. */
function isEmpty(value: AvmValue): boolean {
  return value.state === 'missing' || (value.state === 'known' && isEmptyValue(value.value));
}

function sameJson(a: BicepValue, b: BicepValue): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

// ---------------------------------------------------------------------------------------------
// The entry as a Bicep template

/**
 * A small Bicep template standing for the module at `entry`'s version: its params (types and
 * defaults as published), the resource with the properties they set, written with the module's own
 * expressions, and the `@secure()` key outputs. Analysed at a module call like a local module, it
 * gives the same values as `avmResourceProperties`. Only what the table knows is in it: properties
 * the module sets from lookups of other resources (Key Vault URIs, identities' client ids) are left out.
 */
export function avmTemplate(entry: AvmModuleEntry): string {
  const lines: string[] = [`// ${entry.module} ${entry.tableVersion}, from the analyser's table (${entry.source})`, '', 'param name string'];
  const declared = new Set(['name']);
  const declare = (param: string, type: AvmParamType, fallback: BicepValue | undefined, required = false) => {
    if (declared.has(param)) return;
    declared.add(param);
    if (fallback !== undefined) lines.push(`param ${param} ${type} = ${oneLine(fallback)}`);
    else lines.push(`param ${param} ${type}${required ? '' : '?'}`);
  };
  for (const [param, spec] of Object.entries(entry.params)) declare(param, spec.type, spec.default, spec.required);
  for (const spec of Object.values(entry.params)) {
    // A param a transform reads that the table does not list (the workspace's `privateEndpoints`).
    if (spec.transform?.kind === 'deriveWhenEmpty' && !(spec.transform.param in entry.params)) declare(spec.transform.param, 'array', undefined);
  }
  const tree: Tree = new Map();
  for (const [param, spec] of Object.entries(entry.params)) setInTree(tree, spec.property.split('.'), expressionOf(param, spec.transform));
  lines.push('', `resource ${entry.symbolicName} '${entry.resourceType}@${entry.apiVersion}' = {`, '  name: name', ...treeLines(tree, '  '), '}');
  for (const [output, key] of Object.entries(entry.keyOutputs)) {
    const value = `${entry.symbolicName}.${key.value}`;
    lines.push('', '@secure()', key.gatedOnLocalAuth ? `output ${output} string? = !disableLocalAuth ? ${value} : null` : `output ${output} string = ${value}`);
  }
  return `${lines.join('\n')}\n`;
}

type Tree = Map<string, Tree | string>;

function setInTree(tree: Tree, keys: readonly string[], expression: string): void {
  const [first, ...rest] = keys;
  if (rest.length === 0) {
    tree.set(first!, expression);
    return;
  }
  let child = tree.get(first!);
  if (typeof child !== 'object') tree.set(first!, (child = new Map()));
  setInTree(child, rest, expression);
}

function treeLines(tree: Tree, indent: string): string[] {
  const lines: string[] = [];
  for (const [key, value] of tree) {
    if (typeof value === 'string') lines.push(`${indent}${key}: ${value}`);
    else lines.push(`${indent}${key}: {`, ...treeLines(value, `${indent}  `), `${indent}}`);
  }
  return lines;
}

/** The module's expression for a property set from `param`. */
function expressionOf(param: string, transform: AvmTransform | undefined): string {
  if (!transform) return param;
  switch (transform.kind) {
    case 'toLower':
      return `toLower(${param})`;
    case 'emptyToNull':
      return `!empty(${param}) ? ${param} : null`;
    case 'deriveWhenEmpty':
      return `!empty(${param}) ? ${param} : (!empty(${transform.param}) ? ${oneLine(transform.ifSet)} : ${oneLine(transform.ifEmpty)})`;
    case 'nullWhen':
      return `${transform.param} == ${oneLine(transform.equals)} ? null : ${param}`;
    case 'pickFields': {
      const fields = Object.entries(transform.fields).map(([field, fallback]) =>
        fallback === null ? `${field}: ${param}.?${field}` : `${field}: ${param}.?${field} ?? ${oneLine(fallback)}`,
      );
      return `!empty(${param} ?? {}) ? { ${fields.join(', ')} } : null`;
    }
    case 'whenGiven':
      return `!empty(${param}) ? ${oneLine(transform.set)} : null`;
    case 'identity': {
      const system = `(${param}.?systemAssigned ?? false)`;
      const user = `!empty(${param}.?${transform.userKey} ?? {})`;
      const none = oneLine(transform.none);
      const type = transform.systemOnly
        ? `${system} ? 'SystemAssigned' : ${none}`
        : `${system} ? (${user} ? 'SystemAssigned${transform.separator}UserAssigned' : 'SystemAssigned') : (${user} ? 'UserAssigned' : ${none})`;
      return `!empty(${param}) ? { type: ${type} } : null`;
    }
  }
}

/** A JSON value as one-line Bicep (objects with `, ` between members). */
function oneLine(value: BicepValue): string {
  if (typeof value === 'string') return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\$\{/g, '\\${')}'`;
  if (value === null || typeof value !== 'object') return String(value);
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  const members = Object.entries(value).map(([k, v]) => `${/^[A-Za-z_][A-Za-z0-9_]*$/.test(k) ? k : oneLine(k)}: ${oneLine(v)}`);
  return members.length === 0 ? '{}' : `{ ${members.join(', ')} }`;
}

/** A registry module call as the cross-file analysis takes it: a label for messages, the template standing for the module, and a note when the version is newer than the table. */
export interface AvmRegistryModule {
  /** `avm/res/search/search-service 0.11.1`. */
  label: string;
  template: string;
  /** Said in every message about the call: "version 0.19.0 is newer than the analyser's table; checked as 0.18.0". */
  note?: string;
  entry: AvmModuleEntry;
}

/** The module a target names (`br/public:avm/res/…:<version>` or `br:mcr.microsoft.com/bicep/avm/res/…:<version>`), when the table covers it. */
export function avmRegistryModule(target: string): AvmRegistryModule | undefined {
  const entry = avmModuleForTarget(target);
  if (!entry) return undefined;
  return {
    label: `${entry.module} ${entry.version}`,
    template: avmTemplate(entry),
    ...(entry.newerThanTable ? { note: `version ${entry.version} is newer than the analyser's table; checked as ${entry.tableVersion}` } : {}),
    entry,
  };
}
