import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  TextDocuments,
  TextDocumentSyncKind,
  type CancellationToken,
  type Connection,
  type WorkDoneProgressParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { formatSarif } from './cli/sarif.js';
import { analyzeDocument, type AnalysisResult } from './engine/index.js';
import { languageOf } from './engine/language.js';
import { auditWorkspace, type WorkspaceAudit } from './lsp/audit.js';
import { codeActionsFor } from './lsp/code-actions.js';
import { toDiagnostics } from './lsp/diagnostics.js';
import { AnalysisCache } from './lsp/documents-analysis.js';
import { effectiveConfig } from './lsp/effective-config.js';
import { FolderConfigCache } from './lsp/folder-config.js';
import { hoverFor } from './lsp/hover.js';
import { FIX_ALL_KIND, Notifications, Requests, SOURCE, type AuditResult, type InitializationOptions } from './lsp/protocol.js';
import { SettingsStore } from './lsp/settings.js';
import { fileUri, uriToPath } from './lsp/uris.js';
import { buildFixAllEdit, folderOfDocument } from './lsp/workspace-edit.js';
import { withSaveCommand } from './lsp/code-actions.js';
import { CONFIG_FILE_NAME, parseConfigFile } from './workspace/config-file.js';
import { auditReportMarkdown } from './workspace/report.js';

declare const PACKAGE_VERSION: string;

/** Wait after the last keystroke before analysing: a typing burst costs one analysis. */
const DEBOUNCE_MS = 120;
/** `initializationOptions.debounceMs` (the editor latency bench sets 0 to time the analysis alone). */
let debounceMs = DEBOUNCE_MS;

const connection: Connection = createConnection();
const documents = new TextDocuments(TextDocument);
const analyses = new AnalysisCache();
const folderConfigs = new FolderConfigCache();
const settings = new SettingsStore(connection);
const pending = new Map<string, NodeJS.Timeout>();
/** Files the last audit published diagnostics for: closing one keeps its audit findings visible. */
const audited = new Set<string>();
let folders: string[] = [];
let trusted = true;
let lastAudit: WorkspaceAudit | undefined;

const filePath = uriToPath;

function folderOf(uri: string): string | undefined {
  const file = filePath(uri);
  return file ? folderOfDocument(file, folders) : undefined;
}

function isConfigFile(uri: string): boolean {
  return uri.endsWith(`/${CONFIG_FILE_NAME}`);
}

const configFor = (uri: string) => effectiveConfig(uri, folderOf(uri), settings, folderConfigs, trusted);

connection.onInitialize((params): InitializeResult => {
  folders = (params.workspaceFolders ?? []).map((f) => filePath(f.uri)).filter((f): f is string => f !== undefined);
  if (folders.length === 0 && params.rootUri) {
    const root = filePath(params.rootUri);
    if (root) folders = [root];
  }
  trusted = (params.initializationOptions as InitializationOptions | undefined)?.trusted ?? true;
  const requestedDebounce = (params.initializationOptions as InitializationOptions | undefined)?.debounceMs;
  if (typeof requestedDebounce === 'number' && requestedDebounce >= 0) debounceMs = requestedDebounce;
  settings.canPull = params.capabilities.workspace?.configuration === true;
  return {
    capabilities: {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental },
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix, FIX_ALL_KIND], resolveProvider: false },
      hoverProvider: true,
      workspace: { workspaceFolders: { supported: true, changeNotifications: true } },
    },
    serverInfo: { name: SOURCE, version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : undefined },
  };
});

connection.onInitialized(() => {
  connection.workspace.onDidChangeWorkspaceFolders((event) => {
    const removed = new Set(event.removed.map((f) => filePath(f.uri)));
    folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => filePath(f.uri)).filter((f): f is string => f !== undefined)];
    folderConfigs.invalidate();
    revalidateAll();
  });
  if (settings.canPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'azureAiSecurity' }).catch(() => undefined);
  for (const folder of folders) void publishConfigProblems(fileUri(path.join(folder, CONFIG_FILE_NAME)));
});

function schedule(document: TextDocument): void {
  clearTimeout(pending.get(document.uri));
  pending.set(
    document.uri,
    setTimeout(() => {
      pending.delete(document.uri);
      void validate(document.uri);
    }, debounceMs),
  );
}

function publish(uri: string, result: AnalysisResult, version?: number): void {
  void connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(result, version ?? -1) });
}

async function validate(uri: string): Promise<void> {
  const before = documents.get(uri);
  if (!before) return;
  if (isConfigFile(uri)) return publishConfigProblems(uri, before.getText());
  if (!languageOf(uri, before.languageId)) return;
  try {
    const config = await configFor(uri);
    // The document may have changed or closed while settings were read: drop stale work.
    const document = documents.get(uri);
    if (!document || document.version !== before.version) return;
    if (!config.enabled) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const result = analyses.get(document, config.engine);
    for (const failure of result.ruleFailures) connection.console.error(`Rule ${failure.ruleId} failed on ${uri}: ${failure.message}`);
    publish(uri, result, document.version);
  } catch (error) {
    connection.console.error(`Analysis of ${uri} failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Problems of a `.azure-ai-security.json` (the editor's text when open), as diagnostics on it. */
async function publishConfigProblems(uri: string, openText?: string): Promise<void> {
  const file = filePath(uri);
  if (!file) return;
  let problems;
  if (openText !== undefined) problems = parseConfigFile(openText).problems;
  else {
    folderConfigs.invalidate(path.dirname(file));
    problems = (await folderConfigs.get(path.dirname(file))).problems;
  }
  void connection.sendDiagnostics({ uri, diagnostics: problems.map((p) => ({ range: p.range, message: p.message, severity: DiagnosticSeverity.Error, source: SOURCE })) });
}

function revalidateAll(): void {
  analyses.clear();
  for (const document of documents.all()) schedule(document);
}

documents.onDidOpen((event) => void validate(event.document.uri));
documents.onDidChangeContent((event) => schedule(event.document));
documents.onDidClose(async (event) => {
  const { uri } = event.document;
  clearTimeout(pending.get(uri));
  pending.delete(uri);
  analyses.delete(uri);
  settings.forget(uri);
  if (isConfigFile(uri)) return publishConfigProblems(uri);
  const entry = audited.has(uri) ? lastAudit?.files.find((f) => f.uri === uri) : undefined;
  // A file the audit reported keeps its findings as of the audit; any other closed file is cleared.
  void connection.sendDiagnostics({ uri, diagnostics: entry ? toDiagnostics({ findings: entry.findings, syntaxErrors: [], ruleFailures: [], parsed: true, language: entry.language, aiResources: [] }, -1) : [] });
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  revalidateAll();
});

connection.onNotification(Notifications.trustGranted, () => {
  trusted = true;
  folderConfigs.invalidate();
  revalidateAll();
});

connection.onDidChangeWatchedFiles(async (params) => {
  let changed = false;
  for (const change of params.changes) {
    if (!isConfigFile(change.uri)) continue;
    changed = true;
    if (!documents.get(change.uri)) await publishConfigProblems(change.uri);
    else {
      const file = filePath(change.uri);
      if (file) folderConfigs.invalidate(path.dirname(file));
    }
  }
  if (changed) revalidateAll();
});

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document || !languageOf(document.uri, document.languageId)) return null;
  const result = analyses.peek(document.uri, document.version);
  return result ? hoverFor(result, params.position) : null;
});

function wantsFixAll(only: readonly string[] | undefined): boolean {
  return only !== undefined && only.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`));
}

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const folder = document && folderOf(document.uri);
  const language = document && languageOf(document.uri, document.languageId);
  if (!document || !folder || !language) return [];
  const version = document.version;
  const openText = (uri: string) => documents.get(uri)?.getText();
  const result = analyses.peek(document.uri, version) ?? analyses.get(document, (await configFor(document.uri)).engine);
  // The document moved on while we worked: answer nothing rather than edits for an old text.
  if (documents.get(document.uri)?.version !== version) return [];
  if (wantsFixAll(params.context.only)) {
    // Restricted Mode: nothing is applied on save (README, Workspace Trust).
    if (!trusted) return [];
    const engine = (await configFor(document.uri)).engine;
    const analyse = (text: string) => analyzeDocument({ uri: document.uri, languageId: document.languageId, text }, engine).findings;
    const edit = await buildFixAllEdit(document.uri, version, document.getText(), analyse, folder, openText);
    return edit ? [withSaveCommand(CodeAction.create('Fix all safe Azure AI Security problems', edit, FIX_ALL_KIND))] : [];
  }
  return codeActionsFor(document, language, params.context.diagnostics, result, folder, openText);
});

connection.onRequest(Requests.audit, async (params: WorkDoneProgressParams | undefined, token: CancellationToken): Promise<AuditResult> => {
  const workDone = connection.window.attachWorkDoneProgress(params?.workDoneToken);
  const audit = await auditWorkspace(
    folders,
    {
      configFor: async (folder) => configFor(fileUri(folder)),
      openText: (uri) => documents.get(uri)?.getText(),
      publish: (uri, result) => {
        const open = documents.get(uri);
        if (open) return; // open documents publish their own, live diagnostics
        audited.add(uri);
        publish(uri, result);
      },
      log: (message) => connection.console.log(message),
    },
    token,
    workDone,
  );
  lastAudit = audit;
  const counts = { error: 0, warning: 0, info: 0 };
  for (const f of audit.files) for (const finding of f.findings) counts[finding.severity]++;
  return {
    markdown: auditReportMarkdown({ ...audit, generatedAt: new Date() }),
    files: audit.scannedFiles,
    findings: counts,
    notices: audit.notices.length,
    cancelled: audit.cancelled,
  };
});

connection.onRequest(Requests.exportSarif, async (params: WorkDoneProgressParams | undefined, token: CancellationToken): Promise<string> => {
  const workDone = connection.window.attachWorkDoneProgress(params?.workDoneToken);
  const audit =
    lastAudit && !lastAudit.cancelled
      ? lastAudit
      : await auditWorkspace(folders, { configFor: async (f) => configFor(fileUri(f)), openText: (uri) => documents.get(uri)?.getText(), publish: () => undefined, log: () => undefined }, token, workDone);
  const baseDir = audit.folders[0] ?? process.cwd();
  return formatSarif({ baseDir, files: audit.files, notices: audit.notices, scannedFiles: audit.scannedFiles }, typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev');
});

connection.onRequest(Requests.serverInfo, () => ({ pid: process.pid, version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev' }));

documents.listen(connection);
connection.listen();
