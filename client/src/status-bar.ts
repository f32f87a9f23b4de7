import * as vscode from 'vscode';
import { Commands, SOURCE } from '../../server/src/lsp/protocol.js';

/** Number of Azure AI Security findings in the workspace; a click opens the audit report. */
export function createStatusBar(context: vscode.ExtensionContext): void {
  const item = vscode.window.createStatusBarItem('azureAiSecurity.findings', vscode.StatusBarAlignment.Left, 10);
  item.name = 'Azure AI Security';
  item.command = Commands.showReport;
  const update = () => {
    let count = 0;
    let errors = 0;
    for (const [, diagnostics] of vscode.languages.getDiagnostics()) {
      for (const d of diagnostics) {
        if (d.source !== SOURCE || d.severity === vscode.DiagnosticSeverity.Hint) continue;
        count++;
        if (d.severity === vscode.DiagnosticSeverity.Error) errors++;
      }
    }
    item.text = `$(shield) ${count}`;
    item.tooltip = `Azure AI Security: ${count} finding${count === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}) in open and audited files. Click for the audit report.`;
    item.backgroundColor = errors > 0 ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    item.show();
  };
  // An audit publishes thousands of files in a burst: count once the burst is over.
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(update, 150);
  };
  context.subscriptions.push(item, vscode.languages.onDidChangeDiagnostics(schedule), { dispose: () => clearTimeout(timer) });
  update();
}
