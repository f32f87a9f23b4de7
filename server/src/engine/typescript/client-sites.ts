import type * as ts from 'typescript';
import type { ClientSiteSummary, CredentialSummary, ValueSummary } from '../summary.js';
import type { LineIndex } from '../text.js';
import { perText } from '../prefilter.js';
import { hasAiClientName, namesAzureOpenAi, namesSpeechConfig } from './prefilter-words.js';
import { clientOfCallee, OPENAI_CLIENTS, SPEECH_CONFIG_CLASSES, SPEECH_KEY_METHODS } from './azure-clients.js';
import { calleeName, envReadName, findVariableDeclaration, propertyInitializer, receiverName, resolveStringLiteral, unwrap } from './resolve.js';
import { KEY_CREDENTIAL_CLASSES, isTokenBased } from './credentials.js';
import { findCalls } from './key-sinks.js';
import { resolveCallee } from './bindings.js';

/**
 * Whether a file may construct a client this summary knows: it names one of the Azure AI clients.
 * (The plain `OpenAI` client alone does not count: the name is in every file of the openai package,
 * and a file that passes it a key is parsed for the key rules anyway.)
 */
export const mayConstructClient = perText((text) => hasAiClientName(text) || namesAzureOpenAi(text) || namesSpeechConfig(text));

const MAX_HOPS = 8;

/**
 * The Azure AI clients a file constructs (reference of the SDKs in docs/rules/key-credential.md):
 * each with its endpoint and how it authenticates, for linking code to the resources it calls.
 */
export function findClientSites(tsc: typeof ts, sourceFile: ts.SourceFile, lines: LineIndex): ClientSiteSummary[] {
  const sites: ClientSiteSummary[] = [];
  const range = (node: ts.Node) => lines.range(node.getStart(sourceFile), node.end);
  const value = (expr: ts.Expression | undefined): ValueSummary | undefined => expr && valueSummary(tsc, expr, range);
  // The calls the key-sink walk already found: the tree is not walked again.
  for (const node of findCalls(tsc, sourceFile)) {
    const name = calleeName(tsc, node.expression);
    if (!name) continue;
    const args = node.arguments ?? [];
    const callee = resolveCallee(tsc, node.expression);
    if (callee?.module?.startsWith('@langchain/')) continue;
    const known = clientOfCallee(callee);
    if (known && tsc.isNewExpression(node) === known.construct) {
      const endpointArg = known.endpointArg === undefined ? undefined : args[known.endpointArg];
      sites.push({ client: name, service: known.service, endpoint: value(endpointArg), credential: credentialOf(tsc, args[known.credentialArg], range), range: range(node) });
      continue;
    }
    const openAi = OPENAI_CLIENTS[name];
    if (openAi && tsc.isNewExpression(node)) {
      const options = args[0] && unwrap(tsc, args[0]);
      const object = options && tsc.isObjectLiteralExpression(options) ? options : undefined;
      const endpoint = object && (propertyInitializer(tsc, object, 'endpoint') ?? propertyInitializer(tsc, object, 'baseURL'));
      sites.push({ client: name, service: openAi.service, endpoint: value(endpoint), credential: openAiCredential(tsc, object, name, range), range: range(node) });
      continue;
    }
    const speechArg = SPEECH_KEY_METHODS[name];
    if (speechArg !== undefined && SPEECH_CONFIG_CLASSES.has(receiverName(tsc, node.expression) ?? '')) {
      const key = args[speechArg];
      const credential: CredentialSummary = key && isTokenBased(tsc, key) ? { kind: 'entra' } : key ? { kind: 'key', key: value(key) } : { kind: 'unknown' };
      sites.push({ client: `SpeechConfig.${name}`, service: 'Azure AI Speech', endpoint: name === 'fromSubscription' ? undefined : value(args[0]), credential, range: range(node) });
    }
  }
  return sites;
}

function openAiCredential(tsc: typeof ts, options: ts.ObjectLiteralExpression | undefined, name: string, range: (node: ts.Node) => ValueSummary['range']): CredentialSummary {
  if (!options) return name === 'AzureOpenAI' ? { kind: 'key', key: undefined } : { kind: 'unknown' };
  if (propertyInitializer(tsc, options, 'azureADTokenProvider')) return { kind: 'entra' };
  const apiKey = propertyInitializer(tsc, options, 'apiKey');
  if (apiKey) return isTokenBased(tsc, apiKey) ? { kind: 'entra' } : { kind: 'key', key: valueSummary(tsc, apiKey, range) };
  // `AzureOpenAI` given neither reads AZURE_OPENAI_API_KEY itself; a spread may carry either.
  if (options.properties.some((p) => tsc.isSpreadAssignment(p))) return { kind: 'unknown' };
  return name === 'AzureOpenAI' ? { kind: 'key', key: { kind: 'env', name: OPENAI_CLIENTS.AzureOpenAI!.keyEnv, range: range(options) } } : { kind: 'unknown' };
}

function credentialOf(tsc: typeof ts, expr: ts.Expression | undefined, range: (node: ts.Node) => ValueSummary['range'], hops = 0): CredentialSummary {
  if (!expr) return { kind: 'unknown' };
  const node = unwrap(tsc, expr);
  if (tsc.isNewExpression(node)) {
    const name = calleeName(tsc, node.expression) ?? '';
    if (KEY_CREDENTIAL_CLASSES.has(name)) return { kind: 'key', key: node.arguments?.[0] && valueSummary(tsc, node.arguments[0], range) };
    return name.endsWith('Credential') ? { kind: 'entra' } : { kind: 'unknown' };
  }
  // The REST clients' `{ key }` (and Translator's `{ key, region }`).
  if (tsc.isObjectLiteralExpression(node)) {
    const key = propertyInitializer(tsc, node, 'key');
    return key ? { kind: 'key', key: valueSummary(tsc, key, range) } : { kind: 'unknown' };
  }
  if (tsc.isIdentifier(node) && hops < MAX_HOPS) {
    const initializer = findVariableDeclaration(tsc, node)?.initializer;
    return initializer ? credentialOf(tsc, initializer, range, hops + 1) : { kind: 'unknown' };
  }
  return isTokenBased(tsc, node) ? { kind: 'entra' } : { kind: 'unknown' };
}

function valueSummary(tsc: typeof ts, expr: ts.Expression, range: (node: ts.Node) => ValueSummary['range']): ValueSummary {
  const env = envReadName(tsc, expr) ?? fallbackEnvName(tsc, expr);
  if (env) return { kind: 'env', name: env, range: range(expr) };
  const literal = resolveStringLiteral(tsc, expr);
  if (literal) return { kind: 'known', value: literal.value, range: range(expr) };
  return { kind: 'unknown', range: range(expr) };
}

/** `process.env.X ?? ""` / `process.env.X || default`: the variable, with a fallback for local runs. */
function fallbackEnvName(tsc: typeof ts, expr: ts.Expression): string | undefined {
  const node = unwrap(tsc, expr);
  if (!tsc.isBinaryExpression(node)) return undefined;
  const operator = node.operatorToken.kind;
  if (operator !== tsc.SyntaxKind.QuestionQuestionToken && operator !== tsc.SyntaxKind.BarBarToken) return undefined;
  return envReadName(tsc, node.left);
}
