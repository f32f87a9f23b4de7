import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rangeOf, type Expression, type Node } from '../../../server/src/engine/bicep/index.js';
import { only, parseClean } from './helpers.js';

/** Parses `var v = <expr>` and returns the value. */
function expr(source: string): Expression {
  return only(parseClean(`var v = ${source}\n`), 'Var').value;
}

/** A compact S-expression of a tree, to assert shapes exactly. */
function show(node: Node | undefined): string {
  if (!node) return '_';
  switch (node.kind) {
    case 'Identifier':
      return node.name;
    case 'Integer':
      return String(node.value);
    case 'Boolean':
      return String(node.value);
    case 'Null':
      return 'null';
    case 'String':
      return node.holes.length === 0 ? `'${node.parts[0]}'` : `(str ${node.parts.map((p, i) => `'${p}'${i < node.holes.length ? ' ' + show(node.holes[i]) : ''}`).join(' ')})`;
    case 'Binary':
      return `(${node.operator} ${show(node.left)} ${show(node.right)})`;
    case 'Unary':
      return `(${node.operator} ${show(node.operand)})`;
    case 'Ternary':
      return `(? ${show(node.condition)} ${show(node.whenTrue)} ${show(node.whenFalse)})`;
    case 'Member':
      return `(${node.safe ? '.?' : '.'} ${show(node.object)} ${node.member.text})`;
    case 'Index':
      return `([${node.safe ? '?' : ''}${node.fromEnd ? '^' : ''} ${show(node.object)} ${show(node.index)})`;
    case 'ResourceAccess':
      return `(:: ${show(node.object)} ${node.member.text})`;
    case 'NonNull':
      return `(! ${show(node.expression)})`;
    case 'Call':
      return `(call ${node.target ? show(node.target) + '.' : ''}${node.name.text}${node.args.map((a) => ' ' + show(a)).join('')})`;
    case 'Parenthesized':
      return show(node.expression);
    case 'Lambda':
      return `(=> [${node.parameters.map((p) => p.text).join(' ')}] ${show(node.body)})`;
    case 'Array':
      return `[${node.items.map(show).join(' ')}]`;
    case 'Object':
      return `{${node.members.map(show).join(' ')}}`;
    case 'Property':
      return `${node.name ?? show(node.key)}:${show(node.value)}`;
    case 'Spread':
      return `...${show(node.expression)}`;
    case 'For':
      return `(for ${node.item?.text ?? '_'}${node.index ? ',' + node.index.text : ''} ${show(node.iterable)} ${show(node.body)})`;
    case 'If':
      return `(if ${show(node.condition)} ${show(node.body)})`;
    default:
      return node.kind;
  }
}

const cases: [string, string][] = [
  ['1 + 2 * 3 - 4', '(- (+ 1 (* 2 3)) 4)'],
  ['a || b && c == d', '(|| a (&& b (== c d)))'],
  ['a ?? b || c', '(?? a (|| b c))'],
  ['!a && -b', '(&& (! a) (- b))'],
  ['x < 1 == y >= 2', '(== (< x 1) (>= y 2))'],
  ["a =~ 'x' != b !~ 'y'", "(!~ (!= (=~ a 'x') b) 'y')"],
  ['a ? b : c ? d : e', '(? a b (? c d e))'],
  ['a\n  ? b\n  : c', '(? a b c)'],
  ['x.?y[?0][^1].z', '(. ([^ ([? (.? x y) 0) 1) z)'],
  ['x!', '(! x)'],
  ['x!.y', '(. (! x) y)'],
  ['p::c.name', '(. (:: p c) name)'],
  ['acct.listKeys().key1', '(. (call acct.listKeys) key1)'],
  ["az.listKeys(a.id, '2023-05-01')", "(call az.listKeys (. a id) '2023-05-01')"],
  ["listKeys(resourceId('T', n), '1')", "(call listKeys (call resourceId 'T' n) '1')"],
  ["'a${b}c${d.e}f'", "(str 'a' b 'c' (. d e) 'f')"],
  ["'outer-${'inner-${n}'}'", "(str 'outer-' (str 'inner-' n '') '')"],
  ['x => x * 2', '(=> [x] (* x 2))'],
  ['(a, b) => a + b', '(=> [a b] (+ a b))'],
  ['() => 1', '(=> [] 1)'],
  ['reduce(xs, 0, (acc, n) =>\n  acc + n)', '(call reduce xs 0 (=> [acc n] (+ acc n)))'],
  ['(1 + 2) * 3', '(* (+ 1 2) 3)'],
  ['f(\n  a,\n  b\n)', '(call f a b)'],
  ['[1, 2\n  3]', '[1 2 3]'],
  ["{ a: 1, 'b-c': 'x', '${k}': true }", "{a:1 b-c:'x' (str '' k ''):true}"],
  ['{\n  ...base\n  d: null\n}', '{...base d:null}'],
  ['[...xs, 4]', '[...xs 4]'],
  ['[for x in xs: x]', '(for x xs x)'],
  ['[for (x, i) in range(0, 3): {\n  n: i\n}]', '(for x,i (call range 0 3) {n:i})'],
  ['[\n  for x in xs: if (x > 1) x\n]', '(for x xs (if (> x 1) x))'],
  ['{ resource: 1, if: 2, true: 3 }', '{resource:1 if:2 true:3}'],
  ['-1', '(- 1)'],
  ['!!!a', '(! (! (! a)))'],
];

for (const [source, expected] of cases) {
  test(`expression ${JSON.stringify(source)}`, () => {
    assert.equal(show(expr(source)), expected);
  });
}

test('multi-line strings parse as one string node', () => {
  const value = expr("'''\nline1\nline2\n'''");
  assert.ok(value.kind === 'String' && value.multiline && value.parts[0] === 'line1\nline2\n');
});

test('interpolated multi-line string keeps its holes', () => {
  const value = expr("$'''\nname: ${n}\n'''");
  assert.ok(value.kind === 'String' && value.multiline && value.holes.length === 1 && value.parts[0] === 'name: ');
});

test('node ranges of a member chain', () => {
  const file = parseClean('var v = acct.listKeys().key1\n');
  const value = only(file, 'Var').value;
  assert.equal(file.text.slice(value.start, value.end), 'acct.listKeys().key1');
  assert.ok(value.kind === 'Member' && value.object.kind === 'Call');
  if (value.kind !== 'Member' || value.object.kind !== 'Call') return;
  assert.equal(file.text.slice(value.object.start, value.object.end), 'acct.listKeys()');
  assert.deepEqual(rangeOf(file, value.object.name), { start: { line: 0, character: 13 }, end: { line: 0, character: 21 } });
});
