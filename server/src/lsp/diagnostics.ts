import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import { ruleDocsUrl } from '../docs.js';
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
  return diagnostics;
}
