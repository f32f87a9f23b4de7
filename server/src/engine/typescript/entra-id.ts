import type * as ts from 'typescript';
import type { LineIndex } from '../text.js';
import type { Fix, TextEdit } from '../types.js';
import { removeStatementEdit } from './edits.js';
import { planImport } from './imports.js';
import { clientOfCredential, type CredentialUse, type KeySink } from './key-sinks.js';
import type { AzureAiClient } from './azure-clients.js';
import { envRead, missingEnvHelperEdits } from './move-to-env.js';
import { calleeName, findVariableDeclaration, propertyInitializer, referencesOf, soleDeclarationStatement, unwrap } from './resolve.js';

export interface FixContext {
  ts: typeof ts;
  sourceFile: ts.SourceFile;
  lines: LineIndex;
  isJavaScript: boolean;
}

const IDENTITY = '@azure/identity';
const COGNITIVE_SCOPE = 'https://cognitiveservices.azure.com/.default';
/** Scope of the Azure OpenAI "v1" API used through the plain `OpenAI` client (openai-node docs/azure.md). */
const AI_SCOPE = 'https://ai.azure.com/.default';
/** Speech's credential form needs the resource's custom-domain endpoint, which a region does not give. */
export const SPEECH_ENDPOINT_ENV = 'SPEECH_ENDPOINT';

export const ENTRA_FIX_TITLE = 'Use Microsoft Entra ID (DefaultAzureCredential)';

interface Rewrite {
  /** The node replaced; the key must be inside it (or in a binding used only inside it) for the key to go. */
  node: ts.Node;
  text(ref: (name: string) => string): string;
  names: string[];
  /** Extra edits (a type annotation that would no longer fit). */
  extra?: TextEdit[];
  needsEnvHelper?: boolean;
}

/**
 * *Use Microsoft Entra ID* for a key sink whose client accepts a `TokenCredential` (docs/rules/key-credential.md):
 * the key credential becomes `new DefaultAzureCredential()`; `AzureOpenAI`'s `apiKey` becomes an
 * `azureADTokenProvider`; Speech uses the credential form of `fromEndpoint`. `@azure/identity` is imported
 * once, in the file's module style. A binding that only fed the replaced key is removed with it.
 *
 * With `literal` (a hardcoded key), the fix is offered only when the literal goes away with it.
 * Always a suggestion: the caller needs a role on the resource and a custom-subdomain endpoint.
 */
export function entraIdFix(ctx: FixContext, sink: KeySink, literal?: ts.Node): Fix | undefined {
  const rewrite = rewriteFor(ctx, sink);
  if (!rewrite) return undefined;
  const { ts: tsc, sourceFile, lines } = ctx;
  const inside = (n: ts.Node) => n.getStart(sourceFile) >= rewrite.node.getStart(sourceFile) && n.end <= rewrite.node.end;

  // The value feeding the replaced node through a `const` used nowhere else goes too.
  const removals: TextEdit[] = [];
  const removable = (decl: ts.VariableDeclaration | undefined): ts.VariableStatement | undefined => {
    if (!decl) return undefined;
    const statement = soleDeclarationStatement(tsc, decl);
    if (!statement || inside(statement)) return undefined;
    const refs = referencesOf(tsc, decl);
    return refs.length > 0 && refs.every(inside) ? statement : undefined;
  };
  const keyDecl = keyBinding(tsc, sink.value);
  const keyStatement = removable(keyDecl);
  if (keyStatement) removals.push(removeStatementEdit(sourceFile, lines, keyStatement));
  if (literal && !inside(literal) && !(keyStatement && literal.getStart(sourceFile) >= keyStatement.getStart(sourceFile) && literal.end <= keyStatement.end)) {
    return undefined;
  }

  const plan = planImport(tsc, sourceFile, lines, IDENTITY, rewrite.names, ctx.isJavaScript);
  const edits: TextEdit[] = [
    ...plan.edits,
    ...(rewrite.needsEnvHelper ? missingEnvHelperEdits(tsc, sourceFile, lines, ctx.isJavaScript) : []),
    { range: lines.range(rewrite.node.getStart(sourceFile), rewrite.node.end), newText: rewrite.text(plan.ref) },
    ...(rewrite.extra ?? []),
    ...removals,
  ];
  return { title: ENTRA_FIX_TITLE, preferred: false, edits };
}

/**
 * The options a client needs once it authenticates with Entra ID (`ModelClient`'s token scope): added to
 * each call the credential reaches, merged into an options object literal, spread with an options variable,
 * or as a new third argument. A call that already passes `credentials` is left as it is.
 */
function clientOptionEdits(ctx: FixContext, use: CredentialUse): TextEdit[] {
  const client: AzureAiClient = use.client;
  const options = client.entraOptions;
  if (!options) return [];
  const { ts: tsc, sourceFile, lines } = ctx;
  const edits: TextEdit[] = [];
  for (const call of use.calls) {
    const args = call.arguments ?? tsc.factory.createNodeArray();
    const given = args[client.credentialArg + 1];
    if (!given) {
      const at = lines.positionAt(args[client.credentialArg]!.end);
      edits.push({ range: { start: at, end: at }, newText: `, { ${options} }` });
      continue;
    }
    const value = unwrap(tsc, given);
    if (tsc.isObjectLiteralExpression(value)) {
      if (propertyInitializer(tsc, value, 'credentials') || value.properties.some((p) => tsc.isSpreadAssignment(p))) continue;
      const last = value.properties[value.properties.length - 1];
      if (!last) {
        edits.push({ range: lines.range(value.getStart(sourceFile), value.end), newText: `{ ${options} }` });
        continue;
      }
      const lastLine = lines.positionAt(last.getStart(sourceFile)).line;
      const ownLine = lines.positionAt(value.getStart(sourceFile)).line !== lastLine;
      const indent = /^[ \t]*/.exec(lines.lineText(lastLine))![0];
      const at = lines.positionAt(last.end);
      edits.push({ range: { start: at, end: at }, newText: ownLine ? `,${lines.newline}${indent}${options}` : `, ${options}` });
    } else {
      edits.push({ range: lines.range(given.getStart(sourceFile), given.end), newText: `{ ...${given.getText(sourceFile)}, ${options} }` });
    }
  }
  return edits;
}

/** `k` in `new AzureKeyCredential(k)` / `{ apiKey: k }` / `{ apiKey }`: the binding of the key, if any. */
function keyBinding(tsc: typeof ts, value: ts.Expression): ts.VariableDeclaration | undefined {
  const node = unwrap(tsc, value);
  return tsc.isIdentifier(node) ? findVariableDeclaration(tsc, node) : undefined;
}

function rewriteFor(ctx: FixContext, sink: KeySink): Rewrite | undefined {
  const { ts: tsc, sourceFile, lines } = ctx;
  const credential = (ref: (n: string) => string) => `new ${ref('DefaultAzureCredential')}()`;
  switch (sink.kind) {
    case 'key-credential': {
      const node = sink.value.parent;
      if (!tsc.isNewExpression(node)) return undefined;
      const use = clientOfCredential(tsc, node);
      if (!use || !use.onlyClients || use.client.keyOnly) return undefined;
      // `const credential: AzureKeyCredential = …` would no longer type-check: drop the annotation.
      const type = use.binding?.type;
      const extra = type && use.binding ? [{ range: lines.range(use.binding.name.end, type.end), newText: '' }] : [];
      return { node, text: credential, names: ['DefaultAzureCredential'], extra: [...extra, ...clientOptionEdits(ctx, use)] };
    }
    case 'translator':
    case 'key-object': {
      const object = sink.value.parent.parent;
      if (!tsc.isObjectLiteralExpression(object)) return undefined;
      const use = clientOfCredential(tsc, object);
      if (!use || !use.onlyClients || use.client.keyOnly) return undefined;
      // `const credential: KeyCredential = { key }` would no longer type-check: drop the annotation.
      const type = use.binding?.type;
      const extra = type && use.binding ? [{ range: lines.range(use.binding.name.end, type.end), newText: '' }] : [];
      return { node: object, text: credential, names: ['DefaultAzureCredential'], extra: [...extra, ...clientOptionEdits(ctx, use)] };
    }
    case 'option-key': {
      const rewrite = sink.tokenProvider;
      const property = sink.value.parent;
      if (!rewrite || !sink.options || !(tsc.isPropertyAssignment(property) || tsc.isShorthandPropertyAssignment(property)) || property.parent !== sink.options) return undefined;
      if (rewrite.property !== 'apiKey' && propertyInitializer(tsc, sink.options, rewrite.property)) return undefined;
      return {
        node: property,
        text: (ref) => `${rewrite.property}: ${ref('getBearerTokenProvider')}(${credential(ref)}, "${rewrite.scope}")`,
        names: ['DefaultAzureCredential', 'getBearerTokenProvider'],
      };
    }
    case 'api-key-option': {
      const options = sink.openAiOptions;
      const property = sink.value.parent;
      if (!options || !(tsc.isPropertyAssignment(property) || tsc.isShorthandPropertyAssignment(property)) || property.parent !== options) return undefined;
      if (propertyInitializer(tsc, options, 'azureADTokenProvider')) return undefined;
      const ctor = options.parent;
      const name = tsc.isNewExpression(ctor) ? calleeName(tsc, ctor.expression) : undefined;
      const names = ['DefaultAzureCredential', 'getBearerTokenProvider'];
      const provider = (ref: (n: string) => string, scope: string) => `${ref('getBearerTokenProvider')}(${credential(ref)}, "${scope}")`;
      if (name === 'AzureOpenAI') return { node: property, text: (ref) => `azureADTokenProvider: ${provider(ref, COGNITIVE_SCOPE)}`, names };
      // The plain `OpenAI` client on an Azure v1 endpoint takes a token function as its `apiKey`.
      if (name === 'OpenAI' && sink.service === 'Azure OpenAI') return { node: property, text: (ref) => `apiKey: ${provider(ref, AI_SCOPE)}`, names };
      return undefined;
    }
    case 'implicit-env-key': {
      const names = ['DefaultAzureCredential', 'getBearerTokenProvider'];
      const property = (ref: (n: string) => string) => `azureADTokenProvider: ${ref('getBearerTokenProvider')}(${credential(ref)}, "${COGNITIVE_SCOPE}")`;
      const value = sink.value;
      if (tsc.isNewExpression(value)) {
        const callee = value.expression.getText(sourceFile);
        return { node: value, text: (ref) => `new ${callee}({ ${property(ref)} })`, names };
      }
      if (!tsc.isObjectLiteralExpression(value)) return undefined;
      const last = value.properties[value.properties.length - 1];
      if (!last) return { node: value, text: (ref) => `{ ${property(ref)} }`, names };
      // After the last property, on a line of its own when the object is written one property a line.
      const lastLine = lines.positionAt(last.getStart(sourceFile)).line;
      const ownLine = lines.positionAt(value.getStart(sourceFile)).line !== lastLine;
      const indent = /^[ \t]*/.exec(lines.lineText(lastLine))![0];
      const separator = ownLine ? `,${lines.newline}${indent}` : ', ';
      return { node: last, text: (ref) => `${last.getText(sourceFile)}${separator}${property(ref)}`, names };
    }
    case 'speech': {
      const call = sink.value.parent;
      if (!tsc.isCallExpression(call)) return undefined;
      const callee = unwrap(tsc, call.expression);
      if (!tsc.isPropertyAccessExpression(callee)) return undefined;
      const method = callee.name.text;
      if (method === 'fromEndpoint' && call.arguments[1] === sink.value) {
        return { node: sink.value, text: credential, names: ['DefaultAzureCredential'] };
      }
      if (method === 'fromSubscription' && call.arguments[0] === sink.value) {
        const receiver = callee.expression.getText(sourceFile);
        return {
          node: call,
          text: (ref) => `${receiver}.fromEndpoint(new URL(${envRead(SPEECH_ENDPOINT_ENV)}), ${credential(ref)})`,
          names: ['DefaultAzureCredential'],
          needsEnvHelper: true,
        };
      }
      return undefined; // `fromHost` has no credential form.
    }
    default:
      return undefined;
  }
}
