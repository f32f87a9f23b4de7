import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { runAudit, showReport, withServerProgress } from './audit.js';
import { Commands, FIX_ALL_KIND, InternalCommands, Notifications, Requests } from '../../server/src/lsp/protocol.js';
import { createStatusBar } from './status-bar.js';

const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'bicep', 'bicepparam'];
/** `.env`, `.env.*`, Azure Functions' `local.settings.json`, ASP.NET's `appsettings*.json`. */
const CONFIG_FILES = '**/{.env,.env.*,local.settings.json,appsettings.json,appsettings.*.json}';

let client: LanguageClient | undefined;

/** Thin: starts the bundled language server and forwards commands; all analysis happens there. */
/** What the extension exports to other extensions and tests. */
export interface AzureAiSecurityApi {
  /** The running language server's pid and version (it changes when the server restarts). */
  serverInfo(): Promise<{ pid: number; version: string }>;
}

export async function activate(context: vscode.ExtensionContext): Promise<AzureAiSecurityApi> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      ...LANGUAGES.flatMap((language) => [
        { scheme: 'file', language },
        { scheme: 'untitled', language },
      ]),
      { scheme: 'file', pattern: '**/.azure-ai-security.json' },
      // Config and secret files, whatever language the editor gives them (VS Code has no built-in
      // `dotenv`: a .env is `dotenv` with an extension, else `plaintext` or `properties`), so they are
      // picked by name; the server analyses them as it does on disk (engine/language.ts).
      // `.gitignore` is not analysed: synced so a fix appends to the editor's text of an open, unsaved one.
      { scheme: 'file', pattern: CONFIG_FILES },
      // azd's ARM parameter files set a Bicep template's params (docs/rules/README.md, "Across files").
      { scheme: 'file', pattern: '**/*.parameters.json' },
      { scheme: 'file', pattern: '**/.gitignore' },
    ],
    // Config files, and the sources whose summaries the workspace model keeps (a file changed or
    // deleted outside the editor updates its entry).
    synchronize: {
      // `.gitignore`: what git ignores decides whether a config file has findings.
      fileEvents: [
        vscode.workspace.createFileSystemWatcher('**/.azure-ai-security.json'),
        vscode.workspace.createFileSystemWatcher('**/*.{bicep,bicepparam,ts,tsx,mts,cts,js,jsx,mjs,cjs}'),
        vscode.workspace.createFileSystemWatcher('**/*.parameters.json'),
        vscode.workspace.createFileSystemWatcher('**/.gitignore'),
      ],
    },
    initializationOptions: { trusted: vscode.workspace.isTrusted, compileCacheFolder: vscode.Uri.joinPath(context.globalStorageUri, 'code-cache').fsPath },
  };
  const languageClient = new LanguageClient('azureAiSecurity', 'Azure AI Security', serverOptions, clientOptions);
  client = languageClient;
  let lastReport: string | undefined;

  const audit = async () => {
    const result = await runAudit(languageClient);
    lastReport = result.markdown;
    await showReport(context, result.markdown);
    const total = result.findings.error + result.findings.warning + result.findings.info;
    const summary = `${result.cancelled ? 'Audit cancelled: partial results. ' : ''}${total} finding${total === 1 ? '' : 's'} in ${result.files} files (${result.findings.error} errors, ${result.findings.warning} warnings, ${result.findings.info} info).`;
    void vscode.window.showInformationMessage(`Azure AI Security: ${summary}`);
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(Commands.auditWorkspace, audit),
    vscode.commands.registerCommand(Commands.showReport, async () => (lastReport ? showReport(context, lastReport) : audit())),
    vscode.commands.registerCommand(Commands.exportSarif, async () => {
      const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
      const target = await vscode.window.showSaveDialog({
        defaultUri: folder ? vscode.Uri.joinPath(folder, 'azure-ai-security.sarif') : undefined,
        filters: { SARIF: ['sarif', 'json'] },
        title: 'Export Azure AI Security audit as SARIF',
      });
      if (!target) return;
      let sarif: string;
      try {
        sarif = await withServerProgress<string>(languageClient, 'Azure AI Security: exporting SARIF', Requests.exportSarif);
      } catch (error) {
        void vscode.window.showWarningMessage(`Azure AI Security: SARIF not written (${error instanceof Error ? error.message : String(error)}).`);
        return;
      }
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(sarif));
      void vscode.window.showInformationMessage(`Azure AI Security: SARIF written to ${target.fsPath}`);
    }),
    vscode.commands.registerCommand(Commands.fixAllInFile, async () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) return;
      const document = editor.document;
      const whole = new vscode.Range(0, 0, document.lineCount, 0);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND);
      const fixAll = actions?.find((a) => a.kind?.value === FIX_ALL_KIND && a.edit);
      if (!fixAll?.edit) {
        const why = vscode.workspace.isTrusted ? 'no safe fixes for this file' : 'fixes are not applied automatically in Restricted Mode (trust the folder, or use Ctrl+. on each finding)';
        void vscode.window.showInformationMessage(`Azure AI Security: ${why}.`);
        return;
      }
      if (!(await vscode.workspace.applyEdit(fixAll.edit))) {
        void vscode.window.showWarningMessage('Azure AI Security: the fixes could not be applied (the file changed meanwhile?). Try again.');
        return;
      }
      if (fixAll.command) await vscode.commands.executeCommand(fixAll.command.command, ...((fixAll.command.arguments ?? []) as unknown[]));
    }),
    vscode.commands.registerCommand(Commands.showRuleDocumentation, async (ruleId?: string) => {
      const id = typeof ruleId === 'string' ? ruleId : await pickRule(context);
      if (!id) return;
      const page = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`)));
      await vscode.commands.executeCommand('markdown.showPreview', page);
    }),
    vscode.commands.registerCommand(InternalCommands.saveFiles, async (...uris: string[]) => {
      for (const uri of uris) {
        const target = vscode.Uri.parse(uri).toString();
        const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target);
        if (document?.isDirty) await document.save();
      }
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => void languageClient.sendNotification(Notifications.trustGranted)),
  );
  createStatusBar(context);
  await languageClient.start();
  return { serverInfo: () => languageClient.sendRequest(Requests.serverInfo) };
}

async function pickRule(context: vscode.ExtensionContext): Promise<string | undefined> {
  const folder = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules')));
  const entries = await vscode.workspace.fs.readDirectory(folder);
  const ids = entries
    .map(([name]) => name.replace(/\.md$/, ''))
    .filter((id) => id !== 'README')
    .sort();
  return vscode.window.showQuickPick(ids, { placeHolder: 'Rule to show documentation for' });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
