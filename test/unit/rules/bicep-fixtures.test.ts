/**
 * The Bicep rules on realistic templates (test/fixtures/bicep): exactly which findings each
 * fixture gets, then fix-all until nothing is left to apply — each pass adds no syntax error and
 * removes every finding whose fix it applied; what remains are the suggestion-only findings.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { parseBicep } from '../../../server/src/engine/bicep/index.js';
import { applyEdits, mergeEdits, selectFixAll } from '../../../server/src/engine/fix-all.js';
import { analyze, type Finding } from '../../../server/src/engine/index.js';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'bicep');

function findingsOf(file: string, text: string): Finding[] {
  return analyze({ uri: `file:///work/infra/${file}`, languageId: '', text });
}

const brief = (f: Finding) => `${f.ruleId}@${f.range.start.line + 1}:${f.range.start.character + 1}`;
const withPreferredFix = (fs: Finding[]) => fs.filter((f) => f.fixes.some((x) => x.preferred));

const EXPECTED: Record<string, { findings: string[]; afterFixAll: string[] }> = {
  'avm-ai-account.bicep': {
    findings: ['missing-cmk@45:10', 'missing-managed-identity@45:10', 'unrestricted-outbound@45:10', 'public-network-access@54:5', 'local-auth-enabled@56:5', 'secret-in-output@77:1'],
    afterFixAll: ['missing-cmk'],
  },
  'foundry-gateway.bicep': {
    findings: [
      'local-auth-enabled@51:23',
      'public-network-access@56:18',
      'connection-key-auth@69:17',
      'unrestricted-outbound@104:22',
      'key-in-app-settings@142:13',
      'key-in-app-settings@167:11',
    ],
    afterFixAll: ['connection-key-auth', 'key-in-app-settings', 'key-in-app-settings'],
  },
  'ml-workspace.bicep': {
    findings: ['min-tls-version@20:24', 'missing-managed-identity@39:10', 'unrestricted-outbound@39:10', 'public-network-access@46:5', 'unrestricted-outbound@50:10'],
    afterFixAll: [],
  },
  'quickstart-openai-search-webapp.bicep': {
    findings: [
      'insecure-key-param@9:1',
      'local-auth-enabled@15:10',
      'missing-cmk@15:10',
      'missing-managed-identity@15:10',
      'unrestricted-outbound@15:10',
      'public-network-access@24:26',
      'local-auth-enabled@43:10',
      'missing-cmk@43:10',
      'missing-managed-identity@43:10',
      'public-network-access@52:26',
      'https-only@78:16',
      'min-tls-version@81:22',
      'insecure-endpoint@85:18',
      'key-in-app-settings@89:18',
      'key-in-app-settings@97:18',
      'secret-in-output@109:1',
    ],
    afterFixAll: ['key-in-app-settings', 'key-in-app-settings', 'missing-cmk', 'missing-cmk'],
  },
  'speech.bicep': {
    findings: [
      'insecure-key-param@4:1',
      'hardcoded-key@4:26',
      'local-auth-enabled@6:10',
      'missing-cmk@6:10',
      'missing-managed-identity@6:10',
      'public-network-access@6:10',
      'speech-byos@6:10',
      'unrestricted-outbound@6:10',
      'local-auth-enabled@18:10',
      'missing-cmk@18:10',
      'missing-custom-subdomain@18:10',
      'public-network-access@18:10',
      'unrestricted-outbound@18:10',
      'missing-managed-identity@23:11',
      'insecure-endpoint@30:31',
    ],
    afterFixAll: ['hardcoded-key', 'missing-cmk', 'missing-cmk', 'speech-byos'],
  },
  'speech.bicepparam': { findings: ['hardcoded-key@4:19'], afterFixAll: ['hardcoded-key'] },
  'storage-web.bicep': {
    findings: ['min-tls-version@20:5', 'https-only@21:31', 'min-tls-version@35:22', 'min-tls-version@36:25', 'key-in-app-settings@54:22'],
    afterFixAll: ['key-in-app-settings'],
  },
};

describe('Bicep fixtures', () => {
  test('every fixture has its expectations', () => {
    assert.deepEqual(readdirSync(FIXTURES).sort(), Object.keys(EXPECTED).sort());
  });

  for (const [file, expected] of Object.entries(EXPECTED)) {
    test(`${file}: findings`, () => {
      const text = readFileSync(path.join(FIXTURES, file), 'utf8');
      assert.equal(parseBicep(text).syntaxErrors.length, 0);
      assert.deepEqual(findingsOf(file, text).map(brief), expected.findings);
    });

    test(`${file}: fix-all until stable removes every fixed finding and adds no syntax error`, () => {
      let text = readFileSync(path.join(FIXTURES, file), 'utf8');
      let findings = findingsOf(file, text);
      // Several fixes that insert into the same object share an insertion point, so one pass takes
      // the first of them; like ESLint, fix-all runs again until nothing is left to apply.
      for (let pass = 0; withPreferredFix(findings).length > 0; pass++) {
        assert.ok(pass < 10, `fix-all did not settle: ${withPreferredFix(findings).map(brief).join(', ')}`);
        const fixes = selectFixAll(findings);
        assert.ok(fixes.length > 0);
        const next = applyEdits(text, mergeEdits(fixes));
        assert.equal(parseBicep(next).syntaxErrors.length, 0, `pass ${pass} added syntax errors:\n${next}`);
        const after = findingsOf(file, next);
        assert.ok(
          withPreferredFix(after).length <= withPreferredFix(findings).length - fixes.length,
          `pass ${pass}: each applied fix must remove its finding (${fixes.map((f) => f.title).join('; ')})`,
        );
        text = next;
        findings = after;
      }
      assert.deepEqual(findings.map((f) => f.ruleId).sort(), expected.afterFixAll);
    });
  }
});
