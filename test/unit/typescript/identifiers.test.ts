/**
 * `identifiersNamed` finds identifiers from the text (each place the name is spelled, looked up in the
 * tree) instead of walking the tree. It must find exactly what a walk finds, in the same order, for
 * any scope: these sources put the name where text and tree disagree.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as ts from 'typescript';
import { identifiersNamed } from '../../../server/src/engine/typescript/resolve.js';
import { parseTypeScript } from '../../../server/src/engine/typescript/parse.js';
import { walkTree } from '../../../server/src/engine/typescript/walk.js';

const SOURCES: Record<string, string> = {
  'comments, strings, templates and regexes spell it without being it': [
    '// key is in a comment; /* key */ too',
    'const key = "key" + `key ${key} key`;',
    "const re = /key/g, s = 'a key';",
    'function f() { return key; } // key',
    'key',
  ].join('\n'),
  'longer names, prefixes, suffixes and member names': [
    'const apiKey = 1, keyName = 2, key2 = 3, myKey = 4, key = 5, $key = 6, _key = 7, key$ = 8, e = 1e5;',
    'if (key) { use($key, _key, key$, e); } else { use(key + e); }',
    'obj.key = key; obj?.key; obj["key"]; ({ key: key, key }); class C { key = key; key2() { return this.key; } }',
    'label: for (const key of keys) { if (key) break label; }',
  ].join('\n'),
  'imports, exports, parameters, destructuring and types': [
    'import { key as k, other as key } from "m";',
    'export { key };',
    'type key = { key: string };',
    'function g(key: key, { key: renamed }: { key: number }, [key2]: number[] = [key]) { return key; }',
    'const { key: a, ...key3 } = obj;',
  ].join('\n'),
  'JSX (tags and attributes are identifiers)': 'const el = <key key={key}>{key} key</key>;\nconst other = <div data-key={key} />;',
  'escaped identifiers (the text does not spell the name; the scope is walked)': 'const \\u006bey = 1;\nconsole.log(key, k\\u0065y);',
  'non-ASCII around the name': 'const ключkey = 1, keyé = 2, key = 3;\nconsole.log(ключkey, keyé, key);',
  'nested scopes': 'const key = 1;\nfunction outer() {\n  const key = 2;\n  { const key = 3; use(key); }\n  return () => key;\n}\nuse(key);',
  'broken code': 'const key = ;\nfunction (key {\n  key(\n',
  'numbers run into names in broken code (2key is 2 then key)': 'const key = 1;\nuse(2key, 0xkey, 1.5key, 1nkey, 92ekey, a1key, _2key);',
  'private names, and private names where broken code makes identifiers of them': 'class C { #key = 1; m() { return this.#key; } }\nconst #key = 2;\nuse(AZURE_OP#key, #key);',
};

function byWalk(scope: ts.Node, name: string): ts.Identifier[] {
  const found: ts.Identifier[] = [];
  walkTree(ts, scope, (node) => {
    if (ts.isIdentifier(node) && node.text === name) found.push(node);
  });
  return found;
}

describe('identifiersNamed: what a walk of the scope finds, in document order', () => {
  for (const [label, text] of Object.entries(SOURCES)) {
    test(label, () => {
      const sourceFile = parseTypeScript('file.tsx', 'typescriptreact', text);
      const scopes: ts.Node[] = [sourceFile];
      walkTree(ts, sourceFile, (node) => {
        if (ts.isBlock(node) || ts.isFunctionLike(node) || ts.isJsxElement(node)) scopes.push(node);
      });
      let found = 0;
      // Nameless declarations in broken code ask for the empty name: it must end, and equal the walk.
      assert.deepEqual(identifiersNamed(ts, sourceFile, ''), byWalk(sourceFile, ''));
      for (const scope of scopes) {
        for (const name of ['key', '#key', 'k', 'ey', 'e', 'apiKey', 'key2', '$key', 'key$', 'label', 'ключkey', 'keyé', 'renamed']) {
          const expected = byWalk(scope, name);
          assert.deepEqual(identifiersNamed(ts, scope, name), expected, `${name} under ${ts.SyntaxKind[scope.kind]} at ${scope.pos}`);
          found += expected.length;
        }
      }
      assert.ok(found > 0, 'the source has identifiers of the names asked');
    });
  }
});
