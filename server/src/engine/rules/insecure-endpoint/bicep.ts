/**
 * The Bicep side of `insecure-endpoint` (docs/rules/insecure-endpoint.md, "Bicep"): an `http://` or
 * `ws://` URL to an Azure AI host in a Bicep string. Holes of an interpolated string stand as `x`, a
 * valid host label, so `'http://${name}.openai.azure.com'` still names the service; the scheme must be
 * written literally.
 */
import { azureAiServiceOfHost, isLoopbackHost } from '../../azure-hosts.js';
import { positionAt, rangeOf, walk, type StringLiteral } from '../../bicep/index.js';
import type { BicepContext } from '../../rule.js';
import type { TextEdit } from '../../types.js';

const SECURE: Record<string, string> = { http: 'https', ws: 'wss' };
const INSECURE_URL = /(?<![A-Za-z0-9+.-])(http|ws):\/\/([^\s/?#'"\\]*)/gi;

/** The string's source text with each `${…}` hole replaced by `x`, and the source offset of each character (-1 in holes). */
function assemble(text: string, literal: StringLiteral): { text: string; offsets: number[] } {
  let out = '';
  const offsets: number[] = [];
  let at = literal.start;
  for (const hole of literal.holes) {
    const open = text.lastIndexOf('${', hole.start);
    const close = text.indexOf('}', hole.end);
    for (; at < open; at++) {
      out += text[at];
      offsets.push(at);
    }
    out += 'x';
    offsets.push(-1);
    at = close + 1;
  }
  for (; at < literal.end; at++) {
    out += text[at];
    offsets.push(at);
  }
  return { text: out, offsets };
}

/** The scheme must be written literally (see above), so a file without one has nothing to report. */
export function bicepPrefilter(text: string): boolean {
  return /(?:http|ws):\/\//i.test(text);
}

export function checkBicep(ctx: BicepContext): void {
  const { file } = ctx;
  if (!bicepPrefilter(file.text)) return;
  walk(file, (node) => {
    // Descriptions and metadata are documentation, not URLs anything connects to.
    if (node.kind === 'Decorator' || node.kind === 'Metadata') return false;
    if (node.kind !== 'String') return;
    const assembled = assemble(file.text, node);
    const edits: TextEdit[] = [];
    let first: { scheme: string; host: string; service: string } | undefined;
    for (const m of assembled.text.matchAll(INSECURE_URL)) {
      const scheme = m[1]!.toLowerCase();
      const host = m[2]!.replace(/^[^@]*@/, '');
      const start = assembled.offsets[m.index!]!;
      if (start < 0 || isLoopbackHost(host)) continue;
      const service = azureAiServiceOfHost(host);
      if (!service) continue;
      first ??= { scheme, host, service };
      edits.push({ range: { start: positionAt(file, start), end: positionAt(file, start + scheme.length) }, newText: SECURE[scheme]! });
    }
    if (!first) return;
    const where = first.host.startsWith('x.') ? '' : ` (${first.host})`;
    ctx.report({
      range: rangeOf(file, node),
      message:
        `Unencrypted ${first.scheme}:// URL to ${first.service}${where}: keys, tokens and data would travel in clear text. ` +
        `Azure AI services endpoints enforce TLS 1.2; use ${SECURE[first.scheme]}://.`,
      fixes: [{ title: `Use ${SECURE[first.scheme]}://`, preferred: true, edits }],
    });
  });
}
