import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, TypeScriptTrees, type AnalysisContext, type AnalysisResult, type EngineConfig, type WorkspaceContext } from '../engine/index.js';
import { RULES } from '../engine/rules/index.js';

interface Entry {
  version: number;
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
    if (workspace) context.workspace = { view: workspace.view, file: workspace.file };
    const result = analyzeDocument({ uri: document.uri, languageId: document.languageId, text: document.getText() }, config, RULES, this.trees, context);
    this.entries.set(document.uri, { version: document.version, configKey, generation, result });
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
