import { parseBicep } from './bicep/index.js';
import type { EngineConfig } from './config.js';
import { aiResourcesOf, type AiResource } from './inventory.js';
import { defineLazy } from './lazy.js';
import { languageOf } from './language.js';
import { passes } from './prefilter.js';
import type { BicepContext, Report, Rule, TypeScriptContext } from './rule.js';
import { RULES } from './rules/index.js';
import { describeError, scrubSecrets } from './secrets/scrub.js';
import { bicepSuppressionProblems, bicepSuppressions, typeScriptSuppressions, type SuppressionProblem, type Suppressions } from './suppressions.js';
import { compareRanges, LineIndex } from './text.js';
import { isJavaScriptFile, loadTypeScript, parseTypeScript, type TypeScriptTrees } from './typescript/parse.js';

export { TypeScriptTrees } from './typescript/parse.js';
import type { Finding, Fix, Language, Range, Severity, SourceDocument, SyntaxError } from './types.js';

export type { EngineConfig } from './config.js';
export type { AiResource } from './inventory.js';
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
  findings: Finding[];
  /** Bicep syntax errors (TypeScript's are the TypeScript service's business). */
  syntaxErrors: SyntaxError[];
  ruleFailures: RuleFailure[];
  /** False when the prefilter saw no candidate text and nothing was parsed. */
  parsed: boolean;
  /** Azure AI resources declared in a Bicep file, for the audit's manual checklist. */
  aiResources: AiResource[];
  /**
   * Suppression comments that silence nothing as written (a Bicep pragma without rule ids). The
   * editor shows them as hints; they are not findings, so audits and the CLI leave them out.
   */
  suppressionProblems: SuppressionProblem[];
}

/** Findings for one document, sorted by position. */
export function analyze(doc: SourceDocument, config: EngineConfig = {}): Finding[] {
  return analyzeDocument(doc, config).findings;
}

/**
 * Parses the document once and runs every active rule of its language on the shared tree.
 * `registry` is for tests that need a rule of their own (a rule that throws, say). `trees` (the
 * editor's) parses a new version of a TypeScript document incrementally from its last tree.
 */
export function analyzeDocument(doc: SourceDocument, config: EngineConfig = {}, registry: readonly Rule[] = RULES, trees?: TypeScriptTrees): AnalysisResult {
  const language = languageOf(doc.uri, doc.languageId);
  const result: AnalysisResult = { language, findings: [], syntaxErrors: [], ruleFailures: [], parsed: false, aiResources: [], suppressionProblems: [] };
  if (!language) return result;
  const rules = registry.filter((r) => r.languages.includes(language) && levelOf(r, config) !== 'off');
  if (rules.length === 0) return result;

  // Read only once a file is worth analysing: most files stop at the prefilter below.
  let suppressions: Suppressions | undefined;
  const run = (rule: Rule, check: (report: (r: Report) => void) => void) => {
    const severity = levelOf(rule, config) as Severity;
    const found: Finding[] = [];
    try {
      check((r) => {
        if (suppressions!.isSuppressed(rule.id, r.range.start.line)) return;
        found.push(createFinding(rule.id, severity, r, result.ruleFailures));
      });
      result.findings.push(...found);
    } catch (error) {
      result.ruleFailures.push({ ruleId: rule.id, message: describeError(error) });
    }
  };

  if (language === 'typescript') {
    const active = rules.filter((r) => r.typescript && passes(r.typescriptPrefilter, doc.text));
    if (active.length > 0) {
      const lines = new LineIndex(doc.text);
      suppressions = typeScriptSuppressions(doc.text);
      const sourceFile = tryParseTypeScript(doc, trees);
      if (sourceFile) {
        result.parsed = true;
        const base = { uri: doc.uri, text: doc.text, lines, ts: loadTypeScript(), sourceFile, isJavaScript: isJavaScriptFile(doc.uri, doc.languageId) };
        for (const rule of active) run(rule, (report) => rule.typescript!({ ...base, report } satisfies TypeScriptContext));
      } else {
        result.syntaxErrors.push({ range: lines.range(0, 0), message: 'Nested too deeply to parse; only key formats were checked.' });
        for (const rule of rules) if (rule.unparsed) run(rule, (report) => rule.unparsed!({ uri: doc.uri, text: doc.text, lines, report }));
      }
    }
  } else {
    const file = parseBicep(doc.text);
    result.parsed = true;
    result.syntaxErrors = file.syntaxErrors;
    // Only audits read the inventory (for their manual checklist); an edit in the editor does not.
    if (language === 'bicep') defineLazy(result, 'aiResources', () => aiResourcesOf(file));
    suppressions = bicepSuppressions(file.pragmas);
    const base = { uri: doc.uri, text: doc.text, lines: new LineIndex(doc.text, file.lineStarts), file, language };
    for (const rule of rules) if (rule.bicep && passes(rule.bicepPrefilter, doc.text)) run(rule, (report) => rule.bicep!({ ...base, report } satisfies BicepContext));
    // Asked only for a pragma without ids, which is rare: a filter per pragma is cheap enough.
    const idsOnLine = (line: number) => result.findings.filter((f) => f.range.start.line === line).map((f) => f.ruleId);
    result.suppressionProblems = bicepSuppressionProblems(file.pragmas, idsOnLine);
  }
  result.findings.sort((a, b) => compareRanges(a.range, b.range) || a.ruleId.localeCompare(b.ruleId));
  return result;
}

/**
 * The TypeScript parser recurses once per nesting level and overflows the stack on machine-made
 * input (a few thousand nested brackets): that file is then analysed as text only.
 */
function tryParseTypeScript(doc: SourceDocument, trees: TypeScriptTrees | undefined) {
  try {
    return trees ? trees.parse(doc.uri, doc.languageId, doc.text) : parseTypeScript(doc.uri, doc.languageId, doc.text);
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

/**
 * A finding as the rule reported it. When the rule deferred its fixes (`Report.fixes` is a function),
 * they are built on the first read of `fixes`; a builder that throws leaves the finding without fixes
 * and adds a rule failure to `failures` (the analysis result's, which audits turn into notices).
 */
function createFinding(ruleId: string, severity: Severity, report: Report, failures: RuleFailure[]): Finding {
  const message = scrubSecrets(report.message);
  const deferred = report.fixes;
  if (typeof deferred !== 'function') return { ruleId, severity, range: report.range, message, fixes: scrubTitles(deferred ?? []) };
  return new DeferredFinding(ruleId, severity, report.range, message, deferred, failures);
}

/**
 * `fixes` is an accessor on the prototype, so creating a finding costs no closures (an accessor in an
 * object literal made two per finding, and a Bicep file can have hundreds of findings per keystroke).
 * Being inherited, `fixes` is not copied by spread, `JSON.stringify` or worker messages: anything that
 * leaves the analysis goes through `materialized` (audits do). What the builder holds on to (the
 * syntax tree) stays alive with the finding.
 */
class DeferredFinding implements Finding {
  // Private fields: not own properties, so spread and Object.keys see only the finding's data.
  #built: Fix[] | undefined;
  readonly #build: () => Fix[];
  readonly #failures: RuleFailure[];

  constructor(
    readonly ruleId: string,
    readonly severity: Severity,
    readonly range: Range,
    readonly message: string,
    build: () => Fix[],
    failures: RuleFailure[],
  ) {
    this.#build = build;
    this.#failures = failures;
  }

  get fixes(): Fix[] {
    if (this.#built) return this.#built;
    try {
      this.#built = scrubTitles(this.#build());
    } catch (error) {
      this.#failures.push({ ruleId: this.ruleId, message: `building its fixes: ${describeError(error)}` });
      this.#built = [];
    }
    return this.#built;
  }

  set fixes(value: Fix[]) {
    this.#built = value;
  }
}

/** A plain copy of a finding, its fixes built: holds no syntax tree. */
export function materialized(finding: Finding): Finding {
  return { ruleId: finding.ruleId, severity: finding.severity, range: finding.range, message: finding.message, fixes: finding.fixes };
}

function scrubTitles(fixes: readonly Fix[]): Fix[] {
  return fixes.map((f) => ({ ...f, title: scrubSecrets(f.title) }));
}

export function levelOf(rule: Rule, config: EngineConfig): Severity | 'off' {
  return config.rules?.[rule.id] ?? rule.severity;
}
