/**
 * Proof by type-checking: every TypeScript/JavaScript fixture type-checks under `strict` against the real
 * SDK typings (test/typecheck/package.json), and so does the text after each fix the engine offers on it
 * and after fix-all. Re-analysis shows each fixed finding gone, and fix-all applied twice changes nothing.
 * All variants go into one program, in memory, so the whole check costs one type-check.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { before, describe, test } from 'node:test';
import * as ts from 'typescript';
import { applyEdits, mergeEdits, selectFixAll } from '../../../server/src/engine/fix-all.js';
import { analyze, type Finding } from '../../../server/src/engine/index.js';

const ROOT = path.join(__dirname, '..', '..', '..');
const PROJECT = path.join(ROOT, 'test', 'typecheck');
const FIXTURES = path.join(ROOT, 'test', 'fixtures', 'typescript');
/** Variants live (in memory only) inside the project, so its node_modules and package.json apply. */
const VARIANTS = path.join(PROJECT, '.variants');

interface Variant {
  fixture: string;
  /** What produced it: `original`, `<rule>: <fix title>`, `fix-all`. */
  label: string;
  file: string;
  text: string;
  ruleId?: string;
  findingsBefore?: number;
}

function findingsOf(file: string, text: string): Finding[] {
  return analyze({ uri: `file:///work/${file}`, languageId: '', text });
}

function ensureInstalled(): void {
  // Every package the fixtures import: a tree installed before one was added is installed again.
  const packages = Object.keys((JSON.parse(readFileSync(path.join(PROJECT, 'package.json'), 'utf8')) as { devDependencies: Record<string, string> }).devDependencies);
  if (packages.every((p) => existsSync(path.join(PROJECT, 'node_modules', p, 'package.json')))) return;
  // Only the npm registry, as `npm ci` does in CI; the lock file pins every version.
  execFileSync('npm', ['ci', '--prefix', PROJECT, '--no-audit', '--no-fund', '--ignore-scripts'], { stdio: 'inherit' });
}

const fixtureNames = readdirSync(FIXTURES)
  .filter((f) => /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/.test(f))
  .sort();

function buildVariants(): Variant[] {
  const variants: Variant[] = [];
  for (const fixture of fixtureNames) {
    const text = readFileSync(path.join(FIXTURES, fixture), 'utf8');
    const ext = path.extname(fixture);
    const base = path.basename(fixture, ext);
    let n = 0;
    const add = (label: string, fixed: string, ruleId?: string, findingsBefore?: number) =>
      variants.push({ fixture, label, file: path.join(VARIANTS, `${base}.${n++}${ext}`), text: fixed, ruleId, findingsBefore });
    add('original', text);
    const findings = findingsOf(fixture, text);
    for (const finding of findings) {
      const count = findings.filter((f) => f.ruleId === finding.ruleId).length;
      for (const fix of finding.fixes) add(`${finding.ruleId} line ${finding.range.start.line + 1}: ${fix.title}`, applyEdits(text, fix.edits), finding.ruleId, count);
    }
    add('fix-all', applyEdits(text, mergeEdits(selectFixAll(findings))));
  }
  return variants;
}

function typeCheck(variants: readonly Variant[]): Map<string, string[]> {
  const configPath = path.join(PROJECT, 'tsconfig.json');
  const config = ts.readConfigFile(configPath, (f) => ts.sys.readFile(f));
  const options = ts.parseJsonConfigFileContent(config.config, ts.sys, PROJECT).options;
  const overlay = new Map(variants.map((v) => [v.file, v.text]));
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.fileExists = (f) => overlay.has(f) || ts.sys.fileExists(f);
  host.readFile = (f) => overlay.get(f) ?? ts.sys.readFile(f);
  host.getSourceFile = (f, languageVersion, onError, shouldCreate) => {
    const text = overlay.get(f);
    return text !== undefined ? ts.createSourceFile(f, text, languageVersion, true) : getSourceFile(f, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram([...overlay.keys(), path.join(PROJECT, 'jsx.d.ts'), path.join(PROJECT, 'vite-env.d.ts')], options, host);
  const errors = new Map<string, string[]>();
  for (const diagnostic of [...program.getOptionsDiagnostics(), ...program.getGlobalDiagnostics()]) {
    errors.set('(program)', [...(errors.get('(program)') ?? []), ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')]);
  }
  for (const file of overlay.keys()) {
    const sourceFile = program.getSourceFile(file)!;
    const diagnostics = [...program.getSyntacticDiagnostics(sourceFile), ...program.getSemanticDiagnostics(sourceFile)];
    errors.set(
      file,
      diagnostics.map((d) => {
        const { line } = sourceFile.getLineAndCharacterOfPosition(d.start ?? 0);
        return `${line + 1}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      }),
    );
  }
  return errors;
}

describe('fixes type-check against the real SDK typings', () => {
  let variants: Variant[] = [];
  let errors = new Map<string, string[]>();
  before(() => {
    ensureInstalled();
    variants = buildVariants();
    errors = typeCheck(variants);
  });

  test('the program itself has no option or global errors', () => {
    assert.deepEqual(errors.get('(program)') ?? [], []);
  });

  for (const fixture of fixtureNames) {
    test(`${fixture}: original and every fixed variant type-check under strict`, () => {
      const mine = variants.filter((v) => v.fixture === fixture);
      assert.ok(mine.length > 2, 'the fixture must have findings with fixes');
      const failures = mine.filter((v) => errors.get(v.file)!.length > 0).map((v) => `${v.label}:\n  ${errors.get(v.file)!.join('\n  ')}\n${v.text}`);
      assert.deepEqual(failures, []);
    });

    test(`${fixture}: each fix removes its finding, fix-all twice changes nothing`, () => {
      for (const v of variants.filter((x) => x.fixture === fixture && x.ruleId)) {
        const after = findingsOf(fixture, v.text).filter((f) => f.ruleId === v.ruleId).length;
        assert.equal(after, v.findingsBefore! - 1, `${v.label} should remove exactly its finding`);
      }
      const once = variants.find((x) => x.fixture === fixture && x.label === 'fix-all')!.text;
      const twice = applyEdits(once, mergeEdits(selectFixAll(findingsOf(fixture, once))));
      assert.equal(twice, once);
    });
  }
});
