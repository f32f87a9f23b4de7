import * as path from 'node:path';
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

/** Kept in step with server/src/lsp/protocol.ts (a consistency test checks the manifest). */
const SHOW_RULE_DOCUMENTATION = 'azureAiSecurity.showRuleDocumentation';
const LANGUAGES = ['typescript', 'typescriptreact', 'javascript', 'javascriptreact', 'bicep', 'bicepparam'];

let client: LanguageClient | undefined;

/** Thin: starts the bundled language server and forwards commands; all analysis happens there. */
export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const serverModule = context.asAbsolutePath(path.join('dist', 'server.js'));
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6019'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: LANGUAGES.flatMap((language) => [
      { scheme: 'file', language },
      { scheme: 'untitled', language },
    ]),
    synchronize: { fileEvents: vscode.workspace.createFileSystemWatcher('**/.azure-ai-security.json') },
  };

  context.subscriptions.push(
    vscode.commands.registerCommand(SHOW_RULE_DOCUMENTATION, async (ruleId?: string) => {
      const id = ruleId ?? (await pickRule(context));
      if (!id) return;
      const page = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules', `${id}.md`)));
      await vscode.commands.executeCommand('markdown.showPreview', page);
    }),
  );

  client = new LanguageClient('azureAiSecurity', 'Azure AI Security', serverOptions, clientOptions);
  await client.start();
}

async function pickRule(context: vscode.ExtensionContext): Promise<string | undefined> {
  const folder = vscode.Uri.file(context.asAbsolutePath(path.join('docs', 'rules')));
  const entries = await vscode.workspace.fs.readDirectory(folder);
  const ids = entries.map(([name]) => name.replace(/\.md$/, '')).sort();
  return vscode.window.showQuickPick(ids, { placeHolder: 'Rule to show documentation for' });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
