import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { rulePage } from '../docs.js';
import { RULES } from '../engine/rules/index.js';
import type { Range, Severity } from '../engine/types.js';
import type { AuditResult } from '../workspace/audit.js';
import { FINGERPRINT_NAME } from '../workspace/fingerprint.js';
import { FindingStates } from './baseline.js';
import { codeScanningOf } from './code-scanning.js';
import { relativePath } from './counts.js';
import { GUIDANCE_URL, type PublicLinks } from './public-links.js';

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };
const BASE_ID = 'SRCROOT';

/** SARIF regions are 1-based; columns count UTF-16 code units like LSP (`columnKind` below). */
function region(range: Range) {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

function artifact(baseDir: string, file: string) {
  const rel = relativePath(baseDir, file);
  // Segment by segment: `#` and `?` in a folder name must not end the path.
  const uri = rel.split('/').map(encodeURIComponent).join('/');
  return path.isAbsolute(rel) || /^[A-Za-z]:\//.test(rel) ? { uri: URI.file(file).toString() } : { uri, uriBaseId: BASE_ID };
}

export interface SarifOptions {
  /** Fingerprints (paths from its `sourceRoot`, the SARIF `SRCROOT`) and baseline states; by default from `baseDir`, no baseline. */
  states?: FindingStates;
  /** Public pages for `informationUri` and each rule's `helpUri`; left out when not given. */
  links?: PublicLinks;
}

/** A rule page for `help.markdown`: links to other rule pages point to their public page when there is one. */
function helpMarkdown(ruleId: string, links: PublicLinks | undefined): string | undefined {
  const page = rulePage(ruleId);
  if (page === undefined || !links?.rule) return page;
  const rule = links.rule;
  return page.replace(/\]\(([a-z0-9-]+)\.md(#[\w-]*)?\)/g, (whole, id: string, anchor: string | undefined) => (RULES.some((r) => r.id === id) ? `](${rule(id)}${anchor ?? ''})` : whole));
}

/**
 * SARIF 2.1.0, as GitHub code scanning reads it: each rule with `security-severity` and
 * `precision` (report/code-scanning.ts), each result with `partialFingerprints`
 * (workspace/fingerprint.ts) and, with a baseline, its `baselineState`. Fixes carry only the
 * source edits: the `.env` half of *Move to environment variable* holds the key itself, and a
 * report must never contain a key.
 */
export function formatSarif(report: AuditResult, baseDir: string, version: string, options: SarifOptions = {}): string {
  const states = options.states ?? new FindingStates(report, baseDir);
  const links = options.links;
  baseDir = states.sourceRoot;
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const results = report.files.flatMap((file) =>
    file.findings.map((f) => ({
      ruleId: f.ruleId,
      ruleIndex: ruleIndex.get(f.ruleId),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: artifact(baseDir, file.path), region: region(f.range) } }],
      partialFingerprints: { [FINGERPRINT_NAME]: states.fingerprint(f) },
      ...(states.hasBaseline ? { baselineState: states.state(f) === 'baselined' ? 'unchanged' : 'new' } : {}),
      // A fix with no edit of the file (*Add to .gitignore* changes another file, which only a face resolves)
      // has no SARIF form: `replacements` may not be empty.
      ...(f.fixes.some((fix) => fix.edits.length > 0)
        ? {
            fixes: f.fixes
              .filter((fix) => fix.edits.length > 0)
              .map((fix) => ({
                description: { text: fix.title },
                artifactChanges: [
                  {
                    artifactLocation: artifact(baseDir, file.path),
                    replacements: fix.edits.map((e) => ({ deletedRegion: region(e.range), insertedContent: { text: e.newText } })),
                  },
                ],
              })),
          }
        : {}),
    })),
  );
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'azure-ai-security',
            informationUri: links?.information ?? GUIDANCE_URL,
            version,
            semanticVersion: version,
            rules: RULES.map((r) => {
              const scanning = codeScanningOf(r);
              const markdown = helpMarkdown(r.id, links);
              return {
                id: r.id,
                name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
                shortDescription: { text: r.docs.summary },
                fullDescription: { text: r.docs.why },
                help: { text: `${r.docs.why} Fix: ${r.docs.fix}`, ...(markdown !== undefined ? { markdown } : {}) },
                ...(links?.rule ? { helpUri: links.rule(r.id) } : {}),
                defaultConfiguration: { level: LEVEL[r.severity] },
                // GitHub reads `security-severity` as a string holding a number.
                properties: { tags: ['security', r.feature], precision: scanning.precision, 'security-severity': scanning.securitySeverity.toFixed(1) },
              };
            }),
          },
        },
        originalUriBaseIds: { [BASE_ID]: { uri: URI.file(baseDir).toString().replace(/\/?$/, '/') } },
        columnKind: 'utf16CodeUnits',
        invocations: [
          {
            executionSuccessful: true,
            toolExecutionNotifications: report.notices.map((n) => ({
              level: 'warning',
              message: { text: n.message },
              locations: [{ physicalLocation: { artifactLocation: artifact(baseDir, n.path) } }],
            })),
          },
        ],
        results,
      },
    ],
  };
  return `${JSON.stringify(sarif, null, 2)}\n`;
}
