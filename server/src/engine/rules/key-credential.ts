import type * as ts from 'typescript';
import { unwrap } from '../typescript/resolve.js';
import type { Rule, TypeScriptContext } from '../rule.js';
import { isTokenBased } from '../typescript/credentials.js';
import { entraIdFix } from '../typescript/entra-id.js';
import { hardcodedKeyAt } from '../typescript/hardcoded-literal.js';
import { hasCredentialClientWord } from '../typescript/azure-clients.js';
import { isBrowserSink } from '../typescript/browser.js';
import { envReadName } from '../typescript/resolve.js';
import { findKeySinks, isAiKeyName, type KeySink } from '../typescript/key-sinks.js';
import { hasEscapedText, hasKeySinkWord, includesAny } from '../prefilter.js';

/** The names of the sinks `siteOf` reports on (the Translator credential is `{ key, region }`). */
const SINK_WORDS = ['AzureKeyCredential', 'apiKey', 'ApiKey', 'fromSubscription', 'fromEndpoint', 'fromHost', 'region'];
/** The key headers, in any case. */
const HEADER_WORDS = /api-key|subscription-key/i;

/**
 * The node a key-based authentication finding lands on: the credential expression
 * (`new AzureKeyCredential(…)`), the `apiKey` property, the Speech key argument, the Translator `key`.
 */
function siteOf(tsc: typeof ts, sink: KeySink): ts.Node | undefined {
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

function messageOf(sink: KeySink): string {
  if (sink.kind === 'implicit-env-key') return `Azure OpenAI is called with a key: with neither apiKey nor azureADTokenProvider, the client reads ${sink.envName} from the environment. `;
  if (sink.kind === 'header') return `${sink.service ?? 'Azure AI'} is called with a key in a request header. `;
  return `${sink.service ?? 'Azure AI'} is called with a key. `;
}

function remedyOf(sink: KeySink): string {
  if (sink.keyOnlyHint) return `Keys can leak and must be rotated by hand; the most secure option is Microsoft Entra ID, but ${sink.keyOnlyHint}.`;
  if (sink.kind === 'header') {
    return 'Keys can leak and must be rotated by hand; the most secure option is Microsoft Entra ID: send an Authorization: Bearer header with a token from getBearerTokenProvider(new DefaultAzureCredential(), scope).';
  }
  return 'Keys can leak and must be rotated by hand; the most secure option is Microsoft Entra ID (managed identity with a role on the resource, via DefaultAzureCredential).';
}

function checkTypeScript(ctx: TypeScriptContext): void {
  const { ts: tsc, sourceFile, lines } = ctx;
  for (const sink of findKeySinks(tsc, sourceFile)) {
    const site = siteOf(tsc, sink);
    // One site, one finding: a hardcoded key is `hardcoded-key`'s, also when that rule is off (the
    // user turned the key finding off, not asked for a second finding in its place).
    if (!site || isTokenBased(tsc, sink.value) || hardcodedKeyAt(tsc, sink)) continue;
    // In browser code the key is key-exposed-to-browser's (an error), and DefaultAzureCredential does not run there.
    if (isBrowserSink(tsc, sourceFile, sink)) continue;
    const fix = entraIdFix(ctx, sink);
    ctx.report({
      range: lines.range(site.getStart(sourceFile), site.end),
      message: messageOf(sink) + remedyOf(sink),
      fixes: fix ? [fix] : [],
    });
  }
}

export const rule: Rule = {
  id: 'key-credential',
  feature: 'authentication',
  languages: ['typescript'],
  severity: 'info',
  docs: {
    summary: 'An Azure AI client authenticates with a key where Microsoft Entra ID would do.',
    why:
      'Subscription keys are the simplest method but not the most secure: anyone holding a key has full data-plane access until it is regenerated. ' +
      'The most secure authentication method is managed roles in Microsoft Entra ID.',
    fix: 'Use Microsoft Entra ID: pass `new DefaultAzureCredential()` (or a token provider for `AzureOpenAI`) and give the identity a data-plane role.',
  },
  // `AzureOpenAI` alone: a client given no key reads AZURE_OPENAI_API_KEY itself.
  // A `{ key }` credential needs its client's name in the text; a header its own name.
  typescriptPrefilter: (text) =>
    (hasKeySinkWord(text) && (includesAny(text, SINK_WORDS) || HEADER_WORDS.test(text))) || text.includes('AzureOpenAI') || hasCredentialClientWord(text) || hasEscapedText(text),
  typescript: checkTypeScript,
};
