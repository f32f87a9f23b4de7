/**
 * The TypeScript / JavaScript side of `hardcoded-key` (docs/rules/hardcoded-key.md): a key-shaped
 * literal at a key sink, and a certain key format in any string, template or comment.
 */
import type * as ts from 'typescript';
import type { TextContext, TypeScriptContext } from '../../rule.js';
import { toEnvName } from '../../env-names.js';
import { findCertainKeys } from '../../secrets/key-formats.js';
import { redact } from '../../secrets/redact.js';
import { entraIdFix } from '../../typescript/entra-id.js';
import { hardcodedKeyAt } from '../../typescript/hardcoded-literal.js';
import { findKeySinks, type KeySink } from '../../typescript/key-sinks.js';
import { moveToEnvFix } from '../../typescript/move-to-env.js';
import type { ResolvedLiteral } from '../../typescript/resolve.js';
import type { Fix } from '../../types.js';
import { hasEscapedText, hasHexRun32, hasKeySinkWord } from '../../prefilter.js';

/** The variable Microsoft's samples use, by service, when the SDK does not say. */
const SERVICE_ENV: Record<string, string> = {
  'Azure OpenAI': 'AZURE_OPENAI_API_KEY',
  'Azure AI Search': 'AZURE_SEARCH_API_KEY',
  'Azure AI Speech': 'SPEECH_KEY',
  'Azure AI Translator': 'TRANSLATOR_KEY',
  'Azure AI Language': 'LANGUAGE_KEY',
};

function hardcodedKeyMessage(secret: string, service: string | undefined): string {
  const what = service ? `${service} key` : 'Azure AI key';
  return (
    `Hardcoded ${what} ('${redact(secret)}'). Read it from an environment variable, or better use Microsoft Entra ID; ` +
    `a key that was ever committed must be regenerated (each resource has two keys, so rotate without downtime).`
  );
}

/** Names that say "a key" but not whose: `const key = …` gives no better variable than the generic one. */
const GENERIC_NAMES = new Set(['KEY', 'API_KEY', 'APIKEY', 'SUBSCRIPTION_KEY', 'SECRET', 'TOKEN', 'CREDENTIAL']);

function envNameFor(service: string | undefined, sink: KeySink | undefined, resolved: ResolvedLiteral | undefined): string {
  const fromBinding = resolved?.bindingName ? toEnvName(resolved.bindingName) : undefined;
  return sink?.envName ?? (service && SERVICE_ENV[service]) ?? (fromBinding && !GENERIC_NAMES.has(fromBinding) ? fromBinding : 'AZURE_AI_SERVICES_KEY');
}

export function checkTypeScript(ctx: TypeScriptContext): void {
  const { ts: tsc, sourceFile, lines } = ctx;
  const reported = new Set<number>();
  // Two different keys in one file must not share a variable: fix-all would write both to one `.env` name.
  const valueOfName = new Map<string, string>();
  const distinctName = (name: string, value: string): string => {
    for (let i = 1; ; i++) {
      const candidate = i === 1 ? name : `${name}_${i}`;
      const taken = valueOfName.get(candidate);
      if (taken === undefined || taken === value) {
        valueOfName.set(candidate, value);
        return candidate;
      }
    }
  };
  const keyFix = (resolved: ResolvedLiteral, envName: string): Fix =>
    moveToEnvFix(tsc, sourceFile, lines, resolved.literal, distinctName(envName, resolved.value), resolved.value, ctx.isJavaScript);

  for (const sink of findKeySinks(tsc, sourceFile)) {
    const resolved = hardcodedKeyAt(tsc, sink);
    if (!resolved) continue;
    const start = resolved.literal.getStart(sourceFile);
    if (reported.has(start)) continue;
    reported.add(start);
    const service = sink.service ?? findCertainKeys(resolved.value)[0]?.service;
    const entra = entraIdFix(ctx, sink, resolved.literal);
    ctx.report({
      range: lines.range(start, resolved.literal.end),
      message: hardcodedKeyMessage(resolved.value, service),
      fixes: [keyFix(resolved, envNameFor(service, sink, resolved)), ...(entra ? [entra] : [])],
    });
  }

  // A certain key format is a key wherever it stands: any string, template or comment.
  for (const match of findCertainKeys(ctx.text)) {
    const literal = enclosingStringLiteral(tsc, sourceFile, match.start);
    const start = literal ? literal.getStart(sourceFile) : match.start;
    if (reported.has(start)) continue;
    reported.add(start);
    const secret = ctx.text.slice(match.start, match.end);
    const whole = literal && literal.text === secret ? literal : undefined;
    const resolved = whole && { literal: whole, value: secret, bindingName: bindingNameOf(tsc, whole) };
    ctx.report({
      range: whole ? lines.range(start, whole.end) : lines.range(match.start, match.end),
      message: hardcodedKeyMessage(secret, match.service),
      fixes: resolved ? [keyFix(resolved, envNameFor(match.service, undefined, resolved))] : [],
    });
  }
}

/** For a file that cannot be parsed: certain key formats only, without fixes. */
export function checkUnparsed(ctx: TextContext): void {
  for (const match of findCertainKeys(ctx.text)) {
    ctx.report({ range: ctx.lines.range(match.start, match.end), message: hardcodedKeyMessage(ctx.text.slice(match.start, match.end), match.service) });
  }
}

function enclosingStringLiteral(tsc: typeof ts, sourceFile: ts.SourceFile, offset: number): ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    const child: ts.Node | undefined = node.getChildren(sourceFile).find((c) => c.getStart(sourceFile) <= offset && offset < c.end);
    if (!child) break;
    node = child;
  }
  return tsc.isStringLiteral(node) || tsc.isNoSubstitutionTemplateLiteral(node) ? node : undefined;
}

function bindingNameOf(tsc: typeof ts, literal: ts.Node): string | undefined {
  const parent = literal.parent;
  if (tsc.isVariableDeclaration(parent) && tsc.isIdentifier(parent.name)) return parent.name.text;
  if (tsc.isPropertyAssignment(parent) && (tsc.isIdentifier(parent.name) || tsc.isStringLiteral(parent.name))) return parent.name.text;
  return undefined;
}

/**
 * A file where this rule can report: a sink's name, a key header (compared in any case), a certain key
 * format, or a 32-hex literal together with a name that says "key" (the `key-name` sinks only take key shapes).
 */
export function typescriptPrefilter(text: string): boolean {
  return hasKeySinkWord(text) || (hasHexRun32(text) && /key/i.test(text)) || hasEscapedText(text);
}
