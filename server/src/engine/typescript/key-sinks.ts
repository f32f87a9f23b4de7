import type * as ts from 'typescript';
import { azureAiServiceOfHost, hostOf } from '../azure-hosts.js';
import {
  clientOfCallee,
  LANGCHAIN_AZURE_CLASSES,
  LANGCHAIN_OPENAI_CLASSES,
  OPENAI_CLIENTS,
  SPEECH_CONFIG_CLASSES,
  SPEECH_KEY_ENV,
  SPEECH_KEY_METHODS,
  type AzureAiClient,
} from './azure-clients.js';
import { resolveCallee } from './bindings.js';
import { assembleText } from './urls.js';
import { toEnvName } from '../env-names.js';
import { findVariableDeclaration, propertyInitializer, propertyNameText, receiverName, referencesOf, resolveStringLiteral, unwrap } from './resolve.js';
import { isKeptForReparse } from './kept-trees.js';
import { walkTree } from './walk.js';
import { namesTranslator } from './prefilter-words.js';

/**
 * `implicit-env-key`: `new AzureOpenAI({…})` given neither `apiKey` nor `azureADTokenProvider`, so the SDK
 * reads its key from `AZURE_OPENAI_API_KEY` (openai-node azure.ts); its `value` is the options object (or
 * the `new` expression when there are no arguments).
 */
/**
 * `key-object`: the REST clients' `{ key }` credential object (its `value` is the `key` property's value).
 * `option-key`: a key property of a client's options object (LangChain's `azureOpenAIApiKey`, its
 * `ChatOpenAI` `apiKey` on an Azure host, `AzureAISearchVectorStore`'s `key`, `createAzure`'s `apiKey`).
 */
export type KeySinkKind = 'key-credential' | 'api-key-option' | 'implicit-env-key' | 'speech' | 'translator' | 'key-object' | 'option-key' | 'header' | 'key-name';

/** How the Entra ID rewrite replaces an `option-key` property: `<property>: getBearerTokenProvider(new DefaultAzureCredential(), "<scope>")`. */
export interface TokenProviderRewrite {
  property: string;
  scope: string;
}

/** A place where a value is used as an Azure AI key. */
export interface KeySink {
  kind: KeySinkKind;
  /** The expression used as the key. */
  value: ts.Expression;
  /** The service, when the SDK, the header's URL or the host tells. */
  service?: string;
  /** The environment variable the SDK's samples use for this key. */
  envName?: string;
  /** The client constructor the key reaches, for the Entra ID rewrite. */
  client?: AzureAiClient;
  /** The `new AzureOpenAI({…})` / `new OpenAI({…})` options object holding `apiKey`. */
  openAiOptions?: ts.ObjectLiteralExpression;
  /** For `option-key`: the options object, and the Entra ID rewrite when the client takes a token provider. */
  options?: ts.ObjectLiteralExpression;
  tokenProvider?: TokenProviderRewrite;
  /** For `option-key` sinks of clients that take no Microsoft Entra ID credential: what to do instead (for the message). */
  keyOnlyHint?: string;
  /** Only key-shaped literals count (`key-name` sinks: any variable named like an AI key). */
  needsKeyShape: boolean;
}

const KEY_HEADERS = new Set(['ocp-apim-subscription-key', 'api-key']);
const HEADER_SETTERS = new Set(['set', 'append', 'setRequestHeader', 'setHeader']);

/**
 * A name that says it holds an Azure AI key: a service word joined with key / apiKey /
 * subscriptionKey in any case style (`azureOpenAIKey`, `AZURE_OPENAI_API_KEY`, `speechKey`), or
 * `subscriptionKey` alone.
 */
const SERVICE_WORD = /open_?ai|cognitive|ai_?services|speech|search|translator|language|text_?analytics|vision|face|form_?recognizer|document_?intelligence|content_?safety/i;
const KEY_SUFFIX = /(?:api_?key|subscription_?key|key)$/i;
const SUBSCRIPTION_KEY_ALONE = /^(?:ocp_?apim_?)?subscription_?key$/i;

/**
 * Tested in two linear steps (suffix, then a service word before it) rather than one backtracking
 * pattern. Every name the patterns take ends in "key" in some case (`snake` only adds and swaps
 * separators), and it is asked of every variable, property and assignment in a file: the other
 * names stop at that test, before `snake` copies them twice.
 */
export function isAiKeyName(name: string): boolean {
  if (name.length > 100 || !endsWithKey(name)) return false;
  const words = snake(name);
  if (SUBSCRIPTION_KEY_ALONE.test(words)) return true;
  const suffix = KEY_SUFFIX.exec(words);
  return suffix !== null && SERVICE_WORD.test(words.slice(0, suffix.index));
}

const NAME_SERVICES: ReadonlyArray<[RegExp, string]> = [
  [/open_?ai/i, 'Azure OpenAI'],
  [/speech/i, 'Azure AI Speech'],
  [/search/i, 'Azure AI Search'],
  [/translator/i, 'Azure AI Translator'],
  [/language|text_?analytics/i, 'Azure AI Language'],
  [/vision/i, 'Azure AI Vision'],
  [/face/i, 'Azure AI Face'],
  [/form_?recognizer|document_?intelligence/i, 'Azure AI Document Intelligence'],
  [/content_?safety/i, 'Azure AI Content Safety'],
];

/** The service a key's name points at (`speechKey` → Azure AI Speech), for the message. */
export function serviceOfKeyName(name: string): string | undefined {
  const words = snake(name);
  return NAME_SERVICES.find(([pattern]) => pattern.test(words))?.[1];
}

/** `/key$/i.test(name)` without a RegExp: ASCII letters only, so `| 0x20` lower-cases them. */
function endsWithKey(name: string): boolean {
  const n = name.length;
  return n >= 3 && (name.charCodeAt(n - 3) | 0x20) === 0x6b && (name.charCodeAt(n - 2) | 0x20) === 0x65 && (name.charCodeAt(n - 1) | 0x20) === 0x79;
}

function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/[-\s]/g, '_');
}

function keyNameSink(name: string, value: ts.Expression): KeySink {
  return { kind: 'key-name', value, service: serviceOfKeyName(name), envName: toEnvName(name), needsKeyShape: true };
}

/** What one walk of a tree finds: the key sinks, and the calls and `new` expressions it passed (for the client sites). */
interface SinkWalk {
  sinks: readonly KeySink[];
  calls: ReadonlyArray<ts.NewExpression | ts.CallExpression>;
}

/**
 * Per tree: `hardcoded-key`, `key-credential` and the file's summary all ask on the same parse. Kept on the
 * tree itself, not in a WeakMap: V8's minor collections treat a WeakMap's values as alive, and these point
 * into the tree, so every parsed tree survived them until a full collection (see lazy.ts).
 */
const WALK = Symbol('key sinks of this tree');

function sinkWalk(tsc: typeof ts, sourceFile: ts.SourceFile): SinkWalk {
  const tree = sourceFile as ts.SourceFile & { [WALK]?: SinkWalk };
  return (tree[WALK] ??= collectKeySinks(tsc, sourceFile));
}

/** Every key sink in the file (one walk per tree; the list is shared, so it is read-only). */
export function findKeySinks(tsc: typeof ts, sourceFile: ts.SourceFile): readonly KeySink[] {
  return sinkWalk(tsc, sourceFile).sinks;
}

/** Every call and `new` expression of the file, in source order, from the same walk as the key sinks. */
export function findCalls(tsc: typeof ts, sourceFile: ts.SourceFile): ReadonlyArray<ts.NewExpression | ts.CallExpression> {
  return sinkWalk(tsc, sourceFile).calls;
}

function collectKeySinks(tsc: typeof ts, sourceFile: ts.SourceFile): SinkWalk {
  const sinks: KeySink[] = [];
  const calls: Array<ts.NewExpression | ts.CallExpression> = [];
  forEachSinkCandidate(tsc, sourceFile, (node) => {
    if (tsc.isNewExpression(node) || tsc.isCallExpression(node)) {
      calls.push(node);
      collectCallSinks(tsc, node, sinks);
    } else if (tsc.isPropertyAssignment(node)) collectPropertySinks(tsc, node, sinks);
    else if (tsc.isShorthandPropertyAssignment(node)) {
      if (isTranslatorCredential(tsc, node.parent)) {
        sinks.push({ kind: 'translator', value: node.name, service: 'Azure AI Translator', envName: 'TRANSLATOR_KEY', needsKeyShape: false });
      } else keyObjectSink(tsc, node.parent, node.name, sinks);
    } else if (tsc.isBinaryExpression(node)) collectAssignmentSinks(tsc, node, sinks);
    else if (tsc.isVariableDeclaration(node)) sinks.push(keyNameSink((node.name as ts.Identifier).text, node.initializer!));
  });
  // What an SDK says about a key (service, conventional variable) beats what a name suggests.
  return { sinks: [...sinks.filter((s) => s.kind !== 'key-name'), ...sinks.filter((s) => s.kind === 'key-name')], calls };
}

/**
 * The nodes that may be key sinks, in source order, by their own syntax: calls and `new`, property
 * assignments, a shorthand `key`, `=` assignments, declarations of variables named like an AI key.
 * What they are (which may depend on the rest of the file) is decided afresh on every analysis.
 *
 * In the editor they are kept per top-level statement: an edit re-parses the file incrementally,
 * and the compiler hands back the statements the edit did not touch as the same objects, so only the
 * edited statement is walked again (a walk of the whole tree per keystroke cost ~5 ms in a
 * 5,000-line file). A file is its statements and its end. A tree parsed once (an audit) is walked once.
 */
function forEachSinkCandidate(tsc: typeof ts, sourceFile: ts.SourceFile, visit: (node: ts.Node) => void): void {
  const walkCandidates = (root: ts.Node, found: (node: ts.Node) => void) =>
    walkTree(tsc, root, (node) => {
      if (isSinkCandidate(tsc, node)) found(node);
    });
  const tree = sourceFile as TreeWithCandidates;
  const linked = tree[LINKED];
  // Read once (the walk's result is kept on the tree): dropped, so the lists are not kept twice.
  if (linked) tree[LINKED] = undefined;
  if (!isKeptForReparse(sourceFile)) {
    if (!linked) return walkCandidates(sourceFile, visit);
    for (const part of linked) for (const node of part.nodes) visit(node);
    return;
  }
  const { statements } = sourceFile;
  for (let i = 0; i < statements.length; i++) {
    const statement = statements[i]!;
    let candidates = CANDIDATES.get(statement);
    if (!candidates) {
      const noted = linked?.[i];
      if (noted && noted.root === statement) candidates = noted.nodes;
      else {
        const found: ts.Node[] = [];
        walkCandidates(statement, (node) => found.push(node));
        candidates = found;
      }
      CANDIDATES.set(statement, candidates);
    }
    for (const node of candidates) visit(node);
  }
}

/** The sink candidates below each child of a new tree (its statements, then its end), in source order, as its parents were linked. */
type TreeWithCandidates = ts.SourceFile & { [LINKED]?: Array<{ root: ts.Node; nodes: ts.Node[] }> };
const LINKED = Symbol('key sink candidates noted as the tree was linked');

/**
 * For the walk that links a new tree's parents (parse.ts): notes the key-sink candidates below each of
 * the file's statements on the tree, in source order, as `forEachSinkCandidate` would find them, so
 * the tree's first key-sink walk reads them instead of walking the tree again.
 */
export function sinkCandidateCollector(tsc: typeof ts, sourceFile: ts.SourceFile): (node: ts.Node) => void {
  const parts: Array<{ root: ts.Node; nodes: ts.Node[] }> = [];
  (sourceFile as TreeWithCandidates)[LINKED] = parts;
  let nodes: ts.Node[] = [];
  return (node) => {
    if (node.parent === sourceFile) {
      nodes = [];
      parts.push({ root: node, nodes });
    }
    if (isSinkCandidate(tsc, node)) nodes.push(node);
  };
}

const CANDIDATES = new WeakMap<ts.Statement, ts.Node[]>();

/**
 * The syntax kinds `isSinkCandidate` asks about, read from the compiler once: each read of
 * `tsc.SyntaxKind` calls a getter (the compiler's exports are getters), and the candidate test runs
 * on every node of every new tree, most of them while the code is still interpreted.
 */
let sinkKinds:
  | {
      tsc: typeof ts;
      new: ts.SyntaxKind;
      call: ts.SyntaxKind;
      property: ts.SyntaxKind;
      shorthand: ts.SyntaxKind;
      binary: ts.SyntaxKind;
      equals: ts.SyntaxKind;
      variable: ts.SyntaxKind;
      identifier: ts.SyntaxKind;
    }
  | undefined;

function kindsOf(tsc: typeof ts): NonNullable<typeof sinkKinds> {
  if (sinkKinds?.tsc !== tsc) {
    const kind = tsc.SyntaxKind;
    sinkKinds = {
      tsc,
      new: kind.NewExpression,
      call: kind.CallExpression,
      property: kind.PropertyAssignment,
      shorthand: kind.ShorthandPropertyAssignment,
      binary: kind.BinaryExpression,
      equals: kind.EqualsToken,
      variable: kind.VariableDeclaration,
      identifier: kind.Identifier,
    };
  }
  return sinkKinds;
}

function isSinkCandidate(tsc: typeof ts, node: ts.Node): boolean {
  const kinds = kindsOf(tsc);
  const kind = node.kind;
  if (kind === kinds.new || kind === kinds.call || kind === kinds.property) return true;
  if (kind === kinds.shorthand) return (node as ts.ShorthandPropertyAssignment).name.text === 'key';
  if (kind === kinds.binary) return (node as ts.BinaryExpression).operatorToken.kind === kinds.equals;
  if (kind === kinds.variable) {
    const { name, initializer } = node as ts.VariableDeclaration;
    return initializer !== undefined && name.kind === kinds.identifier && isAiKeyName((name as ts.Identifier).text);
  }
  return false;
}

function collectCallSinks(tsc: typeof ts, node: ts.NewExpression | ts.CallExpression, sinks: KeySink[]): void {
  const callee = resolveCallee(tsc, node.expression);
  const name = callee?.name;
  const args = node.arguments ?? [];
  if (!name) return;
  if (
    callee.module?.startsWith('@langchain/') ||
    callee.module === '@ai-sdk/azure' ||
    LANGCHAIN_AZURE_CLASSES.has(name) ||
    LANGCHAIN_OPENAI_CLASSES.has(name) ||
    name === 'AzureAISearchVectorStore' ||
    name === 'createAzure'
  ) {
    if (collectOptionKeySinks(tsc, node, name, callee.module, sinks)) return;
  }
  if (name === 'AzureKeyCredential' && tsc.isNewExpression(node) && args[0]) {
    const client = clientOfCredential(tsc, node)?.client;
    sinks.push({ kind: 'key-credential', value: args[0], service: client?.service, envName: client?.keyEnv, client, needsKeyShape: false });
    return;
  }
  const openAi = OPENAI_CLIENTS[name];
  if (name === 'AzureOpenAI' && tsc.isNewExpression(node) && args.length === 0) {
    sinks.push({ kind: 'implicit-env-key', value: node, service: openAi!.service, envName: openAi!.keyEnv, needsKeyShape: false });
    return;
  }
  if (openAi && tsc.isNewExpression(node) && args[0]) {
    const options = unwrap(tsc, args[0]);
    if (!tsc.isObjectLiteralExpression(options)) return;
    const apiKey = propertyInitializer(tsc, options, 'apiKey');
    if (!apiKey) {
      // Only a literal whose every property we can see: a spread may carry the key or a token provider.
      const opaque = options.properties.some((p) => tsc.isSpreadAssignment(p));
      if (name === 'AzureOpenAI' && !opaque && !propertyInitializer(tsc, options, 'azureADTokenProvider')) {
        sinks.push({ kind: 'implicit-env-key', value: options, service: openAi.service, envName: openAi.keyEnv, openAiOptions: options, needsKeyShape: false });
      }
      return;
    }
    const azure = name === 'AzureOpenAI' || isAzureBaseUrl(tsc, options);
    const target = azure ? OPENAI_CLIENTS.AzureOpenAI! : openAi;
    sinks.push({ kind: 'api-key-option', value: apiKey, service: target.service, envName: target.keyEnv, openAiOptions: options, needsKeyShape: false });
    return;
  }
  const speechArg = SPEECH_KEY_METHODS[name];
  if (speechArg !== undefined && SPEECH_CONFIG_CLASSES.has(receiverName(tsc, node.expression) ?? '') && args[speechArg]) {
    sinks.push({ kind: 'speech', value: args[speechArg]!, service: 'Azure AI Speech', envName: SPEECH_KEY_ENV, needsKeyShape: false });
    return;
  }
  if (HEADER_SETTERS.has(name) && args.length >= 2) {
    const header = resolveStringLiteral(tsc, args[0]!);
    if (header && KEY_HEADERS.has(header.value.toLowerCase())) {
      sinks.push({ kind: 'header', value: args[1]!, service: serviceNear(tsc, node), needsKeyShape: false });
    }
  }
}

function collectPropertySinks(tsc: typeof ts, node: ts.PropertyAssignment, sinks: KeySink[]): void {
  const name = propertyNameText(tsc, node.name);
  if (!name) return;
  if (KEY_HEADERS.has(name.toLowerCase())) {
    sinks.push({ kind: 'header', value: node.initializer, service: serviceNear(tsc, node), needsKeyShape: false });
  } else if (name === 'key' && isTranslatorCredential(tsc, node.parent)) {
    sinks.push({ kind: 'translator', value: node.initializer, service: 'Azure AI Translator', envName: 'TRANSLATOR_KEY', needsKeyShape: false });
  } else if (name === 'key' && keyObjectSink(tsc, node.parent, node.initializer, sinks)) {
    return;
  } else if (isAiKeyName(name)) {
    sinks.push(keyNameSink(name, node.initializer));
  }
}

/**
 * `{ key }` given as an Azure AI client's credential (the REST clients' `KeyCredential` shape:
 * `DocumentIntelligence(endpoint, { key })`), directly or through a `const`, to a client the file imports from
 * an Azure SDK package (`@azure-rest/…`, `@azure/…`): `{ key }` objects are everywhere, and a name alone
 * (`ModelClient` is a common type name) does not make a call an Azure AI client.
 */
function keyObjectSink(tsc: typeof ts, object: ts.Node, value: ts.Expression, sinks: KeySink[]): boolean {
  if (!tsc.isObjectLiteralExpression(object) || object.properties.length !== 1) return false;
  const use = clientOfCredential(tsc, object);
  const client = use?.client;
  if (!client || !use.calls.some((call) => isAzureSdkModule(resolveCallee(tsc, call.expression)?.module))) return false;
  sinks.push({ kind: 'key-object', value, service: client.service, envName: client.keyEnv, client, needsKeyShape: false });
  return true;
}

/**
 * `{ key, region }`: the Translator credential shape (@azure-rest/ai-translation-text; docs/rules/hardcoded-key.md), in a
 * file that names Translator (`namesTranslator`): elsewhere the shape is common (an Azure ML skill's parameters, cloud configs).
 */
function isTranslatorCredential(tsc: typeof ts, node: ts.Node): boolean {
  return tsc.isObjectLiteralExpression(node) && propertyInitializer(tsc, node, 'region') !== undefined && namesTranslator(node.getSourceFile().text);
}

/** `axios.defaults.headers.common['api-key'] = …`, `config.headers['Ocp-Apim-Subscription-Key'] = …`. */
function collectAssignmentSinks(tsc: typeof ts, node: ts.BinaryExpression, sinks: KeySink[]): void {
  const target = unwrap(tsc, node.left);
  let name: string | undefined;
  if (tsc.isElementAccessExpression(target)) name = resolveStringLiteral(tsc, target.argumentExpression)?.value;
  else if (tsc.isPropertyAccessExpression(target)) name = target.name.text;
  else if (tsc.isIdentifier(target)) name = target.text;
  if (!name) return;
  if (KEY_HEADERS.has(name.toLowerCase())) sinks.push({ kind: 'header', value: node.right, service: serviceNear(tsc, node), needsKeyShape: false });
  else if (isAiKeyName(name)) sinks.push(keyNameSink(name, node.right));
}

/**
 * The Azure AI client a credential is passed to, directly (`new SearchClient(endpoint, index, new
 * AzureKeyCredential(k))`) or through a binding (`const credential = new AzureKeyCredential(k)`, the
 * shape of most Microsoft samples). `binding` is set in the second case, and `onlyClients` says whether
 * every use of the binding is as a client's credential (so replacing the credential cannot break another use).
 */
export interface CredentialUse {
  client: AzureAiClient;
  binding?: ts.VariableDeclaration;
  onlyClients: boolean;
  /** The client calls the credential reaches. */
  calls: Array<ts.CallExpression | ts.NewExpression>;
}

/** The packages of `AZURE_AI_CLIENTS` and the REST clients: `@azure/…` and `@azure-rest/…`. */
function isAzureSdkModule(module: string | undefined): boolean {
  return module !== undefined && (module.startsWith('@azure-rest/') || module.startsWith('@azure/'));
}

export function clientOfCredential(tsc: typeof ts, credential: ts.Expression): CredentialUse | undefined {
  const node = outermost(tsc, credential);
  const direct = clientTakingCredential(tsc, node);
  if (direct) return { client: direct, onlyClients: true, calls: [node.parent as ts.CallExpression | ts.NewExpression] };
  const decl = node.parent;
  if (!decl || !tsc.isVariableDeclaration(decl) || decl.initializer !== node || !tsc.isIdentifier(decl.name)) return undefined;
  const refs = referencesOf(tsc, decl).map((ref) => outermost(tsc, ref));
  const uses = refs.map((ref) => clientTakingCredential(tsc, ref));
  const client = uses.find((c) => c !== undefined);
  const calls = refs.filter((_, i) => uses[i] !== undefined).map((ref) => ref.parent as ts.CallExpression | ts.NewExpression);
  return client && { client, binding: decl, onlyClients: uses.every((c) => c !== undefined), calls };
}

function outermost(tsc: typeof ts, expr: ts.Node): ts.Node {
  let node = expr;
  while (tsc.isParenthesizedExpression(node.parent) || tsc.isAsExpression(node.parent) || tsc.isNonNullExpression(node.parent) || tsc.isSatisfiesExpression(node.parent)) node = node.parent;
  return node;
}

function clientTakingCredential(tsc: typeof ts, node: ts.Node): AzureAiClient | undefined {
  const call = node.parent;
  if (call && (tsc.isNewExpression(call) || tsc.isCallExpression(call))) {
    const client = clientOfCallee(resolveCallee(tsc, call.expression));
    const args = call.arguments ?? [];
    if (client && args[client.credentialArg] === node) return client;
    // `TextTranslationClient(credential, options?)`: the translation-text 2.x overload without an endpoint.
    if (client?.name === 'TextTranslationClient' && args[0] === node && !tsc.isStringLiteral(node)) return client;
  }
  return undefined;
}

const COGNITIVE_SCOPE = 'https://cognitiveservices.azure.com/.default';
/** Scope of the Azure OpenAI "v1" API used through OpenAI-style clients (openai-node docs/azure.md). */
const AI_SCOPE = 'https://ai.azure.com/.default';

/**
 * The key options of LangChain JS's Azure classes, its OpenAI classes on an Azure host, its Azure AI
 * Search vector store and the Vercel AI SDK's `createAzure` (docs/rules/key-credential.md). True when the
 * call is one of them (so it is not read as another client of the same name).
 */
function collectOptionKeySinks(tsc: typeof ts, node: ts.NewExpression | ts.CallExpression, name: string, module: string | undefined, sinks: KeySink[]): boolean {
  const args = node.arguments ?? [];
  const isNew = tsc.isNewExpression(node);
  const push = (options: ts.ObjectLiteralExpression, property: string, sink: Omit<KeySink, 'kind' | 'value' | 'options' | 'needsKeyShape'>) => {
    const value = propertyInitializer(tsc, options, property);
    if (value) sinks.push({ kind: 'option-key', value, options, needsKeyShape: false, ...sink });
  };
  const optionsAt = (i: number) => {
    const arg = args[i] && unwrap(tsc, args[i]);
    return arg && tsc.isObjectLiteralExpression(arg) ? arg : undefined;
  };
  const fromLangChain = module === undefined || module.startsWith('@langchain/');
  if (isNew && fromLangChain && LANGCHAIN_AZURE_CLASSES.has(name)) {
    const options = optionsAt(0);
    // `AzureOpenAI` without `azureOpenAIApiKey` and not imported from LangChain is the openai package's client.
    if (!options || (module === undefined && name === 'AzureOpenAI' && !propertyInitializer(tsc, options, 'azureOpenAIApiKey'))) return module !== undefined;
    push(options, 'azureOpenAIApiKey', { service: 'Azure OpenAI', envName: 'AZURE_OPENAI_API_KEY', tokenProvider: { property: 'azureADTokenProvider', scope: COGNITIVE_SCOPE } });
    return true;
  }
  if (isNew && fromLangChain && LANGCHAIN_OPENAI_CLASSES.has(name)) {
    const options = optionsAt(0);
    const configuration = options && propertyInitializer(tsc, options, 'configuration');
    const config = configuration && unwrap(tsc, configuration);
    if (options && config && tsc.isObjectLiteralExpression(config) && isAzureBaseUrl(tsc, config)) {
      push(options, 'apiKey', { service: 'Azure OpenAI', envName: 'AZURE_OPENAI_API_KEY', tokenProvider: { property: 'apiKey', scope: AI_SCOPE } });
    }
    return true;
  }
  if (isNew && fromLangChain && name === 'AzureAISearchVectorStore') {
    const options = optionsAt(1);
    if (options) {
      push(options, 'key', {
        service: 'Azure AI Search',
        envName: 'AZURE_AISEARCH_KEY',
        keyOnlyHint: 'pass a SearchClient built with new DefaultAzureCredential() as its client option instead of key',
      });
    }
    return true;
  }
  if (!isNew && (module === undefined || module === '@ai-sdk/azure') && name === 'createAzure') {
    const options = optionsAt(0);
    if (options) {
      push(options, 'apiKey', {
        service: 'Azure OpenAI',
        envName: 'AZURE_API_KEY',
        keyOnlyHint: '@ai-sdk/azure takes only a key: call Azure OpenAI from a client that takes a token provider (AzureOpenAI of the openai package) to use it',
      });
    }
    return true;
  }
  return false;
}

/** Whether an OpenAI-style client's options (`baseURL`, `endpoint`) point at an Azure AI host. */
export function isAzureBaseUrl(tsc: typeof ts, options: ts.ObjectLiteralExpression): boolean {
  for (const property of ['baseURL', 'endpoint']) {
    const value = propertyInitializer(tsc, options, property);
    if (value && azureServiceOfUrl(tsc, value)) return true;
  }
  return false;
}

/**
 * The Azure AI service of a URL-valued expression: a literal or `const` (`"https://r.openai.azure.com/…"`), or a
 * template / `+` chain whose written parts name the host (`` `https://${name}.openai.azure.com/openai/v1` ``).
 */
export function azureServiceOfUrl(tsc: typeof ts, expr: ts.Expression): string | undefined {
  const literal = resolveStringLiteral(tsc, expr);
  if (literal) {
    const host = hostOf(literal.value);
    return host ? azureAiServiceOfHost(host) : undefined;
  }
  let node = unwrap(tsc, expr);
  for (let hops = 0; tsc.isIdentifier(node) && hops < 8; hops++) {
    const init = findVariableDeclaration(tsc, node)?.initializer;
    if (!init) return undefined;
    node = unwrap(tsc, init);
  }
  const assembled = assembleText(tsc, node.getSourceFile(), node);
  const host = assembled && hostOf(assembled.text);
  return host ? azureAiServiceOfHost(host) : undefined;
}

/**
 * For a header, the service of the URL in the enclosing `fetch(url, …)` / `axios.post(url, …)` call, or of a
 * `baseURL` / `url` / `endpoint` beside it (`axios.create({ baseURL, headers })`, `axios({ url, headers })`).
 */
function serviceNear(tsc: typeof ts, node: ts.Node): string | undefined {
  for (let current: ts.Node | undefined = node.parent, depth = 0; current && depth < 8; current = current.parent, depth++) {
    if (tsc.isObjectLiteralExpression(current)) {
      for (const property of ['baseURL', 'url', 'endpoint']) {
        const value = propertyInitializer(tsc, current, property);
        const service = value && azureServiceOfUrl(tsc, value);
        if (service) return service;
      }
      continue;
    }
    if (!tsc.isCallExpression(current) && !tsc.isNewExpression(current)) continue;
    for (const arg of current.arguments ?? []) {
      if (tsc.isObjectLiteralExpression(unwrap(tsc, arg))) continue;
      const service = azureServiceOfUrl(tsc, arg);
      if (service) return service;
    }
  }
  return undefined;
}
