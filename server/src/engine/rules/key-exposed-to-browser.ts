/**
 * `key-exposed-to-browser` (docs/rules/key-exposed-to-browser.md): an Azure AI key that reaches code running
 * in a browser, where anyone who loads the page can read it from the bundle.
 */
import type * as ts from 'typescript';
import type { Rule, TypeScriptContext } from '../rule.js';
import { hasEscapedText, hasKeySinkWord, includesAny } from '../prefilter.js';
import { CREDENTIAL_CLIENT_WORDS, OPENAI_CLIENTS } from '../typescript/azure-clients.js';
import { resolveCallee } from '../typescript/bindings.js';
import { allowBrowserProperty, isUseClientFile, publicReadOf, type PublicRead } from '../typescript/browser.js';
import { isTokenBased } from '../typescript/credentials.js';
import { azureServiceOfUrl, findCalls, findKeySinks, isAiKeyName, type KeySink } from '../typescript/key-sinks.js';
import { propertyInitializer, propertyNameText, unwrap } from '../typescript/resolve.js';
import { walkTree } from '../typescript/walk.js';

const REMEDY =
  'Anyone who loads the page can read it from the bundle and call the service on your bill. ' +
  'Call the service from a server route (an API route, a server action, a function) that authenticates with Microsoft Entra ID, and regenerate the key.';

/** The sinks a browser can hold a key at (a name alone, `key-name`, counts only with a public read). */
const BROWSER_SINKS = new Set<KeySink['kind']>(['key-credential', 'api-key-option', 'speech', 'translator', 'key-object', 'option-key', 'header']);

/** Bundler config files whose `define` (Vite, webpack) or `env` (Next.js) entries are written into the client bundle. */
const BUNDLER_CONFIG = /(?:^|[\\/])(?:vite|vitest|webpack|next|rsbuild|rspack)\.config\.[cm]?[jt]s$/i;

function serviceWords(sink: KeySink | undefined): string {
  return sink?.service ? `${sink.service} key` : 'Azure AI key';
}

function checkTypeScript(ctx: TypeScriptContext): void {
  const { ts: tsc, sourceFile, lines } = ctx;
  const reported = new Set<number>();
  const report = (node: ts.Node, message: string) => {
    const start = node.getStart(sourceFile);
    if (reported.has(start)) return;
    reported.add(start);
    ctx.report({ range: lines.range(start, node.end), message, fixes: [] });
  };
  const publicMessage = (read: PublicRead, sink: KeySink | undefined) => `The ${serviceWords(sink)} is read from ${read.what}, which ${read.by} writes into the browser bundle. ${REMEDY}`;

  const useClient = isUseClientFile(tsc, sourceFile);
  for (const sink of findKeySinks(tsc, sourceFile)) {
    if (isTokenBased(tsc, sink.value)) continue;
    const read = publicReadOf(tsc, sink.value);
    if (read && (BROWSER_SINKS.has(sink.kind) || (sink.kind === 'key-name' && isAiKeyName(read.name)))) {
      report(read.node, publicMessage(read, sink));
    } else if (useClient && BROWSER_SINKS.has(sink.kind)) {
      report(sink.value, `An ${serviceWords(sink)} is used in a 'use client' module, which runs in the browser. ${REMEDY}`);
    }
  }

  // A client allowed in browsers that authenticates with a key.
  for (const call of findCalls(tsc, sourceFile)) {
    if (!tsc.isNewExpression(call)) continue;
    const name = resolveCallee(tsc, call.expression)?.name;
    if (!name || !OPENAI_CLIENTS[name]) continue;
    const arg = call.arguments?.[0] && unwrap(tsc, call.arguments[0]);
    const options = arg && tsc.isObjectLiteralExpression(arg) ? arg : undefined;
    const allow = allowBrowserProperty(tsc, options);
    if (!allow || !options) continue;
    if (name !== 'AzureOpenAI' && !isAzure(tsc, options)) continue;
    const apiKey = propertyInitializer(tsc, options, 'apiKey');
    // An Entra ID token (from MSAL in the page) is no key: nothing is exposed.
    if (propertyInitializer(tsc, options, 'azureADTokenProvider') || (apiKey && isTokenBased(tsc, apiKey))) continue;
    report(allow, `dangerouslyAllowBrowser: true lets this Azure OpenAI client run in a browser with its key. ${REMEDY}`);
  }

  // Any public read of a variable named like an AI key, wherever it is used.
  if (/NEXT_PUBLIC_|REACT_APP_|EXPO_PUBLIC_|import\.meta/.test(ctx.text)) {
    walkTree(tsc, sourceFile, (node) => {
      if (!tsc.isPropertyAccessExpression(node) && !tsc.isElementAccessExpression(node)) return;
      const read = publicReadOf(tsc, node);
      if (read && read.node === node && isAiKeyName(read.name)) report(node, publicMessage(read, undefined));
    });
  }

  if (BUNDLER_CONFIG.test(sourceFile.fileName)) checkBundlerConfig(tsc, sourceFile, report);
}

function isAzure(tsc: typeof ts, options: ts.ObjectLiteralExpression): boolean {
  for (const property of ['baseURL', 'endpoint']) {
    const value = propertyInitializer(tsc, options, property);
    if (value && azureServiceOfUrl(tsc, value)) return true;
  }
  return false;
}

/**
 * `define: { 'process.env.AZURE_OPENAI_API_KEY': JSON.stringify(env.AZURE_OPENAI_API_KEY) }` (Vite, webpack's
 * DefinePlugin) and Next.js's `env: { … }`: an entry whose name, or the variable its value reads, names an AI key.
 */
function checkBundlerConfig(tsc: typeof ts, sourceFile: ts.SourceFile, report: (node: ts.Node, message: string) => void): void {
  walkTree(tsc, sourceFile, (node) => {
    if (!tsc.isPropertyAssignment(node)) return;
    const key = propertyNameText(tsc, node.name);
    if (key !== 'define' && key !== 'env') return;
    const object = unwrap(tsc, node.initializer);
    if (!tsc.isObjectLiteralExpression(object)) return;
    const inlines = key === 'define' ? 'is written into the client bundle as a constant' : 'is inlined into the browser bundle by Next.js';
    for (const entry of object.properties) {
      if (!tsc.isPropertyAssignment(entry) && !tsc.isShorthandPropertyAssignment(entry)) continue;
      const entryName = propertyNameText(tsc, entry.name) ?? '';
      const last = entryName.split('.').pop() ?? '';
      const value = tsc.isPropertyAssignment(entry) ? entry.initializer : entry.name;
      const readName = aiKeyNameRead(tsc, value);
      if (isAiKeyName(last) || readName) {
        report(entry, `The Azure AI key ${readName ? `in ${readName} ` : ''}${inlines} (${key}: ${entryName}). ${REMEDY}`);
      }
    }
  });
}

/** A name of an AI key that an expression reads (`env.AZURE_OPENAI_API_KEY`, `process.env["SPEECH_KEY"]`). */
function aiKeyNameRead(tsc: typeof ts, expr: ts.Expression): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): boolean | void => {
    if (found) return false;
    let name: string | undefined;
    if (tsc.isPropertyAccessExpression(node)) name = node.name.text;
    else if (tsc.isElementAccessExpression(node) && tsc.isStringLiteral(node.argumentExpression)) name = node.argumentExpression.text;
    if (name && isAiKeyName(name)) found = name;
  };
  visit(expr);
  walkTree(tsc, expr, visit);
  return found;
}

/**
 * The rule needs a public read (`NEXT_PUBLIC_`, `REACT_APP_`, `EXPO_PUBLIC_`, `import.meta`, a `__NAME__`
 * constant), a `'use client'` module with a key sink, `dangerouslyAllowBrowser`, or a bundler config's entries.
 */
function typescriptPrefilter(text: string): boolean {
  if (hasEscapedText(text)) return true;
  if (text.includes('dangerouslyAllowBrowser')) return true;
  // Every finding needs a key's name or a sink: `key` in any case, or a client a `{ key }` reaches.
  if (!(hasKeySinkWord(text) || /key/i.test(text) || includesAny(text, CREDENTIAL_CLIENT_WORDS))) return false;
  return /NEXT_PUBLIC_|REACT_APP_|EXPO_PUBLIC_|import\.meta|__[A-Z]|use client/.test(text) || /(?:define|env)['"`\]]*\s*:/.test(text);
}

export const rule: Rule = {
  id: 'key-exposed-to-browser',
  feature: 'environment-variables',
  languages: ['typescript'],
  severity: 'error',
  docs: {
    summary: 'An Azure AI key reaches code that runs in a browser.',
    why:
      "A key read from NEXT_PUBLIC_*, REACT_APP_*, EXPO_PUBLIC_*, import.meta.env or a define constant, used in a 'use client' module, or given to an OpenAI client with dangerouslyAllowBrowser is written into the JavaScript bundle: " +
      'anyone who loads the page can read it and call the service on your bill. Environment variables only protect a key on a server.',
    fix: 'No automatic fix: move the call to a server route (API route, server action, function) that authenticates with Microsoft Entra ID (managed identity via DefaultAzureCredential), have the page call that route, and regenerate the key.',
  },
  typescriptPrefilter,
  typescript: checkTypeScript,
};
