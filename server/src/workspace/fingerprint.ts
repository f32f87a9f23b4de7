import { createHmac } from 'node:crypto';
import { compareRanges, LineIndex } from '../engine/text.js';
import type { Finding } from '../engine/types.js';

/**
 * Fingerprints that follow a finding while code moves (README, Use in CI: baselines; GitHub code
 * scanning's `partialFingerprints`). What goes in:
 *
 * - the rule id and the file's path (relative to the repository root), added by `fingerprintOf`;
 * - the flagged line(s) with every flagged span on them masked and whitespace collapsed, so lines
 *   added above, re-indentation and moving the code keep it;
 * - a 16-bit digest of the flagged text, so changing the flagged value (another key, `'Enabled'`
 *   for `'Disabled'`) changes the fingerprint with odds 65535 in 65536;
 * - the occurrence index among findings of the file that agree in all of the above.
 *
 * Everything is combined by HMAC-SHA-256 under a fixed project key and truncated to 64 bits. The
 * flagged text (which may be a key) enters only through its 16-bit digest: a fingerprint cannot
 * be reversed, and it holds at most 16 bits about the value, too few to confirm even a short
 * password guessed from a list. The masked line itself holds no flagged span.
 */
const KEY = 'azure-ai-security/fingerprint/v1';

/** The `partialFingerprints` property name in SARIF, versioned so a new scheme never matches an old one. */
export const FINGERPRINT_NAME = 'azureAiSecurity/v1';

const hmac = (...parts: string[]) => createHmac('sha256', KEY).update(parts.join('\u0000')).digest('hex');
const collapse = (s: string) => s.replace(/\s+/g, ' ').trim();
const MASK = '\u2588';

/** An audit's finding: the engine's, plus its fingerprint's path-free part. */
export interface AuditFinding extends Finding {
  /** Of the rule, the masked lines, the flagged text's 16-bit digest and the occurrence (never printed). */
  contentDigest: string;
}

/** Each finding with its `contentDigest`, in the order given. */
export function withContentDigests(text: string, findings: readonly Finding[]): AuditFinding[] {
  if (findings.length === 0) return [];
  const lines = new LineIndex(text);
  const spans = findings.map((f) => ({ start: lines.offsetAt(f.range.start), end: lines.offsetAt(f.range.end) }));
  // The spans touching each line, so a file with thousands of findings is not quadratic.
  const byLine = new Map<number, { start: number; end: number }[]>();
  findings.forEach((f, i) => {
    for (let line = f.range.start.line; line <= f.range.end.line; line++) {
      const list = byLine.get(line);
      if (list) list.push(spans[i]!);
      else byLine.set(line, [spans[i]!]);
    }
  });
  const seen = new Map<string, number>();
  const digests: string[] = [];
  const order = findings.map((_, i) => i).sort((a, b) => compareRanges(findings[a]!.range, findings[b]!.range) || a - b);
  for (const i of order) {
    const f = findings[i]!;
    const from = lines.lineStart(f.range.start.line);
    const to = lines.lineEnd(f.range.end.line);
    // The lines the finding spans, with every finding's span on them masked.
    const near = new Set<{ start: number; end: number }>();
    for (let line = f.range.start.line; line <= f.range.end.line; line++) for (const s of byLine.get(line) ?? []) near.add(s);
    const masked = [...near]
      .filter((s) => s.start <= to && s.end >= from)
      .sort((a, b) => a.start - b.start)
      .reduce<{ out: string; at: number }>(
        (acc, s) => {
          const start = Math.max(s.start, from, acc.at);
          const end = Math.min(s.end, to);
          if (end < start) return acc;
          return { out: acc.out + text.slice(acc.at, start) + MASK, at: Math.max(end, acc.at) };
        },
        { out: '', at: from },
      );
    const context = collapse(masked.out + text.slice(masked.at, to));
    const value = hmac('value', collapse(text.slice(spans[i]!.start, spans[i]!.end))).slice(0, 4);
    const key = hmac('content', f.ruleId, context, value);
    const occurrence = seen.get(key) ?? 0;
    seen.set(key, occurrence + 1);
    digests[i] = hmac('occurrence', key, String(occurrence));
  }
  return findings.map((f, i) => ({ ...f, contentDigest: digests[i]! }));
}

/** The fingerprint of a finding in the file at `relativePath` (forward slashes, from the repository root). */
export function fingerprintOf(relativePath: string, finding: Pick<AuditFinding, 'ruleId' | 'contentDigest'>): string {
  return hmac('fingerprint', finding.ruleId, relativePath, finding.contentDigest).slice(0, 16);
}
