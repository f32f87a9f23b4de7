import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { equalsIgnoreCase } from '../../server/src/engine/text.js';

describe('equalsIgnoreCase (Bicep property names, resource types, enum values)', () => {
  const cases: Array<[string, string]> = [
    ['properties', 'Properties'],
    ['disableLocalAuth', 'DISABLELOCALAUTH'],
    ['name', 'properties'],
    ['networkAcls', 'networkAcl'],
    ['', ''],
    ['', 'a'],
    ['a', ''],
    ['İstanbul', 'i̇stanbul'],
    ['xİ', 'xi̇'],
    ['İ', 'i'],
    ['Straße', 'STRASSE'],
    ['ΣΑΣ', 'σας'],
    ['Microsoft.CognitiveServices/accounts', 'microsoft.cognitiveservices/Accounts'],
    ['Microsoft.CognitiveServices/accounts', 'Microsoft.Search/searchServices'],
  ];
  for (const [a, b] of cases) {
    test(`${JSON.stringify(a)} vs ${JSON.stringify(b)}: as toLowerCase() decides`, () => {
      const expected = a.toLowerCase() === b.toLowerCase();
      assert.equal(equalsIgnoreCase(a, b), expected);
      assert.equal(equalsIgnoreCase(b, a), expected);
    });
  }
});
