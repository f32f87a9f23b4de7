import { existsSync, statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import * as path from 'node:path';
import {
  analyzeDocument,
  materializeFindings,
  needsTypeScriptParse,
  type AiResource,
  type AnalysisContext,
  type ClientSiteSummary,
  type FileSummary,
  type RuleFailure,
  type WorkspaceView,
} from '../engine/index.js';
import { WorkspaceModel } from './model.js';
import { linksOf, rejectsKey } from '../engine/links.js';
import { resolveLocalTarget } from '../engine/bicep/azure/cross-file.js';
import { languageOf } from '../engine/language.js';
import { describeError } from '../engine/secrets/scrub.js';
import type { EngineConfig } from '../engine/config.js';
import type { Language, SyntaxError } from '../engine/types.js';
import type { FolderSettings, SettingsForFolder } from './audit-settings.js';
import { discoverFiles, type DiscoveredFile, type Notice } from './discover.js';
import { withContentDigests, type AuditFinding } from './fingerprint.js';
import { WorkerPool, PARALLEL_MIN_FILES, type JudgedFile } from './parallel-audit.js';
import { readSource, readSourceSync, readTextSync, type FileStamp } from './read-source.js';
import { contentDigest, type AuditCache } from './audit-cache.js';

/** One analysed file of an audit, as plain data (it crosses worker threads and outlives the syntax tree). */
export interface FileResult {
  path: string;
  language: Language | undefined;
  /** The text analysed, kept only for files with findings when asked (`keepText`: `--fix` rewrites them from it). */
  text?: string;
  /** With the path-free part of each one's fingerprint (`workspace/fingerprint.ts`). */
  findings: AuditFinding[];
  syntaxErrors: SyntaxError[];
  ruleFailures: RuleFailure[];
  /** Azure AI resources the file declares, for the report's manual checklist. */
  aiResources: AiResource[];
  /** What other files need of this one, for the workspace model. */
  summary: FileSummary | undefined;
}

/** What an audit found: the one result type of the CLI, the editor's audit and every report format. */
export interface AuditResult {
  /** The folders (or files) audited, in the order given. */
  roots: string[];
  /** Every file analysed, in discovery order. */
  files: FileResult[];
  /** Files and folders skipped or only partly analysed, each with its reason. */
  notices: Notice[];
  scannedFiles: number;
  cancelled: boolean;
  /** The workspace model, with every analysed file's summary: `AuditOptions.model` when given, else a new one. */
  model: WorkspaceModel;
}

export interface AuditOptions {
  /** The model to keep current (the editor's, kept across audits and edits); by default a new one. */
  model?: WorkspaceModel;
  /** What governs each folder: config file, editor settings. */
  settingsFor: SettingsForFolder;
  /** Told what each folder listing holds (the config resolver uses it to skip disk lookups). */
  onListing?: (dir: string, names: ReadonlySet<string>) => void;
  /** The editor's text of an open file, which wins over the disk. */
  openText?(file: string): string | undefined;
  /** Called with each file's result as soon as it is analysed (the editor publishes its diagnostics). */
  onFile?(file: FileResult, settings: FolderSettings): void;
  /** Called after each file, for progress reports; `total` grows while the walk goes on. */
  onProgress?(done: number, total: number): void;
  /** Checked between files: an aborted audit returns what it has, `cancelled`. */
  signal?: AbortSignal;
  /** Keep the text of files with findings in the result (for `--fix`); otherwise it is dropped once analysed. */
  keepText?: boolean;
  /** Analysis threads: undefined for the default (one per core, at most two); trees under 300 files use none. */
  jobs?: number;
  /**
   * Read folders and files synchronously, yielding to the event loop between slices (the CLI: much
   * faster on trees of small folders). The editor reads asynchronously, so a hung network folder
   * stalls only its audit, never diagnostics.
   */
  synchronousIo?: boolean;
  /**
   * Results of unchanged files from an earlier audit (`workspace/audit-cache.ts`): a file whose
   * text, engine and settings are unchanged is not analysed again. Not used with `keepText`.
   */
  cache?: AuditCache;
}

/** What one file contributes to an audit: its result (when it was read) and its notices, in order. */
export interface FileOutcome {
  file?: FileResult;
  notices: Notice[];
}

/** What analysing one file needs (and what a worker thread is sent). */
export interface FileAuditSettings {
  config: EngineConfig | undefined;
  maxFileBytes: number;
  keepText: boolean;
}

/** Longest stretch of work on the calling thread between two yields to the event loop, so cancellation is seen quickly. */
const SLICE_MS = 20;

/**
 * The one audit driver of the CLI and the editor: walks each root (a folder, or a file given by
 * name), reads each file (the open text when the editor has one, else the disk), analyses it on
 * worker threads when the tree is large, reports progress, stops when cancelled, and hands each
 * file's result to `onFile`. A file reached from two roots (nested workspace folders) is analysed once.
 */
export async function runAudit(roots: readonly string[], given: AuditOptions): Promise<AuditResult> {
  // Bicep files are handed on once the module graph is complete (their findings depend on it).
  const deferred = new Map<string, { file: FileResult; settings: FolderSettings }>();
  const settingsByFile = new Map<string, FolderSettings>();
  const options: AuditOptions = {
    ...given,
    onFile: (file, settings) => {
      settingsByFile.set(file.path, settings);
      if (file.language === 'bicep' || file.language === 'bicepparam' || file.language === 'armparams' || (file.summary?.language === 'typescript' && file.summary.clients.length > 0)) {
        deferred.set(file.path, { file, settings });
      } else {
        given.onFile?.(file, settings);
      }
    },
  };
  const { result, pool } = await auditFiles(roots, options);
  try {
    await acrossFiles(result, given, (file) => settingsByFile.get(file), pool);
  } finally {
    await pool?.close();
  }
  if (given.onFile) for (const { file, settings } of deferred.values()) given.onFile(file, settings);
  return result;
}

/** The pass across files, or its results from the cache when no file or setting changed; then the module graph's notices. */
async function acrossFiles(result: AuditResult, given: AuditOptions, settingsOf: (file: string) => FolderSettings | undefined, pool: WorkerPool | undefined): Promise<void> {
  const cache = usableCache(given);
  const workspaceKey = cache && !result.cancelled ? cache.workspaceKey(result.files.map((f) => f.path)) : undefined;
  const cached = cache?.crossFileFindings(workspaceKey);
  if (cached) {
    // Every file and setting is what it was: the cross-file results are too.
    for (const file of result.files) file.findings = cached.get(file.path) ?? file.findings;
    cache!.keepCrossFile(workspaceKey, cached);
  } else {
    const before = new Map(result.files.map((f) => [f.path, f.findings]));
    await crossFilePhase(result, given, settingsOf, pool);
    cache?.keepCrossFile(workspaceKey, new Map(result.files.filter((f) => f.findings !== before.get(f.path)).map((f) => [f.path, f.findings])));
  }
  // From the summaries alone (cached or fresh): what the module graph leaves unanalysed.
  if (!result.cancelled) result.notices.push(...moduleGraphNotices(result));
}

/**
 * Bicep across files: once every file's summary is in the model, the templates that take part in
 * the module graph (called, calling, or set by a parameter file) are analysed again with the
 * workspace in view, and their findings replaced (docs/rules/README.md, "Across files"); so is code
 * whose key clients are linked to a resource that rejects keys. On the workers of the first pass when
 * there are some (their engine is compiled and warm) and no open text (the workers read the disk).
 */
async function crossFilePhase(result: AuditResult, options: AuditOptions, settingsOf: (file: string) => FolderSettings | undefined, pool: WorkerPool | undefined): Promise<void> {
  if (result.cancelled) return;
  const model = result.model;
  const openText = options.openText && ((file: string) => options.openText?.(file));
  if (openText) model.readText = (file) => openText(file) ?? readTextSync(file);
  // Only a client that sends a key can be rejected (`rejectsKey`).
  const candidates = result.files.filter((file) =>
    file.summary?.language === 'typescript' ? file.summary.clients.some((client) => client.credential.kind === 'key') : takesPartInGraph(model, file),
  );
  const apply = (file: FileResult, judged: Judged | undefined) => {
    if (!judged) return;
    file.findings = judged.findings;
    if (judged.text !== undefined) file.text = judged.text;
  };
  if (pool && !openText) {
    const files: JudgedFile[] = [];
    for (const [item, file] of candidates.entries()) {
      const settings = settingsOf(file.path);
      if (settings) files.push([item, file.path, pool.settingsFor(settings), file.language]);
    }
    if (files.length === 0) return;
    const here = ([, file, id, language]: JudgedFile) => judgeWithWorkspace(file, language, pool.settingsOf(id), model);
    const judged = await pool.judge(files, summariesOf(model), here);
    for (const [item] of files) apply(candidates[item]!, judged[item]);
    return;
  }
  for (const file of candidates) {
    if (options.signal?.aborted) break;
    const settings = settingsOf(file.path);
    if (settings) apply(file, judgeWithWorkspace(file.path, file.language, fileAuditSettings(settings, options), model, openText));
  }
}

/** What a file judged again with the workspace in view (`judgeWithWorkspace`) reports now. */
export interface Judged {
  findings: AuditFinding[];
  /** With `keepText`: the text judged. */
  text?: string;
}

/**
 * A file of the pass across files judged again with the workspace in view: its findings, or undefined when it keeps
 * those of its own analysis (code none of whose key clients is linked to a resource that rejects keys, a file that
 * cannot be read or analysed). Templates are read through the model, as the analysis reads them.
 */
export function judgeWithWorkspace(
  file: string,
  language: Language | undefined,
  settings: FileAuditSettings,
  model: WorkspaceModel,
  openText?: (file: string) => string | undefined,
): Judged | undefined {
  const summary = model.summaryOf(file);
  // Code linked to a resource that rejects keys (key-auth-rejected).
  if (summary?.language === 'typescript' && !rejectsKeyOf(model, file, summary.clients)) return undefined;
  const text = language === 'bicep' ? model.textOf(file) : (model.textOf(file) ?? openText?.(file) ?? readTextSync(file));
  if (text === undefined) return undefined;
  const outcome = analyseText(file, text, settings, model);
  return outcome.file && { findings: outcome.file.findings, text: outcome.file.text };
}

/**
 * The model's summaries a view's answers depend on, for a worker's copy of it: every template's and parameter
 * file's, and those of code that constructs Azure AI clients (links of code; code without clients has none).
 */
function summariesOf(model: WorkspaceModel): Array<[file: string, summary: FileSummary]> {
  const summaries: Array<[string, FileSummary]> = [];
  for (const file of model.files()) {
    const summary = model.summaryOf(file)!;
    if (summary.language !== 'typescript' || summary.clients.length > 0) summaries.push([file, summary]);
  }
  return summaries;
}

/** A client of the file that authenticates with a key is linked to a resource with `disableLocalAuth: true`. */
function rejectsKeyOf(model: WorkspaceModel, file: string, clients: readonly ClientSiteSummary[]): boolean {
  return linksOf(model, file, clients).some(rejectsKey);
}

/**
 * What the module graph leaves unanalysed, from the model's summaries: a local module target (or
 * a `.bicepparam` file's `using`) that is not a Bicep file of the workspace, and each cycle of
 * module calls (Bicep cannot deploy one; the analysis stops where it comes round, so what the
 * cycle's modules pass each other is judged nowhere). One notice per call, one per cycle.
 */
export function moduleGraphNotices(result: Pick<AuditResult, 'files' | 'model'>): Notice[] {
  const model = result.model;
  const notices: Notice[] = [];
  const edges = new Map<string, string[]>();
  for (const file of result.files) {
    const summary = file.summary;
    const calls =
      summary?.language === 'bicep'
        ? summary.modules.map((m) => ({ what: `Module '${m.symbolicName}' targets`, target: m.target }))
        : summary?.language === 'bicepparam'
          ? [{ what: 'Its using names', target: summary.using }]
          : [];
    for (const { what, target } of calls) {
      const local = resolveLocalTarget(file.path, target);
      if (!local) continue;
      if (model.summaryOf(local)?.language === 'bicep') {
        if (summary?.language === 'bicep') push(edges, file.path, local);
        continue;
      }
      if (model.textOf(local) !== undefined) continue; // a template discovery leaves out, read from the disk
      const why = existsSync(local) ? 'which could not be read as a Bicep template' : 'which is not a file of the workspace';
      notices.push({ path: file.path, message: `${what} '${target}', ${why}: not analysed.` });
    }
  }
  for (const cycle of moduleCycles(edges)) {
    const shown = [...cycle, cycle[0]!].map((f) => path.relative(path.dirname(cycle[0]!), f).split(path.sep).join('/') || path.basename(f));
    notices.push({
      path: cycle[0]!,
      message: `Module cycle ${shown.join(' → ')}: Bicep cannot deploy it, and values passed around it are not analysed.`,
    });
  }
  return notices;
}

/**
 * One cycle per strongly connected component of the module graph that has one (a module calling
 * itself included), starting at its first file in sorted order (Tarjan's algorithm, iterative: a
 * chain of thousands of modules does not overflow the stack).
 */
function moduleCycles(edges: ReadonlyMap<string, readonly string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  for (const root of [...edges.keys()].sort()) {
    if (index.has(root)) continue;
    const work: Array<{ node: string; next: number }> = [{ node: root, next: 0 }];
    index.set(root, index.size);
    low.set(root, index.get(root)!);
    stack.push(root);
    onStack.add(root);
    while (work.length > 0) {
      const frame = work.at(-1)!;
      const targets = edges.get(frame.node) ?? [];
      if (frame.next < targets.length) {
        const target = targets[frame.next++]!;
        if (!index.has(target)) {
          index.set(target, index.size);
          low.set(target, index.get(target)!);
          stack.push(target);
          onStack.add(target);
          work.push({ node: target, next: 0 });
        } else if (onStack.has(target)) {
          low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        }
        continue;
      }
      work.pop();
      const parent = work.at(-1);
      if (parent) low.set(parent.node, Math.min(low.get(parent.node)!, low.get(frame.node)!));
      if (low.get(frame.node) !== index.get(frame.node)) continue;
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        component.push(member);
      } while (member !== frame.node);
      if (component.length > 1 || (edges.get(frame.node) ?? []).includes(frame.node)) components.push(component);
    }
  }
  return components.map((component) => cycleThrough(component.sort(), new Set(component), edges));
}

/** A shortest cycle from the component's first file back to it, within the component. */
function cycleThrough(component: readonly string[], members: ReadonlySet<string>, edges: ReadonlyMap<string, readonly string[]>): string[] {
  const start = component[0]!;
  const previous = new Map<string, string>();
  const queue = [start];
  for (let i = 0; i < queue.length; i++) {
    for (const target of edges.get(queue[i]!) ?? []) {
      if (!members.has(target)) continue;
      if (target === start) {
        const cycle = [queue[i]!];
        while (cycle[0] !== start) cycle.unshift(previous.get(cycle[0]!)!);
        return cycle;
      }
      if (!previous.has(target)) {
        previous.set(target, queue[i]!);
        queue.push(target);
      }
    }
  }
  return [start];
}

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** A Bicep template with callers, parameter files or module calls, or a parameter file with a template. */
function takesPartInGraph(model: WorkspaceModel, file: FileResult): boolean {
  const summary = file.summary;
  if (summary?.language === 'bicepparam') return true;
  if (summary?.language !== 'bicep') return false;
  return summary.modules.length > 0 || model.callersOf(file.path).length > 0 || model.parameterFilesOf(file.path).length > 0;
}

/** The first pass: every file analysed on its own; with the pool that did it, when there is one (`close` it). */
async function auditFiles(roots: readonly string[], options: AuditOptions): Promise<{ result: AuditResult; pool?: WorkerPool }> {
  const notices: Notice[] = [];
  const planned: DiscoveredFile[] = [];
  const seen = new Set<string>();
  let pool: WorkerPool | undefined;
  const startPool = () => {
    pool = WorkerPool.start(planned, options, notices);
  };
  for (const root of roots) {
    if (options.signal?.aborted) break;
    try {
      await (options.synchronousIo ? Promise.resolve(statSync(root)) : stat(root));
    } catch (error) {
      notices.push({ path: root, message: `Not audited: ${(error as NodeJS.ErrnoException).code ?? String(error)}.` });
      continue;
    }
    const onFound = (found: readonly DiscoveredFile[]) => {
      const file = found.at(-1)!;
      if (seen.has(file.path)) return;
      seen.add(file.path);
      planned.push(file);
      if (!pool && planned.length === PARALLEL_MIN_FILES) startPool();
      else pool?.pump();
    };
    const found = await discoverFiles(root, notices, { settingsFor: options.settingsFor, onListing: options.onListing, synchronous: options.synchronousIo, onFound });
    // A root that is a file is found without `onFound`.
    if (found.length === 1 && found[0]!.path === root && !seen.has(root)) onFound(found);
  }
  if (pool)
    return {
      result: await pool.finish(roots).catch(async (error: unknown) => {
        await pool!.close();
        throw error;
      }),
      pool,
    };
  return { result: await auditPlanned(roots, planned, options, notices) };
}

/** The files of a small audit, on the calling thread, in order. */
async function auditPlanned(roots: readonly string[], planned: readonly DiscoveredFile[], options: AuditOptions, notices: Notice[]): Promise<AuditResult> {
  const result: AuditResult = { roots: [...roots], files: [], notices, scannedFiles: 0, cancelled: false, model: options.model ?? new WorkspaceModel() };
  let sliceStart = Date.now();
  for (const [index, entry] of planned.entries()) {
    if (Date.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = Date.now();
    }
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    const settings = fileAuditSettings(entry.settings, options);
    const open = options.openText?.(entry.path);
    const cache = usableCache(options);
    const outcome =
      open !== undefined
        ? analyseText(entry.path, open, settings)
        : cache?.unchangedByStat(entry.path, settings)
          ? cache.reuse(entry.path)
          : cache
            ? cachedOutcome(entry.path, settings, cache, options.synchronousIo ? readSourceSync(entry.path, settings.maxFileBytes) : await readSource(entry.path, settings.maxFileBytes))
            : options.synchronousIo
              ? auditOneFile(entry.path, settings)
              : await auditOneFileAsync(entry.path, settings);
    addOutcome(result, outcome);
    if (outcome.file) options.onFile?.(outcome.file, entry.settings);
    options.onProgress?.(index + 1, planned.length);
  }
  return result;
}

export function fileAuditSettings(settings: FolderSettings, options: Pick<AuditOptions, 'keepText'>): FileAuditSettings {
  return { config: settings.engine, maxFileBytes: settings.maxFileBytes, keepText: options.keepText ?? false };
}

/** The cache, when the audit may use one (not when texts are kept for `--fix`: the cache holds none). */
export function usableCache(options: Pick<AuditOptions, 'cache' | 'keepText'>): AuditCache | undefined {
  return options.keepText ? undefined : options.cache;
}

/** One file read for an audit with a cache: the cached outcome when its text is unchanged, else a fresh analysis, kept. */
function cachedOutcome(file: string, settings: FileAuditSettings, cache: AuditCache, read: ReturnType<typeof readSourceSync>): FileOutcome {
  if (read.kind === 'skipped') return { notices: [{ path: file, message: `Skipped: ${read.reason}.` }] };
  const digest = contentDigest(read.text);
  if (digest === cache.knownDigest(file, settings)) return cache.reuse(file, read.stamp);
  const outcome = analyseText(file, read.text, settings);
  cache.store(file, digest, settings, outcome, read.stamp);
  return outcome;
}

/**
 * What a worker answers for one file: its outcome (none when the text has the digest the main thread knows: the
 * cached outcome stands), or, from a worker that does not load the TypeScript compiler, a handoff of the text it
 * read to the worker that does. `digest` when the main thread gave one to compare with; `stamp` when read from disk.
 */
export type WorkerAnswer = { outcome?: FileOutcome; handoff?: string; digest?: string; stamp?: FileStamp };

/**
 * The unit of work of a worker thread: reads the file once (unless `given`: the editor's text, or one another
 * worker read), answers from the cache when its digest is `knownDigest`, hands it on when it needs the compiler
 * and `loadsCompiler` is false (its text passes a TS/JS prefilter), and analyses it otherwise.
 */
export function auditForWorker(file: string, settings: FileAuditSettings, given: string | undefined, knownDigest: string | undefined, loadsCompiler: boolean): WorkerAnswer {
  let text = given;
  const answer: WorkerAnswer = {};
  if (text === undefined) {
    const read = readSourceSync(file, settings.maxFileBytes);
    if (read.kind === 'skipped') return { outcome: { notices: [{ path: file, message: `Skipped: ${read.reason}.` }] } };
    text = read.text;
    answer.stamp = read.stamp;
    if (knownDigest !== undefined) {
      answer.digest = contentDigest(text);
      if (answer.digest === knownDigest) return answer;
    }
  }
  if (!loadsCompiler && languageOf(file) === 'typescript' && needsTypeScriptParse({ uri: file, languageId: path.extname(file).slice(1), text }, settings.config)) answer.handoff = text;
  else answer.outcome = analyseText(file, text, settings);
  return answer;
}

/** Reads and analyses one file; the unit of work of both the calling thread and the worker threads. */
export function auditOneFile(file: string, settings: FileAuditSettings): FileOutcome {
  const read = readSourceSync(file, settings.maxFileBytes);
  if (read.kind === 'skipped') return { notices: [{ path: file, message: `Skipped: ${read.reason}.` }] };
  return analyseText(file, read.text, settings);
}

async function auditOneFileAsync(file: string, settings: FileAuditSettings): Promise<FileOutcome> {
  const read = await readSource(file, settings.maxFileBytes);
  if (read.kind === 'skipped') return { notices: [{ path: file, message: `Skipped: ${read.reason}.` }] };
  return analyseText(file, read.text, settings);
}

/**
 * Audits analyse only what discovery found, and discovery skips the config files git ignores
 * (`discover.ts`): every file an audit analyses is one git does not ignore.
 */
const DISCOVERED: AnalysisContext = { git: { isIgnored: () => false } };

/**
 * Analyses a file's text for an audit: its result as plain data, and the notices a report owes the
 * user — a syntax error that made the analysis partial, a rule that failed, or a file the engine
 * could not analyse at all (one file never stops an audit).
 */
export function analyseText(file: string, text: string, settings: FileAuditSettings, workspace?: WorkspaceView): FileOutcome {
  let result: FileResult;
  try {
    const analysis = analyzeDocument(
      { uri: file, languageId: path.extname(file).slice(1), text },
      settings.config,
      undefined,
      undefined,
      workspace ? { ...DISCOVERED, workspace: { view: workspace, file } } : DISCOVERED,
    );
    // Fixes and the inventory built now, as plain data: an audit holds thousands of results, and
    // a deferred fix holds its file's whole syntax tree until it is built.
    const { findings, ruleFailures } = materializeFindings(analysis);
    result = {
      path: file,
      language: analysis.language,
      findings: withContentDigests(text, findings),
      syntaxErrors: analysis.syntaxErrors,
      ruleFailures,
      aiResources: analysis.aiResources,
      summary: analysis.summary,
      text: settings.keepText && findings.length > 0 ? text : undefined,
    };
  } catch (error) {
    return { notices: [{ path: file, message: `Not analysed: ${describeError(error)}` }] };
  }
  const notices: Notice[] = [];
  for (const e of result.syntaxErrors.slice(0, 1)) {
    notices.push({
      path: file,
      message: `Syntax error at ${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message} (${result.syntaxErrors.length} in all); the rest of the file was still analysed.`,
    });
  }
  for (const failure of result.ruleFailures) notices.push({ path: file, message: `Rule ${failure.ruleId} failed on this file: ${failure.message}` });
  return { file: result, notices };
}

/** Adds one file's outcome to the result (and its summary to the model). */
export function addOutcome(result: AuditResult, outcome: FileOutcome): void {
  result.notices.push(...outcome.notices);
  if (outcome.file) {
    result.scannedFiles++;
    result.files.push(outcome.file);
    result.model.set(outcome.file.path, outcome.file.summary);
  }
}
