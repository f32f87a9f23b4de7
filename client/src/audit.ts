import * as vscode from 'vscode';
import { WorkDoneProgress, type LanguageClient } from 'vscode-languageclient/node';
import { Requests, type AuditSummary } from '../../server/src/lsp/protocol.js';

let tokenCounter = 0;

/**
 * Runs a server request under a cancellable progress notification, relaying the server's
 * work-done progress ("12/340 files") and cancelling the request when the user cancels.
 */
export async function withServerProgress<T>(client: LanguageClient, title: string, method: string): Promise<T> {
  return vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, async (progress, cancel) => {
    const workDoneToken = `azureAiSecurity-${process.pid}-${++tokenCounter}`;
    let last = 0;
    const listener = client.onProgress(WorkDoneProgress.type, workDoneToken, (value) => {
      if (value.kind === 'end') return;
      const percentage = value.percentage ?? last;
      progress.report({ message: value.message, increment: Math.max(0, percentage - last) });
      last = percentage;
    });
    try {
      return await client.sendRequest<T>(method, { workDoneToken }, cancel);
    } finally {
      listener.dispose();
    }
  });
}

export async function runAudit(client: LanguageClient): Promise<AuditSummary> {
  return withServerProgress<AuditSummary>(client, 'Azure AI Security: auditing workspace', Requests.audit);
}

/** Writes the report beside the extension's workspace state and opens its Markdown preview. */
export async function showReport(context: vscode.ExtensionContext, markdown: string): Promise<vscode.Uri> {
  const folder = context.storageUri ?? context.globalStorageUri;
  await vscode.workspace.fs.createDirectory(folder);
  const file = vscode.Uri.joinPath(folder, 'Azure AI Security audit.md');
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(markdown));
  await vscode.commands.executeCommand('markdown.showPreview', file);
  return file;
}
