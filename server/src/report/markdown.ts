import * as path from 'node:path';
import { URI } from 'vscode-uri';
import { findRule } from '../engine/rules/index.js';
import type { AiResource, Finding, Range, Severity } from '../engine/index.js';
import type { AuditResult } from '../workspace/audit.js';
import { notAnalysedReason } from '../engine/bicep/azure/registry-modules.js';
import { FEATURES } from './features.js';
import { clientsOfResource } from '../engine/links.js';

/** Words, not emoji: a Markdown preview on a machine without an emoji font shows boxes. */
const LABEL: Record<Severity, string> = { error: '**error**', warning: '**warning**', info: 'info' };

/** Kinds eligible for Customer Lockbox (the guidance's list, by account kind). */
const LOCKBOX_KINDS = new Map([
  ['openai', 'Azure OpenAI'],
  ['aiservices', 'Azure OpenAI models in AI Services'],
  ['texttranslation', 'Translator'],
  ['languageauthoring', 'Conversational language understanding'],
  ['conversationallanguageunderstanding', 'Conversational language understanding'],
  ['textanalytics', 'Custom text classification / custom named entity recognition'],
]);

function escape(text: string): string {
  return text.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

function displayPath(folders: readonly string[], file: string): string {
  for (const folder of folders) {
    const rel = path.relative(folder, file);
    if (!rel.startsWith('..') && !path.isAbsolute(rel)) return (folders.length > 1 ? `${path.basename(folder)}/` : '') + rel.split(path.sep).join('/');
  }
  return file;
}

/** `[src/app.ts:5:11](file:///…/src/app.ts#L5,11)`: opens the file at the line from the Markdown preview. */
function location(input: AuditResult, file: string, line: number, character: number): string {
  const label = `${displayPath(input.roots, file)}:${line + 1}:${character + 1}`;
  return `[${escape(label)}](${URI.file(file).toString()}#L${line + 1},${character + 1})`;
}

function counts(findings: readonly Finding[]): Record<Severity, number> {
  const c: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) c[f.severity]++;
  return c;
}

function checklist(resource: AiResource): string[] {
  const kind = resource.kind?.toLowerCase();
  const items: string[] = [];
  if (resource.type.toLowerCase() === 'microsoft.cognitiveservices/accounts') {
    const lockbox = kind ? LOCKBOX_KINDS.get(kind) : undefined;
    if (lockbox)
      items.push(
        `**Customer Lockbox**: available for ${lockbox}. It is enabled per tenant (Azure portal → Customer Lockbox); confirm it is on if your data requires approval of support access.`,
      );
    else if (kind === 'speechservices') items.push('**Customer Lockbox**: not supported for Speech. Use bring-your-own-storage (`userOwnedStorage`) for similar control.');
    else
      items.push(
        `**Customer Lockbox**: ${kind ? `not listed for kind \`${escape(resource.kind!)}\`` : 'kind not known statically'}; check the Customer Lockbox documentation for this service.`,
      );
  } else {
    items.push('**Customer Lockbox**: not offered for this resource type.');
  }
  items.push(
    resource.localAuthDisabled
      ? '**Key rotation**: keys are disabled (`disableLocalAuth: true`); nothing to rotate.'
      : '**Key rotation**: the resource has two keys. Keep them in Key Vault and regenerate key1/key2 alternately on a schedule; check that a rotation process exists.',
  );
  items.push(
    resource.privateEndpointInFile
      ? '**Private endpoint**: declared in this template.'
      : '**Private endpoint**: none in this template. If network access is restricted, check that one is defined elsewhere (another template, or the portal).',
  );
  items.push('**Client TLS**: every client calling it must support TLS 1.2 (operating system and runtime).');
  return items;
}

/** The workspace audit report, organised by the guidance's security features. */
/** The audit report the editor shows: findings per security feature, and per AI resource what code cannot decide. */
/** Module calls whose target the analysis does not read: other registry modules, template specs, computed targets. */
export function modulesNotAnalysed(input: AuditResult): Array<{ file: string; symbolicName: string; target: string | undefined; range: Range; reason: string }> {
  return input.files.flatMap((f) =>
    f.summary?.language === 'bicep'
      ? f.summary.modules.flatMap((m) => {
          const reason = notAnalysedReason(m.target);
          return reason ? [{ file: f.path, symbolicName: m.symbolicName, target: m.target, range: m.range, reason }] : [];
        })
      : [],
  );
}

export function auditReportMarkdown(input: AuditResult, generatedAt: Date): string {
  const all = input.files.flatMap((f) => f.findings.map((finding) => ({ file: f.path, finding })));
  const total = counts(all.map((x) => x.finding));
  const out: string[] = [];
  out.push('# Azure AI Security audit', '');
  out.push(
    `${generatedAt.toISOString().replace('T', ' ').slice(0, 16)} UTC · ${input.scannedFiles} files scanned in ${input.roots.map((f) => `\`${escape(path.basename(f))}\``).join(', ')} · ` +
      `**${all.length} findings**: ${total.error} errors, ${total.warning} warnings, ${total.info} info` +
      (input.cancelled ? ' · **cancelled before the end: results are partial**' : ''),
    '',
  );
  out.push('| Security feature | Errors | Warnings | Info |', '|---|---:|---:|---:|');
  for (const feature of FEATURES) {
    const c = counts(all.filter((x) => findRule(x.finding.ruleId)?.feature === feature.id).map((x) => x.finding));
    out.push(`| [${feature.title}](#${feature.id}) | ${c.error} | ${c.warning} | ${c.info} |`);
  }
  out.push('');
  for (const feature of FEATURES) {
    const items = all.filter((x) => findRule(x.finding.ruleId)?.feature === feature.id);
    out.push(`<a id="${feature.id}"></a>`, '', `## ${feature.title}`, '', `> ${feature.guidance}`, '');
    if (items.length === 0) {
      out.push('No findings.', '');
      continue;
    }
    for (const { file, finding } of items) {
      const { line, character } = finding.range.start;
      out.push(`- ${LABEL[finding.severity]} ${location(input, file, line, character)} — ${escape(finding.message)} (\`${finding.ruleId}\`)`);
    }
    out.push('');
  }
  const resources = input.files.flatMap((f) => f.aiResources.map((r) => ({ file: f.path, resource: r })));
  out.push('## Manual checks per Azure AI resource', '');
  if (resources.length === 0) out.push('No Azure AI resources were found in Bicep files.', '');
  for (const { file, resource } of resources) {
    const kind = resource.kind ? ` (kind \`${escape(resource.kind)}\`)` : '';
    out.push(`### \`${escape(resource.symbolicName)}\` — ${resource.type}${kind}`, '', location(input, file, resource.range.start.line, resource.range.start.character), '');
    const code = clientsOfResource(input.model, file, resource.symbolicName);
    if (code.length > 0) {
      out.push('Code that calls it:', '');
      for (const { file: codeFile, link } of code) {
        const auth = link.client.credential.kind === 'entra' ? 'Microsoft Entra ID' : link.client.credential.kind === 'key' ? '**a key**' : 'not known';
        out.push(
          `- ${location(input, codeFile, link.client.range.start.line, link.client.range.start.character)} \`${escape(link.client.client)}\` — authenticates with ${auth} (linked by ${escape(link.via)})`,
        );
      }
      out.push('');
    }
    for (const item of checklist(resource)) out.push(`- [ ] ${item}`);
    out.push('');
  }
  const unanalysed = modulesNotAnalysed(input);
  if (unanalysed.length > 0) {
    out.push('## Modules not analysed', '', 'Findings inside these modules, and what their params decide, are not checked (docs/rules/README.md, "Across files").', '');
    for (const m of unanalysed)
      out.push(`- ${location(input, m.file, m.range.start.line, m.range.start.character)} module \`${escape(m.symbolicName)}\` → \`${escape(m.target ?? '?')}\`: ${escape(m.reason)}`);
    out.push('');
  }
  if (input.notices.length > 0) {
    out.push('## Files not fully analysed', '');
    for (const n of input.notices) out.push(`- ${escape(displayPath(input.roots, n.path))}: ${escape(n.message)}`);
    out.push('');
  }
  return out.join('\n');
}
