/**
 * Where secrets come from in a Bicep file: key-listing calls (`listKeys()` and friends, instance or
 * function form, also through vars), `@secure()` params, and names that say they hold a secret.
 */
import {
  findKeyListCalls,
  findReferences,
  hasDecorator,
  keyCallTarget,
  resolveIdentifier,
  type BicepFile,
  type CallExpression,
  type Node,
  type ParamDeclaration,
  type VarDeclaration,
} from '../index.js';

export interface SecretSource {
  /** `listKeys`, `listAdminKeys`, `listQueryKeys`, or the `@secure()` param. */
  call?: CallExpression;
  param?: ParamDeclaration;
  /** The var the secret was read through, when not written directly in `root`. */
  via?: VarDeclaration;
}

/** Key-listing calls and `@secure()` param references in `root`, following vars (cycle-safe). */
export function secretSources(file: BicepFile, root: Node, options: { calls?: readonly string[]; secureParams?: boolean } = {}): SecretSource[] {
  const wanted = options.calls?.map((c) => c.toLowerCase());
  const found: SecretSource[] = [];
  const seen = new Set<Node>();
  const visit = (node: Node, via: VarDeclaration | undefined) => {
    if (seen.has(node)) return;
    seen.add(node);
    for (const call of findKeyListCalls(node)) if (!wanted || wanted.includes(call.name.text.toLowerCase())) found.push({ call, via });
    for (const identifier of findReferences(node)) {
      const declaration = resolveIdentifier(identifier, file);
      if (declaration?.kind === 'Var') visit(declaration.value, via ?? declaration);
      else if (declaration?.kind === 'Param' && options.secureParams && hasDecorator(declaration, 'secure')) found.push({ param: declaration, via });
    }
  };
  visit(root, undefined);
  return found;
}

/** The service whose keys a call lists: AI account or AI Search only (undefined for storage and others). */
export function keyOwnerService(file: BicepFile, call: CallExpression): string | undefined {
  const type = keyCallTarget(call, file).type?.toLowerCase();
  if (type === 'microsoft.cognitiveservices/accounts') return 'Azure AI account';
  if (type === 'microsoft.search/searchservices') return 'AI Search service';
  return undefined;
}

/** Words that, after a secret word, make the name about the secret rather than the secret itself. */
// prettier-ignore
const METADATA_WORDS = new Set([
  'vault', 'name', 'names', 'version', 'uri', 'url', 'id', 'ids', 'identifier', 'source', 'type', 'kind', 'size', 'length', 'expiry', 'expiration',
  'expires', 'rotation', 'permissions', 'ref', 'reference', 'path', 'format', 'count', 'policy', 'set', 'enabled', 'required', 'resource',
]);
/** Words that, before a secret word, name something that is not a secret (`sshPublicKey`, `partitionKey`). */
const NOT_SECRET_BEFORE = new Set(['public', 'partition', 'row', 'sort', 'shard', 'foreign', 'lookup', 'cache', 'idempotency']);

/** Substrings of every secret word `isSecretName` takes (`apikey`, `keys`, `secrets`, `connectionstring`…). */
const SECRET_STEMS = ['key', 'secret', 'password', 'passwd', 'pwd', 'connection'];

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/(?<=[A-Z])(?=[A-Z][a-z])/g, ' ')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

/**
 * True for names that say they hold a key or secret: `*key*`, `*apiKey*`, `*secret*`, `*password*`,
 * `*connectionString*` — but not names about one (`keyVaultName`, `keyName`, `keyVaultUri`, `cmkKeyVersion`, `secretName`).
 */
export function isSecretName(name: string): boolean {
  // Every secret word below is, lower-cased, a substring of the name: most names have none.
  const lower = name.toLowerCase();
  if (!SECRET_STEMS.some((stem) => lower.includes(stem))) return false;
  const parts = words(name);
  for (let i = 0; i < parts.length; i++) {
    const word = parts[i]!;
    const next = parts[i + 1];
    let secret = false;
    if (word === 'key' || word === 'keys' || word === 'apikey' || word === 'secret' || word === 'secrets' || word === 'password' || word === 'passwd' || word === 'pwd') secret = true;
    else if (word === 'connection' && next === 'string') {
      secret = true;
      i++;
    } else if (word === 'connectionstring') secret = true;
    if (!secret) continue;
    const after = parts[i + 1];
    if (after !== undefined && METADATA_WORDS.has(after)) continue;
    if (i > 0 && NOT_SECRET_BEFORE.has(parts[i - 1]!)) continue;
    return true;
  }
  return false;
}

/** Lower-cased substrings that make a param name say it holds a secret (docs/rules/insecure-key-param.md). */
const SECRET_PARAM_PATTERNS = ['password', 'passwd', 'pwd', 'secret', 'key', 'connectionstring'];

/**
 * Lower-cased names of references to a secret rather than a secret, longest first so that
 * `keyvaultkeyuri` goes before `keyvaulturi`: each is cut out of the name before the patterns are
 * looked for: the names docs/rules/insecure-key-param.md lists, then names that hold no secret either
 * (anything about a Key Vault, a key's or secret's id or expiry, data keys such as `partitionKey`).
 */
// prettier-ignore
const SECRET_REFERENCE_NAMES = [
  'secretname', 'secreturi', 'secreturl', 'secretversion', 'secretpermissions', 'keyvaultname', 'keyname', 'keyvaulturi',
  'keyversion', 'keyvaultkeyuri', 'keysource', 'keytype', 'keysize', 'publickey', 'sshpublickey',
  'keyvault', 'keyid', 'keyuri', 'keyurl', 'keyexpiry', 'keyexpiration', 'keypermissions', 'secretid', 'secretref', 'secretexpiry', 'secretexpiration',
  'partitionkey', 'rowkey', 'sortkey', 'shardkey', 'foreignkey', 'lookupkey', 'cachekey', 'idempotencykey',
].sort((a, b) => b.length - a.length);

/**
 * True for param names that say they hold a secret: a pattern (`password`, `pwd`, `secret`, `key`,
 * `connectionString`, …) is a substring of the lower-cased name once the references above are cut
 * out, as in Bicep's own `secure-secrets-in-params` rule: `adminPasswords`, `ADMINpassword2` and
 * `secretmissions` match; `keyVaultName`, `cmkKeyVersion` and `sshPublicKey` do not.
 */
export function isSecretParamName(name: string): boolean {
  let lower = name.toLowerCase().replace(/[^a-z0-9]/g, '');
  // Cutting references out never makes a pattern appear: most names (`location`, `tags`) stop here.
  if (!SECRET_PARAM_PATTERNS.some((pattern) => lower.includes(pattern))) return false;
  for (const reference of SECRET_REFERENCE_NAMES) if (lower.includes(reference)) lower = lower.split(reference).join(' ');
  return SECRET_PARAM_PATTERNS.some((pattern) => lower.includes(pattern));
}
