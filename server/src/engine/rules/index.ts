import type { Rule } from '../rule.js';
import { rule as hardcodedKey } from './hardcoded-key.js';
import { rule as insecureEndpoint } from './insecure-endpoint.js';
import { rule as keyCredential } from './key-credential.js';
import { rule as tlsDowngrade } from './tls-downgrade.js';
import { rule as tlsVerificationDisabled } from './tls-verification-disabled.js';

/** Every rule, sorted by id (a test keeps it so). A new rule is its file, this line, its doc page and its tests. */
export const RULES: readonly Rule[] = [hardcodedKey, insecureEndpoint, keyCredential, tlsDowngrade, tlsVerificationDisabled];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);
