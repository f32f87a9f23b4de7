/**
 * The Bicep / `.bicepparam` side of `hardcoded-key` (docs/rules/hardcoded-key.md, "Bicep and
 * `.bicepparam`"): a key-shaped literal as the default (or `.bicepparam` value) of a key param, as
 * the value of a key var or of a secret-bearing resource property, and any literal or comment holding
 * a certain key format. All fixes are suggestions: the key must come from the deployment instead,
 * which the user has to supply.
 */
import { toEnvName } from '../../env-names.js';
import type { BicepContext } from '../../rule.js';
import { findCertainKeys, isCertainKey, isHexKeyShape } from '../../secrets/key-formats.js';
import { couldBeKey } from '../../secrets/placeholders.js';
import { redact } from '../../secrets/redact.js';
import type { Fix, TextEdit } from '../../types.js';
import {
  hasDecorator,
  insertDecoratorEdit,
  lineIndentation,
  newlineOf,
  nodeAt,
  params,
  positionAt,
  rangeOf,
  resourceDeclarations,
  stringValue,
  variables,
  walk,
  type BicepFile,
  type ObjectProperty,
  type ParamDeclaration,
  type StringLiteral,
  type VarDeclaration,
} from '../../bicep/index.js';
import { addParamsEdit, uniqueParamName } from '../../bicep/azure/fix-builders.js';
import { isSecretName } from '../../bicep/azure/secret-sources.js';
import { hasBase64Run, lowerCaseOf } from '../../prefilter.js';

/**
 * A file that can hold a key literal: every shape `isKeyLiteral` takes (certain formats, 32 hex, 40+
 * base64) is a run of 32+ base64 characters, and the connection-string form has `…Key=`. Bicep escapes
 * (`\u{…}`) let such files through.
 */
export function bicepPrefilter(text: string): boolean {
  return hasBase64Run(text, 32) || lowerCaseOf(text).includes('key=') || text.includes('\\u');
}

/** A storage-style key (64 bytes base64) or the key inside a connection string. */
const BASE64_KEY = /^[A-Za-z0-9+/]{40,}={0,2}$/;
const EMBEDDED_KEY = /(?:AccountKey|SharedAccessKey)=([^;'"\s]+)/i;

/** True when a value is shaped like a key: certain formats, 32 hex, a long base64 key, or a connection string carrying one. */
export function isKeyLiteral(value: string): boolean {
  if (isCertainKey(value) || isHexKeyShape(value)) return true;
  if (BASE64_KEY.test(value) && /[0-9]/.test(value) && /[A-Za-z]/.test(value) && couldBeKey(value)) return true;
  const embedded = EMBEDDED_KEY.exec(value)?.[1];
  return embedded !== undefined && embedded.length >= 20 && couldBeKey(embedded);
}

function message(secret: string, where: string): string {
  const service = findCertainKeys(secret)[0]?.service;
  return (
    `Hardcoded ${service ? `${service} key` : 'key'} ('${redact(secret)}') in ${where}: anyone who can read the template or the deployment history has it. ` +
    'Pass it to the deployment as a @secure() param (or from Key Vault with getSecret()), better use Microsoft Entra ID; a key that was ever committed must be regenerated.'
  );
}

function keyLiteral(node: unknown): StringLiteral | undefined {
  const literal = node as StringLiteral | undefined;
  if (literal?.kind !== 'String' || literal.multiline) return undefined;
  const value = stringValue(literal);
  return value !== undefined && isKeyLiteral(value) ? literal : undefined;
}

/** `.bicep`: drop the default and add `@secure()`. `.bicepparam`: read the value from an environment variable. */
function paramFix(ctx: BicepContext, param: ParamDeclaration, literal: StringLiteral): Fix | undefined {
  const { file } = ctx;
  if (ctx.language === 'bicepparam') {
    const name = toEnvName(param.name.text);
    return { title: `Read the key from environment variable ${name}`, preferred: false, edits: [{ range: rangeOf(file, literal), newText: `readEnvironmentVariable('${name}')` }] };
  }
  if (!param.type) return undefined;
  const edits: TextEdit[] = [{ range: { start: positionAt(file, param.type.end), end: positionAt(file, literal.end) }, newText: '' }];
  if (!hasDecorator(param, 'secure')) edits.push(insertDecoratorEdit(file, param, '@secure()'));
  return { title: 'Remove the key and mark the param @secure()', preferred: false, edits };
}

/** A var cannot be secure: it becomes a `@secure()` param without a default. */
function varFix(file: BicepFile, variable: VarDeclaration): Fix {
  const indent = lineIndentation(file, variable.keyword.start.line);
  return {
    title: `Turn var '${variable.name.text}' into a @secure() param`,
    preferred: false,
    edits: [{ range: { start: variable.keyword.start, end: positionAt(file, variable.value.end) }, newText: `@secure()${newlineOf(file)}${indent}param ${variable.name.text} string` }],
  };
}

function propertyFix(file: BicepFile, owner: string, property: ObjectProperty, literal: StringLiteral): Fix {
  const key = property.name ?? 'key';
  const name = uniqueParamName(file, `${owner}${key[0]!.toUpperCase()}${key.slice(1)}`);
  return {
    title: `Move the key to a new @secure() param '${name}'`,
    preferred: false,
    edits: [addParamsEdit(file, [{ name, type: 'string', secure: true, description: `${key} of ${owner}, supplied at deployment.` }]), { range: rangeOf(file, literal), newText: name }],
  };
}

export function checkBicep(ctx: BicepContext): void {
  const { file } = ctx;
  const reported = new Set<number>();
  const report = (literal: StringLiteral, where: string, fix: Fix | undefined) => {
    if (reported.has(literal.start)) return;
    reported.add(literal.start);
    ctx.report({ range: rangeOf(file, literal), message: message(stringValue(literal)!, where), fixes: fix ? [fix] : [] });
  };

  for (const param of params(file)) {
    const literal = isSecretName(param.name.text) ? keyLiteral(param.value) : undefined;
    if (literal) report(literal, ctx.language === 'bicepparam' ? `the value of param '${param.name.text}'` : `the default of param '${param.name.text}'`, paramFix(ctx, param, literal));
  }
  for (const variable of variables(file)) {
    const literal = isSecretName(variable.name.text) ? keyLiteral(variable.value) : undefined;
    if (literal) report(literal, `var '${variable.name.text}'`, varFix(file, variable));
  }
  for (const resource of resourceDeclarations(file)) {
    if (!resource.body) continue;
    walk(resource.body, (node) => {
      if (node.kind === 'Resource') return false; // nested resources are visited on their own
      if (node.kind !== 'Property' || node.name === undefined || !isSecretName(node.name)) return;
      const literal = keyLiteral(node.value);
      if (literal) report(literal, `property '${node.name}' of '${resource.symbolicName}'`, propertyFix(file, resource.symbolicName, node, literal));
    });
  }
  // A certain key format is a key wherever it stands, in any string or comment.
  for (const match of findCertainKeys(file.text)) {
    const node = nodeAt(file, positionAt(file, match.start));
    if (node.kind === 'String' && stringValue(node) !== undefined && node.start < match.start) {
      report(node, 'a string', undefined);
      continue;
    }
    if (reported.has(match.start)) continue;
    reported.add(match.start);
    const secret = file.text.slice(match.start, match.end);
    ctx.report({ range: { start: positionAt(file, match.start), end: positionAt(file, match.end) }, message: message(secret, 'the template'), fixes: [] });
  }
}
