import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Rule } from '../../server/src/engine/rule.js';
import { RULES } from '../../server/src/engine/rules/index.js';
import { codeScanningOf, codeScanningProblem, withCodeScanningRow } from '../../server/src/report/code-scanning.js';
import { GUIDANCE_URL, publicLinks } from '../../server/src/report/public-links.js';

const hardcodedKey = RULES.find((r) => r.id === 'hardcoded-key')!;

test('every rule has code-scanning metadata in the band of its default severity', () => {
  for (const rule of RULES) assert.equal(codeScanningProblem(rule), undefined);
  const bicepOnly = RULES.find((r) => r.languages.every((l) => l !== 'typescript'))!;
  assert.equal(codeScanningOf(bicepOnly).precision, 'very-high');
  assert.equal(codeScanningOf(hardcodedKey).precision, 'high');
});

test('a security-severity outside the band of the level is reported', () => {
  const wrong: Rule = { ...hardcodedKey, codeScanning: { securitySeverity: 3.5 } };
  assert.match(codeScanningProblem(wrong)!, /hardcoded-key: security-severity 3.5 is outside 7–8.9 \(high\)/);
});

test('the doc page row is put under the Default severity row, and replaced when it is there', () => {
  const page = '# x\n\n| | |\n|---|---|\n| Default severity | error |\n| Fix | none |\n';
  const once = withCodeScanningRow(page, hardcodedKey)!;
  assert.equal(once, '# x\n\n| | |\n|---|---|\n| Default severity | error |\n| Code scanning | security-severity 8.0 (high), precision high |\n| Fix | none |\n');
  assert.equal(withCodeScanningRow(once, hardcodedKey), once);
  assert.equal(withCodeScanningRow(once, { ...hardcodedKey, codeScanning: { securitySeverity: 8.5 } })!.includes('security-severity 8.5 (high)'), true);
  assert.equal(withCodeScanningRow('# x\n', hardcodedKey), undefined);
});

test('public links come from package.json repository/homepage, https only, never a local path', () => {
  const github = publicLinks({ version: '1.2.0', repository: { type: 'git', url: 'git+https://github.com/contoso/azure-ai-security.git' } });
  assert.equal(github.information, 'https://github.com/contoso/azure-ai-security');
  assert.equal(github.rule?.('hardcoded-key'), 'https://github.com/contoso/azure-ai-security/blob/v1.2.0/docs/rules/hardcoded-key.md');
  assert.equal(publicLinks({ repository: 'contoso/azure-ai-security' }).rule?.('x'), 'https://github.com/contoso/azure-ai-security/blob/HEAD/docs/rules/x.md');
  const homepage = publicLinks({ homepage: 'https://contoso.example/scanner', repository: 'https://dev.azure.com/contoso/_git/scanner' });
  assert.deepEqual([homepage.information, homepage.rule], ['https://contoso.example/scanner', undefined]);
  for (const local of [{ homepage: 'file:///home/me/README.md' }, { repository: 'http://github.com/a/b' }, { repository: 'https://user:token@github.com/a/b' }, {}]) {
    const links = publicLinks(local);
    assert.equal(links.information, GUIDANCE_URL);
    assert.equal(links.rule, undefined);
  }
});

test('with a public repository, SARIF rules link their public page, and links between rule pages in help.markdown follow', async () => {
  const { formatSarif } = await import('../../server/src/report/sarif.js');
  const { WorkspaceModel } = await import('../../server/src/workspace/model.js');
  const links = publicLinks({ version: '1.2.0', repository: 'https://github.com/contoso/azure-ai-security' });
  const empty = { roots: [], files: [], notices: [], scannedFiles: 0, cancelled: false, model: new WorkspaceModel() };
  const sarif = JSON.parse(formatSarif(empty, '/tmp', '1.2.0', { links }));
  const driver = sarif.runs[0].tool.driver;
  assert.equal(driver.informationUri, 'https://github.com/contoso/azure-ai-security');
  for (const rule of driver.rules) {
    assert.equal(rule.helpUri, `https://github.com/contoso/azure-ai-security/blob/v1.2.0/docs/rules/${rule.id}.md`);
    assert.doesNotMatch(rule.help.markdown, /\]\((?!https:)[a-z0-9-]+\.md/, `${rule.id}: a relative link to a rule page is left`);
  }
});
