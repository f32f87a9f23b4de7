import type * as ts from 'typescript';
import type { Rule, TypeScriptContext } from '../rule.js';
import { propertyNameText, resolveStringLiteral, unwrap } from '../typescript/resolve.js';
import { walkTree } from '../typescript/walk.js';
import { namesOldProtocol } from '../typescript/prefilter-words.js';

/** `minVersion` / `maxVersion` values below TLS 1.2 (Node's tls docs: 'TLSv1.3' | 'TLSv1.2' | 'TLSv1.1' | 'TLSv1'). */
const OLD_VERSIONS = new Set(['TLSv1', 'TLSv1.1']);
const VERSION_PROPERTIES = new Set(['minVersion', 'maxVersion', 'DEFAULT_MIN_VERSION', 'DEFAULT_MAX_VERSION']);
/** Legacy OpenSSL method names that pin a protocol below TLS 1.2 (docs/rules/tls-downgrade.md). */
const OLD_METHOD = /^(SSLv2|SSLv3|TLSv1|TLSv1_1)_((?:client_|server_)?method)$/;

/** The replacement that requires TLS 1.2, or undefined when the value is fine. */
function tls12Value(property: string, value: string): string | undefined {
  if (property === 'secureProtocol') {
    const m = OLD_METHOD.exec(value);
    return m ? `TLSv1_2_${m[2]}` : undefined;
  }
  return OLD_VERSIONS.has(value) ? 'TLSv1.2' : undefined;
}

function checkTypeScript(ctx: TypeScriptContext): void {
  const { ts: tsc, sourceFile, lines } = ctx;
  const reported = new Set<ts.Node>();
  const check = (property: string | undefined, value: ts.Expression) => {
    if (!property || !(VERSION_PROPERTIES.has(property) || property === 'secureProtocol')) return;
    const resolved = resolveStringLiteral(tsc, value);
    if (!resolved || reported.has(resolved.literal)) return;
    const replacement = tls12Value(property, resolved.value);
    if (!replacement) return;
    reported.add(resolved.literal);
    const literal = resolved.literal;
    const start = literal.getStart(sourceFile);
    const quote = sourceFile.text[start]!;
    ctx.report({
      range: lines.range(start, literal.end),
      message:
        `'${resolved.value}' allows a protocol older than TLS 1.2 (${property}). Azure AI services endpoints enforce TLS 1.2, ` +
        `and older versions have known weaknesses; require TLS 1.2 or later.`,
      fixes: [{ title: 'Require TLS 1.2', preferred: true, edits: [{ range: lines.range(start, literal.end), newText: `${quote}${replacement}${quote}` }] }],
    });
  };
  const visit = (node: ts.Node): void => {
    if (tsc.isPropertyAssignment(node)) check(propertyNameText(tsc, node.name), node.initializer);
    else if (tsc.isShorthandPropertyAssignment(node)) check(node.name.text, node.name);
    else if (tsc.isBinaryExpression(node) && node.operatorToken.kind === tsc.SyntaxKind.EqualsToken) {
      // `tls.DEFAULT_MIN_VERSION = 'TLSv1'`, `options.minVersion = 'TLSv1.1'`.
      const target = unwrap(tsc, node.left);
      if (tsc.isPropertyAccessExpression(target)) check(target.name.text, node.right);
      else if (tsc.isElementAccessExpression(target)) check(resolveStringLiteral(tsc, target.argumentExpression)?.value, node.right);
    }
  };
  walkTree(tsc, sourceFile, visit);
}

export const rule: Rule = {
  id: 'tls-downgrade',
  feature: 'tls',
  languages: ['typescript'],
  severity: 'error',
  docs: {
    summary: 'Node TLS options allow a protocol older than TLS 1.2.',
    why:
      'All Azure AI services endpoints exposed over HTTP enforce TLS 1.2, and the language and platform making the call need to specify TLS 1.2. ' +
      'A client pinned to TLS 1.0/1.1 (or SSLv3) fails against them, and anywhere else it negotiates a protocol with known weaknesses.',
    fix: "Require TLS 1.2: the value becomes 'TLSv1.2' (or 'TLSv1_2_method').",
  },
  // Values are compared as the compiler reads them ('\x54LSv1' is TLSv1): the engine also asks the decoded text.
  typescriptPrefilter: (text) => namesOldProtocol(text),
  typescript: checkTypeScript,
};
