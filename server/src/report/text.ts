import { modulesNotAnalysed } from './markdown.js';
import type { AuditResult } from '../workspace/audit.js';
import { FINGERPRINT_NAME } from '../workspace/fingerprint.js';
import { FindingStates } from './baseline.js';
import { countBySeverity, relativePath } from './counts.js';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * ESLint's stylish layout: a block per file, `line:col  severity  message  rule`, then a summary.
 * With a baseline, only new findings are listed; the summary says `N new, M baselined` and the
 * baselined findings that are gone are listed as fixed.
 */
export function formatText(report: AuditResult, baseDir: string, states: FindingStates = new FindingStates(report, baseDir)): string {
  const out: string[] = [];
  for (const file of report.files) {
    const shown = states.newFindings(file);
    if (shown.length === 0) continue;
    out.push(relativePath(baseDir, file.path));
    const rows = shown.map((f) => [`${f.range.start.line + 1}:${f.range.start.character + 1}`, f.severity, f.message, f.ruleId]);
    const width0 = Math.max(...rows.map((r) => r[0]!.length));
    const width1 = Math.max(...rows.map((r) => r[1]!.length));
    for (const [pos, severity, message, rule] of rows) out.push(`  ${pos!.padEnd(width0)}  ${severity!.padEnd(width1)}  ${message}  ${rule}`);
    out.push('');
  }
  if (states.fixed.length > 0) {
    out.push(`Fixed since the baseline (${states.fixed.length}):`);
    for (const e of states.fixed) out.push(`  ${e.path}:${e.line}  ${e.message}  ${e.ruleId}`);
    out.push('');
  }
  const unanalysed = modulesNotAnalysed(report);
  if (unanalysed.length > 0) {
    out.push('Modules not analysed:');
    for (const m of unanalysed) out.push(`  ${relativePath(baseDir, m.file)}:${m.range.start.line + 1}  module '${m.symbolicName}' → ${m.target ?? '?'}: ${m.reason}`);
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
  if (!states.hasBaseline) {
    out.push(`${total > 0 ? '✖' : '✔'} ${summary}`);
  } else {
    const fresh = total - states.baselinedCount;
    const fixed = states.fixed.length > 0 ? `, ${states.fixed.length} fixed` : '';
    out.push(`${fresh > 0 ? '✖' : '✔'} ${summary}: ${fresh} new, ${states.baselinedCount} baselined${fixed}`);
  }
  return `${out.join('\n')}\n`;
}

/**
 * The JSON report; also the baseline `--write-baseline` writes (each finding's `fingerprint`).
 * With a baseline, each finding has its `baselineState` and `baseline` lists the fixed ones.
 */
export function formatJson(report: AuditResult, baseDir: string, states: FindingStates = new FindingStates(report, baseDir)): string {
  const files = report.files
    .filter((f) => f.findings.length > 0)
    .map((f) => ({
      path: relativePath(baseDir, f.path),
      findings: f.findings.map((finding) => ({
        ruleId: finding.ruleId,
        severity: finding.severity,
        message: finding.message,
        range: finding.range,
        fingerprint: states.fingerprint(finding),
        ...(states.hasBaseline ? { baselineState: states.state(finding) } : {}),
        // The `.env` value is a secret: fixes are listed by title and source edits only.
        fixes: finding.fixes.map((fix) => ({ title: fix.title, preferred: fix.preferred, edits: fix.edits, envVariable: fix.envVar?.name })),
      })),
    }));
  const notices = report.notices.map((n) => ({ path: relativePath(baseDir, n.path), message: n.message }));
  const counts = countBySeverity(report);
  const baseline = states.hasBaseline
    ? { baseline: { new: counts.error + counts.warning + counts.info - states.baselinedCount, baselined: states.baselinedCount, fixed: states.fixed } }
    : {};
  const unanalysed = modulesNotAnalysed(report).map((m) => ({
    path: relativePath(baseDir, m.file),
    module: m.symbolicName,
    target: m.target,
    line: m.range.start.line + 1,
    reason: m.reason,
  }));
  const modules = unanalysed.length > 0 ? { modulesNotAnalysed: unanalysed } : {};
  return `${JSON.stringify({ scannedFiles: report.scannedFiles, summary: counts, fingerprints: FINGERPRINT_NAME, ...baseline, files, notices, ...modules }, null, 2)}\n`;
}
