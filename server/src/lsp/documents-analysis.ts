import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, TypeScriptTrees, type AnalysisContext, type AnalysisResult, type EngineConfig } from '../engine/index.js';
import { RULES } from '../engine/rules/index.js';

interface Entry {
  version: number;
  configKey: string;
  result: AnalysisResult;
}

/**
 * One analysis per document version and configuration: diagnostics, code actions and hovers all
 * read the same result, so the file is parsed once per edit, incrementally from the last version's tree.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();
  private readonly trees = new TypeScriptTrees();

  /** `gitIgnored`: what git decides about a config file (undefined: not known, or not a config file). */
  get(document: TextDocument, config: EngineConfig, gitIgnored?: boolean): AnalysisResult {
    const configKey = `${JSON.stringify(config.rules ?? {})}|${String(gitIgnored)}`;
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.configKey === configKey) return cached.result;
    const context: AnalysisContext = gitIgnored === undefined ? {} : { git: { isIgnored: () => gitIgnored } };
    const result = analyzeDocument({ uri: document.uri, languageId: document.languageId, text: document.getText() }, config, RULES, this.trees, context);
    this.entries.set(document.uri, { version: document.version, configKey, result });
    return result;
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
