/**
 * Bicep across files (docs/rules/README.md, "Across files"): table tests of the engine with an
 * in-memory workspace. Each case is a map of files; the findings of one file are asserted with
 * their exact ranges and the value path their message names, and the preferred fix is applied,
 * re-analysed (the finding is gone, the text parses) and fix-all applied again changes nothing.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeDocument, materializeFindings, type Finding } from '../../../server/src/engine/index.js';
import { applyEdits, fixAllText } from '../../../server/src/engine/fix-all.js';
import { parseBicep } from '../../../server/src/engine/bicep/index.js';
import { WorkspaceModel } from '../../../server/src/workspace/model.js';

type Files = Record<string, string>;
const ROOT = '/ws/infra';
const abs = (rel: string) => `${ROOT}/${rel}`;

function modelOf(files: Files): WorkspaceModel {
  const model = new WorkspaceModel();
  const texts = new Map(Object.entries(files).map(([rel, text]) => [abs(rel), text]));
  model.readText = (file) => texts.get(file);
  for (const [file, text] of texts) model.set(file, analyzeDocument({ uri: file, languageId: '', text }).summary, text);
  return model;
}

/** The findings of `rel` (every rule, or the given ones) with the workspace around it. */
function findingsOf(files: Files, rel: string, rules?: readonly string[]): Finding[] {
  const model = modelOf(files);
  const file = abs(rel);
  const result = analyzeDocument({ uri: file, languageId: '', text: files[rel]! }, {}, undefined, undefined, { workspace: { view: model, file } });
  const { findings, ruleFailures } = materializeFindings(result);
  assert.deepEqual(ruleFailures, []);
  return findings.filter((f) => !rules || rules.includes(f.ruleId));
}

const AUTH = ['local-auth-enabled', 'public-network-access'];

/** `line:char-line:char`, 0-based. */
const r = (f: { range: Finding['range'] }) => `${f.range.start.line}:${f.range.start.character}-${f.range.end.line}:${f.range.end.character}`;

/** A shared azd-style AI Search module: both settings from params with insecure defaults. */
const search = (decls = "param disableLocalAuth bool = false\nparam publicNetworkAccess string = 'enabled'", access = 'publicNetworkAccess') => `${decls}

resource search 'Microsoft.Search/searchServices@2024-06-01-preview' = {
  name: 'srch'
  location: 'eastus'
  sku: { name: 'basic' }
  identity: { type: 'SystemAssigned' }
  properties: {
    disableLocalAuth: disableLocalAuth
    publicNetworkAccess: ${access}
  }
}
`;

const call = (name: string, body: string, target = 'core/search.bicep') => `module ${name} '${target}' = {
  name: '${name}'
  params: {
${body}
  }
}
`;
const SECURE_ACCESS = "    publicNetworkAccess: 'disabled'";

interface Expected {
  file: string;
  rule: string;
  range: string;
  /** Substrings of the message. */
  message: string[];
}

interface Case {
  name: string;
  files: Files;
  /** Every local-auth-enabled / public-network-access finding of every file (others are left out). */
  expected: Expected[];
  /** The preferred fix of the first expected finding, applied to its file. */
  output?: string;
}

function allFindings(files: Files): Array<Finding & { file: string }> {
  return Object.keys(files).flatMap((file) => findingsOf(files, file, AUTH).map((f) => ({ ...f, file })));
}

function check(c: Case): void {
  const found = allFindings(c.files);
  assert.deepEqual(
    found.map((f) => [f.file, f.ruleId, r(f)]),
    c.expected.map((e) => [e.file, e.rule, e.range]),
    found.map((f) => `${f.file} ${f.ruleId} ${r(f)}: ${f.message}`).join('\n'),
  );
  c.expected.forEach((e, i) => {
    for (const part of e.message) assert.ok(found[i]!.message.includes(part), `${found[i]!.message}\n  lacks: ${part}`);
  });
  if (c.output === undefined) return;
  const first = c.expected[0]!;
  const finding = found[0]!;
  const fix = finding.fixes.find((f) => f.preferred);
  assert.ok(fix, `a preferred fix for ${first.rule}`);
  const fixed = applyEdits(c.files[first.file]!, fix.edits);
  assert.equal(fixed, c.output);
  assertParses(first.file, fixed);
  const after = { ...c.files, [first.file]: fixed };
  assert.ok(
    !allFindings(after).some((f) => f.ruleId === first.rule && f.message.includes(first.message[0]!.slice(0, 20)) && f.file === first.file && r(f) === first.range),
    'the finding is gone once fixed',
  );
  assertFixAllIdempotent(c.files, first.file);
}

function assertParses(file: string, text: string): void {
  if (file.endsWith('.json')) assert.doesNotThrow(() => JSON.parse(text));
  else assert.deepEqual(parseBicep(text).syntaxErrors, [], text);
}

/** Fix-all on `file` (as the editor runs it: every preferred fix, re-analysed until stable), then once more: nothing changes. */
function assertFixAllIdempotent(files: Files, file: string): void {
  const analyse = (text: string) => findingsOf({ ...files, [file]: text }, file);
  const once = fixAllText(files[file]!, analyse).text;
  assertParses(file, once);
  const twice = fixAllText(once, analyse);
  assert.equal(twice.text, once);
  assert.equal(twice.applied.length, 0);
}

const CASES: Case[] = [
  {
    name: 'a literal passed by the caller lands on it; the fix replaces it',
    files: { 'core/search.bicep': search(), 'main.bicep': call('searchService', `    disableLocalAuth: false\n${SECURE_ACCESS}`) },
    expected: [
      {
        file: 'main.bicep',
        rule: 'local-auth-enabled',
        range: '3:22-3:27',
        message: ["Module 'searchService' (core/search.bicep): ", "disableLocalAuth is false (passed to param 'disableLocalAuth' of core/search.bicep)"],
      },
    ],
    output: call('searchService', `    disableLocalAuth: true\n${SECURE_ACCESS}`),
  },
  {
    name: "the caller's var: lands on the passed reference",
    files: { 'core/search.bicep': search(), 'main.bicep': `var keys = false\n${call('searchService', `    disableLocalAuth: keys\n${SECURE_ACCESS}`)}` },
    expected: [{ file: 'main.bicep', rule: 'local-auth-enabled', range: '4:22-4:26', message: ["passed to param 'disableLocalAuth' of core/search.bicep"] }],
    output: `var keys = false\n${call('searchService', `    disableLocalAuth: true\n${SECURE_ACCESS}`)}`,
  },
  {
    name: "the root's param with its default: lands on the passed value, the fix changes the default",
    files: { 'core/search.bicep': search(), 'main.bicep': `param searchLocalAuth bool = false\n${call('searchService', `    disableLocalAuth: searchLocalAuth\n${SECURE_ACCESS}`)}` },
    expected: [
      {
        file: 'main.bicep',
        rule: 'local-auth-enabled',
        range: '4:22-4:37',
        message: ["default of param 'searchLocalAuth' in main.bicep, passed to param 'disableLocalAuth' of core/search.bicep"],
      },
    ],
    output: `param searchLocalAuth bool = true\n${call('searchService', `    disableLocalAuth: searchLocalAuth\n${SECURE_ACCESS}`)}`,
  },
  {
    name: 'a chain root → a → module (depth 3): the root passes, the finding lands in the root, not in a or the module',
    files: {
      'core/search.bicep': search(),
      'a.bicep': `param keys bool\n${call('s', `    disableLocalAuth: keys\n${SECURE_ACCESS}`)}`,
      'main.bicep': call('a', '    keys: false', 'a.bicep'),
    },
    expected: [{ file: 'main.bicep', rule: 'local-auth-enabled', range: '3:10-3:15', message: ["Module 'a' (a.bicep): ", "disableLocalAuth is false (passed to param 'keys' of a.bicep)"] }],
    output: call('a', '    keys: true', 'a.bicep'),
  },
  {
    name: "a param not passed with an insecure default lands on the module call's name, naming the module file, the param and its default",
    files: { 'core/search.bicep': search(), 'main.bicep': call('searchService', SECURE_ACCESS) },
    expected: [
      {
        file: 'main.bicep',
        rule: 'local-auth-enabled',
        range: '0:7-0:20',
        message: [
          "Module 'searchService' (core/search.bicep): ",
          "disableLocalAuth is false (default of param 'disableLocalAuth' in core/search.bicep, not passed by module 'searchService' (main.bicep:1))",
        ],
      },
    ],
    output: call('searchService', `${SECURE_ACCESS}\n    disableLocalAuth: true`),
  },
  {
    name: 'a call with no params at all: the fix adds a params object',
    files: {
      'core/search.bicep': search("param disableLocalAuth bool = false\nparam publicNetworkAccess string = 'disabled'"),
      'main.bicep': "module searchService 'core/search.bicep' = {\n  name: 'search'\n}\n",
    },
    expected: [{ file: 'main.bicep', rule: 'local-auth-enabled', range: '0:7-0:20', message: ["not passed by module 'searchService'"] }],
    output: "module searchService 'core/search.bicep' = {\n  name: 'search'\n  params: {\n    disableLocalAuth: true\n  }\n}\n",
  },
  {
    name: "a nullable param not passed is null, and the module's expression decides (`!= null ? … : 'enabled'`)",
    files: {
      'core/search.bicep': search('param disableLocalAuth bool = true\nparam publicNetworkAccess string?', "publicNetworkAccess != null ? publicNetworkAccess : 'enabled'"),
      'main.bicep': "module searchService 'core/search.bicep' = {\n  name: 'search'\n}\n",
    },
    expected: [{ file: 'main.bicep', rule: 'public-network-access', range: '0:7-0:20', message: ["publicNetworkAccess is 'enabled'"] }],
    output: "module searchService 'core/search.bicep' = {\n  name: 'search'\n  params: {\n    publicNetworkAccess: 'disabled'\n  }\n}\n",
  },
  {
    name: "a nullable param not passed, the module's expression secure when null: nothing",
    files: {
      'core/search.bicep': search('param disableLocalAuth bool = true\nparam publicNetworkAccess string?', "publicNetworkAccess != null ? publicNetworkAccess : 'disabled'"),
      'main.bicep': "module searchService 'core/search.bicep' = {\n  name: 'search'\n}\n",
    },
    expected: [],
  },
  {
    name: 'a nullable param passed as null: the property is absent (AI Search then takes keys)',
    files: {
      'core/search.bicep': search("param disableLocalAuth bool?\nparam publicNetworkAccess string = 'disabled'"),
      'main.bicep': call('searchService', '    disableLocalAuth: null'),
    },
    expected: [{ file: 'main.bicep', rule: 'local-auth-enabled', range: '3:22-3:26', message: ['disableLocalAuth is not set (passed to param'] }],
    output: call('searchService', '    disableLocalAuth: true'),
  },
  {
    name: 'two callers both leaving the default: one finding at each call (and one in another file)',
    files: { 'core/search.bicep': search(), 'main.bicep': call('s1', SECURE_ACCESS) + call('s2', SECURE_ACCESS), 'other.bicep': call('s3', SECURE_ACCESS) },
    expected: [
      { file: 'main.bicep', rule: 'local-auth-enabled', range: '0:7-0:9', message: ["not passed by module 's1' (main.bicep:1)"] },
      { file: 'main.bicep', rule: 'local-auth-enabled', range: '6:7-6:9', message: ["not passed by module 's2' (main.bicep:7)"] },
      { file: 'other.bicep', rule: 'local-auth-enabled', range: '0:7-0:9', message: ["not passed by module 's3' (other.bicep:1)"] },
    ],
    output: call('s1', `${SECURE_ACCESS}\n    disableLocalAuth: true`) + call('s2', SECURE_ACCESS),
  },
  {
    name: 'secure callers: no finding anywhere, not in the module either',
    files: {
      'core/search.bicep': search(),
      'main.bicep': call('s1', `${SECURE_ACCESS}\n    disableLocalAuth: true`),
      'other.bicep': call('s2', `${SECURE_ACCESS}\n    disableLocalAuth: true`),
    },
    expected: [],
  },
  {
    name: 'a library module (no caller): wave-1 findings on the properties, naming the defaults',
    files: { 'core/search.bicep': search() },
    expected: [
      { file: 'core/search.bicep', rule: 'local-auth-enabled', range: '9:4-9:38', message: ["disableLocalAuth is false (default of param 'disableLocalAuth')"] },
      { file: 'core/search.bicep', rule: 'public-network-access', range: '10:4-10:44', message: ["publicNetworkAccess is 'enabled' (default of param 'publicNetworkAccess')"] },
    ],
    output: search("param disableLocalAuth bool = true\nparam publicNetworkAccess string = 'enabled'"),
  },
  {
    name: 'a value written in the module itself: reported there once, however many callers',
    files: { 'core/search.bicep': search().replace('disableLocalAuth: disableLocalAuth', 'disableLocalAuth: false'), 'main.bicep': call('s1', SECURE_ACCESS) + call('s2', SECURE_ACCESS) },
    expected: [{ file: 'core/search.bicep', rule: 'local-auth-enabled', range: '9:22-9:27', message: ['disableLocalAuth is false. '] }],
    output: search().replace('disableLocalAuth: disableLocalAuth', 'disableLocalAuth: true'),
  },
  {
    name: 'a root param set in .bicepparam lands on that value; the fix replaces it there',
    files: {
      'core/search.bicep': search(),
      'main.bicep': `param searchLocalAuth bool = true\n${call('searchService', `    disableLocalAuth: searchLocalAuth\n${SECURE_ACCESS}`)}`,
      'main.bicepparam': "using 'main.bicep'\n\nparam searchLocalAuth = false\n",
    },
    expected: [{ file: 'main.bicepparam', rule: 'local-auth-enabled', range: '2:24-2:29', message: ['Template main.bicep: ', 'disableLocalAuth is false (set in main.bicepparam)'] }],
    output: "using 'main.bicep'\n\nparam searchLocalAuth = true\n",
  },
  {
    name: "a root param set in azd's main.parameters.json lands on that JSON value; the fix replaces it",
    files: {
      'core/search.bicep': search(),
      'main.bicep': `param searchLocalAuth bool = true\n${call('searchService', `    disableLocalAuth: searchLocalAuth\n${SECURE_ACCESS}`)}`,
      'main.parameters.json': '{\n  "parameters": {\n    "searchLocalAuth": {\n      "value": false\n    },\n    "location": {\n      "value": "${AZURE_LOCATION}"\n    }\n  }\n}\n',
    },
    expected: [
      { file: 'main.parameters.json', rule: 'local-auth-enabled', range: '3:15-3:20', message: ['Template main.bicep: ', 'disableLocalAuth is false (set in main.parameters.json)'] },
    ],
    output: '{\n  "parameters": {\n    "searchLocalAuth": {\n      "value": true\n    },\n    "location": {\n      "value": "${AZURE_LOCATION}"\n    }\n  }\n}\n',
  },
  {
    name: '`existing` resources in a module are never checked, whatever the caller passes',
    files: { 'core/search.bicep': search().replace("= {\n  name: 'srch'", "existing = {\n  name: 'srch'"), 'main.bicep': call('s', '    disableLocalAuth: false') },
    expected: [],
  },
];

describe('Bicep across files: where a value is decided', () => {
  for (const c of CASES) test(c.name, () => check(c));
});

/** One `disableLocalAuth` expression passed by the caller: the finding (at `range`) or none when it folds to true or is unknown. */
const OPERATORS: Array<[expression: string, finding: boolean]> = [
  ['!true', true],
  ['!false', false],
  ["empty('') ? false : true", true],
  ["empty('x') ? false : true", false],
  ["toLower('PROD') == 'prod'", false],
  ["toUpper('dev') == 'PROD'", true],
  ["contains(['dev', 'test'], 'dev') ? false : true", true],
  ["contains({ dev: 1 }, 'prod')", true],
  ['null ?? false', true],
  ['null ?? true', false],
  ['1 < 2 ? false : true', true],
  ["uniqueString('a') == 'b'", false],
  ['resourceGroup().tags.keys', false],
];

describe('Bicep across files: conditions, ??, !, empty(), toLower()/toUpper(), contains() over passed values', () => {
  for (const [expression, reported] of OPERATORS) {
    test(`disableLocalAuth: ${expression} → ${reported ? 'finding on it' : 'nothing'}`, () => {
      const files = { 'core/search.bicep': search(), 'main.bicep': call('s', `    disableLocalAuth: ${expression}\n${SECURE_ACCESS}`) };
      const found = findingsOf(files, 'main.bicep', AUTH);
      assert.deepEqual(found.map(r), reported ? [`3:22-3:${22 + expression.length}`] : [], found.map((f) => f.message).join('\n'));
      assert.deepEqual(findingsOf(files, 'core/search.bicep', AUTH), []);
      if (reported) {
        const fixed = applyEdits(files['main.bicep'], found[0]!.fixes.find((f) => f.preferred)!.edits);
        assert.equal(fixed, call('s', `    disableLocalAuth: true\n${SECURE_ACCESS}`));
      }
    });
  }
  test("a condition inside the module over a passed value: `publicNetworkAccess: public ? 'enabled' : 'disabled'`", () => {
    const module = search('param disableLocalAuth bool = true\nparam public bool = false', "public ? 'enabled' : 'disabled'");
    assert.deepEqual(findingsOf({ 'core/search.bicep': module, 'main.bicep': call('s', '    public: false') }, 'main.bicep', AUTH), []);
    const found = findingsOf({ 'core/search.bicep': module, 'main.bicep': call('s', '    public: true') }, 'main.bicep', AUTH);
    assert.deepEqual(
      found.map((f) => [f.ruleId, r(f)]),
      [['public-network-access', '3:12-3:16']],
    );
    assert.equal(applyEdits(call('s', '    public: true'), found[0]!.fixes.find((f) => f.preferred)!.edits), call('s', '    public: false'));
  });
});

describe('Bicep across files: module calls in loops', () => {
  const loop = (iterable: string, body: string, before = '') =>
    `${before}module s 'core/search.bicep' = [for env in ${iterable}: {\n  name: 'search-\${env}'\n  params: {\n${body}\n  }\n}]\n`;
  test('a loop over a literal array that leaves the default: one finding at the call, not one per iteration', () => {
    const files = { 'core/search.bicep': search(), 'main.bicep': loop("['dev', 'test', 'prod']", SECURE_ACCESS) };
    const found = findingsOf(files, 'main.bicep', AUTH);
    assert.deepEqual(
      found.map((f) => [f.ruleId, r(f)]),
      [['local-auth-enabled', '0:7-0:8']],
    );
    assert.equal(applyEdits(files['main.bicep'], found[0]!.fixes.find((f) => f.preferred)!.edits), loop("['dev', 'test', 'prod']", `${SECURE_ACCESS}\n    disableLocalAuth: true`));
    assertFixAllIdempotent(files, 'main.bicep');
  });
  test('each element of a var holding a literal array is evaluated: one insecure iteration gives one finding on the passed expression', () => {
    const files = { 'core/search.bicep': search(), 'main.bicep': loop('envs', `    disableLocalAuth: env != 'dev'\n${SECURE_ACCESS}`, "var envs = ['dev', 'prod']\n") };
    assert.deepEqual(findingsOf(files, 'main.bicep', AUTH).map(r), ['4:22-4:34']);
    const secure = { 'core/search.bicep': search(), 'main.bicep': loop('envs', `    disableLocalAuth: env != 'qa'\n${SECURE_ACCESS}`, "var envs = ['dev', 'prod']\n") };
    assert.deepEqual(findingsOf(secure, 'main.bicep', AUTH), []);
  });
  test('a loop over an unknown array: what depends on the loop variable is unknown, no finding', () => {
    const files = { 'core/search.bicep': search(), 'main.bicep': loop('envs', `    disableLocalAuth: env.localAuth\n${SECURE_ACCESS}`, 'param envs array\n') };
    assert.deepEqual(findingsOf(files, 'main.bicep', AUTH), []);
    assert.deepEqual(findingsOf(files, 'core/search.bicep', AUTH), []);
  });
  test('a loop over an empty array deploys nothing: no finding', () => {
    const files = { 'core/search.bicep': search(), 'main.bicep': loop('[]', SECURE_ACCESS) };
    assert.deepEqual(findingsOf(files, 'main.bicep', AUTH), []);
  });
});

describe('Bicep across files: registry modules (Azure Verified Modules table)', () => {
  const avm = (name: string, target: string, body: string) => `module ${name} '${target}' = {\n  name: '${name}'\n  params: {\n${body}\n  }\n}\n`;
  const rulesAt = (text: string) => findingsOf({ 'main.bicep': text }, 'main.bicep', AUTH).map((f) => [f.ruleId, r(f), f.message]);

  test('AI account (br/public): a passed value lands on it, naming the module and version; the fix replaces it', () => {
    const text = avm(
      'openAi',
      'br/public:avm/res/cognitive-services/account:0.10.2',
      "    name: 'contoso-openai'\n    kind: 'OpenAI'\n    disableLocalAuth: false\n    publicNetworkAccess: 'Disabled'",
    );
    const found = findingsOf({ 'main.bicep': text }, 'main.bicep', AUTH);
    assert.deepEqual(
      found.map((f) => [f.ruleId, r(f)]),
      [['local-auth-enabled', '5:22-5:27']],
    );
    assert.ok(found[0]!.message.startsWith("Module 'openAi' (avm/res/cognitive-services/account 0.10.2): "), found[0]!.message);
    const fixed = applyEdits(text, found[0]!.fixes.find((f) => f.preferred)!.edits);
    assert.equal(fixed, text.replace('disableLocalAuth: false', 'disableLocalAuth: true'));
    assert.deepEqual(rulesAt(fixed), []);
  });

  test('AI Search (br/public): an insecure default lands on the module call; the fix passes the secure value', () => {
    const text = avm('search', 'br/public:avm/res/search/search-service:0.11.1', "    name: 'contoso-search'\n    disableLocalAuth: true");
    const found = findingsOf({ 'main.bicep': text }, 'main.bicep', AUTH);
    assert.deepEqual(
      found.map((f) => [f.ruleId, r(f)]),
      [['public-network-access', '0:7-0:13']],
    );
    assert.ok(found[0]!.message.includes("default of param 'publicNetworkAccess' in avm/res/search/search-service 0.11.1, not passed by module 'search' (main.bicep:1)"), found[0]!.message);
    const fixed = applyEdits(text, found[0]!.fixes.find((f) => f.preferred)!.edits);
    assert.equal(fixed, avm('search', 'br/public:avm/res/search/search-service:0.11.1', "    name: 'contoso-search'\n    disableLocalAuth: true\n    publicNetworkAccess: 'disabled'"));
    assert.deepEqual(rulesAt(fixed), []);
    assertFixAllIdempotent({ 'main.bicep': text }, 'main.bicep');
  });

  test('ML workspace (mcr form) at a version newer than the table: checked as the newest entry, and the message says so', () => {
    const text = avm('hub', 'br:mcr.microsoft.com/bicep/avm/res/machine-learning-services/workspace:0.99.0', "    name: 'contoso-hub'\n    kind: 'Hub'\n    sku: 'Basic'");
    const found = findingsOf({ 'main.bicep': text }, 'main.bicep', ['unrestricted-outbound']);
    assert.deepEqual(found.map(r), ['0:7-0:10']);
    assert.match(
      found[0]!.message,
      /^Module 'hub' \(avm\/res\/machine-learning-services\/workspace 0\.99\.0\): .*\(version 0\.99\.0 is newer than the analyser's table; checked as 0\.\d+\.\d+\)$/,
    );
  });

  test("AI Search: managedIdentities: { systemAssigned: false } gives no identity (type '') and is reported on the passed value", () => {
    const text = avm('search', 'br/public:avm/res/search/search-service:0.11.1', "    name: 'contoso-search'\n    managedIdentities: {\n      systemAssigned: false\n    }");
    const found = findingsOf({ 'main.bicep': text }, 'main.bicep', ['missing-managed-identity']);
    assert.deepEqual(found.map(r), ['4:23-6:5']);
    assert.ok(found[0]!.message.includes("passed to param 'managedIdentities' of avm/res/search/search-service 0.11.1"), found[0]!.message);
    assert.deepEqual(findingsOf({ 'main.bicep': text.replace('false', 'true') }, 'main.bicep', ['missing-managed-identity']), []);
  });

  test('a registry module that the table does not cover, a template spec and a missing local file: no finding, no failure', () => {
    const text =
      avm('storage', 'br/public:avm/res/storage/storage-account:0.14.3', "    name: 'contosost'\n    allowSharedKeyAccess: true") +
      avm('spec', 'ts:00000000-0000-0000-0000-000000000000/templates/ai-account:1.0', '    disableLocalAuth: false') +
      avm('gone', './core/missing.bicep', '    disableLocalAuth: false');
    assert.deepEqual(findingsOf({ 'main.bicep': text }, 'main.bicep'), []);
  });
});

describe('Bicep across files: cycles, self-calls and long chains stop as unknown, never hang', () => {
  test('a cycle a → b → a below the root: followed once around, the finding lands in the root', () => {
    const files = {
      'core/search.bicep': search(),
      'a.bicep': `param k bool = true\n${call('b', '    k: k', 'b.bicep')}`,
      'b.bicep': `param k bool\n${call('a', '    k: k', 'a.bicep')}${call('s', `    disableLocalAuth: k\n${SECURE_ACCESS}`)}`,
      'main.bicep': call('a', '    k: false', 'a.bicep'),
    };
    assert.deepEqual(findingsOf(files, 'main.bicep', AUTH).map(r), ['3:7-3:12']);
    for (const file of ['a.bicep', 'b.bicep', 'core/search.bicep']) assert.deepEqual(findingsOf(files, file, AUTH), [], file);
  });

  test('a template that calls itself: no finding, no hang', () => {
    const self = `param k bool = false\n${call('me', '    k: k', 'self.bicep')}${search('', "'disabled'").replace('disableLocalAuth: disableLocalAuth', 'disableLocalAuth: k')}`;
    assert.deepEqual(findingsOf({ 'self.bicep': self }, 'self.bicep', AUTH), []);
  });

  /** main → c1 → … → cN → the module, the root passing `false` down. */
  const chain = (n: number): Files => {
    const files: Files = { 'core/search.bicep': search(), 'main.bicep': call('c1', '    k: false', 'c1.bicep') };
    for (let i = 1; i < n; i++) files[`c${i}.bicep`] = `param k bool\n${call(`c${i + 1}`, '    k: k', `c${i + 1}.bicep`)}`;
    files[`c${n}.bicep`] = `param k bool\n${call('s', `    disableLocalAuth: k\n${SECURE_ACCESS}`)}`;
    return files;
  };
  test('a chain of 16 module calls is followed to the root', () => {
    assert.deepEqual(findingsOf(chain(15), 'main.bicep', AUTH).map(r), ['3:7-3:12']);
  });
  test('deeper than 16 calls the value is unknown: no finding anywhere (also 100 deep)', () => {
    for (const n of [16, 100]) {
      const files = chain(n);
      assert.deepEqual(findingsOf(files, 'main.bicep', AUTH), [], `depth ${n}`);
      assert.deepEqual(findingsOf(files, 'core/search.bicep', AUTH), []);
    }
  });
});
