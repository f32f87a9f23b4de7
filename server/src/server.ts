import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  TextDocuments,
  TextDocumentSyncKind,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { languageOf } from './engine/language.js';
import { codeActionsFor } from './lsp/code-actions.js';
import { toDiagnostics } from './lsp/diagnostics.js';
import { AnalysisCache } from './lsp/documents-analysis.js';
import { FolderConfigCache } from './lsp/folder-config.js';
import { SOURCE } from './lsp/protocol.js';
import { folderOfDocument } from './lsp/workspace-edit.js';
import { CONFIG_FILE_NAME } from './workspace/config-file.js';

/** Wait after the last keystroke before analysing: typing bursts cost one analysis. */
const DEBOUNCE_MS = 120;

const connection = createConnection();
const documents = new TextDocuments(TextDocument);
const analyses = new AnalysisCache();
const folderConfigs = new FolderConfigCache();
const pending = new Map<string, NodeJS.Timeout>();
let folders: string[] = [];

function filePath(uri: string): string | undefined {
  return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
}

function folderOf(uri: string): string | undefined {
  const file = filePath(uri);
  return file ? folderOfDocument(file, folders) : undefined;
}

async function engineConfigFor(uri: string) {
  const folder = folderOf(uri);
  if (!folder) return {};
  const { config } = await folderConfigs.get(folder);
  return { rules: config.rules };
}

connection.onInitialize((params): InitializeResult => {
  folders = (params.workspaceFolders ?? []).map((f) => filePath(f.uri)).filter((f): f is string => f !== undefined);
  if (folders.length === 0 && params.rootUri) {
    const root = filePath(params.rootUri);
    if (root) folders = [root];
  }
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix], resolveProvider: false },
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SOURCE },
  };
});

connection.onInitialized(() => {
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const removed = new Set(event.removed.map((f) => filePath(f.uri)));
    folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => filePath(f.uri)).filter((f): f is string => f !== undefined)];
    revalidateAll();
  });
});

function schedule(document: TextDocument): void {
  clearTimeout(pending.get(document.uri));
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      void validate(document.uri);
    }, DEBOUNCE_MS),
  );
}

async function validate(uri: string): Promise<void> {
  const before = documents.get(uri);
  if (!before || !languageOf(uri, before.languageId)) return;
  try {
    const config = await engineConfigFor(uri);
    // The document may have changed or closed while the config was read: drop stale work.
    const document = documents.get(uri);
    if (!document || document.version !== before.version) return;
    const result = analyses.get(document, config);
    for (const failure of result.ruleFailures) connection.console.error(`Rule ${failure.ruleId} failed on ${uri}: ${failure.message}`);
    void connection.sendDiagnostics({ uri, version: document.version, diagnostics: toDiagnostics(result, document.version) });
  } catch (error) {
    connection.console.error(`Analysis of ${uri} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function revalidateAll(): void {
  analyses.clear();
  for (const document of documents.all()) schedule(document);
}

documents.onDidOpen((event) => void validate(event.document.uri));
documents.onDidChangeContent((event) => schedule(event.document));
documents.onDidClose((event) => {
  clearTimeout(pending.get(event.document.uri));
  pending.delete(event.document.uri);
  analyses.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onDidChangeWatchedFiles(async (params) => {
  let configChanged = false;
  for (const change of params.changes) {
    if (!change.uri.endsWith(`/${CONFIG_FILE_NAME}`)) continue;
    configChanged = true;
    const file = filePath(change.uri);
    if (!file) continue;
    const folder = folderOfDocument(file, folders);
    folderConfigs.invalidate(folder);
    const { problems } = await folderConfigs.get(folder);
    void connection.sendDiagnostics({
      uri: pathToFileURL(file).toString(),
      diagnostics: problems.map((p) => ({ range: p.range, message: p.message, severity: DiagnosticSeverity.Error, source: SOURCE })),
    });
  }
  if (configChanged) revalidateAll();
});

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const folder = document && folderOf(document.uri);
  const language = document && languageOf(document.uri, document.languageId);
  if (!document || !folder || !language) return [];
  const result = analyses.peek(document.uri, document.version) ?? analyses.get(document, await engineConfigFor(document.uri));
  return codeActionsFor(document, language, params.context.diagnostics, result, folder, (uri) => documents.get(uri)?.getText());
});

documents.listen(connection);
connection.listen();
