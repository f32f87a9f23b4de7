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
import { azureAiServiceOfHost, hostOf } from '../../azure-hosts.js';
import { mayHoldHardcodedKey } from '../../typescript/prefilter-words.js';
import { isBrowserSink } from '../../typescript/browser.js';
import { couldBeKey } from '../../secrets/placeholders.js';
import { isCertainKey } from '../../secrets/key-formats.js';
import { assembleText } from '../../typescript/urls.js';
import { envRead, missingEnvHelperEdits } from '../../typescript/move-to-env.js';

/** The variable Microsoft's samples use, by service, when the SDK does not say. */
const SERVICE_ENV: Record<string, string> = {
  'Azure OpenAI': 'AZURE_OPENAI_API_KEY',
  'Azure AI Search': 'AZURE_SEARCH_API_KEY',
  'Azure AI Speech': 'SPEECH_KEY',
  'Azure AI Translator': 'TRANSLATOR_KEY',
  'Azure AI Language': 'LANGUAGE_KEY',
  'Azure AI Document Intelligence': 'DOCUMENTINTELLIGENCE_API_KEY',
  'Azure AI Content Safety': 'CONTENT_SAFETY_KEY',
  'Azure AI Vision': 'VISION_KEY',
  'Azure AI Foundry models': 'AZURE_INFERENCE_CREDENTIAL',
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
    // DefaultAzureCredential does not run in a browser (key-exposed-to-browser reports the exposure there).
    const entra = isBrowserSink(tsc, sourceFile, sink) ? undefined : entraIdFix(ctx, sink, resolved.literal);
    ctx.report({
      range: lines.range(start, resolved.literal.end),
      message: hardcodedKeyMessage(resolved.value, service),
      fixes: [keyFix(resolved, envNameFor(service, sink, resolved)), ...(entra ? [entra] : [])],
    });
  }

  const queryValues: Array<[number, number]> = [];
  for (const query of findQueryKeys(tsc, sourceFile)) {
    if (reported.has(query.start)) continue;
    reported.add(query.start);
    queryValues.push([query.start, query.start + query.raw.length]);
    const envName = distinctName(SERVICE_ENV[query.service] ?? 'AZURE_AI_SERVICES_KEY', query.value);
    ctx.report({
      range: lines.range(query.start, query.start + query.raw.length),
      message: hardcodedKeyMessage(query.value, query.service),
      fixes: () => [queryKeyFix(ctx, query, envName)],
    });
  }

  // A certain key format is a key wherever it stands: any string, template or comment.
  for (const match of findCertainKeys(ctx.text)) {
    if (queryValues.some(([start, end]) => match.start >= start && match.end <= end)) continue;
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

/** A key written into a URL's query (`?subscription-key=…`, `&api-key=…`) of an Azure AI host. */
interface QueryKey {
  node: ts.StringLiteral | ts.NoSubstitutionTemplateLiteral | ts.TemplateExpression;
  /** Source offset and raw source text of the value. */
  start: number;
  raw: string;
  value: string;
  service: string;
}

/** The query parameters that carry a key (Translator and the other Cognitive Services REST APIs, Azure OpenAI). */
const QUERY_KEY = /[?&](?:api-key|subscription-key)=/gi;

function findQueryKeys(tsc: typeof ts, sourceFile: ts.SourceFile): QueryKey[] {
  const text = sourceFile.text;
  const found: QueryKey[] = [];
  QUERY_KEY.lastIndex = 0;
  for (let m = QUERY_KEY.exec(text); m; m = QUERY_KEY.exec(text)) {
    const node = enclosingText(tsc, sourceFile, m.index);
    if (!node) continue;
    const assembled = assembleText(tsc, sourceFile, node);
    const host = assembled && hostOf(assembled.text);
    const service = host && azureAiServiceOfHost(host);
    if (!service) continue;
    const start = m.index + m[0].length;
    // The value is what the source spells up to the next separator; a `${…}` hole is a runtime value.
    const raw = /^[^&#'"`\s$\\]*/.exec(text.slice(start))![0];
    const next = text.charAt(start + raw.length);
    if (next === '$' || next === '\\') continue;
    let value: string;
    try {
      value = decodeURIComponent(raw);
    } catch {
      value = raw;
    }
    if (!isCertainKey(value) && !couldBeKey(value)) continue;
    found.push({ node, start, raw, value, service });
  }
  return found;
}

/** The string literal or template whose written text holds `offset`. */
function enclosingText(tsc: typeof ts, sourceFile: ts.SourceFile, offset: number): QueryKey['node'] | undefined {
  let node: ts.Node = sourceFile;
  for (;;) {
    if (tsc.isStringLiteral(node) || tsc.isNoSubstitutionTemplateLiteral(node)) return node;
    if (tsc.isTemplateExpression(node)) return node;
    const child: ts.Node | undefined = node.getChildren(sourceFile).find((c) => c.getStart(sourceFile) <= offset && offset < c.end);
    if (!child) return undefined;
    node = child;
  }
}

/**
 * *Move to environment variable* for a key in a URL: the string becomes a template whose hole reads the
 * variable (`` `https://…?subscription-key=${encodeURIComponent(process.env.NAME ?? missingEnv("NAME"))}` ``).
 */
function queryKeyFix(ctx: TypeScriptContext, query: QueryKey, envName: string): Fix {
  const { ts: tsc, sourceFile, lines } = ctx;
  const hole = `\${encodeURIComponent(${envRead(envName)})}`;
  const nodeStart = query.node.getStart(sourceFile);
  const edits = [];
  if (tsc.isStringLiteral(query.node)) {
    // A string literal becomes a template: backticks and `${` in its text are escaped, its quote needs none.
    const escape = (raw: string) => raw.replace(/`/g, '\\`').replace(/\$\{/g, '\\${');
    const before = sourceFile.text.slice(nodeStart + 1, query.start);
    const after = sourceFile.text.slice(query.start + query.raw.length, query.node.end - 1);
    edits.push({ range: lines.range(nodeStart, query.node.end), newText: `\`${escape(before)}${hole}${escape(after)}\`` });
  } else {
    edits.push({ range: lines.range(query.start, query.start + query.raw.length), newText: hole });
  }
  return {
    title: `Move to environment variable ${envName}`,
    preferred: true,
    edits: [...edits, ...missingEnvHelperEdits(tsc, sourceFile, lines, ctx.isJavaScript)],
    envVar: { name: envName, value: query.value },
  };
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
 * A file where this rule can report: a sink's name, a key header or query parameter (compared in any case), a
 * certain key format, a 32-hex literal together with a name that says "key" (the `key-name` sinks only take key
 * shapes), or a client a `{ key }` credential can reach together with a property named `key`.
 */
export function typescriptPrefilter(text: string): boolean {
  return mayHoldHardcodedKey(text);
}
