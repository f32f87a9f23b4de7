import { clientsKeySite } from '../typescript/key-site.js';
import { entraIdFix } from '../typescript/entra-id.js';
import { findClientSites, mayConstructClient } from '../typescript/client-sites.js';
import { findKeySinks } from '../typescript/key-sinks.js';
import { describeResource, infraIndex, linksOf, localAuthWhere, rejectsKey } from '../links.js';
import type { Rule, TypeScriptContext } from '../rule.js';

/**
 * Code that authenticates with a key to a resource whose Bicep sets `disableLocalAuth: true`
 * (docs/rules/key-auth-rejected.md): every call fails with 401 once deployed. Needs the workspace:
 * a file judged alone has no links.
 */
function check(ctx: TypeScriptContext): void {
  const { workspace, ts: tsc, sourceFile, lines } = ctx;
  if (!workspace || infraIndex(workspace.view).resources.length === 0) return;
  const clients = findClientSites(tsc, sourceFile, lines);
  const links = linksOf(workspace.view, workspace.file, clients).filter(rejectsKey);
  if (links.length === 0) return;
  const sinks = findKeySinks(tsc, sourceFile);
  for (const link of links) {
    const site = clientsKeySite(tsc, sourceFile, lines, sinks, link.client.range);
    if (!site) continue;
    const resource = describeResource(link.resource, workspace.file);
    const where = localAuthWhere(link.resource, workspace.file);
    ctx.report({
      range: lines.range(site.node.getStart(sourceFile), site.node.end),
      message:
        `${link.client.client} authenticates with a key, but ${resource}, linked by ${link.via}, has disableLocalAuth: true${where ? ` (${where})` : ''}: ` +
        'the service will reject the call (401) once deployed. Use Microsoft Entra ID (DefaultAzureCredential) and give the app a role on the resource.',
      fixes: () => {
        const fix = entraIdFix(ctx, site.sink);
        return fix ? [fix] : [];
      },
    });
  }
}

export const rule: Rule = {
  id: 'key-auth-rejected',
  feature: 'authentication',
  languages: ['typescript'],
  severity: 'error',
  docs: {
    summary: 'Code calls an Azure AI resource with a key although its Bicep disables key authentication (disableLocalAuth: true).',
    why:
      'With local authentication disabled the resource accepts only Microsoft Entra ID tokens: a key-based call fails with 401 once deployed. ' +
      'The most secure authentication method is managed roles in Microsoft Entra ID, which the resource already requires.',
    fix: 'Use Microsoft Entra ID: pass `new DefaultAzureCredential()` (or a token provider for `AzureOpenAI`) and give the identity a data-plane role.',
  },
  typescriptPrefilter: (text: string) => mayConstructClient(text),
  typescript: check,
};
