import type { AuditResult } from '../workspace/audit.js';
import { countBySeverity, relativePath } from './counts.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** ESLint's stylish layout: a block per file, `line:col  severity  message  rule`, then a summary. */
export function formatText(report: AuditResult, baseDir: string): string {
  const out: string[] = [];
  for (const file of report.files) {
    if (file.findings.length === 0) continue;
    out.push(relativePath(baseDir, file.path));
    const rows = file.findings.map((f) => [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, f.message, f.ruleId]);
    const width0 = Math.max(...rows.map((r) => r[0]!.length));
    const width1 = Math.max(...rows.map((r) => r[1]!.length));
    for (const [pos, severity, message, rule] of rows) out.push(`  ${pos!.padEnd(width0)}  ${severity!.padEnd(width1)}  ${message}  ${rule}`);
    out.push('');
  }
  if (report.notices.length > 0) {
    out.push('Notices:');
    for (const n of report.notices) out.push(`  ${relativePath(baseDir, n.path)}: ${n.message}`);
    out.push('');
  }
  const counts = countBySeverity(report);
  const total = counts.error + counts.warning + counts.info;
  const summary = `${plural(total, 'problem')} (${plural(counts.error, 'error')}, ${plural(counts.warning, 'warning')}, ${counts.info} info) in ${plural(report.scannedFiles, 'file')} scanned`;
  out.push(`${total > 0 ? '✖' : '✔'} ${summary}`);
  return `${out.join('\n')}\n`;
}

export function formatJson(report: AuditResult, baseDir: string): string {
  const files = report.files
    .filter((f) => f.findings.length > 0)
    .map((f) => ({
      path: relativePath(baseDir, f.path),
      findings: f.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        range: finding.range,
        // The `.env` value is a secret: fixes are listed by title and source edits only.
        fixes: finding.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred, edits: fix.edits, envVariable: fix.envVar?.name })),
      })),
    }));
  const notices = report.notices.map((n) => ({ path: relativePath(baseDir, n.path), message: n.message }));
  return `${JSON.stringify({ scannedFiles: report.scannedFiles, summary: countBySeverity(report), files, notices }, null, 2)}\n`;
}
