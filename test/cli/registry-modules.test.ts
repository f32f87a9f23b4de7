import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { auditReportMarkdown } from '../../server/src/report/markdown.js';
import { runAudit } from '../../server/src/workspace/audit.js';
import { cliSettings } from '../../server/src/workspace/audit-settings.js';
import { ConfigResolver } from '../../server/src/workspace/config-resolver.js';

const ROOT = path.join(__dirname, '..', '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const FIXTURE = path.join(ROOT, 'test', 'fixtures', 'workspaces', 'avm-registry');

interface JsonReport {
  files: Array<{ path: string; findings: Array<{ ruleId: string; message: string; range: { start: { line: number; character: number } }; fixes: Array<{ title: string }> }> }>;
  modulesNotAnalysed?: Array<{ module: string; target: string; line: number; reason: string }>;
}

const scan = (...args: string[]) => spawnSync(process.execPath, [CLI, 'scan', FIXTURE, '--fail-on', 'none', ...args], { encoding: 'utf8' });

test('Azure Verified Modules calls are judged from the table: findings land on the passed value or the module call, naming module and version', () => {
  const report = JSON.parse(scan('--format', 'json').stdout) as JsonReport;
  const findings = report.files.flatMap((f) => f.findings);
  const at = (line: number) => findings.filter((f) => f.range.start.line === line - 1);
  // `disableLocalAuth: false` passed to the AI account module: on that value.
  const localAuth = at(16).find((f) => f.ruleId === 'local-auth-enabled')!;
  assert.equal(localAuth.range.start.character, 22);
  assert.match(localAuth.message, /^Module 'openAi' \(avm\/res\/cognitive-services\/account 0\.10\.2\): /);
  assert.deepEqual(
    localAuth.fixes.map((f) => f.title),
    ['Disable key authentication: set disableLocalAuth to true'],
  );
  // AI Search left public by the module's default: on the module call, naming the param and its default.
  const open = at(24).find((f) => f.ruleId === 'public-network-access')!;
  assert.match(open.message, /default of param 'publicNetworkAccess' in avm\/res\/search\/search-service 0\.11\.1, not passed by module 'search'/);
  // A version newer than the table: checked with the newest entry, and the message says so.
  const hub = at(33).find((f) => f.ruleId === 'unrestricted-outbound')!;
  assert.match(hub.message, /version 0\.99\.0 is newer than the analyser's table; checked as \d+\.\d+\.\d+/);
  // The account call passes publicNetworkAccess 'Disabled': no finding for it.
  assert.ok(!at(9).some((f) => f.ruleId === 'public-network-access'));
  // Other registry modules and template specs: no finding, listed as not analysed.
  assert.ok(!findings.some((f) => f.range.start.line >= 42));
  assert.deepEqual(
    report.modulesNotAnalysed?.map((m) => [m.module, m.line]),
    [
      ['storage', 43],
      ['spec', 50],
    ],
  );
});

test('the text report and the audit report list the modules that are not analysed', async () => {
  const text = scan().stdout;
  assert.match(text, /Modules not analysed:\n {2}main\.bicep:43 {2}module 'storage' → br\/public:avm\/res\/storage\/storage-account:0\.14\.3: not in the table/);
  const result = await runAudit([FIXTURE], { settingsFor: cliSettings(new ConfigResolver({ boundaries: [FIXTURE] }), 1024 * 1024) });
  const markdown = auditReportMarkdown(result, new Date(0));
  assert.match(markdown, /## Modules not analysed\n/);
  assert.match(markdown, /module `spec` → `ts:[^`]+`: template specs are not analysed/);
});
