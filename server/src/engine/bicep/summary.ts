import type { BicepParamsFileSummary, BicepSummary, ModuleCallSummary, StandaloneLinks, ValueSummary } from '../summary.js';
import { standaloneLinks } from '../links.js';
import type { BicepFile, Expression, IfCondition, ModuleDeclaration, Node } from './ast.js';
import { evaluate } from './evaluate.js';
import { rangeOf } from './file.js';
import { getPropertyValue, hasDecorator, outputs, params, properties } from './query.js';
import { nameText, stringValue } from './strings.js';

/**
 * What other files need of a Bicep template: params, outputs, module calls with what they pass, and for a
 * template without module calls its AI resources as links of code to infrastructure need them
 * (`standaloneLinks`). Its other resources are not kept: nothing across files reads them, and they were
 * most of what an audit's workers sent the main thread and what it held.
 */
export function summarizeBicep(file: BicepFile): BicepSummary {
  return {
    language: 'bicep',
    params: params(file).map((p) => ({
      name: p.name.text,
      type: p.type?.text,
      nullable: p.type?.nullable ?? false,
      secure: hasDecorator(p, 'secure'),
      default: p.value ? valueSummary(p.value, file) : undefined,
      range: p.keywordLine,
    })),
    outputs: outputs(file).map((o) => ({ name: o.name.text, secure: hasDecorator(o, 'secure'), value: valueSummary(o.value, file), range: o.keywordLine })),
    modules: file.statements.filter((s): s is ModuleDeclaration => s.kind === 'Module').map((m) => moduleCall(m, file)),
    ...withLinks(standaloneLinks(file)),
  };
}

const withLinks = (links: StandaloneLinks | undefined) => (links ? { links } : {});

/** A `.bicepparam` file: its `using` target and the values it assigns. */
export function summarizeBicepParams(file: BicepFile): BicepParamsFileSummary {
  const using = file.statements.find((s) => s.kind === 'Using');
  return {
    language: 'bicepparam',
    using: using?.kind === 'Using' && using.path ? stringValue(using.path) : undefined,
    params: params(file).flatMap((p) => (p.value ? [{ name: p.name.text, value: valueSummary(p.value, file) }] : [])),
  };
}

function moduleCall(module: ModuleDeclaration, file: BicepFile): ModuleCallSummary {
  let body: Node = module.value;
  let conditional = false;
  let loop = false;
  // `[for …: if (…) {…}]`, `if (…) {…}`, `[for …: {…}]`: the object inside.
  for (let i = 0; i < 2; i++) {
    if (body.kind === 'For') {
      loop = true;
      body = body.body;
    } else if (body.kind === 'If') {
      conditional = true;
      body = (body as IfCondition).body;
    }
  }
  const passed = getPropertyValue(body, 'params');
  return {
    symbolicName: module.name.text,
    target: module.path.kind === 'String' ? stringValue(module.path) : undefined,
    conditional,
    loop,
    params: passed?.kind === 'Object' ? properties(passed).map((p) => ({ name: nameText(p.key) ?? '', value: valueSummary(p.value, file) })) : [],
    range: rangeOf(file, module.name),
  };
}

/** A value as the file alone decides it: folded when it can be; a param's name when its callers decide. */
export function valueSummary(expression: Expression, file: BicepFile): ValueSummary {
  const range = rangeOf(file, expression);
  const folded = evaluate(expression, file);
  if (folded.known) {
    if (folded.via?.kind === 'param') return { kind: 'param', name: folded.via.name, fallback: folded.value, range };
    return { kind: 'known', value: folded.value, range };
  }
  if (expression.kind === 'Identifier') {
    const declaration = file.statements.find((s) => s.kind === 'Param' && s.name.text === expression.name);
    if (declaration) return { kind: 'param', name: expression.name, range };
  }
  return { kind: 'unknown', range };
}
