import type * as ts from 'typescript';
import type { LineIndex } from '../text.js';
import type { Range } from '../types.js';
import { isAiKeyName, type KeySink } from './key-sinks.js';
import { envReadName, unwrap } from './resolve.js';

/**
 * The node a key-based authentication finding lands on (docs/rules/key-credential.md): the credential
 * expression (`new AzureKeyCredential(…)`), the `apiKey` property, the Speech key argument, the Translator
 * `key`; undefined for sinks that are not a client's key credential.
 */
export function keySiteOf(tsc: typeof ts, sink: KeySink): ts.Node | undefined {
  switch (sink.kind) {
    case 'key-credential':
      // Only for the clients of `AZURE_AI_CLIENTS`, which all accept a TokenCredential (AzureKeyCredential is
      // also used by services outside Azure AI, such as Event Grid and Maps).
      return sink.client && tsc.isNewExpression(sink.value.parent) ? sink.value.parent : undefined;
    case 'api-key-option':
      // The plain OpenAI client only accepts Entra ID tokens when it talks to Azure.
      return sink.service === 'Azure OpenAI' ? sink.value.parent : undefined;
    case 'implicit-env-key': {
      // On the class name of `new AzureOpenAI(…)`: there is no key expression to point at.
      const construct = tsc.isNewExpression(sink.value) ? sink.value : sink.value.parent;
      return tsc.isNewExpression(construct) ? construct.expression : undefined;
    }
    case 'speech':
      return sink.value;
    case 'translator':
    case 'key-object':
    case 'option-key':
      return sink.value.parent;
    case 'header':
      // `api-key` is also the header of services outside Azure: only when the URL or the variable says Azure AI.
      return sink.service || isAiKeyName(envReadName(tsc, sink.value) ?? '') || isAiKeyName(boundName(tsc, sink.value) ?? '') ? sink.value : undefined;
    default:
      return undefined;
  }
}

/** The name of the `const` an identifier refers to, or of the property read (`config.openAiKey`). */
function boundName(tsc: typeof ts, expr: ts.Expression): string | undefined {
  const node = unwrap(tsc, expr);
  if (tsc.isIdentifier(node)) return node.text;
  if (tsc.isPropertyAccessExpression(node)) return node.name.text;
  return undefined;
}

/** The key sink of the client constructed at `clientRange` (a client site), and where its finding lands. */
export function clientsKeySite(tsc: typeof ts, sourceFile: ts.SourceFile, lines: LineIndex, sinks: readonly KeySink[], clientRange: Range): { sink: KeySink; node: ts.Node } | undefined {
  const start = lines.offsetAt(clientRange.start);
  const end = lines.offsetAt(clientRange.end);
  for (const sink of sinks) {
    const node = keySiteOf(tsc, sink);
    if (node && node.getStart(sourceFile) >= start && node.end <= end) return { sink, node };
  }
  // The credential built before the client (`const credential = new AzureKeyCredential(…)`): the sink it was built for.
  const client = lines.text.slice(start, end);
  for (const sink of sinks) {
    const node = keySiteOf(tsc, sink);
    if (node && sink.kind === 'key-credential' && sink.client && client.startsWith(`new ${sink.client.name}`)) return { sink, node };
  }
  return undefined;
}
