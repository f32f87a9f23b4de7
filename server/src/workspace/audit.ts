import * as path from 'node:path';
import { analyzeDocument, materialized, type AnalysisResult, type RuleFailure } from '../engine/index.js';
import { describeError } from '../engine/secrets/scrub.js';
import type { EngineConfig } from '../engine/config.js';
import type { Finding, Language, SyntaxError } from '../engine/types.js';
import { discoverFiles, type Notice } from './discover.js';
import { DEFAULT_MAX_FILE_BYTES, readSourceSync } from './read-source.js';

export interface FileResult {
  path: string;
  language: Language | undefined;
  /** The text analysed, kept only for files with findings when asked (`keepText`: `--fix` rewrites them from it). */
  text?: string;
  findings: Finding[];
  syntaxErrors: SyntaxError[];
  ruleFailures: RuleFailure[];
}

export interface AuditOptions {
  config?: EngineConfig;
  exclude?: readonly string[];
  /** Folder the exclude globs are relative to (default: the audited root). */
  excludeBase?: string;
  maxFileBytes?: number;
  /** Keep the text of files with findings in the result (for `--fix`); otherwise it is dropped once analysed. */
  keepText?: boolean;
  /** Called after each file, for progress reports. */
  onProgress?(done: number, total: number): void;
  /** Checked between files: an aborted audit returns what it has. */
  signal?: AbortSignal;
}

export interface AuditResult {
  files: FileResult[];
  /** Files and folders skipped or not readable, each with its reason. */
  notices: Notice[];
  scannedFiles: number;
  cancelled: boolean;
}

/** Discovers and analyses every TS/JS/Bicep file below `root`. */
export async function auditFolder(root: string, options: AuditOptions = {}): Promise<AuditResult> {
  const notices: Notice[] = [];
  const files = await discoverFiles(root, options.exclude ?? [], notices, options.excludeBase ?? root, { synchronous: true });
  return auditFiles(files, options, notices);
}

export async function auditFiles(files: readonly string[], options: AuditOptions = {}, notices: Notice[] = []): Promise<AuditResult> {
  const result: AuditResult = { files: [], notices, scannedFiles: 0, cancelled: false };
  const settings = fileAuditSettings(options);
  for (const file of files) {
    if (options.signal?.aborted) {
      result.cancelled = true;
      break;
    }
    addOutcome(result, auditOneFile(file, settings));
    options.onProgress?.(result.files.length, files.length);
  }
  return result;
}

/** What one file contributes to an audit: its result (when it was read) and its notices, in order. */
export interface FileOutcome {
  file?: FileResult;
  notices: Notice[];
}

/** What `auditOneFile` needs of the audit's options (and what a worker thread is set up with). */
export interface FileAuditSettings {
  config: EngineConfig | undefined;
  maxFileBytes: number;
  keepText: boolean;
}

export function fileAuditSettings(options: AuditOptions): FileAuditSettings {
  return { config: options.config, maxFileBytes: options.maxFileBytes ?? DEFAULT_MAX_FILE_BYTES, keepText: options.keepText ?? false };
}

/** Reads and analyses one file; the unit of work of both the sequential and the parallel audit. */
export function auditOneFile(file: string, settings: FileAuditSettings): FileOutcome {
  const read = readSourceSync(file, settings.maxFileBytes);
  if (read.kind === 'skipped') return { notices: [{ path: file, message: `Skipped: ${read.reason}.` }] };
  const { analysis, notices } = analyseForAudit(file, read.text, settings.config);
  if (!analysis) return { notices };
  return { file: { path: file, ...analysis, text: settings.keepText && analysis.findings.length > 0 ? read.text : undefined }, notices };
}

/**
 * Analyses a file's text for an audit (the CLI's and the editor's): the analysis, and the notices
 * a report owes the user — a syntax error that made the analysis partial, a rule that failed, or a
 * file the engine could not analyse at all (one file never stops an audit).
 */
export function analyseForAudit(file: string, text: string, config: EngineConfig | undefined): { analysis?: AnalysisResult; notices: Notice[] } {
  let analysis: AnalysisResult;
  try {
    const result = analyzeDocument({ uri: file, languageId: path.extname(file).slice(1), text }, config);
    // Fixes and the inventory built now, as plain data: an audit holds thousands of results, and
    // a deferred fix holds its file's whole syntax tree until it is built.
    analysis = { ...result, findings: result.findings.map(materialized), aiResources: result.aiResources };
  } catch (error) {
    return { notices: [{ path: file, message: `Not analysed: ${describeError(error)}` }] };
  }
  const notices: Notice[] = [];
  for (const e of analysis.syntaxErrors.slice(0, 1)) {
    notices.push({ path: file, message: `Syntax error at ${e.range.start.line + 1}:${e.range.start.character + 1}: ${e.message} (${analysis.syntaxErrors.length} in all); the rest of the file was still analysed.` });
  }
  for (const failure of analysis.ruleFailures) notices.push({ path: file, message: `Rule ${failure.ruleId} failed on this file: ${failure.message}` });
  return { analysis, notices };
}

export function addOutcome(result: AuditResult, outcome: FileOutcome): void {
  result.notices.push(...outcome.notices);
  if (outcome.file) {
    result.scannedFiles++;
    result.files.push(outcome.file);
  }
}
