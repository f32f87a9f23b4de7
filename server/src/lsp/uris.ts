import { URI } from 'vscode-uri';

/**
 * File URIs spelled the way VS Code spells them (`file:///c%3A/…` on Windows; `(`, `@`, `+` … encoded),
 * so that URIs the server builds match the ones the client sends. Node's `pathToFileURL` differs.
 */
export function fileUri(filePath: string): string {
  return URI.file(filePath).toString();
}

/** The file-system path of a `file:` URI, or undefined for other schemes (`untitled:`) and bad input. */
export function uriToPath(uri: string): string | undefined {
  try {
    const parsed = URI.parse(uri);
    return parsed.scheme === 'file' ? parsed.fsPath : undefined;
  } catch {
    return undefined;
  }
}
