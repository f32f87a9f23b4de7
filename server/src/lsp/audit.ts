import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { SettingsForFolder } from '../workspace/audit-settings.js';
import { runAudit, type AuditResult, type FileResult } from '../workspace/audit.js';
import type { WorkspaceModel } from '../workspace/model.js';
import type { AuditCache } from '../workspace/audit-cache.js';

export interface AuditHooks {
  settingsFor: SettingsForFolder;
  /** The server's model, kept current by the audit. */
  model: WorkspaceModel;
  onListing?: (dir: string, names: ReadonlySet<string>) => void;
  /** The editor's text of an open document, which wins over the file on disk. */
  openText: (file: string) => string | undefined;
  publish(file: FileResult): void;
  log(message: string): void;
  /** Results of files unchanged since the last audit (kept in memory by the server). */
  cache?: AuditCache;
}

/**
 * The editor's face of the audit driver (`workspace/audit.ts`): every workspace folder, the
 * editor's text for open documents, each file's diagnostics published as it is analysed (so
 * closed files show in the Problems panel), work-done progress, and cancellation.
 */
export async function auditWorkspace(folders: readonly string[], hooks: AuditHooks, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<AuditResult> {
  const abort = new AbortController();
  const cancellation = token.onCancellationRequested(() => abort.abort());
  if (token.isCancellationRequested) abort.abort();
  progress.begin('Azure AI Security: auditing', 0, 'Finding files…', true);
  let reported = -1;
  try {
    const audit = await runAudit(folders, {
      settingsFor: hooks.settingsFor,
      model: hooks.model,
      onListing: hooks.onListing,
      openText: hooks.openText,
      onFile: (file) => hooks.publish(file),
      onProgress: (done, total) => {
        const percent = Math.round((done / Math.max(total, 1)) * 100);
        if (percent === reported && done !== total) return;
        reported = percent;
        progress.report(percent, `${done}/${total} files`);
      },
      signal: abort.signal,
      cache: hooks.cache,
    });
    if (hooks.cache) {
      // A cancelled audit saw only part of the workspace: the next one starts from the last complete one.
      if (audit.cancelled) hooks.cache.discardRun();
      else {
        hooks.log(`Audit: ${hooks.cache.hits} unchanged file${hooks.cache.hits === 1 ? '' : 's'} reused, ${hooks.cache.misses} analysed.`);
        hooks.cache.roll();
      }
    }
    for (const n of audit.notices) hooks.log(`${n.path}: ${n.message}`);
    return audit;
  } finally {
    cancellation.dispose();
    progress.done();
  }
}
