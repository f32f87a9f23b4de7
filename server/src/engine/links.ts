/**
 * Code and infrastructure together (docs/rules/key-auth-rejected.md, "How code is linked"): each
 * Azure AI client constructed in code is linked to the AI account or AI Search service of the
 * workspace's Bicep that it calls,
 * - by its endpoint's host, whose first label is the resource's `customSubDomainName` (an AI
 *   Search service's `name`), as the Bicep decides it through params, vars and modules; or
 * - by the environment variable it reads the endpoint from: a root template's `output NAME`
 *   (azd turns root outputs into environment variables) or an app setting / container env entry
 *   `NAME` whose value is the resource's endpoint, through module outputs. A name set from two
 *   resources links to neither, unless azd's service mapping (`azure.yaml` service `project` ↔
 *   the hosting resource's `azd-service-name` tag) decides it for code under that project folder.
 *
 * Built once per version of the workspace's Bicep (`WorkspaceView.bicepGeneration`); linking the
 * clients of one code file is then a few map lookups. Pure: Bicep texts come from the view.
 */
import * as path from 'node:path';
import type { BicepFile, Expression, Node, ObjectExpression } from './bicep/ast.js';
import type { ParamBinding } from './bicep/bindings.js';
import { resolveModuleTarget, callBindings, moduleBody, withBindings, MAX_MODULE_DEPTH, parseCached } from './bicep/azure/cross-file.js';
import { AI_ACCOUNT, AI_SEARCH, CONTAINER_APP, WEB_SITE, WEB_SITE_CONFIG, checkedResources, configName, isType, type CheckedResource } from './bicep/azure/checked-resources.js';
import { readProperty } from './bicep/azure/read-property.js';
import { evaluateString } from './bicep/evaluate.js';
import { lineAt } from './bicep/file.js';
import { getProperty, getPropertyValue, outputs, properties, resolveIdentifier } from './bicep/query.js';
import { nameText } from './bicep/strings.js';
import { azureAiServiceOfHost, hostOf } from './azure-hosts.js';
import type { ClientSiteSummary, StandaloneLinks, StandaloneResource, WorkspaceView } from './summary.js';
import type { Range } from './types.js';

/** An AI account or AI Search service as deployed at one place of the module graph. */
export interface LinkedResource {
  /** The Bicep file declaring it. */
  file: string;
  symbolicName: string;
  service: 'account' | 'search';
  /** Of the declaration's symbolic name. */
  range: Range;
  /** The host's first label: `customSubDomainName` of an account, `name` of an AI Search service (lower case), when known. */
  host?: string;
  /** `disableLocalAuth` as this instance sets it, when known. */
  disableLocalAuth?: boolean;
  /** Where that value is written (the module call's passed value, a parameter file, the resource itself). */
  localAuthAt?: { file: string; line: number };
}

export interface EnvExport {
  name: string;
  resource: LinkedResource;
  /** A root template output, or an app setting / container env entry. */
  kind: 'output' | 'setting';
  file: string;
  line: number;
  /** The hosting resource's `azd-service-name`, when it has one. */
  service?: string;
}

export interface ClientLink {
  client: ClientSiteSummary;
  resource: LinkedResource;
  /** How: "host contoso-ai" or "AZURE_OPENAI_ENDPOINT (output of infra/main.bicep:80)". */
  via: string;
}

export interface InfraIndex {
  resources: LinkedResource[];
  exports: Map<string, EnvExport[]>;
}

const indexes = new WeakMap<WorkspaceView, { generation: number; index: InfraIndex }>();

/** The workspace's AI resources and the environment variables set from their endpoints (memoized per Bicep generation). */
export function infraIndex(view: WorkspaceView): InfraIndex {
  const cached = indexes.get(view);
  if (cached && cached.generation === view.bicepGeneration) return cached.index;
  const index = buildIndex(view);
  indexes.set(view, { generation: view.bicepGeneration, index });
  return index;
}

/** What code's links depend on, as text: two equal fingerprints link every client alike. */
export function linksFingerprint(view: WorkspaceView): string {
  const index = infraIndex(view);
  const resources = index.resources.map((r) => `${r.file}#${r.symbolicName}#${r.range.start.line}#${r.host ?? ''}#${String(r.disableLocalAuth)}#${r.localAuthAt?.line ?? ''}`);
  const exports = [...index.exports].map(
    ([name, list]) => `${name}=${list.map((e) => `${e.resource.file}#${e.resource.symbolicName}#${e.resource.host ?? ''}@${e.file}:${e.line}:${e.service ?? ''}`).join(',')}`,
  );
  return `${resources.join('|')}\n${exports.join('|')}`;
}

/** Where a linked resource is declared, for messages: "Azure AI account 'account' (infra/core/ai/cognitiveservices.bicep:25)". */
export function describeResource(resource: LinkedResource, from: string): string {
  const what = resource.service === 'search' ? 'AI Search service' : 'Azure AI account';
  return `${what} '${resource.symbolicName}' (${shown(from, resource.file)}:${resource.range.start.line + 1})`;
}

/** Where a linked resource's `disableLocalAuth` is written: "infra/main.bicep:20". */
export function localAuthWhere(resource: LinkedResource, from: string): string | undefined {
  return resource.localAuthAt && `${shown(from, resource.localAuthAt.file)}:${resource.localAuthAt.line}`;
}

/**
 * A path as messages show it: from the folder both files are in (the project root, for code and
 * its infrastructure), so `src/web/chat.ts` reads the same wherever the message lands.
 */
export function shown(from: string, to: string): string {
  let common = path.dirname(from);
  while (common !== path.dirname(common) && path.relative(common, to).startsWith('..')) common = path.dirname(common);
  return path.relative(common, to).split(path.sep).join('/');
}

/** A client that authenticates with a key, linked to a resource that rejects keys (`key-auth-rejected`). */
export function rejectsKey(link: ClientLink): boolean {
  return link.client.credential.kind === 'key' && link.resource.disableLocalAuth === true;
}

/** The links of the clients of a code file. */
export function linksOf(view: WorkspaceView, file: string, clients: readonly ClientSiteSummary[]): ClientLink[] {
  if (clients.length === 0) return [];
  const index = infraIndex(view);
  if (index.resources.length === 0) return [];
  const links: ClientLink[] = [];
  for (const client of clients) {
    const link = linkClient(view, index, file, client);
    if (link) links.push(link);
  }
  return links;
}

/**
 * Every code site of the workspace linked to the resource declared at `file`'s `symbolicName`
 * (deployed with host label `host`, when a module deploys it more than once).
 */
export function clientsOfResource(view: WorkspaceView, file: string, symbolicName: string, host?: string): Array<{ file: string; link: ClientLink }> {
  if (view.hasCodeClients?.() === false) return [];
  const linked = codeLinks(view).get(`${file}#${symbolicName}`) ?? [];
  return host === undefined ? linked : linked.filter((l) => l.link.resource.host === host);
}

const codeLinkMemo = new WeakMap<WorkspaceView, { index: InfraIndex; codeGeneration: number; byResource: Map<string, Array<{ file: string; link: ClientLink }>> }>();

/**
 * Every link of the workspace's code, by the resource's file and symbolic name: built once per
 * version of the Bicep and of the code's clients (`codeGeneration`), so a template with hundreds of
 * AI resources asks for each in one lookup. A view without `codeGeneration` builds it on every call.
 */
function codeLinks(view: WorkspaceView): Map<string, Array<{ file: string; link: ClientLink }>> {
  const index = infraIndex(view);
  const cached = codeLinkMemo.get(view);
  if (cached && cached.index === index && view.codeGeneration !== undefined && cached.codeGeneration === view.codeGeneration) return cached.byResource;
  const byResource = new Map<string, Array<{ file: string; link: ClientLink }>>();
  if (index.resources.length > 0) {
    for (const codeFile of view.files()) {
      const summary = view.summaryOf(codeFile);
      if (summary?.language !== 'typescript' || summary.clients.length === 0) continue;
      for (const link of linksOf(view, codeFile, summary.clients)) {
        const key = `${link.resource.file}#${link.resource.symbolicName}`;
        const list = byResource.get(key);
        if (list) list.push({ file: codeFile, link });
        else byResource.set(key, [{ file: codeFile, link }]);
      }
    }
  }
  if (view.codeGeneration !== undefined) codeLinkMemo.set(view, { index, codeGeneration: view.codeGeneration, byResource });
  return byResource;
}

/** Code sites whose client reads its key from environment variable `name`. */
export function keyReadersOf(view: WorkspaceView, name: string): Array<{ file: string; client: ClientSiteSummary }> {
  const found: Array<{ file: string; client: ClientSiteSummary }> = [];
  for (const codeFile of view.files()) {
    const summary = view.summaryOf(codeFile);
    if (summary?.language !== 'typescript') continue;
    for (const client of summary.clients)
      if (client.credential.kind === 'key' && client.credential.key?.kind === 'env' && client.credential.key.name === name) found.push({ file: codeFile, client });
  }
  return found;
}

/**
 * The resource a URL's host names: its first label, and whether it is an account or AI Search host
 * (engine/azure-hosts.ts). The regional `api.cognitive…` hosts name a region, not a resource.
 */
function resourceHost(url: string): { label: string; service: 'account' | 'search' } | undefined {
  if (!/^https?:/i.test(url.trim())) return undefined;
  const host = hostOf(url)?.replace(/:\d+$/, '').toLowerCase();
  if (!host) return undefined;
  const kind = azureAiServiceOfHost(host);
  const service = kind === 'Azure AI Search' ? 'search' : (kind === 'Azure OpenAI' || kind === 'Azure AI services') && !host.includes('api.cognitive.') ? 'account' : undefined;
  return service && { label: host.split('.')[0]!, service };
}

function linkClient(view: WorkspaceView, index: InfraIndex, file: string, client: ClientSiteSummary): ClientLink | undefined {
  const endpoint = client.endpoint;
  if (!endpoint) return undefined;
  if (endpoint.kind === 'known' && typeof endpoint.value === 'string') {
    const host = resourceHost(endpoint.value);
    if (!host) return undefined;
    const matches = distinct(index.resources.filter((r) => r.service === host.service && r.host === host.label));
    return matches.length === 1 ? { client, resource: matches[0]!, via: `host ${host.label}` } : undefined;
  }
  if (endpoint.kind !== 'env') return undefined;
  let exports = index.exports.get(endpoint.name) ?? [];
  if (distinct(exports.map((e) => e.resource)).length > 1) {
    // Set from two resources: only azd's service mapping decides which one this code calls.
    const service = view.azdServiceOf?.(file);
    exports = service === undefined ? [] : exports.filter((e) => e.service === service);
  }
  const resources = distinct(exports.map((e) => e.resource));
  if (resources.length !== 1) return undefined;
  const first = exports[0]!;
  const where = first.kind === 'output' ? `output of ${shown(file, first.file)}:${first.line}` : `app setting in ${shown(file, first.file)}:${first.line}`;
  return { client, resource: resources[0]!, via: `${endpoint.name} (${where})` };
}

/** Instances of the same declaration deployed alike count once. */
function distinct(resources: readonly LinkedResource[]): LinkedResource[] {
  const seen = new Map<string, LinkedResource>();
  for (const r of resources) {
    const key = `${r.file}#${r.symbolicName}#${r.host ?? ''}#${String(r.disableLocalAuth)}`;
    if (!seen.has(key)) seen.set(key, r);
  }
  return [...seen.values()];
}

// ---------------------------------------------------------------------------------------------
// The index: every root template walked down its module calls, each module bound to its call.

/** A module instance: its bound tree, its path, the resources it deploys and what its outputs are the endpoint of. */
interface Instance {
  file: BicepFile;
  path: string;
  /** Params a caller passed a resource endpoint to. */
  paramEndpoints: Map<string, LinkedResource>;
  resources: Map<string, LinkedResource>;
  modules: Map<string, Instance>;
  outputCache: Map<string, LinkedResource | undefined>;
}

function buildIndex(view: WorkspaceView): InfraIndex {
  const index: InfraIndex = { resources: [], exports: new Map() };
  const seen = new Map<string, Instance>();
  for (const file of view.files()) {
    const summary = view.summaryOf(file);
    if (summary?.language !== 'bicep' || view.callersOf(file).length > 0) continue;
    // A root with no module call deploys what its summary says (`standaloneLinks`): nothing when it has no AI resource.
    if (summary.modules.length === 0) {
      if (summary.links) addStandalone(index, file, summary.links);
      continue;
    }
    const text = view.textOf(file);
    if (text === undefined) continue;
    rootExports(index, instantiate(view, index, parseCached(text), file, new Map(), [file], seen), file);
  }
  return index;
}

/** A root template's outputs that are an AI resource's endpoint: azd sets an environment variable from each. */
function rootExports(index: InfraIndex, root: Instance, file: string): void {
  for (const output of outputs(root.file)) {
    const resource = endpointOf(root, output.value);
    if (resource) addExport(index, { name: output.name.text, resource, kind: 'output', file, line: lineAt(root.file, output.start) + 1 });
  }
}

/**
 * What the links index takes of a template with no module call, when it is a root: as `buildIndex` would find it
 * (the resources, the settings and outputs set from their endpoints), from the template alone, without paths. For
 * its summary (`BicepSummary.links`); undefined when it declares no AI account or AI Search service.
 */
export function standaloneLinks(file: BicepFile): StandaloneLinks | undefined {
  if (file.statements.some((s) => s.kind === 'Module') || checkedResources(file, AI_ACCOUNT, AI_SEARCH).length === 0) return undefined;
  const index: InfraIndex = { resources: [], exports: new Map() };
  const self = '';
  rootExports(index, instantiate(undefined, index, file, self, new Map(), [self], new Map()), self);
  const resources: StandaloneResource[] = index.resources.map(({ file: _file, localAuthAt, ...resource }) => ({ ...resource, ...(localAuthAt && { localAuthLine: localAuthAt.line }) }));
  const exports = [...index.exports.values()].flat().map(({ resource, file: _file, ...entry }) => ({ ...entry, resource: index.resources.indexOf(resource) }));
  return { resources, exports };
}

/** A root's `StandaloneLinks` in the index, with its path put back. */
function addStandalone(index: InfraIndex, file: string, links: StandaloneLinks): void {
  const resources = links.resources.map(({ localAuthLine, ...resource }): LinkedResource => ({
    file,
    ...resource,
    ...(localAuthLine !== undefined && { localAuthAt: { file, line: localAuthLine } }),
  }));
  index.resources.push(...resources);
  for (const { resource, ...entry } of links.exports) addExport(index, { ...entry, resource: resources[resource]!, file });
}

function addExport(index: InfraIndex, entry: EnvExport): void {
  const list = index.exports.get(entry.name);
  if (list) list.push(entry);
  else index.exports.set(entry.name, [entry]);
}

/**
 * `seen`: module instances by what they depend on (the module, its params' values and the endpoints
 * passed to it). A module reached again with the same values (a diamond of modules sharing modules)
 * deploys the same resources: it is walked once, else a graph where each module calls two others
 * would be exponential.
 */
function instantiate(
  view: WorkspaceView | undefined,
  index: InfraIndex,
  file: BicepFile,
  filePath: string,
  paramEndpoints: Map<string, LinkedResource>,
  stack: readonly string[],
  seen: Map<string, Instance>,
): Instance {
  const instance: Instance = { file, path: filePath, paramEndpoints, resources: new Map(), modules: new Map(), outputCache: new Map() };
  for (const resource of checkedResources(file, AI_ACCOUNT, AI_SEARCH)) {
    const search = isType(resource, AI_SEARCH);
    const host = evaluateString(getPropertyValue(resource.body, search ? 'name' : 'properties.customSubDomainName'), file)?.toLowerCase();
    const localAuth = readProperty(file, resource, 'properties.disableLocalAuth');
    const linked: LinkedResource = {
      file: filePath,
      symbolicName: resource.symbolicName,
      service: search ? 'search' : 'account',
      range: resource.nameRange,
      ...(host !== undefined && { host }),
      ...(localAuth.state === 'known' && typeof localAuth.value === 'boolean' ? { disableLocalAuth: localAuth.value } : localAuth.state === 'missing' ? { disableLocalAuth: false } : {}),
    };
    if (localAuth.state === 'known') {
      const decision = localAuth.decision;
      linked.localAuthAt = decision?.file
        ? { file: decision.file, line: decision.range.start.line + 1 }
        : { file: filePath, line: lineAt(file, (localAuth.property ?? localAuth.anchor).start) + 1 };
    }
    instance.resources.set(resource.symbolicName, linked);
    index.resources.push(linked);
  }
  // Without a view, a template with no module call (`standaloneLinks`).
  if (view && stack.length <= MAX_MODULE_DEPTH) {
    for (const statement of file.statements) {
      if (statement.kind !== 'Module') continue;
      const target = resolveModuleTarget(view, filePath, statement);
      if (target.kind === 'not-analysed') continue;
      const targetPath = target.kind === 'local' ? target.path : `registry:${target.label}`;
      if (stack.includes(targetPath)) continue;
      const bindings = callBindings(file, filePath, statement, target.file, target.label, new Map());
      const passed = new Map<string, LinkedResource>();
      const body = moduleBody(statement).body;
      const params = body && getPropertyValue(body, 'params');
      if (params?.kind === 'Object') {
        for (const p of properties(params)) {
          const resource = endpointOf(instance, p.value);
          const name = nameText(p.key);
          if (resource && name) passed.set(name, resource);
        }
        settingsIn(index, instance, params, serviceOfCall(file, params));
      }
      const key = `${targetPath}\0${valuesKey(bindings)}\0${[...passed].map(([name, r]) => `${name}=${r.file}#${r.symbolicName}#${r.host ?? ''}`).join(',')}`;
      let module = seen.get(key);
      if (!module) {
        module = instantiate(view, index, withBindings(target.file, bindings), targetPath, passed, [...stack, targetPath], seen);
        seen.set(key, module);
      }
      instance.modules.set(statement.name.text, module);
    }
  }
  for (const host of checkedResources(file, WEB_SITE, WEB_SITE_CONFIG, CONTAINER_APP)) settingsOfHost(index, instance, host);
  return instance;
}

/** A module's bound params by value only (where each is decided does not change what it deploys). */
function valuesKey(bindings: ReadonlyMap<string, ParamBinding>): string {
  const parts: string[] = [];
  for (const [name, b] of bindings) parts.push(`${name}=${b.kind === 'value' ? (b.value === undefined ? '?' : JSON.stringify(b.value)) : 'default'}`);
  return parts.join('\0');
}

/** App settings and container env entries of a web app or container app resource. */
function settingsOfHost(index: InfraIndex, instance: Instance, host: CheckedResource): void {
  const service = serviceTag(instance.file, host.body);
  if (isType(host, WEB_SITE)) {
    const list = getPropertyValue(host.body, 'properties.siteConfig.appSettings');
    if (list) settingsIn(index, instance, list, service);
  } else if (isType(host, WEB_SITE_CONFIG)) {
    if (configName(instance.file, getPropertyValue(host.body, 'name')) === 'appsettings') {
      const object = getPropertyValue(host.body, 'properties');
      if (object) settingsIn(index, instance, object, service);
    }
  } else {
    const containers = getPropertyValue(host.body, 'properties.template.containers');
    if (containers?.kind === 'Array') for (const container of containers.items) settingsIn(index, instance, getPropertyValue(container, 'env'), service);
  }
}

/**
 * Settings written as `{ NAME: value }` or `[{ name: 'NAME', value: value }]` (also inside a module
 * call's params, as azd's app modules take them), whose value is an AI resource's endpoint.
 */
function settingsIn(index: InfraIndex, instance: Instance, node: Node | undefined, service: string | undefined, depth = 0): void {
  if (!node || depth > 4) return;
  if (node.kind === 'Array') {
    for (const item of node.items) {
      if (item.kind !== 'Object') continue;
      const name = evaluateString(getPropertyValue(item, 'name'), instance.file);
      const value = getPropertyValue(item, 'value');
      const resource = value && endpointOf(instance, value);
      if (name && resource) addExport(index, { name, resource, kind: 'setting', file: instance.path, line: lineAt(instance.file, item.start) + 1, ...(service && { service }) });
      else settingsIn(index, instance, item, service, depth + 1);
    }
    return;
  }
  if (node.kind !== 'Object') return;
  for (const property of properties(node)) {
    const resource = endpointOf(instance, property.value);
    const name = nameText(property.key);
    if (resource && name) addExport(index, { name, resource, kind: 'setting', file: instance.path, line: lineAt(instance.file, property.start) + 1, ...(service && { service }) });
    else if (property.value.kind === 'Object' || property.value.kind === 'Array') settingsIn(index, instance, property.value, service, depth + 1);
  }
}

/** The `azd-service-name` a resource is tagged with. */
function serviceTag(file: BicepFile, body: ObjectExpression): string | undefined {
  const tags = getProperty(body, 'tags');
  return tags ? serviceNameIn(file, tags.value) : undefined;
}

/** `azd-service-name` written in an object (`tags: union(tags, { 'azd-service-name': 'api' })` included). */
function serviceNameIn(file: BicepFile, node: Node): string | undefined {
  let found: string | undefined;
  const visit = (n: Node, depth: number) => {
    if (found !== undefined || depth > 6) return;
    if (n.kind === 'Object') {
      for (const p of properties(n)) {
        if (nameText(p.key) === 'azd-service-name') found = evaluateString(p.value, file);
        else visit(p.value, depth + 1);
      }
    } else if (n.kind === 'Call') for (const arg of n.args) visit(arg, depth + 1);
  };
  visit(node, 0);
  return found;
}

/** A module call's service: an `azd-service-name` tag it passes, or azd's `serviceName: '<name>'` param. */
function serviceOfCall(file: BicepFile, params: ObjectExpression): string | undefined {
  return serviceNameIn(file, params) ?? evaluateString(getPropertyValue(params, 'serviceName'), file);
}

/** The AI resource whose endpoint an expression is: `acct.properties.endpoint`, `mod.outputs.x`, `'https://${acct.name}…'`, a var or param holding one. */
function endpointOf(instance: Instance, expression: Expression, hops = 0): LinkedResource | undefined {
  if (hops > 16) return undefined;
  const file = instance.file;
  switch (expression.kind) {
    case 'Parenthesized':
    case 'NonNull':
      return endpointOf(instance, expression.expression, hops + 1);
    case 'Identifier': {
      const declaration = resolveIdentifier(expression, file);
      if (declaration?.kind === 'Var') return endpointOf(instance, declaration.value, hops + 1);
      if (declaration?.kind === 'Param') return instance.paramEndpoints.get(declaration.name.text);
      return undefined;
    }
    case 'Member':
    case 'Index': {
      const chain = memberChain(expression);
      if (!chain) return undefined;
      const [root, ...keys] = chain;
      const lower = keys.map((k) => k.toLowerCase());
      const resource = instance.resources.get(root!);
      if (resource && lower[0] === 'properties' && (lower[1] === 'endpoint' || lower[1] === 'endpoints')) return resource;
      const module = instance.modules.get(root!);
      if (module && lower[0] === 'outputs' && keys[1]) return outputEndpoint(module, keys[1]);
      return undefined;
    }
    case 'String': {
      const service = resourceHost(expression.parts.join('x'))?.service;
      if (!service || expression.holes.length === 0) return undefined;
      const first = expression.holes[0]!;
      // `'https://${acct.name}.openai.azure.com/'`, `'https://${acct.properties.customSubDomainName}…'`.
      const chain = memberChain(first);
      if (chain && instance.resources.get(chain[0]!)) return instance.resources.get(chain[0]!);
      // `'https://${name}.search.windows.net/'` where the service is named by the same value.
      const label = evaluateString(first, file)?.toLowerCase();
      if (label === undefined) return undefined;
      return [...instance.resources.values()].find((r) => r.service === service && r.host === label);
    }
    default:
      return undefined;
  }
}

function outputEndpoint(module: Instance, name: string): LinkedResource | undefined {
  if (module.outputCache.has(name)) return module.outputCache.get(name);
  module.outputCache.set(name, undefined);
  const output = outputs(module.file).find((o) => o.name.text === name);
  const resource = output && endpointOf(module, output.value);
  module.outputCache.set(name, resource);
  return resource;
}

/** `a.b.c` / `a['b'].c` as names, root first; undefined for anything else. */
function memberChain(expression: Expression): string[] | undefined {
  const keys: string[] = [];
  let node: Expression = expression;
  for (let i = 0; i < 32; i++) {
    if (node.kind === 'Member') {
      keys.unshift(node.member.text);
      node = node.object;
    } else if (node.kind === 'Index' && node.index.kind === 'String' && node.index.holes.length === 0) {
      keys.unshift(node.index.parts[0]!);
      node = node.object;
    } else if (node.kind === 'Index') {
      keys.unshift('*');
      node = node.object;
    } else if (node.kind === 'Identifier') {
      return [node.name, ...keys];
    } else {
      return undefined;
    }
  }
  return undefined;
}
