import * as path from 'node:path';
import {
  CodeAction,
  CodeActionKind,
  createConnection,
  DiagnosticSeverity,
  DidChangeConfigurationNotification,
  FileChangeType,
  TextDocuments,
  TextDocumentSyncKind,
  LSPErrorCodes,
  ResponseError,
  type CancellationToken,
  type Connection,
  type WorkDoneProgressParams,
  type InitializeResult,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { setCompileCacheFolder, writePendingCompileCache } from './compile-cache.js';
import { AuditCache } from './workspace/audit-cache.js';
import { scrubSecrets } from './engine/secrets/scrub.js';
import { analyzeDocument, materializeFindings, summarizeDocument, type AnalysisContext, type AnalysisResult, type RuleFailure } from './engine/index.js';
import { configLanguageOf, languageOf } from './engine/language.js';
import { auditWorkspace, type AuditHooks } from './lsp/audit.js';
import { toDiagnostics, type DiagnosticsSource } from './lsp/diagnostics.js';
import { AnalysisCache } from './lsp/documents-analysis.js';
import { EditorConfig, type DocumentConfig } from './lsp/editor-config.js';
import { hoverFor, type HoverLink } from './lsp/hover.js';
import { describeResource, linksFingerprint, linksOf } from './engine/links.js';
import { FIX_ALL_KIND, Notifications, Requests, SOURCE, type AuditSummary, type InitializationOptions } from './lsp/protocol.js';
import { SettingsStore } from './lsp/settings.js';
import { fileUri, uriToPath } from './lsp/uris.js';
import { buildFixAllEdit } from './lsp/workspace-edit.js';
import { codeActionsFor, withSaveCommand } from './lsp/code-actions.js';
import { countBySeverity } from './report/counts.js';
import { auditReportMarkdown } from './report/markdown.js';
import { formatSarif } from './report/sarif.js';
import type { FileResult } from './workspace/audit.js';
import { CONFIG_FILE_NAME, parseConfigFile, type ConfigProblem } from './workspace/config-file.js';
import { ConfigResolver, innermostFolder } from './workspace/config-resolver.js';
import { ASYNC_IO, GitIgnores } from './workspace/git-ignore.js';
import { WorkspaceModel } from './workspace/model.js';
import { readSource, readTextSync } from './workspace/read-source.js';
import { discoverFiles, type DiscoveredFile, type Notice } from './workspace/discover.js';

declare const PACKAGE_VERSION: string;

/** Wait after the last keystroke before analysing: a typing burst costs one analysis. */
const DEBOUNCE_MS = 120;
/** `initializationOptions.debounceMs` (the editor latency bench sets 0 to time the analysis alone). */
let debounceMs = DEBOUNCE_MS;

const connection: Connection = createConnection();
const documents = new TextDocuments(TextDocument);
const analyses = new AnalysisCache();
/** What each file of the workspace declares, for cross-file analysis: built by audits, kept current by edits and file events. */
const model = new WorkspaceModel();
const settings = new SettingsStore(connection);
/** Analyses waiting for their debounce: a timer, or with no debounce the next turn of the event loop. */
const pending = new Map<string, { cancel(): void }>();
/** Files the audits published diagnostics for: closing one keeps its findings visible. */
const audited = new Set<string>();
let folders: string[] = [];
let trusted = true;

const filePath = uriToPath;

/** What git ignores, for config files (a `.env` git ignores gets no finding): read as the CLI's walk reads it. */
const gitIgnores = new GitIgnores(ASYNC_IO, () => folders);

/** Whether git ignores a config document; undefined for other documents and ones not on disk. */
async function gitIgnoredOf(uri: string): Promise<boolean | undefined> {
  const file = filePath(uri);
  return file && configLanguageOf(uri) ? gitIgnores.isIgnored(file) : undefined;
}

/** The analysis context of a document as the engine gets it (`analyzeDocument`'s last argument). */
async function contextOf(uri: string): Promise<AnalysisContext> {
  const ignored = await gitIgnoredOf(uri);
  return ignored === undefined ? {} : { git: { isIgnored: () => ignored } };
}

function folderOf(uri: string): string | undefined {
  const file = filePath(uri);
  return file ? innermostFolder(file, folders) : undefined;
}

function isConfigFile(uri: string): boolean {
  return uri.endsWith(`/${CONFIG_FILE_NAME}`);
}

/**
 * Config files, found as the CLI finds them (workspace/config-resolver.ts). Made anew when the
 * workspace folders or the trust change; a config file's problems are shown on it as it is read.
 */
let resolver: ConfigResolver | undefined;
function configResolver(): ConfigResolver {
  resolver ??= new ConfigResolver({ boundaries: folders, readConfigFiles: trusted, onProblems: publishConfigFileProblems });
  return resolver;
}
const editorConfig = new EditorConfig(settings, configResolver, (file) => innermostFolder(file, folders));

function resetConfig(): void {
  resolver = undefined;
}

const configFor = (uri: string): Promise<DocumentConfig> => editorConfig.forDocument(uri, filePath(uri));

function logAnalysisFailure(uri: string, error: unknown): void {
  connection.console.error(`Analysis of ${uri} failed: ${scrubSecrets(error instanceof Error ? error.message : String(error))}`);
}

connection.onInitialize((params): InitializeResult => {
  folders = (params.workspaceFolders ?? []).map((f) => filePath(f.uri)).filter((f): f is string => f !== undefined);
  if (folders.length === 0 && params.rootUri) {
    const root = filePath(params.rootUri);
    if (root) folders = [root];
  }
  const options = params.initializationOptions as InitializationOptions | undefined;
  trusted = options?.trusted ?? true;
  if (typeof options?.compileCacheFolder === 'string') setCompileCacheFolder(options.compileCacheFolder);
  const requestedDebounce = options?.debounceMs;
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
  model.readText = (file) => documents.get(fileUri(file))?.getText() ?? readTextSync(file);
  void indexBicepFiles();
  try {
    connection.workspace.onDidChangeWorkspaceFolders((event) => {
      const removed = new Set(event.removed.map((f) => filePath(f.uri)));
      folders = [...folders.filter((f) => !removed.has(f)), ...event.added.map((f) => filePath(f.uri)).filter((f): f is string => f !== undefined)];
      resetConfig();
      revalidateAll();
      void indexBicepFiles();
    });
  } catch {
    // A client that sends no folder change events keeps the folders it started with.
  }
  if (settings.canPull) void connection.client.register(DidChangeConfigurationNotification.type, { section: 'azureAiSecurity' }).catch(() => undefined);
  // Reading each folder's config shows its problems on it (configResolver's onProblems).
  for (const folder of folders) void configResolver().scopeOf(folder);
});

function schedule(document: TextDocument): void {
  const { uri } = document;
  pending.get(uri)?.cancel();
  const run = () => {
    pending.delete(uri);
    void validate(uri);
  };
  // `setTimeout(…, 0)` waits at least 1 ms in Node.js; with no debounce the next turn is enough.
  if (debounceMs === 0) {
    const immediate = setImmediate(run);
    pending.set(uri, { cancel: () => clearImmediate(immediate) });
  } else {
    const timer = setTimeout(run, debounceMs);
    pending.set(uri, { cancel: () => clearTimeout(timer) });
  }
}

function publish(uri: string, result: DiagnosticsSource, version?: number): void {
  void connection.sendDiagnostics({ uri, version, diagnostics: toDiagnostics(result, version ?? -1) });
}

async function validate(uri: string): Promise<void> {
  const before = documents.get(uri);
  if (!before) return;
  if (isConfigFile(uri)) return publishConfigProblems(uri, before.getText());
  if (!languageOf(uri, before.languageId)) return;
  try {
    const config = await configFor(uri);
    const gitIgnored = await gitIgnoredOf(uri);
    // The document may have changed or closed while settings were read: drop stale work.
    const document = documents.get(uri);
    if (!document || document.version !== before.version) return;
    if (!config.analysed) {
      void connection.sendDiagnostics({ uri, diagnostics: [] });
      return;
    }
    const file = filePath(uri);
    // The other files this edit changes are judged after this file's diagnostics are on their way.
    dependentsHeld = true;
    try {
      const bicep = file !== undefined && isBicepDocument(document);
      const result = bicep ? analyseBicep(document, file, config) : analyseOther(document, file, config, gitIgnored);
      logRuleFailures(uri, result.ruleFailures);
      publish(uri, result, document.version);
      // Its clients are what other files read of it, not what its own diagnostics need: recorded once
      // those are written (on the next turn of the event loop, queued before this).
      if (!bicep) setImmediate(() => noteSummary(document, file, result));
    } finally {
      startDependents();
    }
    // After the diagnostics are out: the first analysis of TypeScript has compiled the parser.
    setImmediate(writePendingCompileCache);
  } catch (error) {
    logAnalysisFailure(uri, error);
  }
}

/** A file of the Bicep module graph: a template, a `.bicepparam` file or an ARM parameter file. */
function isGraphFile(uriOrPath: string, languageId?: string): boolean {
  const language = languageOf(uriOrPath, languageId);
  return language === 'bicep' || language === 'bicepparam' || language === 'armparams';
}

function isBicepDocument(document: TextDocument): boolean {
  return isGraphFile(document.uri, document.languageId);
}

/**
 * A Bicep document is judged with the workspace in view (its callers, its modules, its parameter
 * files): its own entry in the model follows its text first, and when that changes the module
 * graph, every other Bicep file shown is analysed again (docs/rules/README.md, "Across files").
 */
function analyseBicep(document: TextDocument, file: string, config: DocumentConfig): AnalysisResult {
  const text = document.getText();
  // One parse: the file's findings depend on the other files' entries, not on its own, which follows from the result.
  const result = analyses.get(document, config.engine, { workspace: { view: model, file, generation: model.generation } });
  // Blanks typed or deleted at the end of a line: nothing another file reads of this one changed
  // (its summary is not even built), so no other file is judged again.
  if (model.keepsMeaning(file, text)) return result;
  const before = model.generation;
  const formerTargets = model.targetsOf(file);
  model.set(file, result.summary, text);
  if (model.generation !== before) {
    // A module the file no longer calls may have lost its last caller: it is judged again too.
    for (const target of formerTargets) formerNeighbours.add(target);
    analyses.retag(document.uri, model.generation);
    scheduleBicepDependents(document.uri);
  }
  return result;
}

/**
 * Code is judged with the workspace's Bicep in view (its clients' links: key-auth-rejected), so its
 * analysis is current for one Bicep generation. What it gives the model (its clients) is recorded
 * by `noteSummary`.
 */
function analyseOther(document: TextDocument, file: string | undefined, config: DocumentConfig, gitIgnored: boolean | undefined): AnalysisResult {
  const code = file !== undefined && languageOf(document.uri, document.languageId) === 'typescript';
  return analyses.get(document, config.engine, { gitIgnored, ...(code && { workspace: { view: model, file, generation: model.bicepGeneration } }) });
}

/**
 * A non-Bicep document's entry in the model (a code file's clients): when its clients change, the
 * Bicep files shown are judged again (their messages name the code that uses each resource). Its own
 * findings never read its own entry, so `validate` records it once they are written (building the
 * clients of a 5,000-line file cost ~3 ms of its first diagnostics).
 */
function noteSummary(document: TextDocument, file: string | undefined, result: AnalysisResult): void {
  if (file) {
    const before = model.generation;
    model.set(file, result.summary);
    if (model.generation !== before) scheduleBicepDependents(document.uri, false);
  }
}

/** After a Bicep file changed: the other Bicep files shown (open, or closed with audit findings) are judged again. */
let dependentsTimer: NodeJS.Immediate | undefined;
/**
 * An edit's dependents wait for its own diagnostics: `validate` publishes, then starts them (the
 * message is written on the next turn of the event loop, before their work). Elsewhere they start at once.
 */
let dependentsHeld = false;
let dependentsDue = false;
const changedBicep = new Set<string>();
let codeDependents = false;
/** Modules that changed files called before the change (they may have lost a caller). */
const formerNeighbours = new Set<string>();
/** What the links between code and infrastructure were when code files were last judged (`linksFingerprint`). */
let lastLinks = '';

/**
 * `bicepChanged`: a Bicep file changed, not only a code file's clients. Only what can change is
 * judged again: the Bicep files of the changed files' module graph (callers, modules, parameter
 * files, at any distance); code files with clients when the links they read changed; after a code
 * file's clients changed, the Bicep files (their messages name the code using each resource).
 */
function scheduleBicepDependents(changedUri: string, bicepChanged = true): void {
  changedBicep.add(changedUri);
  codeDependents ||= bicepChanged;
  if (dependentsHeld) dependentsDue = true;
  else runDependentsSoon();
}

/** Called once the edited file's diagnostics are published: its dependents may run now. */
function startDependents(): void {
  dependentsHeld = false;
  if (dependentsDue) runDependentsSoon();
  dependentsDue = false;
}

function runDependentsSoon(): void {
  dependentsTimer ??= setImmediate(() => {
    dependentsTimer = undefined;
    const changed = new Set(changedBicep);
    const bicep = codeDependents;
    changedBicep.clear();
    codeDependents = false;
    let code = false;
    // Any code with clients (open, or known from an audit): a Bicep file's messages may name it.
    if (bicep && model.hasCodeClients()) {
      const links = linksFingerprint(model);
      code = links !== lastLinks;
      lastLinks = links;
    }
    // '': the background index finished, everything may have changed. When the links between code and
    // infrastructure changed, every file connected to the changed ones is judged again (a message may name the code).
    const changedFiles = [...changed].flatMap((uri) => filePath(uri) ?? []);
    const related = bicep && !changed.has('') ? (code ? graphNeighbourhood([...changedFiles, ...formerNeighbours]) : dependentsOf(changedFiles, [...formerNeighbours])) : undefined;
    formerNeighbours.clear();
    const relatedUri = (uri: string) => {
      const file = filePath(uri);
      return related === undefined || (file !== undefined && related.has(file));
    };
    for (const document of documents.all()) {
      if (changed.has(document.uri)) continue;
      if ((isBicepDocument(document) && relatedUri(document.uri)) || (code && hasClients(document.uri))) schedule(document);
    }
    for (const uri of audited) if (!documents.get(uri) && !changed.has(uri) && ((isGraphFile(uri) && relatedUri(uri)) || (code && hasClients(uri)))) void republishClosed(uri);
  });
}

/**
 * The Bicep files whose findings a change of `files` can change: the files themselves, what calls
 * them (callers and parameter files, at any distance: each judges them bound at its call) and what
 * they call (`called`, with the modules they called before the change: a module is judged with its
 * callers in view). Not a module's other callers: each judges it with its own values only.
 */
function dependentsOf(files: readonly string[], called: readonly string[]): Set<string> {
  const seen = new Set(files);
  const walk = (start: readonly string[], next: (file: string) => readonly string[]) => {
    const done = new Set<string>();
    const queue = [...start];
    while (queue.length > 0 && done.size < 20_000) {
      const file = queue.pop()!;
      if (done.has(file)) continue;
      done.add(file);
      seen.add(file);
      for (const other of next(file)) if (!done.has(other)) queue.push(other);
    }
  };
  walk(files, (file) => [...model.callersOf(file).map((e) => e.file), ...model.parameterFilesOf(file)]);
  walk([...files, ...called], (file) => model.targetsOf(file));
  return seen;
}

/** The Bicep files connected to `files` by module calls and parameter files, in either direction, at any distance. */
function graphNeighbourhood(files: readonly string[]): Set<string> {
  const seen = new Set(files);
  const queue = [...files];
  while (queue.length > 0 && seen.size < 20_000) {
    const file = queue.pop()!;
    const next = [...model.callersOf(file).map((e) => e.file), ...model.targetsOf(file), ...model.parameterFilesOf(file)];
    for (const other of next) {
      if (seen.has(other)) continue;
      seen.add(other);
      queue.push(other);
    }
  }
  return seen;
}

function hasClients(uri: string): boolean {
  const file = filePath(uri);
  const summary = file ? model.summaryOf(file) : undefined;
  return summary?.language === 'typescript' && summary.clients.length > 0;
}

/** A closed file the audit showed: its findings again, from its disk text, with the workspace in view. */
async function republishClosed(uri: string): Promise<void> {
  const file = filePath(uri);
  if (!file) return;
  try {
    const config = await configFor(uri);
    const read = await readSource(file);
    if (documents.get(uri)) return;
    const result =
      config.analysed && read.kind === 'text'
        ? analyzeDocument({ uri, languageId: '', text: read.text }, config.engine, undefined, undefined, { workspace: { view: model, file } })
        : undefined;
    void connection.sendDiagnostics({ uri, diagnostics: result ? toDiagnostics(result, -1) : [] });
  } catch (error) {
    logAnalysisFailure(uri, error);
  }
}

/**
 * The workspace's Bicep files, summarized in the background (a module's callers may all be
 * closed): a slice at a time between other work, so open files' first diagnostics never wait.
 * When done, the Bicep files shown are judged again with the whole graph in view.
 */
async function indexBicepFiles(): Promise<void> {
  const settingsFor = editorConfig.forAudit();
  const notices: Notice[] = [];
  let indexed = 0;
  const waitUntil = Date.now() + 2000;
  for (const folder of folders) {
    let found: DiscoveredFile[];
    try {
      found = await discoverFiles(folder, notices, { settingsFor, onListing: (dir, names) => configResolver().noteListing(dir, names) });
    } catch (error) {
      connection.console.error(`Indexing Bicep files of ${folder} failed: ${scrubSecrets(String(error))}`);
      continue;
    }
    for (const entry of found) {
      if (!isGraphFile(entry.path) || documents.get(fileUri(entry.path))) continue;
      const read = await readSource(entry.path, entry.settings.maxFileBytes);
      if (read.kind !== 'text' || documents.get(fileUri(entry.path))) continue;
      // Open documents first: their analyses run before the next file is summarized.
      await firstAnalysesDone(waitUntil);
      if (documents.get(fileUri(entry.path))) continue;
      model.set(entry.path, summarizeDocument({ uri: entry.path, languageId: '', text: read.text }, entry.settings.engine), read.text);
      indexed++;
    }
  }
  connection.console.log(`Indexed ${indexed} Bicep file${indexed === 1 ? '' : 's'} for analysis across files.`);
  if (indexed > 0) scheduleBicepDependents('');
}

/** Documents opened and not analysed yet (their first diagnostics are what the user waits for). */
const unanalysed = new Set<string>();

/**
 * Resolves once every open document has been analysed once (or `deadline` has passed: a document
 * whose settings never arrive must not hold the index up), after a turn of the event loop.
 */
async function firstAnalysesDone(deadline: number): Promise<void> {
  await new Promise((resolve) => setImmediate(resolve));
  while ([...unanalysed].some((uri) => documents.get(uri)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
}

/** A rule failure in the editor log: of the analysis, or of a fix builder a hover, code action or fix-all ran. */
function logRuleFailure(uri: string, failure: RuleFailure): void {
  connection.console.error(`Rule ${failure.ruleId} failed on ${uri}: ${failure.message}`);
}

function logRuleFailures(uri: string, failures: readonly RuleFailure[]): void {
  for (const failure of failures) logRuleFailure(uri, failure);
}

function sendConfigProblems(uri: string, problems: readonly ConfigProblem[]): void {
  void connection.sendDiagnostics({ uri, diagnostics: problems.map((p) => ({ range: p.range, message: p.message, severity: DiagnosticSeverity.Error, source: SOURCE })) });
}

/** Problems of a config file as the resolver read it from disk; an open one shows its editor text's instead. */
function publishConfigFileProblems(file: string, problems: readonly ConfigProblem[]): void {
  const uri = fileUri(file);
  if (!documents.get(uri)) sendConfigProblems(uri, problems);
}

/** Problems of a `.azure-ai-security.json`: of the editor's text when open, else of the file on disk (read again). */
async function publishConfigProblems(uri: string, openText?: string): Promise<void> {
  const file = filePath(uri);
  if (!file) return;
  if (openText !== undefined) return sendConfigProblems(uri, parseConfigFile(openText).problems);
  const resolving = configResolver();
  resolving.invalidate(file);
  const scope = await resolving.scopeOf(path.dirname(file));
  // No file there any more (deleted): nothing to show on it.
  if (scope.file !== file) sendConfigProblems(uri, []);
}

function revalidateAll(): void {
  analyses.clear();
  for (const document of documents.all()) schedule(document);
}

documents.onDidOpen((event) => {
  unanalysed.add(event.document.uri);
  void validate(event.document.uri).finally(() => unanalysed.delete(event.document.uri));
});
documents.onDidChangeContent((event) => schedule(event.document));
documents.onDidClose(async (event) => {
  const { uri } = event.document;
  pending.get(uri)?.cancel();
  pending.delete(uri);
  analyses.delete(uri);
  settings.forget(uri);
  if (isConfigFile(uri)) return publishConfigProblems(uri);
  // The file is its disk text again (the editor's unsaved changes are gone).
  void refreshModelEntry(uri, FileChangeType.Changed);
  if (!audited.has(uri)) {
    void connection.sendDiagnostics({ uri, diagnostics: [] });
    return;
  }
  // A file the audit covered keeps showing its findings once closed, as of its text now (it may
  // have been fixed since the audit). Closed files get no code actions (version -1).
  try {
    const config = await configFor(uri);
    const file = filePath(uri);
    const workspace = file && (isBicepDocument(event.document) || languageOf(uri, event.document.languageId) === 'typescript') ? { view: model, file } : undefined;
    const context: AnalysisContext = { ...(await contextOf(uri)), ...(workspace && { workspace }) };
    const result = config.analysed
      ? analyzeDocument({ uri, languageId: event.document.languageId, text: event.document.getText() }, config.engine, undefined, undefined, context)
      : undefined;
    void connection.sendDiagnostics({ uri, diagnostics: result ? toDiagnostics(result, -1) : [] });
  } catch (error) {
    logAnalysisFailure(uri, error);
  }
});

connection.onDidChangeConfiguration(() => {
  settings.clear();
  revalidateAll();
});

connection.onNotification(Notifications.trustGranted, () => {
  trusted = true;
  resetConfig();
  revalidateAll();
});

/**
 * A source file changed or deleted outside the editor: its model entry follows (an open document's
 * entry follows its editor text instead). Only files the model already knows are read again.
 */
async function refreshModelEntry(uri: string, type: FileChangeType): Promise<void> {
  const file = filePath(uri);
  if (!file || documents.get(uri) || !languageOf(uri)) return;
  if (type === FileChangeType.Deleted) {
    for (const target of model.targetsOf(file)) formerNeighbours.add(target);
    if (model.delete(file) && isGraphFile(file)) scheduleBicepDependents(uri);
    return;
  }
  if (type === FileChangeType.Changed && !model.summaryOf(file)) return;
  try {
    const config = await configFor(uri);
    const read = await readSource(file);
    const before = model.generation;
    for (const target of model.targetsOf(file)) formerNeighbours.add(target);
    if (read.kind === 'skipped' || !config.analysed) model.delete(file);
    else
      model.set(
        file,
        isGraphFile(file) ? summarizeDocument({ uri, languageId: '', text: read.text }, config.engine) : analyzeDocument({ uri, languageId: '', text: read.text }, config.engine).summary,
        read.text,
      );
    if (model.generation !== before) scheduleBicepDependents(uri);
  } catch (error) {
    logAnalysisFailure(uri, error);
  }
}

connection.onDidChangeWatchedFiles(async (params) => {
  let changed = false;
  for (const change of params.changes) {
    if (/\/\.gitignore$/.test(change.uri)) {
      // What git ignores changed: config files may be ignored now, or no longer.
      const file = filePath(change.uri);
      if (file) gitIgnores.invalidate(file);
      changed = true;
      continue;
    }
    if (!isConfigFile(change.uri)) {
      await refreshModelEntry(change.uri, change.type);
      continue;
    }
    changed = true;
    if (!documents.get(change.uri)) await publishConfigProblems(change.uri);
    else {
      const file = filePath(change.uri);
      if (file) configResolver().invalidate(file);
    }
  }
  if (changed) revalidateAll();
});

connection.onHover(async (params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document || !languageOf(document.uri, document.languageId)) return null;
  const result = analyses.peek(document.uri, document.version);
  if (!result) return null;
  const file = filePath(document.uri);
  const clients = result.summary?.language === 'typescript' ? result.summary.clients : [];
  const links: HoverLink[] = file
    ? linksOf(model, file, clients).map((l) => ({
        range: l.client.range,
        client: l.client.client,
        resource: describeResource(l.resource, file),
        via: l.via,
        auth: l.client.credential.kind === 'entra' ? 'with Microsoft Entra ID' : l.client.credential.kind === 'key' ? 'with a key' : 'in a way the analysis cannot tell',
      }))
    : [];
  return hoverFor(result, params.position, (failure) => logRuleFailure(document.uri, failure), links);
});

/** A code action's analysis of a version `validate` has not analysed yet (its entry recorded as `validate` records it). */
function analysedForAction(document: TextDocument, file: string | undefined, config: DocumentConfig, gitIgnored: boolean | undefined): AnalysisResult {
  const result = analyseOther(document, file, config, gitIgnored);
  noteSummary(document, file, result);
  return result;
}

function wantsFixAll(only: readonly string[] | undefined): boolean {
  return only !== undefined && only.some((kind) => FIX_ALL_KIND === kind || FIX_ALL_KIND.startsWith(`${kind}.`));
}

connection.onCodeAction(async (params) => {
  const document = documents.get(params.textDocument.uri);
  const language = document && languageOf(document.uri, document.languageId);
  if (!document || !language) return [];
  // Outside every workspace folder there is no .env to write: those fixes are left out.
  const folder = folderOf(document.uri);
  const version = document.version;
  const text = document.getText();
  const openText = (uri: string) => documents.get(uri)?.getText();
  const config = await configFor(document.uri);
  if (!config.analysed) return [];
  const gitIgnored = await gitIgnoredOf(document.uri);
  const file = filePath(document.uri);
  const result = analyses.peek(document.uri, version) ?? (file && isBicepDocument(document) ? analyseBicep(document, file, config) : analysedForAction(document, file, config, gitIgnored));
  let actions: CodeAction[];
  if (wantsFixAll(params.context.only)) {
    // Restricted Mode: nothing is applied on save (README, Workspace Trust).
    if (!trusted) return [];
    const file = filePath(document.uri);
    const workspace = file && (isBicepDocument(document) || language === 'typescript') ? { view: model, file } : undefined;
    const analyse = (t: string) => {
      const fresh = materializeFindings(
        analyzeDocument({ uri: document.uri, languageId: document.languageId, text: t }, config.engine, undefined, undefined, {
          ...(gitIgnored !== undefined && { git: { isIgnored: () => gitIgnored } }),
          ...(workspace && { workspace }),
        }),
      );
      logRuleFailures(document.uri, fresh.ruleFailures);
      return fresh.findings;
    };
    const edit = await buildFixAllEdit(document.uri, version, text, analyse, folder, openText);
    actions = edit ? [withSaveCommand(CodeAction.create('Fix all safe Azure AI Security problems', edit, FIX_ALL_KIND))] : [];
  } else {
    const file = filePath(document.uri);
    const gitignore = file ? { git: gitIgnores, file } : undefined;
    actions = await codeActionsFor(
      document.uri,
      version,
      text,
      language,
      params.context.diagnostics,
      result,
      folder,
      openText,
      (failure) => logRuleFailure(document.uri, failure),
      gitignore,
    );
  }
  // The document moved on while we worked: answer nothing rather than edits for an old text.
  return documents.get(document.uri)?.version === version ? actions : [];
});

/**
 * Results of files unchanged since the last *Audit Workspace* (same text, settings and engine), in
 * memory: the next audit reads them and analyses only what changed (cross-file results follow
 * `workspace/audit-cache.ts`).
 */
const auditCache = new AuditCache(undefined, typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev');

function auditHooks(publishing: boolean, published: Set<string>): AuditHooks {
  const resolving = configResolver();
  return {
    cache: publishing ? auditCache : undefined,
    settingsFor: editorConfig.forAudit(),
    model,
    onListing: (dir, names) => resolving.noteListing(dir, names),
    openText: (file) => documents.get(fileUri(file))?.getText(),
    publish: (file: FileResult) => {
      const uri = fileUri(file.path);
      // Open documents publish their own, live diagnostics; files with nothing to show are only
      // published to clear what an earlier audit showed.
      if (!publishing || documents.get(uri)) return;
      if (file.findings.length === 0 && !audited.has(uri)) return;
      published.add(uri);
      publish(uri, file);
    },
    log: (message) => connection.console.log(message),
  };
}

connection.onRequest(Requests.audit, async (params: WorkDoneProgressParams | undefined, token: CancellationToken): Promise<AuditSummary> => {
  const workDone = connection.window.attachWorkDoneProgress(params?.workDoneToken);
  const published = new Set<string>();
  const audit = await auditWorkspace(folders, auditHooks(true, published), token, workDone);
  if (!audit.cancelled) {
    // Files an earlier audit showed that this one did not reach (deleted, now excluded): clear them.
    for (const uri of audited) if (!published.has(uri) && !documents.get(uri)) void connection.sendDiagnostics({ uri, diagnostics: [] });
    audited.clear();
  }
  for (const uri of published) audited.add(uri);
  return {
    markdown: auditReportMarkdown(audit, new Date()),
    files: audit.scannedFiles,
    findings: countBySeverity(audit),
    notices: audit.notices.length,
    cancelled: audit.cancelled,
  };
});

/** Always a fresh audit: files may have been fixed since the last one. */
connection.onRequest(Requests.exportSarif, async (params: WorkDoneProgressParams | undefined, token: CancellationToken): Promise<string> => {
  const workDone = connection.window.attachWorkDoneProgress(params?.workDoneToken);
  const audit = await auditWorkspace(folders, auditHooks(false, new Set()), token, workDone);
  if (audit.cancelled) throw new ResponseError(LSPErrorCodes.RequestCancelled, 'SARIF export cancelled');
  return formatSarif(audit, audit.roots[0] ?? process.cwd(), typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev');
});

connection.onRequest(Requests.serverInfo, () => ({ pid: process.pid, version: typeof PACKAGE_VERSION === 'string' ? PACKAGE_VERSION : '0.0.0-dev' }));

documents.listen(connection);
connection.listen();
