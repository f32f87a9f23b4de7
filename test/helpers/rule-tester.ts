import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import * as path from 'node:path';
import { analyze, analyzeDocument, type Finding } from '../../server/src/engine/index.js';
import { WorkspaceModel } from '../../server/src/workspace/model.js';
import { applyEdits, mergeEdits, selectFixAll } from '../../server/src/engine/fix-all.js';
import { languageOf } from '../../server/src/engine/language.js';
import { loadTypeScript } from '../../server/src/engine/typescript/parse.js';
import { parseBicep } from '../../server/src/engine/bicep/index.js';

/** Expected finding, 1-based like ESLint's tester. */
export interface ExpectedError {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Substrings the message must contain. */
  message?: string[];
}

export interface ValidCase {
  name: string;
  code: string;
  /** File name, which picks the language (default `app.ts`). */
  file?: string;
  /** Config files: whether git ignores the file, as the workspace layer would tell (default: it does not). */
  gitIgnored?: boolean;
  /** Other files of the workspace (path → text, relative to the case's folder): the case is judged with them in view. */
  workspace?: Record<string, string>;
}

export interface InvalidCase extends ValidCase {
  errors: ExpectedError[];
  /** Text after the first finding's preferred fix; `null` when the finding has no preferred fix. Required. */
  output: string | null;
  /** The `.env` variable the preferred fix writes, when it writes one. */
  env?: { name: string; value: string };
  /** The first finding's suggestions (fixes that are not preferred), in order, with the text each gives. */
  suggestions?: { title: string; output: string }[];
}

/** The file a case is analysed as (its name picks the language). */
const fileOf = (c: ValidCase) => c.file ?? 'app.ts';

const WORK = path.resolve('/work');

/** A workspace model holding `files` (and the analysed file's own text), as an audit builds it. */
export function workspaceOf(files: Record<string, string>, file: string, code: string): WorkspaceModel {
  const model = new WorkspaceModel();
  const all = { ...files, [file]: code };
  const texts = new Map(Object.entries(all).map(([rel, text]) => [path.join(WORK, rel), text]));
  model.readText = (p) => texts.get(p);
  for (const [p, text] of texts) model.set(p, analyzeDocument({ uri: p, languageId: '', text }).summary, text);
  return model;
}

function findingsOf(ruleId: string, code: string, file: string, gitIgnored = false, workspace?: Record<string, string>): Finding[] {
  const context = { git: { isIgnored: () => gitIgnored }, ...(workspace && { workspace: { view: workspaceOf(workspace, file, code), file: path.join(WORK, file) } }) };
  return analyze({ uri: `file:///work/${file}`, languageId: '', text: code }, {}, context).filter((f) => f.ruleId === ruleId);
}

/** Syntax errors of a text, so a test can prove a fix adds none. */
export function syntaxErrorCount(code: string, file: string): number {
  if (languageOf(file) === 'typescript') {
    const ts = loadTypeScript();
    const kind = /\.tsx$/.test(file) ? ts.ScriptKind.TSX : /\.jsx?$|\.[mc]js$/.test(file) ? ts.ScriptKind.JS : ts.ScriptKind.TS;
    const sf = ts.createSourceFile(file, code, ts.ScriptTarget.Latest, false, kind) as unknown as { parseDiagnostics: unknown[] };
    return sf.parseDiagnostics.length;
  }
  return parseBicep(code).syntaxErrors.length;
}

/** A table case as another test sees it: every text the tester analyses for it (its code, then the outputs of its fixes). */
export interface RecordedCase {
  ruleId: string;
  name: string;
  file: string;
  texts: string[];
  workspace?: Record<string, string>;
}

/** Set while `recordCases` runs: `ruleTester` then records its cases here instead of registering tests. */
let recording: RecordedCase[] | undefined;

/**
 * The cases the table tests imported by `load` give `ruleTester`, recorded instead of tested, so a
 * test can run every case its own way (test/unit/prefilter-soundness.test.ts). A module imported
 * before (cached) records nothing: callers check that each of theirs gave cases.
 */
export async function recordCases(load: () => Promise<unknown>): Promise<RecordedCase[]> {
  const recorded: RecordedCase[] = [];
  recording = recorded;
  try {
    await load();
  } finally {
    recording = undefined;
  }
  return recorded;
}

function record(into: RecordedCase[], ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  for (const c of cases.valid) into.push({ ruleId, name: `valid: ${c.name}`, file: fileOf(c), texts: [c.code], ...(c.workspace && { workspace: c.workspace }) });
  for (const c of cases.invalid) {
    const outputs = [...(c.output === null ? [] : [c.output]), ...(c.suggestions ?? []).map((s) => s.output)];
    into.push({ ruleId, name: `invalid: ${c.name}`, file: fileOf(c), texts: [c.code, ...outputs], ...(c.workspace && { workspace: c.workspace }) });
  }
}

export function ruleTester(ruleId: string, cases: { valid: ValidCase[]; invalid: InvalidCase[] }): void {
  if (recording) return record(recording, ruleId, cases);
  describe(ruleId, () => {
    for (const c of cases.valid) {
      test(`valid: ${c.name}`, () => {
        const file = fileOf(c);
        assert.deepEqual(
          findingsOf(ruleId, c.code, file, c.gitIgnored, c.workspace).map((f) => f.range),
          [],
        );
      });
    }
    for (const c of cases.invalid) {
      test(`invalid: ${c.name}`, () => {
        const file = fileOf(c);
        const findings = findingsOf(ruleId, c.code, file, c.gitIgnored, c.workspace);
        const actual = findings.map((f) => ({
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
        }));
        assert.deepEqual(
          actual,
          c.errors.map(({ line, column, endLine, endColumn }) => ({ line, column, endLine, endColumn })),
        );
        c.errors.forEach((e, i) => {
          for (const part of e.message ?? []) assert.ok(findings[i]!.message.includes(part), `message "${findings[i]!.message}" should include "${part}"`);
        });
        const suggestions = findings[0]!.fixes.filter((f) => !f.preferred);
        if (c.suggestions) {
          assert.deepEqual(
            suggestions.map((f) => f.title),
            c.suggestions.map((f) => f.title),
          );
          suggestions.forEach((f, i) => {
            const fixed = applyEdits(c.code, f.edits);
            assert.equal(fixed, c.suggestions![i]!.output);
            assert.equal(syntaxErrorCount(fixed, file), syntaxErrorCount(c.code, file), 'a suggestion must not add syntax errors');
            assert.equal(findingsOf(ruleId, fixed, file, c.gitIgnored, c.workspace).length, findings.length - 1, `the suggestion must remove the finding (${f.title})`);
          });
        }
        const preferred = findings[0]!.fixes.find((f) => f.preferred);
        if (c.output === null) {
          assert.equal(preferred, undefined, 'a preferred fix exists: give the expected output');
          return;
        }
        assert.ok(preferred, 'expected a preferred fix');
        const fixed = applyEdits(c.code, preferred.edits);
        assert.equal(fixed, c.output);
        assert.deepEqual(preferred.envVar, c.env);
        assert.equal(syntaxErrorCount(fixed, file), syntaxErrorCount(c.code, file), 'the fix must not add syntax errors');
        const before = findings[0]!;
        const after = findingsOf(ruleId, fixed, file, c.gitIgnored, c.workspace);
        assert.equal(after.length, findings.length - 1, `the fixed finding must be gone (${before.message})`);
        // Fix-all twice: the second pass changes nothing.
        const once = applyEdits(c.code, mergeEdits(selectFixAll(findings)));
        const twice = applyEdits(once, mergeEdits(selectFixAll(findingsOf(ruleId, once, file, c.gitIgnored, c.workspace))));
        assert.equal(twice, once, 'fix-all applied twice must change nothing the second time');
      });
    }
  });
}
