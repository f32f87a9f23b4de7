/**
 * Public pages for a report that leaves the machine (SARIF read by GitHub code scanning or Azure
 * DevOps): derived from package.json's `repository` and `homepage`, https only. A report never
 * links a local `file://` path: it would leak the scanning machine's folders and open nothing for
 * anyone else. Without a public repository the links are left out.
 */
export interface PublicLinks {
  /** The tool's page (SARIF `informationUri`). */
  information: string;
  /** A rule's page (SARIF `helpUri`), when the repository host serves files by path. */
  rule?: (ruleId: string) => string;
}

/**
 * Without a public homepage or repository, the tool's page is the guidance its rules implement
 * (README, first paragraph): public, and never a path of the scanning machine.
 */
export const GUIDANCE_URL = 'https://learn.microsoft.com/azure/ai-services/security-features';

function httpsUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string') return undefined;
  let text = value.trim().replace(/^git\+/, '');
  const shorthand = /^(?:github:)?([\w.-]+)\/([\w.-]+)$/.exec(text);
  if (shorthand) text = `https://github.com/${shorthand[1]}/${shorthand[2]}`;
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && !url.username && !url.password ? url : undefined;
  } catch {
    return undefined;
  }
}

export function publicLinks(manifest: Record<string, unknown>): PublicLinks {
  const repositoryField = manifest.repository;
  const repository = httpsUrl(typeof repositoryField === 'object' && repositoryField !== null ? (repositoryField as { url?: unknown }).url : repositoryField);
  const homepage = httpsUrl(manifest.homepage);
  const repo = repository && `${repository.origin}${repository.pathname.replace(/\.git$/, '').replace(/\/$/, '')}`;
  const links: PublicLinks = { information: homepage?.toString() ?? repo ?? GUIDANCE_URL };
  // github.com and gitlab.com both serve `<repo>/blob/<ref>/<path>`; the tag of the installed version.
  if (repo && (repository.hostname === 'github.com' || repository.hostname === 'gitlab.com')) {
    const version = typeof manifest.version === 'string' ? manifest.version : undefined;
    const ref = version ? `v${version}` : 'HEAD';
    links.rule = (ruleId) => `${repo}/blob/${encodeURIComponent(ref)}/docs/rules/${encodeURIComponent(ruleId)}.md`;
  }
  return links;
}
