import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * The one place a rule's documentation link is built. The pages ship with the extension and the
 * CLI (`docs/rules/<id>.md`), so the link works offline and always matches the installed version.
 */
export function ruleDocsUrl(ruleId: string): string {
  // Every diagnostic carries one, and building a file URL costs more than the rest of a diagnostic.
  let url = urls.get(ruleId);
  if (url === undefined) urls.set(ruleId, (url = pathToFileURL(path.join(docsFolder(), `${ruleId}.md`)).toString()));
  return url;
}

const urls = new Map<string, string>();

let folder: string | undefined;

export function docsFolder(): string {
  if (folder) return folder;
  // dist/server.js and dist/cli.js sit one level below the package root; sources two or three.
  for (let dir = __dirname, i = 0; i < 5; dir = path.dirname(dir), i++) {
    const candidate = path.join(dir, 'docs', 'rules');
    if (existsSync(candidate)) return (folder = candidate);
  }
  return (folder = path.join(__dirname, '..', 'docs', 'rules'));
}

/** The README shipped beside the docs: the tool's `informationUri` in SARIF. */
export function readmeUrl(): string {
  return pathToFileURL(path.join(docsFolder(), '..', '..', 'README.md')).toString();
}

/** A rule's doc page as Markdown (SARIF `help.markdown`), or undefined when it is not installed. */
export function rulePage(ruleId: string): string | undefined {
  try {
    return readFileSync(path.join(docsFolder(), `${ruleId}.md`), 'utf8');
  } catch {
    return undefined;
  }
}

/** The package.json shipped beside the docs (its `homepage` and `repository`), or an empty object. */
export function packageManifest(): Record<string, unknown> {
  try {
    return JSON.parse(readFileSync(path.join(docsFolder(), '..', '..', 'package.json'), 'utf8')) as Record<string, unknown>;
  } catch {
    return {};
  }
}
