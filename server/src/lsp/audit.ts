import { fileUri } from './uris.js';
import type { CancellationToken, WorkDoneProgressReporter } from 'vscode-languageserver';
import type { AnalysisResult, EngineConfig } from '../engine/index.js';
import { discoverFiles, type Notice } from '../workspace/discover.js';
import { readSource } from '../workspace/read-source.js';
import { analyseForAudit, type FileResult } from '../workspace/audit.js';

export interface FolderAuditConfig {
  engine: EngineConfig;
  exclude: readonly string[];
  maxFileSize: number;
  enabled: boolean;
}

export interface WorkspaceAudit {
  folders: string[];
  files: (FileResult & { uri: string; aiResources: AnalysisResult['aiResources'] })[];
  notices: Notice[];
  scannedFiles: number;
  cancelled: boolean;
}

export interface AuditHooks {
  configFor(folder: string): Promise<FolderAuditConfig>;
  /** The editor's text of an open document, which wins over the file on disk. */
  openText(uri: string): string | undefined;
  publish(uri: string, result: AnalysisResult): void;
  log(message: string): void;
}

/** Longest stretch of work between two yields to the event loop, so cancellation is seen quickly. */
const SLICE_MS = 20;

/**
 * Audits every workspace folder in the server: discovers files (respecting .gitignore and the
 * exclude settings), analyses each (the editor's text for open documents), publishes its
 * diagnostics so closed files show in the Problems panel, reports progress, and stops between
 * files when cancelled.
 */
export async function auditWorkspace(folders: readonly string[], hooks: AuditHooks, token: CancellationToken, progress: WorkDoneProgressReporter): Promise<WorkspaceAudit> {
  const audit: WorkspaceAudit = { folders: [...folders], files: [], notices: [], scannedFiles: 0, cancelled: false };
  progress.begin('Azure AI Security: auditing', 0, 'Finding files…', true);
  try {
    const plan: { folder: string; file: string; config: FolderAuditConfig }[] = [];
    // Nested workspace folders: a file is audited once, with its innermost folder's settings.
    const planned = new Map<string, number>();
    for (const folder of [...folders].sort((a, b) => a.length - b.length)) {
      try {
        const config = await hooks.configFor(folder);
        if (!config.enabled) continue;
        for (const file of await discoverFiles(folder, config.exclude, audit.notices)) {
          const at = planned.get(file);
          if (at === undefined) planned.set(file, plan.push({ folder, file, config }) - 1);
          else plan[at] = { folder, file, config };
        }
      } catch (error) {
        audit.notices.push({ path: folder, message: `Folder not audited: ${(error as NodeJS.ErrnoException).code ?? String(error)}.` });
      }
      if (token.isCancellationRequested) break;
    }
    let sliceStart = Date.now();
    for (let i = 0; i < plan.length; i++) {
      if (Date.now() - sliceStart > SLICE_MS) {
        await new Promise((resolve) => setImmediate(resolve));
        sliceStart = Date.now();
      }
      if (token.isCancellationRequested) break;
      const { file, config } = plan[i]!;
      const uri = fileUri(file);
      let text = hooks.openText(uri);
      if (text === undefined) {
        const read = await readSource(file, config.maxFileSize);
        if (read.kind === 'skipped') {
          audit.notices.push({ path: file, message: `Skipped: ${read.reason}.` });
          hooks.log(`Audit skipped ${file}: ${read.reason}`);
          continue;
        }
        text = read.text;
      }
      const { analysis: result, notices } = analyseForAudit(file, text, config.engine);
      audit.notices.push(...notices);
      for (const n of notices) hooks.log(`${file}: ${n.message}`);
      if (!result) continue;
      audit.scannedFiles++;
      hooks.publish(uri, result);
      if (result.findings.length > 0 || result.aiResources.length > 0) {
        audit.files.push({ path: file, uri, language: result.language, findings: result.findings, syntaxErrors: [], ruleFailures: [], aiResources: result.aiResources });
      }
      progress.report(Math.round(((i + 1) / plan.length) * 100), `${i + 1}/${plan.length} files`);
    }
    audit.cancelled = token.isCancellationRequested;
  } finally {
    progress.done();
  }
  return audit;
}
