import { FINGERPRINT_NAME, fingerprintOf, type AuditFinding } from '../workspace/fingerprint.js';
import type { AuditResult, FileResult } from '../workspace/audit.js';
import { relativePath } from './counts.js';

/** A finding recorded in a baseline (an earlier SARIF or JSON report of this tool). */
export interface BaselineEntry {
  fingerprint: string;
  ruleId: string;
  path: string;
  /** 1-based, as the earlier report gave it. */
  line: number;
  /** Already redacted in the report it comes from. */
  message: string;
}

export class BaselineError extends Error {}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const arrayOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * Reads a baseline: a SARIF report (`partialFingerprints["azureAiSecurity/v1"]` of each result) or
 * a JSON report (`fingerprint` of each finding), as `--format sarif|json` and `--write-baseline`
 * write them. Anything else is a clear error, never an empty baseline that would let every
 * finding fail the gate unexplained, or hide them.
 */
export function parseBaseline(text: string, file: string): BaselineEntry[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new BaselineError(`Baseline ${file} is not JSON: give a SARIF or JSON report of azure-ai-security (--write-baseline writes one).`);
  }
  if (isObject(data) && Array.isArray(data.runs)) {
    const entries: BaselineEntry[] = [];
    let foreign = 0;
    for (const run of data.runs) {
      for (const result of isObject(run) ? arrayOf(run.results) : []) {
        if (!isObject(result) || result.baselineState === 'absent') continue;
        const fingerprint = isObject(result.partialFingerprints) ? result.partialFingerprints[FINGERPRINT_NAME] : undefined;
        if (typeof fingerprint !== 'string') {
          foreign++;
          continue;
        }
        const location = arrayOf(result.locations)[0];
        const physical = isObject(location) && isObject(location.physicalLocation) ? location.physicalLocation : {};
        const uri = isObject(physical.artifactLocation) ? str(physical.artifactLocation.uri) : '';
        const line = isObject(physical.region) && typeof physical.region.startLine === 'number' ? physical.region.startLine : 0;
        entries.push({ fingerprint, ruleId: str(result.ruleId), path: safeDecode(uri), line, message: isObject(result.message) ? str(result.message.text) : '' });
      }
    }
    if (entries.length === 0 && foreign > 0)
      throw new BaselineError(
        `Baseline ${file} has results but no ${FINGERPRINT_NAME} fingerprints: it was written by another tool or an older version; write a new one with --write-baseline.`,
      );
    return entries;
  }
  if (isObject(data) && Array.isArray(data.files) && isObject(data.summary)) {
    if (data.fingerprints !== FINGERPRINT_NAME)
      throw new BaselineError(`Baseline ${file} has no ${FINGERPRINT_NAME} fingerprints (an older version wrote it); write a new one with --write-baseline.`);
    const entries: BaselineEntry[] = [];
    for (const f of data.files) {
      if (!isObject(f)) continue;
      for (const finding of arrayOf(f.findings)) {
        if (!isObject(finding) || typeof finding.fingerprint !== 'string') continue;
        const range = isObject(finding.range) && isObject(finding.range.start) ? finding.range.start : {};
        const line = typeof range.line === 'number' ? range.line + 1 : 0;
        entries.push({ fingerprint: finding.fingerprint, ruleId: str(finding.ruleId), path: str(f.path), line, message: str(finding.message) });
      }
    }
    return entries;
  }
  throw new BaselineError(`Baseline ${file} is neither a SARIF nor a JSON report of azure-ai-security (--write-baseline writes one).`);
}

function safeDecode(uri: string): string {
  try {
    return uri
      .split('/')
      .map((s) => decodeURIComponent(s))
      .join('/');
  } catch {
    return uri;
  }
}

export type BaselineState = 'new' | 'baselined';

/**
 * What the reports say of each finding beyond the audit: its fingerprint (paths from `sourceRoot`,
 * the repository root), and with a baseline, whether it is new and which baselined ones are gone.
 */
export class FindingStates {
  private readonly prints = new Map<AuditFinding, string>();
  private readonly baselined = new Set<AuditFinding>();
  /** Findings of the baseline no longer found, in the baseline's order. */
  readonly fixed: BaselineEntry[] = [];
  readonly hasBaseline: boolean;

  constructor(
    result: Pick<AuditResult, 'files'>,
    readonly sourceRoot: string,
    baseline?: readonly BaselineEntry[],
  ) {
    for (const file of result.files) {
      const rel = relativePath(sourceRoot, file.path);
      for (const f of file.findings) this.prints.set(f, fingerprintOf(rel, f));
    }
    this.hasBaseline = baseline !== undefined;
    if (!baseline) return;
    const known = new Set(baseline.map((e) => e.fingerprint));
    const current = new Set<string>();
    for (const [finding, print] of this.prints) {
      current.add(print);
      if (known.has(print)) this.baselined.add(finding);
    }
    const listed = new Set<string>();
    for (const entry of baseline) {
      if (current.has(entry.fingerprint) || listed.has(entry.fingerprint)) continue;
      listed.add(entry.fingerprint);
      this.fixed.push(entry);
    }
  }

  fingerprint(finding: AuditFinding): string {
    return this.prints.get(finding) ?? fingerprintOf('', finding);
  }

  /** Undefined without a baseline. */
  state(finding: AuditFinding): BaselineState | undefined {
    if (!this.hasBaseline) return undefined;
    return this.baselined.has(finding) ? 'baselined' : 'new';
  }

  isNew(finding: AuditFinding): boolean {
    return !this.baselined.has(finding);
  }

  /** Findings of each file that are not baselined. */
  newFindings(file: FileResult): AuditFinding[] {
    return file.findings.filter((f) => this.isNew(f));
  }

  get baselinedCount(): number {
    return this.baselined.size;
  }
}
