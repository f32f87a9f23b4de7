/**
 * `key-exposed-to-browser` (docs/rules/key-exposed-to-browser.md): an Azure AI key that reaches code running
 * in a browser, where anyone who loads the page can read it from the bundle.
 */
import type * as ts from 'typescript';
import type { Rule, TypeScriptContext } from '../rule.js';
import { mayHoldKeySink } from '../typescript/prefilter-words.js';
import { OPENAI_CLIENTS } from '../typescript/azure-clients.js';
import { resolveCallee } from '../typescript/bindings.js';
import { allowBrowserProperty, isUseClientFile, publicReadOf, type PublicRead } from '../typescript/browser.js';
import { isTokenBased } from '../typescript/credentials.js';
import { findCalls, findKeySinks, isAiKeyName, isAzureBaseUrl, type KeySink } from '../typescript/key-sinks.js';
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
    // A variable named like a key is a sink only by its name: then the read must carry a public prefix too.
    if (read && (BROWSER_SINKS.has(sink.kind) || (sink.kind === 'key-name' && read.prefixed && isAiKeyName(read.name)))) {
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
    if (name !== 'AzureOpenAI' && !isAzureBaseUrl(tsc, options)) continue;
    const apiKey = propertyInitializer(tsc, options, 'apiKey');
    // An Entra ID token (from MSAL in the page) is no key: nothing is exposed.
    if (propertyInitializer(tsc, options, 'azureADTokenProvider') || (apiKey && isTokenBased(tsc, apiKey))) continue;
    report(allow, `dangerouslyAllowBrowser: true lets this Azure OpenAI client run in a browser with its key. ${REMEDY}`);
  }

  // Any public read (with its prefix) of a variable named like an AI key, wherever it is used.
  if (PUBLIC_PREFIX.test(ctx.text)) {
    walkTree(tsc, sourceFile, (node) => {
      if (!tsc.isPropertyAccessExpression(node) && !tsc.isElementAccessExpression(node)) return;
      const read = publicReadOf(tsc, node);
      if (read && read.node === node && read.prefixed && isAiKeyName(read.name)) report(node, publicMessage(read, undefined));
    });
  }

  if (BUNDLER_CONFIG.test(sourceFile.fileName)) checkBundlerConfig(tsc, sourceFile, report);
}

/**
 * `define: { 'process.env.AZURE_OPENAI_API_KEY': JSON.stringify(env.AZURE_OPENAI_API_KEY) }` (Vite, webpack's
 * DefinePlugin) and Next.js's `env: { … }`: an entry whose name, or the variable its value reads, is an AI key's
 * environment variable (`…_KEY`, named like an AI key).
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
      if ((KEY_VARIABLE.test(last) && isAiKeyName(last)) || readName) {
        report(entry, `The Azure AI key ${readName ? `in ${readName} ` : ''}${inlines} (${key}: ${entryName}). ${REMEDY}`);
      }
    }
  });
}

/** An environment variable's name for a key: `…_KEY` (the names the bundler entries are checked for). */
const KEY_VARIABLE = /_KEY$/;

/** A name of an AI key that an expression reads (`env.AZURE_OPENAI_API_KEY`, `process.env["SPEECH_KEY"]`). */
function aiKeyNameRead(tsc: typeof ts, expr: ts.Expression): string | undefined {
  let found: string | undefined;
  const visit = (node: ts.Node): boolean | void => {
    if (found) return false;
    let name: string | undefined;
    if (tsc.isPropertyAccessExpression(node)) name = node.name.text;
    else if (tsc.isElementAccessExpression(node) && tsc.isStringLiteral(node.argumentExpression)) name = node.argumentExpression.text;
    if (name && KEY_VARIABLE.test(name) && isAiKeyName(name)) found = name;
  };
  visit(expr);
  walkTree(tsc, expr, visit);
  return found;
}

/** Text of the public reads, `'use client'` and `dangerouslyAllowBrowser`: one pass, asked only of files with a sink. */
const EXPOSED_WORDS = /NEXT_PUBLIC_|REACT_APP_|EXPO_PUBLIC_|import\.meta|use client|dangerouslyAllowBrowser/;
/** An environment variable named `…_KEY`, which a bundler config's entry must name (`KEY_VARIABLE`). */
const KEY_VARIABLE_TEXT = /_KEY\b/;
/** A public prefix (`NEXT_PUBLIC_`, `EXPO_PUBLIC_`, `REACT_APP_`, Vite's `VITE_`: browser.ts). */
const PUBLIC_PREFIX = /NEXT_PUBLIC_|EXPO_PUBLIC_|REACT_APP_|VITE_/;
/** A `define` / `env` property (`define:`, `'env':`, `[`define`]:`). */
const CONFIG_ENTRY = /(?:define|env)['"`\]\s]*:/;

/** A `__NAME__` constant (`[A-Z][A-Z0-9_]*` between double underscores), found with `indexOf` rather than a scan per character. */
function hasDefineConstant(text: string): boolean {
  for (let at = text.indexOf('__'); at !== -1; at = text.indexOf('__', at + 2)) {
    const first = text.charCodeAt(at + 2);
    if (first < 65 || first > 90) continue;
    let i = at + 3;
    for (let c = text.charCodeAt(i); (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95; c = text.charCodeAt(++i));
    if (text.charCodeAt(i - 1) === 95 && text.charCodeAt(i - 2) === 95 && i - 2 > at + 2) return true;
  }
  return false;
}

/**
 * What the findings need. At a sink (`mayHoldKeySink`), or an OpenAI client allowed in browsers: a public read,
 * `'use client'`, `dangerouslyAllowBrowser` or a `__NAME__` constant. Elsewhere: a public prefix (a key-named read that
 * feeds no sink), or in a bundler config (by its file name) a `define` / `env` entry naming a `…_KEY` variable.
 */
function typescriptPrefilter(text: string, uri: string): boolean {
  if (mayHoldKeySink(text, false) || (text.includes('OpenAI') && text.includes('dangerouslyAllowBrowser'))) {
    if (EXPOSED_WORDS.test(text) || hasDefineConstant(text)) return true;
  }
  return hasPublicKeyName(text) || (BUNDLER_CONFIG.test(uri) && CONFIG_ENTRY.test(text) && KEY_VARIABLE_TEXT.test(text));
}

const PUBLIC_PREFIX_GLOBAL = new RegExp(PUBLIC_PREFIX.source, 'g');

/** A name with a public prefix that ends in "key" in any case (`publicReadOf`'s `prefixed` reads that `isAiKeyName` can take). */
function hasPublicKeyName(text: string): boolean {
  PUBLIC_PREFIX_GLOBAL.lastIndex = 0;
  for (let m = PUBLIC_PREFIX_GLOBAL.exec(text); m; m = PUBLIC_PREFIX_GLOBAL.exec(text)) {
    let end = m.index + m[0].length;
    for (let c = text.charCodeAt(end); (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c === 36; c = text.charCodeAt(++end));
    if (end - m.index >= 3 && text.slice(end - 3, end).toLowerCase() === 'key') return true;
    PUBLIC_PREFIX_GLOBAL.lastIndex = end;
  }
  return false;
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
