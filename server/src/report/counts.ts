import * as path from 'node:path';
import type { Severity } from '../engine/types.js';
import type { AuditResult } from '../workspace/audit.js';

export function countBySeverity(report: Pick<AuditResult, 'files'>): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const file of report.files) for (const f of file.findings) counts[f.severity]++;
  return counts;
}

/** Forward-slash path relative to the base folder (absolute when outside it). */
export function relativePath(baseDir: string, file: string): string {
  const rel = path.relative(baseDir, file);
  const normal = rel.split(path.sep).join('/');
  return normal.startsWith('../') || path.isAbsolute(rel) ? file.split(path.sep).join('/') : normal;
}
