import { CodeAction, CodeActionKind, TextDocumentEdit, type Diagnostic } from 'vscode-languageserver';
import type { AnalysedFinding, AnalysisResult, RuleFailure } from '../engine/index.js';
import { suppressionEdit } from '../engine/suppressions.js';
import { materialized } from '../engine/index.js';
import type { Language } from '../engine/types.js';
import { Commands, InternalCommands, SOURCE, type DiagnosticData } from './protocol.js';
import { buildFixesEdit, buildGitignoreEdit, buildWorkspaceEdit, type GitignoreTarget, type OpenText } from './workspace-edit.js';

/** The finding behind one of our diagnostics, if it belongs to the analysed version. */
export function findingOf(diagnostic: Diagnostic, result: AnalysisResult, version: number): AnalysedFinding | undefined {
  if (diagnostic.source !== SOURCE) return undefined;
  const data = diagnostic.data as DiagnosticData | undefined;
  if (!data || data.version !== version) return undefined;
  const finding = result.findings[data.index];
  return finding && finding.ruleId === diagnostic.code ? finding : undefined;
}

/**
 * ESLint's set, per diagnostic: its fixes (the preferred one first), *Fix all <rule> problems in
 * this file* when the file has more than one safe fix of that rule (vscode-eslint's convention;
 * `buildFixesEdit`), *Disable <rule> for this line*, *Show documentation
 * for <rule>*. A fix builder that throws is handed to `onFailure` (its finding then offers no fix,
 * the other actions still).
 */
export async function codeActionsFor(
  uri: string,
  version: number,
  text: string,
  language: Language,
  diagnostics: readonly Diagnostic[],
  result: AnalysisResult,
  folder: string | undefined,
  openText: OpenText,
  onFailure: (failure: RuleFailure) => void,
  gitignore?: GitignoreTarget,
): Promise<CodeAction[]> {
  const fixes: CodeAction[] = [];
  const fixAlls: CodeAction[] = [];
  const others: CodeAction[] = [];
  const safeFixesOf = (ruleId: string) => result.findings.filter((f) => f.ruleId === ruleId && f.fixes().fixes.some((fix) => fix.preferred)).length;
  const fixAllDone = new Set<string>();
  for (const diagnostic of diagnostics) {
    const finding = findingOf(diagnostic, result, version);
    if (!finding) continue;
    const built = finding.fixes();
    if (built.failure) onFailure(built.failure);
    const ordered = [...built.fixes].sort((a, b) => Number(b.preferred) - Number(a.preferred));
    for (const fix of ordered) {
      // Undefined when the fix needs a .env that may not be written (no folder, a link leading out),
      // or a .gitignore entry that would not make git ignore the file.
      const built = fix.gitignoreEntry !== undefined ? await buildGitignoreEdit(fix, gitignore, openText) : await buildWorkspaceEdit(uri, version, fix, folder, openText);
      if (!built) continue;
      const action = withSaveCommand(CodeAction.create(built.title, built.edit, CodeActionKind.QuickFix));
      action.diagnostics = [diagnostic];
      action.isPreferred = fix.preferred;
      fixes.push(action);
    }
    if (!fixAllDone.has(finding.ruleId) && safeFixesOf(finding.ruleId) > 1) {
      fixAllDone.add(finding.ruleId);
      const ruleId = finding.ruleId;
      const edit = await buildFixesEdit(uri, version, result.findings.filter((f) => f.ruleId === ruleId).map(materialized), folder, openText);
      if (edit) {
        const action = withSaveCommand(CodeAction.create(`Fix all ${ruleId} problems in this file`, edit, CodeActionKind.QuickFix));
        action.diagnostics = diagnostics.filter((d) => d.source === SOURCE && d.code === ruleId);
        fixAlls.push(action);
      }
    }
    const disable = CodeAction.create(
      `Disable ${finding.ruleId} for this line`,
      { documentChanges: [TextDocumentEdit.create({ uri, version }, [suppressionEdit(text, language, finding.ruleId, finding.range.start.line)])] },
      CodeActionKind.QuickFix,
    );
    disable.diagnostics = [diagnostic];
    others.push(disable);
    const docs = CodeAction.create(
      `Show documentation for ${finding.ruleId}`,
      { title: 'Show documentation', command: Commands.showRuleDocumentation, arguments: [finding.ruleId] },
      CodeActionKind.QuickFix,
    );
    docs.diagnostics = [diagnostic];
    others.push(docs);
  }
  return [...fixes, ...fixAlls, ...dedupe(others)];
}

/**
 * A fix that appends to `.env` / `.gitignore` also saves them: VS Code leaves files touched by an
 * edit unsaved, and a key that exists only in an unsaved buffer is one close away from being lost
 * while the code already reads it from the environment.
 */
export function withSaveCommand(action: CodeAction): CodeAction {
  const source = action.edit?.documentChanges?.[0];
  const sourceUri = source && 'textDocument' in source ? source.textDocument.uri : undefined;
  const others = new Set<string>();
  for (const change of action.edit?.documentChanges ?? []) {
    const uri = 'textDocument' in change ? change.textDocument.uri : 'uri' in change ? change.uri : undefined;
    if (uri && uri !== sourceUri) others.add(uri);
  }
  if (others.size > 0) action.command = { title: 'Save .env and .gitignore', command: InternalCommands.saveFiles, arguments: [...others] };
  return action;
}

function dedupe(actions: CodeAction[]): CodeAction[] {
  const seen = new Set<string>();
  return actions.filter((a) => !seen.has(a.title) && Boolean(seen.add(a.title)));
}
