import type { TextDocument } from 'vscode-languageserver-textdocument';
import { sameMeaning } from '../engine/bicep/same-meaning.js';
import { AnalysedFinding, analyzeDocument, TypeScriptTrees, type AnalysisContext, type AnalysisResult, type EngineConfig, type WorkspaceContext } from '../engine/index.js';
import { defineLazy } from '../engine/lazy.js';
import { RULES } from '../engine/rules/index.js';

interface Entry {
  version: number;
  text: string;
  /** The analysis the result's findings come from (itself, unless `answeredFrom` gave it). */
  origin: AnalysisResult;
  configKey: string;
  /** For Bicep: the workspace model's generation it was computed against (another file's change makes it stale). */
  generation: number | undefined;
  result: AnalysisResult;
}

/**
 * One analysis per document version and configuration: diagnostics, code actions and hovers all
 * read the same result, so the file is parsed once per edit, incrementally from the last version's tree.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly trees = new TypeScriptTrees();

  /**
   * `gitIgnored`: what git decides about a config file (undefined: not known, or not a config file).
   * `workspace`: for Bicep, the other files and the model generation they are at.
   */
  get(document: TextDocument, config: EngineConfig, options: { gitIgnored?: boolean; workspace?: WorkspaceContext & { generation: number } } = {}): AnalysisResult {
    const { gitIgnored, workspace } = options;
    const configKey = `${JSON.stringify(config.rules ?? {})}|${String(gitIgnored)}`;
    const cached = this.entries.get(document.uri);
    const generation = workspace?.generation;
    if (cached && cached.version === document.version && cached.configKey === configKey && cached.generation === generation) return cached.result;
    const context: AnalysisContext = {};
    if (gitIgnored !== undefined) context.git = { isIgnored: () => gitIgnored };
    if (workspace) context.workspace = { view: workspace.view, file: workspace.file, shareTree: true };
    const text = document.getText();
    const analyse = () => analyzeDocument({ uri: document.uri, languageId: document.languageId, text }, config, RULES, this.trees, context);
    const answered = cached && cached.configKey === configKey && cached.generation === generation ? answeredFrom(cached, text, analyse) : undefined;
    const result = answered ?? analyse();
    this.entries.set(document.uri, { version: document.version, text, configKey, generation, result, origin: answered ? cached!.origin : result });
    return result;
  }

  /**
   * The workspace moved on by this document's own entry only: its analysis stays current (a file's
   * findings across files depend on the other files' entries, never on its own).
   */
  retag(uri: string, generation: number): void {
    const cached = this.entries.get(uri);
    if (cached && cached.generation !== undefined) cached.generation = generation;
  }

  /** The analysis of exactly this version, if it was computed (code actions on a stale version get nothing). */
  peek(uri: string, version: number): AnalysisResult | undefined {
    const cached = this.entries.get(uri);
    return cached && cached.version === version ? cached.result : undefined;
  }

  delete(uri: string): void {
    this.entries.delete(uri);
    this.trees.delete(uri);
  }

  clear(): void {
    this.entries.clear();
    this.trees.clear();
  }
}

/**
 * A Bicep edit that changes nothing the analysis reads (a blank typed or deleted at a line's end,
 * `sameMeaning`), of a version analysed cleanly (no syntax error, no rule failure): its findings
 * are the last version's — every range and message comes from token positions, which did not move.
 * Fixes and hovers build from this text's own analysis, run when one is first asked for (a fix
 * edit may sit at a line's end). Undefined when the edit needs an analysis.
 */
function answeredFrom(cached: Entry, text: string, analyse: () => AnalysisResult): AnalysisResult | undefined {
  const last = cached.origin;
  if ((last.language !== 'bicep' && last.language !== 'bicepparam') || last.syntaxErrors.length > 0 || last.ruleFailures.length > 0 || !sameMeaning(cached.text, text)) return undefined;
  let fresh: AnalysisResult | undefined;
  const findings = last.findings.map(
    (finding, index) =>
      new AnalysedFinding(finding.ruleId, finding.severity, finding.range, finding.message, () => {
        fresh ??= analyse();
        const same = fresh.findings[index];
        if (!same || same.ruleId !== finding.ruleId || same.message !== finding.message) return [];
        const built = same.fixes();
        if (built.failure) throw new Error(built.failure.message.replace(/^building its fixes: /, ''));
        return built.fixes;
      }),
  );
  const result: AnalysisResult = {
    language: last.language,
    findings,
    syntaxErrors: [],
    ruleFailures: [],
    parsed: true,
    aiResources: [],
    summary: undefined,
    suppressionProblems: last.suppressionProblems,
  };
  defineLazy(result, 'summary', () => last.summary);
  defineLazy(result, 'aiResources', () => last.aiResources);
  return result;
}
