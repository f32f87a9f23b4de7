import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl } from '../docs.js';
import type { SuppressionProblem } from '../engine/index.js';
import type { Finding, Severity, SyntaxError } from '../engine/types.js';
import { SOURCE, type DiagnosticData } from './protocol.js';

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  info: DiagnosticSeverity.Information,
};

/** What diagnostics are made of: an analysis of an open document, or a file of an audit. */
export interface DiagnosticsSource {
  findings: readonly Pick<Finding, 'ruleId' | 'severity' | 'range' | 'message'>[];
  syntaxErrors: readonly SyntaxError[];
  /** Open documents only: an audit's files carry findings, not editor hints. */
  suppressionProblems?: readonly SuppressionProblem[];
}

export function toDiagnostics(result: DiagnosticsSource, version: number): Diagnostic[] {
  const diagnostics: Diagnostic[] = result.findings.map((f, index) => ({
    range: f.range,
    severity: SEVERITY[f.severity],
    code: f.ruleId,
    codeDescription: { href: ruleDocsUrl(f.ruleId) },
    source: SOURCE,
    message: f.message,
    data: { version, index } satisfies DiagnosticData,
  }));
  // Microsoft's Bicep extension reports syntax errors itself: ours are only a quiet hint that
  // analysis of that spot is partial.
  for (const e of result.syntaxErrors.slice(0, 20)) {
    diagnostics.push({
      range: e.range,
      severity: DiagnosticSeverity.Hint,
      source: SOURCE,
      message: `Syntax error (security analysis continues around it): ${e.message}`,
    });
  }
  // A pragma that silences nothing as written. No `data`: code actions (findingOf) never take it
  // for a finding, and it is no rule's, so it has no code either.
  for (const problem of result.suppressionProblems ?? []) {
    diagnostics.push({ range: problem.range, severity: DiagnosticSeverity.Hint, source: SOURCE, message: problem.message });
  }
  return diagnostics;
}
