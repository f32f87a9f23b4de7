import type { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument, TypeScriptTrees, type AnalysisResult, type EngineConfig } from '../engine/index.js';
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

  get(document: TextDocument, config: EngineConfig): AnalysisResult {
    const configKey = JSON.stringify(config.rules ?? {});
    const cached = this.entries.get(document.uri);
    if (cached && cached.version === document.version && cached.configKey === configKey) return cached.result;
    const result = analyzeDocument({ uri: document.uri, languageId: document.languageId, text: document.getText() }, config, RULES, this.trees);
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
