import { evaluateString, getProperty, getPropertyValue, rangeOf, type BicepFile } from '../bicep/index.js';
import { clientsOfResource, shown } from '../links.js';
import type { WorkspaceView } from '../summary.js';
import { fixes, fixOf, removePropertyEdit, setValueEdit } from '../bicep/azure/fix-builders.js';
import { decisionOf, describeValue, findingRange, readProperty } from '../bicep/azure/read-property.js';
import { AI_ACCOUNT, AI_SEARCH, checkedResources, isType, typesPrefilter, type CheckedResource } from '../bicep/azure/checked-resources.js';
import type { Rule } from '../rule.js';

/**
 * The code sites linked to the resource (`links.ts`): `entraOnly` names them when every one uses
 * Microsoft Entra ID (and one is linked); `keyUsers` counts those that authenticate with a key or
 * in a way the analysis cannot tell (the fix would break them, so it is then only a suggestion).
 */
function linkedCode(view: WorkspaceView, filePath: string, file: BicepFile, resource: CheckedResource, search: boolean): { entraOnly?: string; keyUsers: number } {
  const host = evaluateString(getPropertyValue(resource.body, search ? 'name' : 'properties.customSubDomainName'), file)?.toLowerCase();
  const clients = clientsOfResource(view, filePath, resource.symbolicName, host);
  const keyUsers = clients.filter((c) => c.link.client.credential.kind !== 'entra').length;
  if (clients.length === 0 || keyUsers > 0) return { keyUsers };
  const sites = clients.slice(0, 3).map((c) => `${shown(filePath, c.file)}:${c.link.client.range.start.line + 1}`);
  return { keyUsers, entraOnly: `${sites.join(', ')}${clients.length > 3 ? ` and ${clients.length - 3} more` : ''} ${clients.length === 1 ? 'uses' : 'use'} Microsoft Entra ID` };
}

export const rule: Rule = {
  id: 'local-auth-enabled',
  feature: 'authentication',
  languages: ['bicep'],
  severity: 'warning',
  docs: {
    summary: 'An Azure AI account or AI Search service accepts API keys (disableLocalAuth is not true).',
    why:
      'Subscription keys are the simplest authentication method but not the most secure: a leaked key works for anyone until it is regenerated. ' +
      'The most secure method is managed roles in Microsoft Entra ID, and disabling local authentication makes it the only way in.',
    fix: 'Disable key authentication: set properties.disableLocalAuth to true (and drop AI Search authOptions, which cannot be set with it).',
  },
  bicepPrefilter: typesPrefilter(AI_ACCOUNT, AI_SEARCH),
  bicep(ctx) {
    const { file } = ctx;
    for (const resource of checkedResources(file, AI_ACCOUNT, AI_SEARCH)) {
      const read = readProperty(file, resource, 'properties.disableLocalAuth');
      if (read.state === 'unknown' || (read.state === 'known' && read.value === true)) continue;
      const search = isType(resource, AI_SEARCH);
      // AI Search rejects authOptions together with disableLocalAuth: true, so the fix removes it.
      const authOptions = search ? getProperty(resource.body, 'properties.authOptions') : undefined;
      const edits = () =>
        authOptions && read.state === 'missing' && read.container === authOptions.parent
          ? [{ range: rangeOf(file, authOptions), newText: 'disableLocalAuth: true' }]
          : [setValueEdit(file, read, true), ...(authOptions ? [removePropertyEdit(file, authOptions)] : [])];
      const what = search ? `AI Search service '${resource.symbolicName}'` : `Azure AI account '${resource.symbolicName}'`;
      const { entraOnly, keyUsers } = ctx.workspace ? linkedCode(ctx.workspace.view, ctx.workspace.file, file, resource, search) : { entraOnly: undefined, keyUsers: 0 };
      ctx.report({
        range: findingRange(file, read, resource),
        decision: decisionOf(read),
        message: entraOnly
          ? `${what} accepts API keys: disableLocalAuth is ${describeValue(read)}, and no code in this workspace uses a key for it ` +
            `(${entraOnly}). Set disableLocalAuth to true: nothing here needs the keys.`
          : `${what} accepts API keys: disableLocalAuth is ${describeValue(read)}. ` +
            'Set disableLocalAuth to true and give callers a Microsoft Entra ID role (managed identity) instead of a key.',
        fixes: () => fixes(fixOf('Disable key authentication: set disableLocalAuth to true', keyUsers === 0, ...edits())),
      });
    }
  },
};
