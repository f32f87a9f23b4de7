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

/** A client in code and the resource it is linked to (`engine/links.ts`), as the hover names it. */
export interface HoverLink {
  range: Range;
  client: string;
  /** "Azure AI account 'account' (infra/core/ai/cognitiveservices.bicep:12)". */
  resource: string;
  via: string;
  /** "with a key", "with Microsoft Entra ID". */
  auth: string;
}

/**
 * On a finding: what the rule flags, why it matters in the guidance's terms, and the fix. A fix
 * builder that throws leaves its finding without quick fixes and is handed to `onFailure`.
 */
export function hoverFor(result: AnalysisResult, position: Position, onFailure: (failure: RuleFailure) => void, links: readonly HoverLink[] = []): Hover | null {
  const here = result.findings.filter((f) => contains(f.range, position));
  const linked = links.filter((l) => contains(l.range, position));
  if (here.length === 0 && linked.length === 0) return null;
  const linkSections = linked.map((l) => `**Azure AI Security — linked resource:** ${l.client} calls ${l.resource}, linked by ${l.via}; it authenticates ${l.auth}.`);
  const sections = here.map((finding) => {
    const rule = findRule(finding.ruleId)!;
    const built = finding.fixes();
    if (built.failure) onFailure(built.failure);
    const fixes = built.fixes.map((f) => `*${f.title}*${f.preferred ? '' : ' (suggestion)'}`).join(', ');
    return [
      `**Azure AI Security — \`${rule.id}\`** (${finding.severity}): ${rule.docs.summary}`,
      '',
      finding.message,
      '',
      `**Why it matters:** ${rule.docs.why}`,
      '',
      `**Fix:** ${rule.docs.fix}${fixes ? ` Quick fix (Ctrl+.): ${fixes}.` : ''}`,
      '',
      `[Rule documentation](${ruleDocsUrl(rule.id)})`,
    ].join('\n');
  });
  return { contents: { kind: 'markdown', value: [...sections, ...linkSections].join('\n\n---\n\n') }, range: here[0]?.range ?? linked[0]!.range };
}
