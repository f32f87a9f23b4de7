import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { checkSync } from 'recheck';
import * as ts from 'typescript';

/**
 * Every regular expression the shipped code builds from a literal is checked for catastrophic
 * backtracking by recheck, and timed on long adversarial inputs. Input is hostile here (any text
 * a user opens), so a regex that can backtrack exponentially would hang the language server.
 */
const ROOT = path.join(__dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? sources(full) : name.endsWith('.ts') ? [full] : [];
  });
}

interface Found {
  where: string;
  source: string;
  flags: string;
}

function regexesOf(file: string): Found[] {
  const text = readFileSync(file, 'utf8');
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const found: Found[] = [];
  const where = (node: ts.Node) => `${path.relative(ROOT, file)}:${sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1}`;
  const visit = (node: ts.Node): void => {
    if (ts.isRegularExpressionLiteral(node)) {
      const m = /^\/(.*)\/([a-z]*)$/s.exec(node.text)!;
      found.push({ where: where(node), source: m[1]!, flags: m[2]! });
    } else if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'RegExp' && node.arguments?.[0]) {
      const arg = node.arguments[0];
      const flags = node.arguments[1] && ts.isStringLiteral(node.arguments[1]) ? node.arguments[1].text : '';
      if (ts.isStringLiteral(arg) || ts.isNoSubstitutionTemplateLiteral(arg)) found.push({ where: where(node), source: arg.text, flags });
      else if (ts.isTemplateExpression(arg)) found.push({ where: where(node), source: templateWithStandIns(arg), flags });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return found;
}

/** Dynamic parts of a `new RegExp(\`…${x}…\`)` become a word alternation: the shape recheck must judge. */
function templateWithStandIns(t: ts.TemplateExpression): string {
  return t.head.text + t.templateSpans.map((s) => `(?:standin)${s.literal.text}`).join('');
}

const ADVERSARIAL = (n: number) => [
  'a'.repeat(n),
  '0'.repeat(n),
  'A'.repeat(n),
  ' '.repeat(n),
  '_'.repeat(n),
  '-'.repeat(n),
  'aA0'.repeat(n / 3),
  'f0'.repeat(n / 2),
  '{['.repeat(n / 2),
  '\\'.repeat(n),
  '${'.repeat(n / 2),
  '#'.repeat(n),
  `${'='.repeat(n / 2)}x`,
  `${'a_'.repeat(n / 2)}!`,
  `export ${'x'.repeat(n)}=`,
  `"${'a'.repeat(n)}`,
];

describe('regular expressions are safe from catastrophic backtracking', () => {
  const all = sources(path.join(ROOT, 'server', 'src')).flatMap(regexesOf);
  test('there are regexes to check', () => assert.ok(all.length > 30, `${all.length}`));
  for (const r of all) {
    test(`${r.where} /${r.source.length > 60 ? `${r.source.slice(0, 60)}…` : r.source}/${r.flags}`, () => {
      const verdict = checkSync(r.source, r.flags.replace(/[gy]/g, ''), { timeout: 10_000 });
      if (verdict.status === 'vulnerable') assert.fail(`${r.where}: ${verdict.complexity.summary}; attack ${verdict.attack.pattern}`);
      const regex = new RegExp(r.source, r.flags.replace(/[gy]/g, ''));
      for (const input of ADVERSARIAL(50_000)) {
        const started = performance.now();
        regex.test(input);
        const elapsed = performance.now() - started;
        assert.ok(elapsed < 250, `${r.where}: ${elapsed.toFixed(0)} ms on ${JSON.stringify(input.slice(0, 12))}… (${input.length} chars)`);
      }
    });
  }
});
