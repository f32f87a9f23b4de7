import { evaluateBoolean, evaluateString, getPropertyValue, resourceDeclarations, walk, type BicepFile } from './bicep/index.js';
import type { Range } from './types.js';

/** An Azure AI resource declared in a Bicep file, for the audit report's manual checklist. */
export interface AiResource {
  symbolicName: string;
  type: string;
  /** `kind` when it is written as a literal (or a param default / var). */
  kind?: string;
  range: Range;
  /** `disableLocalAuth: true`: there are no keys to rotate. */
  localAuthDisabled: boolean;
  /** A `Microsoft.Network/privateEndpoints` in the same file links to this resource. */
  privateEndpointInFile: boolean;
}

export const AI_RESOURCE_TYPES = ['Microsoft.CognitiveServices/accounts', 'Microsoft.Search/searchServices', 'Microsoft.MachineLearningServices/workspaces'];

const AI_TYPES = new Set(AI_RESOURCE_TYPES.map((t) => t.toLowerCase()));

export function aiResourcesOf(file: BicepFile): AiResource[] {
  const all = resourceDeclarations(file);
  const ai = all.filter((r) => !r.existing && r.type && AI_TYPES.has(r.type.toLowerCase()));
  if (ai.length === 0) return [];
  const linked = new Set<string>();
  for (const endpoint of all) {
    if (endpoint.type?.toLowerCase() !== 'microsoft.network/privateendpoints' || !endpoint.body) continue;
    walk(endpoint.body, (node) => {
      // `privateLinkServiceId: account.id`: the symbol before `.id` is the linked resource.
      if (node.kind === 'Member' && node.member.text === 'id' && node.object.kind === 'Identifier') linked.add(node.object.name);
      return true;
    });
  }
  return ai.map((r) => ({
    symbolicName: r.symbolicName,
    type: r.type!,
    kind: r.body ? evaluateString(getPropertyValue(r.body, 'kind'), file) : undefined,
    range: r.nameRange,
    localAuthDisabled: r.body ? evaluateBoolean(getPropertyValue(r.body, 'properties.disableLocalAuth'), file) === true : false,
    privateEndpointInFile: linked.has(r.symbolicName),
  }));
}
