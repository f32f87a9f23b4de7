/**
 * Bicep across files: a value is judged where it is decided (docs/rules/README.md, "Across files").
 *
 * A module is analysed once per call, as a copy of its tree whose params are bound to what that
 * call passes (`bindings.ts`); the rules run on it unchanged and every finding that depends on a
 * bound param carries the `Decision` of where its value was written. The caller's analysis keeps
 * the findings decided in the caller (a passed value, a default the call leaves) and follows the
 * module's own calls as long as a value decided in the caller flows on. The module's own
 * analysis drops what its callers decide, and keeps what the module itself writes.
 *
 * Pure: files come from the `WorkspaceView` as text (the engine parses them, a few at a time).
 */
import * as path from 'node:path';
import type { Rule, Report } from '../../rule.js';
import type { WorkspaceView } from '../../summary.js';
import type { Range, TextEdit } from '../../types.js';
import { bicepLiteral } from './fix-builders.js';
import { insertPropertyEdit } from '../edits.js';
import type { BicepFile, ForExpression, ModuleDeclaration, Node, ObjectExpression, ParamDeclaration } from '../ast.js';
import { DECIDED_BY_CALLERS, type Decision, type ParamBinding, type ParamBindings } from '../bindings.js';
import { evaluate, lookupKey, type BicepValue } from '../evaluate.js';
import { parseBicep, rangeOf, lineAt } from '../file.js';
import { getOwnProperty, getPropertyValue, params } from '../query.js';
import { stringValue } from '../strings.js';
import { registryModule, type RegistryModule } from './registry-modules.js';

/** Longest chain of module calls followed (the contract's limit): deeper values are unknown. */
export const MAX_MODULE_DEPTH = 16;

/** What a rule reported at a call, with the rule (its fixes are rebuilt for the caller). */
export interface CrossFileReport {
  rule: Rule;
  report: Report;
}

/** A module target or `using` path naming a file beside the caller (not a registry module or template spec). */
export function resolveLocalTarget(caller: string, target: string | undefined): string | undefined {
  if (!target || /^(br|ts)[:/]/.test(target) || target.includes('://')) return undefined;
  return path.resolve(path.dirname(caller), target);
}

/** What a module call's target is to the analysis. */
export type ModuleTarget =
  | { kind: 'local'; path: string; file: BicepFile; label: string }
  | { kind: 'registry'; module: RegistryModule; file: BicepFile; label: string }
  | { kind: 'not-analysed'; label: string; reason: string };

/** The files whose module calls resolve to `file`, or whose parameters set its params. */
export function hasCallers(view: WorkspaceView, file: string): boolean {
  return view.callersOf(file).length > 0 || view.parameterFilesOf(file).length > 0;
}

/**
 * Bindings for a template analysed on its own: every param its callers decide is bound to
 * `DECIDED_BY_CALLERS`, so findings that depend on one are left to the callers. A template with
 * no caller (a library module, a root template without parameter file) gets none: wave-1 rules.
 */
export function ownBindings(file: BicepFile, filePath: string, view: WorkspaceView): ParamBindings | undefined {
  const calledBy = view.callersOf(filePath).length;
  const parameterFiles = view.parameterFilesOf(filePath);
  if (calledBy === 0 && parameterFiles.length === 0) return undefined;
  // A root template's params that some parameter file leaves unset keep its default there: they stay its own.
  const setByAll = (name: string) =>
    calledBy > 0 ||
    parameterFiles.every((p) => {
      const summary = view.summaryOf(p);
      return summary?.language === 'bicepparam' && summary.params.some((s) => s.name === name);
    });
  const bindings = new Map<string, ParamBinding>();
  for (const param of params(file)) if (setByAll(param.name.text)) bindings.set(param.name.text, { kind: 'default', decision: DECIDED_BY_CALLERS });
  return bindings;
}

/** A copy of a parsed template whose params are bound (the tree itself is shared and never changed). */
export function withBindings(file: BicepFile, bindings: ParamBindings | undefined): BicepFile {
  return bindings ? { ...file, bindings } : file;
}

/** Parsed module texts, by text: a module with 5,000 callers is parsed once. */
const parsed = new Map<string, BicepFile>();
const PARSED_LIMIT = 64;

export function parseCached(text: string): BicepFile {
  let file = parsed.get(text);
  if (file) {
    // Most recently used last.
    parsed.delete(text);
    parsed.set(text, file);
    return file;
  }
  file = parseBicep(text);
  if (parsed.size >= PARSED_LIMIT) parsed.delete(parsed.keys().next().value!);
  parsed.set(text, file);
  return file;
}

/** The path as a message shows it, relative to the folder of the file the message is in. */
function shown(from: string, to: string): string {
  return path.relative(path.dirname(from), to).split(path.sep).join('/');
}

export function resolveModuleTarget(view: WorkspaceView, caller: string, module: ModuleDeclaration): ModuleTarget {
  const target = module.path.kind === 'String' ? stringValue(module.path) : undefined;
  if (target === undefined) return { kind: 'not-analysed', label: '(unknown target)', reason: 'the target is not a plain string' };
  const local = resolveLocalTarget(caller, target);
  if (local) {
    const text = view.textOf(local);
    if (text === undefined) return { kind: 'not-analysed', label: target, reason: 'no such Bicep file in the workspace' };
    return { kind: 'local', path: local, file: parseCached(text), label: shown(caller, local) };
  }
  const registry = registryModule(target);
  if (registry) return { kind: 'registry', module: registry, file: parseCached(registry.template), label: registry.label };
  return { kind: 'not-analysed', label: target, reason: /^ts[:/]/.test(target) ? 'template specs are not analysed' : 'not in the table of registry modules' };
}

/** The object a module declaration's value is, under `if (…)` and `[for …]`, and the loop around it. */
export function moduleBody(module: ModuleDeclaration): { body: ObjectExpression | undefined; loop: ForExpression | undefined } {
  let node: Node = module.value;
  let loop: ForExpression | undefined;
  for (let i = 0; i < 3; i++) {
    if (node.kind === 'For') {
      loop = node;
      node = node.body;
    } else if (node.kind === 'If') {
      node = node.body;
    }
  }
  return { body: node.kind === 'Object' ? node : undefined, loop };
}

/** The loop variable values of each iteration of a `[for x in <known array>: …]`; one unknown iteration otherwise. */
function iterations(file: BicepFile, loop: ForExpression | undefined): Array<ReadonlyMap<string, BicepValue>> {
  if (!loop) return [new Map()];
  const source = evaluate(loop.iterable, file);
  if (!source.known) return [new Map()];
  if (!Array.isArray(source.value)) return [new Map()];
  const items = source.value;
  // An empty array deploys nothing.
  if (items.length === 0) return [];
  return items.slice(0, 256).map((item, index) => {
    const locals = new Map<string, BicepValue>();
    if (loop.item) locals.set(loop.item.text, item);
    if (loop.index) locals.set(loop.index.text, index);
    return locals;
  });
}

/** The bindings a call gives the module's params, with where each value is decided. */
export function callBindings(
  caller: BicepFile,
  callerPath: string,
  module: ModuleDeclaration,
  target: BicepFile,
  label: string,
  locals: ReadonlyMap<string, BicepValue>,
): Map<string, ParamBinding> {
  const { body } = moduleBody(module);
  const context = `Module '${module.name.text}' (${label}): `;
  const passed = body ? getPropertyValue(body, 'params') : undefined;
  const bindings = new Map<string, ParamBinding>();
  const callRange = rangeOf(caller, module.name);
  const where = `${path.basename(callerPath)}:${lineAt(caller, module.name.start) + 1}`;
  for (const param of params(target)) {
    const name = param.name.text;
    const property = passed?.kind === 'Object' ? getOwnProperty(passed, name) : undefined;
    if (passed && passed.kind !== 'Object') {
      // `params: union(common, {...})`, a var: only its value is known, not where each entry is written.
      const whole = evaluate(passed, caller, locals);
      const value = whole.known && whole.value !== null && typeof whole.value === 'object' && !Array.isArray(whole.value) ? lookupKey(whole.value, name) : undefined;
      const decision: Decision =
        whole.known && whole.decision
          ? whole.decision
          : { file: callerPath, range: rangeOf(caller, passed), description: `passed to param '${name}' of ${label}`, context, param: name, edit: { kind: 'none' } };
      bindings.set(name, value === undefined && whole.known ? { kind: 'default', decision } : { kind: 'value', value, decision });
      continue;
    }
    if (!property) {
      bindings.set(name, {
        kind: 'default',
        decision: {
          file: callerPath,
          range: callRange,
          description: `default of param '${name}' in ${label}, not passed by module '${module.name.text}' (${where})`,
          context,
          param: name,
          edit: { kind: 'pass', moduleStart: module.start, param: name },
          candidates: candidateValues(param, target),
          accepts: acceptsValue(param, target),
        },
      });
      continue;
    }
    const evaluation = evaluate(property.value, caller, locals);
    if (evaluation.known && evaluation.decision) {
      // A value its own callers decide (a chain): the decision further up stands.
      bindings.set(name, { kind: 'value', value: evaluation.value, decision: evaluation.decision });
      continue;
    }
    const via = evaluation.known ? evaluation.via : undefined;
    const fromParam = via?.kind === 'param' ? (via.declaration as ParamDeclaration) : undefined;
    const description = fromParam
      ? `default of param '${fromParam.name.text}' in ${path.basename(callerPath)}, passed to param '${name}' of ${label}`
      : `passed to param '${name}' of ${label}`;
    const editRange = fromParam?.value && isPlainLiteral(fromParam.value) ? rangeOf(caller, fromParam.value) : !fromParam ? rangeOf(caller, property.value) : undefined;
    bindings.set(name, {
      kind: 'value',
      value: evaluation.known ? evaluation.value : undefined,
      decision: {
        file: callerPath,
        range: rangeOf(caller, property.value),
        description,
        context,
        param: name,
        edit: editRange ? { kind: 'replace', range: editRange, language: 'bicep' } : { kind: 'none' },
        candidates: candidateValues(param, target),
        accepts: acceptsValue(param, target),
      },
    });
  }
  return bindings;
}

function isPlainLiteral(node: Node): boolean {
  return node.kind === 'Boolean' || node.kind === 'Integer' || node.kind === 'Null' || (node.kind === 'String' && node.holes.length === 0);
}

export interface CrossFileRun {
  view: WorkspaceView;
  /** Fix search: the landing file's value at this decision replaced by `value` (see `callerFix`). */
  override?: { decision: Decision; value: BicepValue };
  /** The analysed file: only findings decided here are kept. */
  landing: string;
  rules: readonly Rule[];
  /** Runs one rule on a bound copy of a module (at `filePath`), collecting what it reports. */
  runRule(rule: Rule, file: BicepFile, report: (report: Report) => void, filePath: string): void;
}

/**
 * The findings that the module calls of `file` (analysed as `run.landing`, or a module reached from
 * it) decide in the landing file: every call to a file of the workspace or to a registry module of
 * the table, each iteration of a loop over a known array, following calls as deep as a value
 * decided in the landing file flows (at most MAX_MODULE_DEPTH, never around a cycle).
 */
export function moduleCallReports(run: CrossFileRun, file: BicepFile, filePath: string, stack: readonly string[] = [filePath], visited: Map<string, number> = new Map()): CrossFileReport[] {
  const found: CrossFileReport[] = [];
  if (stack.length > MAX_MODULE_DEPTH) return found;
  for (const statement of file.statements) {
    if (statement.kind !== 'Module') continue;
    const target = resolveModuleTarget(run.view, filePath, statement);
    if (target.kind === 'not-analysed') continue;
    const targetPath = target.kind === 'local' ? target.path : `registry:${target.label}`;
    if (stack.includes(targetPath)) continue;
    for (const locals of iterations(file, moduleBody(statement).loop)) {
      const bindings = callBindings(file, filePath, statement, target.file, target.label, locals);
      if (run.override) {
        // A fix's search looks for findings of one decision, which reach only modules it is passed to.
        const decision = run.override.decision;
        if (![...bindings.values()].some((b) => sameDecision(b.decision, decision))) continue;
        applyOverride(bindings, run.override);
      }
      // Nothing decided in the landing file reaches this module: its findings are decided elsewhere.
      if (![...bindings.values()].some((b) => b.decision.file === run.landing)) continue;
      // The same module with the same bindings, reached again by another path (a diamond:
      // two modules calling a third with what they were passed) reports the same findings,
      // which `dedupe` would drop: analysed again only from nearer the landing file (more depth
      // left). Without this, a graph where each module calls two others is exponential.
      const key = `${targetPath}\0${bindingsKey(bindings)}`;
      const depthSeen = visited.get(key);
      if (depthSeen !== undefined && depthSeen <= stack.length) continue;
      visited.set(key, stack.length);
      const bound = withBindings(target.file, bindings);
      for (const rule of run.rules) {
        if (!rule.bicep) continue;
        run.runRule(
          rule,
          bound,
          (report) => {
            if (report.decision?.file === run.landing) found.push({ rule, report: withNote(report, target) });
          },
          targetPath,
        );
      }
      if (target.kind === 'local') found.push(...moduleCallReports(run, bound, target.path, [...stack, targetPath], visited));
    }
  }
  return found;
}

/** What a module's analysis under these bindings depends on: each param's value and where it is decided. */
function bindingsKey(bindings: ParamBindings): string {
  const parts: string[] = [];
  for (const [name, binding] of bindings) {
    const d = binding.decision;
    const value = binding.kind === 'value' ? (binding.value === undefined ? '?' : JSON.stringify(binding.value)) : 'default';
    parts.push(`${name}=${value}@${d.file}:${rangeKey(d.range)}:${d.param ?? ''}:${d.description}:${d.context}`);
  }
  return parts.join('\0');
}

function withNote(report: Report, target: ModuleTarget): Report {
  if (target.kind !== 'registry' || !target.module.note) return report;
  return { ...report, message: `${report.message} (${target.module.note})` };
}

/** One finding per decision: iterations of a loop, and chains reaching the same value, report once. */
export function dedupe(reports: readonly CrossFileReport[]): CrossFileReport[] {
  const seen = new Set<string>();
  return reports.filter(({ rule, report }) => {
    const key = `${rule.id}\0${rangeKey(report.decision!.range)}\0${report.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function rangeKey(range: Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Values worth trying for a param when a fix looks for one that clears a finding: its `@allowed` list, or both booleans. */
export function candidateValues(param: ParamDeclaration | undefined, file: BicepFile): () => BicepValue[] {
  return () => {
    if (!param) return [];
    const allowed = param.decorators.find((d) => d.name === 'allowed')?.args[0];
    if (allowed?.kind === 'Array') {
      return allowed.items.flatMap((item): BicepValue[] => {
        const value = evaluate(item, file);
        return value.known ? [value.value] : [];
      });
    }
    return param.type?.text.replace(/\?$/, '').trim() === 'bool' ? [true, false] : [];
  };
}

/** The declared type's test (`string`, `bool`, `int`, `object`, `array`, a union of literals), with the `@allowed` list. */
export function acceptsValue(param: ParamDeclaration, file: BicepFile): (value: BicepValue) => boolean {
  return (value) => {
    const type = param.type?.text.replace(/\?$/, '').trim();
    const typeOk =
      type === 'string'
        ? typeof value === 'string'
        : type === 'bool'
          ? typeof value === 'boolean'
          : type === 'int'
            ? typeof value === 'number'
            : type === 'object'
              ? value !== null && typeof value === 'object' && !Array.isArray(value)
              : type === 'array'
                ? Array.isArray(value)
                : type !== undefined && /^'[^']*'(\s*\|\s*'[^']*')*$/.test(type)
                  ? typeof value === 'string' && type.split('|').some((t) => t.trim() === `'${value}'`)
                  : value === null
                    ? false
                    : true;
    if (!typeOk) return false;
    const allowed = candidateValues(param, file)();
    return allowed.length === 0 || param.type?.text.trim() === 'bool' || allowed.some((a) => a === value);
  };
}

/** The value a fix's edit writes, when its text is a literal (`true`, `'Disabled'`, `{ defaultAction: 'Deny' }`). */
export function literalValueOf(text: string): BicepValue | undefined {
  const parsedText = parseBicep(`var v = ${text}\n`);
  const declaration = parsedText.statements[0];
  if (parsedText.syntaxErrors.length > 0 || declaration?.kind !== 'Var') return undefined;
  const value = evaluate(declaration.value, parsedText);
  return value.known ? value.value : undefined;
}

export function sameDecision(a: Decision, b: Decision): boolean {
  return decisionKey(a) === decisionKey(b);
}

/** Equal for the same decision (`sameDecision`). */
export function decisionKey(decision: Decision): string {
  return `${decision.file}\0${decision.param ?? ''}\0${rangeKey(decision.range)}`;
}

function applyOverride(bindings: Map<string, ParamBinding>, override: { decision: Decision; value: BicepValue }): void {
  for (const [name, binding] of bindings) {
    if (sameDecision(binding.decision, override.decision)) bindings.set(name, { kind: 'value', value: override.value, decision: binding.decision });
  }
}

/**
 * The finding as it lands where its value is decided: at the caller's passed value or module
 * call, or in the parameter file, its message prefixed with the module it is about, and a fix
 * that changes the decided value to the first candidate that makes the finding go away (checked
 * by analysing again with it: `stillReported`). No fix when no candidate clears it.
 */
export function atDecision(item: CrossFileReport, landing: BicepFile | undefined, stillReported: (value: BicepValue) => boolean): Report {
  const { report } = item;
  const decision = report.decision!;
  return {
    range: decision.range,
    message: `${decision.context}${report.message}`,
    decision,
    fixes: () => {
      if (decision.edit.kind === 'none' || !decision.param) return [];
      const own = typeof report.fixes === 'function' ? report.fixes() : (report.fixes ?? []);
      const first = own[0];
      const candidates: BicepValue[] = [];
      for (const fix of own)
        for (const edit of fix.edits) {
          const value = literalValueOf(edit.newText.trim());
          if (value !== undefined) candidates.push(value);
        }
      candidates.push(...(decision.candidates?.() ?? []));
      const value = candidates.find((c) => (decision.accepts?.(c) ?? true) && !stillReported(c));
      if (value === undefined) return [];
      const edit = decisionEdit(landing, decision, value);
      if (!edit) return [];
      const head = first ? first.title.split(':')[0]! : 'Fix';
      const shownValue = decision.edit.kind === 'replace' && decision.edit.language === 'json' ? JSON.stringify(value) : oneLine(bicepLiteral(value));
      const title = decision.edit.kind === 'pass' ? `${head}: pass ${decision.param}: ${shownValue} to the module` : `${head}: set ${decision.param} to ${shownValue}`;
      return [{ title, preferred: first?.preferred ?? false, edits: [edit] }];
    },
  };
}

function decisionEdit(landing: BicepFile | undefined, decision: Decision, value: BicepValue): TextEdit | undefined {
  const edit = decision.edit;
  if (edit.kind === 'replace') return { range: edit.range, newText: edit.language === 'json' ? JSON.stringify(value) : bicepLiteral(value) };
  if (edit.kind !== 'pass' || !landing) return undefined;
  const module = landing.statements.find((s): s is ModuleDeclaration => s.kind === 'Module' && s.start === edit.moduleStart);
  const body = module && moduleBody(module).body;
  if (!body) return undefined;
  const passed = getOwnProperty(body, 'params');
  if (passed?.value.kind === 'Object') return insertPropertyEdit(landing, passed.value, edit.param, bicepLiteral(value));
  if (passed) return undefined;
  return insertPropertyEdit(landing, body, 'params', `{\n  ${edit.param}: ${bicepLiteral(value).split('\n').join('\n  ')}\n}`);
}

/**
 * The findings a `.bicepparam` file decides: its template analysed with the values it assigns
 * (and the template's module calls, as deep as those values flow). A param the file leaves unset
 * keeps the template's default, which is the template's own decision.
 */
export function parameterFileReports(run: CrossFileRun, paramsFile: BicepFile, filePath: string): CrossFileReport[] {
  const using = paramsFile.statements.find((s) => s.kind === 'Using');
  const target = using?.kind === 'Using' && using.path?.kind === 'String' ? resolveLocalTarget(filePath, stringValue(using.path)) : undefined;
  const text = target && run.view.textOf(target);
  if (!target || text === undefined) return [];
  const template = parseCached(text);
  const label = shown(filePath, target);
  const bindings = new Map<string, ParamBinding>();
  for (const assigned of params(paramsFile)) {
    if (!assigned.value) continue;
    const declared = params(template).find((p) => p.name.text === assigned.name.text);
    if (!declared) continue;
    const evaluation = evaluate(assigned.value, paramsFile);
    bindings.set(assigned.name.text, {
      kind: 'value',
      value: evaluation.known ? evaluation.value : undefined,
      decision: {
        file: filePath,
        range: rangeOf(paramsFile, assigned.value),
        description: `set in ${path.basename(filePath)}`,
        context: `Template ${label}: `,
        param: assigned.name.text,
        edit: isPlainLiteral(assigned.value) ? { kind: 'replace', range: rangeOf(paramsFile, assigned.value), language: 'bicep' } : { kind: 'none' },
        candidates: candidateValues(declared, template),
        accepts: acceptsValue(declared, template),
      },
    });
  }
  return templateReports(run, template, target, bindings);
}

/** A template's own findings and its module calls' under `bindings`, those decided in the landing file. */
export function templateReports(run: CrossFileRun, template: BicepFile, templatePath: string, bindings: Map<string, ParamBinding>): CrossFileReport[] {
  if (run.override) applyOverride(bindings, run.override);
  if (![...bindings.values()].some((b) => b.decision.file === run.landing)) return [];
  const bound = withBindings(template, bindings);
  const found: CrossFileReport[] = [];
  for (const rule of run.rules) {
    run.runRule(
      rule,
      bound,
      (report) => {
        if (report.decision?.file === run.landing) found.push({ rule, report });
      },
      templatePath,
    );
  }
  found.push(...moduleCallReports(run, bound, templatePath, [run.landing, templatePath]));
  return found;
}

/** A multi-line literal as one line (fix titles): each line trimmed, joined with spaces. */
function oneLine(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trim())
    .join(' ');
}
