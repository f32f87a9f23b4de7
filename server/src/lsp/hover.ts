import type { Hover, Position } from 'vscode-languageserver';
import { ruleDocsUrl } from '../docs.js';
import type { AnalysisResult, RuleFailure } from '../engine/index.js';
import { findRule } from '../engine/rules/index.js';
import type { Range } from '../engine/types.js';

function contains(range: Range, p: Position): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}

/**
 * On a finding: what the rule flags, why it matters in the guidance's terms, and the fix. A fix
 * builder that throws leaves its finding without quick fixes and is handed to `onFailure`.
 */
export function hoverFor(result: AnalysisResult, position: Position, onFailure: (failure: RuleFailure) => void): Hover | null {
  const here = result.findings.filter((f) => contains(f.range, position));
  if (here.length === 0) return null;
  const sections = here.map((finding) => {
    const rule = findRule(finding.ruleId)!;
    const built = finding.fixes();
    if (built.failure) onFailure(built.failure);
    const fixes = built.fixes.map((f) => `*${f.title}*${f.preferred ? '' : ' (suggestion)'}`).join(', ');
    return [
      `**Azure AI Security — \`${rule.id}\`** (${finding.severity}): ${rule.docs.summary}`,
      '',
      `**Why it matters:** ${rule.docs.why}`,
      '',
      `**Fix:** ${rule.docs.fix}${fixes ? ` Quick fix (Ctrl+.): ${fixes}.` : ''}`,
      '',
      `[Rule documentation](${ruleDocsUrl(rule.id)})`,
    ].join('\n');
  });
  return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') }, range: here[0]!.range };
}
