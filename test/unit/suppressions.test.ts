import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseBicep } from '../../server/src/engine/bicep/index.js';
import { applyEdits } from '../../server/src/engine/fix-all.js';
import { analyzeDocument } from '../../server/src/engine/index.js';
import { bicepSuppressionProblems, bicepSuppressions, insertionLineAbove, suppressionEdit, typeScriptSuppressions, type Suppressions } from '../../server/src/engine/suppressions.js';

/** The ids of `ids` silenced on `line`. */
function silenced(suppressions: Suppressions, line: number, ids: readonly string[]): string[] {
  return ids.filter((id) => suppressions.isSuppressed(id, line));
}

const IDS = ['hardcoded-key', 'key-credential', 'insecure-endpoint'];

describe('reading TS/JS suppression comments', () => {
  test('next-line silences the line below, disable-line its own line, each only for the ids it lists', () => {
    const s = typeScriptSuppressions(['// azure-ai-security-disable-next-line hardcoded-key', 'a;', 'b; // azure-ai-security-disable-line key-credential', 'c;'].join('\n'));
    assert.deepEqual(silenced(s, 0, IDS), []);
    assert.deepEqual(silenced(s, 1, IDS), ['hardcoded-key']);
    assert.deepEqual(silenced(s, 2, IDS), ['key-credential']);
    assert.deepEqual(silenced(s, 3, IDS), []);
  });

  test('ids are separated by spaces or commas; the reason after -- is not an id', () => {
    const s = typeScriptSuppressions('// azure-ai-security-disable-next-line hardcoded-key,key-credential  insecure-endpoint -- hardcoded-key is a fixture\nx;\n');
    assert.deepEqual(silenced(s, 1, IDS), IDS);
    const reasonOnly = typeScriptSuppressions('// azure-ai-security-disable-next-line key-credential -- not hardcoded-key\nx;\n');
    assert.deepEqual(silenced(reasonOnly, 1, IDS), ['key-credential']);
  });

  test('a comment without ids silences every rule (unchanged for TS/JS)', () => {
    const s = typeScriptSuppressions('x; // azure-ai-security-disable-line\n// azure-ai-security-disable-next-line -- legacy\ny;\n');
    assert.deepEqual(silenced(s, 0, IDS), IDS);
    assert.deepEqual(silenced(s, 2, IDS), IDS);
    assert.deepEqual(silenced(s, 1, IDS), []);
  });

  test('block comments work; lines are counted across \\r\\n, \\n and lone \\r', () => {
    const s = typeScriptSuppressions('a;\r\nb;\rc; /* azure-ai-security-disable-line insecure-endpoint */\n/* azure-ai-security-disable-next-line hardcoded-key */\nd;\n');
    assert.deepEqual(silenced(s, 2, IDS), ['insecure-endpoint']);
    assert.deepEqual(silenced(s, 4, IDS), ['hardcoded-key']);
  });

  test('Bicep pragmas mean nothing in TS/JS', () => {
    assert.deepEqual(silenced(typeScriptSuppressions('#disable-next-line hardcoded-key\nx;\n'), 1, IDS), []);
  });
});

describe('reading Bicep pragmas (as the lexer finds them)', () => {
  const read = (text: string) => bicepSuppressions(parseBicep(text).pragmas);
  const BICEP_IDS = ['public-network-access', 'local-auth-enabled', 'min-tls-version'];

  test('#disable-next-line silences the next line only, for the ids it lists', () => {
    const s = read("#disable-next-line public-network-access local-auth-enabled\nresource a 'T@1' = {}\nresource b 'T@1' = {}\n");
    assert.deepEqual(silenced(s, 1, BICEP_IDS), ['public-network-access', 'local-auth-enabled']);
    assert.deepEqual(silenced(s, 2, BICEP_IDS), []);
  });

  test('#disable-next-line without ids silences nothing, as in Bicep; a trailing // comment is no id', () => {
    assert.deepEqual(silenced(read("#disable-next-line\nresource a 'T@1' = {}\n"), 1, BICEP_IDS), []);
    assert.deepEqual(silenced(read("#disable-next-line // local-auth-enabled is fine here\nresource a 'T@1' = {}\n"), 1, BICEP_IDS), []);
    assert.deepEqual(silenced(read("#disable-next-line min-tls-version // local-auth-enabled too\nresource a 'T@1' = {}\n"), 1, BICEP_IDS), ['min-tls-version']);
  });

  test('#disable-diagnostics silences the lines up to the #restore-diagnostics of the same id, or to the end', () => {
    const s = read('#disable-diagnostics min-tls-version local-auth-enabled\nvar x = 1\n#restore-diagnostics min-tls-version\nvar y = 2\n#restore-diagnostics\nvar z = 3\n');
    assert.deepEqual(silenced(s, 1, BICEP_IDS), ['local-auth-enabled', 'min-tls-version']);
    assert.deepEqual(silenced(s, 3, BICEP_IDS), ['local-auth-enabled']);
    assert.deepEqual(silenced(s, 5, BICEP_IDS), ['local-auth-enabled'], 'a restore without ids restores nothing');
    assert.deepEqual(silenced(read('#restore-diagnostics min-tls-version\nvar y = 2\n'), 1, BICEP_IDS), [], 'a restore of an id never disabled');
  });

  test('a #disable-next-line inside a multi-line string is text, not a pragma', () => {
    const s = read("var s = '''\n#disable-next-line local-auth-enabled\n'''\nresource a 'T@1' = {}\n");
    assert.deepEqual(silenced(s, 2, BICEP_IDS), []);
  });

  test('TS/JS comments mean nothing in Bicep', () => {
    assert.deepEqual(silenced(read("// azure-ai-security-disable-next-line\nresource a 'T@1' = {}\n"), 1, BICEP_IDS), []);
  });
});

describe('Bicep pragmas without ids are suppression problems', () => {
  const problemsOf = (text: string, idsOnLine: (line: number) => string[] = () => []) => bicepSuppressionProblems(parseBicep(text).pragmas, idsOnLine);

  test('each names its directive, spans it and shows an example', () => {
    assert.deepEqual(problemsOf("resource a 'T@1' = {\n  #disable-next-line // why\n  x: 1\n}\n#disable-diagnostics\n#restore-diagnostics\n#disable-next-line ok\n"), [
      {
        range: { start: { line: 1, character: 2 }, end: { line: 1, character: 20 } },
        message: '#disable-next-line needs the rule ids to silence, e.g. #disable-next-line local-auth-enabled',
      },
      {
        range: { start: { line: 4, character: 0 }, end: { line: 4, character: 20 } },
        message: '#disable-diagnostics needs the rule ids to silence, e.g. #disable-diagnostics local-auth-enabled',
      },
      {
        range: { start: { line: 5, character: 0 }, end: { line: 5, character: 20 } },
        message: '#restore-diagnostics needs the rule ids to restore, e.g. #restore-diagnostics local-auth-enabled',
      },
    ]);
  });

  test('the example of a #disable-next-line is the ids reported on the line below', () => {
    const asked: number[] = [];
    const [problem] = problemsOf('var a = 1\n#disable-next-line\nvar b = 2\n', (line) => (asked.push(line), ['public-network-access', 'missing-cmk', 'missing-cmk']));
    assert.deepEqual(asked, [2]);
    assert.equal(problem!.message, '#disable-next-line needs the rule ids to silence, e.g. #disable-next-line missing-cmk public-network-access');
  });
});

describe('analysis with suppressions', () => {
  const ACCOUNT = (pragma: string) =>
    `resource openAi 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'contoso-openai'\n  kind: 'OpenAI'\n  properties: {\n    ${pragma}\n    disableLocalAuth: false\n  }\n}\n`;
  const analyseBicep = (text: string) => analyzeDocument({ uri: 'file:///w/main.bicep', languageId: 'bicep', text });

  test('Bicep: the finding under a #disable-next-line without ids is still reported, and the pragma gets a hint naming it', () => {
    const result = analyseBicep(ACCOUNT('#disable-next-line'));
    assert.ok(result.findings.some((f) => f.ruleId === 'local-auth-enabled' && f.range.start.line === 5));
    assert.deepEqual(result.suppressionProblems, [
      {
        range: { start: { line: 4, character: 4 }, end: { line: 4, character: 22 } },
        message: '#disable-next-line needs the rule ids to silence, e.g. #disable-next-line local-auth-enabled',
      },
    ]);
  });

  test('Bicep: with the id the finding is silenced and there is no hint', () => {
    const result = analyseBicep(ACCOUNT('#disable-next-line local-auth-enabled'));
    assert.ok(!result.findings.some((f) => f.ruleId === 'local-auth-enabled'));
    assert.deepEqual(result.suppressionProblems, []);
  });

  test('TS/JS: a comment without ids silences every finding of its line and is no problem', () => {
    const key = 'c4ca4238a0b923820dcc509a6f75849b';
    const text = `import { AzureKeyCredential } from "@azure/core-auth";\n// azure-ai-security-disable-next-line\nexport const a = new AzureKeyCredential("${key}");\n`;
    const result = analyzeDocument({ uri: 'file:///w/app.ts', languageId: 'typescript', text });
    assert.deepEqual(result.findings, []);
    assert.deepEqual(result.suppressionProblems, []);
    assert.ok(analyzeDocument({ uri: 'file:///w/app.ts', languageId: 'typescript', text: text.replace('// azure-ai-security-disable-next-line\n', '') }).findings.length > 0);
  });
});

describe('writing a suppression', () => {
  const written = (text: string, language: 'typescript' | 'bicep', ruleId: string, line: number) => applyEdits(text, [suppressionEdit(text, language, ruleId, line)]);

  test('TS/JS: a new comment above the line, with its indentation, line break and a reason placeholder that does not hide the id', () => {
    const fixed = written('f();\n  g("k");\n', 'typescript', 'hardcoded-key', 1);
    assert.equal(fixed, 'f();\n  // azure-ai-security-disable-next-line hardcoded-key -- reason\n  g("k");\n');
    assert.equal(written('g("k");\r\n', 'typescript', 'hardcoded-key', 0), '// azure-ai-security-disable-next-line hardcoded-key -- reason\r\ng("k");\r\n');
    const s = typeScriptSuppressions(fixed);
    assert.equal(s.isSuppressed('hardcoded-key', 2), true);
    assert.equal(s.isSuppressed('reason', 2), false);
    // A second id goes before the placeholder.
    assert.equal(written(fixed, 'typescript', 'key-credential', 2), 'f();\n  // azure-ai-security-disable-next-line hardcoded-key key-credential -- reason\n  g("k");\n');
  });

  test('TS/JS: the id is added to the comment above, before its reason', () => {
    assert.equal(
      written('  // azure-ai-security-disable-next-line key-credential -- legacy\n  g();\n', 'typescript', 'hardcoded-key', 1),
      '  // azure-ai-security-disable-next-line key-credential hardcoded-key -- legacy\n  g();\n',
    );
    assert.equal(
      written('// azure-ai-security-disable-next-line key-credential  \ng();\n', 'typescript', 'hardcoded-key', 1),
      '// azure-ai-security-disable-next-line key-credential hardcoded-key  \ng();\n',
    );
  });

  test('Bicep: a new #disable-next-line above the line, with its indentation', () => {
    assert.equal(
      written('  properties: {\n    disableLocalAuth: false\n', 'bicep', 'local-auth-enabled', 1),
      '  properties: {\n    #disable-next-line local-auth-enabled\n    disableLocalAuth: false\n',
    );
  });

  test('Bicep: the id is added to the pragma above, before its // comment, or to a pragma without ids', () => {
    assert.equal(
      written("#disable-next-line missing-cmk // reviewed\nresource a 'T@1' = {}\n", 'bicep', 'local-auth-enabled', 1),
      "#disable-next-line missing-cmk local-auth-enabled // reviewed\nresource a 'T@1' = {}\n",
    );
    const fixed = written('  #disable-next-line\n  x: 1\n', 'bicep', 'local-auth-enabled', 1);
    assert.equal(fixed, '  #disable-next-line local-auth-enabled\n  x: 1\n');
    assert.deepEqual(
      parseBicep(fixed).pragmas.map((p) => p.codes),
      [['local-auth-enabled']],
    );
  });

  test('a comment that is not a next-line suppression above gets a new line below it', () => {
    assert.equal(
      written('// azure-ai-security-disable-line x\ng();\n', 'typescript', 'hardcoded-key', 1),
      '// azure-ai-security-disable-line x\n// azure-ai-security-disable-next-line hardcoded-key -- reason\ng();\n',
    );
  });
});

test('insertionLineAbove steps over a #disable-next-line right above, and only that', () => {
  const { pragmas } = parseBicep('#disable-next-line a\nparam p string\n\n#disable-diagnostics b\nparam q string\n');
  assert.equal(insertionLineAbove(pragmas, 1), 0);
  assert.equal(insertionLineAbove(pragmas, 4), 4);
  assert.equal(insertionLineAbove(pragmas, 0), 0);
});
