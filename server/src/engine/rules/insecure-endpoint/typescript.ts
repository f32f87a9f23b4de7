/**
 * The TypeScript / JavaScript side of `insecure-endpoint` (docs/rules/insecure-endpoint.md): an
 * `http://` or `ws://` URL to an Azure AI host, or given to an Azure AI client as its endpoint.
 */
import type * as ts from 'typescript';
import { azureAiServiceOfHost, isLoopbackHost } from '../../azure-hosts.js';
import type { TypeScriptContext } from '../../rule.js';
import { clientOfCallee, LANGCHAIN_AZURE_CLASSES, SPEECH_CONFIG_CLASSES } from '../../typescript/azure-clients.js';
import { resolveCallee } from '../../typescript/bindings.js';
import { calleeName, findVariableDeclaration, propertyInitializer, receiverName, unwrap } from '../../typescript/resolve.js';
import { assembleText, findInsecureUrls, type InsecureUrl } from '../../typescript/urls.js';
import type { Fix } from '../../types.js';
import { namesEndpointCallee, namesInsecureScheme } from '../../typescript/prefilter-words.js';
import { walkTree } from '../../typescript/walk.js';

const SECURE: Record<InsecureUrl['scheme'], string> = { http: 'https', ws: 'wss' };

/**
 * The expressions passed as an Azure AI client's endpoint: the endpoint argument of the clients of
 * `AZURE_AI_CLIENTS` (a REST package's default export under any name), `endpoint` / `baseURL` of `AzureOpenAI`,
 * LangChain's `azureOpenAIEndpoint` / `azureOpenAIBasePath`, `createAzure`'s `baseURL`, and the URL given to
 * Speech's `fromEndpoint` / `fromHost`.
 */
function endpointExpressions(tsc: typeof ts, sourceFile: ts.SourceFile): Map<ts.Expression, string> {
  const endpoints = new Map<ts.Expression, string>();
  const add = (expr: ts.Expression | undefined, service: string) => {
    const value = expr && resolveValue(tsc, expr);
    if (value) endpoints.set(value, service);
  };
  const visit = (node: ts.Node): void => {
    if (tsc.isNewExpression(node) || tsc.isCallExpression(node)) {
      const name = resolveCallee(tsc, node.expression)?.name ?? calleeName(tsc, node.expression);
      const args = node.arguments ?? [];
      const client = clientOfCallee(resolveCallee(tsc, node.expression));
      if (client?.endpointArg !== undefined) add(args[client.endpointArg], client.service);
      if (name === 'AzureOpenAI' && args[0]) {
        const options = unwrap(tsc, args[0]);
        if (tsc.isObjectLiteralExpression(options)) {
          add(propertyInitializer(tsc, options, 'endpoint'), 'Azure OpenAI');
          add(propertyInitializer(tsc, options, 'baseURL'), 'Azure OpenAI');
        }
      }
      // LangChain JS's Azure classes and the Vercel AI SDK's `createAzure`.
      const options = args[0] && unwrap(tsc, args[0]);
      if (options && tsc.isObjectLiteralExpression(options)) {
        if (name && LANGCHAIN_AZURE_CLASSES.has(name) && tsc.isNewExpression(node)) {
          add(propertyInitializer(tsc, options, 'azureOpenAIEndpoint'), 'Azure OpenAI');
          add(propertyInitializer(tsc, options, 'azureOpenAIBasePath'), 'Azure OpenAI');
        }
        if (name === 'createAzure' && tsc.isCallExpression(node)) add(propertyInitializer(tsc, options, 'baseURL'), 'Azure OpenAI');
      }
      if ((name === 'fromEndpoint' || name === 'fromHost') && SPEECH_CONFIG_CLASSES.has(receiverName(tsc, node.expression) ?? '') && args[0]) {
        const url = unwrap(tsc, args[0]);
        if (tsc.isNewExpression(url) && calleeName(tsc, url.expression) === 'URL' && url.arguments?.[0]) add(url.arguments[0], 'Azure AI Speech');
        else add(url, 'Azure AI Speech');
      }
    }
  };
  walkTree(tsc, sourceFile, visit);
  return endpoints;
}

/** Follows `const`/`let` bindings to the expression that writes the value. */
function resolveValue(tsc: typeof ts, expr: ts.Expression, hops = 0): ts.Expression | undefined {
  const node = unwrap(tsc, expr);
  if (tsc.isIdentifier(node)) {
    const decl = hops < 8 ? findVariableDeclaration(tsc, node) : undefined;
    return decl?.initializer ? resolveValue(tsc, decl.initializer, hops + 1) : undefined;
  }
  return node;
}

/** A string-building expression that is not itself part of a larger one (the whole `+` chain is one value). */
function isOutermostText(tsc: typeof ts, node: ts.Node): node is ts.Expression {
  if (!(tsc.isStringLiteral(node) || tsc.isNoSubstitutionTemplateLiteral(node) || tsc.isTemplateExpression(node) || isPlus(tsc, node))) return false;
  let parent = node.parent;
  while (tsc.isParenthesizedExpression(parent)) parent = parent.parent;
  if (isPlus(tsc, parent)) return false;
  // Module names and property keys are not URLs a program connects to.
  if (tsc.isImportDeclaration(parent) || tsc.isExportDeclaration(parent) || tsc.isExternalModuleReference(parent) || tsc.isLiteralTypeNode(parent)) return false;
  if (tsc.isPropertyAssignment(parent) && parent.name === node) return false;
  return true;
}

function isPlus(tsc: typeof ts, node: ts.Node): node is ts.BinaryExpression {
  return tsc.isBinaryExpression(node) && node.operatorToken.kind === tsc.SyntaxKind.PlusToken;
}

export function checkTypeScript(ctx: TypeScriptContext): void {
  const { ts: tsc, sourceFile, lines } = ctx;
  const endpoints = endpointExpressions(tsc, sourceFile);
  const visit = (node: ts.Node): boolean | void => {
    if (isOutermostText(tsc, node)) {
      check(node);
      if (!tsc.isTemplateExpression(node)) return false; // holes of a template can hold URLs of their own
    }
  };
  const check = (node: ts.Expression) => {
    const assembled = assembleText(tsc, sourceFile, node);
    if (!assembled) return;
    const endpointOf = endpoints.get(node);
    const flagged: Array<{ url: InsecureUrl; service: string }> = [];
    for (const url of findInsecureUrls(assembled)) {
      if (isLoopbackHost(url.host)) continue;
      const service = azureAiServiceOfHost(url.host) ?? endpointOf;
      if (service) flagged.push({ url, service });
    }
    if (flagged.length === 0) return;
    const first = flagged[0]!;
    const scheme = first.url.scheme;
    const fix: Fix = {
      title: `Use ${SECURE[scheme]}://`,
      preferred: true,
      edits: flagged.map(({ url }) => ({ range: lines.range(url.schemeStart, url.schemeStart + url.scheme.length), newText: SECURE[url.scheme] })),
    };
    const where = first.url.host && !first.url.host.startsWith('x.') && first.url.host !== 'x' ? ` (${first.url.host})` : '';
    ctx.report({
      range: lines.range(node.getStart(sourceFile), node.end),
      message:
        `Unencrypted ${scheme}:// connection to ${first.service}${where}: keys, tokens and data travel in clear text. ` +
        `Azure AI services endpoints enforce TLS 1.2; use ${SECURE[scheme]}://.`,
      fixes: [fix],
    });
  };
  walkTree(tsc, sourceFile, visit);
}

/**
 * Labels every Azure AI host of `azureAiServiceOfHost` ends with (any case): `openai.azure.com`,
 * `x.services.ai.azure.com`, `cognitiveservices.azure.us`, `api.cognitive.microsoft.com`,
 * `api.cognitive.microsofttranslator.com`, `x.search.windows.net`, `x.stt.speech.microsoft.com`….
 */
const AI_HOST_TEXT =
  /openai\.azure\.|ai\.azure\.(?:com|us|cn)|ml\.azure\.(?:com|us|cn)|azureml\.ms|cognitiveservices\.azure\.|cognitive\.(?:microsoft|azure)|search\.(?:windows\.net|azure\.)|speech\.(?:microsoft\.com|azure\.)/i;
const HOST_WORD = /azure|microsoft|windows/i;

/**
 * Literals joined by `+` (`"http://" + region + ".api.cognitive." + "microsoft.com"`): `assembleText` reads the
 * chain as one text, so a host suffix may be split between them. Removing the joins lets `AI_HOST_TEXT` see it whole.
 */
const LITERAL_JOIN = /['"`][\s()]*\+[\s()]*['"`]/g;
/**
 * What this rule needs (the prefilter contract in rule.ts): an `http://`/`ws://` URL, and either an Azure AI host in the
 * text (also across literals joined by `+`), or an Azure AI client whose endpoint it may be. Every other part of an
 * assembled URL is unknown to the rule (`x`), so it cannot make a host an Azure AI one. A license header's
 * `http://www.apache.org/…` alone is not enough.
 */
export function typescriptPrefilter(text: string): boolean {
  if (!namesInsecureScheme(text)) return false;
  if (namesEndpointCallee(text)) return true;
  // Every Azure AI host ends in a label of these (azure-hosts.ts); one cheap pass settles most files.
  if (!HOST_WORD.test(text)) return false;
  if (AI_HOST_TEXT.test(text)) return true;
  LITERAL_JOIN.lastIndex = 0;
  return LITERAL_JOIN.test(text) && AI_HOST_TEXT.test(text.replace(LITERAL_JOIN, ''));
}
