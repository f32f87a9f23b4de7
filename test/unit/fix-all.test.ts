import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits, fixAllText, minimalEdit, selectFixAll } from '../../server/src/engine/fix-all.js';
import { analyze } from '../../server/src/engine/index.js';

test('minimalEdit turns one text into the other, without splitting CRLF or surrogate pairs', () => {
  const cases: Array<[string, string]> = [
    ['a\r\nb', 'a\r\nxb'],
    ['a\r\nb', 'a\nb'],
    ['x😀y', 'x😁y'],
    ['same', 'same'],
    ['', 'new'],
    ['aaaa', 'aa'],
    ['abcabc', 'abcXabc'],
  ];
  for (const [before, after] of cases) {
    const edit = minimalEdit(before, after);
    assert.equal(edit ? applyEdits(before, [edit]) : before, after, JSON.stringify([before, after]));
  }
  assert.equal(minimalEdit('same', 'same'), undefined);
});

test('fix-all loops until stable: Bicep fixes that insert into the same object all land; a second run changes nothing', () => {
  const text = "resource acct 'Microsoft.CognitiveServices/accounts@2024-10-01' = {\n  name: 'n'\n  kind: 'AIServices'\n}\n";
  const analyse = (t: string) => analyze({ uri: 'file:///w/main.bicep', languageId: 'bicep', text: t });
  assert.ok(selectFixAll(analyse(text)).length < analyse(text).filter((f) => f.fixes.some((x) => x.preferred)).length, 'one pass cannot take them all');
  const once = fixAllText(text, analyse);
  assert.ok(once.passes >= 2, `${once.passes} passes`);
  assert.deepEqual(
    analyse(once.text)
      .filter((f) => f.fixes.some((x) => x.preferred))
      .map((f) => f.ruleId),
    [],
  );
  const twice = fixAllText(once.text, analyse);
  assert.equal(twice.text, once.text);
  assert.equal(twice.applied.length, 0);
});
