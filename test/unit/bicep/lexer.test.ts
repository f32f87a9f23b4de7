import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lex, TokenKind } from '../../../server/src/engine/bicep/index.js';
import { positionAtOffset } from '../../../server/src/engine/text.js';

function kinds(text: string): string[] {
  return lex(text).tokens.map((t) => TokenKind[t.kind]);
}

test('a run of line breaks is one NewLine token; blank lines with spaces give two', () => {
  assert.deepEqual(kinds('a\n\n\r\nb'), ['Identifier', 'NewLine', 'Identifier', 'EndOfFile']);
  assert.deepEqual(kinds('a\n  \nb'), ['Identifier', 'NewLine', 'NewLine', 'Identifier', 'EndOfFile']);
});

test('true/false/null are keywords, other words are identifiers', () => {
  assert.deepEqual(kinds('true false null resource'), ['TrueKeyword', 'FalseKeyword', 'NullKeyword', 'Identifier', 'EndOfFile']);
});

test('operators: x!=y is inequality, x! is non-null, ?? and ?, :: and ..., =~ !~ =>', () => {
  assert.deepEqual(kinds('x!=y'), ['Identifier', 'NotEquals', 'Identifier', 'EndOfFile']);
  assert.deepEqual(kinds('x!.y'), ['Identifier', 'Exclamation', 'Dot', 'Identifier', 'EndOfFile']);
  assert.deepEqual(kinds('a ?? b ? c : d'), ['Identifier', 'DoubleQuestion', 'Identifier', 'Question', 'Identifier', 'Colon', 'Identifier', 'EndOfFile']);
  assert.deepEqual(kinds('a::b ...c'), ['Identifier', 'DoubleColon', 'Identifier', 'Ellipsis', 'Identifier', 'EndOfFile']);
  assert.deepEqual(kinds('a =~ b !~ c => d'), ['Identifier', 'EqualsInsensitive', 'Identifier', 'NotEqualsInsensitive', 'Identifier', 'Arrow', 'Identifier', 'EndOfFile']);
  assert.deepEqual(kinds('<= >= < > && || | ^'), ['LessThanOrEqual', 'GreaterThanOrEqual', 'LessThan', 'GreaterThan', 'LogicalAnd', 'LogicalOr', 'Pipe', 'Hat', 'EndOfFile']);
});

test('string escapes are decoded; \\${ is a literal ${', () => {
  const { tokens, errors } = lex("'a\\'b\\\\c\\n\\t\\r\\${x}\\u{41}\\u{1F600}'");
  assert.deepEqual(errors, []);
  assert.equal(tokens[0]!.kind, TokenKind.StringComplete);
  assert.equal(tokens[0]!.value, "a'b\\c\n\t\r${x}A\u{1F600}");
});

test('unrecognized escape is reported and lexing continues', () => {
  const { tokens, errors } = lex("'a\\qb' x");
  assert.equal(tokens[0]!.value, 'aqb');
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.message, /Unrecognized escape/);
  assert.equal(tokens[1]!.value, 'x');
});

test('interpolation splits into left, middle and right pieces; braces inside holes nest', () => {
  const { tokens } = lex("'a${x}b${ {k: 1}.k }c'");
  assert.deepEqual(
    tokens.map((t) => [TokenKind[t.kind], t.value]),
    [
      ['StringLeftPiece', 'a'],
      ['Identifier', 'x'],
      ['StringMiddlePiece', 'b'],
      ['LeftBrace', ''],
      ['Identifier', 'k'],
      ['Colon', ''],
      ['Integer', '1'],
      ['RightBrace', ''],
      ['Dot', ''],
      ['Identifier', 'k'],
      ['StringRightPiece', 'c'],
      ['EndOfFile', ''],
    ],
  );
});

test('multi-line string drops the first line break, keeps escapes raw and ends at the first run of ≥3 quotes', () => {
  const { tokens, errors, lineStarts } = lex("'''\nline \\n ${x}\n''''");
  assert.deepEqual(errors, []);
  assert.equal(tokens[0]!.kind, TokenKind.StringComplete);
  assert.equal(tokens[0]!.value, "line \\n ${x}\n'");
  assert.equal(positionAtOffset(lineStarts, tokens[0]!.end).line, 2);
});

test("$''' opens holes with ${, $$''' only with $${", () => {
  assert.deepEqual(
    lex("$'''a${x}b'''").tokens.map((t) => [TokenKind[t.kind], t.value]),
    [
      ['StringLeftPiece', 'a'],
      ['Identifier', 'x'],
      ['StringRightPiece', 'b'],
      ['EndOfFile', ''],
    ],
  );
  assert.deepEqual(
    lex("$$'''a${x}b$${y}c'''").tokens.map((t) => [TokenKind[t.kind], t.value]),
    [
      ['StringLeftPiece', 'a${x}b'],
      ['Identifier', 'y'],
      ['StringRightPiece', 'c'],
      ['EndOfFile', ''],
    ],
  );
});

test('comments are trivia with positions; pragmas only at the start of a line', () => {
  const result = lex('a // tail\n/* block\nspans */ b\n  #disable-next-line rule-a rule-b\nc');
  assert.deepEqual(
    result.tokens.map((t) => TokenKind[t.kind]),
    ['Identifier', 'NewLine', 'Identifier', 'NewLine', 'NewLine', 'Identifier', 'EndOfFile'],
  );
  assert.deepEqual(
    result.comments.map((c) => [c.text, c.block, c.range.start.line, c.range.end.line, c.range.end.character]),
    [
      ['// tail', false, 0, 0, 9],
      ['/* block\nspans */', true, 1, 2, 8],
    ],
  );
  assert.deepEqual(
    result.pragmas.map((p) => [p.kind, p.line, p.codes, p.range.start.character]),
    [['disable-next-line', 3, ['rule-a', 'rule-b'], 2]],
  );
  const withComment = lex('#disable-next-line rule-a rule_b|x rule-c\n#disable-next-line // rule-a\n#disable-diagnostics rule-a // why\n');
  assert.deepEqual(
    withComment.pragmas.map((p) => p.codes),
    [['rule-a', 'rule_b'], [], ['rule-a']],
    'as in Bicep, codes end at any other character',
  );
  const midLine = lex('a #disable-next-line x');
  assert.equal(midLine.pragmas.length, 0);
  assert.equal(midLine.errors.length, 1);
});

test('unterminated string ends at the line break, which stays a token', () => {
  const { tokens, errors } = lex("x = 'abc\ny");
  assert.deepEqual(
    tokens.map((t) => TokenKind[t.kind]),
    ['Identifier', 'Assignment', 'StringComplete', 'NewLine', 'Identifier', 'EndOfFile'],
  );
  assert.equal(tokens[2]!.value, 'abc');
  assert.equal(errors.length, 1);
  assert.match(errors[0]!.message, /Unterminated string/);
});

test('a line break inside a ${ hole closes the string with an empty right piece', () => {
  const { tokens, errors } = lex("'a${x\ny");
  assert.deepEqual(
    tokens.map((t) => TokenKind[t.kind]),
    ['StringLeftPiece', 'Identifier', 'StringRightPiece', 'NewLine', 'Identifier', 'EndOfFile'],
  );
  assert.equal(errors.length, 1);
});

test('double quotes, lone $ and & are reported, not fatal', () => {
  const { tokens, errors } = lex('"x" $ & y');
  assert.deepEqual(
    tokens.map((t) => TokenKind[t.kind]),
    ['StringComplete', 'Unrecognized', 'Unrecognized', 'Identifier', 'EndOfFile'],
  );
  assert.equal(errors.length, 3);
  assert.match(errors[0]!.message, /single quotes/);
});

test('integers are digit runs; huge ones are reported', () => {
  assert.equal(lex('123').tokens[0]!.value, '123');
  assert.equal(lex('99999999999999999999999').errors.length, 1);
  assert.equal(lex('18446744073709551615').errors.length, 0);
});

test('line starts cover \\r\\n, \\n and lone \\r', () => {
  assert.deepEqual(lex('a\r\nb\nc\rd').lineStarts, [0, 3, 5, 7]);
});
