import type { Rule, TypeScriptContext } from '../rule.js';
import { isTokenBased } from '../typescript/credentials.js';
import { entraIdFix } from '../typescript/entra-id.js';
import { hardcodedKeyAt } from '../typescript/hardcoded-literal.js';
import { isBrowserSink } from '../typescript/browser.js';
import { findKeySinks, type KeySink } from '../typescript/key-sinks.js';
import { keySiteOf } from '../typescript/key-site.js';
import { mayHoldKeySink } from '../typescript/prefilter-words.js';

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
    const site = keySiteOf(tsc, sink);
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
  // Every sink but the `key-name` ones (keySiteOf), and `new AzureKeyCredential(…)` only with a client it can reach.
  typescriptPrefilter: (text) => mayHoldKeySink(text, true),
  typescript: checkTypeScript,
};
