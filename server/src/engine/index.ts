import { parseBicep, type BicepValue } from './bicep/index.js';
import { armParameterReports, summarizeArmParameters } from './bicep/azure/arm-parameters.js';
import {
  atDecision,
  decisionKey,
  dedupe,
  moduleCallReports,
  ownBindings,
  parameterFileReports,
  parseCached,
  sameDecision,
  withBindings,
  type CrossFileReport,
  type CrossFileRun,
} from './bicep/azure/cross-file.js';
import { summarizeBicep, summarizeBicepParams } from './bicep/summary.js';
import type { FileSummary, WorkspaceView } from './summary.js';
import { findClientSites, mayConstructClient } from './typescript/client-sites.js';
import type { EngineConfig } from './config.js';
import { aiResourcesOf, type AiResource } from './inventory.js';
import { defineLazy } from './lazy.js';
import { languageOf } from './language.js';
import { passes, passingInSource } from './prefilter.js';
import type { BicepContext, ConfigFileContext, Report, Rule, TypeScriptContext } from './rule.js';
import type { AnalysisContext } from './git-view.js';
import { RULES } from './rules/index.js';
import { describeError, scrubSecrets } from './secrets/scrub.js';
import { bicepSuppressionProblems, bicepSuppressions, configSuppressions, NOTHING_SUPPRESSED, typeScriptSuppressions, type SuppressionProblem, type Suppressions } from './suppressions.js';
import { compareRanges, LineIndex } from './text.js';
import { isJavaScriptFile, loadTypeScript, parseTypeScript, type TypeScriptTrees } from './typescript/parse.js';

export { TypeScriptTrees } from './typescript/parse.js';
import type { Finding, Fix, Language, Range, Severity, SourceDocument, SyntaxError } from './types.js';

export type { EngineConfig } from './config.js';
export type { AiResource } from './inventory.js';
export type { AnalysisContext, GitView, WorkspaceContext } from './git-view.js';
export type * from './summary.js';
export type { SuppressionProblem } from './suppressions.js';
export * from './types.js';

/** A rule that threw: its findings for this file are dropped, every other rule still reports. */
export interface RuleFailure {
  ruleId: string;
  /** Scrubbed of anything key-like. */
  message: string;
}

export interface AnalysisResult {
  language: Language | undefined;
  /** Sorted by position; `materializeFindings` gives them as plain data with their fixes. */
  findings: AnalysedFinding[];
  /** Bicep syntax errors (TypeScript's are the TypeScript service's business). */
  syntaxErrors: SyntaxError[];
  ruleFailures: RuleFailure[];
  /** False when the prefilter saw no candidate text and nothing was parsed. */
  parsed: boolean;
  /** Azure AI resources declared in a Bicep file, for the audit's manual checklist. */
  aiResources: AiResource[];
  /** What other files need of this one (workspace model); built on first read. Undefined for files of no language. */
  summary: FileSummary | undefined;
  /**
   * Suppression comments that silence nothing as written (a Bicep pragma without rule ids). The
   * editor shows them as hints; they are not findings, so audits and the CLI leave them out.
   */
  suppressionProblems: SuppressionProblem[];
}

/** Findings for one document as plain data with their fixes, sorted by position. */
export function analyze(doc: SourceDocument, config: EngineConfig = {}, context: AnalysisContext = {}): Finding[] {
  return analyzeDocument(doc, config, RULES, undefined, context).findings.map(materialized);
}

/**
 * Parses the document once and runs every active rule of its language on the shared tree.
 * `registry` is for tests that need a rule of their own (a rule that throws, say). `trees` (the
 * editor's) parses a new version of a TypeScript document incrementally from its last tree.
 * `context` holds what the face knows of the file's surroundings: whether git ignores it, and the
 * rest of the workspace for findings that depend on other files (Bicep module calls and parameter
 * files; `bicep/azure/cross-file.ts`). Without a workspace a file is judged alone, as if nothing called it.
 */
export function analyzeDocument(doc: SourceDocument, config: EngineConfig = {}, registry: readonly Rule[] = RULES, trees?: TypeScriptTrees, context: AnalysisContext = {}): AnalysisResult {
  const { workspace } = context;
  const language = languageOf(doc.uri, doc.languageId);
  const result: AnalysisResult = { language, findings: [], syntaxErrors: [], ruleFailures: [], parsed: false, aiResources: [], summary: undefined, suppressionProblems: [] };
  if (!language) return result;
  const gitIgnored = language === 'dotenv' || language === 'json' ? context.git?.isIgnored(doc.uri) : undefined;
  // A config file git ignores is where a local key belongs: no finding at all.
  if (gitIgnored === true) return result;
  if (language === 'typescript') result.summary = { language: 'typescript', clients: [] };
  const rules = enabledRules(registry, language, config);
  // A parameter file has no rules of its own: its template's rules judge the values it sets.
  if (rules.length === 0 && language !== 'armparams') return result;

  // Across files, the rules of the templates (a parameter file's findings are its template's rules'); asked only then.
  const templateRules = () => enabledRules(registry, 'bicep', config).filter((r) => r.bicep !== undefined);

  // Read only once a file is worth analysing: most files stop at the prefilter below.
  let suppressions: Suppressions | undefined;
  const run = (rule: Rule, check: (report: (r: Report) => void) => void) => {
    const severity = levelOf(rule, config) as Severity;
    const found: AnalysedFinding[] = [];
    try {
      check((r) => {
        if (suppressions!.isSuppressed(rule.id, r.range.start.line)) return;
        found.push(createFinding(rule.id, severity, r));
      });
      result.findings.push(...found);
    } catch (error) {
      result.ruleFailures.push({ ruleId: rule.id, message: describeError(error) });
    }
  };

  if (language === 'armparams') {
    const lines = new LineIndex(doc.text);
    result.parsed = true;
    result.summary = summarizeArmParameters(workspace?.file ?? doc.uri, doc.text, lines);
    suppressions = NOTHING_SUPPRESSED;
    if (workspace) {
      const crossFile = (override?: CrossFileRun['override'], only: readonly Rule[] = templateRules()) =>
        armParameterReports({ view: workspace.view, landing: workspace.file, rules: only, override, runRule: boundRuleRunner(workspace.view) }, doc.text, lines, workspace.file);
      const stillReported = fixSearch(crossFile);
      for (const item of dedupe(crossFile())) run(item.rule, (report) => report(atDecision(item, undefined, stillReported(item))));
    }
  } else if (language === 'typescript') {
    const { active, summarized } = typeScriptGate(doc, rules);
    if (active.length > 0 || summarized) {
      const lines = new LineIndex(doc.text);
      suppressions = typeScriptSuppressions(doc.text);
      const sourceFile = tryParseTypeScript(doc, trees);
      if (sourceFile && summarized) defineLazy(result, 'summary', (): FileSummary => ({ language: 'typescript', clients: findClientSites(loadTypeScript(), sourceFile, lines) }));
      if (sourceFile) {
        result.parsed = true;
        const base = { uri: doc.uri, text: doc.text, lines, ts: loadTypeScript(), sourceFile, isJavaScript: isJavaScriptFile(doc.uri, doc.languageId), workspace };
        for (const rule of active) run(rule, (report) => rule.typescript!({ ...base, report } satisfies TypeScriptContext));
      } else if (active.length > 0) {
        result.syntaxErrors.push({ range: lines.range(0, 0), message: 'Nested too deeply to parse; only key formats were checked.' });
        for (const rule of rules) if (rule.unparsed) run(rule, (report) => rule.unparsed!({ uri: doc.uri, text: doc.text, lines, report }));
      }
    }
  } else if (language === 'dotenv' || language === 'json') {
    result.parsed = true;
    suppressions = configSuppressions(doc.text, language);
    const base = { uri: doc.uri, text: doc.text, lines: new LineIndex(doc.text), language, gitIgnored };
    for (const rule of rules) if (rule.configFile) run(rule, (report) => rule.configFile!({ ...base, report } satisfies ConfigFileContext));
  } else {
    const file = workspace?.shareTree && language === 'bicep' ? parseCached(doc.text) : parseBicep(doc.text);
    result.parsed = true;
    result.syntaxErrors = file.syntaxErrors;
    // Only audits read the inventory (for their manual checklist); an edit in the editor does not.
    if (language === 'bicep') defineLazy(result, 'aiResources', () => aiResourcesOf(file));
    defineLazy(result, 'summary', () => (language === 'bicep' ? summarizeBicep(file) : summarizeBicepParams(file)));
    suppressions = bicepSuppressions(file.pragmas);
    const lines = new LineIndex(doc.text, file.lineStarts);
    const analysed = workspace && language === 'bicep' ? withBindings(file, ownBindings(file, workspace.file, workspace.view)) : file;
    const base = { uri: doc.uri, text: doc.text, lines, file: analysed, language, workspace };
    // What the file's callers or parameter files decide is reported there, not here.
    const own = (report: (r: Report) => void) => (r: Report) => {
      if (!r.decision || r.decision.file === workspace?.file) report(r);
    };
    for (const rule of rules) if (rule.bicep && passes(rule.bicepPrefilter, doc.text, doc.uri)) run(rule, (report) => rule.bicep!({ ...base, report: own(report) } satisfies BicepContext));
    if (workspace) {
      const crossFile = (override?: CrossFileRun['override'], only: readonly Rule[] = templateRules()) => {
        const crossRun: CrossFileRun = { view: workspace.view, landing: workspace.file, rules: only, override, runRule: boundRuleRunner(workspace.view) };
        return language === 'bicep' ? moduleCallReports(crossRun, analysed, workspace.file) : parameterFileReports(crossRun, file, workspace.file);
      };
      const stillReported = fixSearch(crossFile);
      for (const item of dedupe(crossFile())) run(item.rule, (report) => report(atDecision(item, file, stillReported(item))));
    }
    // Asked only for a pragma without ids, which is rare: a filter per pragma is cheap enough.
    const idsOnLine = (line: number) => result.findings.filter((f) => f.range.start.line === line).map((f) => f.ruleId);
    result.suppressionProblems = bicepSuppressionProblems(file.pragmas, idsOnLine);
  }
  // Where the resource rejects keys, `key-auth-rejected` replaces `key-credential` at the same site (docs/rules/key-auth-rejected.md).
  const rejected = result.findings.filter((f) => f.ruleId === 'key-auth-rejected');
  if (rejected.length > 0) result.findings = result.findings.filter((f) => f.ruleId !== 'key-credential' || !rejected.some((r) => sameRange(r.range, f.range)));
  result.findings.sort((a, b) => compareRanges(a.range, b.range) || a.ruleId.localeCompare(b.ruleId));
  return result;
}

/**
 * What other files need of a document (its `FileSummary`), without running any rule: what
 * `analyzeDocument(doc, config).summary` gives for a Bicep template, a `.bicepparam` file or an
 * ARM parameter file, for the editor's background index of the workspace's module graph.
 * Undefined for other languages.
 */
export function summarizeDocument(doc: SourceDocument, config: EngineConfig = {}, registry: readonly Rule[] = RULES): FileSummary | undefined {
  const language = languageOf(doc.uri, doc.languageId);
  if (language !== 'bicep' && language !== 'bicepparam' && language !== 'armparams') return undefined;
  if (language === 'armparams') return summarizeArmParameters(doc.uri, doc.text, new LineIndex(doc.text));
  // As `analyzeDocument`: a template whose every rule is off is not parsed and has no summary.
  if (enabledRules(registry, language, config).length === 0) return undefined;
  const file = parseBicep(doc.text);
  return language === 'bicep' ? summarizeBicep(file) : summarizeBicepParams(file);
}

/**
 * A fix's search across files: whether `item` is still reported when its decided value is
 * replaced by `value`. Only the finding's rule runs again, and one run serves every finding of
 * the file with the same rule, decision and value (a value passed down a module graph decides
 * many findings; each would otherwise analyse the whole graph again).
 */
function fixSearch(crossFile: (override: CrossFileRun['override'], rules: readonly Rule[]) => CrossFileReport[]): (item: CrossFileReport) => (value: BicepValue) => boolean {
  const runs = new Map<string, CrossFileReport[]>();
  return (item) => (value) => {
    const decision = item.report.decision!;
    const key = `${item.rule.id}\0${decisionKey(decision)}\0${JSON.stringify(value)}`;
    let reports = runs.get(key);
    if (!reports) {
      reports = crossFile({ decision, value }, [item.rule]);
      runs.set(key, reports);
    }
    return reports.some((other) => other.rule === item.rule && sameDecision(other.report.decision!, decision) && sameRange(other.report.range, item.report.range));
  };
}

/** Runs a rule on a module bound at one call; a rule that throws there is left out (its own analysis of the module reports the failure). */
function boundRuleRunner(view: WorkspaceView): CrossFileRun['runRule'] {
  return (rule, file, report, filePath) => {
    try {
      rule.bicep!({ uri: '', text: file.text, lines: new LineIndex(file.text, file.lineStarts), file, language: 'bicep', report, workspace: { view, file: filePath } });
    } catch {
      // Reported where the module itself is analysed.
    }
  };
}

function sameRange(a: Range, b: Range): boolean {
  return compareRanges(a, b) === 0;
}

/**
 * The TypeScript parser recurses once per nesting level and overflows the stack on machine-made
 * input (a few thousand nested brackets): that file is then analysed as text only.
 */
/** The TS/JS rules whose prefilters hold for the text, and whether it may construct a client (for its summary). */
function typeScriptGate(doc: SourceDocument, rules: readonly Rule[]): { active: Rule[]; summarized: boolean } {
  const active = passingInSource(
    rules.filter((r) => r.typescript !== undefined),
    (rule, text, uri) => passes(rule.typescriptPrefilter, text, uri),
    doc.text,
    doc.uri,
  );
  const summarized = passingInSource([mayConstructClient], (test, text) => test(text), doc.text, doc.uri).length > 0;
  return { active, summarized };
}

/**
 * Whether analysing the document parses it with the TypeScript compiler: a TS/JS file that passes a rule's
 * prefilter or may construct a client. Audits send those files to the one worker thread that loads the compiler.
 */
export function needsTypeScriptParse(doc: SourceDocument, config: EngineConfig = {}, registry: readonly Rule[] = RULES): boolean {
  if (languageOf(doc.uri, doc.languageId) !== 'typescript') return false;
  const rules = enabledRules(registry, 'typescript', config);
  if (rules.length === 0) return false;
  const { active, summarized } = typeScriptGate(doc, rules);
  return active.length > 0 || summarized;
}

function tryParseTypeScript(doc: SourceDocument, trees: TypeScriptTrees | undefined) {
  try {
    return trees ? trees.parse(doc.uri, doc.languageId, doc.text) : parseTypeScript(doc.uri, doc.languageId, doc.text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * A finding as the rule reported it: its data, and its fixes (built, or a builder the rule deferred).
 * Reading the fixes never changes the analysis result: a builder that throws is answered as a
 * rule failure in the outcome, for the caller to report.
 */
function createFinding(ruleId: string, severity: Severity, report: Report): AnalysedFinding {
  return new AnalysedFinding(ruleId, severity, report.range, scrubSecrets(report.message), report.fixes ?? []);
}

/** What building a finding's fixes gave: the fixes, and the failure when its builder threw (then no fixes). */
export interface FixesOutcome {
  fixes: Fix[];
  failure?: RuleFailure;
}

/**
 * A finding of an analysis. Its fixes are asked for with `fixesOf`: a rule may defer them
 * (`Report.fixes` is a function) so that an edit in a file with hundreds of findings builds no
 * edits nobody looks at. The builder holds the syntax tree, so anything that leaves the analysis
 * (an audit result, a worker message) takes `materializeFindings`' plain copies instead.
 */
export class AnalysedFinding {
  // Private: not own properties, so spread and Object.keys see only the finding's data.
  #fixes: Fix[] | (() => Fix[]);
  #outcome: FixesOutcome | undefined;

  constructor(
    readonly ruleId: string,
    readonly severity: Severity,
    readonly range: Range,
    readonly message: string,
    fixes: Fix[] | (() => Fix[]),
  ) {
    this.#fixes = fixes;
  }

  /** Built once (a builder runs at most once); the same outcome on every later call. */
  fixes(): FixesOutcome {
    if (this.#outcome) return this.#outcome;
    const source = this.#fixes;
    try {
      this.#outcome = { fixes: scrubTitles(typeof source === 'function' ? source() : source) };
    } catch (error) {
      this.#outcome = { fixes: [], failure: { ruleId: this.ruleId, message: `building its fixes: ${describeError(error)}` } };
    }
    // The builder (and the tree it closes over) is not needed any more.
    this.#fixes = [];
    return this.#outcome;
  }
}

/** A finding as plain data, its fixes built: holds no syntax tree. */
export function materialized(finding: AnalysedFinding): Finding {
  return { ruleId: finding.ruleId, severity: finding.severity, range: finding.range, message: finding.message, fixes: finding.fixes().fixes };
}

/**
 * The findings of an analysis as plain data with their fixes, and every rule failure: the
 * analysis' own and those of fix builders that threw (audits turn them into notices).
 */
export function materializeFindings(result: AnalysisResult): { findings: Finding[]; ruleFailures: RuleFailure[] } {
  const ruleFailures = [...result.ruleFailures];
  const findings = result.findings.map((finding) => {
    const { fixes, failure } = finding.fixes();
    if (failure) ruleFailures.push(failure);
    return { ruleId: finding.ruleId, severity: finding.severity, range: finding.range, message: finding.message, fixes };
  });
  return { findings, ruleFailures };
}

function scrubTitles(fixes: readonly Fix[]): Fix[] {
  return fixes.map((f) => ({ ...f, title: scrubSecrets(f.title) }));
}

/** The rules of `registry` for `language` that `config` does not turn off. */
function enabledRules(registry: readonly Rule[], language: Language, config: EngineConfig): Rule[] {
  return registry.filter((r) => r.languages.includes(language) && levelOf(r, config) !== 'off');
}

export function levelOf(rule: Rule, config: EngineConfig): Severity | 'off' {
  return config.rules?.[rule.id] ?? rule.severity;
}
