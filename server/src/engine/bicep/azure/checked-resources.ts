/**
 * Which resources a Bicep rule looks at (each page of docs/rules/ names them): the resource types,
 * the AI account's `kind`, and the rule that `existing` resources are never checked for their own
 * properties.
 */
import { escapesMatter, lowerCaseOf, perText } from '../../prefilter.js';
import { equalsIgnoreCase } from '../../text.js';
import {
  derived,
  derivedKey,
  evaluateString,
  getPropertyValue,
  isResourceType,
  resourceDeclarations,
  type BicepFile,
  type Expression,
  type ObjectExpression,
  type ResourceInfo,
} from '../index.js';

export const AI_ACCOUNT = 'Microsoft.CognitiveServices/accounts';
export const AI_SEARCH = 'Microsoft.Search/searchServices';
export const ML_WORKSPACE = 'Microsoft.MachineLearningServices/workspaces';
export const STORAGE_ACCOUNT = 'Microsoft.Storage/storageAccounts';
export const WEB_SITE = 'Microsoft.Web/sites';
export const WEB_SITE_CONFIG = 'Microsoft.Web/sites/config';
export const CONTAINER_APP = 'Microsoft.App/containerApps';
export const AI_ACCOUNT_CONNECTION = 'Microsoft.CognitiveServices/accounts/connections';
export const AI_PROJECT_CONNECTION = 'Microsoft.CognitiveServices/accounts/projects/connections';
export const ML_WORKSPACE_CONNECTION = 'Microsoft.MachineLearningServices/workspaces/connections';
export const APIM_NAMED_VALUE = 'Microsoft.ApiManagement/service/namedValues';
export const APIM_BACKEND = 'Microsoft.ApiManagement/service/backends';

/**
 * A Bicep prefilter for rules that only look at resources of `types`: the file must name one of their
 * namespaces (`Microsoft.CognitiveServices`, in any case, as `isResourceType` compares). A nested child
 * resource's type starts with its parent's, which is written in the same file.
 */
export function typesPrefilter(...types: string[]): (text: string) => boolean {
  const namespaces = [...new Set(types.map((t) => t.slice(0, t.indexOf('/')).toLowerCase()))];
  return (text) => namespaces.some((n) => namespacesIn(text).has(n)) || escapesMatter(text);
}

const NAMESPACE = /microsoft\.[a-z0-9]+/g;

/** `microsoft.<name>` namespaces a text mentions (lower case): one pass per file instead of one `includes` per namespace per rule. */
const namespacesIn = perText((text): ReadonlySet<string> => new Set(lowerCaseOf(text).match(NAMESPACE)));

/** A resource declared (not `existing`) with a readable body: the resources whose properties rules check. */
export interface CheckedResource extends ResourceInfo {
  body: ObjectExpression;
}

/**
 * Declared resources of any of `types` (case-insensitive, any api version), wherever they stand:
 * top level, nested, in `[for …]` loops and behind `if (…)` conditions alike.
 */
export function checkedResources(file: BicepFile, ...types: string[]): readonly CheckedResource[] {
  const index = checkedByType(file);
  // One type: the index's own list (shared, hence readonly), already in declaration order.
  if (types.length === 1) return index.get(types[0]!.toLowerCase()) ?? [];
  const found: CheckedResource[] = [];
  for (const type of types) for (const resource of index.get(type.toLowerCase()) ?? []) found.push(resource);
  // In declaration order, as if filtered from the file (several types interleave).
  return found.sort((a, b) => a.declaration.start - b.declaration.start);
}

const CHECKED_BY_TYPE = derivedKey<Map<string, CheckedResource[]>>('checked resources by type');

/** The file's checked resources by lower-cased type, built once per file (every Bicep rule asks). */
function checkedByType(file: BicepFile): Map<string, CheckedResource[]> {
  return derived(file, CHECKED_BY_TYPE, () => {
    const index = new Map<string, CheckedResource[]>();
    for (const r of resourceDeclarations(file)) {
      if (r.existing || r.body === undefined || r.type === undefined) continue;
      const key = r.type.toLowerCase();
      const list = index.get(key);
      if (list) list.push(r as CheckedResource);
      else index.set(key, [r as CheckedResource]);
    }
    return index;
  });
}

/** An AI account's `kind`, when written as a literal, a param default or a var; undefined when unknown. */
export function kindOf(file: BicepFile, resource: CheckedResource): string | undefined {
  return evaluateString(getPropertyValue(resource.body, 'kind'), file);
}

/**
 * An ML workspace's kind in lower case: `'project'` for a hub's project (kind `Project`, or any
 * `properties.hubResourceId` written, which only a project has), `'default'` when no kind is written
 * (ARM's default), else the kind as written; undefined when it cannot be known.
 */
export function workspaceKindOf(file: BicepFile, resource: CheckedResource): string | undefined {
  if (getPropertyValue(resource.body, 'properties.hubResourceId') !== undefined) return 'project';
  const kind = getPropertyValue(resource.body, 'kind');
  if (kind === undefined) return 'default';
  return evaluateString(kind, file)?.toLowerCase();
}

/** Case-insensitive equality for ARM enum values ('enabled' = 'Enabled'). */
export function sameEnum(value: unknown, wanted: string): boolean {
  return typeof value === 'string' && equalsIgnoreCase(value, wanted);
}

/** Case-insensitive resource type test. */
export function isType(resource: CheckedResource, type: string): boolean {
  return isResourceType(resource, type);
}

/** "Azure AI account 'openAi'", "AI Search service 'search'", … for messages. */
export function resourceLabel(resource: CheckedResource): string {
  const type = resource.type?.toLowerCase();
  const what =
    type === AI_ACCOUNT.toLowerCase()
      ? 'Azure AI account'
      : type === AI_SEARCH.toLowerCase()
        ? 'AI Search service'
        : type === ML_WORKSPACE.toLowerCase()
          ? 'Machine learning workspace'
          : type === STORAGE_ACCOUNT.toLowerCase()
            ? 'Storage account'
            : type?.startsWith('microsoft.web/sites')
              ? 'Web app'
              : 'Resource';
  return `${what} '${resource.symbolicName}'`;
}

/** `appsettings` for `name: 'appsettings'` and the older `name: '${site.name}/appsettings'`. */
export function configName(file: BicepFile, name: Expression | undefined): string | undefined {
  const known = evaluateString(name, file);
  const text = known ?? (name?.kind === 'String' ? name.parts[name.parts.length - 1] : undefined);
  return text?.split('/').pop()?.toLowerCase();
}
