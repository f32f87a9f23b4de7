import type { Rule } from '../rule.js';
import { rule as connectionKeyAuth } from './connection-key-auth.js';
import { rule as envFileNotIgnored } from './env-file-not-ignored.js';
import { rule as hardcodedKey } from './hardcoded-key/index.js';
import { rule as httpsOnly } from './https-only.js';
import { rule as insecureEndpoint } from './insecure-endpoint/index.js';
import { rule as keyAuthRejected } from './key-auth-rejected.js';
import { rule as insecureKeyParam } from './insecure-key-param.js';
import { rule as keyCredential } from './key-credential.js';
import { rule as keyExposedToBrowser } from './key-exposed-to-browser.js';
import { rule as keyInAppSettings } from './key-in-app-settings.js';
import { rule as localAuthEnabled } from './local-auth-enabled.js';
import { rule as minTlsVersion } from './min-tls-version.js';
import { rule as missingCmk } from './missing-cmk.js';
import { rule as missingCustomSubdomain } from './missing-custom-subdomain.js';
import { rule as missingManagedIdentity } from './missing-managed-identity.js';
import { rule as publicNetworkAccess } from './public-network-access.js';
import { rule as secretInOutput } from './secret-in-output.js';
import { rule as speechByos } from './speech-byos.js';
import { rule as tlsDowngrade } from './tls-downgrade.js';
import { rule as tlsVerificationDisabled } from './tls-verification-disabled.js';
import { rule as unrestrictedOutbound } from './unrestricted-outbound.js';

/**
 * Every rule, sorted by id (a test keeps it so). A new rule is its file `<id>.ts` (or, when it covers
 * both languages, its folder `<id>/` with `index.ts`, `typescript.ts` and `bicep.ts`), this line, its
 * doc page and its tests; `npm run sync-manifest` then regenerates the settings schemas and the table
 * of docs/rules/README.md from this list.
 */
export const RULES: readonly Rule[] = [
  connectionKeyAuth,
  envFileNotIgnored,
  hardcodedKey,
  httpsOnly,
  insecureEndpoint,
  insecureKeyParam,
  keyAuthRejected,
  keyCredential,
  keyExposedToBrowser,
  keyInAppSettings,
  localAuthEnabled,
  minTlsVersion,
  missingCmk,
  missingCustomSubdomain,
  missingManagedIdentity,
  publicNetworkAccess,
  secretInOutput,
  speechByos,
  tlsDowngrade,
  tlsVerificationDisabled,
  unrestrictedOutbound,
];

const BY_ID = new Map(RULES.map((r) => [r.id, r]));

export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

export const RULE_IDS: readonly string[] = RULES.map((r) => r.id);
