/**
 * azd's `main.parameters.json`: an ARM parameter file beside the template of the same base name
 * (`main.parameters.json` → `main.bicep`, as azd reads `azure.yaml`'s `infra.module`). Its
 * `parameters.<name>.value` entries set the template's params like a `.bicepparam` file does;
 * a finding they decide lands on that JSON value (docs/rules/README.md, "Across files").
 * Values azd substitutes at deployment (`"${AZURE_LOCATION}"`) are unknown.
 */
import * as path from 'node:path';
import { findNodeAtLocation, parseTree, type Node as JsonNode } from 'jsonc-parser';
import type { BicepParamsFileSummary } from '../../summary.js';
import type { LineIndex } from '../../text.js';
import type { Range } from '../../types.js';
import type { ParamBinding } from '../bindings.js';
import type { BicepValue } from '../evaluate.js';
import { params } from '../query.js';
import { acceptsValue, candidateValues, parseCached, templateReports, type CrossFileReport, type CrossFileRun } from './cross-file.js';

/** `main.parameters.json` (any case) → `main`. */
const PARAMETER_FILE = /^(.+)\.parameters\.json$/i;

export function isArmParameterFile(uri: string): boolean {
  return PARAMETER_FILE.test(uri.slice(Math.max(uri.lastIndexOf('/'), uri.lastIndexOf('\\')) + 1));
}

/** The template a parameter file is for: the `.bicep` of the same base name beside it. */
export function templateOf(file: string): string {
  return `./${path.basename(file).replace(PARAMETER_FILE, '$1')}.bicep`;
}

interface Entry {
  name: string;
  value: BicepValue | undefined;
  range: Range;
}

function entries(text: string, lines: LineIndex): Entry[] {
  const tree = parseTree(text, [], { allowTrailingComma: true, disallowComments: false });
  const parameters = tree && findNodeAtLocation(tree, ['parameters']);
  if (!parameters || parameters.type !== 'object') return [];
  const found: Entry[] = [];
  for (const property of parameters.children ?? []) {
    const [key, body] = property.children ?? [];
    if (key?.type !== 'string' || body?.type !== 'object') continue;
    const value = findNodeAtLocation(body, ['value']);
    if (!value) continue;
    found.push({ name: String(key.value), value: valueOf(value), range: lines.range(value.offset, value.offset + value.length) });
  }
  return found;
}

/** A JSON value, or undefined when azd substitutes part of it at deployment. */
function valueOf(node: JsonNode): BicepValue | undefined {
  switch (node.type) {
    case 'string':
      return String(node.value).includes('${') ? undefined : String(node.value);
    case 'number':
    case 'boolean':
      return node.value as number | boolean;
    case 'null':
      return null;
    case 'array': {
      const items = (node.children ?? []).map(valueOf);
      return items.every((i) => i !== undefined) ? (items as BicepValue[]) : undefined;
    }
    case 'object': {
      const object: { [key: string]: BicepValue } = {};
      for (const property of node.children ?? []) {
        const [key, value] = property.children ?? [];
        const v = value && valueOf(value);
        if (key?.type !== 'string' || v === undefined) return undefined;
        object[String(key.value)] = v;
      }
      return object;
    }
    default:
      return undefined;
  }
}

/** What the workspace model needs: the template it is for and the params it sets (as a `.bicepparam` file's). */
export function summarizeArmParameters(file: string, text: string, lines: LineIndex): BicepParamsFileSummary {
  return {
    language: 'bicepparam',
    using: templateOf(file),
    params: entries(text, lines).map((e) =>
      e.value === undefined ? { name: e.name, value: { kind: 'unknown', range: e.range } } : { name: e.name, value: { kind: 'known', value: e.value, range: e.range } },
    ),
  };
}

/** The findings the parameter file decides: its template analysed with the values it sets. */
export function armParameterReports(run: CrossFileRun, text: string, lines: LineIndex, filePath: string): CrossFileReport[] {
  const target = path.resolve(path.dirname(filePath), templateOf(filePath));
  const templateText = run.view.textOf(target);
  if (templateText === undefined) return [];
  const template = parseCached(templateText);
  const label = path.basename(target);
  const bindings = new Map<string, ParamBinding>();
  for (const entry of entries(text, lines)) {
    const declared = params(template).find((p) => p.name.text === entry.name);
    if (!declared) continue;
    bindings.set(entry.name, {
      kind: 'value',
      value: entry.value,
      decision: {
        file: filePath,
        range: entry.range,
        description: `set in ${path.basename(filePath)}`,
        context: `Template ${label}: `,
        param: entry.name,
        edit: entry.value === undefined ? { kind: 'none' } : { kind: 'replace', range: entry.range, language: 'json' },
        candidates: candidateValues(declared, template),
        accepts: acceptsValue(declared, template),
      },
    });
  }
  return templateReports(run, template, target, bindings);
}
