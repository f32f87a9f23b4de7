import type * as ts from 'typescript';
import { calleeName, findVariableDeclaration, unwrap } from './resolve.js';

/** The key credential classes: everything else named `…Credential` is a `TokenCredential` (Microsoft Entra ID). */
export const KEY_CREDENTIAL_CLASSES = new Set(['AzureKeyCredential', 'AzureNamedKeyCredential', 'OpenAIKeyCredential']);

/**
 * A value that is already Entra ID: a token function (`getBearerTokenProvider(…)`, `async () => token`) or a
 * `TokenCredential` (`new DefaultAzureCredential()`), directly or through a `const`. `apiKey` of `OpenAI` and
 * Speech's `fromEndpoint` take these in the same position as a key.
 */
export function isTokenBased(tsc: typeof ts, expr: ts.Expression, hops = 0): boolean {
  let node = unwrap(tsc, expr);
  while (tsc.isAwaitExpression(node)) node = unwrap(tsc, node.expression);
  if (tsc.isArrowFunction(node) || tsc.isFunctionExpression(node)) return true;
  if (tsc.isCallExpression(node)) {
    const name = calleeName(tsc, node.expression);
    // `await tokenProvider()`: the token a provider gives, and `(await credential.getToken(scope)).token`.
    if (name === 'getBearerTokenProvider' || name === 'getToken') return true;
    const callee = unwrap(tsc, node.expression);
    const provider = tsc.isIdentifier(callee) ? findVariableDeclaration(tsc, callee)?.initializer : undefined;
    return provider !== undefined && tsc.isCallExpression(unwrap(tsc, provider)) && isTokenBased(tsc, provider, hops + 1);
  }
  if (tsc.isPropertyAccessExpression(node) && node.name.text === 'token' && hops < 8) return isTokenBased(tsc, node.expression, hops + 1);
  if (tsc.isNewExpression(node)) {
    const name = calleeName(tsc, node.expression) ?? '';
    return name.endsWith('Credential') && !KEY_CREDENTIAL_CLASSES.has(name);
  }
  if (tsc.isIdentifier(node) && hops < 8) {
    const decl = findVariableDeclaration(tsc, node);
    return decl?.initializer !== undefined && isTokenBased(tsc, decl.initializer, hops + 1);
  }
  return false;
}
